"""An analyst's reviews and how they override the machine's rows: pure, no database.

A review names a row by what it is about (article, sentence and subject: a condition, an observer, an
event's TYPE|SOURCE|TARGET, or a ledger entry's <condition>.<indicator> for a step of the promise
ledger), so it still finds its row after the corpus is coded again. The latest review of a key is in
force. `right` confirms the machine's row; `wrong` with a correct value replaces the
machine's value; `wrong` with `none` (or no value) removes the row; a review of a row the machine missed
adds it, from the sentence kept with the review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from diplowatch.core.vocabulary import LEDGER_STATUSES, PLOVER_TYPES, POLARITIES, STANCES

KINDS = ("event", "evidence", "stance", "ledger")
VERDICTS = ("right", "wrong")
NONE = "none"  # the correct value of a row that should not exist


class ReviewError(ValueError):
    """A review that cannot be stored as given (the message says which field and why)."""


@dataclass(frozen=True)
class Review:
    kind: str
    doc_id: str
    sentence_index: int
    subject: str
    verdict: str
    watch: str | None = None
    machine: str | None = None
    correct: str | None = None
    reason: str | None = None
    reviewer: str | None = None
    sentence: str | None = None
    date: str | None = None
    reviewed_at: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str, int, str]:
        return (self.kind, self.watch, self.doc_id, self.sentence_index, self.subject)

    @property
    def removes(self) -> bool:
        return self.verdict == "wrong" and (self.correct is None or self.correct == NONE)


def event_subject(event_type: str, source: str | None, target: str | None) -> str:
    """An event's subject: TYPE|SOURCE|TARGET (codes; an empty part when there is none)."""
    return f"{event_type.upper()}|{source or ''}|{target or ''}"


def parse_event_subject(subject: str) -> tuple[str, str | None, str | None]:
    parts = subject.split("|")
    if len(parts) != 3 or not parts[0]:
        raise ReviewError(f"{subject!r}: an event is TYPE|SOURCE|TARGET, e.g. ASSAULT|AFG|AFG")
    return parts[0].upper(), parts[1] or None, parts[2] or None


def check_review(review: Review) -> Review:
    """The review as given, or ReviewError naming what is wrong with it."""
    if review.kind not in KINDS:
        raise ReviewError(f"kind {review.kind!r}: expected one of {', '.join(KINDS)}")
    if review.verdict not in VERDICTS:
        raise ReviewError(f"verdict {review.verdict!r}: expected right or wrong")
    if review.kind != "event" and not review.watch:
        raise ReviewError(f"a review of {review.kind} rows names its watch")
    if review.verdict == "right" and review.correct not in (None, "", review.machine):
        raise ReviewError("a row marked right keeps its value: give a correct value only with wrong")
    correct = review.correct
    if correct in (None, "", NONE):
        return review
    if review.kind == "evidence" and correct not in {str(p) for p in POLARITIES} | {"+1"}:
        raise ReviewError(f"polarity {correct!r}: expected -1, 0, 1 or none")
    if review.kind == "ledger" and correct not in LEDGER_STATUSES:
        raise ReviewError(f"status {correct!r}: expected one of {', '.join(LEDGER_STATUSES)} or none")
    if review.kind == "stance" and correct not in STANCES:
        raise ReviewError(f"stance {correct!r}: expected one of {', '.join(STANCES)} or none")
    if review.kind == "event" and parse_event_subject(correct)[0] not in PLOVER_TYPES:
        raise ReviewError(f"event {correct!r}: the type is not a PLOVER type")
    return review


def latest(reviews: Iterable[Review]) -> dict[tuple, Review]:
    """The review in force for each key (reviews come oldest first)."""
    found: dict[tuple, Review] = {}
    for review in reviews:
        found[review.key] = review
    return found


def _override(
    rows: Iterable[dict[str, Any]], reviews: Iterable[Review], kind: str, subject_of: str, value_of: str,
    parse: Any,
) -> list[dict[str, Any]]:  # fmt: skip
    in_force = {k: r for k, r in latest(reviews).items() if k[0] == kind}
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for row in rows:
        key = (kind, row.get("watch"), row["doc_id"], row["sentence_index"], str(row[subject_of]))
        review = in_force.get(key)
        seen.add(key)
        if review is None:
            out.append({**row, "reviewed": None})
        elif review.removes:
            continue
        elif review.verdict == "right":
            out.append({**row, "reviewed": "right"})
        else:
            out.append({**row, value_of: parse(review.correct), "reviewed": "corrected"})
    for key, review in in_force.items():
        if key in seen or review.removes or review.verdict == "right" or review.sentence is None:
            continue
        out.append(
            {
                "watch": review.watch, "doc_id": review.doc_id, "sentence_index": review.sentence_index,
                "sentence": review.sentence, "date": review.date, subject_of: review.subject,
                value_of: parse(review.correct), "reviewed": "added", "confidence": 1.0, "matched": [],
                "rule": "review", "url": None, "outlet": None,
            }
        )  # fmt: skip
    return out


def apply_to_evidence(rows: Iterable[dict[str, Any]], reviews: Iterable[Review]) -> list[dict[str, Any]]:
    """Evidence rows with the reviews in force applied; each row gains `reviewed` (None, right,
    corrected or added)."""
    added = _override(rows, reviews, "evidence", "condition", "polarity", lambda v: int(v))
    for row in added:
        row.setdefault("kind", "deed" if row["polarity"] else "word")
    return added


def apply_to_stances(rows: Iterable[dict[str, Any]], reviews: Iterable[Review]) -> list[dict[str, Any]]:
    """Stance rows with the reviews in force applied (as `apply_to_evidence`)."""
    out = _override(rows, reviews, "stance", "observer_code", "stance", str)
    for row in out:
        row.setdefault(
            "observer", {"name": row["observer_code"], "code": row["observer_code"], "country": None}
        )
    return out
