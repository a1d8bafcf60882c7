"""Evidence, stances and watch runs in DuckDB: read the coded sentences, write a watch's rows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, cast

import duckdb

from diplowatch.core.records import ActorMention, EventRef, Evidence, SentenceRow, Stance
from diplowatch.store.bulk import insert_rows
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
    """A fingerprint of what is coded, recorded with each run (what a run judges is decided article
    by article, from watch_docs)."""
    sentences = con.execute("SELECT count(*), max(doc_id) FROM sentence_spans").fetchall()[0]
    events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    coded = con.execute(
        "SELECT count(*), max(coded_at), max(dictionary_hash) FROM coded_articles"
    ).fetchall()[0]
    raw = json.dumps([list(sentences), events, [str(v) for v in coded]], default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def count_sentences(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM sentence_spans").fetchall()[0][0]  # the table: no join


def stored_definition(con: duckdb.DuckDBPyConnection, watch: str) -> tuple[str, str] | None:
    """The YAML and source name of the watch as it last ran here (None when it never ran)."""
    rows = con.execute("SELECT definition, source FROM watch_runs WHERE watch = ?", [watch]).fetchall()
    return (rows[0][0], rows[0][1] or watch) if rows and rows[0][0] else None


# A coded article's mark: a recode (new coding time), other dictionaries or other counts change it.
_CODED_MARK = (
    "concat_ws(':', coalesce(c.dictionary_hash, ''), coalesce(CAST(c.n_sentences AS VARCHAR), ''), "
    "coalesce(CAST(c.n_events AS VARCHAR), ''), coalesce(CAST(c.coded_at AS VARCHAR), ''))"
)


def run_digest(con: duckdb.DuckDBPyConnection, watch: str) -> str | None:
    """The digest (definition + word lists) the watch's stored rows were judged under."""
    rows = con.execute("SELECT run_digest FROM watch_runs WHERE watch = ?", [watch]).fetchall()
    return rows[0][0] if rows else None


def pending_docs(con: duckdb.DuckDBPyConnection, watch: str) -> tuple[dict[str, str], list[str]]:
    """What the watch has not judged as coded now: ({doc_id: coded mark} of new or recoded articles,
    [doc_ids] judged before but no longer coded). One anti-join over the small per-article tables."""
    changed = con.execute(
        f"SELECT c.doc_id, {_CODED_MARK} FROM coded_articles c "
        "LEFT JOIN watch_docs w ON w.watch = ? AND w.doc_id = c.doc_id "
        f"WHERE w.coded_mark IS DISTINCT FROM {_CODED_MARK} ORDER BY c.doc_id",
        [watch],
    ).fetchall()
    gone = con.execute(
        "SELECT doc_id FROM watch_docs WHERE watch = ? "
        "AND doc_id NOT IN (SELECT doc_id FROM coded_articles) ORDER BY doc_id",
        [watch],
    ).fetchall()
    return dict(changed), [row[0] for row in gone]


