"""A watch's evidence and stances read for its scorecard: tallied in SQL rather than row by row.

A million-event database holds ~400,000 evidence and as many stance rows for one watch; turning each
into a Python dict took most of a minute. These queries return, instead, what the scorecard counts:
evidence rows by unit (rows of one condition, polarity, rule head, actor, day and event target: they
fold into one act), stances by observer, period and stance, the few rows a card quotes, and the rows
an analyst's reviews name (those are left out of the tallies and read whole, so a review applies as
it does to a single row).

Positions: a row's `idx` is its place in the order the rows are read for export (date, doc_id,
sentence_index, then condition or observer), which decides ties as a list of the rows would.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from diplowatch.store.watch import EVIDENCE_COLUMNS, STANCE_COLUMNS, _filters

# (condition or observer_code, doc_id, sentence_index) of the rows reviews name
Keys = Sequence[tuple[str, str, int]]

_EVIDENCE_ORDER = "date, doc_id, sentence_index, condition"
_STANCE_ORDER = "date, doc_id, sentence_index, observer_code"
# Besides its condition, polarity, actor and day, the act a row folds into depends on these
# (core.corroboration.evidence_acts): the rule's head (naming the indicator) and the event's target.
_UNIT = (
    "split_part(split_part(v.rule, ' ', 1), ':', 1) AS head, k.event_id IS NOT NULL AS has_event, k.target"
)


def _ranked(table: str, order: str, columns: str, watch: str, since: str | None, until: str | None):
    where, params = _filters(watch, since, until)
    return (
        f"SELECT {columns}, row_number() OVER (ORDER BY {order}) - 1 AS idx FROM {table} WHERE {where}",
        params,
    )


def _keys(keys: Keys) -> tuple[str, list[Any]]:
    """A relation of the reviewed keys, to anti-join (its columns: s, d, i)."""
    sql = "SELECT unnest(?::VARCHAR[]) AS s, unnest(?::VARCHAR[]) AS d, unnest(?::INTEGER[]) AS i"
    return sql, [[k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]]


def _evidence_base(
    watch: str,
    since: str | None,
    until: str | None,
    keys: Keys,
    columns: str = EVIDENCE_COLUMNS,
    rank: bool = True,
) -> tuple[str, list[Any]]:
    if rank:
        ranked, params = _ranked("evidence", _EVIDENCE_ORDER, columns, watch, since, until)
    else:
        where, params = _filters(watch, since, until)
        ranked = f"SELECT {columns} FROM evidence WHERE {where}"
    reviewed, key_params = _keys(keys)
    sql = (
        f"WITH v AS ({ranked}), r AS ({reviewed}) SELECT v.*, {_UNIT},"
        " r.d IS NOT NULL AS reviewed_key"
        " FROM v LEFT JOIN (SELECT event_id, coalesce(target.country, target.code) AS target FROM events) k"
        " ON k.event_id = v.event_id"
        " LEFT JOIN r ON r.s = v.condition AND r.d = v.doc_id AND r.i = v.sentence_index"
    )
    return sql, params + key_params


def evidence_units(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None, until: str | None, keys: Keys
) -> list[tuple]:
    """(condition, polarity, head, actor, date, has_event, target, rows not reviewed, first idx, doc_id and
    idx of the unit's first row by (doc_id, idx as text)) of every unit, an undated row being a unit of
    its own; sorted by (date, doc_id, idx as text), undated last. Units are grouped by
    `unit_key`: for an undated row, its doc_id and sentence_index close the key."""
    columns = "condition, polarity, rule, actor, date, doc_id, sentence_index, event_id"
    base, params = _evidence_base(watch, since, until, keys, columns)
    sql = (
        f"SELECT condition, polarity, head, actor, date, has_event, target, n, first,"
        " split_part(anchor, chr(1), 1), split_part(anchor, chr(1), 2), solo_doc, solo_index FROM ("
        " SELECT condition, polarity, head, actor, date, has_event, target,"
        "  CASE WHEN date IS NULL THEN doc_id END AS solo_doc, CASE WHEN date IS NULL THEN sentence_index END"
        "  AS solo_index, count(*) FILTER (WHERE NOT reviewed_key) AS n,"
        "  min(idx) AS first, min(doc_id || chr(1) || CAST(idx AS VARCHAR)) AS anchor"
        f" FROM ({base}) GROUP BY ALL"
        ") ORDER BY date NULLS LAST, anchor"
    )
    return con.execute(sql, params).fetchall()


def _dicts(rel: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in rel.description]
    return [dict(zip(names, row, strict=True)) for row in rel.fetchall()]


def evidence_reviewed(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None, until: str | None, keys: Keys
) -> list[dict[str, Any]]:
    """The stored rows the reviews name (every column and their unit), in order."""
    if not keys:
        return []
    base, params = _evidence_base(watch, since, until, keys, rank=False)
    return _dicts(
        con.execute(f"SELECT * FROM ({base}) WHERE reviewed_key ORDER BY {_EVIDENCE_ORDER}", params)
    )


def evidence_top(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None, until: str | None, keys: Keys, n: int
) -> list[dict[str, Any]]:
    """The `n` strongest rows of each condition that no review names (core.scorecard._strength: deeds,
    then the most recent, then the most confident; earlier rows first on a tie), in order."""
    narrow = "condition, polarity, date, confidence, doc_id, sentence_index, event_id, rule"
    base, params = _evidence_base(watch, since, until, keys, narrow, rank=False)
    chosen = con.execute(
        f"SELECT condition, doc_id, sentence_index FROM ({base}) WHERE NOT reviewed_key"
        " QUALIFY row_number() OVER (PARTITION BY condition ORDER BY polarity <> 0 DESC, date DESC NULLS LAST,"
        " coalesce(confidence, 0.0) DESC, doc_id, sentence_index) <= ?",
        [*params, n],
    ).fetchall()
    if not chosen:
        return []
    whole, params = _evidence_base(watch, since, until, chosen, rank=False)
    return _dicts(
        con.execute(f"SELECT * FROM ({whole}) WHERE reviewed_key ORDER BY {_EVIDENCE_ORDER}", params)
    )


def _period(by: str) -> str:
    """core.periods.period_of in SQL (the same labels)."""
    year = "CAST(year(date) AS VARCHAR)"
    if by == "year":
        return year
    if by == "quarter":
        return f"{year} || '-Q' || CAST(quarter(date) AS VARCHAR)"
    return f"{year} || '-' || lpad(CAST(month(date) AS VARCHAR), 2, '0')"


def _stance_base(watch: str, since: str | None, until: str | None, keys: Keys) -> tuple[str, list[Any]]:
    ranked, params = _ranked("stances", _STANCE_ORDER, STANCE_COLUMNS, watch, since, until)
    reviewed, key_params = _keys(keys)
    sql = (
        f"WITH v AS ({ranked}), r AS ({reviewed}) SELECT v.*, r.d IS NOT NULL AS reviewed_key FROM v"
        " LEFT JOIN r ON r.s = v.observer_code AND r.d = v.doc_id AND r.i = v.sentence_index"
    )
    return sql, params + key_params


def stance_tallies(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None, until: str | None, keys: Keys, by: str
) -> list[tuple]:
    """(observer_code, period, stance, rows, first idx, earliest and latest date, (date, doc_id,
    sentence_index) of the newest row, observer of the first row) of the rows no review names, by
    observer, period and stance."""
    base, params = _stance_base(watch, since, until, keys)
    sql = (
        f"SELECT observer_code, {_period(by)} AS period, stance, count(*), min(idx), min(date), max(date),"
        " max({'date': coalesce(CAST(date AS VARCHAR), ''), 'doc_id': doc_id, 'i': sentence_index}),"
        " arg_min(observer, idx)"
        f" FROM ({base}) WHERE NOT reviewed_key GROUP BY observer_code, period, stance ORDER BY min(idx)"
    )
    return con.execute(sql, params).fetchall()


def stances_reviewed(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None, until: str | None, keys: Keys
) -> list[dict[str, Any]]:
    if not keys:
        return []
    base, params = _stance_base(watch, since, until, keys)
    return _dicts(con.execute(f"SELECT * FROM ({base}) WHERE reviewed_key ORDER BY idx", params))


def stance_row(
    con: duckdb.DuckDBPyConnection, watch: str, observer_code: str, doc_id: str, sentence_index: int
) -> dict[str, Any] | None:
    rows = _dicts(
        con.execute(
            f"SELECT {STANCE_COLUMNS} FROM stances WHERE watch = ? AND observer_code = ? AND doc_id = ?"
            " AND sentence_index = ?",
            [watch, observer_code, doc_id, sentence_index],
        )
    )
    return rows[0] if rows else None
