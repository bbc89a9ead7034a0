"""The brief in a real browser (headless Chromium through Playwright): it lays out on a phone and a laptop."""

from __future__ import annotations

import shutil

import pytest

from entente.brief import write_brief

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page_path(home, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser")
    write_brief("IRN", "RUS", out=out)
    return out / "index.html"


@pytest.mark.parametrize("width", [390, 1280])
def test_brief_lays_out_without_horizontal_scrolling(page_path, width, tmp_path):
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.as_uri())
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            charts = page.evaluate(
                "[...document.querySelectorAll('figure.chart svg')].map(s => s.getBoundingClientRect().width)")
            titles = page.evaluate("[...document.querySelectorAll('h2')].map(h => h.innerText)")
            shot = tmp_path / f"brief-{width}.png"
            page.screenshot(path=str(shot), full_page=False)
        finally:
            browser.close()
    assert scroll <= inner, f"page is {scroll}px wide in a {inner}px window"
    assert len(charts) >= 4 and all(0 < w <= inner for w in charts)
    assert titles[:2] == ["In brief", "What the data cover"] and titles[2].startswith("Diplomatic alignment")
    assert "Trend" in titles
    assert all(url.startswith("file:") for url in requests), "the brief must open offline"
    low, high = Image.open(shot).convert("L").getextrema()
    assert high - low > 100                  # something is drawn, not a blank page
