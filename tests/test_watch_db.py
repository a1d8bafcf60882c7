"""Watches over a real DuckDB file filled from the sample corpus (ingest, sentences, actors), and the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from diplowatch.cli import main
from diplowatch.store import connect
from diplowatch.store import watch as store
from diplowatch.watch import build_scorecard, load_watch, run_watch
from watch_db import fill_db

WATCH = "afghanistan-recognition"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, sample_dir):
    path = tmp_path_factory.mktemp("watchdb") / "sample.duckdb"
    con = fill_db(path, [sample_dir])
    run_watch(con, load_watch(WATCH), progress=False)
    con.close()
    return path


@pytest.fixture
def con(sample_db):
    connection = connect(sample_db)
    yield connection
    connection.close()


def _evidence(con, condition, polarity):
    return con.execute(
        "SELECT sentence FROM evidence WHERE watch = ? AND condition = ? AND polarity = ?",
        [WATCH, condition, polarity],
    ).fetchall()


def test_each_condition_gets_evidence_of_the_right_sign(con):
    assert any("girls' secondary schools to stay closed" in s for (s,) in _evidence(con, "human_rights", -1))
    assert any("stop employing women" in s for (s,) in _evidence(con, "humanitarian_access", -1))
    assert any("made up entirely of men" in s for (s,) in _evidence(con, "inclusive_government", -1))
    assert any("allowed the flight to depart" in s for (s,) in _evidence(con, "safe_passage", 1))
    assert any("sheltering the leader of al-Qaeda" in s for (s,) in _evidence(con, "counter_terrorism", -1))
    words = con.execute("SELECT DISTINCT kind FROM evidence WHERE polarity = 0").fetchall()
    assert words == [("word",)]


def test_rows_carry_their_source_and_rule(con):
    rows = store.read_evidence(con, WATCH)
    assert rows and all(r["rule"] and r["doc_id"] and r["date"] for r in rows)
    assert all(r["actor"] for r in rows)
    assert any(r["outlet"] for r in rows) and any(r["url"] for r in rows)
    highlighted = [r for r in rows if r["matched"]]
    assert all(all(word in r["sentence"] for word in r["matched"]) for r in highlighted)


def test_observers_stances_over_time(con):
    card = build_scorecard(con, load_watch(WATCH), by="quarter")
    observers = {o["code"]: o for o in card["observers"]}
    assert observers["USA"]["latest"]["stance"] == "withhold"
    # accepting the Taliban's ambassador's credentials (2024) is recognition by the annotation guidelines
    assert observers["CHN"]["latest"]["stance"] == "recognize"
    russia = observers["RUS"]
    assert russia["latest"]["stance"] == "recognize"
    assert str(russia["latest"]["date"]).startswith("2025")
    assert {lane["stance"] for lane in russia["lanes"] if lane["period"] < "2025"} <= {
        "engage",
        "withhold",
        None,
    }


def test_scorecard_shape_and_statuses(con):
    card = build_scorecard(con, load_watch(WATCH), by="quarter", since="2021-08-15", until="2023-12-31")
    json.dumps(card)  # JSON-able for the report and the API
    assert card["periods"][0] == "2021-Q3" and card["periods"][-1] <= "2023-Q4"
    assert {c["id"] for c in card["conditions"]} == {
        "counter_terrorism", "human_rights", "humanitarian_access", "inclusive_government", "safe_passage"
    }  # fmt: skip
    for condition in card["conditions"]:
        assert [c["period"] for c in condition["cells"]] == card["periods"]
        assert condition["plus"] == sum(c["plus"] for c in condition["cells"])
        assert len(condition["top_evidence"]) <= 3
    by_id = {c["id"]: c for c in card["conditions"]}
    assert by_id["human_rights"]["status"] == "breached"
    passage = by_id["safe_passage"]
    # the charter flights the Taliban let leave: deeds meeting it, but "met" only with two independent ones
    assert passage["plus"] >= 1 and passage["status"] in ("some progress", "met", "mixed")
    assert passage["status"] != "met" or passage["plus"] >= 2
    top = by_id["humanitarian_access"]["top_evidence"][0]
    assert top["polarity"] != 0 and top["date"]


def test_rerun_is_skipped_until_something_changes(con):
    watch = load_watch(WATCH)
    before = store.read_evidence(con, WATCH)
    again = run_watch(con, watch, progress=False)
    assert again["skipped"] is True and again["evidence"] == len(before)
    forced = run_watch(con, watch, progress=False, force=True)
    assert forced["skipped"] is False and forced["evidence"] == len(before)
    assert len(store.read_evidence(con, WATCH)) == len(before)  # replaced, not doubled


def test_cli_prints_the_scorecard_and_exports(sample_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["watch", WATCH, "--db", str(sample_db), "--by", "quarter", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "human_rights —" in result.output and "breached" in result.output and "RUS" in result.output
    # options before the name work too
    result = runner.invoke(main, ["watch", "--db", str(sample_db), WATCH, "--by", "year", "--quiet"])
    assert result.exit_code == 0 and "2022" in result.output
    out = tmp_path / "stances.jsonl"
    result = runner.invoke(
        main,
        ["watch", WATCH, "--db", str(sample_db), "--format", "jsonl", "--what", "stances", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and {"observer", "stance", "sentence", "rule"} <= set(rows[0])
    assert rows[0]["observer"]["code"] == rows[0]["observer_code"]
    parquet = tmp_path / "evidence.parquet"
    result = runner.invoke(
        main, ["watch", WATCH, "--db", str(sample_db), "--format", "parquet", "--out", str(parquet)]
    )
    assert result.exit_code == 0 and parquet.stat().st_size > 0


def test_cli_one_line_errors(sample_db, tmp_path):
    runner = CliRunner()
    unknown = runner.invoke(main, ["watch", "no-such-watch", "--db", str(sample_db)])
    assert unknown.exit_code == 1 and "no such watch" in unknown.output and "Traceback" not in unknown.output
    missing = runner.invoke(main, ["watch", WATCH, "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no such database" in missing.output
    empty = tmp_path / "empty.duckdb"
    connect(empty).close()
    result = runner.invoke(main, ["watch", WATCH, "--db", str(empty)])
    assert result.exit_code == 1 and "no coded sentences" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_no_evidence_yet_is_one_line(tmp_path):
    """A database whose articles say nothing about the subject."""
    article = tmp_path / "weather.txt"
    article.write_text("Storms hit the coast of Norway on Monday, and ferries were cancelled for a day.\n")
    con = fill_db(tmp_path / "w.duckdb", [article])
    con.close()
    result = CliRunner().invoke(main, ["watch", WATCH, "--db", str(tmp_path / "w.duckdb"), "--quiet"])
    assert result.exit_code == 0
    assert result.output.strip().startswith(f"watch {WATCH}: no evidence")
    assert len(result.output.strip().splitlines()) == 1


def test_watch_new_check_list(tmp_path, monkeypatch):
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    created = runner.invoke(main, ["watch", "new", "press-freedom"])
    assert created.exit_code == 0 and (tmp_path / "press-freedom.yaml").exists()
    checked = runner.invoke(main, ["watch", "check", "press-freedom.yaml"])
    assert checked.exit_code == 0 and "ok" in checked.output
    again = runner.invoke(main, ["watch", "new", "press-freedom"])
    assert again.exit_code == 1 and "already exists" in again.output
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (tmp_path / "press-freedom.yaml").read_text().replace("polarity: -1", "polarity: minus")
    )
    failed = runner.invoke(main, ["watch", "check", str(broken)])
    assert failed.exit_code == 1 and "broken.yaml:" in failed.output and "polarity" in failed.output
    listed = runner.invoke(main, ["watch", "list"])
    assert "afghanistan-recognition" in listed.output and "myanmar-asean" in listed.output
    elsewhere = runner.invoke(main, ["watch", "new", "x", "--out", str(tmp_path / "sub.yaml")])
    assert elsewhere.exit_code == 0 and (tmp_path / "sub.yaml").exists()
