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


def test_chunks_are_cut_by_text_length_in_id_order():
    sized = [("a", 5_000), ("b", 5_000), ("c", 30_000), ("d", 10), ("e", 10), ("f", 10)]
    chunks = list(event_store.iter_sized_chunks(sized, budget=12_000, most=2))
    assert chunks == [["a", "b"], ["c"], ["d", "e"], ["f"]]  # an oversized article is a chunk alone
    assert [i for c in chunks for i in c] == [i for i, _ in sized]


def test_pending_sizes_lists_uncoded_english_articles_with_their_length(db_path):
    con = connect(db_path)
    for ident, text, language in (("n1", "Egypt condemned Israel.", "en"), ("n2", "Jordan praised Egypt today.", "en"),
                                  ("f1", "La France condamne.", "fr")):  # fmt: skip
        con.execute(
            "INSERT INTO articles (id, text, language, content_hash) VALUES (?, ?, ?, ?)",
            [ident, text, language, ident],
        )
    assert event_store.pending_sizes(con) == [("n1", 23), ("n2", 27)]
    coded = list(EventCoder().code_articles([Article(id="n1", text="Egypt condemned Israel.")]))
    event_store.write_prepared(con, event_store.prepare_coded(coded, "h"), fresh=True)
    assert event_store.pending_sizes(con) == [("n2", 27)]
    assert [i for i, _ in event_store.pending_sizes(con, recode=True)] == ["n1", "n2"]


def test_a_fresh_write_over_leftover_rows_replaces_them(db_path):
    con = connect(db_path)
    coded = list(EventCoder().code_articles([Article(id="n1", text="Egypt condemned Israel for the raid.")]))
    batch = event_store.prepare_coded(coded, "h")
    event_store.write_prepared(con, batch)
    con.execute("DELETE FROM coded_articles")  # sentences and events left behind, the article unmarked
    assert event_store.write_prepared(con, batch, fresh=True) == (batch.n_sentences, batch.n_events)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == batch.n_events > 0
    assert con.execute("SELECT count(*) FROM coded_articles").fetchone()[0] == 1


def test_merged_batches_store_as_their_parts_do(tmp_path):
    """The pool's writer commits several workers' batches at once: the rows must be those of the parts."""
    texts = {
        "m1": "Egypt condemned Israel for the raid on Gaza.",
        "m2": "Jordan praised Egypt for its mediation on Monday.",
        "m3": "Police in Minsk detained twelve protesters.",
    }
    articles = [Article(id=i, text=t, published="2021-09-01") for i, t in texts.items()]
    coder = EventCoder()
    parts = [event_store.prepare_coded(list(coder.code_articles([a])), "h") for a in articles]
    merged = event_store.merge_prepared(parts)
    assert merged.doc_ids == list(texts) and merged.n_events == sum(p.n_events for p in parts) > 0

    def stored(batches) -> list:
        con = connect(str(tmp_path / f"{len(batches)}.duckdb"))
        for batch in batches:
            event_store.write_prepared(con, batch)
        rows = con.execute(
            "SELECT event_id, type, source.code, sentence FROM events ORDER BY event_id"
        ).fetchall()
        rows += con.execute("SELECT doc_id, sentence_index, text FROM sentences ORDER BY ALL").fetchall()
        return rows

    assert stored([merged]) == stored(parts)


def test_records_as_dicts_equal_dataclasses_asdict_and_share_nothing():
    import dataclasses

    text = "Russian forces shelled Kharkiv on Tuesday, and Ukraine asked NATO for air defence."
    events = EventCoder().code_text(text, "2022-03-01")
    assert events
    for event in events:
        as_dict = event.to_dict()
        assert as_dict == dataclasses.asdict(event)
        if event.source is not None:
            as_dict["source"]["code"] = "changed"
            assert event.source.code != "changed"