def reset_watch(con: duckdb.DuckDBPyConnection, watch: str) -> None:
    """Forget everything the watch judged (a full rebuild follows), in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table in (
            "evidence",
            "stances",
            "watch_docs",
            "ledger_candidates",
            "watch_runs",
        ):
            con.execute(f"DELETE FROM {table} WHERE watch = ?", [watch])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def iter_sentences(
    con: duckdb.DuckDBPyConnection,
    start: str | None = None,
    end: str | None = None,
    doc_ids: Sequence[str] | None = None,
) -> Iterator[SentenceRow]:
    """Sentences in document order with their article's url/outlet; undated sentences are kept.
    `doc_ids` narrows to those articles."""
    where, params = date_range("s.date", start, end, keep_undated=True)
    articles, article_params = "articles", []
    if doc_ids is not None:
        # The articles narrowed first: joining the view `sentences` would read every article's text.
        articles = "(SELECT id, text, url, outlet FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])))"
        article_params = [list(doc_ids)]
        where.append("s.doc_id IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(doc_ids))
    sql = (
        'SELECT s.doc_id, s.sentence_index, coalesce(s.text, substr(a.text, s.start + 1, s."end" - s.start)), '
        f"CAST(s.date AS VARCHAR), s.actors, a.url, a.outlet FROM sentence_spans s LEFT JOIN {articles} a "
        "ON a.id = s.doc_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY s.doc_id, s.sentence_index"
    )
    for doc_id, index, text, date, actors, url, outlet in con.execute(
        sql, article_params + params
    ).fetchall():
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


def events_by_sentence(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str] | None = None
) -> dict[tuple[str, int], list[EventRef]]:
    """Coded events by (doc_id, sentence_index), of every article or only of `doc_ids`."""
    sql = "SELECT event_id, doc_id, sentence_index, type, source, target, negated, hypothetical, trigger, rule, confidence FROM events"
    params: list[Any] = []
    if doc_ids is not None:
        sql += " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))"
        params.append(list(doc_ids))
    out: dict[tuple[str, int], list[EventRef]] = {}
    rows = con.execute(sql, params).fetchall()
    for (
        event_id,
        doc_id,
        index,
        type_,
        source,
        target,
        negated,
        hypothetical,
        trigger,
        rule,
        confidence,
    ) in rows:
        out.setdefault((doc_id, index), []).append(
            {
                "event_id": event_id,
                "type": type_,
                "source": cast(ActorMention, source or {}),
                "target": cast(ActorMention, target or {}),
                "negated": negated,
                "hypothetical": hypothetical,
                "trigger": trigger,
                "rule": rule,
                "confidence": confidence,
            }
        )
    return out


def replace_doc_rows(
    con: duckdb.DuckDBPyConnection,
    watch: str,
    marks: Mapping[str, str | None],
    evidence: Sequence[Evidence],
    stances: Sequence[Stance],
    ledger: Sequence[Mapping[str, Any]] = (),
) -> None:
    """Swap the watch's rows of these articles (evidence, stances, the ledger's candidate sentences)
    for the new ones, in one transaction (a failed run keeps the old rows). A mark of None means the article is no longer coded: its rows go and
    it is forgotten."""
    ids = list(marks)
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("evidence", "stances", "watch_docs", "ledger_candidates"):
            con.execute(
                f"DELETE FROM {table} WHERE watch = ? AND doc_id IN (SELECT unnest(?::VARCHAR[]))",
                [watch, ids],
            )
        insert_rows(con, "evidence", (e.to_dict() for e in evidence), _EVIDENCE_TYPES)
        stance_rows = ({**s.to_dict(), "observer_code": s.observer.code} for s in stances)
        insert_rows(con, "stances", stance_rows, _STANCE_TYPES)
        insert_rows(con, "ledger_candidates", ledger, _LEDGER_TYPES)
        kept = [(d, m) for d, m in marks.items() if m is not None]
        if kept:
            con.execute(
                "INSERT INTO watch_docs (watch, doc_id, coded_mark) "
                "SELECT ?, unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
                [watch, [d for d, _ in kept], [m for _, m in kept]],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def finish_run(
    con: duckdb.DuckDBPyConnection,
    watch: str,
    digest: str,
    state: str,
    definition: str | None = None,
    source: str | None = None,
) -> None:
    """Record the run: its digest, the coded state it saw, and the definition it ran with."""
    con.execute(
        "INSERT OR REPLACE INTO watch_runs (watch, watch_hash, coded_state, definition, source, run_digest, "
        "ran_at) VALUES (?, ?, ?, ?, ?, ?, current_timestamp)",
        [watch, digest, state, definition, source, digest],
    )


_EVIDENCE_TYPES = {
    "watch": "VARCHAR", "condition": "VARCHAR", "polarity": "INTEGER", "kind": "VARCHAR", "actor": "VARCHAR",
    "reporter": "VARCHAR", "doc_id": "VARCHAR", "sentence_index": "INTEGER", "sentence": "VARCHAR",
    "date": "DATE", "event_id": "VARCHAR", "rule": "VARCHAR", "confidence": "DOUBLE", "matched": "VARCHAR[]",
    "url": "VARCHAR", "outlet": "VARCHAR",
}  # fmt: skip
_LEDGER_TYPES = {
    "watch": "VARCHAR", "doc_id": "VARCHAR", "sentence_index": "INTEGER", "sentence": "VARCHAR", "date": "DATE",
    "url": "VARCHAR", "outlet": "VARCHAR", "pledge": "BOOLEAN", "reveal": "BOOLEAN",
}  # fmt: skip
_STANCE_TYPES = {
    "watch": "VARCHAR", "observer": "STRUCT(name VARCHAR, code VARCHAR, country VARCHAR)",
    "observer_code": "VARCHAR", "stance": "VARCHAR", "doc_id": "VARCHAR", "sentence_index": "INTEGER",
    "sentence": "VARCHAR", "date": "DATE", "rule": "VARCHAR", "confidence": "DOUBLE", "matched": "VARCHAR[]",
    "url": "VARCHAR", "outlet": "VARCHAR",
}  # fmt: skip


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
