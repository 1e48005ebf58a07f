"""The JSON API against a real uvicorn server on loopback."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import duckdb
import httpx
import pytest

from ceasewatch.serve.app import create_app
from ceasewatch.store import queries
from ceasewatch.store.queries import MAX_PAGE
from tests.serve.conftest import LiveServer
from tests.serve.ledger_data import fill_store

pytestmark = pytest.mark.network


def get(url: str, **params: Any) -> httpx.Response:
    return httpx.get(url, params=params, timeout=10)


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_event_list_filters_and_pages(server_url, ledger):
    records = ledger[1]
    api = f"{server_url}/api/v1/events"
    everything = get(api).json()
    assert everything["total"] == 3 and len(everything["items"]) == 3
    first = everything["items"][0]
    assert first["date"]["start"] == "2025-03-24"  # newest first
    assert {"id", "title", "published", "url"} <= set(first["document"])

    def ids(**params: Any) -> set[str]:
        return {e["id"] for e in get(api, **params).json()["items"]}

    assert ids(country="rus") == {records["strike"].id, records["port"].id}
    assert ids(category="energy") == {records["strike"].id}
    assert ids(bbox="30,46,31,47") == {records["port"].id}
    assert ids(since="2025-03-20", until="2025-03-23") == {records["port"].id}
    assert ids(q="odesa") == {records["port"].id}
    assert ids(q="100%") == set()
    assert ids(type="assault") == ids()
    page = get(api, limit=1, offset=1).json()
    assert page["total"] == 3 and page["limit"] == 1 and len(page["items"]) == 1
    assert page["items"][0]["id"] == everything["items"][1]["id"]


def test_page_size_is_capped(server_url):
    error = assert_error(
        get(f"{server_url}/api/v1/events", limit=MAX_PAGE + 1), 422, "invalid_request"
    )
    assert error["details"][0]["loc"] == ["query", "limit"]
    assert get(f"{server_url}/api/v1/claims", limit=MAX_PAGE).status_code == 200


def test_one_document_has_its_text_records_spans_and_links(server_url, ledger):
    records = ledger[1]
    strike_doc = records["results"][0].document
    doc = get(f"{server_url}/api/v1/documents/{strike_doc.id}").json()
    assert doc["text"] == strike_doc.text
    assert [e["id"] for e in doc["events"]] == [records["strike"].id]
    assert len(doc["spans"]) == 2
    for span in doc["spans"]:
        assert doc["text"][span["start"] : span["end"]] == span["text"]
        assert span["record_id"] == records["strike"].id
    assert [v["event_id"] for v in doc["violations"]] == [records["strike"].id]
    assert [c["kind"] for c in doc["contradictions"]] == ["denial"]
    listing = get(f"{server_url}/api/v1/documents", q="kharkiv").json()
    assert listing["total"] == 2
    assert all("text" not in d for d in listing["items"])


def test_commitments_come_merged_with_declarations_and_violations(server_url, ledger):
    body = get(f"{server_url}/api/v1/commitments").json()
    assert body["total"] == 1
    item = body["items"][0]
    assert item["id"] == ledger[1]["merged"].id
    assert [d["actor"]["country"] for d in item["declarations"]] == ["RUS", "UKR"]
    by_kind = {v["allegation"]: v for v in item["violations"]}
    assert by_kind[False]["event"]["id"] == ledger[1]["strike"].id
    assert by_kind[False]["document"]["title"] == "Drones hit Kharkiv power station"
    assert by_kind[True]["event"] is None and by_kind[True]["document"]["published"]
    assert get(f"{server_url}/api/v1/commitments", kind="ceasefire").json()["total"] == 0


def test_claims_and_contradictions_resolve_both_sides(server_url, ledger):
    claims = get(f"{server_url}/api/v1/claims", disputed="true").json()
    assert [c["id"] for c in claims["items"]] == [ledger[1]["denied"].id]
    body = get(f"{server_url}/api/v1/contradictions").json()
    assert body["total"] == 1
    item = body["items"][0]
    assert item["a_side"]["kind"] == "claim" and item["a_side"]["record"]["polarity"] == "denies"
    assert item["b_side"]["kind"] == "event"
    assert item["b_side"]["document"]["id"] == ledger[1]["results"][0].document.id


def test_every_error_has_one_shape(server_url):
    assert_error(get(f"{server_url}/api/v1/documents/nope"), 404, "not_found")
    assert_error(get(f"{server_url}/api/v1/nothing-here"), 404, "not_found")
    assert_error(get(f"{server_url}/api/v1/events", since="yesterday"), 422, "invalid_request")
    assert_error(get(f"{server_url}/api/v1/events", bbox="1,2,3"), 422, "invalid_request")
    assert_error(get(f"{server_url}/api/v1/events", country="Russia"), 422, "invalid_request")
    assert_error(
        get(f"{server_url}/api/v1/events", since="2025-03-02", until="2025-03-01"),
        422,
        "invalid_request",
    )
    posted = httpx.post(f"{server_url}/api/v1/events", timeout=10)
    assert_error(posted, 405, "method_not_allowed")


def test_a_broken_store_gives_500_and_a_missing_one_503(tmp_path):
    broken = tmp_path / "broken.duckdb"
    fill_store(broken)
    con = duckdb.connect(str(broken))
    con.execute("DROP TABLE events")
    con.close()
    with LiveServer(create_app(broken)) as live:
        error = assert_error(get(f"{live.url}/api/v1/events"), 500, "internal_error")
        assert "events" not in error["message"]  # no internals leak
    with LiveServer(create_app(tmp_path / "missing.duckdb")) as live:
        assert_error(get(f"{live.url}/api/v1/events"), 503, "store_unavailable")


def test_a_slow_query_is_cut_off_with_504(ledger, monkeypatch):
    def slow(self, *args: Any, **kwargs: Any) -> Any:
        return self.rows("SELECT sum(i) FROM range(50000000000) t(i)")

    monkeypatch.setattr(queries.ReadStore, "events", slow)
    with LiveServer(create_app(ledger[0], timeout=0.3)) as live:
        assert_error(get(f"{live.url}/api/v1/events"), 504, "query_timeout")


def test_openapi_documents_every_route_and_the_error_shape(server_url):
    schema = get(f"{server_url}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/v1/documents",
        "/api/v1/documents/{document_id}",
        "/api/v1/events",
        "/api/v1/events/timeline",
        "/api/v1/commitments",
        "/api/v1/claims",
        "/api/v1/contradictions",
        "/api/v1/clusters",
        "/api/v1/clusters/{cluster_id}",
        "/api/v1/stats",
    ):
        assert "get" in paths[path], path
        responses = paths[path]["get"]["responses"]
        for status in ("404", "422", "500", "504"):
            ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorResponse")
    assert not any(p.startswith("/documents") or p == "/" for p in paths)  # UI is not API
    params = {p["name"]: p for p in paths["/api/v1/events"]["get"]["parameters"]}
    assert {"since", "until", "country", "type", "category", "bbox", "q", "limit", "offset"} <= set(
        params
    )
    assert params["limit"]["schema"]["maximum"] == MAX_PAGE
    cluster_params = {p["name"] for p in paths["/api/v1/clusters"]["get"]["parameters"]}
    assert {"since", "until", "type", "bbox", "min_size", "possible_duplicate"} <= cluster_params
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    error = schema["components"]["schemas"]["ErrorDetail"]
    assert set(error["required"]) == {"code", "message"}


def test_pages_send_a_strict_content_security_policy(server_url):
    response = get(f"{server_url}/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/claims", "/documents", "/commitments"])
def test_pages_render_stored_markup_as_text(server_url, ledger, path):
    html = get(f"{server_url}{path}").text
    assert "<script>alert" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html
    assert "onmouseover=" not in html.replace("onmouseover=&#34;", "")
    if path in ("/", "/documents", "/claims"):
        assert "&lt;script&gt;alert(" in html


def test_document_page_escapes_text_and_drops_unsafe_links(server_url, ledger):
    doc = ledger[1]["hostile_doc"]
    html = get(f"{server_url}/documents/{doc.id}").text
    assert "<script>window.__xss" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__xss = 1;" in html
    assert 'href="javascript:' not in html
    assert "javascript:alert(document.cookie)" in html  # shown as text, not a link
    page = get(f"{server_url}/documents/{ledger[1]['results'][0].document.id}").text
    assert 'href="https://example.org/kharkiv"' in page
    assert 'class="span k-event"' in page and f'href="#rec-{ledger[1]["strike"].id}"' in page


def test_unknown_page_is_an_html_404(server_url):
    response = get(f"{server_url}/documents/does-not-exist")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "does-not-exist" in response.text


def test_map_page_draws_outlines_points_and_timeline(server_url, ledger):
    html = get(f"{server_url}/").text
    assert html.count('<a class="pt"') == 3
    assert html.count('<path d="M') > 5  # country outlines
    assert 'id="timeline"' in html and html.count('class="bar"') == 3
    narrowed = get(f"{server_url}/", country="RUS").text
    assert narrowed.count('<a class="pt"') == 2


def test_tile_layer_is_optional(ledger):
    app = create_app(ledger[0], tile_url="https://tiles.example.org/{z}/{x}/{y}.png")
    with LiveServer(app) as live:
        response = get(f"{live.url}/")
        assert "https://tiles.example.org" in response.headers["content-security-policy"]
        assert '<image href="https://tiles.example.org/' in response.text
    with pytest.raises(ValueError):
        create_app(ledger[0], tile_url="javascript:alert(1)")


def test_store_is_opened_read_only_per_request(server_url, ledger):
    """A writer can open the file between requests."""
    assert get(f"{server_url}/api/v1/stats").json()["counts"]["events"] == 3
    db: Path = ledger[0]
    writer = "import duckdb, sys; duckdb.connect(sys.argv[1]).close()"
    for _ in range(5):  # the request's store closes just after its response is sent
        done = subprocess.run([sys.executable, "-c", writer, str(db)], capture_output=True)
        if done.returncode == 0:
            break
        time.sleep(0.2)
    assert done.returncode == 0, done.stderr.decode()  # fails while the server holds the file
    assert get(f"{server_url}/api/v1/stats").status_code == 200


def pager_links(html: str, nav_id: str) -> dict[str, dict[str, str] | None]:
    """The query of the previous and next links of one pager (None when absent)."""
    match = re.search(rf'<nav class="pager" id="{nav_id}".*?</nav>', html, re.S)
    assert match, f"no pager {nav_id}"
    out: dict[str, dict[str, str] | None] = {"prev": None, "next": None}
    for href, rel in re.findall(r'href="([^"]*)" rel="(prev|next)"', match.group(0)):
        out[rel] = dict(parse_qsl(urlsplit(unescape(href)).query))
    return out


def test_claims_and_contradictions_pages_page_separately(server_url, ledger):
    first = get(f"{server_url}/claims", limit=1).text
    assert first.count('<div class="claim') == 1
    assert pager_links(first, "claims-pager") == {
        "prev": None,
        "next": {"limit": "1", "offset": "1"},
    }
    assert 'id="contradictions-pager"' not in first  # one contradiction: no pages
    shown = set()
    for offset in range(3):
        html = get(f"{server_url}/claims", limit=1, offset=offset).text
        shown |= {line for line in html.splitlines() if 'class="claim' in line}
    assert len(shown) == 3  # three pages, three different claims
    last = get(f"{server_url}/claims", limit=1, offset=2).text
    assert pager_links(last, "claims-pager") == {
        "prev": {"limit": "1", "offset": "1"},
        "next": None,
    }
    # the contradictions pager moves on its own and keeps the claims page
    past = get(f"{server_url}/claims", limit=1, offset=2, xoffset=1).text
    assert "No contradictions on this page" in past
    links = pager_links(past, "contradictions-pager")
    assert links == {"prev": {"limit": "1", "offset": "2"}, "next": None}
    searched = get(f"{server_url}/claims", q="power", limit=1).text
    assert searched.count('<div class="claim') == 1
    assert 'id="claims-pager"' not in searched


def test_commitments_page_pages(server_url):
    html = get(f"{server_url}/commitments", limit=1).text
    assert html.count('<article class="commitment"') == 1 and 'class="pager"' not in html
    beyond = get(f"{server_url}/commitments", limit=1, offset=1).text
    assert '<article class="commitment"' not in beyond
    assert "No commitments on this page" in beyond
    assert pager_links(beyond, "pager-top") == {"prev": {"limit": "1"}, "next": None}
    assert get(f"{server_url}/commitments", limit=MAX_PAGE + 1).status_code == 422
