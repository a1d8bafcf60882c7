"""The shared vocabulary of the pipeline: plain dataclasses passed from stage to stage.

Every stage takes and returns these records, so the coder in the middle stays pure (text, date and
dictionaries in, events out) and runs the same in one process, a pool or a cluster worker.
`to_dict()` gives the flat, JSON-ready form the store and the exports use.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from diplowatch.core.vocabulary import PLOVER_TYPES, STANCES

__all__ = ["PLOVER_TYPES", "STANCES"]  # re-exported: records are typed by them


def _as_dict(obj: Any) -> dict[str, Any]:
    """`dataclasses.asdict` for these records, without its deep copy of every string and number (they
    are immutable): nested records, lists and dicts are still copied, so the result shares nothing."""
    return {name: _plain(getattr(obj, name)) for name in obj.__dataclass_fields__}


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _as_dict(value)
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return copy.deepcopy(value)


@dataclass
class Article:
    """One news document, as ingested and cleaned.

    `id` is the caller's id when the input had one (it is the key every export carries back),
    otherwise a stable hash of the source and content. `source` says where it came from
    (path, path:line, or URL); `duplicates` lists the copies folded into this canonical article.
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    content_hash: str | None = None
    source: str | None = None
    duplicate_of: str | None = None
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass
class Actor:
    """Who acts or is acted upon, resolved against the dictionaries for the sentence's date.

    `code` is a CAMEO-style composite (country + sector, e.g. "USAGOV", "AFGINS"), `country` ISO3
    (or None for IGOs and transnational groups), `sector` a role code (GOV, MIL, REB, IGO...),
    `group` a named organisation (Taliban, NATO, ...).
    """

    text: str
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    group: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass
class Event:
    """One coded event: who did what to whom, when and where, with the sentence as evidence."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    type: str  # one of PLOVER_TYPES
    mode: str | None = None
    context: str | None = None
    cameo: str | None = None
    intensity: float | None = None
    quad_class: int | None = None
    source: Actor | None = None
    target: Actor | None = None
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    rule: str | None = None
    trigger: str | None = None  # the words of the sentence that carry the event
    url: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


def indicator_of(rule: str | None) -> str | None:
    """The indicator named in an evidence row's rule (`<condition>.<indicator>:<kind> (...)`)."""
    if not rule:
        return None
    head = rule.split(" ", 1)[0].split(":", 1)[0]
    return head.split(".", 1)[1] if "." in head else None


@dataclass
class Evidence:
    """One sentence judged against one condition of a watch.

    polarity: +1 conduct meeting the condition, -1 conduct breaching it, 0 words only
    (a demand, pledge, promise or statement of intent). kind: "deed" or "word".
    """

    watch: str
    condition: str
    polarity: int
    kind: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    actor: str | None = None
    reporter: str | None = None
    event_id: str | None = None
    rule: str | None = None
    confidence: float = 0.5
    matched: list[str] = field(default_factory=list)  # words to highlight
    url: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass
class EvidenceRow(Evidence):
    """An evidence row as stored and served: the record plus the period label it falls in."""

    period: str | None = None


@dataclass
class Observer:
    name: str
    code: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass
class Stance:
    """An observer's stance toward the watch's subject, as one sentence shows it."""

    watch: str
    observer: Observer
    stance: str  # one of STANCES
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    rule: str | None = None
    confidence: float = 0.5
    matched: list[str] = field(default_factory=list)
    url: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass
class StanceRow(Stance):
    """A stance row as stored and served: the record plus the observer's code, the column filters use."""

    observer_code: str = ""


# -- what crosses from the coder (through the store) to the watch -------------------------------


class ActorMention(TypedDict, total=False):
    """An actor as one sentence names it: the resolved actor, how it was found, where (offsets in the sentence)."""

    text: str
    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    group: str | None
    kind: str
    start: int
    end: int


class EventRef(TypedDict):
    """A coded event as the watch reads it: who did what to whom in one sentence."""

    event_id: str
    type: str
    source: ActorMention
    target: ActorMention
    negated: bool
    hypothetical: bool
    trigger: str | None
    # which rule coded it ("learned:..." when only the trained model proposed it) and how sure it is
    rule: NotRequired[str | None]
    confidence: NotRequired[float | None]


class SentenceRow(TypedDict):
    """One coded sentence with its actors and its article's url and outlet, as the watch reads it."""

    doc_id: str
    sentence_index: int
    text: str
    date: str | None
    actors: list[ActorMention]
    url: str | None
    outlet: str | None
