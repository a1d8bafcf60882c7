"""What a pledge, or a deed that settles one, is about: the watch's indicators read as topics.

An indicator's topic words are its `topic` patterns (docs/watches.md), else its `act` patterns. A text
*shares* a topic by the number of distinct topic words it holds; the ledger files a pledge under the
topic its own words share most, and gives a deed to the entries whose topic its sentence shares most.
Siblings (indicators on one topic, e.g. girls' schools closed / reopened) are found from their `with`
groups: each one's groups all share a pattern with the other's.
"""

from __future__ import annotations

import re

from diplowatch.watch.schema import Condition, Indicator, Watch

# Pledges name what is wanted: a words (0) indicator before a meeting (+1) one, a breach (-1) last.
POLARITY_ORDER = {0: 0, 1: 1, -1: 2}


def topic_words(indicator: Indicator) -> list[re.Pattern[str]]:
    return indicator.topic or indicator.act


def shared(indicator: Indicator, text: str) -> int:
    """How many of the indicator's topic words the text holds, its `unless` words blanked first: in "a
    report by Amnesty International on killings of former officials" the rights group is no amnesty, the
    killings of former officials are still on the amnesty's topic."""
    for pattern in indicator.unless:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return sum(1 for p in topic_words(indicator) if p.search(text))


def _groups(indicator: Indicator) -> list[set[str]]:
    return [{p.pattern for p in group} for group in indicator.with_]


def _covers(a: Indicator, b: Indicator) -> bool:
    return bool(a.with_ and b.with_) and all(any(ga & gb for gb in _groups(b)) for ga in _groups(a))


def siblings(condition: Condition) -> dict[str, set[str]]:
    """For each indicator of a condition, the indicators that bear on the same topic (itself included)."""
    return {
        a.id: {a.id} | {b.id for b in condition.indicators if _covers(a, b) and _covers(b, a)}
        for a in condition.indicators
    }


def filed_under(condition: Condition, indicator_id: str | None) -> str | None:
    """The words (0), else meeting (+1), indicator among the siblings of `indicator_id`: the one a pledge
    on that topic is filed under, so a pledge recalled in a sentence about a breach joins its entry."""
    kin = siblings(condition).get(indicator_id or "", set())
    if not kin:
        return indicator_id
    ranked = sorted(
        (i for i in condition.indicators if i.id in kin), key=lambda i: POLARITY_ORDER.get(i.polarity, 3)
    )
    return ranked[0].id


def topic_indicator(condition: Condition, indicator_id: str | None) -> Indicator | None:
    return next((i for i in condition.indicators if i.id == indicator_id), None)


def indicator(watch: Watch, condition_id: str, indicator_id: str) -> Indicator | None:
    try:
        return topic_indicator(watch.condition(condition_id), indicator_id)
    except KeyError:
        return None
