"""Read-only queries that gather what the report and the dashboard show.

Both front ends call these functions, so the one-file report and the live dashboard never disagree.
Every function takes an open DuckDB connection (read-only is enough) and returns plain, JSON-able
Python values. A database without tables, or with tables but no rows, is a normal state: the
functions return empty results and the pages say so.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb

from diplowatch.core.scorecard import Scorecard, build_scorecard, jsonable
from diplowatch.errors import DiplowatchError
from diplowatch.report.filters import (
    MISDATED_SQL,
    Filters,
    Where,
    article_where,
    event_where,
    evidence_where,
    period_sql,
    stance_where,
)


class UnknownWatch(DiplowatchError):
    """The reader named a watch that is neither bundled nor present in the database."""


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [{n: jsonable(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    return con.execute(sql, params or []).fetchall()[0][0]


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    return {r[0] for r in rows}


def has_articles(con: duckdb.DuckDBPyConnection) -> bool:
    names = tables(con)
    if "articles" not in names:
        return False
    has_events = "events" in names and _scalar(con, "SELECT count(*) > 0 FROM events")
    return bool(_scalar(con, "SELECT count(*) > 0 FROM articles") or has_events)


def corpus_facts(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Articles, duplicates folded, date range, outlets, sentences and events."""
    names = tables(con)
    facts: dict[str, Any] = {
        "articles": 0, "duplicates": 0, "first": None, "last": None, "outlets": 0,
        "sentences": 0, "events": 0, "evidence": 0, "stances": 0,
    }  # fmt: skip
    if "articles" in names:
        row = con.execute(
            "SELECT count(*) FILTER (WHERE duplicate_of IS NULL), count(*) FILTER (WHERE duplicate_of IS NOT NULL),"
            " min(published), max(published), count(DISTINCT outlet) FROM articles"
        ).fetchall()[0]
        facts.update(
            articles=row[0],
            duplicates=row[1],
            first=jsonable(row[2]),
            last=jsonable(row[3]),
            outlets=row[4],
        )
    # `sentences` is a view joining each stored span to its article (one each): counting the spans
    # gives the same number without the join (~0.4 s on a million-event database).
    counted = {"sentences": "sentence_spans" if "sentence_spans" in names else "sentences"}
    for table in ("sentences", "events", "evidence", "stances"):
        if table in names:
            facts[table] = _scalar(con, f"SELECT count(*) FROM {counted.get(table, table)}")
    if facts["first"] is None and "events" in names:
        first, last = con.execute("SELECT min(date), max(date) FROM events").fetchall()[0]
        facts.update(first=jsonable(first), last=jsonable(last))
    return facts


