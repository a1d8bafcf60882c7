"""The dashboard and JSON API: schema, filters, pagination, tokens and clear pages, in-process and on uvicorn."""

from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from diplowatch.cli import main
from diplowatch.store.connection import connect
from diplowatch.web.app import create_app
from report_fixtures import ARTICLES, EVENTS, EVIDENCE, STANCES, WATCH, XSS, make_db, running_server

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return make_db(tmp_path_factory.mktemp("web") / "watch.duckdb", xss=True)


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def test_openapi_lists_every_route(client):
    schema = client.get("/openapi.json").json()
    for route in ("/api/articles", "/api/events", "/api/evidence", "/api/stances", "/api/scorecard"):
        assert route in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/evidence"]["get"]["parameters"]}
    assert {
        "watch",
        "condition",
        "polarity",
        "actor",
        "outlet",
        "since",
        "until",
        "limit",
        "offset",
    } <= params
    page = schema["components"]["schemas"]["Page_EvidenceRow_"]
    assert {"total", "limit", "offset", "items"} <= set(page["properties"])


def test_evidence_filters(client):
    body = client.get("/api/evidence", params={"condition": "human_rights", "polarity": -1}).json()
    expected = [e for e in EVIDENCE if e[0] == "human_rights" and e[1] == -1]
    assert body["total"] == len(expected) == len(body["items"])
    assert all(i["condition"] == "human_rights" and i["polarity"] == -1 for i in body["items"])
    since = client.get("/api/evidence", params={"since": "2022-01-01"}).json()
    assert since["items"] and all(i["date"] >= "2022-01-01" for i in since["items"])
    words = client.get("/api/evidence", params={"q": "GIRLS"}).json()
    assert words["total"] >= 2 and all("girls" in i["sentence"].lower() for i in words["items"])
    by_quarter = client.get("/api/evidence", params={"period": "2021-Q3", "by": "quarter"}).json()
    assert by_quarter["total"] and all(i["period"] == "2021-Q3" for i in by_quarter["items"])


def test_pagination_covers_every_row_once(client):
    first = client.get("/api/events", params={"limit": 7, "offset": 0}).json()
    second = client.get("/api/events", params={"limit": 7, "offset": 7}).json()
    rest = client.get("/api/events", params={"limit": 1000, "offset": 14}).json()
    ids = [i["event_id"] for page in (first, second, rest) for i in page["items"]]
    assert first["total"] == len(EVENTS) and len(ids) == len(set(ids)) == len(EVENTS)
    beyond = client.get("/api/events", params={"offset": 500}).json()
    assert beyond["items"] == [] and beyond["total"] == len(EVENTS)
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 5000}).status_code == 422


def test_other_lists_and_scorecard(client):
    usa = client.get("/api/stances", params={"observer": "USA"}).json()
    assert usa["total"] == sum(1 for s in STANCES if s[0] == "USA")
    assert client.get("/api/events", params={"type": "coerce"}).json()["total"] == sum(
        1 for e in EVENTS if e[3] == "COERCE"
    )
    articles = client.get("/api/articles").json()
    assert articles["total"] == 11 and all(a["id"] != "a01b" for a in articles["items"])  # duplicate folded
    card = client.get("/api/scorecard", params={"by": "quarter"}).json()
    rights = next(c for c in card["conditions"] if c["id"] == "human_rights")
    assert rights["minus"] == sum(1 for e in EVIDENCE if e[0] == "human_rights" and e[1] == -1)
    assert all(p.count("-Q") == 1 for p in card["periods"])


def test_bad_input_gives_clear_errors(client):
    bad = client.get("/api/evidence", params={"since": "yesterday"})
    assert bad.status_code == 400 and "since=yesterday" in bad.json()["detail"]
    unknown = client.get("/", params={"watch": "no-such-watch"})
    assert unknown.status_code == 404 and "no-such-watch" in unknown.text
    assert client.get("/api/scorecard", params={"watch": "no-such-watch"}).status_code == 404
    assert client.get("/", params={"polarity": "x"}).status_code == 400


def test_pages_keep_filters_and_escape_text(client):
    page = client.get("/", params={"watch": WATCH, "condition": "human_rights", "polarity": "-1"})
    assert page.status_code == 200
    assert page.text.count('class="ev-row"') == sum(
        1 for e in EVIDENCE if e[0] == "human_rights" and e[1] == -1
    )
    assert XSS not in page.text and "&lt;script&gt;window.__xss=1" in page.text
    assert 'href="/evidence?watch=afghanistan-recognition&amp;condition=' in page.text
    drill = client.get("/evidence", params={"condition": "safe_passage"})
    assert drill.text.count('class="ev-row"') == sum(1 for e in EVIDENCE if e[0] == "safe_passage")
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower() and "http" not in docs.text


