"""The one-file report: contents, escaping, empty states, the CLI, and size at 100,000 events."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from diplowatch.cli import main
from diplowatch.report import charts, data, write_report
from diplowatch.report.filters import Filters
from diplowatch.report.html import script_json, web_url
from diplowatch.store.connection import connect
from report_fixtures import ARTICLES, EVENTS, EVIDENCE, WATCH, make_big_db, make_db


def _report(tmp_path, db, **kwargs) -> str:
    out = tmp_path / "report.html"
    write_report(db, out, kwargs.pop("watch", WATCH), command="diplowatch report --test", **kwargs)
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained_and_complete(tmp_path, db_path):
    html = _report(tmp_path, make_db(db_path), dyads=["USA-AFG"])
    # Nothing to fetch: no external script, stylesheet, image or font.
    assert not re.search(r"<(script|img|iframe)[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    # No network address where a browser would fetch or send: no script, link or form points out.
    for tag in re.findall(r"<(?:script|link|form|iframe|img)\b[^>]*>", html):
        assert "http" not in tag, tag
    assert "<form" not in html and "Plotly" not in html and "Share chart" not in html
    assert html.count('<svg class="timeline-plot"') == 2 and "<rect" in html  # drawn on the server
    # The verdict comes first, before the lanes it summarises.
    assert html.index('id="verdict"') < html.index('id="scorecard"') < html.index('id="stances"')
    assert "diplowatch report --test" in html and "0.1.0" in html
    facts = re.search(r'<ul class="facts".*?</ul>', html, re.S).group(0)
    assert f"<b>{len(ARTICLES)}</b><span>articles</span>" in facts
    assert "<b>1</b><span>duplicates folded</span>" in facts
    assert f"<b>{len(EVENTS)}</b><span>events</span>" in facts
    assert html.count('class="ev-row"') == len(EVIDENCE)
    for condition in {e[0] for e in EVIDENCE}:
        assert f'<tr data-condition="{condition}">' in html
    assert 'id="timeline-2"' in html  # the dyad's chart
    assert "left-out-note" not in html


def test_untrusted_text_is_escaped_everywhere(tmp_path, db_path):
    make_db(db_path, xss=True)
    con = connect(db_path)
    con.execute(
        "UPDATE evidence SET url = 'javascript:alert(1)', outlet = '<b>Outlet</b>' WHERE doc_id = 'a04'"
    )
    con.close()
    html = _report(tmp_path, db_path)
    assert "<script>window.__xss" not in html
    assert 'onerror="window' not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "javascript:alert" not in html
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in html


def test_script_json_cannot_close_its_script_tag():
    value = {"text": "</script><!-- <script>alert(1)</script> & \u2028"}
    text = str(script_json(value))
    assert "</" not in text and "<!--" not in text and "<" not in text
    assert json.loads(text) == value


def test_only_web_links_are_kept():
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert web_url(" JavaScript:alert(1)") is None
    assert web_url("data:text/html,hi") is None
    assert web_url(None) is None


def test_highlight_marks_matched_words_case_insensitively():
    pieces = data.highlight("The Taliban ordered girls' schools shut.", ["Girls' schools", "ordered"])
    assert pieces == [("The Taliban ", False), ("ordered", True), (" ", False), ("girls' schools", True),
                      (" shut.", False)]  # fmt: skip
    assert data.highlight("No match here.", []) == [("No match here.", False)]
    # Whole words only from the left, stems run on to the word's end.
    pieces = data.highlight("The Taliban bans working women.", ["ban", "work"])
    assert [t for t, hit in pieces if hit] == ["bans", "working"]


def test_dyad_timeline_counts_both_directions(db_path):
    make_db(db_path)
    con = connect(db_path, read_only=True)
    t = charts.timeline(con, "USA-AFG", Filters(), dyad=charts.parse_dyad("usa-afg"))
    con.close()
    expected = [e for e in EVENTS if {e[5], e[6]} & {"USA"} and {e[7], e[8]} & {"AFG"}]
    expected += [e for e in EVENTS if {e[7], e[8]} & {"USA"} and {e[5], e[6]} & {"AFG"}]
    assert t["total"] == len(expected)
    assert sum(sum(s["counts"]) for s in t["series"]) == t["total"]
    assert {s["type"] for s in t["series"]} == {e[3] for e in expected}


def test_network_edges_weigh_events(db_path):
    make_db(db_path)
    con = connect(db_path, read_only=True)
    net = charts.network(con, Filters())
    con.close()
    edge = next(e for e in net["edges"] if (e["source"], e["target"]) == ("TAL", "AFGWOM"))
    assert edge["events"] == sum(1 for e in EVENTS if (e[5], e[7]) == ("TAL", "AFGWOM"))
    assert edge["intensity"] == -7.0 and edge["colour"] == charts.intensity_colour(-7.0)
    assert charts.intensity_colour(10) == "#0072b2" and charts.intensity_colour(-10) == "#d55e00"


def test_no_evidence_shows_events_with_a_note(tmp_path, db_path):
    html = _report(tmp_path, make_db(db_path, evidence=False))
    assert 'id="no-evidence-note"' in html
    assert 'id="scorecard-table"' not in html
    assert 'id="timeline-1"' in html and 'id="network-svg"' in html


def test_empty_database_gives_a_clear_page(tmp_path, db_path):
    connect(db_path).close()  # tables, no rows
    html = _report(tmp_path, db_path)
    assert 'id="empty-note"' in html and "no articles or events yet" in html
    assert len(html) < 50_000


def test_verdict_lists_status_latest_deed_stances_and_moves(db_path):
    from diplowatch.report.verdict import verdict

    make_db(db_path)
    con = connect(db_path, read_only=True)
    card = data.scorecard(con, WATCH, by="quarter")
    v = verdict(con, card)
    con.close()
    rights = next(c for c in v["conditions"] if c["id"] == "human_rights")
    assert (rights["status"], rights["plus"], rights["minus"]) == ("breached", 1, 3)
    # The latest deed is the newest sentence with a deed for the condition (a11, women barred).
    assert (rights["latest"]["doc_id"], rights["latest"]["date"]) == ("a11", "2022-12-20")
    usa = next(o for o in v["observers"] if o["code"] == "USA")
    assert usa["latest"]["stance"] == "reject" and usa["since"]["date"] == "2022-12-20"
    assert [(m["code"], m["from"], m["to"], m["date"], m["doc_id"]) for m in v["moves"]] == [
        ("USA", "withhold", "reject", "2022-12-20", "a11")
    ]
    # Every stance cell points at a sentence showing that stance in that period.
    assert v["lane_links"]["RUS"] == {
        "2021-Q4": {"date": "2021-10-20", "doc_id": "a06", "sentence_index": 0,
                    "sentence": "Russia hosted Taliban delegates in Moscow.", "outlet": "TASS",
                    "url": "https://news.example.org/a06"}
    }  # fmt: skip
    # One condition has a single deed meeting it: "some progress", not "met" (met needs two independent deeds).
    assert v["status_counts"] == {"no evidence": 1, "breached": 2, "met": 1, "some progress": 1}


def test_periods_default_to_quarters_over_multi_year_ranges(tmp_path, db_path):
    from diplowatch.report.verdict import default_by

    make_db(db_path)
    con = connect(db_path)
    assert default_by(con, WATCH) == "month"  # 17 months
    con.execute("UPDATE evidence SET date = DATE '2025-07-03' WHERE doc_id = 'a11'")
    assert default_by(con, WATCH) == "quarter"
    assert default_by(con, WATCH, until="2022-06-30") == "month"
    con.close()
    html = _report(tmp_path, db_path)
    assert "Conditions by quarter" in html and "2025-Q3" in html


def test_misdated_events_leave_the_timeline_for_the_qa_list(tmp_path, db_path):
    make_db(db_path)
    con = connect(db_path)
    # Read against the wrong year (no year in the sentence), and dated after publication.
    con.execute("UPDATE events SET date = DATE '1928-11-18' WHERE event_id = 'a08-0-0'")
    con.execute("UPDATE events SET date = DATE '2023-05-01' WHERE event_id = 'a09-0-0'")
    # Long before the article, but the sentence names the year: kept.
    con.execute(
        "UPDATE events SET date = DATE '2001-09-11', sentence = 'In 2001 the United States went to war.'"
        " WHERE event_id = 'a01-1-0'"
    )
    t = charts.timeline(con, "all", Filters())
    assert t["periods"][0] == "2001-09" and t["periods"][-1] == "2022-12"
    assert t["total"] == len(EVENTS) - 2
    rows, total = data.event_rows(con, Filters(), dating="misdated")
    assert total == 2 and {r["event_id"] for r in rows} == {"a08-0-0", "a09-0-0"}
    assert data.event_rows(con, Filters(), dating="plausible")[1] == len(EVENTS) - 2
    con.close()
    html = _report(tmp_path, db_path)
    qa = re.search(r'<table class="evidence" id="qa-table">.*?</table>', html, re.S).group(0)
    assert qa.count('class="qa-row"') == 2 and "1928-11-18" in qa and "2023-05-01" in qa
    assert "2 events, <a" in html


def test_verdict_counts_a_busy_period_in_sql_and_quotes_its_rows(db_path):
    # One quarter with many words and one decision: the decision decides it whatever the counts, and
    # the cell quotes the newest row of that stance; without the decision the stance said most decides.
    from diplowatch.report.verdict import verdict

    make_db(db_path)
    con = connect(db_path)
    copy = (
        "INSERT INTO stances SELECT * REPLACE (? AS stance, ? AS doc_id, ? AS sentence_index, ? AS date,"
        " ? AS sentence) FROM stances WHERE observer_code = 'RUS' AND doc_id = 'a06'"
    )
    for n, (stance, day) in enumerate(
        [("engage", "2021-10-02"), ("engage", "2021-11-05"), ("withhold", "2021-11-20"),
         ("recognize", "2021-11-09"), ("engage", "2021-12-01")]
    ):  # fmt: skip
        con.execute(copy, [stance, f"r{n}", n, day, f"Moscow said something ({n})."])
    card = data.scorecard(con, WATCH, by="quarter")
    cell = verdict(con, card)["lane_links"]["RUS"]["2021-Q4"]
    assert (cell["doc_id"], cell["date"], cell["sentence"]) == (
        "r3",
        "2021-11-09",
        "Moscow said something (3).",
    )
    con.execute("DELETE FROM stances WHERE doc_id = 'r3'")
    card = data.scorecard(con, WATCH, by="quarter")
    v = verdict(con, card)
    assert v["lane_links"]["RUS"]["2021-Q4"]["doc_id"] == "r4"  # engage, 4 of 5 rows: the newest one
    rus = next(o for o in v["observers"] if o["code"] == "RUS")
    assert rus["since"]["doc_id"] == "r0"  # the stance's first row in the period says since when
    con.close()


def test_misdated_ids_found_once_select_what_each_query_would(db_path):
    # A page finds the misdated events once and passes their ids to every event query; each query
    # must select what it selects when it tests the articles' dates itself.
    from diplowatch.report.svg import event_map

    make_db(db_path)
    con = connect(db_path)
    con.execute("UPDATE events SET date = DATE '1928-11-18' WHERE event_id = 'a08-0-0'")
    con.execute("UPDATE events SET date = DATE '2023-05-01' WHERE event_id = 'a09-0-0'")
    ids = data.misdated_ids(con)
    assert sorted(ids) == ["a08-0-0", "a09-0-0"]
    for f in (Filters(), Filters(since="2021-09"), Filters(type="COERCE"), Filters(actor="USA")):
        for dating in ("plausible", "misdated"):
            assert data.event_rows(con, f, dating=dating, misdated=ids) == data.event_rows(
                con, f, dating=dating
            )
            assert data.event_facets(con, f, dating, ids) == data.event_facets(con, f, dating)
        assert charts.timeline(con, "t", f, misdated=ids) == charts.timeline(con, "t", f)
        assert charts.network(con, f, misdated=ids) == charts.network(con, f)
        assert event_map(con, f, misdated=ids) == event_map(con, f)
    # with none misdated, the plausible events are all of them and the QA list is empty
    con.execute("UPDATE events SET date = DATE '2021-09-01' WHERE event_id IN ('a08-0-0', 'a09-0-0')")
    assert data.misdated_ids(con) == []
    assert data.event_rows(con, Filters(), dating="misdated", misdated=[])[1] == 0
    assert data.event_rows(con, Filters(), dating="plausible", misdated=[])[1] == len(EVENTS)
    con.close()


def test_a_yearless_deadline_read_as_the_year_before_goes_to_the_qa_list(db_path):
    from diplowatch.nlp.dates import event_date

    make_db(db_path)
    con = connect(db_path)
    pledge = "The OIC pledged to send envoys ahead of a January 15 deadline."
    recalled = "Russia hosted Taliban delegates in Moscow, as it did on March 18."
    # the old rule read both days as the last one before publication (2021-12-19 and 2021-10-20)
    con.execute(
        "UPDATE events SET date = DATE '2021-01-15', sentence = ? WHERE event_id = 'a07-1-0'", [pledge]
    )
    con.execute(
        "UPDATE events SET date = DATE '2021-03-18', sentence = ? WHERE event_id = 'a06-0-0'", [recalled]
    )
    rows, _ = data.event_rows(con, Filters(), dating="misdated")
    # the deadline points ahead: 337 days back is the wrong year; the recalled meeting is not
    assert {r["event_id"] for r in rows} == {"a07-1-0"}
    # and the date rule now gives what the QA list accepts: the pledge on its report's day
    assert event_date(pledge, "2021-12-19") == "2021-12-19"
    con.execute("UPDATE events SET date = ? WHERE event_id = 'a07-1-0'", [event_date(pledge, "2021-12-19")])
    assert data.event_rows(con, Filters(), dating="misdated")[1] == 0
    con.close()


def test_map_places_events_offline(db_path):
    from diplowatch.report.svg import event_map, world

    make_db(db_path)
    con = connect(db_path)
    con.execute("UPDATE events SET location = {'name': 'Kabul', 'country': 'AFG', 'lat': 34.53, 'lon': 69.17}"
                " WHERE doc_id IN ('a01', 'a02')")  # fmt: skip
    m = event_map(con, Filters())
    con.close()
    assert (
        len(m["points"]) == 1 and m["points"][0]["label"] == "Kabul: 3 events"
    )  # a01 has two events, a02 one
    # Equirectangular, 2 units per degree: Kabul sits at (69+180)*2, (90-35)*2.
    assert (m["points"][0]["x"], m["points"][0]["y"]) == (498.0, 110.0)
    assert world()["d"].startswith("M") and len(world()["d"]) < 100_000


def test_cli_report_defaults_and_errors(tmp_path, db_path):
    make_db(db_path)
    runner = CliRunner()
    out = tmp_path / "r.html"
    done = runner.invoke(main, ["report", "--db", str(db_path), "--out", str(out), "--by", "quarter"])
    assert done.exit_code == 0, done.output
    assert str(out) in done.output and out.exists()
    assert "2021-Q3" in out.read_text(encoding="utf-8")
    bad = runner.invoke(main, ["report", "--db", str(db_path), "--out", str(out), "--dyad", "USA"])
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "USA-AFG" in bad.output
    unknown = runner.invoke(main, ["report", "no-such-watch", "--db", str(db_path), "--out", str(out)])
    assert unknown.exit_code == 1 and "no-such-watch" in unknown.output and "Traceback" not in unknown.output
    missing = runner.invoke(main, ["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(out)])
    assert missing.exit_code == 1 and "no such database" in missing.output


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    return make_big_db(tmp_path_factory.mktemp("big") / "big.duckdb", events=100_000, evidence=20_000)


def test_hundred_thousand_events_stay_under_15_mb(tmp_path, big_db):
    out = tmp_path / "big.html"
    made = write_report(big_db, out, WATCH, dyads=["C1-C3"])
    size = out.stat().st_size
    assert size < 15_000_000
    assert made["evidence"] == 5000 and made["left_out"] == 15_000
    html = out.read_text(encoding="utf-8")
    assert "15,000 of 20,000 evidence rows were left out" in html
    assert html.count('class="ev-row"') == 5000
    print(f"report on 100,000 events: {size / 1e6:.1f} MB")


def test_network_keeps_the_subject_and_the_observers_with_names(db_path):
    make_db(db_path)
    con = connect(db_path, read_only=True)
    net = charts.network(con, Filters(), codes=["TAL"], among=["USA", "PAK"])
    con.close()
    pairs = {(e["source"], e["target"]) for e in net["edges"]}
    assert ("USA", "PAK") in pairs  # two observers: kept
    assert ("USA", "AFG") not in pairs and ("RUS", "AFG") not in pairs  # neither side the subject
    assert all("TAL" in p or set(p) <= {"USA", "PAK"} for p in pairs)
    assert {n["name"] for n in net["nodes"]} >= {"USA", "TAL"}  # fixture actors are named by their codes
