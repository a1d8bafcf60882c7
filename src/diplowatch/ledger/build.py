"""Build the promise ledger of a watch from its evidence rows (pure: rows in, entries out).

1. Every row whose sentence carries a pledge of the subject (ledger.pledges) is a *mention*. Mentions
   filed under the same condition and indicator are one entry (a sentence counts once); the earliest
   says when it was made, the first whose own words say what was promised gives the promise.
2. A deed (+1 or -1 evidence) is a candidate for an entry when it is of the entry's condition and its
   indicator is the entry's or a sibling of it (ledger.topics), or the entry's indicator names its topic
   words (`topic:`), dated from the day the pledge was made.
   It goes to the candidate entries whose topic its sentence shares most (at least one topic word), so
   killings of former officials settle the amnesty, not the pledge on women's rights.
3. The steps, in date order, move the entry along the Obameter's scale:
   pledge -> not yet rated; stated again by the subject -> in the works (from not yet rated or stalled);
   recalled by others -> no change;
   a day's deeds -> broken if any breaches it (a breach outweighs, as in the scorecard), else kept,
   or compromise when it was broken before; a deadline passing before any deed -> stalled.
   Another party's finding that the subject did what a breach indicator names ("a report by Amnesty
   International says the Taliban executed former soldiers") is words for the scorecard (guidelines), but a
   promise tracker rates on documented evidence: it is a `finding` step that breaks the pledge, reported by
   whoever made the finding.
4. An analyst's review of a step (kind `ledger`, keyed by its sentence and the entry) overrides it:
   `wrong` with a status sets the step's status (later steps go on from it), `wrong` with none drops
   the step, `right` confirms it. A review of the evidence row behind a deed has already corrected the
   row; the step says so. Each reviewed step keeps who reviewed, why and what the machine said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from diplowatch.core.records import indicator_of
from diplowatch.core.reviews import Review, latest
from diplowatch.ledger.pledges import Pledge, find_pledge
from diplowatch.ledger.records import LedgerEntry, LedgerStep
from diplowatch.ledger.topics import indicator, shared, siblings
from diplowatch.watch.indicators import FINDING_REASON, candidates
from diplowatch.watch.patterns import normalise
from diplowatch.watch.schema import Indicator, Watch


def build_ledger(
    watch: Watch,
    rows: Iterable[Mapping[str, Any]],
    as_of: str | None = None,
    reviews: Iterable[Review] = (),
) -> list[LedgerEntry]:
    """The ledger of `watch` from its evidence rows; `as_of` (ISO day, default the latest row's) ends the
    timeline, so a deadline that passed by then stalls the pledge. Rows without a condition are coded
    sentences read for pledges only. `reviews`: the analyst's reviews (ledger steps and evidence rows;
    the rows already carry the evidence reviews' corrections)."""
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
    acted = _first_acts(rows)
    for row in rows:
        if not row.get("condition"):
            continue
        if row.get("kind") != "deed" or not row.get("polarity"):
            if _finding_of_breach(watch, row):
                row = {**row, "polarity": -1, "finding": "another party's finding of a breach"}
            elif _report_of_what_was_made(watch, row, acted):
                row = {**row, "polarity": -1, "finding": "a report of what the subject's act made"}
            elif row.get("kind") != "deed":
                continue  # words; a deed of polarity 0 acts on the pledge
        named = indicator_of(row.get("rule"))  # a row an analyst added names none: its topic decides
        candidates = [
            entry_id for entry_id, found in mentions.items()
            if found[0].condition == row["condition"]
            and (named in related[row["condition"]].get(found[0].indicator, set())
                 or _has_topic(watch, entry_id)
                 or named is None and row.get("reviewed") == "added")
            and str(row.get("date") or "") >= str(found[0].made or "")
        ]  # fmt: skip
        for entry_id in _sharing_most(watch, candidates, row):
            deeds[entry_id].append(row)
    in_force = {
        (r.kind, r.doc_id, r.sentence_index, r.subject): r
        for r in latest(reviews).values() if r.kind in ("ledger", "evidence") and r.watch == watch.name
    }  # fmt: skip
    entries = [_rate(watch.name, e, found, deeds[e], as_of, in_force) for e, found in mentions.items()]
    return sorted(entries, key=lambda e: ([c.id for c in watch.conditions].index(e.condition), e.made or ""))


def _first_acts(rows: list[Mapping[str, Any]]) -> dict[str, str]:
    """The first day the subject acted on each condition (a deed of polarity 0: "the Taliban names X as
    prime minister"), by condition."""
    first: dict[str, str] = {}
    for row in rows:  # in date order
        if (
            row.get("kind") == "deed"
            and row.get("polarity") == 0
            and row.get("condition")
            and row.get("date")
        ):
            first.setdefault(str(row["condition"]), str(row["date"]))
    return first


def _report_of_what_was_made(watch: Watch, row: Mapping[str, Any], acted: Mapping[str, str]) -> bool:
    """A row, from the day the subject acted on its condition, whose sentence holds the words of one of
    that condition's breach indicators ("all-male", "no women", "shortcomings of the new cabinet"): a
    report of what the act made, so a finding that breaks a pledge the act was on."""
    first = acted.get(str(row.get("condition") or ""))
    if first is None or str(row.get("date") or "") < first:
        return False
    text = normalise(row.get("sentence") or "")
    condition = watch.condition(str(row["condition"]))
    return any(i.polarity < 0 and i.act and candidates(i, text) for i in condition.indicators)


def _finding_of_breach(watch: Watch, row: Mapping[str, Any]) -> bool:
    """A words row that reports, as another party's finding, an act of a breach indicator."""
    rule = str(row.get("rule") or "")
    if row.get("kind") != "word" or FINDING_REASON not in rule:
        return False
    found = indicator(watch, str(row["condition"]), indicator_of(rule) or "")
    return found is not None and found.polarity < 0


def _entry_indicator(watch: Watch, entry_id: str) -> Indicator | None:
    """The indicator an entry (`<condition>.<indicator>`) is filed under."""
    condition, indicator_id = entry_id.split(".", 1)
    return indicator(watch, condition, indicator_id)


def _has_topic(watch: Watch, entry_id: str) -> bool:
    """An entry whose indicator names its topic words (`topic:`) claims any deed of its condition by
    them, whatever indicator found the deed (an amnesty is settled by killings the reprisals words find)."""
    found = _entry_indicator(watch, entry_id)
    return bool(found and found.topic)


def _sharing_most(watch: Watch, entry_ids: list[str], row: Mapping[str, Any]) -> list[str]:
    """The entries whose topic the deed's sentence shares most (none when it shares no topic word)."""
    text = normalise(row.get("sentence") or "")
    scores = {}
    for entry_id in entry_ids:
        ind = _entry_indicator(watch, entry_id)
        scores[entry_id] = shared(ind, text) if ind else 0
    best = max(scores.values(), default=0)
    return [e for e, score in scores.items() if score == best and best > 0]


def _order(row: Mapping[str, Any]) -> tuple[str, str, int]:
    return (str(row.get("date") or ""), str(row.get("doc_id") or ""), int(row.get("sentence_index") or 0))


def _rate(
    watch: str,
    entry_id: str,
    mentions: list[Pledge],
    deeds: list[Mapping[str, Any]],
    as_of: str | None,
    reviews: Mapping[tuple, Review] | None = None,
) -> LedgerEntry:
    first = mentions[0]
    reviews = reviews or {}
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
        before = (status, acted, broken_before)
        if what == "mention":
            pledge: Pledge = item
            if pledge.timing.due:
                due, due_text = pledge.timing.due, pledge.timing.due_text
            if not steps:
                steps.append(_pledge_step(pledge, status))
            elif not pledge.own:  # a report or a reminder of the pledge rates nothing
                by = f" by {pledge.row['reporter']}" if pledge.row.get("reporter") else ""
                steps.append(
                    _step(pledge.row, status, "recalled", f"{status}: the pledge was recalled{by}", day)
                )
            else:
                if status in ("not yet rated", "stalled"):
                    status = "in the works"
                again = f"{status}: the subject stated the pledge again" + (f" (due {due})" if due else "")
                steps.append(_step(pledge.row, status, "restated", again, day))
        else:
            row = item
            acted = True
            who = f", reported by {row['reporter']}" if row.get("reporter") else ""
            if not row["polarity"] and day not in breached_days:
                # the subject acted on it (named the government it pledged): acted on, not yet judged
                if status in ("not yet rated", "stalled"):
                    status = "in the works"
                steps.append(
                    _step(row, status, "acted", f"{status}: the subject acted on it on {day}{who}", day)
                )
            else:
                if day in breached_days:
                    status, broken_before = "broken", True
                    why = "a deed breaching it" + (
                        " (a breach outweighs the day's other deeds)" if row["polarity"] >= 0 else ""
                    )
                elif broken_before:
                    status, why = "compromise", "a deed meeting it after it had been broken"
                else:
                    status, why = "kept", "a deed meeting it"
                if row.get("finding"):
                    why = str(row["finding"])
                kind = "finding" if row.get("finding") else "deed"
                steps.append(_step(row, status, kind, f"{status}: {why} on {day}{who}", day))
            evidence_review = reviews.get(("evidence", row.get("doc_id"), row.get("sentence_index"),
                                           row.get("condition")))  # fmt: skip
            if evidence_review is not None:
                _note_evidence_review(steps[-1], evidence_review)
        review = reviews.get(("ledger", steps[-1].doc_id, steps[-1].sentence_index, entry_id))
        if review is not None and steps[-1].kind != "deadline":
            if review.removes:  # the analyst says this sentence does not bear on the pledge
                steps.pop()
                status, acted, broken_before = before
            else:
                status = _override(steps[-1], review)
                broken_before = broken_before or status == "broken"
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
        rationale=_deciding(steps).rationale if steps else "no step stands after review",
        steps=steps,
    )


