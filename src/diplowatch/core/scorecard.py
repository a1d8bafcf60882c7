"""The one scorecard: per condition and period, counts of +, − and 0, a status and a trend; observers' lanes.

Terminal, report, dashboard and JSON API all show what `build_scorecard` returns, so they cannot disagree.
It is pure: the watch's outline and its evidence and stance rows in, a JSON-able Scorecard out.

Status of a cell (also in docs/watches.md and in every scorecard as `status_rule`):
  no evidence  no deed either way (plus == minus == 0; words alone are not conduct)
  breached     minus > plus
  met          plus >= 2 and minus == 0 (two independent deeds at least: one report is not a record)
  some progress  plus == 1 and minus == 0
  mixed        minus > 0 and plus >= minus
Counts are of independent acts: evidence rows whose events fold into one event cluster (one act
reported by several articles, core.corroboration) count once, and `reports` gives the rows beside them.
A row carries its act in `act` (a row without one is an act of its own). Reviewed rows (`reviewed`)
already carry the analyst's value; `reviewed` on a card counts them.
Trend over the periods with deeds: the mean balance (plus − minus) / (plus + minus) of the later half
against the earlier half; a rise of more than 0.25 is improving, a fall of more than 0.25 worsening.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict

from diplowatch.core.dates import plausible
from diplowatch.core.periods import check_by, period_labels, period_of
from diplowatch.core.vocabulary import (
    BREACHED,
    DECISIVE_STANCES,
    IMPROVING,
    MET,
    MET_MIN_DEEDS,
    MIXED,
    NO_EVIDENCE,
    SOME_PROGRESS,
    STATUS_GLYPHS,
    STATUSES,
    STEADY,
    WORSENING,
)

STATUS_RULE = (
    f"breached when minus > plus; met when plus >= {MET_MIN_DEEDS} independent deeds and minus == 0; "
    "some progress when plus == 1 and minus == 0; mixed when minus > 0 and plus >= minus; "
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
    reports: int  # evidence rows behind the acts counted in this cell


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
    reports: dict[str, int]  # rows (reports) behind plus, minus and zero
    reviewed: int  # rows an analyst confirmed, corrected or added


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


class ScorecardHeading(TypedDict):
    watch: dict[str, Any]
    by: str
    periods: list[str]
    status_rule: str
    statuses: dict[str, str]  # every status a cell can take, in order, with its glyph


class Scorecard(ScorecardHeading):
    conditions: list[ConditionCard]
    observers: list[ObserverCard]


def status(plus: int, minus: int) -> str:
    """The status of a count of independent deeds (words never decide one, nor does one deed make "met")."""
    if plus == 0 and minus == 0:
        return NO_EVIDENCE
    if minus > plus:
        return BREACHED
    if minus == 0:
        return MET if plus >= MET_MIN_DEEDS else SOME_PROGRESS
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


def lane_stance(rows: Sequence[dict[str, Any]]) -> str | None:
    """The stance of one observer in one period.

    Recognising or rejecting is a decision, so either one decides the period (the latest, if both);
    otherwise the stance seen most often, a tie going to engage before withhold (dealing with the
    subject is conduct; "has not recognised" is mostly background).
    """
    if not rows:
        return None
    decisive = [r for r in rows if r["stance"] in DECISIVE_STANCES]
    if decisive:
        return max(decisive, key=recency)["stance"]
    return stance_of_counts(Counter(r["stance"] for r in rows))


def stance_of_counts(counts: Mapping[str, int]) -> str | None:
    """`lane_stance` of a period without a decision, from how often each stance was taken (for a caller
    that counted them in SQL)."""
    if not counts:
        return None
    return max(counts, key=lambda s: (counts[s], s == "engage"))


def _heading(outline: WatchOutline, by: str, periods: list[str]) -> ScorecardHeading:
    """What every scorecard opens with: the watch, the periods and the statuses' legend."""
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
        "statuses": {name: STATUS_GLYPHS[name] for name in STATUSES},
    }


def build_scorecard(
    outline: WatchOutline,
    evidence: Iterable[dict[str, Any]],
    stances: Iterable[dict[str, Any]],
    by: str = "month",
) -> Scorecard:
    """The scorecard of these rows (already limited to the dates wanted) under the watch's outline."""
    check_by(by)
    evidence, stances = [jsonable(r) for r in evidence], [jsonable(r) for r in stances]
    # A row dated year 1 or 9999 (an older database may hold one) counts in the totals but opens no lane.
    days = [r["date"] for r in evidence + stances if r.get("date") and plausible(r["date"])]
    periods = period_labels(min(days), max(days), by) if days else []
    return {
        **_heading(outline, by, periods),
        "conditions": [_condition_card(c, evidence, periods, by) for c in outline.conditions],
        "observers": [_observer_card(o, stances, periods, by) for o in outline.observers],
    }


