"""Build the promise ledger of a watch from its evidence rows (pure: rows in, entries out).

1. Every row whose sentence carries a pledge of the subject (ledger.pledges) is a *mention*. Mentions
   filed under the same condition and indicator are one entry (a sentence counts once); the earliest
   says when it was made, the first whose own words say what was promised gives the promise.
2. A deed (+1 or -1 evidence) is a candidate for an entry when it is of the entry's condition and its
   indicator is the entry's or a sibling of it (ledger.topics), dated from the day the pledge was made.
   It goes to the candidate entries whose topic its sentence shares most (at least one topic word), so
   killings of former officials settle the amnesty, not the pledge on women's rights.
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
from diplowatch.ledger.topics import indicator, shared, siblings
from diplowatch.watch.patterns import normalise
from diplowatch.watch.schema import Watch


def build_ledger(
    watch: Watch, rows: Iterable[Mapping[str, Any]], as_of: str | None = None
) -> list[LedgerEntry]:
    """The ledger of `watch` from its evidence rows; `as_of` (ISO day, default the latest row's) ends the
    timeline, so a deadline that passed by then stalls the pledge. Rows without a condition are coded
    sentences read for pledges only."""
    rows = sorted(rows, key=_order)
    as_of = as_of or max((str(r["date"]) for r in rows if r.get("date")), default=None)
    mentions: dict[str, list[Pledge]] = {}
    seen: set[tuple[str, Any, Any]] = set()
    for row in rows:
        pledge = find_pledge(watch, row)
        if pledge is None or not pledge.indicator:
            continue
        entry_id = f"{pledge.condition}.{pledge.indicator}"
        if (entry_id, row.get("doc_id"), row.get("sentence_index")) in seen:
            continue  # one sentence, evidence for several conditions, is one mention
        seen.add((entry_id, row.get("doc_id"), row.get("sentence_index")))
        mentions.setdefault(entry_id, []).append(pledge)
    for found in mentions.values():
        found.sort(key=lambda p: (str(p.made or ""), _order(p.row)))
    related = {c.id: siblings(c) for c in watch.conditions}
    deeds: dict[str, list[Mapping[str, Any]]] = {entry_id: [] for entry_id in mentions}
    for row in rows:
        if not row.get("condition") or row.get("kind") != "deed" or not row.get("polarity"):
            continue
        candidates = [
            entry_id for entry_id, found in mentions.items()
            if found[0].condition == row["condition"]
            and indicator_of(row.get("rule")) in related[row["condition"]].get(found[0].indicator, set())
            and str(row.get("date") or "") >= str(found[0].made or "")
        ]  # fmt: skip
        for entry_id in _sharing_most(watch, candidates, row):
            deeds[entry_id].append(row)
    entries = [_rate(watch.name, e, found, deeds[e], as_of) for e, found in mentions.items()]
    return sorted(entries, key=lambda e: ([c.id for c in watch.conditions].index(e.condition), e.made or ""))


def _sharing_most(watch: Watch, entry_ids: list[str], row: Mapping[str, Any]) -> list[str]:
    """The entries whose topic the deed's sentence shares most (none when it shares no topic word)."""
    text = normalise(row.get("sentence") or "")
    scores = {}
    for entry_id in entry_ids:
        condition, indicator_id = entry_id.split(".", 1)
        ind = indicator(watch, condition, indicator_id)
        scores[entry_id] = shared(ind, text) if ind else 0
    best = max(scores.values(), default=0)
    return [e for e, score in scores.items() if score == best and best > 0]


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
