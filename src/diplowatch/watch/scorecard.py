"""The scorecard: per condition and period, counts of +, − and 0, a status and a trend; observers' lanes.

Status of a cell (the rule, also in docs/watches.md and in every scorecard as `status_rule`):
  no evidence  no deed either way (plus == minus == 0; words alone are not conduct)
  breached     minus > plus
  met          plus > 0 and minus == 0
  mixed        minus > 0 and plus >= minus
Trend over the periods with deeds: the mean balance (plus − minus) / (plus + minus) of the later half
against the earlier half; a rise of more than 0.25 is improving, a fall of more than 0.25 worsening.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from diplowatch.store import watch as store
from diplowatch.watch.schema import Watch

STATUS_RULE = (
    "breached when minus > plus; met when plus > 0 and minus == 0; mixed when minus > 0 and plus >= minus; "
    "no evidence when there is no deed either way (words, the 0 column, never decide a status)"
)
TREND_SHIFT = 0.25
BY = ("month", "quarter", "year")
STANCE_ORDER = ("recognize", "engage", "withhold", "reject")


def status(plus: int, minus: int) -> str:
    if plus == 0 and minus == 0:
        return "no evidence"
    if minus > plus:
        return "breached"
    if minus == 0:
        return "met"
    return "mixed"


def period_of(date: Any, by: str) -> str | None:
    if date is None:
        return None
    day = date if isinstance(date, dt.date) else dt.date.fromisoformat(str(date)[:10])
    if by == "year":
        return f"{day.year}"
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def _periods(first: str, last: str, by: str) -> list[str]:
    """Every period label from first to last, gaps included, so a timeline has no holes."""
    labels = []
    if by == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    if by == "quarter":
        year, quarter = int(first[:4]), int(first[-1])
        while (year, quarter) <= (int(last[:4]), int(last[-1])):
            labels.append(f"{year}-Q{quarter}")
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return labels
    year, month = int(first[:4]), int(first[5:7])
    while (year, month) <= (int(last[:4]), int(last[5:7])):
        labels.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def trend(cells: list[dict[str, Any]]) -> str:
    balances = [(c["plus"] - c["minus"]) / (c["plus"] + c["minus"]) for c in cells if c["plus"] + c["minus"]]
    if not balances:
        return "no evidence"
    if len(balances) < 2:
        return "steady"
    half = len(balances) // 2
    earlier = sum(balances[:half]) / half
    later = sum(balances[half:]) / (len(balances) - half)
    if later - earlier > TREND_SHIFT:
        return "improving"
    if earlier - later > TREND_SHIFT:
        return "worsening"
    return "steady"


def _strength(row: dict[str, Any]) -> tuple:
    """Deeds before words, then the most recent, then the most confident."""
    return (row["polarity"] != 0, str(row.get("date") or ""), row.get("confidence") or 0.0)


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}


def build_scorecard(
    con, watch: Watch, by: str = "month", since: str | None = None, until: str | None = None
) -> dict[str, Any]:
    """The JSON-able scorecard of docs/watch_interface (rows must exist: call run_watch first)."""
    if by not in BY:
        raise ValueError(f"by must be one of {', '.join(BY)}")
    evidence = store.read_evidence(con, watch.name, since, until)
    stances = store.read_stances(con, watch.name, since, until)
    labels = [p for p in (period_of(r["date"], by) for r in evidence + stances) if p]
    periods = _periods(min(labels), max(labels), by) if labels else []
    conditions = []
    for condition in watch.conditions:
        rows = [r for r in evidence if r["condition"] == condition.id]
        counts = {p: Counter() for p in periods}
        for row in rows:
            label = period_of(row["date"], by)
            if label in counts:
                counts[label][row["polarity"]] += 1
        cells = [
            {"period": p, "plus": c[1], "minus": c[-1], "zero": c[0], "status": status(c[1], c[-1])}
            for p, c in counts.items()
        ]
        plus = sum(1 for r in rows if r["polarity"] > 0)
        minus = sum(1 for r in rows if r["polarity"] < 0)
        conditions.append(
            {
                "id": condition.id,
                "title": condition.title,
                "description": condition.description,
                "cells": cells,
                "plus": plus,
                "minus": minus,
                "zero": sum(1 for r in rows if r["polarity"] == 0),
                "status": status(plus, minus),
                "trend": trend(cells),
                "top_evidence": [_jsonable(r) for r in sorted(rows, key=_strength, reverse=True)[:3]],
            }
        )
    observers = []
    for observer in watch.observers:
        rows = [r for r in stances if r["observer_code"] == observer.code]
        lanes = []
        for p in periods:
            here = [r for r in rows if period_of(r["date"], by) == p]
            lanes.append({"period": p, "stance": _lane_stance(here), "n": len(here)})
        # "latest": the newest sentence showing the stance of the newest period with one.
        last = next((lane["stance"] for lane in reversed(lanes) if lane["stance"]), None)
        latest = max((r for r in rows if r["stance"] == last), key=_recency, default=None)
        observers.append(
            {
                "code": observer.code,
                "name": observer.name,
                "country": observer.country,
                "lanes": lanes,
                "latest": None
                if latest is None
                else _jsonable(
                    {k: latest.get(k) for k in ("stance", "date", "sentence", "doc_id", "outlet", "url")}
                ),
            }
        )
    return {
        "watch": {
            "name": watch.name,
            "title": watch.title,
            "subject": {"name": watch.subject.name, "codes": list(watch.subject.codes)},
            "period": dict(watch.period),
        },
        "by": by,
        "periods": periods,
        "status_rule": STATUS_RULE,
        "conditions": conditions,
        "observers": observers,
    }


def _recency(row: dict[str, Any]) -> tuple:
    return (str(row.get("date") or ""), row["doc_id"], row.get("sentence_index") or 0)


def _lane_stance(rows: list[dict[str, Any]]) -> str | None:
    """The stance of one observer in one period.

    Recognising or rejecting is a decision, so either one decides the period (the latest, if both);
    otherwise the stance seen most often, a tie going to engage before withhold (dealing with the
    subject is conduct; "has not recognised" is mostly background).
    """
    if not rows:
        return None
    decisive = [r for r in rows if r["stance"] in ("recognize", "reject")]
    if decisive:
        return max(decisive, key=_recency)["stance"]
    counts = Counter(r["stance"] for r in rows)
    return max(counts, key=lambda s: (counts[s], s == "engage"))
