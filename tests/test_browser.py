"""The report and the dashboard in a real browser: Debian's Chromium driven headless by Playwright.

Skips cleanly when /usr/bin/chromium (or Playwright) is absent; `make browser` installs Chromium.
Screenshots land in build/screenshots/ for a human to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diplowatch.report import write_report
from report_fixtures import EVIDENCE, WATCH, XSS, make_big_db, make_db, running_server

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (run `make browser` or apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return make_db(tmp_path_factory.mktemp("browser") / "watch.duckdb", xss=True)


@pytest.fixture(scope="module")
def report(db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(db, out, WATCH, by="quarter", dyads=["USA-AFG"], command="diplowatch report --test")
    return out


class Watched:
    """A page with its console errors, uncaught exceptions and network requests recorded."""

    def __init__(self, browser, width: int = 1400):
        self.page = browser.new_page(viewport={"width": width, "height": 1000})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))


def visible_rows(page) -> list:
    return [r for r in page.query_selector_all("#ev-table tr.ev-row") if r.is_visible()]


def count_visible(page) -> int:
    """Counted inside the page: one round trip, not one per row."""
    return page.eval_on_selector_all(
        "#ev-table tr.ev-row", "rows => rows.filter(r => r.offsetParent !== null).length"
    )


def test_report_opens_offline_with_every_view(browser, report):
    w = Watched(browser)
    url = report.as_uri()
    w.page.goto(url)
    w.page.wait_for_selector(".timeline-plot .main-svg")
    assert w.errors == []
    assert w.requests == [url]  # no CDN, no font, no image: the file is all there is
    conditions = {e[0] for e in EVIDENCE}
    assert len(w.page.query_selector_all("#scorecard-table tbody tr")) == len(conditions)
    assert w.page.query_selector_all("#scorecard-table td.cell a.cell-link")
    assert len(w.page.query_selector_all("#stances-table tr.lane")) >= 4
    assert len(w.page.query_selector_all(".timeline-plot .main-svg")) >= 2  # subject and the USA-AFG dyad
    assert len(w.page.query_selector_all(".timeline-plot .bars path")) > 0  # plotly drew the bars
    assert len(w.page.query_selector_all("#network-svg path.edge")) > 3
    assert "diplowatch report --test" in w.page.inner_text("header")
    SHOTS.mkdir(parents=True, exist_ok=True)
    w.page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    w.page.close()


def test_report_evidence_filters(browser, report):
    w = Watched(browser)
    w.page.goto(report.as_uri())
    assert len(visible_rows(w.page)) == len(EVIDENCE)
    w.page.fill("#ev-search", "girls")
    girls = [r for r in visible_rows(w.page)]
    assert 0 < len(girls) < len(EVIDENCE)
    assert all("girls" in r.inner_text().lower() for r in girls)
    w.page.fill("#ev-search", "")
    w.page.select_option("#ev-condition", "human_rights")
    expected = sum(1 for e in EVIDENCE if e[0] == "human_rights")
    assert len(visible_rows(w.page)) == expected
    w.page.select_option("#ev-polarity", "-1")
    expected = sum(1 for e in EVIDENCE if e[0] == "human_rights" and e[1] == -1)
    assert len(visible_rows(w.page)) == expected
    assert f"{expected} of {len(EVIDENCE)}" in w.page.inner_text("#ev-count")
    w.page.click("#ev-reset")
    # A scorecard cell opens its own evidence: one condition, one period.
    cell = w.page.query_selector("#scorecard-table a.cell-link")
    condition, period = cell.get_attribute("data-condition"), cell.get_attribute("data-period")
    cell.click()
    rows = visible_rows(w.page)
    assert rows and all(
        r.get_attribute("data-condition") == condition and r.get_attribute("data-period") == period
        for r in rows
    )
    w.page.screenshot(path=str(SHOTS / "report-evidence.png"), full_page=False)
    assert w.errors == []
    w.page.close()


def test_untrusted_text_shows_as_text(browser, report):
    w = Watched(browser)
    w.page.goto(report.as_uri())
    w.page.wait_for_selector(".timeline-plot .main-svg")
    assert w.page.evaluate("typeof window.__xss") == "undefined"
    w.page.fill("#ev-search", "window.__xss")
    rows = visible_rows(w.page)
    assert len(rows) == 1
    assert XSS in rows[0].inner_text()
    assert w.page.query_selector("#ev-table img") is None
    w.page.close()


@pytest.fixture(scope="module")
def server(db):
    from diplowatch.web.app import create_app

    with running_server(create_app(db)) as url:
        yield url


def test_dashboard_filter_url_reproduces_the_view(browser, server):
    query = f"/?watch={WATCH}&condition=human_rights&polarity=-1&since=2022-01-01"
    expected = sorted(
        (e[4], e[5]) for e in EVIDENCE if e[0] == "human_rights" and e[1] == -1 and e[4] in ("a08", "a11")
    )
    views = []
    for _ in range(2):  # two fresh pages from the same link must show the same rows
        w = Watched(browser)
        w.page.goto(server + query)
        w.page.wait_for_selector(".timeline-plot .main-svg")
        rows = w.page.query_selector_all("#ev-table tr.ev-row")
        assert len(rows) == len(expected)
        assert all(r.get_attribute("data-condition") == "human_rights" for r in rows)
        assert all(r.get_attribute("data-polarity") == "-1" for r in rows)
        assert all(r.get_attribute("data-date") >= "2022-01-01" for r in rows)
        assert w.page.eval_on_selector("select[name=condition]", "e => e.value") == "human_rights"
        assert w.page.eval_on_selector("input[name=since]", "e => e.value") == "2022-01-01"
        assert w.errors == []
        assert all(u.startswith(server) for u in w.requests)
        assert w.page.evaluate("typeof window.__xss") == "undefined"
        views.append([r.inner_text() for r in rows])
        if not views[1:]:
            w.page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)
        w.page.close()
    assert views[0] == views[1]


def test_dashboard_drilldown_and_docs(browser, server):
    w = Watched(browser)
    w.page.goto(server + f"/?watch={WATCH}")
    cell = w.page.query_selector("#scorecard-table a.cell-link")
    condition, period = cell.get_attribute("data-condition"), cell.get_attribute("data-period")
    cell.click()
    w.page.wait_for_url("**/evidence?**")
    rows = w.page.query_selector_all("#ev-table tr.ev-row")
    assert rows and all(r.get_attribute("data-condition") == condition for r in rows)
    assert all(r.get_attribute("data-period") == period for r in rows)
    w.page.screenshot(path=str(SHOTS / "dashboard-evidence.png"), full_page=True)
    w.page.click("a.context-link")
    w.page.wait_for_url("**/sentence?**")
    assert w.page.query_selector("ol.context li.here") is not None
    w.page.screenshot(path=str(SHOTS / "dashboard-sentence.png"), full_page=True)
    w.page.goto(server + "/docs")
    from diplowatch.web.app import swagger_ui_dir

    shown = "#swagger-ui" if swagger_ui_dir() else "#routes"
    if swagger_ui_dir():
        w.page.wait_for_selector(".opblock", timeout=15000)
    assert all(u.startswith(server) for u in w.requests)
    assert "/api/evidence" in w.page.inner_text(shown)
    w.page.screenshot(path=str(SHOTS / "api-docs.png"), full_page=False)
    assert w.errors == []
    w.page.close()


def test_essentials_work_without_javascript(browser, report, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report.as_uri())
    assert page.query_selector("#scorecard-table td.cell") is not None
    assert len([r for r in page.query_selector_all("#ev-table tr.ev-row") if r.is_visible()]) == len(EVIDENCE)
    assert page.query_selector("#network-svg path.edge") is not None
    page.goto(server + "/")
    page.select_option("select[name=condition]", "safe_passage")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**condition=safe_passage**")
    rows = page.query_selector_all("#ev-table tr.ev-row")
    assert len(rows) == sum(1 for e in EVIDENCE if e[0] == "safe_passage")
    context.close()


def test_report_of_100k_events_opens_and_pages(browser, tmp_path):
    db = make_big_db(tmp_path / "big.duckdb", events=100_000, evidence=20_000)
    out = tmp_path / "big.html"
    write_report(db, out, WATCH)
    w = Watched(browser)
    w.page.goto(out.as_uri())
    w.page.wait_for_selector(".timeline-plot .main-svg", timeout=60_000)
    assert w.errors == [] and w.requests == [out.as_uri()]
    assert w.page.inner_text("#ev-page") == "page 1 of 100"
    assert count_visible(w.page) == 50
    w.page.click("#ev-next")
    assert w.page.inner_text("#ev-page") == "page 2 of 100"
    w.page.fill("#ev-search", "evidence sentence 19999 ")
    assert count_visible(w.page) == 1
    assert w.page.is_visible("#left-out-note")
    w.page.close()
