"""The web UI in real headless Chromium (Debian's /usr/bin/chromium, driven by playwright)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve.pngcheck import distinct_colours

pytestmark = pytest.mark.browser

CHROMIUM = (
    os.environ.get("CEASEWATCH_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is absent")
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def snap(page: Any, out: Path) -> int:
    """Save a screenshot of the top of the page; return its number of distinct colours."""
    page.screenshot(path=str(out), clip={"x": 0, "y": 0, "width": 900, "height": 700})
    return distinct_colours(out.read_bytes())


@pytest.mark.parametrize(
    "path", ["/", "/commitments", "/claims", "/documents", "/clusters", "/?show=clusters"]
)
def test_each_view_renders_something(page, server_url, tmp_path, path):
    page.goto(server_url + path)
    assert page.locator("main h1").count() == 1
    colours = snap(page, tmp_path / "view.png")
    assert colours > 40, f"{path} looks blank ({colours} colours)"
    assert page.errors == []


def test_clicking_a_map_point_leads_to_its_evidence(page, server_url, ledger, tmp_path):
    strike = ledger[1]["strike"]
    page.goto(server_url + "/")
    assert page.locator("#map path").count() > 5
    page.locator(f'#map a.pt[data-id="{strike.id}"] circle').click()
    page.wait_for_url(f"**/documents/*#rec-{strike.id}")
    card = page.locator(f"#rec-{strike.id}")
    assert card.is_visible()
    assert "Kharkiv" in card.inner_text()
    lit = page.locator("#text a.span.lit")
    assert lit.count() == 2
    assert lit.first.inner_text() == strike.evidence[0].text
    assert snap(page, tmp_path / "evidence.png") > 40
    # and back: a highlighted span links to its record card
    lit.nth(1).click()
    assert page.url.endswith(f"#rec-{strike.id}")


def test_brushing_the_timeline_filters_map_and_list(page, server_url, ledger):
    page.goto(server_url + "/")
    page.locator("#timeline").scroll_into_view_if_needed()
    box = page.locator("#timeline").bounding_box()
    days = int(page.locator("#timeline").get_attribute("data-days"))
    y = box["y"] + box["height"] / 3
    day_width = box["width"] / days
    page.mouse.move(box["x"] + day_width * 0.2, y)  # drag over the first day only
    page.mouse.down()
    page.mouse.move(box["x"] + day_width * 0.8, y, steps=4)
    page.mouse.up()
    assert page.locator("#map a.pt:not(.off)").count() == 1
    visible = page.locator("#events tbody tr:not(.off)")
    assert visible.count() == 1
    assert visible.first.get_attribute("data-id") == ledger[1]["strike"].id
    assert page.locator("#shown").inner_text() == "1"
    page.locator("#brush-clear").click()
    assert page.locator("#map a.pt:not(.off)").count() == 3


@pytest.mark.parametrize("where", ["document", "/", "/claims", "/documents"])
def test_stored_markup_stays_inert(page, server_url, ledger, where):
    doc = ledger[1]["hostile_doc"]
    path = f"/documents/{doc.id}" if where == "document" else where
    page.goto(server_url + path)
    page.wait_for_load_state("load")
    page.mouse.move(300, 120)  # hover the title, where an onmouseover would fire
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.getAttribute('src'))")
    assert scripts == ["/static/app.js"]
    assert page.locator("main img, main iframe, main svg[onload]").count() == 0
    hrefs = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
    assert not any(h.strip().lower().startswith("javascript:") for h in hrefs)
    if where == "document":
        assert "<script>window.__xss = 1;" in page.locator("#text").inner_text()


def view_box(page: Any) -> list[float]:
    return [float(v) for v in page.locator("#map").get_attribute("viewBox").split()]


def test_map_zooms_and_pans_and_points_still_lead_to_evidence(page, server_url, ledger, tmp_path):
    strike = ledger[1]["strike"]
    page.goto(server_url + "/")
    point = page.locator(f'#map a.pt[data-id="{strike.id}"] circle')
    before = point.bounding_box()
    full = view_box(page)
    # the wheel zooms around the cursor: the point under it stays put and keeps its size
    cx, cy = before["x"] + before["width"] / 2, before["y"] + before["height"] / 2
    page.mouse.move(cx, cy)
    for _ in range(3):
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(50)
    zoomed = view_box(page)
    assert zoomed[2] < full[2] / 2
    after = point.bounding_box()
    assert abs(after["x"] + after["width"] / 2 - cx) < 3
    assert abs(after["width"] - before["width"]) < 0.3 * before["width"]
    assert float(page.locator("#map").get_attribute("data-scale")) > 2
    assert snap(page, tmp_path / "zoomed.png") > 20
    # buttons zoom around the centre; reset shows everything again
    page.locator("#zoom-in").click()
    assert view_box(page)[2] == pytest.approx(zoomed[2] / 2, rel=0.01)
    page.locator("#zoom-out").click()
    assert view_box(page)[2] == pytest.approx(zoomed[2], rel=0.01)
    # a drag pans and never follows the link it started on
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 120, cy + 30, steps=6)
    page.mouse.up()
    panned = view_box(page)
    assert panned[0] < zoomed[0] and panned[2] == pytest.approx(zoomed[2], rel=0.01)
    assert page.url.rstrip("/") == server_url
    page.locator("#zoom-reset").click()
    assert view_box(page) == pytest.approx(full)
    # a plain click on a point of the zoomed map still leads to its evidence
    page.locator("#zoom-in").click()
    point.click()
    page.wait_for_url(f"**/documents/*#rec-{strike.id}")
    assert page.locator(f"#rec-{strike.id}").is_visible()
    assert page.errors == []


def test_cluster_map_leads_to_the_counts_per_source(page, clustered_url, clustered, tmp_path):
    records = clustered[1]
    kharkiv = records["kharkiv"]
    page.goto(clustered_url + "/")
    page.locator("#map-toggle a").click()
    page.wait_for_url("**/?show=clusters")
    assert page.locator("#map a.pt.cluster").count() == 3
    assert snap(page, tmp_path / "cluster-map.png") > 40
    page.locator(f'#map a.pt[data-id="{kharkiv.id}"] circle').click()
    page.wait_for_url(f"**/clusters/{kharkiv.id}")
    differs = page.locator("table.counts td.differs")
    assert differs.all_inner_texts() == ["12 drones", "15 drones"]
    assert page.locator("#mentions tbody tr").count() == 2
    assert "possible duplicate" in page.locator("main").inner_text()
    assert snap(page, tmp_path / "cluster.png") > 40
    # a report leads to its document, which lists every input it was seen in
    page.locator("#mentions a.doclink").first.click()
    page.wait_for_url("**/documents/*#rec-*")
    sightings = page.locator("#sightings tbody tr")
    assert sightings.count() == 2
    assert "Mirror Wire" in sightings.nth(1).inner_text()
    assert page.locator(".others a.doclink").inner_text() == "Kharkiv energy site hit again"
    page.locator("#sightings").scroll_into_view_if_needed()
    assert distinct_colours(page.screenshot()) > 40
    assert page.errors == []


def test_clusters_list_and_claims_pages_page(page, clustered_url, server_url, tmp_path):
    page.goto(clustered_url + "/clusters?limit=2")
    assert page.locator("article.cluster").count() == 2
    assert snap(page, tmp_path / "clusters.png") > 40
    page.locator("#pager-top a.next").click()
    page.wait_for_url("**/clusters?limit=2&offset=2")
    assert page.locator("article.cluster").count() == 1
    page.goto(server_url + "/claims?limit=1")
    first = page.locator("#claims .claim").inner_text()
    page.locator("#claims-pager a.next").click()
    page.wait_for_url("**offset=1**")
    assert page.locator("#claims .claim").inner_text() != first
    page.locator("#claims-pager a.prev").click()
    assert page.locator("#claims .claim").inner_text() == first


@pytest.mark.parametrize("where", ["hostile", "/clusters", "/?show=clusters"])
def test_stored_markup_stays_inert_in_cluster_views(page, clustered_url, clustered, where):
    doc = clustered[1]["hostile_doc"]
    path = f"/documents/{doc.id}" if where == "hostile" else where
    page.goto(clustered_url + path)
    page.wait_for_load_state("load")
    page.mouse.move(300, 200)
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("main img, main iframe, main script").count() == 0
    hrefs = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
    assert not any(h.strip().lower().startswith("javascript:") for h in hrefs)