def known_watches(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bundled watches plus any watch that left rows in this database."""
    from diplowatch.watch.schema import list_watches  # the watch package loads spaCy: only when needed

    return sorted(set(list_watches()) | set(stored_watches(con)))


def stored_watches(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every watch that left rows (or a run) in this database."""
    found: set[str] = set()
    names = tables(con)
    for table in ("evidence", "stances", "watch_runs"):
        if table in names:
            found.update(r[0] for r in con.execute(f"SELECT DISTINCT watch FROM {table}").fetchall())
    return sorted(found)


def evidence_count(con: duckdb.DuckDBPyConnection, watch: str) -> int:
    if "evidence" not in tables(con):
        return 0
    return _scalar(con, "SELECT count(*) FROM evidence WHERE watch = ?", [watch])


# -- scorecard ---------------------------------------------------------------------------------


def scorecard(
    con: duckdb.DuckDBPyConnection,
    watch: str,
    by: str = "month",
    since: str | None = None,
    until: str | None = None,
) -> Scorecard:
    """The watch's scorecard, built by the one builder from the definition it last ran with here."""
    from diplowatch.watch.schema import WatchError  # the watch package loads spaCy: only when needed
    from diplowatch.watch.scorecard import build_scorecard as watch_scorecard
    from diplowatch.watch.scorecard import watch_for

    period_sql("date", by)  # validates `by`
    try:
        definition = watch_for(con, watch)  # parsed once per process (it compiles every pattern)
    except WatchError as exc:
        raise UnknownWatch(f"unknown watch {watch!r}: {exc}") from None
    if "evidence" not in tables(con):
        return build_scorecard(definition.outline(), [], [], by)
    return watch_scorecard(con, definition, by=by, since=since, until=until)  # JSON-able as built


# -- rows for tables, drill-downs and the API ---------------------------------------------------


def highlight(sentence: str, matched: list[str] | None) -> list[tuple[str, bool]]:
    """Split a sentence into (text, is_match) pieces; the template escapes each piece."""
    words = sorted({m for m in (matched or []) if m and m.strip()}, key=len, reverse=True)
    if not words:
        return [(sentence, False)]
    # A match starts at a word's start and runs to the word's end: "ban" marks "bans", never "Taliban".
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    pieces: list[tuple[str, bool]] = []
    at = 0
    for hit in pattern.finditer(sentence):
        if hit.start() > at:
            pieces.append((sentence[at : hit.start()], False))
        pieces.append((hit.group(0), True))
        at = hit.end()
    if at < len(sentence):
        pieces.append((sentence[at:], False))
    return pieces


def _page(con, table: str, columns: str, where: Where, order: str, limit: int | None, offset: int):
    total = _scalar(con, f"SELECT count(*) FROM {table}{where.sql()}", where.params)
    paging = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    cursor = con.execute(f"SELECT {columns} FROM {table}{where.sql()} ORDER BY {order}{paging}", where.params)
    return _dicts(cursor), total


def evidence_rows(
    con: duckdb.DuckDBPyConnection, f: Filters, by: str = "month", limit: int | None = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Evidence rows (newest first, strongest first within a day) and how many match in all."""
    if "evidence" not in tables(con):
        return [], 0
    columns = (
        "watch, condition, polarity, kind, actor, reporter, doc_id, sentence_index, sentence, date,"
        f" event_id, rule, confidence, matched, url, outlet, {period_sql('date', by)} AS period"
    )
    order = "date DESC NULLS LAST, confidence DESC, doc_id, sentence_index, condition"
    return _page(con, "evidence", columns, evidence_where(f, by), order, limit, offset)


def stance_rows(con, f: Filters, limit: int | None = 50, offset: int = 0):
    if "stances" not in tables(con):
        return [], 0
    columns = (
        "watch, observer, observer_code, stance, doc_id, sentence_index, sentence, date, rule, confidence,"
        " matched, url, outlet"
    )
    return _page(
        con, "stances", columns, stance_where(f), "date DESC NULLS LAST, observer_code", limit, offset
    )


EVENT_COLUMNS = (
    "event_id, doc_id, sentence_index, sentence, date, type, mode, context, cameo, intensity, quad_class,"
    " source, target, location, negated, hypothetical, confidence, rule, trigger, url, outlet"
)


def event_rows(
    con,
    f: Filters,
    limit: int | None = 50,
    offset: int = 0,
    dating: str = "all",
    misdated: list[str] | None = None,
):
    """Events (newest first); dating: "all", "plausible" (the timeline's) or "misdated" (to check);
    misdated: the misdated events' ids when the caller has found them (misdated_ids)."""
    if "events" not in tables(con):
        return [], 0
    where = event_where(f, dating, misdated)
    return _page(con, "events", EVENT_COLUMNS, where, "date DESC NULLS LAST, event_id", limit, offset)


def misdated_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The ids of the events whose date is implausible for their article (MISDATED_SQL), found in one
    pass, so a page's many event queries each exclude (or select) them by id instead of joining the
    articles again."""
    if "events" not in tables(con) or "articles" not in tables(con):
        return []
    return [r[0] for r in con.execute(f"SELECT event_id FROM events WHERE {MISDATED_SQL}").fetchall()]


FACET_LIMIT = 15


def event_facets(
    con: duckdb.DuckDBPyConnection, f: Filters, dating: str = "plausible", misdated: list[str] | None = None
) -> dict[str, list]:
    """Counts of the selected events by type, acting actor, country and month: (value, label, count)."""
    out: dict[str, list] = {"type": [], "actor": [], "country": [], "period": []}
    if "events" not in tables(con):
        return out
    where = event_where(f, dating, misdated)
    actor = "coalesce(source.code, source.country)"
    country = "coalesce(location.country, source.country)"
    month = "strftime(date, '%Y-%m')"
    queries = {  # facet: (value, label)
        "type": ("type", "type"),
        "actor": (actor, f"coalesce(mode(source.name), {actor})"),
        "country": (country, country),
        "period": (month, month),
    }
    for key, (value, label) in queries.items():
        order, limit = ("1 DESC", FACET_LIMIT * 2) if key == "period" else ("3 DESC, 1", FACET_LIMIT)
        rows = con.execute(
            f"SELECT {value}, {label}, count(*) FROM events{where.sql()}{' AND' if where.parts else ' WHERE'}"
            f" {value} IS NOT NULL GROUP BY 1 ORDER BY {order} LIMIT {limit}",
            where.params,
        ).fetchall()
        out[key] = [(r[0], r[1], r[2]) for r in rows]
    return out


def export_rows(con: duckdb.DuckDBPyConnection, view: str, f: Filters, by: str = "month") -> tuple[str, list]:
    """The SQL and parameters selecting every row of a view under its filters (for CSV/JSON/Parquet)."""
    if view == "events":
        return (
            f"SELECT {EVENT_COLUMNS} FROM events{event_where(f, 'plausible').sql()} ORDER BY date DESC NULLS LAST, event_id",
            event_where(f, "plausible").params,
        )
    if view == "qa":
        where = event_where(f, "misdated")
        return (
            f"SELECT {EVENT_COLUMNS} FROM events{where.sql()} ORDER BY date NULLS LAST, event_id",
            where.params,
        )
    if view == "evidence":
        where = evidence_where(f, by)
        columns = (
            "watch, condition, polarity, kind, actor, reporter, doc_id, sentence_index, sentence, date,"
            f" event_id, rule, confidence, matched, url, outlet, {period_sql('date', by)} AS period"
        )
        return (
            f"SELECT {columns} FROM evidence{where.sql()} ORDER BY date DESC NULLS LAST, doc_id, sentence_index",
            where.params,
        )
    if view == "stances":
        where = stance_where(f)
        columns = "watch, observer_code, stance, doc_id, sentence_index, sentence, date, rule, confidence, url, outlet"
        return (
            f"SELECT {columns} FROM stances{where.sql()} ORDER BY date DESC NULLS LAST, observer_code",
            where.params,
        )
    raise DiplowatchError(f"view={view}: expected events, qa, evidence or stances")


def article_rows(con, f: Filters, limit: int | None = 50, offset: int = 0):
    if "articles" not in tables(con):
        return [], 0
    columns = "id, title, published, url, outlet, language, n_outlets, source, text"
    return _page(con, "articles", columns, article_where(f), "published DESC NULLS LAST, id", limit, offset)


def evidence_choices(con: duckdb.DuckDBPyConnection, watch: str) -> dict[str, list[str]]:
    """Distinct conditions, actors and outlets of a watch's evidence, for the filter menus."""
    if "evidence" not in tables(con):
        return {"conditions": [], "actors": [], "outlets": []}
    out = {}
    for key, column in (("conditions", "condition"), ("actors", "actor"), ("outlets", "outlet")):
        rows = con.execute(
            f"SELECT DISTINCT {column} FROM evidence WHERE watch = ? AND {column} IS NOT NULL ORDER BY 1",
            [watch],
        ).fetchall()
        out[key] = [r[0] for r in rows]
    return out


def sentence_context(con: duckdb.DuckDBPyConnection, doc_id: str, index: int, window: int = 2) -> dict | None:
    """One sentence in its article: neighbours, the events coded from it, and what the watches made of it."""
    names = tables(con)
    article = None
    if "articles" in names:
        cursor = con.execute(
            "SELECT id, title, published, url, outlet, n_outlets FROM articles WHERE id = ?", [doc_id]
        )
        found = _dicts(cursor)
        article = found[0] if found else None
    around: list[dict[str, Any]] = []
    if "sentences" in names:
        cursor = con.execute(
            "SELECT sentence_index, text, date FROM sentences WHERE doc_id = ? AND sentence_index BETWEEN ? AND ?"
            " ORDER BY sentence_index",
            [doc_id, index - window, index + window],
        )
        around = [{**row, "here": row["sentence_index"] == index} for row in _dicts(cursor)]
    lists: dict[str, list[dict[str, Any]]] = {}
    for table in ("events", "evidence", "stances"):
        lists[table] = []
        if table in names:
            cursor = con.execute(
                f"SELECT * FROM {table} WHERE doc_id = ? AND sentence_index = ?", [doc_id, index]
            )
            lists[table] = _dicts(cursor)
    if article is None and not around and not any(lists.values()):
        return None
    for row in lists["evidence"]:
        row["pieces"] = highlight(row["sentence"], row.get("matched"))
    return {"doc_id": doc_id, "index": index, "article": article, "around": around, **lists}
