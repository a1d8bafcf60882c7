"""Corroboration: fold events that report the same act into one cluster with a stable id.

Twenty outlets reporting one attack give twenty coded events; counting them measures coverage, not
conduct. Events fold into one cluster when they have the same PLOVER type, the same source and target
codes, the same negated/hypothetical flags, the same place and a date within WINDOW_DAYS of the cluster's
first date. The window is anchored at the first date, not chained from event to event, so a month of
daily meetings between two states stays a month of acts instead of collapsing into one.

A missing place is not agreement. Where one report (or both) names no place, the two fold only when they
come from the same article, or when they fall on the same day and their sentences share the act's
topic: at least SHARED_TOPIC of the distinctive words of the shorter sentence recur in the other
("condemned the ban on women at universities" twice). A hand check of 30 merges on real news found 13
wrong and 11 false positives, most of them acts with no place folded into whichever act of the same
actors was open ("the Taliban enter Lashkargah" with "the Taliban enter Kandahar" and a clash in Herat).

Pure: plain rows in, clusters out (no database), so the store, the exports and the scorecard share it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from diplowatch.core.periods import as_day
from diplowatch.core.records import indicator_of

WINDOW_DAYS = 2  # a report dated the day after (or the day after that) still tells the same act
SHARED_TOPIC = 0.5  # share of the shorter sentence's distinctive words the other must hold (no place)
_WORD = re.compile(r"[a-z][a-z'-]+")
# Words every report of anything has: they say nothing about which act a sentence tells.
_COMMON = frozenset(
    "the and for but not nor its his her our who how why all any can may now out off per via yet new one "
    "two has had was are were been being will would could should also more most other some such which "
    "while whom whose what when where that this with from into over after before about their there they "
    "them then than have said says saying told tells according report reports reported reporting "
    "announce announces announced official officials spokesman spokesperson statement".split()
)


# A meeting is one act whichever side a report names first ("A met B", "B held talks with A").
MUTUAL_TYPES = frozenset({"CONSULT"})


@dataclass
class Cluster:
    """One independent act and every event (report) that tells it."""

    cluster_id: str
    type: str
    source: str | None
    target: str | None
    first_date: str | None
    last_date: str | None
    event_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    place: str | None = None
    first_reported: str | None = None  # the earliest and latest publication date of its articles
    last_reported: str | None = None

    @property
    def n_events(self) -> int:
        return len(self.event_ids)

    @property
    def n_articles(self) -> int:
        return len(self.doc_ids)

    @property
    def n_outlets(self) -> int:
        return len(self.outlets)


def _day(value: Any) -> dt.date | None:
    """The day a row names, or None: an unreadable date folds nothing, it does not fail the export."""
    try:
        return as_day(value)
    except ValueError:
        return None


def _code(actor: Any) -> str | None:
    if isinstance(actor, dict):
        return actor.get("code") or actor.get("country") or actor.get("group") or actor.get("name")
    return None


def _place(location: Any) -> str | None:
    """The place an event names (a city or region, else a country): two attacks in one country on one
    day are two acts unless they happened in the same place."""
    if isinstance(location, dict):
        found = location.get("name") or location.get("country")
        return str(found).lower() if found else None
    return None


def topic_words(row: dict[str, Any]) -> frozenset[str]:
    """The distinctive words of a row's sentence, what two reports of one act have in common beyond who
    did what: lower case, possessive and plural -s dropped, three letters or more, without common
    report words and without the words of the source, the target and the trigger (those the rows
    already share by their key)."""
    known = _words(row.get("trigger"))
    for actor in (row.get("source"), row.get("target")):
        if isinstance(actor, dict):
            known |= _words(actor.get("text")) | _words(actor.get("name"))
    return _words(row.get("sentence")) - known


def _words(text: Any) -> frozenset[str]:
    words = set()
    for word in _WORD.findall(str(text or "").lower()):
        word = word.removesuffix("'s").strip("'-")
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if len(word) >= 3 and word not in _COMMON:
            words.add(word)
    return frozenset(words)


def _same_topic(a: frozenset[str], b: frozenset[str]) -> bool:
    shorter = min(len(a), len(b))
    return shorter > 0 and len(a & b) >= SHARED_TOPIC * shorter


@dataclass
class _Open:
    """A cluster still inside its window, with what its members say for the missing-place rule."""

    start: dt.date
    place: str | None
    cluster: Cluster
    members: list[tuple[dt.date, str | None, frozenset[str]]]  # (day, doc_id, topic words)

    def takes(self, day: dt.date, place: str | None, doc: str | None, words: frozenset[str]) -> bool:
        if place is not None and self.place is not None:
            return place == self.place
        return any(
            (doc is not None and doc == other_doc) or (day == other_day and _same_topic(words, other_words))
            for other_day, other_doc, other_words in self.members
        )


def act_key(row: dict[str, Any]) -> tuple:
    """What two events must share to tell the same act (dates and places are compared afterwards)."""
    kind = (row.get("type") or "").upper()
    source, target = _code(row.get("source")), _code(row.get("target"))
    if kind in MUTUAL_TYPES and source is not None and target is not None and target < source:
        source, target = target, source
    return (kind, source, target, bool(row.get("negated")), bool(row.get("hypothetical")))


def _cluster_id(key: tuple, first: dt.date | None, place: str | None, anchor: str) -> str:
    # Built from what the act is, not from row order, so re-running over the same events gives the same id.
    raw = "|".join(str(part) for part in (*key, first, place if first else anchor))
    return "act-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def cluster_events(
    rows: Iterable[dict[str, Any]], window_days: int = WINDOW_DAYS, any_place: bool = False
) -> list[Cluster]:
    """Fold event rows (event_id, doc_id, type, source, target, date, location, outlet, negated,
    hypothetical, sentence, trigger) into clusters. Events without a date, a source or a target never fold:
    nothing says they agree (statements "to" no one were the most common wrong merge in the hand check).
    `any_place` lets a row without a place fold with any open act (evidence rows, whose "place" is the
    event kind they rest on, if any)."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[act_key(row)].append(row)
    clusters: list[Cluster] = []
    window = dt.timedelta(days=window_days)
    for key, members in groups.items():
        members.sort(
            key=lambda r: (_day(r.get("date")) or dt.date.max, str(r.get("doc_id")), str(r["event_id"]))
        )
        open_: list[_Open] = []  # clusters still inside their window
        for row in members:
            day = _day(row.get("date"))
            place = _place(row.get("location"))
            doc = str(row["doc_id"]) if row.get("doc_id") is not None else None
            words = topic_words(row)
            home = None
            if foldable := (day is not None and key[1] is not None and key[2] is not None):
                open_ = [c for c in open_ if day - c.start <= window]
                home = next(
                    (
                        c
                        for c in open_
                        if (any_place and (place is None or c.place is None))
                        or c.takes(day, place, doc, words)
                    ),
                    None,
                )
            if home is None:
                cluster = Cluster(
                    cluster_id=_cluster_id(key, day, place, str(row["event_id"])),
                    type=key[0],
                    source=key[1],
                    target=key[2],
                    first_date=day.isoformat() if day else None,
                    last_date=day.isoformat() if day else None,
                    place=place,
                )
                clusters.append(cluster)
                if foldable and day is not None:
                    open_.append(_Open(day, place, cluster, [(day, doc, words)]))
            else:
                cluster = home.cluster
                if place is not None and cluster.place is None:
                    cluster.place = home.place = place
                if day is not None:
                    cluster.last_date = max(cluster.last_date or day.isoformat(), day.isoformat())
                    home.members.append((day, doc, words))
            cluster.event_ids.append(str(row["event_id"]))
            reported = _day(row.get("published")) or day
            if reported is not None:
                iso = reported.isoformat()
                cluster.first_reported = min(cluster.first_reported or iso, iso)
                cluster.last_reported = max(cluster.last_reported or iso, iso)
            if doc is not None and doc not in cluster.doc_ids:
                cluster.doc_ids.append(doc)
            for outlet in row.get("outlets") or ([row["outlet"]] if row.get("outlet") else []):
                if outlet not in cluster.outlets:
                    cluster.outlets.append(outlet)
    _unique_ids(clusters)
    return clusters