def _condition_card(
    condition: ConditionOutline, evidence: list[dict[str, Any]], periods: list[str], by: str
) -> ConditionCard:
    rows = [r for r in evidence if r["condition"] == condition.id]
    acts: dict[str | None, set[tuple[str, int]]] = {}
    reports: Counter[str | None] = Counter()
    signs: Counter[int] = Counter()
    for row in rows:
        label, sign = period_of(row.get("date"), by), _sign(row["polarity"])
        acts.setdefault(label, set()).add((act_of_row(row), sign))
        reports[label] += 1
        signs[sign] += 1
    reviewed = sum(1 for r in rows if r.get("reviewed"))
    return _card_of_acts(condition, acts, reports, signs, reviewed, rows, periods)


def act_of_row(row: dict[str, Any]) -> str:
    """The independent act a row reports: its event cluster, else its own sentence."""
    return row.get("act") or f"{row['doc_id']}#{row.get('sentence_index')}"


def _sign(polarity: int) -> int:
    return (polarity > 0) - (polarity < 0)


def _observer_card(
    observer: ObserverOutline, stances: list[dict[str, Any]], periods: list[str], by: str
) -> ObserverCard:
    rows = [r for r in stances if r["observer_code"] == observer.code]
    # Each row's period is found once (not once per period: on a long watch that was most of the build).
    in_period: dict[str | None, list[dict[str, Any]]] = {}
    for r in rows if periods else []:
        in_period.setdefault(period_of(r.get("date"), by), []).append(r)
    lanes: list[Lane] = []
    for p in periods:
        here = in_period.get(p, [])
        lanes.append({"period": p, "stance": lane_stance(here), "n": len(here)})
    # "latest": the newest sentence showing the stance of the newest period with one.
    last = next((lane["stance"] for lane in reversed(lanes) if lane["stance"]), None)
    latest = max((r for r in rows if r["stance"] == last), key=recency, default=None)
    return {
        "code": observer.code,
        "name": observer.name,
        "country": observer.country,
        "lanes": lanes,
        "latest": None if latest is None else {k: latest.get(k) for k in LATEST_KEYS},
    }


def _strength(row: dict[str, Any]) -> tuple:
    """Deeds before words, then reviewed rows, then the most recent, then the most confident."""
    return (
        row["polarity"] != 0,
        bool(row.get("reviewed")),
        str(row.get("date") or ""),
        row.get("confidence") or 0.0,
    )


def recency(row: dict[str, Any]) -> tuple:
    return (str(row.get("date") or ""), row["doc_id"], row.get("sentence_index") or 0)