def test_empty_and_missing_databases(tmp_path):
    empty = tmp_path / "empty.duckdb"
    connect(empty).close()
    client = TestClient(create_app(empty))
    home = client.get("/")
    assert home.status_code == 200 and 'id="empty-note"' in home.text
    assert client.get("/api/evidence").json()["total"] == 0
    assert client.get("/api/scorecard").json()["conditions"] == []
    gone = TestClient(create_app(tmp_path / "missing.duckdb")).get("/")
    assert gone.status_code == 503 and "no such database" in gone.text


def test_no_evidence_yet_shows_events(tmp_path):
    client = TestClient(create_app(make_db(tmp_path / "noev.duckdb", evidence=False)))
    home = client.get("/")
    assert home.status_code == 200 and 'id="no-evidence-note"' in home.text and 'id="timeline-1"' in home.text


def test_token_is_checked_on_every_request(db):
    client = TestClient(create_app(db, token="s3cret"))
    assert client.get("/api/events").status_code == 401
    assert client.get("/").status_code == 401
    assert client.get("/static/diplowatch.css").status_code == 401
    assert client.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/api/events", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    first = client.get("/", params={"token": "s3cret"})
    assert first.status_code == 200
    assert client.get("/evidence").status_code == 200  # the cookie set by ?token= carries the pages' links