def _override(step: LedgerStep, review: Review) -> str:
    """An analyst's review of a ledger step: `right` confirms its status, `wrong` with a status sets it."""
    who = review.reviewer or "an analyst"
    why = f": {review.reason}" if review.reason else ""
    step.review = {"kind": "ledger", "verdict": review.verdict, "reviewer": review.reviewer,
                   "reason": review.reason, "machine": step.status, "at": review.reviewed_at}  # fmt: skip
    if review.verdict == "right":
        step.rationale += f" (confirmed by {who}{why})"
        return step.status
    status = str(review.correct)
    step.rationale = f"{status}: reviewed by {who}{why} (the machine said {step.status})"
    step.status = status
    return status


def _note_evidence_review(step: LedgerStep, review: Review) -> None:
    """The evidence row behind a deed was reviewed: its corrected polarity already rated the step."""
    who = review.reviewer or "an analyst"
    why = f": {review.reason}" if review.reason else ""
    verdict = "confirmed" if review.verdict == "right" else f"corrected to {review.correct}"
    step.review = {"kind": "evidence", "verdict": review.verdict, "reviewer": review.reviewer,
                   "reason": review.reason, "machine": review.machine, "at": review.reviewed_at}  # fmt: skip
    step.rationale += f" (evidence {verdict} by {who}{why})"


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
        polarity=int(row.get("polarity") or 0) if kind in ("deed", "finding", "acted") else 0,
        sentence=row.get("sentence"),
        doc_id=row.get("doc_id"),
        sentence_index=row.get("sentence_index"),
        indicator=indicator_of(row.get("rule")),
        reporter=row.get("reporter"),
        url=row.get("url"),
        outlet=row.get("outlet"),
    )
