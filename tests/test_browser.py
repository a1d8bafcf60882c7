"""The report and the dashboard in a real browser: Debian's Chromium driven headless by Playwright.

Skips cleanly when /usr/bin/chromium (or Playwright) is absent; `make browser` installs Chromium and
`make axe` the axe-core accessibility checker (npm, into build/node). Screenshots of every page at
1440x900 and 390x844 land in build/screenshots/ for a human to look at.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diplowatch.report import write_report
from diplowatch.store.connection import connect
from report_fixtures import EVIDENCE, STANCES, WATCH, XSS, make_big_db, make_db, running_server

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
AXE = ROOT / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
WIDE, NARROW = {"width": 1440, "height": 900}, {"width": 390, "height": 844}

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
    path = make_db(tmp_path_factory.mktemp("browser") / "watch.duckdb", xss=True)
    con = connect(path)
    con.execute(
        "UPDATE events SET location = {'name': 'Kabul', 'country': 'AFG', 'lat': 34.53, 'lon': 69.17}"
        " WHERE doc_id IN ('a01', 'a02', 'a04', 'a08', 'a11')"
    )
    con.execute(
        "UPDATE events SET location = {'name': 'Islamabad', 'country': 'PAK', 'lat': 33.69, 'lon': 73.05}"
        " WHERE doc_id = 'a07'"
    )
    con.close()
    return path


@pytest.fixture(scope="module")
def report(db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(db, out, WATCH, by="quarter", dyads=["USA-AFG"], command="diplowatch report --test")
    return out


class Watched:
    """A page with its console errors, uncaught exceptions and network requests recorded."""

    def __init__(self, browser, size: dict | None = None, bypass_csp: bool = False):
        self.page = browser.new_page(viewport=size or {"width": 1400, "height": 1000}, bypass_csp=bypass_csp)
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


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(SHOTS / f"{name}-{size['width']}.png"), full_page=False)


def in_first_screen(page, selector: str) -> bool:
    box = page.query_selector(selector).bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"] - 40


def test_report_opens_offline_with_the_verdict_in_the_first_screen(browser, report):
    for size in (WIDE, NARROW):
        w = Watched(browser, size)
        url = report.as_uri()
        w.page.goto(url)
        assert w.errors == []
        assert w.requests == [url]  # no CDN, no font, no image: the file is all there is
        assert in_first_screen(w.page, "#verdict h2")
        assert in_first_screen(w.page, "#verdict-conditions tbody tr")
        shoot(w.page, "report")
        w.page.close()
    w = Watched(browser, WIDE)
    w.page.goto(report.as_uri())
    conditions = {e[0] for e in EVIDENCE}
    assert len(w.page.query_selector_all("#scorecard-table tbody tr")) == len(conditions)
    assert w.page.query_selector_all("#scorecard-table td.cell a.cell-link")
    assert len(w.page.query_selector_all("#stances-table tr.lane")) >= 4
    assert len(w.page.query_selector_all("svg.timeline-plot")) >= 2  # subject and the USA-AFG dyad
    assert len(w.page.query_selector_all("svg.timeline-plot .bars rect")) > 0
    assert len(w.page.query_selector_all("#map-svg .places circle")) == 2  # Kabul and Islamabad
    assert len(w.page.query_selector_all("#network-svg path.edge")) > 3
    assert "diplowatch report --test" in w.page.inner_text("header")
    # The verdict columns stay in view while the periods scroll sideways.
    w.page.set_viewport_size(NARROW)
    w.page.eval_on_selector("#scorecard .scroll", "e => { e.scrollLeft = e.scrollWidth; }")
    head = w.page.query_selector("#scorecard-table tbody th.rowhead").bounding_box()
    total = w.page.query_selector("#scorecard-table tbody td.total").bounding_box()
    assert head["x"] >= 0 and total["x"] + total["width"] <= NARROW["width"] + 1
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
    assert w.page.evaluate("typeof window.__xss") == "undefined"
    w.page.fill("#ev-search", "window.__xss")
    rows = visible_rows(w.page)
    assert len(rows) == 1
    assert XSS in rows[0].inner_text()
    assert w.page.query_selector("#ev-table img") is None
    w.page.close()


def test_a_stance_cell_opens_its_sentence_in_report_and_dashboard(browser, report, server):
    sentence = {(doc, idx): text for doc, idx, *_, text in _events()}
    russia = next(s for s in STANCES if s[0] == "RUS")
    expected = sentence[(russia[4], russia[5])]
    w = Watched(browser)
    w.page.goto(report.as_uri())
    w.page.click('#stances-table tr[data-observer="RUS"] a.stance-link')
    target = w.page.evaluate("location.hash")
    assert expected in w.page.inner_text(target)
    w.page.goto(server + "/?by=quarter")
    w.page.click('#stances-table tr[data-observer="RUS"] a.stance-link')
    w.page.wait_for_url("**/sentence?**")
    assert w.page.inner_text("ol.context li.here") == expected
    # The verdict's "who moved" opens the sentence of the move.
    w.page.goto(server + "/?by=quarter")
    w.page.click("#moves li a.verdict-link")
    w.page.wait_for_url("**/sentence?**")
    assert "condemned the ban" in w.page.inner_text("ol.context li.here")
    assert w.errors == []
    w.page.close()


def _events():
    from report_fixtures import EVENTS

    return EVENTS


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
        rows = w.page.query_selector_all("#ev-table tr.ev-row")
        assert len(rows) == len(expected)
        assert all(r.get_attribute("data-condition") == "human_rights" for r in rows)
        assert all(r.get_attribute("data-polarity") == "-1" for r in rows)
        assert all(r.get_attribute("data-date") >= "2022-01-01" for r in rows)
        assert w.page.eval_on_selector("select[name=condition]", "e => e.value") == "human_rights"
        assert w.page.eval_on_selector("input[name=since]", "e => e.value") == "2022-01-01"
        # The filter applies to the whole page: the scorecard shows that condition only.
        assert len(w.page.query_selector_all("#scorecard-table tbody tr")) == 1
        assert w.errors == []
        assert all(u.startswith(server) for u in w.requests)
        assert w.page.evaluate("typeof window.__xss") == "undefined"
        views.append([r.inner_text() for r in rows])
        w.page.close()
    assert views[0] == views[1]


def test_export_downloads_what_the_filters_show(browser, server, report):
    w = Watched(browser)
    w.page.goto(report.as_uri())  # the report makes its file in the page
    w.page.select_option("#ev-condition", "human_rights")
    with w.page.expect_download() as caught:
        w.page.click("#ev-export")
    rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == count_visible(w.page) == sum(1 for e in EVIDENCE if e[0] == "human_rights")
    assert {r["condition"] for r in rows} == {"human_rights"}
    assert all(u.startswith(("file:", "blob:")) for u in w.requests)  # nothing leaves the machine
    w.page.goto(server + f"/evidence?watch={WATCH}&condition=human_rights")
    shown = [(r.get_attribute("data-date"), r.get_attribute("data-condition"))
             for r in w.page.query_selector_all("#ev-table tr.ev-row")]  # fmt: skip
    with w.page.expect_download() as caught:
        w.page.click('a.export[data-format="csv"]')
    rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8"))))
    assert sorted((r["date"], r["condition"]) for r in rows) == sorted(shown)
    assert len(rows) == sum(1 for e in EVIDENCE if e[0] == "human_rights")
    w.page.goto(server + "/events?type=CONSULT")
    listed = len(w.page.query_selector_all("#events-table tr.event-row"))
    with w.page.expect_download() as caught:
        w.page.click('a.export[data-format="json"]')
    import json

    events = json.loads(Path(caught.value.path()).read_text(encoding="utf-8"))
    assert len(events) == listed > 0 and {e["type"] for e in events} == {"CONSULT"}
    w.page.close()


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
    w.page.click("a.context-link")
    w.page.wait_for_url("**/sentence?**")
    assert w.page.query_selector("ol.context li.here") is not None
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
    assert page.query_selector("svg.timeline-plot .bars rect") is not None  # charts need no script
    page.goto(server + "/")
    page.select_option("select[name=condition]", "safe_passage")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**condition=safe_passage**")
    rows = page.query_selector_all("#ev-table tr.ev-row")
    assert len(rows) == sum(1 for e in EVIDENCE if e[0] == "safe_passage")
    context.close()


PAGES = ["/", "/events", "/events?actor=USA", "/qa", f"/evidence?watch={WATCH}", "/sentence?doc=a08&i=0"]


def _axe_problems(page) -> list[str]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, n: v.nodes.length, target: v.nodes[0].target.join(' ')}))"
    )
    return [f"{v['id']} ({v['impact']}, {v['n']}x, e.g. {v['target']})" for v in found
            if v["impact"] in ("serious", "critical")]  # fmt: skip


def test_every_page_at_both_widths_is_accessible_and_fits(browser, report, server):
    """axe-core finds no serious or critical issue; nothing scrolls sideways at 390 px but the lanes."""
    if not AXE.exists():
        pytest.skip(f"{AXE} is absent: run `make axe` (npm install axe-core into build/node)")
    problems: dict[str, list[str]] = {}
    for size in (WIDE, NARROW):
        for path in [None, *PAGES]:
            # The checker is a script the test injects: the pages' CSP (scripts from 'self' only) would refuse
            # it. The other browser tests keep the CSP, so a page's own inline script still fails them.
            w = Watched(browser, size, bypass_csp=True)
            url = report.as_uri() if path is None else server + path
            response = w.page.goto(url)
            assert path is None or response.status == 200, path
            name = (
                "report" if path is None else "dashboard" + path.split("?")[0].replace("/", "-").rstrip("-")
            )
            if path and "?" in path and path.startswith("/events"):
                name += "-filtered"
            shoot(w.page, name)
            found = _axe_problems(w.page)
            if found:
                problems[f"{name} at {size['width']}"] = found
            if size is NARROW:
                overflow = w.page.evaluate("document.documentElement.scrollWidth")
                assert overflow <= NARROW["width"] + 1, f"{name} scrolls sideways at 390 px ({overflow})"
            assert w.errors == []
            w.page.close()
    assert problems == {}


CODE_RUN = """
import sys
from diplowatch.cli import main
sys.argv = ["diplowatch", "code", "--recode", "--db", sys.argv[1]]
main()
"""


@pytest.mark.slow  # codes articles in a child process
def test_the_dashboard_answers_during_a_running_code(browser, tmp_path):
    from diplowatch.web.app import create_app

    db = make_db(tmp_path / "coding.duckdb")
    with running_server(create_app(db)) as url:
        w = Watched(browser)
        assert w.page.goto(url + "/").status == 200
        coder = subprocess.Popen([sys.executable, "-c", CODE_RUN, str(db)], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)  # fmt: skip
        statuses, notes = [], 0
        while coder.poll() is None:
            for path in ("/", "/events", "/api/facts"):
                statuses.append(w.page.goto(url + path).status)
                notes += path != "/api/facts" and w.page.query_selector("#updating-note") is not None
            time.sleep(0.2)
        output = coder.stdout.read()
        assert coder.returncode == 0, output
        assert "coded 11 articles" in output
        assert len(statuses) >= 3 and set(statuses) == {200}
        assert notes > 0  # pages were served while the coder held the file, and said so
        # After the writer, the pages show what it wrote.
        time.sleep(2.1)
        assert w.page.goto(url + "/").status == 200
        assert w.page.query_selector("#updating-note") is None
        w.page.close()


def test_report_of_100k_events_opens_and_pages(browser, tmp_path):
    db = make_big_db(tmp_path / "big.duckdb", events=100_000, evidence=20_000)
    out = tmp_path / "big.html"
    write_report(db, out, WATCH)
    w = Watched(browser)
    w.page.goto(out.as_uri())
    assert w.errors == [] and w.requests == [out.as_uri()]
    assert w.page.inner_text("#ev-page") == "page 1 of 100"
    assert count_visible(w.page) == 50
    w.page.click("#ev-next")
    assert w.page.inner_text("#ev-page") == "page 2 of 100"
    w.page.fill("#ev-search", "evidence sentence 19999 ")
    assert count_visible(w.page) == 1
    assert w.page.is_visible("#left-out-note")
    w.page.close()
