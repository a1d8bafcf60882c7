"""Coded articles go to DuckDB whole, whether serialised in this process or in a worker."""

from __future__ import annotations

import pickle

from diplowatch.core.records import Article
from diplowatch.events import EventCoder
from diplowatch.store import events as event_store
from diplowatch.store.connection import connect


def test_prepared_rows_survive_pickling_and_odd_line_breaks(db_path):
    # U+2028 is a line break to str.splitlines but plain text inside a JSON string
    text = "Egypt condemned Israel for the raid. Jordan praised Egypt\u2028on Monday."
    coded = list(EventCoder().code_articles([Article(id="a1", text=text, published="2021-09-01")]))
    batch = pickle.loads(pickle.dumps(event_store.prepare_coded(coded, "hash1")))
    con = connect(db_path)
    assert event_store.write_prepared(con, batch) == (len(coded[0].sentences), len(coded[0].events))
    stored = con.execute("SELECT string_agg(text, ' ' ORDER BY sentence_index) FROM sentences").fetchone()[0]
    assert "\u2028" in stored
    types = [r[0] for r in con.execute("SELECT type FROM events ORDER BY sentence_index").fetchall()]
    assert types == [e.type for e in coded[0].events] and "ACCUSE" in types
    # writing the same batch again replaces, never duplicates
    event_store.write_prepared(con, batch)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == len(types)
    assert con.execute("SELECT dictionary_hash FROM coded_articles").fetchall() == [("hash1",)]