_PLAIN = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, containers walked: what json.dumps and the templates take as it is."""
    if type(value) in _PLAIN:  # most values: returned at once (a scorecard walks every stored row)
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


# -- the same scorecard from tallies (a database's rows counted in SQL: see store.tallies) ----------

# Rows of one condition, day, polarity and act: (condition, date as ISO text, polarity, act, rows, reviewed).
EvidenceTally = tuple[str, str | None, int, str, int, bool]


@dataclass(frozen=True)
class StanceTally:
    """Rows of one observer, period and stance; `first` their first position among all rows, `newest` the
    `recency` of the newest."""

    observer_code: str
    period: str | None
    stance: str
    n: int
    first: tuple
    first_day: str | None
    last_day: str | None
    newest: tuple


def build_scorecard_from_tallies(
    outline: WatchOutline,
    evidence: Iterable[EvidenceTally],
    top: Mapping[str, Sequence[dict[str, Any]]],
    stances: Sequence[StanceTally],
    latest_rows: Callable[[list[tuple[str, tuple]]], Mapping[tuple[str, tuple], dict[str, Any]]],
    by: str = "month",
) -> Scorecard:
    """What `build_scorecard` gives for the rows these tallies count. `top`: per condition, every row that
    could be among its strongest, in the rows' order; `latest_rows([(observer_code, recency)])`: those
    rows, by that pair."""
    check_by(by)
    periods_of: dict[str | None, str | None] = {None: None}
    acts: dict[str, dict[str | None, set[tuple[str, int]]]] = {}
    reports: dict[str, Counter[str | None]] = {}
    signs: dict[str, Counter[int]] = {}
    reviewed: Counter[str] = Counter()
    days: set[str] = set()
    for condition, day, polarity, act, n, was_reviewed in evidence:
        if not n:
            continue
        if day not in periods_of:
            periods_of[day] = period_of(day, by)
            if plausible(day):
                days.add(day)  # type: ignore[arg-type]
        label, sign = periods_of[day], _sign(polarity)
        if condition not in acts:
            acts[condition], reports[condition], signs[condition] = {}, Counter(), Counter()
        here = acts[condition].get(label)
        if here is None:
            here = acts[condition][label] = set()
        here.add((act, sign))
        reports[condition][label] += n
        signs[condition][sign] += n
        if was_reviewed:
            reviewed[condition] += n
    for tally in stances:
        days.update(d for d in (tally.first_day, tally.last_day) if d and plausible(d))
    periods = period_labels(min(days), max(days), by) if days else []
    return {
        **_heading(outline, by, periods),
        "conditions": [
            _card_of_acts(
                c,
                acts.get(c.id, {}),
                reports.get(c.id, Counter()),
                signs.get(c.id, Counter()),
                reviewed[c.id],
                top.get(c.id, ()),
                periods,
            )
            for c in outline.conditions
        ],  # fmt: skip
        "observers": _tallied_observers(outline.observers, stances, periods, latest_rows),
    }


def _card_of_acts(
    condition: ConditionOutline,
    acts: dict[str | None, set[tuple[str, int]]],
    reports: Counter[str | None],
    signs: Counter[int],
    reviewed: int,
    top: Sequence[dict[str, Any]],
    periods: list[str],
) -> ConditionCard:
    """A condition's card, whichever way its evidence was counted: its independent (act, sign) pairs and
    its rows by period label (labels outside `periods` count in the totals only), its rows by sign, and
    the rows that could be among its strongest. Both builders end here, so they cannot drift apart."""
    cells: list[Cell] = []
    for p in periods:
        c = Counter(sign for _, sign in acts.get(p, ()))
        cells.append({"period": p, "plus": c[1], "minus": c[-1], "zero": c[0], "status": status(c[1], c[-1]),
                      "reports": reports[p]})  # fmt: skip
    every = Counter(sign for _, sign in set().union(*acts.values()))
    plus, minus = every[1], every[-1]
    return {
        "id": condition.id,
        "title": condition.title,
        "description": condition.description,
        "cells": cells,
        "plus": plus,
        "minus": minus,
        "zero": every[0],
        "status": status(plus, minus),
        "trend": trend(cells),
        "top_evidence": sorted((jsonable(r) for r in top), key=_strength, reverse=True)[:TOP_EVIDENCE],
        "reports": {"plus": signs[1], "minus": signs[-1], "zero": signs[0]},
        "reviewed": reviewed,
    }


def _tallied_observers(
    observers: Sequence[ObserverOutline],
    stances: Sequence[StanceTally],
    periods: list[str],
    latest_rows: Callable[[list[tuple[str, tuple]]], Mapping[tuple[str, tuple], dict[str, Any]]],
) -> list[ObserverCard]:
    by_observer: dict[str, list[StanceTally]] = {}
    for t in sorted(stances, key=lambda t: t.first):
        by_observer.setdefault(t.observer_code, []).append(t)
    cards: list[ObserverCard] = []
    wanted: dict[str, tuple[str, tuple]] = {}
    for observer in observers:
        in_period: dict[str | None, list[StanceTally]] = {}
        mine = by_observer.get(observer.code, [])
        for t in mine:
            in_period.setdefault(t.period, []).append(t)
        lanes: list[Lane] = []
        for p in periods:
            here = in_period.get(p, [])
            lanes.append({"period": p, "stance": _tallied_stance(here), "n": sum(t.n for t in here)})
        # "latest": the newest sentence showing the stance of the newest period with one.
        last = next((lane["stance"] for lane in reversed(lanes) if lane["stance"]), None)
        newest = max((t.newest for t in mine if t.stance == last), default=None)
        if newest is not None:
            wanted[observer.code] = (observer.code, newest)
        cards.append({"code": observer.code, "name": observer.name, "country": observer.country, "lanes": lanes,
                      "latest": None})  # fmt: skip
    found = latest_rows(list(wanted.values())) if wanted else {}
    for card in cards:
        row = found.get(wanted[card["code"]]) if card["code"] in wanted else None
        card["latest"] = None if row is None else {k: jsonable(row.get(k)) for k in LATEST_KEYS}
    return cards


def _tallied_stance(tallies: list[StanceTally]) -> str | None:
    """`lane_stance` of the rows these tallies (in order of first row) count."""
    if not tallies:
        return None
    decisive = [t for t in tallies if t.stance in DECISIVE_STANCES]
    if decisive:
        return max(decisive, key=lambda t: t.newest).stance
    counts: dict[str, int] = {}
    for t in tallies:
        counts[t.stance] = counts.get(t.stance, 0) + t.n
    return stance_of_counts(counts)
