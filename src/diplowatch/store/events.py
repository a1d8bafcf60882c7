"""Coded sentences and events: write a batch in one transaction, find what is left to code, query events."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from diplowatch.store.bulk import column_defaults, insert_ndjson, table_columns, to_ndjson
from diplowatch.store.clusters import snapshot_where
from diplowatch.store.filters import date_range

# Only canonical English articles are coded; copies and other languages are stored but not coded.
_CODABLE = "duplicate_of IS NULL AND language = 'en'"  # as store.articles.load_articles


def pending_ids(con: duckdb.DuckDBPyConnection, recode: bool = False) -> list[str]:
    """Ids of the articles to code: all codable ones with --recode, else those not coded yet."""
    return [row[0] for row in con.execute(_pending_sql("id", recode)).fetchall()]


def _pending_sql(columns: str, recode: bool) -> str:
    not_coded = "" if recode else "AND id NOT IN (SELECT doc_id FROM coded_articles)"
    return f"SELECT {columns} FROM articles WHERE {_CODABLE} {not_coded} ORDER BY id"


def stale_count(con: duckdb.DuckDBPyConnection, dictionary_hash: str) -> int:
    """How many articles were coded with other dictionaries than the ones in use now."""
    return con.execute(
        "SELECT count(*) FROM coded_articles WHERE dictionary_hash IS DISTINCT FROM ?", [dictionary_hash]
    ).fetchall()[0][0]


# A sentence that is a piece of its article's text keeps only its span (the text is stored once,
# in articles; the view `sentences` puts it back). Offsets count characters, as substr() does.
_SPANS_FOR_TEXT = """
UPDATE sentence_spans SET start = m.p - 1, "end" = m.p - 1 + length(sentence_spans.text), text = NULL
FROM (
    SELECT s.doc_id, s.sentence_index, instr(a.text, s.text) AS p
    FROM sentence_spans s JOIN articles a ON a.id = s.doc_id
    WHERE s.doc_id IN (SELECT unnest(?::VARCHAR[])) AND s.text IS NOT NULL
) m
WHERE sentence_spans.doc_id = m.doc_id AND sentence_spans.sentence_index = m.sentence_index AND m.p > 0
"""


@dataclass
class PreparedRows:
    """One batch of coded articles as JSON Lines, made where it was coded (a worker) and written by
    the one process that holds the database."""

    doc_ids: list[str]
    sentences: str
    events: str
    marks: str
    n_sentences: int
    n_events: int
    unplaced: bool = True  # some sentences come without their span in the article's text


def prepare_coded(coded: Sequence[Any], dictionary_hash: str) -> PreparedRows:
    """Serialise coded articles (events.CodedArticle) for `write_prepared`; pure, no database."""
    sentences = [
        {"doc_id": c.doc_id, "sentence_index": s.index, **_span(s), "date": s.date, "actors": s.actors}
        for c in coded
        for s in c.sentences
    ]
    events = [e.to_dict() for c in coded for e in c.events]
    marks = [
        {
            "doc_id": c.doc_id,
            "dictionary_hash": dictionary_hash,
            "n_sentences": len(c.sentences),
            "n_events": len(c.events),
        }
        for c in coded
    ]
    return PreparedRows(
        [c.doc_id for c in coded],
        to_ndjson(sentences),
        to_ndjson(events),
        to_ndjson(marks),
        len(sentences),
        len(events),
        any("start" not in row for row in sentences),
    )


def merge_prepared(batches: Sequence[PreparedRows]) -> PreparedRows:
    """Several prepared batches as one, for one transaction (JSON Lines texts simply concatenate)."""
    if len(batches) == 1:
        return batches[0]
    return PreparedRows(
        [ident for b in batches for ident in b.doc_ids],
        "".join(b.sentences for b in batches),
        "".join(b.events for b in batches),
        "".join(b.marks for b in batches),
        sum(b.n_sentences for b in batches),
        sum(b.n_events for b in batches),
        any(b.unplaced for b in batches),
    )


def _span(sentence: Any) -> dict[str, Any]:
    """A sentence's text, and its span when the coder found it in its article's text (the first
    occurrence, as _SPANS_FOR_TEXT would find it): the writer keeps the span alone when that article
    is stored."""
    start = getattr(sentence, "start", None)
    if start is None or start < 0:
        return {"text": sentence.text}
    return {"start": start, "end": start + len(sentence.text), "text": sentence.text}


# How sentence rows go in: as spans where the coder found them (their articles are stored), or as text
# that _SPANS_FOR_TEXT then turns into spans where it can (it runs only for a batch that needs it).
_AS_SPANS = {"text": 'CASE WHEN "start" IS NULL THEN "text" END'}
_AS_TEXT = {"start": "NULL", "end": "NULL"}


def write_prepared(
    con: duckdb.DuckDBPyConnection, batch: PreparedRows, fresh: bool = False, columns: _Columns | None = None
) -> tuple[int, int]:
    """Replace the sentences and events of these articles, in one transaction. Returns (sentences, events).

    `fresh` says none of these articles is coded yet (no old rows to delete: on a large table the
    deletes would each scan it); `columns` (coded_columns) spares two schema queries per insert."""
    columns = columns or coded_columns(con)
    con.execute("BEGIN TRANSACTION")
    try:
        if not fresh:
            for table in ("sentence_spans", "events", "coded_articles"):
                con.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [batch.doc_ids]
                )
        stored = con.execute(
            "SELECT count(*) FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [batch.doc_ids]
        ).fetchall()[0][0] == len(set(batch.doc_ids))
        computed = _AS_SPANS if stored else _AS_TEXT
        insert_ndjson(con, "sentence_spans", batch.sentences, *columns["sentence_spans"], computed=computed)
        if not stored or batch.unplaced:
            con.execute(_SPANS_FOR_TEXT, [batch.doc_ids])
        insert_ndjson(con, "events", batch.events, *columns["events"])
        # coded_at takes its DEFAULT (now) in the bulk load, so a recode is told from the coding before it
        # (incremental watches read it)
        insert_ndjson(con, "coded_articles", batch.marks, *columns["coded_articles"])
        con.execute("COMMIT")
    except duckdb.ConstraintException:
        con.execute("ROLLBACK")
        if not fresh:
            raise
        # Rows of an article thought uncoded (left by an older version, say): replace them after all.
        return write_prepared(con, batch, fresh=False, columns=columns)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return batch.n_sentences, batch.n_events


_Columns = dict[str, tuple[dict[str, str], dict[str, str]]]


def coded_columns(con: duckdb.DuckDBPyConnection) -> _Columns:
    """The columns of the tables a coded batch goes to, and their defaults, read once for a whole run."""
    return {
        table: (table_columns(con, table), column_defaults(con, table))
        for table in ("sentence_spans", "events", "coded_articles")
    }


def write_coded(
    con: duckdb.DuckDBPyConnection, coded: Sequence[Any], dictionary_hash: str
) -> tuple[int, int]:
    """Replace the sentences and events of these articles, in one transaction. Returns (sentences, events)."""
    return write_prepared(con, prepare_coded(coded, dictionary_hash))


def events_relation(
    con: duckdb.DuckDBPyConnection,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    event_type: Sequence[str] | None = None,
    include_flagged: bool = False,
    min_confidence: float | None = None,
    as_of: str | None = None,
) -> duckdb.DuckDBPyRelation:
    """Events matching the filters. Negated and hypothetical events are left out unless asked for.
    `as_of` keeps only what the database held at the end of that day (store.clusters.snapshot_where)."""
    where, params = date_range("date", since, until)
    if actor:
        needle = actor.lower()
        fields = [
            f"lower(coalesce({side}.{field}, '')) = ?"
            for side in ("source", "target")
            for field in ("code", "country", "name", '"group"')
        ]
        where.append("(" + " OR ".join(fields) + ")")
        params.extend([needle] * len(fields))
    if event_type:
        where.append("type IN (SELECT unnest(?::VARCHAR[]))")
        params.append([t.upper() for t in event_type])
    if not include_flagged:
        where.append("NOT negated AND NOT hypothetical")
    if min_confidence is not None:
        where.append("confidence >= ?")
        params.append(min_confidence)
    snapshot, snapshot_params = snapshot_where(as_of, alias="events")
    clause = "WHERE " + " AND ".join(where or ["true"]) + snapshot
    return con.sql(
        f"SELECT * FROM events {clause} ORDER BY date, doc_id, sentence_index, event_id",
        params=params + snapshot_params,
    )


def pending_sizes(con: duckdb.DuckDBPyConnection, recode: bool = False) -> list[tuple[str, int]]:
    """(id, length of the text in characters) of the articles to code, in id order: for chunking by
    work rather than by count (a briefing is a hundred news summaries long)."""
    return [
        tuple(row) for row in con.execute(_pending_sql("id, coalesce(length(text), 0)", recode)).fetchall()
    ]


def iter_sized_chunks(sized: Sequence[tuple[str, int]], budget: int, most: int) -> Iterator[list[str]]:
    """Ids in order, cut into chunks of about `budget` characters of text and at most `most` articles."""
    chunk: list[str] = []
    total = 0
    for ident, size in sized:
        if chunk and (total + size > budget or len(chunk) >= most):
            yield chunk
            chunk, total = [], 0
        chunk.append(ident)
        total += size
    if chunk:
        yield chunk


def iter_id_chunks(ids: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])
