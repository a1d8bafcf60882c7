"""Standard exports (PLOVER JSON Lines, ICEWS-style TSV, ACLED-style CSV) and event clusters, on real
coding of short news texts written for these tests: two outlets report one meeting, a third reports a
later meeting of the same pair, and one article reports another act altogether."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from diplowatch.app import Diplowatch
from diplowatch.cli import main
from diplowatch.store import connect
from diplowatch.store.clusters import clusters

SCHEMAS = Path(__file__).resolve().parents[1] / "src" / "diplowatch" / "data" / "schemas"
ARTICLES = [
    {"id": "ap-1", "date": "2021-09-23", "outlet": "AP", "url": "https://example.org/ap-1",
     "text": "US Secretary of State Antony Blinken met Pakistani Foreign Minister Shah Mehmood Qureshi in New York "
             "on Thursday. The two discussed Afghanistan."},
    {"id": "dawn-7", "date": "2021-09-24", "outlet": "Dawn", "url": "https://example.org/dawn-7",
     "text": "Pakistani Foreign Minister Shah Mehmood Qureshi held talks with US Secretary of State Antony Blinken "
             "in New York on Friday."},
    {"id": "ap-9", "date": "2021-11-10", "outlet": "AP", "url": "https://example.org/ap-9",
     "text": "Secretary of State Antony Blinken met Pakistani Foreign Minister Shah Mehmood Qureshi in Washington "
             "on Wednesday to discuss trade."},
    {"id": "mena-3", "date": "2021-09-01", "outlet": "MENA", "url": "https://example.org/mena-3",
     "text": "Egypt condemned Israel for the raid on the Gaza Strip."},
]  # fmt: skip


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "news.duckdb"
    app = Diplowatch(db)
    app.ingest([str(source)])
    app.code()
    return db


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _meetings(con):
    return con.execute(
        "SELECT event_id, doc_id FROM events WHERE type = 'CONSULT' ORDER BY doc_id, event_id"
    ).fetchall()


def test_reports_of_one_meeting_fold_and_a_later_meeting_does_not(coded_db):
    con = connect(coded_db, read_only=True)
    meetings = _meetings(con)
    assert {doc for _, doc in meetings} == {"ap-1", "dawn-7", "ap-9"}
    found = clusters(con)
    by_doc = {doc: c for c in found for doc in c.doc_ids if c.type == "CONSULT"}
    september, november = by_doc["ap-1"], by_doc["ap-9"]
    assert by_doc["dawn-7"] is september  # "B held talks with A" the next day is the same act
    assert september.n_articles == 2 and sorted(september.outlets) == ["AP", "Dawn"]
    assert (september.first_reported, september.last_reported) == ("2021-09-23", "2021-09-24")
    assert november is not september and november.n_articles == 1
    # every event is in exactly one cluster, and the ids are the same when folded again
    assert sum(c.n_events for c in found) == con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert [c.cluster_id for c in clusters(con)] == [c.cluster_id for c in found]


def test_plover_export_validates_against_the_schema(coded_db, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    result = _cli("events", "--db", str(coded_db), "--format", "plover", "--out", str(out))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records
    validator = Draft202012Validator(json.loads((SCHEMAS / "plover.schema.json").read_text()))
    for record in records:
        problems = [e.message for e in validator.iter_errors(record)]
        assert problems == [], (record["id"], problems)
    texts = {a["id"]: a["text"] for a in ARTICLES}
    for record in records:
        start, end = record["text_info"]["start"], record["text_info"]["end"]
        assert texts[record["cite_info"]["citation"]][start:end] == record["text"]
    meet = {r["cite_info"]["citation"]: r for r in records if r["event"] == ["CONSULT"]}
    assert meet["ap-1"]["cluster_id"] == meet["dawn-7"]["cluster_id"] != meet["ap-9"]["cluster_id"]
    assert meet["ap-1"]["cluster_sources"] == 2 and meet["ap-9"]["cluster_sources"] == 1
    assert meet["dawn-7"]["cite_info"]["publication"] == "Dawn"
    assert meet["ap-1"]["actor"][0]["code"] in ("USA", "PAK")
    assert all(r["dictionary_version"] and r["coder"].startswith("diplowatch") for r in records)
    # PLOVER's own loader shape: pandas reads the file as it is
    frame = pd.read_json(out, lines=True)
    assert len(frame) == len(records) and {"id", "date", "actor", "recipient", "event"} <= set(frame.columns)


def _check_table(frame: pd.DataFrame, schema: dict) -> None:
    """The columns in the schema's order; required ones filled; each value readable as its type."""
    assert list(frame.columns) == [f["name"] for f in schema["fields"]]
    for field in schema["fields"]:
        column = frame[field["name"]]
        if field["required"]:
            assert column.notna().all(), field["name"]
        values = column.dropna()
        if field["type"] == "integer":
            assert (pd.to_numeric(values) % 1 == 0).all(), field["name"]
        elif field["type"] == "number":
            pd.to_numeric(values)
        elif field["type"] == "date":
            pd.to_datetime(values, format="%Y-%m-%d")
        elif field["type"] == "boolean":
            assert values.astype(str).isin(["True", "False"]).all(), field["name"]