def _unique_ids(clusters: list[Cluster]) -> None:
    """Two acts of one key starting the same day in places that do not fit together: number the second."""
    seen: dict[str, int] = {}
    for cluster in clusters:
        n = seen.get(cluster.cluster_id, 0)
        seen[cluster.cluster_id] = n + 1
        if n:
            cluster.cluster_id = f"{cluster.cluster_id}-{n + 1}"


def cluster_of(clusters: Iterable[Cluster]) -> dict[str, Cluster]:
    """event_id -> its cluster."""
    return {event_id: c for c in clusters for event_id in c.event_ids}


def evidence_acts(rows: list[dict[str, Any]], events: dict[str, tuple[str, str | None]]) -> list[str]:
    """The act of each evidence row (same order): rows of one condition, polarity, indicator and actor
    within the window fold, unless both rest on coded events that differ in target (then they are two
    deeds that happen to bear on one condition). `events` maps event_id -> (type, target code).

    Many evidence rows rest on a sentence without a coded event, so evidence is folded on its own terms
    rather than only through event clusters; the same window and place rule apply, the event's target
    standing in for the place. The indicator (the watch's own words for the act: "barred women from
    universities" and "banned women from attending universities" are one) tells acts apart rather than
    the event type, which two reports of one act often get differently (REJECT and COERCE for one ban).
    """
    pseudo = []
    for index, row in enumerate(rows):
        event = events.get(row.get("event_id") or "")
        pseudo.append(
            {
                "event_id": str(index),
                "doc_id": row.get("doc_id"),
                "type": f"{row.get('condition')}|{row.get('polarity')}|{indicator_of(row.get('rule')) or ''}",
                "source": {"code": row.get("actor") or "?"},
                "target": {"code": "subject"},  # evidence is about the watch's subject
                "date": row.get("date"),
                "location": {"country": str(event[1])} if event else None,
            }
        )
    acts = [""] * len(rows)
    for cluster in cluster_events(pseudo, any_place=True):
        for member in cluster.event_ids:
            acts[int(member)] = cluster.cluster_id
    return acts


