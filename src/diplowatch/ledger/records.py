"""The ledger's records: a pledge of the watch's subject and the dated steps that rate it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from diplowatch.core.vocabulary import LEDGER_STATUSES as STATUSES

__all__ = ["STATUSES", "LedgerEntry", "LedgerStep"]


@dataclass
class LedgerStep:
    """One dated piece of evidence on a pledge, and the status it leaves the pledge in."""

    date: str | None
    status: str  # one of STATUSES
    kind: str  # pledge | restated | recalled | acted | deed | finding | deadline
    rationale: str  # one line: why the status is what it is after this step
    polarity: int = 0  # of a deed: +1 keeps, -1 breaks
    sentence: str | None = None
    doc_id: str | None = None
    sentence_index: int | None = None
    indicator: str | None = None
    reporter: str | None = None
    url: str | None = None
    outlet: str | None = None
    # an analyst's review of the step or of its evidence row: kind, verdict, reviewer, reason, machine, at
    review: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class LedgerEntry:
    """A pledge of the subject: what, to whom, by when, which condition; its status and its timeline."""

    watch: str
    entry_id: str  # <condition>.<indicator>
    condition: str
    indicator: str
    promise: str  # the words of the first report of the pledge
    promisee: str | None
    made: str | None  # ISO day it was made (or first reported)
    due: str | None  # ISO day it falls due, when a time phrase says so
    due_text: str | None
    status: str
    rationale: str
    steps: list[LedgerStep] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["steps"] = [s.to_dict() for s in self.steps]
        return out
