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


@pytest.mark.parametrize("path", ["/", "/commitments", "/claims", "/documents"])
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
