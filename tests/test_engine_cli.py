"""`diplowatch run`, `code` and `events` on the bundled sample corpus, through the real CLI and store."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest
from click.testing import CliRunner

from diplowatch.cli import main


def _invoke(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory, sample_dir):
    db = tmp_path_factory.mktemp("engine") / "sample.duckdb"
    _invoke("run", str(sample_dir), "--db", str(db), "--quiet")
    return db


def _events(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT event_id, type, source.code, target.code, negated, hypothetical FROM events ORDER BY event_id"
        ).fetchall()
    finally:
        con.close()


def test_run_codes_every_canonical_english_article(coded_db):
    con = duckdb.connect(str(coded_db), read_only=True)
    try:
        canonical = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchall()[0][0]
        coded = con.execute("SELECT count(*) FROM coded_articles").fetchall()[0][0]
        with_rule = con.execute(
            "SELECT count(*) FROM events WHERE rule IS NOT NULL AND sentence <> ''"
        ).fetchall()
        total = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    finally:
        con.close()
    assert coded == canonical > 40
    assert total > 50 and with_rule[0][0] == total


def test_code_is_incremental_and_recode_is_idempotent(coded_db):
    before = _events(coded_db)
    again = _invoke("code", "--db", str(coded_db), "--quiet")
    assert "nothing to code" in again.output
    _invoke("code", "--db", str(coded_db), "--recode", "--quiet")
    assert _events(coded_db) == before


def test_code_says_how_much_of_its_time_went_to_loading_the_coder(coded_db, tmp_path):
    import re

    db = tmp_path / "again.duckdb"
    shutil.copy(coded_db, db)
    out = _invoke("code", "--db", str(db), "--recode", "--quiet").output
    found = re.search(r"in ([\d.]+)s \(.*; ([\d.]+)s of it loading the coder\)", out.replace("\n", " "))
    assert found, out
    assert 0 <= float(found.group(2)) <= float(found.group(1))  # 0.0 when this process has the model loaded


def test_one_process_coding_leaves_the_collector_as_it_found_it(coded_db, tmp_path):
    import gc

    # The loaded coder is frozen out of the collector while it codes, and released afterwards: a process
    # that codes again and again (`follow`) must not pile up frozen objects run after run.
    db = tmp_path / "again.duckdb"
    shutil.copy(coded_db, db)
    frozen = gc.get_freeze_count()
    _invoke("code", "--db", str(db), "--recode", "--quiet")
    assert gc.get_freeze_count() == frozen
    assert _events(db) == _events(coded_db)


@pytest.mark.slow  # spawns a pool of worker processes, each loading spaCy
def test_two_workers_give_the_same_events_as_one(coded_db, tmp_path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    shutil.copy(coded_db, one)
    shutil.copy(coded_db, two)
    _invoke("code", "--db", str(one), "--recode", "--quiet")
    _invoke("code", "--db", str(two), "--recode", "--workers", "2", "--quiet")
    assert _events(two) == _events(one)


def test_events_export_filters_by_type_actor_and_date(coded_db, tmp_path):
    out = tmp_path / "consult.jsonl"
    _invoke("events", "--db", str(coded_db), "--format", "jsonl", "--type", "CONSULT", "--out", str(out))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and {r["type"] for r in rows} == {"CONSULT"}
    assert not any(r["negated"] or r["hypothetical"] for r in rows)

    out = tmp_path / "usa.jsonl"
    _invoke(
        "events",
        "--db",
        str(coded_db),
        "--format",
        "jsonl",
        "--actor",
        "USA",
        "--since",
        "2022-01-01",
        "--out",
        str(out),
    )
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows
    assert all(r["date"] >= "2022-01-01" for r in rows)
    assert all(
        "USA" in {(r["source"] or {}).get("country"), (r["target"] or {}).get("country")} for r in rows
    )


def test_flagged_events_are_left_out_unless_asked(coded_db, tmp_path):
    flagged = [e for e in _events(coded_db) if e[4] or e[5]]
    assert flagged, "the sample corpus has promises and threats that must be flagged"
    plain, everything = tmp_path / "plain.csv", tmp_path / "all.csv"
    _invoke("events", "--db", str(coded_db), "--format", "csv", "--out", str(plain))
    _invoke("events", "--db", str(coded_db), "--format", "csv", "--include-flagged", "--out", str(everything))
    count = lambda p: len(p.read_text().splitlines()) - 1  # noqa: E731
    assert count(everything) - count(plain) == len(flagged)


def test_parquet_export_loads_with_nested_actors(coded_db, tmp_path):
    out = tmp_path / "events.parquet"
    _invoke("events", "--db", str(coded_db), "--format", "parquet", "--out", str(out))
    row = duckdb.sql(f"SELECT source.code, sentence, rule FROM '{out}' LIMIT 1").fetchall()[0]
    assert row[0] and row[1] and row[2]


def test_parquet_to_stdout_is_a_one_line_error(coded_db):
    result = CliRunner().invoke(main, ["events", "--db", str(coded_db), "--format", "parquet"])
    assert result.exit_code == 1
    assert "--out" in result.output and "Traceback" not in result.output


def test_events_min_confidence_keeps_only_confident_events(coded_db, tmp_path):
    every, confident = tmp_path / "all.jsonl", tmp_path / "confident.jsonl"
    _invoke("events", "--db", str(coded_db), "--format", "jsonl", "--out", str(every))
    _invoke(
        "events",
        "--db",
        str(coded_db),
        "--format",
        "jsonl",
        "--min-confidence",
        "0.8",
        "--out",
        str(confident),
    )
    rows = [json.loads(line) for line in every.read_text().splitlines()]
    kept = [json.loads(line) for line in confident.read_text().splitlines()]
    assert kept and len(kept) < len(rows)
    assert all(r["confidence"] >= 0.8 for r in kept)
    assert len(kept) == sum(r["confidence"] >= 0.8 for r in rows)
    bad = CliRunner().invoke(main, ["events", "--db", str(coded_db), "--min-confidence", "2"])
    assert bad.exit_code != 0 and "0<=x<=1" in bad.output.replace(" ", "")
