"""`ingest` from stdin and re-runs, `articles` exports with filters, `stats` summary."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from diplowatch.cli import main

RECORDS = [
    {
        "id": "a1",
        "text": "The Taliban named an interim cabinet on Tuesday with no women among its members.",
        "date": "2021-09-07",
        "outlet": "Kabul Ledger",
    },
    {
        "id": "a2",
        "text": "Pakistan urged the world to engage with the new authorities in Kabul on Thursday.",
        "date": "2021-09-23",
        "outlet": "Gulf Dispatch",
    },
    {
        "id": "a3",
        "text": "Le gouvernement français a annoncé mardi qu'il ne reconnaîtrait pas le nouveau régime à Kaboul.",
        "date": "2021-10-05",
        "outlet": "Meridian Times",
    },
    {
        "id": "a4",
        "text": "The Taliban named an interim cabinet on Tuesday with no women among its members.",
        "date": "2021-09-08",
        "outlet": "Steppe Wire",
    },
]


def _invoke(*args: str, stdin: str | None = None):
    result = CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def filled(db_path):
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n"
    result = _invoke("ingest", "-", "--db", str(db_path), stdin=lines)
    assert result.exit_code == 0, result.stderr
    return db_path, result


def test_stdin_ingest_folds_the_exact_copy_and_flags_french(filled):
    _, result = filled
    assert (
        result.stdout.strip()
        == "3 new articles; 0 already stored; 1 exact and 0 near duplicates folded; 1 not in English (stored, not coded)"
    )


def test_articles_jsonl_filters(filled):
    db, _ = filled
    rows = [
        json.loads(x) for x in _invoke("articles", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    ]
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]  # date order, canonical only
    assert rows[0]["n_outlets"] == 2
    english = _invoke(
        "articles", "--db", str(db), "--format", "jsonl", "--language", "en"
    ).stdout.splitlines()
    assert [json.loads(x)["id"] for x in english] == ["a1", "a2"]
    window = _invoke(
        "articles", "--db", str(db), "--format", "jsonl", "--since", "2021-09-08", "--until", "2021-09-30"
    )
    assert [json.loads(x)["id"] for x in window.stdout.splitlines()] == ["a2"]
    everything = _invoke(
        "articles", "--db", str(db), "--format", "jsonl", "--include-duplicates", "--outlet", "steppe wire"
    )
    (copy,) = [json.loads(x) for x in everything.stdout.splitlines()]
    assert copy["id"] == "a4" and copy["duplicate_of"] == "a1" and copy["duplicate_kind"] == "exact"


def test_articles_csv_parquet_and_bad_date(filled, tmp_path):
    db, _ = filled
    out = _invoke("articles", "--db", str(db), "--format", "csv").stdout
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["a1", "a2", "a3"]
    parquet = tmp_path / "a.parquet"
    assert _invoke("articles", "--db", str(db), "--format", "parquet", "--out", str(parquet)).exit_code == 0
    assert parquet.stat().st_size > 0
    bad = _invoke("articles", "--db", str(db), "--since", "09/01/2021")
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.stderr


def test_stats_summarises(filled):
    db, _ = filled
    out = _invoke("stats", "--db", str(db)).stdout
    for expected in (
        "canonical articles",
        "exact duplicates folded",
        "2021-09-07 to 2021-10-05",
        "Kabul Ledger",
        "fr",
    ):
        assert expected in out


def test_rerun_from_a_folder_says_nothing_new(tmp_path, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "items.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8")
    assert _invoke("ingest", str(folder), "--db", str(db_path), "--quiet").exit_code == 0
    again = _invoke("ingest", str(folder), "--db", str(db_path))
    assert again.exit_code == 0 and again.stdout.strip() == "0 new articles; 4 already stored"


def test_missing_database_for_reading_commands(tmp_path):
    result = _invoke("stats", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "no such database" in result.stderr


STORY = (
    "KABUL — The Taliban on Wednesday reversed a decision to reopen secondary schools for girls, hours "
    "after classes had resumed across Afghanistan for the first time since August. Students who arrived "
    "at schools in Kabul were told to go home. Taliban officials did not explain the decision, which drew "
    "criticism from the United Nations and from several governments that have made girls' education a "
    "condition of any engagement with the new authorities."
)


def _pair(folder):
    folder.mkdir()
    (folder / "2022-03-23-schools.txt").write_text(f"Taliban reverse schools decision\n\n{STORY}\n")
    rewrite = STORY.replace("did not explain", "gave no explanation for")
    (folder / "2022-03-24-copy.txt").write_text(
        f"Girls sent home\n\nSponsored: visit our shop\n\n{rewrite}\n"
    )


def test_near_duplicate_threshold_flag(tmp_path):
    _pair(tmp_path / "in")
    folded = _invoke("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "a.duckdb"), "--quiet")
    assert "1 new articles" in folded.stdout and "0 exact and 1 near duplicates folded" in folded.stdout
    strict = _invoke(
        "ingest",
        str(tmp_path / "in"),
        "--db",
        str(tmp_path / "b.duckdb"),
        "--quiet",
        "--near-dup-threshold",
        "0.99",
    )
    assert strict.stdout.startswith("2 new articles")


def test_boilerplate_flag_drops_matching_lines(tmp_path):
    _pair(tmp_path / "in")
    db = tmp_path / "c.duckdb"
    _invoke("ingest", str(tmp_path / "in"), "--db", str(db), "--quiet", "--boilerplate", r"^sponsored:")
    rows = _invoke(
        "articles", "--db", str(db), "--format", "jsonl", "--include-duplicates"
    ).stdout.splitlines()
    texts = [json.loads(r)["text"] for r in rows]
    assert len(texts) == 2 and not any("Sponsored" in t for t in texts)
    assert all(t.endswith("the new authorities.") for t in texts)
