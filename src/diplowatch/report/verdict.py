"""The verdict a reader wants first: each condition's status with its latest deed, each observer's latest
stance and since when, and who moved — every entry with the sentence it rests on.

It reads the scorecard (so it never disagrees with the lanes below it) and looks up, in the stored rows,
the sentences behind each status and stance change.
"""

from __future__ import annotations

from typing import Any

import duckdb

from diplowatch.core.periods import period_of
from diplowatch.core.scorecard import Scorecard, jsonable, lane_stance
from diplowatch.report.data import tables
from diplowatch.store.filters import date_range

STANCE_ORDER = {"recognize": 0, "reject": 1, "engage": 2, "withhold": 3}
ROW_KEYS = ("date", "doc_id", "sentence_index", "sentence", "outlet", "url")
# Months a scorecard spans before its lanes default to quarters (then years): lanes stay readable.
QUARTERS_AFTER_MONTHS = 24
YEARS_AFTER_MONTHS = 120


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [{n: jsonable(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _dated(table: str, watch: str, since: str | None, until: str | None) -> tuple[str, list]:
    conditions, params = date_range("date", since, until)
    where = " AND ".join(["watch = ?", *conditions])
    return f"FROM {table} WHERE {where}", [watch, *params]


def default_by(
    con: duckdb.DuckDBPyConnection, watch: str, since: str | None = None, until: str | None = None
) -> str:
    """month, or quarter (year) when the watch's rows span more than two (ten) years."""
    spans = []
    for table in ("evidence", "stances"):
        if table in tables(con):
            sql, params = _dated(table, watch, since, until)
            spans.append(con.execute(f"SELECT min(date), max(date) {sql}", params).fetchall()[0])
    days = [d for pair in spans for d in pair if d is not None]
    if not days:
        return "month"
    first, last = min(days), max(days)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > YEARS_AFTER_MONTHS:
        return "year"
    return "quarter" if months > QUARTERS_AFTER_MONTHS else "month"


def _latest_deeds(con, watch: str, since: str | None, until: str | None) -> dict[str, dict[str, Any]]:
    if "evidence" not in tables(con):
        return {}
    sql, params = _dated("evidence", watch, since, until)
    rows = _rows(
        con,
        "SELECT * FROM (SELECT condition, polarity, date, doc_id, sentence_index, sentence, outlet, url,"
        " row_number() OVER (PARTITION BY condition ORDER BY date DESC NULLS LAST, confidence DESC, doc_id) AS n"
        f" {sql} AND polarity <> 0) WHERE n = 1",
        params,
    )
    return {r["condition"]: r for r in rows}


def _stance_rows(con, watch: str, since: str | None, until: str | None) -> list[dict[str, Any]]:
    if "stances" not in tables(con):
        return []
    sql, params = _dated("stances", watch, since, until)
    return _rows(
        con,
        "SELECT observer_code, stance, date, doc_id, sentence_index, sentence, outlet, url"
        f" {sql} ORDER BY date NULLS LAST, doc_id, sentence_index",
        params,
    )


def verdict(
    con: duckdb.DuckDBPyConnection, card: Scorecard, since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """Conditions, observers, moves and the sentence behind every stance cell (`lane_links`)."""
    watch = card["watch"]["name"]
    deeds = _latest_deeds(con, watch, since, until)
    conditions: list[dict[str, Any]] = [
        {
            "id": c["id"], "title": c["title"], "status": c["status"], "trend": c["trend"],
            "plus": c["plus"], "minus": c["minus"], "zero": c["zero"], "latest": deeds.get(c["id"]),
        }
        for c in card["conditions"]
    ]  # fmt: skip
    by_observer: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in _stance_rows(con, watch, since, until):
        label = period_of(row.get("date"), card["by"])
        if label is not None:
            by_observer.setdefault(row["observer_code"], {}).setdefault(label, []).append(row)
    observers: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    lane_links: dict[str, dict[str, dict[str, Any]]] = {}
    for o in card["observers"]:
        periods = by_observer.get(o["code"], {})
        links: dict[str, dict[str, Any]] = {}
        previous: str | None = None
        since_row: dict[str, Any] | None = None
        for lane in o["lanes"]:
            here = periods.get(lane["period"], [])
            stance = lane_stance(here)
            if stance is None:
                continue
            showing = [r for r in here if r["stance"] == stance]
            links[lane["period"]] = {k: showing[-1].get(k) for k in ROW_KEYS}
            if stance != previous:
                first = {k: showing[0].get(k) for k in ROW_KEYS}
                if previous is not None:
                    moves.append(
                        {"code": o["code"], "name": o["name"], "from": previous, "to": stance,
                         "period": lane["period"], **first}
                    )  # fmt: skip
                since_row = {"stance": stance, "period": lane["period"], **first}
                previous = stance
        lane_links[o["code"]] = links
        # The newest period's sentence: the one the scorecard's "latest" quotes.
        newest = list(links.values())[-1] if links else None  # links run in period order
        latest = None if o["latest"] is None else {**o["latest"], **(newest or {})}
        observers.append({"code": o["code"], "name": o["name"], "latest": latest, "since": since_row})
    moves.sort(key=lambda m: (str(m.get("date") or ""), m["code"]), reverse=True)
    # Decisions first (recognised, rejected), then the newest stance: the rows a reader looks for.
    observers.sort(key=lambda o: str((o["latest"] or {}).get("date") or ""), reverse=True)
    observers.sort(key=lambda o: STANCE_ORDER.get(str((o["latest"] or {}).get("stance")), len(STANCE_ORDER)))
    counts: dict[str, int] = {}
    for c in conditions:
        counts[c["status"]] = counts.get(c["status"], 0) + 1
    stances: dict[str, list[str]] = {}
    for seen in observers:
        if seen["latest"]:
            stances.setdefault(seen["latest"]["stance"], []).append(seen["name"])
    return {
        "conditions": conditions,
        "observers": observers,
        "moves": moves,
        "lane_links": lane_links,
        "status_counts": counts,
        "stance_names": stances,
    }
