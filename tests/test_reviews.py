"""The analyst's review loop from the CLI, on real coding of news texts written for these tests: acts
counted once however many articles report them, reviews that override the scorecard and survive a recode
and a watch re-run, and gold lines the real-news scorer reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplowatch.app import Diplowatch
from diplowatch.cli import main

WATCH = "afghanistan-recognition"
ARTICLES = [
    {"id": "bbc-1", "date": "2022-12-20", "outlet": "BBC", "url": "https://example.org/bbc-1",
     "text": "The Taliban barred women from universities in Afghanistan on Tuesday. "
             "The United Nations condemned the decision."},
    {"id": "rt-2", "date": "2022-12-21", "outlet": "Reuters", "url": "https://example.org/rt-2",
     "text": "Afghanistan's Taliban rulers have banned women from attending universities across the country, "
             "a spokesman said on Wednesday."},
    {"id": "aj-3", "date": "2021-09-09", "outlet": "Al Jazeera", "url": "https://example.org/aj-3",
     "text": "The Taliban allowed a Qatar Airways flight carrying foreigners to leave Kabul airport on Thursday."},
]  # fmt: skip


def make_reviewed_db(folder: Path) -> Path:
    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "news.duckdb"
    app = Diplowatch(db)
    app.ingest([str(source)])
    app.code()
    app.run_watch(WATCH)
    return db


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> Path:
    return make_reviewed_db(tmp_path_factory.mktemp("reviews"))


@pytest.fixture
def db(coded, tmp_path) -> Path:
    """Each test reviews its own copy of the coded database."""
    copy = tmp_path / "news.duckdb"
    copy.write_bytes(coded.read_bytes())
    return copy


def _cli(*args: str, ok: bool = True):
    result = CliRunner().invoke(main, list(args))
    assert (result.exit_code == 0) == ok, result.output
    return result


def _card(db: Path) -> dict:
    card = Diplowatch(db).scorecard(WATCH)
    return {c["id"]: c for c in card["conditions"]}


def test_one_ban_reported_twice_counts_as_one_act(db):
    rights = _card(db)["human_rights"]
    assert rights["minus"] == 1 and rights["reports"]["minus"] == 2
    assert rights["status"] == "breached"


def test_a_review_overrides_the_scorecard_and_survives_recode_and_rerun(db):
    assert _card(db)["safe_passage"]["plus"] == 1
    _cli("review", "evidence", "aj-3", "0", "--condition", "safe_passage", "--wrong", "--correct", "none",
         "--reason", "foreigners' flight", "--reviewer", "ana", "--db", str(db))  # fmt: skip
    _cli("review", "evidence", "bbc-1", "0", "--condition", "human_rights", "--right", "--db", str(db))
    card = _card(db)
    assert card["safe_passage"]["plus"] == 0 and card["safe_passage"]["status"] == "no evidence"
    assert card["human_rights"]["reviewed"] == 1
    assert any(r.get("reviewed") == "right" for r in card["human_rights"]["top_evidence"])
    _cli("code", "--recode", "--db", str(db), "--quiet")
    _cli("watch", WATCH, "--db", str(db), "--quiet")
    again = _card(db)
    assert again["safe_passage"]["plus"] == 0 and again["human_rights"]["reviewed"] == 1
    listed = _cli("review", "list", "--db", str(db), "--format", "jsonl").output.splitlines()
    assert {json.loads(line)["subject"] for line in listed} == {"safe_passage", "human_rights"}


def test_a_review_can_add_what_the_machine_missed_and_repeats_are_not_stored(db):
    args = (
        "review",
        "stance",
        "bbc-1",
        "1",
        "--observer",
        "UN",
        "--wrong",
        "--correct",
        "reject",
        "--db",
        str(db),
    )
    assert "review stored" in _cli(*args).output
    assert "nothing stored" in _cli(*args).output
    card = Diplowatch(db).scorecard(WATCH)
    un = [o for o in card["observers"] if o["code"] == "UN"]
    assert un and un[0]["latest"]["stance"] == "reject"


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("evidence", "aj-3", "0", "--condition", "safe_passage", "--wrong", "--correct", "5"),
            "polarity '5'",
        ),
        (
            ("evidence", "nope", "0", "--condition", "safe_passage", "--wrong"),
            "no sentence 0 in article 'nope'",
        ),
        (("evidence", "aj-3", "0", "--condition", "human_rights", "--right"), "mark it wrong"),
        (("event", "no-such-event", "--right"), "no event 'no-such-event'"),
        (("stance", "bbc-1", "1", "--observer", "UN", "--wrong", "--correct", "adore"), "stance 'adore'"),
    ],
)
def test_bad_reviews_are_one_line_errors_and_store_nothing(db, args, message):
    result = _cli("review", *args, "--db", str(db), ok=False)
    assert message in result.output and "Traceback" not in result.output
    assert _cli("review", "list", "--db", str(db), "--format", "jsonl").output == ""


def test_review_export_writes_gold_lines(db, tmp_path):
    event_id = _cli("events", "--db", str(db), "--format", "jsonl").output.splitlines()
    first = json.loads(event_id[0])
    _cli("review", "event", first["event_id"], "--right", "--db", str(db))
    _cli(
        "review",
        "evidence",
        "aj-3",
        "0",
        "--condition",
        "safe_passage",
        "--wrong",
        "--correct",
        "0",
        "--db",
        str(db),
    )
    out = tmp_path / "gold.jsonl"
    _cli("review", "export", "--out", str(out), "--db", str(db))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "aliases" in lines[0]
    items = {line["id"]: line for line in lines[1:]}
    assert items["aj-3"]["conditions"] == [{"id": "safe_passage", "polarity": 0}]
    assert items["aj-3"]["text"] == ARTICLES[2]["text"] and items["aj-3"]["date"] == "2021-09-09"
    reviewed = items[first["doc_id"]]["events"]
    assert reviewed and reviewed[0]["types"] == [first["type"]]


def test_the_real_news_scorer_reads_the_exported_gold(db, tmp_path, shared):
    events = _cli("events", "--db", str(db), "--format", "jsonl").output.splitlines()
    for line in events:
        _cli("review", "event", json.loads(line)["event_id"], "--right", "--db", str(db))
    gold = tmp_path / "gold.jsonl"
    _cli("review", "export", "--out", str(gold), "--db", str(db))
    predicted = tmp_path / "events.jsonl"
    predicted.write_text("\n".join(events) + "\n", encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(shared / "gold" / "score_real.py"), str(gold), str(predicted)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    last = dict(pair.split("=") for pair in scored.stdout.strip().splitlines()[-1].split())
    assert float(last["events_r"]) == 1.0  # every confirmed event is found again in the machine's output
