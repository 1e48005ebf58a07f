"""Event clusters and sightings: queries, the JSON API on a live server, and the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from ceasewatch.store.queries import ClusterFilter, ReadStore
from tests.serve.test_http_api import assert_error, get

pytestmark = pytest.mark.network


def test_cluster_filters_combine(clustered):
    db, records = clustered
    kharkiv, port, hostile = (c.id for c in records["clusters"])
    with ReadStore(db) as store:

        def ids(**kw: Any) -> list[str]:
            return [c["id"] for c in store.clusters(ClusterFilter(**kw))[0]]

        assert ids() == [hostile, port, kharkiv]  # newest first
        assert ids(min_size=2) == [kharkiv]
        assert ids(possible_duplicate=True) == [kharkiv]
        assert ids(possible_duplicate=False) == [hostile, port]
        assert ids(since=dt.date(2025, 3, 20), until=dt.date(2025, 3, 23)) == [port]
        assert ids(bbox=(36.0, 49.0, 37.0, 51.0)) == [kharkiv]
        assert ids(type="fight") == []
        assert ids(event_id=records["second"].id) == [kharkiv]
        assert ids(document_id=records["results"][1].document.id) == [port]
        items, total = store.clusters(limit=1, offset=2)
        assert total == 3 and [c["id"] for c in items] == [kharkiv]
        assert store.cluster("nope") is None
        assert [c["id"] for c in store.cluster_records()] == [kharkiv, port, hostile]


def test_cluster_api_keeps_every_mention_and_count(clustered_url, clustered):
    records = clustered[1]
    kharkiv = records["kharkiv"]
    body = get(f"{clustered_url}/api/v1/clusters", min_size=2).json()
    assert body["total"] == 1
    item = body["items"][0]
    assert item["id"] == kharkiv.id and item["size"] == 2 and item["possible_duplicate"] is True
    assert item["sources"] == ["Test Wire", "Other Wire"]
    weapons = {c["source"]: c["counts"]["weapons"]["min"] for c in item["counts"]}
    assert weapons == {"Test Wire": 12, "Other Wire": 15}
    titles = [m["document"]["title"] for m in item["mentions"]]
    assert titles == ["Drones hit Kharkiv power station", "Kharkiv energy site hit again"]
    assert {m["event"]["id"] for m in item["mentions"]} == set(kharkiv.event_ids)
    one = get(f"{clustered_url}/api/v1/clusters/{kharkiv.id}").json()
    assert one["mentions"] == item["mentions"]
    page = get(f"{clustered_url}/api/v1/clusters", limit=2, offset=1).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    assert get(f"{clustered_url}/api/v1/clusters", bbox="30,46,31,47").json()["total"] == 1
    dated = get(f"{clustered_url}/api/v1/clusters", since="2025-03-23", type="assault").json()
    assert [c["id"] for c in dated["items"]] == [records["clusters"][2].id]


def test_cluster_api_errors_have_the_one_shape(clustered_url):
    api = f"{clustered_url}/api/v1/clusters"
    assert_error(get(f"{api}/nope"), 404, "not_found")
    assert_error(get(api, min_size=0), 422, "invalid_request")
    assert_error(get(api, bbox="1,2"), 422, "invalid_request")
    assert_error(get(api, since="2025-03-05", until="2025-03-01"), 422, "invalid_request")
    assert_error(get(api, possible_duplicate="maybe"), 422, "invalid_request")


def test_events_and_documents_name_their_cluster_and_sightings(clustered_url, clustered):
    records = clustered[1]
    kharkiv = records["kharkiv"]
    events = get(f"{clustered_url}/api/v1/events").json()["items"]
    by_id = {e["id"]: e["cluster"] for e in events}
    assert by_id[records["strike"].id] == {
        "id": kharkiv.id,
        "size": 2,
        "possible_duplicate": True,
    }
    assert by_id[records["port"].id]["size"] == 1
    doc_id = records["results"][0].document.id
    doc = get(f"{clustered_url}/api/v1/documents/{doc_id}").json()
    cluster = doc["events"][0]["cluster"]
    assert cluster["id"] == kharkiv.id
    assert [o["event"]["id"] for o in cluster["others"]] == [records["second"].id]
    assert cluster["others"][0]["document"]["source"] == "Other Wire"
    sightings = doc["sightings"]
    assert [s["origin"] for s in sightings] == ["test", "feeds/mirror.xml#item-7"]
    assert sightings[1]["url"] == "https://mirror.example.net/kharkiv-drones"
    assert sightings[1]["external_id"] == "mirror-7" and sightings[1]["published"] == "2025-03-21"
    listing = get(f"{clustered_url}/api/v1/documents", q="power station").json()
    assert {d["id"]: d["sightings"] for d in listing["items"]}[doc_id] == 2


def test_cluster_pages_show_counts_per_source(clustered_url, clustered):
    records = clustered[1]
    kharkiv = records["kharkiv"]
    html = get(f"{clustered_url}/clusters").text
    assert html.count('<article class="cluster') == 3
    assert "possible duplicate" in html and "differs" in html
    assert "12 drones" in html and "15 drones" in html
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in html and "<script>alert" not in html
    assert get(f"{clustered_url}/clusters", min_size=2).text.count('<article class="cluster') == 1
    one = get(f"{clustered_url}/clusters/{kharkiv.id}").text
    for doc in (records["results"][0].document, records["results"][5].document):
        assert f'href="/documents/{doc.id}#rec-' in one
    assert 'class="differs"' in one
    missing = get(f"{clustered_url}/clusters/nope")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")


def test_map_toggles_to_one_point_per_cluster(clustered_url, clustered):
    records = clustered[1]
    events = get(f"{clustered_url}/").text
    assert events.count('<a class="pt"') == 4
    assert f'href="/clusters/{records["kharkiv"].id}"' in events  # the list links its cluster
    clusters = get(f"{clustered_url}/", show="clusters").text
    assert clusters.count('<a class="pt cluster"') == 3
    assert f'<a class="pt cluster" href="/clusters/{records["kharkiv"].id}"' in clusters
    assert 'data-size="2"' in clusters
    narrowed = get(f"{clustered_url}/", show="clusters", since="2025-03-22").text
    assert narrowed.count('<a class="pt cluster"') == 2
    assert get(f"{clustered_url}/", show="bogus").status_code == 422


def test_document_page_lists_every_sighting_safely(clustered_url, clustered):
    records = clustered[1]
    html = get(f"{clustered_url}/documents/{records['results'][0].document.id}").text
    assert 'href="https://mirror.example.net/kharkiv-drones"' in html
    assert "feeds/mirror.xml#item-7" in html and "mirror-7" in html and "Mirror Wire" in html
    assert "also reported in" in html and "Kharkiv energy site hit again" in html
    hostile = get(f"{clustered_url}/documents/{records['hostile_doc'].id}").text
    assert "<img src=x" not in hostile and "&lt;img src=x" in hostile
    assert 'href="javascript:' not in hostile and "javascript:alert(10)" in hostile
    assert "<script>alert(11)" not in hostile


@pytest.mark.parametrize("path", ["/clusters", "/?show=clusters"])
def test_cluster_views_send_the_strict_policy(clustered_url, path):
    response = httpx.get(clustered_url + path, timeout=10)
    assert response.status_code == 200
    assert "unsafe-inline" not in response.headers["content-security-policy"]
