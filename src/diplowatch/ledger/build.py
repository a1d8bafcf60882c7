"""Build the promise ledger of a watch from its evidence rows (pure: rows in, entries out).

1. Every row whose sentence carries a pledge of the subject (ledger.pledges) is a *mention*. Mentions
   with the same condition and the same indicator are one entry; the earliest says what was promised.
2. A deed (+1 or -1 evidence) bears on an entry when it is of the entry's condition and its indicator is
   the entry's or a *sibling* of it: each indicator's `with` groups all share a pattern with the other's
   (girls' schools closed / reopened; al-Qaeda sheltered / fought / "the soil will not be used").
   Deeds count from the day the pledge was made.
3. The steps, in date order, move the entry along the Obameter's scale:
   pledge -> not yet rated; stated again by the subject -> in the works (from not yet rated or stalled);
   recalled by others -> no change;
   a day's deeds -> broken if any breaches it (a breach outweighs, as in the scorecard), else kept,
   or compromise when it was broken before; a deadline passing before any deed -> stalled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from diplowatch.ledger.pledges import Pledge, find_pledge, indicator_of
from diplowatch.ledger.records import LedgerEntry, LedgerStep
from diplowatch.watch.schema import Condition, Indicator, Watch


def siblings(condition: Condition) -> dict[str, set[str]]:
    """For each indicator of a condition, the indicators that bear on the same topic (itself included)."""

    def groups(indicator: Indicator) -> list[set[str]]:
        return [{p.pattern for p in group} for group in indicator.with_]

    def covers(a: Indicator, b: Indicator) -> bool:
        return bool(a.with_ and b.with_) and all(any(ga & gb for gb in groups(b)) for ga in groups(a))

    return {
        a.id: {a.id} | {b.id for b in condition.indicators if covers(a, b) and covers(b, a)}
        for a in condition.indicators
    }


def build_ledger(
    watch: Watch, rows: Iterable[Mapping[str, Any]], as_of: str | None = None
) -> list[LedgerEntry]:
    """The ledger of `watch` from its evidence rows; `as_of` (ISO day, default the latest row's) ends the
    timeline, so a deadline that passed by then stalls the pledge."""
    rows = sorted(rows, key=_order)
    as_of = as_of or max((str(r["date"]) for r in rows if r.get("date")), default=None)
    mentions: dict[str, list[Pledge]] = {}
    for row in rows:
        pledge = find_pledge(watch, row)
        if pledge is not None and pledge.indicator:
            mentions.setdefault(f"{pledge.condition}.{pledge.indicator}", []).append(pledge)
    related = {c.id: siblings(c) for c in watch.conditions}
    entries = []
    for entry_id, found in mentions.items():
        found.sort(key=lambda p: (str(p.made or ""), _order(p.row)))
        first = found[0]
        kin = related.get(first.condition, {}).get(first.indicator, {first.indicator})
        deeds = [
            r for r in rows
            if r["condition"] == first.condition and r.get("kind") == "deed" and r.get("polarity")
            and indicator_of(r.get("rule")) in kin and str(r.get("date") or "") >= str(first.made or "")
        ]  # fmt: skip
        entries.append(_rate(watch.name, entry_id, found, deeds, as_of))
    return sorted(entries, key=lambda e: ([c.id for c in watch.conditions].index(e.condition), e.made or ""))


def _order(row: Mapping[str, Any]) -> tuple[str, str, int]:
    return (str(row.get("date") or ""), str(row.get("doc_id") or ""), int(row.get("sentence_index") or 0))


def _rate(
    watch: str, entry_id: str, mentions: list[Pledge], deeds: list[Mapping[str, Any]], as_of: str | None
) -> LedgerEntry:
    first = mentions[0]
    timeline: list[tuple[tuple[str, int, str, int], str, Any]] = []
    for n, mention in enumerate(mentions):
        day = str(mention.made or "")
        timeline.append(((day, 0, str(mention.row.get("doc_id")), n), "mention", mention))
    for row in deeds:
        timeline.append(((str(row["date"]), 1, *_order(row)[1:]), "deed", row))
    timeline.sort(key=lambda t: t[0])
    # A breach on a day outweighs what else that day brought (as in the scorecard's tie rule).
    breached_days = {str(r["date"]) for r in deeds if r["polarity"] < 0}

    steps: list[LedgerStep] = []
    status, due, due_text, acted, broken_before = "not yet rated", None, None, False, False
    for (day, *_), what, item in timeline:
        if due and not acted and due < day and status != "stalled":
            status = "stalled"
            steps.append(_stalled(due, due_text))
        if what == "mention":
            pledge: Pledge = item
            if pledge.timing.due:
                due, due_text = pledge.timing.due, pledge.timing.due_text
            if not steps:
                steps.append(_pledge_step(pledge, status))
                continue
            if not pledge.own:  # a report or a reminder of the pledge rates nothing
                by = f" by {pledge.row['reporter']}" if pledge.row.get("reporter") else ""
                steps.append(
                    _step(pledge.row, status, "recalled", f"{status}: the pledge was recalled{by}", day)
                )
                continue
            if status in ("not yet rated", "stalled"):
                status = "in the works"
            again = f"{status}: the subject stated the pledge again" + (f" (due {due})" if due else "")
            steps.append(_step(pledge.row, status, "restated", again, day))
            continue
        row = item
        acted = True
        if day in breached_days:
            status, broken_before = "broken", True
            why = "a deed breaching it" + (
                " (a breach outweighs the day's other deeds)" if row["polarity"] > 0 else ""
            )
        elif broken_before:
            status, why = "compromise", "a deed meeting it after it had been broken"
        else:
            status, why = "kept", "a deed meeting it"
        who = f", reported by {row['reporter']}" if row.get("reporter") else ""
        steps.append(_step(row, status, "deed", f"{status}: {why} on {day}{who}", day))
    if due and not acted and as_of and due < as_of and status != "stalled":
        status = "stalled"
        steps.append(_stalled(due, due_text))
    return LedgerEntry(
        watch=watch,
        entry_id=entry_id,
        condition=first.condition,
        indicator=first.indicator,
        promise=next((p.words for p in mentions if p.explicit), first.words),
        promisee=next((p.promisee for p in mentions if p.promisee), None),
        made=first.made,
        due=due,
        due_text=due_text,
        status=status,
        rationale=_deciding(steps).rationale,
        steps=steps,
    )


def _deciding(steps: list[LedgerStep]) -> LedgerStep:
    """The step that set the current status (later reminders do not explain it)."""
    deciding = steps[0]
    for before, step in zip(steps, steps[1:], strict=False):
        if step.status != before.status:
            deciding = step
    return deciding


def _pledge_step(pledge: Pledge, status: str) -> LedgerStep:
    to = f" to {pledge.promisee}" if pledge.promisee else ""
    by = f", due {pledge.timing.due} ({pledge.timing.due_text})" if pledge.timing.due else ""
    step = _step(pledge.row, status, "pledge", f"{status}: pledged{to}{by}: {pledge.words}", pledge.made)
    return step


def _stalled(due: str, due_text: str | None) -> LedgerStep:
    day = (dt.date.fromisoformat(due) + dt.timedelta(days=1)).isoformat()
    return LedgerStep(
        day, "stalled", "deadline", f"stalled: the deadline ({due_text}, {due}) passed with nothing done"
    )


def _step(row: Mapping[str, Any], status: str, kind: str, rationale: str, day: str | None) -> LedgerStep:
    return LedgerStep(
        date=day or (str(row["date"]) if row.get("date") else None),
        status=status,
        kind=kind,
        rationale=rationale,
        polarity=int(row.get("polarity") or 0) if kind == "deed" else 0,
        sentence=row.get("sentence"),
        doc_id=row.get("doc_id"),
        sentence_index=row.get("sentence_index"),
        indicator=indicator_of(row.get("rule")),
        reporter=row.get("reporter"),
        url=row.get("url"),
        outlet=row.get("outlet"),
    )
