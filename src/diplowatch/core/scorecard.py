"""The one scorecard: per condition and period, counts of +, − and 0, a status and a trend; observers' lanes.

Terminal, report, dashboard and JSON API all show what `build_scorecard` returns, so they cannot disagree.
It is pure: the watch's outline and its evidence and stance rows in, a JSON-able Scorecard out.

Status of a cell (also in docs/watches.md and in every scorecard as `status_rule`):
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypedDict

from diplowatch.core.periods import check_by, period_labels, period_of
from diplowatch.core.vocabulary import (
    BREACHED,
    DECISIVE_STANCES,
    IMPROVING,
    MET,
    MIXED,
    NO_EVIDENCE,
    STEADY,
    WORSENING,
)

STATUS_RULE = (
    "breached when minus > plus; met when plus > 0 and minus == 0; mixed when minus > 0 and plus >= minus; "
    "no evidence when there is no deed either way (words, the 0 column, never decide a status)"
)
TREND_SHIFT = 0.25
TOP_EVIDENCE = 3
LATEST_KEYS = ("stance", "date", "sentence", "doc_id", "outlet", "url")


@dataclass(frozen=True)
class ConditionOutline:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class ObserverOutline:
    code: str
    name: str
    country: str | None = None


@dataclass(frozen=True)
class WatchOutline:
    """What the scorecard needs of a watch definition: names and order, no patterns."""

    name: str
    title: str
    subject_name: str | None = None
    subject_codes: tuple[str, ...] = ()
    period: dict[str, Any] = field(default_factory=dict)
    conditions: tuple[ConditionOutline, ...] = ()
    observers: tuple[ObserverOutline, ...] = ()


class Cell(TypedDict):
    period: str
    plus: int
    minus: int
    zero: int
    status: str


class ConditionCard(TypedDict):
    id: str
    title: str
    description: str
    cells: list[Cell]
    plus: int
    minus: int
    zero: int
    status: str
    trend: str
    top_evidence: list[dict[str, Any]]


class Lane(TypedDict):
    period: str
    stance: str | None
    n: int


class ObserverCard(TypedDict):
    code: str
    name: str
    country: str | None
    lanes: list[Lane]
    latest: dict[str, Any] | None


class Scorecard(TypedDict):
    watch: dict[str, Any]
    by: str
    periods: list[str]
    status_rule: str
    conditions: list[ConditionCard]
    observers: list[ObserverCard]


def status(plus: int, minus: int) -> str:
    """The status of a count of deeds (words never decide one)."""
    if plus == 0 and minus == 0:
        return NO_EVIDENCE
    if minus > plus:
        return BREACHED
    if minus == 0:
        return MET
    return MIXED


def trend(cells: Sequence[Cell]) -> str:
    balances = [(c["plus"] - c["minus"]) / (c["plus"] + c["minus"]) for c in cells if c["plus"] + c["minus"]]
    if not balances:
        return NO_EVIDENCE
    if len(balances) < 2:
        return STEADY
    half = len(balances) // 2
    earlier = sum(balances[:half]) / half
    later = sum(balances[half:]) / (len(balances) - half)
    if later - earlier > TREND_SHIFT:
        return IMPROVING
    if earlier - later > TREND_SHIFT:
        return WORSENING
    return STEADY


class Counts(Protocol):
    """What the scorecard reads of a watch's rows: per-day counts, and the few rows it shows.

    `RowCounts` counts rows in memory; the store keeps the same counts per day (evidence_daily,
    stance_daily) so a scorecard over a large database never re-reads every row.
    """

    def evidence_days(self) -> Iterable[tuple[str, Any, int, int]]:
        """(condition, day or None, polarity, n)"""
        ...

    def stance_days(self) -> Iterable[tuple[str, Any, str, int, str, int]]:
        """(observer_code, day or None, stance, n, doc_id, sentence_index of the day's newest row)"""
        ...

    def top_evidence(self, condition: str, k: int) -> list[dict[str, Any]]:
        """The k strongest rows of a condition (deeds first, then the newest, the most confident;
        ties in date, doc_id, sentence_index order)."""
        ...

    def stance_row(self, observer_code: str, doc_id: str, sentence_index: int) -> dict[str, Any] | None: ...


class RowCounts:
    """`Counts` of rows held in memory (in date, doc_id, sentence_index order)."""

    def __init__(self, evidence: Iterable[dict[str, Any]], stances: Iterable[dict[str, Any]]):
        self.evidence = [jsonable(r) for r in evidence]
        self.stances = [jsonable(r) for r in stances]

    def evidence_days(self) -> Iterable[tuple[str, Any, int, int]]:
        counts = Counter((r["condition"], r.get("date") or None, r["polarity"]) for r in self.evidence)
        return [(c, d, p, n) for (c, d, p), n in counts.items()]

    def stance_days(self) -> Iterable[tuple[str, Any, str, int, str, int]]:
        days: dict[tuple[str, Any, str], list[dict[str, Any]]] = {}
        for r in self.stances:
            days.setdefault((r["observer_code"], r.get("date") or None, r["stance"]), []).append(r)
        out = []
        for (code, day, stance), rows in days.items():
            newest = max(rows, key=_recency)
            out.append((code, day, stance, len(rows), newest["doc_id"], newest.get("sentence_index") or 0))
        return out

    def top_evidence(self, condition: str, k: int) -> list[dict[str, Any]]:
        rows = [r for r in self.evidence if r["condition"] == condition]
        return sorted(rows, key=_strength, reverse=True)[:k]

    def stance_row(self, observer_code: str, doc_id: str, sentence_index: int) -> dict[str, Any] | None:
        return next(
            (
                r
                for r in self.stances
                if r["observer_code"] == observer_code
                and r["doc_id"] == doc_id
                and (r.get("sentence_index") or 0) == sentence_index
            ),
            None,
        )


def build_scorecard(
    outline: WatchOutline,
    evidence: Iterable[dict[str, Any]],
    stances: Iterable[dict[str, Any]],
    by: str = "month",
) -> Scorecard:
    """The scorecard of these rows (already limited to the dates wanted) under the watch's outline."""
    return scorecard_of_counts(outline, RowCounts(evidence, stances), by)


def scorecard_of_counts(outline: WatchOutline, counts: Counts, by: str = "month") -> Scorecard:
    """The scorecard of a watch's counts (already limited to the dates wanted) under its outline."""
    check_by(by)
    evidence_days = [(c, _iso_day(d), p, n) for c, d, p, n in counts.evidence_days()]
    stance_days = [(o, _iso_day(d), s, n, doc, i) for o, d, s, n, doc, i in counts.stance_days()]
    days = [d for _, d, _, _ in evidence_days if d] + [d for _, d, _, _, _, _ in stance_days if d]
    periods = period_labels(min(days), max(days), by) if days else []
    return {
        "watch": {
            "name": outline.name,
            "title": outline.title,
            "subject": {"name": outline.subject_name, "codes": list(outline.subject_codes)},
            "period": jsonable(dict(outline.period)),
        },
        "by": by,
        "periods": periods,
        "status_rule": STATUS_RULE,
        "conditions": [_condition_card(c, counts, evidence_days, periods, by) for c in outline.conditions],
        "observers": [_observer_card(o, counts, stance_days, periods, by) for o in outline.observers],
    }


def _iso_day(value: Any) -> str | None:
    return jsonable(value) if value else None


def _condition_card(
    condition: ConditionOutline,
    counts: Counts,
    evidence_days: list[tuple[str, Any, int, int]],
    periods: list[str],
    by: str,
) -> ConditionCard:
    by_period: dict[str, Counter[int]] = {p: Counter() for p in periods}
    total: Counter[int] = Counter()
    for cond, day, polarity, n in evidence_days:
        if cond != condition.id:
            continue
        total[_sign(polarity)] += n
        label = period_of(day, by)
        if label in by_period:
            by_period[label][polarity] += n
    cells: list[Cell] = [
        {"period": p, "plus": c[1], "minus": c[-1], "zero": c[0], "status": status(c[1], c[-1])}
        for p, c in by_period.items()
    ]
    plus, minus = total[1], total[-1]
    return {
        "id": condition.id,
        "title": condition.title,
        "description": condition.description,
        "cells": cells,
        "plus": plus,
        "minus": minus,
        "zero": total[0],
        "status": status(plus, minus),
        "trend": trend(cells),
        "top_evidence": [jsonable(r) for r in counts.top_evidence(condition.id, TOP_EVIDENCE)],
    }


def _sign(polarity: int) -> int:
    return (polarity > 0) - (polarity < 0)


def _observer_card(
    observer: ObserverOutline,
    counts: Counts,
    stance_days: list[tuple[str, Any, str, int, str, int]],
    periods: list[str],
    by: str,
) -> ObserverCard:
    days = [
        {"stance": s, "date": d, "n": n, "doc_id": doc, "sentence_index": i}
        for code, d, s, n, doc, i in stance_days
        if code == observer.code
    ]
    lanes: list[Lane] = []
    for p in periods:
        here = [day for day in days if period_of(day["date"], by) == p]
        lanes.append({"period": p, "stance": _lane_of_days(here), "n": sum(day["n"] for day in here)})
    # "latest": the newest sentence showing the stance of the newest period with one.
    last = next((lane["stance"] for lane in reversed(lanes) if lane["stance"]), None)
    newest = max((day for day in days if day["stance"] == last), key=_recency, default=None)
    latest = (
        None
        if newest is None
        else counts.stance_row(observer.code, newest["doc_id"], newest["sentence_index"])
    )
    return {
        "code": observer.code,
        "name": observer.name,
        "country": observer.country,
        "lanes": lanes,
        "latest": None if latest is None else {k: jsonable(latest).get(k) for k in LATEST_KEYS},
    }


def _lane_of_days(days: Sequence[dict[str, Any]]) -> str | None:
    """The stance of one observer in one period, from its per-day counts.

    Recognising or rejecting is a decision, so either one decides the period (the latest, if both;
    a day's newest row stands for the day); otherwise the stance seen most often, a tie going to
    engage before withhold (dealing with the subject is conduct; "has not recognised" is mostly
    background).
    """
    if not days:
        return None
    decisive = [d for d in days if d["stance"] in DECISIVE_STANCES]
    if decisive:
        return max(decisive, key=_recency)["stance"]
    counts: Counter[str] = Counter()
    for day in days:
        counts[day["stance"]] += day["n"]
    return max(counts, key=lambda s: (counts[s], s == "engage"))


def _strength(row: dict[str, Any]) -> tuple:
    """Deeds before words, then the most recent, then the most confident."""
    return (row["polarity"] != 0, str(row.get("date") or ""), row.get("confidence") or 0.0)


def _recency(row: dict[str, Any]) -> tuple:
    return (str(row.get("date") or ""), row["doc_id"], row.get("sentence_index") or 0)


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, containers walked: what json.dumps and the templates take as it is."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value
