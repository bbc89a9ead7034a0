"""The web app end to end in a real browser: headless Debian Chromium through Playwright, against the real app
served by uvicorn on a free loopback port. Screenshots go to ``test-artifacts/web/``.

Flow: the home page's search suggests a state, the search opens the pair page, its window form puts the
years in the address, a section's CSV downloads with the right rows, a state page draws its map, the blocs
page's year slider changes the year and the map; at phone width (375 × 800) the pair page does not scroll
sideways; every Vega chart is drawn (an ``<svg>`` inside its container) and the console stays free of errors.
"""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from entente import network

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)"),
              pytest.mark.slow]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "web"
TIMEOUT = 120_000      # ms: a cold pair page assembles the whole brief on a loaded 2-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(home):
    import uvicorn

    from entente.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(rate_limit=False), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


class Console:
    """The page's console errors and uncaught exceptions."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"{m.text} ({m.location.get('url')})")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)


@contextmanager
def _page(browser, width=1280, height=900):
    """A page of its own at ``width`` × ``height`` and its console, closed when the test is done."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT)
    try:
        page = context.new_page()
        yield page, Console(page)
    finally:
        context.close()


def _poll(page, expression: str, seconds: float = 30):
    """Wait until ``expression`` is true in the page. (Playwright's wait_for_function evaluates a string
    with eval, which the app's Content-Security-Policy forbids; page.evaluate goes through the DevTools
    protocol instead.)"""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.1)


def _wait_chart(page, target: str):
    """Wait until Vega-Embed has drawn into #target: an <svg> with marks inside it."""
    page.wait_for_selector(f"#{target}[data-rendered='1'] svg", timeout=60_000)
    return page.evaluate(f"document.querySelectorAll('#{target} svg path').length")


def test_search_pair_window_and_csv(server, browser):
    with _page(browser) as (page, console):
        page.goto(server + "/")
        field = page.locator("main input[name=a]")
        field.fill("Ira")
        _poll(page, "[...document.querySelectorAll('#state-suggestions option')].some(o => o.value === 'IRN')")
        field.fill("IRN")
        page.locator("main input[name=b]").fill("RUS")
        page.screenshot(path=str(ARTIFACTS / "home.png"))
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/pair/IRN/RUS**")
        page.wait_for_selector("article.brief h2")
        # change the window with the page's own form: the address holds it
        page.locator("form.controls input[name=from]").fill("2000")
        page.locator("form.controls input[name=to]").fill("2010")
        page.locator("form.controls button[type=submit]").click()
        page.wait_for_url("**/pair/IRN/RUS?from=2000&to=2010**")
        assert page.locator("form.controls input[name=from]").input_value() == "2000"
        page.screenshot(path=str(ARTIFACTS / "pair.png"))
        # download a section's CSV: the alignment rows of 2000-2010
        page.locator("details.downloads-box summary").click()
        link = page.locator("a[download][href*='section=alignment']").first
        with page.expect_download() as info:
            link.click()
        path = info.value.path()
        rows = pd.read_csv(io.StringIO(Path(path).read_text(encoding="utf-8")))
        years = [c for c in rows.columns if c == "year"]
        assert len(rows) > 0 and years and rows["year"].between(2000, 2010).all()
        assert console.errors == []


def test_pair_page_fits_a_phone(server, browser):
    with _page(browser, 375, 800) as (page, console):
        page.goto(server + "/pair/IRN/RUS?from=2000&to=2010")
        page.wait_for_selector("article.brief h2")
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        page.screenshot(path=str(ARTIFACTS / "pair-375.png"), full_page=False)
        assert scroll <= inner, f"the pair page is {scroll}px wide in a {inner}px window"
        assert console.errors == []


def test_state_page_draws_its_map(server, browser):
    with _page(browser) as (page, console):
        page.goto(server + "/state/IRN?year=2015&from=2011&to=2015")
        assert page.locator("h1").inner_text().startswith("Iran")
        paths = _wait_chart(page, "state-map")
        assert paths > 100              # one path per shape: the world is drawn
        legend = page.evaluate("[...document.querySelectorAll('#state-map svg text')].map(t => t.textContent)")
        assert "Strategic rival" in legend and "Iran" in legend
        page.screenshot(path=str(ARTIFACTS / "state.png"), full_page=True)
        assert console.errors == []
        # phone width: no sideways scrolling on this page either
        page.set_viewport_size({"width": 375, "height": 800})
        page.reload()
        _wait_chart(page, "state-map")
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner
        page.screenshot(path=str(ARTIFACTS / "state-375.png"))


def test_blocs_slider_changes_year_and_map(server, browser):
    with _page(browser) as (page, console):
        page.goto(server + "/blocs?year=2000")
        _wait_chart(page, "bloc-map")
        fills_2000 = page.evaluate("[...document.querySelectorAll('#bloc-map svg path')].map(p => p.getAttribute('fill'))")
        page.screenshot(path=str(ARTIFACTS / "blocs-2000.png"))
        page.locator("#year-slider").fill("1985")           # sets the value and fires input and change
        page.wait_for_url("**/blocs?year=1985")
        page.wait_for_selector("#blocs-body[data-year='1985']")
        _wait_chart(page, "bloc-map")
        assert page.locator("#year-shown").inner_text() == "1985"
        assert page.locator("#blocs-title").inner_text().startswith("1985:")
        fills_1985 = page.evaluate("[...document.querySelectorAll('#bloc-map svg path')].map(p => p.getAttribute('fill'))")
        assert fills_1985 != fills_2000
        # the table's blocs are network.blocs(1985)'s
        n_blocs = network.blocs(1985)["bloc"].nunique()
        assert page.locator("#blocs-body tbody tr").count() == n_blocs + 1        # and the "no vote" row
        page.screenshot(path=str(ARTIFACTS / "blocs-1985.png"))
        assert console.errors == []


def test_axis_chart_is_drawn(server, browser):
    with _page(browser, 375, 800) as (page, console):
        page.goto(server + "/axis?states=IRN,RUS,CHN,PRK&from=2000&to=2010")
        _wait_chart(page, "axis-chart")
        marks = page.evaluate("document.querySelectorAll('#axis-chart svg .mark-symbol path').length")
        assert marks == 11                                   # one point a year
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner
        page.screenshot(path=str(ARTIFACTS / "axis-375.png"), full_page=True)
        assert console.errors == []