def fold_evidence_units(
    groups: Sequence[tuple[str, str | None, int]],
    place_names: Sequence[str],
    group_of: Sequence[int],
    days: Sequence[int],
    places: Sequence[int],
    anchors: Mapping[int, str],
) -> list[str]:
    """The act of each unit of evidence rows, as `evidence_acts` gives it to every row of the unit, without
    visiting the rows.

    A unit is the rows of one kind (`<condition>|<polarity>|<indicator>`), actor, day and place (the
    target of the event a row rests on, `evidence_acts`' place); an undated row is a unit of its own.
    `groups`: (kind, actor, index of the first row) by group number; `place_names` by place number.
    Per unit: its group number, its day (an ordinal; 0 when undated), its place's number (-1: none;
    one number per place name) and, for an undated unit, its anchor (its row's index among all the
    rows, as text). The units come sorted as the rows are folded: by day (undated last), then by the
    doc_id and index as text of their first row. Within one day the rows of one place all fold into the
    act the first of them folded into and change nothing (that act already has their place, or they
    have none), so units fold as their rows would.
    """
    merged: dict[tuple, list[int]] = defaultdict(list)
    for g, (kind, actor, _) in enumerate(groups):
        row = {"type": kind, "source": {"code": actor or "?"}, "target": {"code": "subject"}}
        merged[act_key(row)].append(g)
    keys = sorted(merged, key=lambda k: min(groups[g][2] for g in merged[k]))
    key_of = {g: k for k, key in enumerate(keys) for g in merged[key]}
    members: list[list[int]] = [[] for _ in keys]
    for i, g in enumerate(group_of):  # in the units' order: each key's units stay sorted
        members[key_of[g]].append(i)
    window = WINDOW_DAYS
    acts = [0] * len(group_of)
    made: list[tuple[int, int, int, int]] = []  # (key number, first day, place, unit) of each act
    for k in range(len(keys)):
        # Open acts in the order they were opened: all, those without a place yet, and by place. They
        # close in that order too (the window is anchored at an act's first day), so from the front.
        open_: deque[list[int]] = deque()  # [first day, place, act number]
        placeless: deque[list[int]] = deque()
        placed: dict[int, deque[list[int]]] = {}
        for i in members[k]:
            day, place = days[i], places[i]
            home = None
            if day:
                while open_ and day - open_[0][0] > window:
                    gone = open_.popleft()
                    (placeless if gone[1] < 0 else placed[gone[1]]).popleft()
                if place < 0:
                    home = open_[0] if open_ else None
                else:
                    same = placed.get(place)
                    a = placeless[0] if placeless else None
                    b = same[0] if same else None
                    home = a if b is None or (a is not None and a[2] < b[2]) else b
                    if home is not None and home[1] < 0:  # the act takes this row's place
                        placeless.popleft()
                        home[1] = place
                        placed.setdefault(place, deque()).appendleft(home)
            if home is None:
                home = [day, place, len(made)]
                made.append((k, day, place, i))
                if day:
                    open_.append(home)
                    (placeless if place < 0 else placed.setdefault(place, deque())).append(home)
            acts[i] = home[2]
    ids = [
        _cluster_id(
            keys[k], dt.date.fromordinal(day) if day else None, place_names[place] if place >= 0 else None,
            anchors.get(i, ""),
        )
        for k, day, place, i in made
    ]  # fmt: skip
    seen: dict[str, int] = {}
    for n, act in enumerate(ids):  # as _unique_ids numbers them
        count = seen.get(act, 0)
        seen[act] = count + 1
        if count:
            ids[n] = f"{act}-{count + 1}"
    return [ids[a] for a in acts]
