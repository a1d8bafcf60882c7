"""The bulk JSON load gives a column the migrations give a DEFAULT its default, never a silent NULL."""

from __future__ import annotations

import json

from diplowatch.core.records import Article
from diplowatch.events import EventCoder
from diplowatch.store import events as event_store
from diplowatch.store.bulk import column_defaults, insert_ndjson, insert_rows
from diplowatch.store.connection import connect


def test_rows_without_a_defaulted_column_get_the_default(db_path):
    con = connect(db_path)
    assert {"ingested_at", "n_outlets"} <= set(column_defaults(con, "articles"))
    insert_rows(
        con,
        "articles",
        [
            {
                "id": "a1",
                "text": "Kenya recalled its ambassador to Somalia.",
                "language": "en",
                "content_hash": "h1",
            },
            # a value given is kept
            {
                "id": "a2",
                "text": "Ghana praised Togo.",
                "language": "en",
                "content_hash": "h2",
                "n_outlets": 3,
            },
        ],
    )
    rows = con.execute("SELECT id, n_outlets, ingested_at IS NOT NULL FROM articles ORDER BY id").fetchall()
    assert rows == [("a1", 1, True), ("a2", 3, True)]


def test_events_loaded_without_flags_are_neither_negated_nor_hypothetical(db_path):
    con = connect(db_path)
    text = "Norway said it had suspended development aid to Mali. Mali did not expel the Norwegian envoy."
    (coded,) = EventCoder(learned=False).code_articles([Article(id="n1", text=text, published="2022-02-01")])
    rows = [e.to_dict() for e in coded.events]
    assert any(r["negated"] for r in rows) and any(not r["negated"] for r in rows)
    # a producer that leaves the flags out (an older export, another tool) relies on the schema's defaults
    lines = "".join(
        json.dumps({k: v for k, v in r.items() if not (k in ("negated", "hypothetical") and not v)}) + "\n"
        for r in rows
    )
    insert_ndjson(con, "events", lines)
    stored = con.execute("SELECT event_id, negated, hypothetical FROM events ORDER BY event_id").fetchall()
    assert stored == sorted((r["event_id"], r["negated"], r["hypothetical"]) for r in rows)


def test_coding_stamps_coded_at_through_the_load(db_path):
    con = connect(db_path)
    coded = list(EventCoder(learned=False).code_articles([Article(id="n1", text="Egypt condemned Israel.")]))
    event_store.write_prepared(con, event_store.prepare_coded(coded, "h"), fresh=True)
    assert con.execute("SELECT count(*) FROM coded_articles WHERE coded_at IS NOT NULL").fetchone()[0] == 1
