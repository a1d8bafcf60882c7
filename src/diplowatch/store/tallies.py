"""A watch's evidence and stances read for its scorecard: tallied in SQL rather than row by row.

A million-event database holds ~400,000 evidence and as many stance rows for one watch; turning each
into a Python dict took most of a minute. These queries return, instead, what the scorecard counts:
evidence rows by unit (rows of one condition, polarity, rule head, actor, day and event target: they
fold into one act), stances by observer, period and stance, the few rows a card quotes, and the rows
an analyst's reviews name (those are left out of the tallies and read whole, so a review applies as
it does to a single row).

Order: an evidence row's `idx` is its place in the order the rows are read (date, undated last,
doc_id, sentence_index, condition), a stance row's `place` the same order as a struct; they decide
ties as a list of the rows would.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from diplowatch.store.watch import EVIDENCE_COLUMNS, STANCE_COLUMNS, _filters

# (condition or observer_code, doc_id, sentence_index) of the rows reviews name
Keys = Sequence[tuple[str, str, int]]

_EVIDENCE_ORDER = "date, doc_id, sentence_index, condition"
# Besides its condition, polarity, actor and day, the act a row folds into depends on these
# (core.corroboration.evidence_acts): the rule's head (naming the indicator) and the event's target.
_UNIT = (
    "split_part(split_part(v.rule, ' ', 1), ':', 1) AS head, k.event_id IS NOT NULL AS has_event, k.target"
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
    unit: bool = True,
) -> tuple[str, list[Any]]:
    """The watch's evidence rows (these columns; `idx` when `rank`; head, has_event and target when
    `unit`) in the dates asked for, each with `reviewed_key`: whether its key is among `keys`."""
    where, params = _filters(watch, since, until)
    idx = f", row_number() OVER (ORDER BY {_EVIDENCE_ORDER}) - 1 AS idx" if rank else ""
    ranked = f"SELECT {columns}{idx} FROM evidence WHERE {where}"
    reviewed, key_params = _keys(keys)
    sql = (
        f"WITH v AS ({ranked}), r AS ({reviewed}) SELECT v.*, {_UNIT + ',' if unit else ''}"
        " r.d IS NOT NULL AS reviewed_key FROM v"
        + (
            " LEFT JOIN (SELECT event_id, coalesce(target.country, target.code) AS target FROM events) k"
            " ON k.event_id = v.event_id"
            if unit
            else ""
        )
        + " LEFT JOIN r ON r.s = v.condition AND r.d = v.doc_id AND r.i = v.sentence_index"
    )
    return sql, params + key_params


def evidence_units(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None, until: str | None, keys: Keys
) -> dict[str, list]:
    """The evidence rows by unit: rows of one group (condition, polarity, rule head, actor), event
    (has_event, target) and day; an undated row is a unit of its own. Columns, one item per unit, the
    units sorted by day (undated last), then by the (doc_id, index as text) of their first row:
    g and p, numbers of the group and of the event; day, an ordinal (0: undated); n, the rows no review
    names; extra, for an undated unit its row as JSON {a: index as text, d: doc_id, i: sentence_index}.
    A first item (g = -1) carries in `extra` the groups [{g, c, pol, h, a, f: index of the first row}]
    and the events [{p, e, t}]. Integers by column (numpy) and names once each: a row per unit would
    cost more than the query."""
    columns = "condition, polarity, rule, actor, date, doc_id, sentence_index, event_id"
    base, params = _evidence_base(watch, since, until, keys, columns)
    group, event = "condition, polarity, head, actor", "has_event, target"
    sql = (
        "WITH units AS ("
        f" SELECT {group}, {event}, date,"
        "  CASE WHEN date IS NULL THEN doc_id END AS solo_doc,"
        "  CASE WHEN date IS NULL THEN sentence_index END AS solo_index,"
        "  count(*) FILTER (WHERE NOT reviewed_key) AS n, min(idx) AS first,"
        "  min(doc_id || chr(1) || CAST(idx AS VARCHAR)) AS anchor"
        f" FROM ({base}) GROUP BY ALL),"
        f" groups AS (SELECT row_number() OVER () - 1 AS g, * FROM (SELECT {group}, min(first) AS f FROM units"
        f"  GROUP BY ALL)),"
        f" events AS (SELECT row_number() OVER () - 1 AS p, * FROM (SELECT DISTINCT {event} FROM units))"
        " SELECT g, p, day, n, extra FROM ("
        "  SELECT 0 AS k, gs.g, es.p, coalesce(date - DATE '0001-01-01' + 1, 0) AS day, n, date, anchor,"
        "   CASE WHEN date IS NULL THEN to_json({'a': split_part(anchor, chr(1), 2), 'd': solo_doc,"
        "    'i': solo_index}) END AS extra"
        "  FROM units u JOIN groups gs ON gs.condition = u.condition AND gs.polarity = u.polarity"
        "   AND gs.head IS NOT DISTINCT FROM u.head AND gs.actor IS NOT DISTINCT FROM u.actor"
        "  JOIN events es ON es.has_event = u.has_event AND es.target IS NOT DISTINCT FROM u.target"
        "  UNION ALL SELECT -1, -1, -1, -1, -1, NULL, NULL, to_json({"
        "   'groups': (SELECT list({'g': g, 'c': condition, 'pol': polarity, 'h': head, 'a': actor, 'f': f})"
        "    FROM groups), 'events': (SELECT list({'p': p, 'e': has_event, 't': target}) FROM events)})"
        " ) ORDER BY k, date NULLS LAST, anchor"
    )
    return {k: v.tolist() for k, v in con.execute(sql, params).fetchnumpy().items()}


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
    narrow = "condition, polarity, date, confidence, doc_id, sentence_index"
    base, params = _evidence_base(watch, since, until, keys, narrow, rank=False, unit=False)
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


# A row's place among the stance rows as they are read (date, undated last, doc_id, sentence_index,
# observer_code), comparable in SQL and, as a tuple, in Python (see `place`).
_STANCE_PLACE = (
    "{'u': date IS NULL, 'd': coalesce(date, DATE '0001-01-01'), 'doc': doc_id, 'i': sentence_index,"
    " 'o': observer_code}"
)


def place(found: dict[str, Any]) -> tuple:
    return (found["u"], found["d"], found["doc"], found["i"], found["o"])


def _stance_base(watch: str, since: str | None, until: str | None, keys: Keys) -> tuple[str, list[Any]]:
    where, params = _filters(watch, since, until)
    reviewed, key_params = _keys(keys)
    sql = (
        f"WITH v AS (SELECT {STANCE_COLUMNS}, {_STANCE_PLACE} AS place FROM stances WHERE {where}),"
        f" r AS ({reviewed}) SELECT v.*, r.d IS NOT NULL AS reviewed_key FROM v"
        " LEFT JOIN r ON r.s = v.observer_code AND r.d = v.doc_id AND r.i = v.sentence_index"
    )
    return sql, params + key_params


def stance_tallies(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None, until: str | None, keys: Keys, by: str
) -> list[tuple]:
    """(observer_code, period, stance, rows, place of the first row, earliest and latest date, (date,
    doc_id, sentence_index) of the newest row, observer of the first row) of the rows no review names,
    by observer, period and stance."""
    base, params = _stance_base(watch, since, until, keys)
    sql = (
        f"SELECT observer_code, {_period(by)} AS period, stance, count(*), min(place), min(date), max(date),"
        " max({'date': coalesce(CAST(date AS VARCHAR), ''), 'doc_id': doc_id, 'i': sentence_index}),"
        " arg_min(observer, place)"
        f" FROM ({base}) WHERE NOT reviewed_key GROUP BY observer_code, period, stance"
    )
    return con.execute(sql, params).fetchall()


def stances_reviewed(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None, until: str | None, keys: Keys
) -> list[dict[str, Any]]:
    """The stored rows the reviews name (with their place), in order."""
    if not keys:
        return []
    base, params = _stance_base(watch, since, until, keys)
    return _dicts(con.execute(f"SELECT * FROM ({base}) WHERE reviewed_key ORDER BY place", params))


def stance_rows(
    con: duckdb.DuckDBPyConnection, watch: str, wanted: Sequence[tuple[str, str, int]]
) -> dict[tuple[str, str, int], dict[str, Any]]:
    """The stored stance rows of these (observer_code, doc_id, sentence_index), by that key."""
    if not wanted:
        return {}
    reviewed, params = _keys(wanted)
    rows = _dicts(
        con.execute(
            f"WITH r AS ({reviewed}) SELECT {STANCE_COLUMNS} FROM stances v JOIN r ON r.s = v.observer_code"
            " AND r.d = v.doc_id AND r.i = v.sentence_index WHERE v.watch = ?",
            [*params, watch],
        )
    )
    return {(r["observer_code"], r["doc_id"], r["sentence_index"]): r for r in rows}