@pytest.mark.parametrize("fmt, sep", [("icews", "\t"), ("acled", ",")])
def test_icews_and_acled_tables_load_with_pandas_and_match_their_schemas(coded_db, tmp_path, fmt, sep):
    out = tmp_path / f"events.{fmt}"
    assert _cli("events", "--db", str(coded_db), "--format", fmt, "--out", str(out)).exit_code == 0
    frame = pd.read_csv(out, sep=sep)
    schema = json.loads((SCHEMAS / f"{fmt}.schema.json").read_text())
    assert schema["dialect"]["delimiter"] == sep
    _check_table(frame, schema)
    plover = [
        json.loads(x) for x in _cli("events", "--db", str(coded_db), "--format", "plover").output.splitlines()
    ]
    assert len(frame) == len(plover)
    ids = "Event ID" if fmt == "icews" else "event_id_cnty"
    sources = "Cluster Sources" if fmt == "icews" else "cluster_sources"
    by_id = dict(zip(frame[ids], frame[sources], strict=True))
    assert {r["id"]: r["cluster_sources"] for r in plover} == by_id


def test_as_of_exports_the_snapshot_of_that_day(coded_db, tmp_path):
    copy = tmp_path / "snapshot.duckdb"
    copy.write_bytes(coded_db.read_bytes())
    con = connect(copy)
    # as if the September articles had been ingested and coded in October 2021, the rest later
    for table, column, key in (("articles", "ingested_at", "id"), ("coded_articles", "coded_at", "doc_id")):
        con.execute(
            f"UPDATE {table} SET {column} = TIMESTAMP '2021-10-01 12:00' WHERE {key} IN ('ap-1', 'mena-3')"
        )
    con.close()
    first = _cli("events", "--db", str(copy), "--format", "plover", "--as-of", "2021-10-15").output
    again = _cli("events", "--db", str(copy), "--format", "plover", "--as-of", "2021-10-15").output
    assert first == again
    records = [json.loads(line) for line in first.splitlines()]
    assert {r["cite_info"]["citation"] for r in records} == {"ap-1", "mena-3"}
    assert all(r["as_of"] == "2021-10-15" for r in records)
    # folded over the snapshot: Dawn's report was not in the database yet
    assert {r["cluster_sources"] for r in records if r["event"] == ["CONSULT"]} == {1}
    everything = _cli("events", "--db", str(copy), "--format", "plover").output.splitlines()
    assert len(everything) > len(records)


def test_bad_as_of_is_one_line_error(coded_db):
    result = CliRunner().invoke(
        main, ["events", "--db", str(coded_db), "--format", "plover", "--as-of", "yesterday"]
    )
    assert result.exit_code != 0 and "expected a date YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


def test_clusters_command_lists_the_most_reported_act_first(coded_db):
    lines = _cli(
        "clusters", "--db", str(coded_db), "--format", "jsonl", "--min-articles", "2"
    ).output.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 1
    assert rows[0]["type"] == "CONSULT" and rows[0]["n_articles"] == 2 and len(rows[0]["sentences"]) == 2


def test_plain_exports_carry_the_cluster_too(coded_db):
    rows = [
        json.loads(x) for x in _cli("events", "--db", str(coded_db), "--format", "jsonl").output.splitlines()
    ]
    meetings = {r["doc_id"]: r for r in rows if r["type"] == "CONSULT"}
    assert meetings["ap-1"]["cluster_id"] == meetings["dawn-7"]["cluster_id"]
    assert meetings["ap-1"]["cluster_sources"] == 2 and meetings["ap-9"]["cluster_sources"] == 1
    keys = [(r["date"], r["doc_id"], r["sentence_index"], r["event_id"]) for r in rows]
    assert keys == sorted(keys)  # the join keeps the export's order
