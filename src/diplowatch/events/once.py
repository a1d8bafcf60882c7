"""One act, one event: an article that tells the same act twice reports it once.

News summaries restate their lead ("Portugal bans gatherings ... The ban will hold until May") and
follow-up sentences name the act again. The annotators code each act an item reports once (GUIDELINES:
"the political acts the item reports as news, once each"), and event data sets do the same within a
story (ICEWS's and PETRARCH's one-a-day filter, GDELT's one record per event with its mentions counted).
So within an article, acts of one type between the same two parties keep one event: the most confident,
else the first. A party is keyed as the annotators key actors (a country, an organisation, a transnational
group); the doer also by who in its country acts: the state (a country named bare, its government,
forces, police, courts and services) or one of its other sectors. Protesters stabbing a soldier and
soldiers firing on the crowd are two acts; "Portugal bans gatherings" and "the Portuguese government bans
gatherings of ten people" are one. Negated and hypothetical events are no act and are left alone, as are
events whose doer has no key (an unnamed role of nowhere names no party to compare).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from diplowatch.core.records import Actor, Event
from diplowatch.events.build import STATE_SECTORS
from diplowatch.events.learned import actor_key

Key = tuple[str, str, str | None, str | None]
STATE = "STATE"


def _doer(actor: Actor) -> str | None:
    """Who in a country acts: the state, or another sector."""
    if actor.sector in STATE_SECTORS or (actor.sector is None and actor.code == actor.country):
        return STATE
    return actor.sector


def _key(event: Event) -> Key | None:
    if event.negated or event.hypothetical or event.type is None or event.source is None:
        return None
    source = actor_key(event.source.to_dict())
    if source is None:
        return None
    target = actor_key(event.target.to_dict()) if event.target is not None else None
    return event.type, source, _doer(event.source), target


def _sharpest(actors: list[Actor | None]) -> Actor | None:
    """The first of an act's tellings' actors that says who in its country it is (a sector), else the
    first."""
    return next((a for a in actors if a is not None and a.sector), actors[0])


def once_each(events: Sequence[Event]) -> list[Event]:
    """The article's events in their order, each act kept once. The kept telling takes the sharpest
    parties the others give ("met his counterpart from Pakistan" told again as "met Qureshi": Pakistan's
    government)."""
    keys = [_key(event) for event in events]
    tellings: dict[Key, list[int]] = {}
    for i, key in enumerate(keys):
        if key is not None:
            tellings.setdefault(key, []).append(i)
    kept: dict[int, Event] = {}
    for group in tellings.values():
        best = max(group, key=lambda i: (events[i].confidence, -i))
        told = [events[best]] + [events[i] for i in group if i != best]
        kept[best] = replace(
            events[best],
            source=_sharpest([e.source for e in told]),
            target=_sharpest([e.target for e in told]),
        )
    return [kept.get(i, e) for i, e in enumerate(events) if i in kept or keys[i] is None]
