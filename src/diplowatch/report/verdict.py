"""The verdict a reader wants first: each condition's status with its latest deed, each observer's latest
stance and since when, and who moved — every entry with the sentence it rests on.

It reads the scorecard (so it never disagrees with the lanes below it) and looks up, in the stored rows,
the sentences behind each status and stance change.
"""

from __future__ import annotations

from typing import Any

import duckdb

from diplowatch.core.scorecard import Scorecard, jsonable, stance_of_counts
from diplowatch.core.vocabulary import DECISIVE_STANCES
from diplowatch.report.data import tables
from diplowatch.report.filters import period_sql
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


# A stance row's place in time: the order of the lanes' rows and of lane_stance's recency.
_ORDER = "(date, doc_id, sentence_index)"


def _stance_groups(
    con, watch: str, by: str, since: str | None, until: str | None
) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """observer -> period -> stance -> its count and the keys (date, doc_id, sentence_index) of its first
    and last row: counted in SQL, so a watch with hundreds of thousands of stance rows is never loaded."""
    if "stances" not in tables(con):
        return {}
    sql, params = _dated("stances", watch, since, until)
    found = con.execute(
        f"SELECT observer_code, {period_sql('date', by)}, stance, count(*), min({_ORDER}), max({_ORDER})"
        f" {sql} AND date IS NOT NULL GROUP BY ALL",
        params,
    ).fetchall()
    groups: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for code, period, stance, n, first, last in found:
        groups.setdefault(code, {}).setdefault(period, {})[stance] = {
            "n": n, "first": (str(first[0]), *first[1:]), "last": (str(last[0]), *last[1:])
        }  # fmt: skip
    return groups


def _period_stance(here: dict[str, dict[str, Any]]) -> str | None:
    """lane_stance of one period's groups: the newest decision, else the stance taken most often."""
    decisions = [(g["last"], stance) for stance, g in here.items() if stance in DECISIVE_STANCES]
    if decisions:
        return max(decisions)[1]
    return stance_of_counts({stance: g["n"] for stance, g in here.items()})


def _stance_sentences(con, watch: str, keys: set[tuple[str, tuple]]) -> dict[tuple[str, tuple], dict]:
    """The rows (ROW_KEYS) of these (observer, (date, doc_id, sentence_index)) keys."""
    if not keys:
        return {}
    codes, docs, indexes = zip(*((code, k[1], k[2]) for code, k in keys), strict=True)
    rows = _rows(
        con,
        "SELECT s.observer_code, s.date, s.doc_id, s.sentence_index, s.sentence, s.outlet, s.url FROM stances s"
        " JOIN (SELECT unnest(?::VARCHAR[]) AS o, unnest(?::VARCHAR[]) AS d, unnest(?::INTEGER[]) AS i) k"
        " ON s.observer_code = k.o AND s.doc_id = k.d AND s.sentence_index = k.i WHERE s.watch = ?",
        [list(codes), list(docs), list(indexes), watch],
    )
    return {
        (r["observer_code"], (str(r["date"]), r["doc_id"], r["sentence_index"])): {
            k: r.get(k) for k in ROW_KEYS
        }
        for r in rows
    }


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
    by_observer = _stance_groups(con, watch, card["by"], since, until)
    # Each lane's stance, then the sentences behind it: the newest row of that stance in the period
    # (the cell's link), and its first row where the stance changes.
    chosen: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    wanted: set[tuple[str, tuple]] = set()
    for o in card["observers"]:
        periods = by_observer.get(o["code"], {})
        previous: str | None = None
        for lane in o["lanes"]:
            here = periods.get(lane["period"], {})
            stance = _period_stance(here) if here else None
            if stance is None:
                continue
            group = here[stance]
            chosen.setdefault(o["code"], []).append((lane["period"], stance, group))
            wanted.add((o["code"], group["last"]))
            if stance != previous:
                wanted.add((o["code"], group["first"]))
                previous = stance
    sentences = _stance_sentences(con, watch, wanted)
    observers: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    lane_links: dict[str, dict[str, dict[str, Any]]] = {}
    for o in card["observers"]:
        links: dict[str, dict[str, Any]] = {}
        previous = None
        since_row: dict[str, Any] | None = None
        for period, stance, group in chosen.get(o["code"], []):
            links[period] = dict(sentences[(o["code"], group["last"])])
            if stance != previous:
                first = dict(sentences[(o["code"], group["first"])])
                if previous is not None:
                    moves.append(
                        {"code": o["code"], "name": o["name"], "from": previous, "to": stance,
                         "period": period, **first}
                    )  # fmt: skip
                since_row = {"stance": stance, "period": period, **first}
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
