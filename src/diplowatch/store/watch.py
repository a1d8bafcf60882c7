"""Evidence, stances and watch runs in DuckDB: read the coded sentences, write a watch's rows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any, cast

import duckdb

from diplowatch.core.records import ActorMention, EventRef, Evidence, SentenceRow, Stance
from diplowatch.store.filters import date_range

EVIDENCE_COLUMNS = (
    "watch, condition, polarity, kind, actor, reporter, doc_id, sentence_index, sentence, date, event_id, "
    "rule, confidence, matched, url, outlet"
)
STANCE_COLUMNS = (
    "watch, observer, observer_code, stance, doc_id, sentence_index, sentence, date, rule, confidence, "
    "matched, url, outlet"
)


def coded_state(con: duckdb.DuckDBPyConnection) -> str:
    """A fingerprint of what is coded: a watch re-runs only when it changes."""
    sentences = con.execute("SELECT count(*), max(doc_id) FROM sentences").fetchall()[0]
    events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    coded = con.execute(
        "SELECT count(*), max(coded_at), max(dictionary_hash) FROM coded_articles"
    ).fetchall()[0]
    raw = json.dumps([list(sentences), events, [str(v) for v in coded]], default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def count_sentences(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM sentences").fetchall()[0][0]


def last_run(con: duckdb.DuckDBPyConnection, watch: str) -> tuple[str, str] | None:
    rows = con.execute("SELECT watch_hash, coded_state FROM watch_runs WHERE watch = ?", [watch]).fetchall()
    return (rows[0][0], rows[0][1]) if rows else None


def stored_definition(con: duckdb.DuckDBPyConnection, watch: str) -> tuple[str, str] | None:
    """The YAML and source name of the watch as it last ran here (None when it never ran)."""
    rows = con.execute("SELECT definition, source FROM watch_runs WHERE watch = ?", [watch]).fetchall()
    return (rows[0][0], rows[0][1] or watch) if rows and rows[0][0] else None


def iter_sentences(
    con: duckdb.DuckDBPyConnection, start: str | None = None, end: str | None = None
) -> Iterator[SentenceRow]:
    """Sentences in document order with their article's url/outlet; undated sentences are kept."""
    where, params = date_range("s.date", start, end, keep_undated=True)
    sql = (
        "SELECT s.doc_id, s.sentence_index, s.text, CAST(s.date AS VARCHAR), s.actors, a.url, a.outlet "
        "FROM sentences s LEFT JOIN articles a ON a.id = s.doc_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY s.doc_id, s.sentence_index"
    )
    for doc_id, index, text, date, actors, url, outlet in con.execute(sql, params).fetchall():
        if isinstance(actors, str):
            try:
                actors = json.loads(actors)
            except ValueError:
                actors = []
        yield {
            "doc_id": doc_id,
            "sentence_index": index,
            "text": text,
            "date": date,
            "actors": actors or [],
            "url": url,
            "outlet": outlet,
        }


def events_by_sentence(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, int], list[EventRef]]:
    rows = con.execute(
        "SELECT event_id, doc_id, sentence_index, type, source, target, negated, hypothetical, trigger FROM events"
    ).fetchall()
    out: dict[tuple[str, int], list[EventRef]] = {}
    for event_id, doc_id, index, type_, source, target, negated, hypothetical, trigger in rows:
        out.setdefault((doc_id, index), []).append(
            {
                "event_id": event_id,
                "type": type_,
                "source": cast(ActorMention, source or {}),
                "target": cast(ActorMention, target or {}),
                "negated": negated,
                "hypothetical": hypothetical,
                "trigger": trigger,
            }
        )
    return out


def replace_watch_rows(
    con: duckdb.DuckDBPyConnection,
    watch: str,
    evidence: list[Evidence],
    stances: list[Stance],
    watch_hash: str,
    state: str,
    definition: str | None = None,
    source: str | None = None,
) -> None:
    """Swap this watch's rows for the new ones in one transaction (a failed run keeps the old ones)."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM evidence WHERE watch = ?", [watch])
        con.execute("DELETE FROM stances WHERE watch = ?", [watch])
        if evidence:
            con.executemany(
                f"INSERT INTO evidence ({EVIDENCE_COLUMNS}) VALUES ({', '.join('?' * 16)})",
                [
                    [e.watch, e.condition, e.polarity, e.kind, e.actor, e.reporter, e.doc_id, e.sentence_index,
                     e.sentence, e.date, e.event_id, e.rule, e.confidence, e.matched, e.url, e.outlet]
                    for e in evidence
                ],
            )  # fmt: skip
        if stances:
            con.executemany(
                f"INSERT INTO stances ({STANCE_COLUMNS}) VALUES ({', '.join('?' * 13)})",
                [
                    [s.watch, s.observer.to_dict(), s.observer.code, s.stance, s.doc_id, s.sentence_index,
                     s.sentence, s.date, s.rule, s.confidence, s.matched, s.url, s.outlet]
                    for s in stances
                ],
            )  # fmt: skip
        con.execute(
            "INSERT OR REPLACE INTO watch_runs (watch, watch_hash, coded_state, definition, source, ran_at) "
            "VALUES (?, ?, ?, ?, ?, current_timestamp)",
            [watch, watch_hash, state, definition, source],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _filters(watch: str, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    dates, params = date_range("date", since, until)
    return " AND ".join(["watch = ?", *dates]), [watch, *params]


def evidence_relation(con, watch: str, since: str | None = None, until: str | None = None):
    """The watch's evidence rows as a DuckDB relation (for store/export.py)."""
    where, params = _filters(watch, since, until)
    return con.query(
        f"SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE {where} ORDER BY date, doc_id, sentence_index, condition",
        params=params,
    )


def stances_relation(con, watch: str, since: str | None = None, until: str | None = None):
    where, params = _filters(watch, since, until)
    return con.query(
        f"SELECT {STANCE_COLUMNS} FROM stances WHERE {where} ORDER BY date, doc_id, sentence_index, observer_code",
        params=params,
    )


def read_evidence(
    con, watch: str, since: str | None = None, until: str | None = None
) -> list[dict[str, Any]]:
    rel = evidence_relation(con, watch, since, until)
    return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]


def read_stances(con, watch: str, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    rel = stances_relation(con, watch, since, until)
    return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]


def event_kinds(con: duckdb.DuckDBPyConnection, watch: str) -> dict[str, tuple[str, str | None]]:
    """event_id -> (type, target code) of the events the watch's evidence rests on (to fold its acts)."""
    rows = con.execute(
        "SELECT e.event_id, e.type, coalesce(e.target.country, e.target.code) FROM events e"
        " WHERE e.event_id IN (SELECT event_id FROM evidence WHERE watch = ? AND event_id IS NOT NULL)",
        [watch],
    ).fetchall()
    return {event_id: (kind, target) for event_id, kind, target in rows}
