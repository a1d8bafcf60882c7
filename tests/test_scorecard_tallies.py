"""The scorecard built from SQL tallies (watch.scorecard.build_scorecard) is the scorecard of its
definition (scorecard_of_rows: every row read, folded into acts, reviewed, then built): the same JSON,
statuses, counts, quoted sentences and act ids, with and without reviews, on every period and a date
range; on the sample corpus coded for real, and on random rows that stress the folding (many places,
undated rows, indexes that sort differently as text, reviews that add, correct and remove rows)."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from diplowatch.app import Diplowatch
from diplowatch.core.reviews import Review
from diplowatch.core.vocabulary import PERIODS
from diplowatch.store import connect
from diplowatch.store.reviews import add_review
from diplowatch.watch import load_watch
from diplowatch.watch.scorecard import build_scorecard, scorecard_of_rows

WATCH = "afghanistan-recognition"
RANGES = [(None, None), ("2021-09-01", "2021-12-31"), ("2021-08-20", None)]


def _same(con, watch, by, since=None, until=None):
    fast = build_scorecard(con, watch, by, since, until)
    slow = scorecard_of_rows(con, watch, by, since, until)
    assert json.dumps(fast) == json.dumps(slow), (by, since, until)
    return fast


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, sample_dir):
    path = tmp_path_factory.mktemp("tallies") / "sample.duckdb"
    app = Diplowatch(path)
    app.run([str(sample_dir)])
    app.watch(WATCH)
    return path


def test_sample_scorecard_is_the_rows_scorecard(sample_db):
    con = connect(sample_db)
    try:
        watch = load_watch(WATCH)
        for by in PERIODS:
            for since, until in RANGES:
                card = _same(con, watch, by, since, until)
        assert any(c["plus"] or c["minus"] for c in card["conditions"])
        assert any(o["latest"] for o in card["observers"])
    finally:
        con.close()


def test_sample_scorecard_with_reviews(sample_db):
    con = connect(sample_db)
    try:
        watch = load_watch(WATCH)
        evidence = con.execute(
            "SELECT condition, doc_id, sentence_index, polarity, sentence, CAST(date AS VARCHAR) FROM evidence"
            " WHERE watch = ? ORDER BY polarity DESC, date DESC, doc_id LIMIT 4",
            [WATCH],
        ).fetchall()
        stances = con.execute(
            "SELECT observer_code, doc_id, sentence_index, stance, sentence, CAST(date AS VARCHAR) FROM stances"
            " WHERE watch = ? ORDER BY date DESC, doc_id LIMIT 3",
            [WATCH],
        ).fetchall()
        assert len(evidence) == 4 and len(stances) == 3
        flips = {1: "-1", 0: "1", -1: "1"}
        for (condition, doc, index, polarity, _, _), (verdict, correct) in zip(
            evidence[:3], [("wrong", None), ("right", None), ("wrong", "flip")], strict=True
        ):
            value = flips[polarity] if correct else None
            add_review(con, Review("evidence", doc, index, condition, verdict, WATCH, str(polarity), value))
        # a row the machine missed: another condition on a judged sentence
        condition, doc, index, _, sentence, day = evidence[3]
        other = next(c.id for c in watch.outline().conditions if c.id != condition)
        add_review(
            con, Review("evidence", doc, index, other, "wrong", WATCH, None, "1", sentence=sentence, date=day)
        )
        code, doc, index, stance, sentence, day = stances[0]
        add_review(con, Review("stance", doc, index, code, "wrong", WATCH, stance, "reject"))
        code, doc, index, stance, _, _ = stances[1]
        add_review(con, Review("stance", doc, index, code, "wrong", WATCH, stance, None))
        add_review(
            con,
            Review(
                "stance", doc, index, "XYZ", "wrong", WATCH, None, "recognize", sentence=sentence, date=day
            ),
        )
        for by in PERIODS:
            for since, until in RANGES:
                card = _same(con, watch, by, since, until)
        assert sum(c["reviewed"] for c in card["conditions"]) >= 1
        assert "XYZ" in [o["code"] for o in _same(con, watch, "month")["observers"]]
    finally:
        con.close()


def _random_rows(con, seed: int) -> None:
    """Evidence and stance rows of the bundled watch, made at random over few days, actors and places
    (and an event per row or none), so that many rows fold and the folding's order matters."""
    rng = random.Random(seed)
    outline = load_watch(WATCH).outline()
    conditions = [c.id for c in outline.conditions]
    observers = [o.code for o in outline.observers] + ["ZZZ"]
    start = dt.date(2021, 8, 1)
    targets = [None, "AFG", "afg", "PAK", "None", ""]
    for i in range(rng.randint(5, 40)):
        target = rng.choice(targets)
        con.execute(
            "INSERT INTO events (event_id, doc_id, sentence_index, sentence, type, target) VALUES"
            " (?, 'd', 0, 's', 'CONSULT', {'text': NULL, 'name': NULL, 'code': ?, 'country': NULL,"
            " 'sector': NULL, 'group': NULL})",
            [f"e{i}", target],
        )
    n_events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    seen = set()
    for _ in range(rng.randint(20, 160)):
        condition = rng.choice(conditions)
        doc, index = f"doc{rng.randint(0, 25)}", rng.randint(0, 12)
        if (condition, doc, index) in seen:
            continue
        seen.add((condition, doc, index))
        day = (
            None if rng.random() < 0.1 else start + dt.timedelta(days=rng.choice([0, 1, 2, 3, 5, 9, 40, 70]))
        )
        polarity = rng.choice([-1, 0, 0, 1, 1])
        rule = rng.choice([f"{condition}.a:deed (x)", f"{condition}.b:word", "plain", None])
        event = f"e{rng.randrange(n_events)}" if rng.random() < 0.6 else None
        con.execute(
            "INSERT INTO evidence (watch, condition, polarity, kind, actor, doc_id, sentence_index, sentence, date,"
            " event_id, rule, confidence, matched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [WATCH, condition, polarity, "deed" if polarity else "word", rng.choice(["TAL", "", None, "PAK"]),
             doc, index, f"sentence {doc} {index}", day, event, rule, rng.choice([None, 0.5, 0.9]), ["x"]],
        )  # fmt: skip
    seen = set()
    for _ in range(rng.randint(0, 80)):
        code = rng.choice(observers)
        doc, index = f"doc{rng.randint(0, 25)}", rng.randint(0, 12)
        if (code, doc, index) in seen:
            continue
        seen.add((code, doc, index))
        day = None if rng.random() < 0.1 else start + dt.timedelta(days=rng.randint(0, 100))
        con.execute(
            "INSERT INTO stances (watch, observer, observer_code, stance, doc_id, sentence_index, sentence, date)"
            " VALUES (?, {'name': ?, 'code': ?, 'country': NULL}, ?, ?, ?, ?, ?, ?)",
            [WATCH, f"name of {code}", code, code, rng.choice(["recognize", "engage", "withhold", "reject"]),
             doc, index, f"sentence {doc} {index}", day],
        )  # fmt: skip
    rows = con.execute("SELECT condition, doc_id, sentence_index, polarity FROM evidence").fetchall()
    for condition, doc, index, polarity in rng.sample(rows, min(len(rows), rng.randint(0, 4))):
        verdict = rng.choice(["right", "wrong"])
        correct = rng.choice([None, "-1", "0", "1"]) if verdict == "wrong" else None
        add_review(con, Review("evidence", doc, index, condition, verdict, WATCH, str(polarity), correct))
    for k in range(rng.randint(0, 2)):  # rows the machine missed, some outside the dates asked for
        day = rng.choice([None, "2021-08-02", "2021-08-20", "2021-10-01"])
        condition = rng.choice(conditions)
        add_review(con, Review("evidence", f"new{k}", 1, condition, "wrong", WATCH, None, rng.choice(["-1", "1"]),
                               sentence="a missed sentence", date=day))  # fmt: skip
        add_review(con, Review("stance", f"new{k}", 1, rng.choice(observers), "wrong", WATCH, None,
                               rng.choice(["engage", "recognize"]), sentence="a missed sentence", date=day))  # fmt: skip
    rows = con.execute("SELECT observer_code, doc_id, sentence_index, stance FROM stances").fetchall()
    for code, doc, index, stance in rng.sample(rows, min(len(rows), rng.randint(0, 3))):
        correct = rng.choice([None, "reject", "engage"])
        add_review(con, Review("stance", doc, index, code, "wrong", WATCH, stance, correct))


@pytest.mark.parametrize("seed", range(16))
def test_random_rows_scorecard_is_the_rows_scorecard(tmp_path, seed):
    con = connect(tmp_path / "random.duckdb")
    try:
        _random_rows(con, seed)
        watch = load_watch(WATCH)
        for by in PERIODS:
            for since, until in [(None, None), ("2021-08-03", "2021-09-15")]:
                _same(con, watch, by, since, until)
    finally:
        con.close()