def test_serve_refuses_a_public_host_without_token(db, monkeypatch):
    monkeypatch.delenv("DIPLOWATCH_TOKEN", raising=False)
    done = CliRunner().invoke(main, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert done.exit_code == 1
    assert done.output.count("\n") == 1 and "DIPLOWATCH_TOKEN" in done.output


def test_real_uvicorn_answers_and_leaves_the_database_free(db):
    with running_server(create_app(db, token="s3cret")) as url:
        assert httpx.get(url + "/api/evidence").status_code == 401
        auth = {"Authorization": "Bearer s3cret"}
        body = httpx.get(url + "/api/evidence", params={"limit": 3, "offset": 3}, headers=auth).json()
        assert body["total"] == len(EVIDENCE) and body["offset"] == 3 and len(body["items"]) == 3
        assert "/api/stances" in httpx.get(url + "/openapi.json", headers=auth).json()["paths"]
        # Between requests the file is closed: a writer (a `diplowatch watch` run) can take it.
        writer = connect(db)
        writer.close()
        assert httpx.get(url + "/", headers=auth).status_code == 200


def test_sentence_drilldown_shows_context_events_and_evidence(client):
    page = client.get("/sentence", params={"doc": "a08", "i": 0})
    assert page.status_code == 200
    assert "Taliban reverse decision on girls" in page.text  # the article's title
    assert "<mark>girls&#39; schools shut</mark>" in page.text
    assert "COERCE" in page.text and "Washington condemned the decision." in page.text  # the next sentence
    assert client.get("/sentence", params={"doc": "nope", "i": 3}).status_code == 404
    missing = client.get("/sentence", params={"doc": "a08"})
    assert missing.status_code == 400 and "i: Field required" in missing.text
    overview = client.get("/")
    assert 'href="/sentence?doc=a11&amp;i=0"' in overview.text


def test_dyads_in_the_url_add_timelines(client):
    page = client.get("/", params={"dyad": "usa-afg,PAK-AFG"})
    assert page.status_code == 200
    assert 'id="timeline-3"' in page.text and "Dyad PAK-AFG" in page.text
    assert 'value="USA-AFG,PAK-AFG"' in page.text
    assert client.get("/", params={"dyad": "USA"}).status_code == 400


@pytest.mark.slow  # starts the server in a child process
def test_serve_command_runs_uvicorn(db, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cli = Path(sys.executable).with_name("diplowatch")
    server = subprocess.Popen(
        [str(cli), "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "DIPLOWATCH_TOKEN": ""},
    )
    try:
        for _ in range(100):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/facts", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("diplowatch serve did not answer")
        assert answer.status_code == 200 and answer.json()["events"] == len(EVENTS)
    finally:
        server.terminate()
        server.wait(timeout=10)


WRITER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("INSERT INTO articles (id, title, text, published, outlet, content_hash)"
            " VALUES ('w1', 'Written while serving', 'x', DATE '2023-01-05', 'Test', 'hw1')")
print('held', flush=True)
time.sleep(30)
"""


@pytest.mark.slow  # starts a writer process
def test_the_dashboard_serves_while_a_writer_runs(tmp_path, monkeypatch):
    import diplowatch.web.source

    monkeypatch.setattr(diplowatch.web.source, "CHECK_EVERY", 0.0)
    db = make_db(tmp_path / "busy.duckdb")
    client = TestClient(create_app(db))
    assert client.get("/api/facts").json()["articles"] == len(ARTICLES)
    # The dashboard holds no lock on the file: a writer starts while it serves.
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "held"
        page = client.get("/")
        assert page.status_code == 200 and 'id="updating-note"' in page.text
        assert client.get("/api/facts").json()["articles"] == len(ARTICLES)  # the last copy
        # A dashboard started while the writer runs still answers, from the last checkpoint.
        late = TestClient(create_app(db)).get("/")
        assert late.status_code == 200 and 'id="verdict"' in late.text
        assert str(tmp_path) not in late.text
    finally:
        writer.terminate()
        writer.wait(timeout=10)
    after = client.get("/")
    assert after.status_code == 200 and 'id="updating-note"' not in after.text
    assert client.get("/api/facts").json()["articles"] == len(ARTICLES) + 1  # the writer's row, once done


def test_responses_are_gzipped_and_link_nothing_outside(client):
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    assert "plotly" not in page.text.lower() and "Share chart" not in page.text
    for tag in re.findall(r"<(?:script|link|form|iframe|img)\b[^>]*>", page.text):
        assert "http" not in tag, tag
    assert client.get("/static/plotly.min.js").status_code == 404


def test_stance_cells_and_verdict_open_their_sentences(client):
    page = client.get("/", params={"by": "quarter"}).text
    assert page.index('id="verdict"') < page.index('id="scorecard"')
    # Russia engaged in 2021-Q4 in a06, sentence 0; the cell links there.
    lane = re.search(r'<tr class="lane" data-observer="RUS">.*?</tr>', page, re.S).group(0)
    assert 'href="/sentence?doc=a06&amp;i=0" aria-label="Russia, 2021-Q4: engage (1 sentences)"' in lane
    moves = re.search(r'<ol class="moves".*?</ol>', page, re.S).group(0)
    assert "withhold → <b>reject</b>" in moves and "/sentence?doc=a11&amp;i=1" in moves


def test_events_explorer_facets_and_paging(client):
    page = client.get("/events", params={"actor": "USA"})
    assert page.status_code == 200
    usa = [e for e in EVENTS if "USA" in (e[5], e[6], e[7], e[8])]
    assert f"{len(usa)} events match" in page.text
    facet = re.search(r'data-facet="type".*?</ul>', page.text, re.S).group(0)
    consult = sum(1 for e in usa if e[3] == "CONSULT")
    assert re.search(rf">CONSULT</a><span class=\"count\">{consult}<", facet)
    assert page.text.count('class="event-row"') == len(usa)
    assert client.get("/events", params={"page": "2"}).status_code == 200
    assert client.get("/events", params={"since": "notadate"}).status_code == 400


def test_export_gives_what_the_filters_select(client):
    import csv
    import io

    got = client.get("/export", params={"view": "evidence", "format": "csv", "condition": "human_rights"})
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert len(rows) == sum(1 for e in EVIDENCE if e[0] == "human_rights")
    assert {r["condition"] for r in rows} == {"human_rights"}
    events = client.get("/export", params={"view": "events", "format": "json", "type": "consult"}).json()
    assert len(events) == sum(1 for e in EVENTS if e[3] == "CONSULT")
    parquet = client.get("/export", params={"view": "stances", "format": "parquet"})
    assert parquet.status_code == 200 and parquet.content[:4] == b"PAR1"
    assert client.get("/export", params={"format": "xls"}).status_code == 400


def test_multi_year_ranges_open_in_quarters_and_cells_keep_them(tmp_path):
    db = make_db(tmp_path / "long.duckdb")
    con = connect(db)
    con.execute("UPDATE evidence SET date = DATE '2025-07-03' WHERE doc_id = 'a11'")
    con.close()
    client = TestClient(create_app(db))
    page = client.get("/").text
    assert "Conditions by quarter" in page and "2025-Q3" in page
    cell = re.search(r'<a class="cell-link" href="([^"]+)"[^>]*data-period="2025-Q3"', page).group(1)
    drill = client.get(html.unescape(cell))
    assert drill.status_code == 200 and drill.text.count('class="ev-row"') == 1
    assert 'href="/evidence?watch=afghanistan-recognition&amp;condition=human_rights&amp;polarity=-1"' in page


def test_pages_carry_no_inline_styles_or_scripts(client):
    """Colours come from classes in the stylesheet, so a strict Content-Security-Policy can hold."""
    for path in ("/", "/events", "/qa", "/evidence", "/sentence?doc=a06&i=0"):
        text = client.get(path).text
        assert 'style="' not in text and "<script" not in text, path


def test_api_scorecard_periods_default_to_quarters_past_two_years(tmp_path):
    """Without `by`, the API picks the periods the report and the pages pick: quarters once the
    watch's rows span more than two years (here a row of July 2025 beside 2021-22)."""
    db = make_db(tmp_path / "long.duckdb")
    con = connect(db)
    try:
        con.execute(
            "INSERT INTO evidence SELECT * REPLACE (DATE '2025-07-03' AS date, 99 AS sentence_index) "
            "FROM evidence WHERE watch = ? LIMIT 1",
            [WATCH],
        )
    finally:
        con.close()
    client = TestClient(create_app(db))
    assert client.get(f"/api/scorecard?watch={WATCH}").json()["by"] == "quarter"
    assert client.get(f"/api/scorecard?watch={WATCH}&by=month").json()["by"] == "month"


def test_api_scorecard_is_built_once_per_copy_and_again_when_the_file_changes(tmp_path, monkeypatch):
    """The dashboard serves a copy of the file that never changes, so a scorecard is built once per copy;
    a write to the file makes a new copy, and the scorecard is built again from it."""
    from diplowatch.report import data

    db = make_db(tmp_path / "memo.duckdb")
    app = create_app(db)
    client = TestClient(app)
    builds = []
    build = data.scorecard
    monkeypatch.setattr(data, "scorecard", lambda *a, **k: builds.append(k["by"]) or build(*a, **k))
    first = client.get(f"/api/scorecard?watch={WATCH}&by=month").json()
    assert client.get(f"/api/scorecard?watch={WATCH}&by=month").json() == first
    client.get("/")  # the overview page shows the same card
    app.state.source.warming.join()  # the new copy's default card, built in the background
    assert builds.count("month") == 1
    con = connect(db)  # the dashboard holds a copy, so a writer may open the file meanwhile
    try:
        con.execute(
            "INSERT INTO evidence SELECT * REPLACE (DATE '2022-05-03' AS date, 98 AS sentence_index) "
            "FROM evidence WHERE watch = ? AND polarity < 0 LIMIT 1",
            [WATCH],
        )
    finally:
        con.close()
    app.state.source.changed()
    again = client.get(f"/api/scorecard?watch={WATCH}&by=month").json()
    assert builds.count("month") == 2 and again != first and "2022-05" in again["periods"]


def test_a_new_copy_has_its_scorecards_built_before_a_request_asks(tmp_path, monkeypatch):
    """The default scorecard of each watch that ran is built as the copy is taken, so the first request
    for it finds it built (by the one builder) instead of waiting for a build of its own."""
    from diplowatch.report import data

    db = make_db(tmp_path / "warm.duckdb")
    with TestClient(create_app(db)) as client:  # the server's start takes the first copy
        source = client.app.state.source
        while source.warming is None:
            time.sleep(0.05)
        source.warming.join()
        builds = []
        build = data.scorecard
        monkeypatch.setattr(data, "scorecard", lambda *a, **k: builds.append(k) or {})
        served = client.get(f"/api/scorecard?watch={WATCH}").json()
        assert builds == [] and served["by"] and served["conditions"]
        con = connect(db, read_only=True)
        try:
            assert served == json.loads(json.dumps(build(con, WATCH, by=served["by"])))
        finally:
            con.close()


def test_a_card_being_built_is_waited_for_not_built_again():
    import threading

    from diplowatch.web.source import Memo

    memo, started, release, built = Memo(), threading.Event(), threading.Event(), []

    def slow():
        started.set()
        release.wait(30)
        built.append("first")
        return {"card": 1}

    def second():
        built.append("second")
        return {"card": 2}

    got = {}
    first = threading.Thread(target=lambda: got.setdefault("first", memo.get("k", slow)))
    first.start()
    started.wait(30)
    other = threading.Thread(target=lambda: got.setdefault("other", memo.get("k", second)))
    other.start()
    time.sleep(0.2)  # let the second request reach the memo while the first build runs
    release.set()
    first.join(30)
    other.join(30)
    assert built == ["first"] and got == {"first": {"card": 1}, "other": {"card": 1}}
