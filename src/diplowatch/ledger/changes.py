"""What changed in a watch since a day: new breaches, ledger status changes and observers' stance shifts.

Read from the rows stored by the last run of the watch, so `watch --changes-since`, the dashboard's Atom
feed and `follow`'s webhook all report the same changes. A change is dated by the news it comes from
(the sentence's date), and has a stable `key`, so one already sent can be recognised on the next poll.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import duckdb

from diplowatch.core.periods import iso_day
from diplowatch.core.scorecard import lane_stance
from diplowatch.ledger.read import ledger_for, watch_rows
from diplowatch.store import watch as store
from diplowatch.watch.schema import Watch

KINDS = ("breach", "ledger", "stance")


@dataclass
class Change:
    watch: str
    kind: str  # breach | ledger | stance
    date: str | None
    summary: str  # one line
    subject: str  # the condition, ledger entry or observer it concerns
    status: str | None  # breach: the condition; ledger: the new status; stance: the new stance
    previous: str | None  # ledger: the status before; stance: the stance before
    sentence: str | None
    doc_id: str | None
    sentence_index: int | None
    url: str | None
    outlet: str | None
    key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def changes_since(con: duckdb.DuckDBPyConnection, watch: Watch, since: str | None = None) -> list[Change]:
    """Every change dated on or after `since` (all of them when None), oldest first."""
    since = since or ""
    found: list[Change] = []
    rows = watch_rows(con, watch)
    titles = {c.id: c.title for c in watch.conditions}
    for r in rows:
        if r["polarity"] < 0 and r["kind"] == "deed" and (r["date"] or "") >= since:
            found.append(_change(watch.name, "breach", r, f"breach of {titles.get(r['condition'], r['condition'])}",
                                 r["condition"], r["condition"], None))  # fmt: skip
    for entry in ledger_for(con, watch, evidence=rows):
        previous = None
        for step in entry.steps:
            if step.status != previous and (step.date or "") >= since and previous is not None:
                summary = f"ledger: {entry.promise[:80]} — {previous} → {step.status}"
                found.append(_change(watch.name, "ledger", step.to_dict(), summary, entry.entry_id, step.status,
                                     previous))  # fmt: skip
            previous = step.status
    # An observer's stance of a day follows the scorecard's rule (a decision wins, else the most seen),
    # so one sentence of background ("has not recognised") among dealings is no shift.
    days: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for s in store.read_stances(con, watch.name):
        days.setdefault(s["observer_code"], {}).setdefault(iso_day(s["date"]) or "", []).append(s)
    for code, by_day in days.items():
        before = None
        for day in sorted(by_day):
            stance = lane_stance(by_day[day])
            if before is not None and stance != before and day >= since:
                row = next(r for r in by_day[day] if r["stance"] == stance)
                name = (row.get("observer") or {}).get("name") or code
                found.append(_change(watch.name, "stance", {**row, "date": day or None}, f"{name}: {before} → {stance}",
                                     code, stance, before))  # fmt: skip
            before = stance
    return sorted(
        found, key=lambda c: (c.date or "", KINDS.index(c.kind), c.doc_id or "", c.sentence_index or 0)
    )


def _change(
    watch: str, kind: str, row: Mapping[str, Any], summary: str, subject: str, status: str | None,
    previous: str | None,
) -> Change:  # fmt: skip
    change = Change(
        watch=watch, kind=kind, date=iso_day(row.get("date")), summary=summary, subject=subject, status=status,
        previous=previous, sentence=row.get("sentence"), doc_id=row.get("doc_id"),
        sentence_index=row.get("sentence_index"), url=row.get("url"), outlet=row.get("outlet"),
    )  # fmt: skip
    identity = [watch, kind, change.date, change.doc_id, change.sentence_index, subject, status, previous]
    change.key = hashlib.sha256(json.dumps(identity, default=str).encode()).hexdigest()[:20]
    return change
