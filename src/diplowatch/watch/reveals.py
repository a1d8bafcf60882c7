"""Deeds of others that reveal the subject's breach (for the promise ledger; here in the watch package
because the watch run picks these sentences as it judges them: watch.ledger_candidates).

Some breaches are a presence: the breach indicator's act words are words of presence (sheltering,
living, hiding: `presence_words` in lang/en/ledger.yaml), as when a group the subject pledged to deny a
base lives on its soil. The subject never reports such a breach; someone else's strike reveals it. A
sentence reveals the breach when

- it holds every `with` group of that breach indicator (the group: al-Qaeda, Zawahiri ...) and none of
  its `unless` words, and the group is named (a capital in the words matched: "al-Qaeda", "TTP"), not
  only called "terrorist": "victims killed in the terrorist attack in Kabul" and "a strike in Kabul did
  not hit a terrorist target" reveal no one living there;
- it holds a strike word (killed, strike, raid, captured, arrested: `strike_words`), and an observer of
  the watch is named before the strike word while the subject is not (the deed is another's);
- a place of the subject stands after "in" ("in Kabul": `in_place`).

Such a sentence becomes a breach (-1) of that indicator for the ledger only, dated the day of the
report, reported by the observer; the scorecard does not count it (the subject did not act in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from diplowatch.lang import lexicon
from diplowatch.watch.patterns import normalise
from diplowatch.watch.schema import Indicator, Watch

LEX = lexicon()
_PRESENCE = LEX.phrases("ledger.presence_words")
_STRIKE = LEX.pattern("ledger.strike_words")
_IN_PLACE = LEX.pattern("ledger.in_place")


def presence_breaches(watch: Watch) -> list[tuple[str, Indicator]]:
    """(condition id, indicator) of each breach indicator whose act words are words of presence."""
    return [
        (c.id, i) for c in watch.conditions for i in c.indicators
        if i.polarity < 0 and i.with_ and any(p.search(word) for p in i.act for word in _PRESENCE)
    ]  # fmt: skip


def revealed_rows(
    watch: Watch,
    sentences: Iterable[Mapping[str, Any]],
    breaches: list[tuple[str, Indicator]] | None = None,
) -> list[dict[str, Any]]:
    """Evidence-like rows (kind deed, polarity -1) for the sentences that reveal a presence breach;
    `breaches`: presence_breaches(watch), when the caller has it."""
    breaches = presence_breaches(watch) if breaches is None else breaches
    if not breaches:
        return []
    out: list[dict[str, Any]] = []
    for sentence in sentences:
        text = normalise(sentence.get("sentence") or "")
        strike = _STRIKE.search(text)
        if not strike or watch.subject.names.search(text[: strike.start()]):
            continue
        striker = _observer_before(watch, text[: strike.start()])
        place = _place(watch, text)
        if striker is None or place is None:
            continue
        for condition, indicator in breaches:
            if any(p.search(text) for p in indicator.unless):
                continue
            if not all(any(p.search(text) for p in group) for group in indicator.with_):
                continue
            if not any(_named(text, group) for group in indicator.with_):
                continue
            out.append(
                {
                    **sentence, "condition": condition, "polarity": -1, "kind": "deed", "actor": None,
                    "reporter": striker, "watch": watch.name,
                    "rule": f"{condition}.{indicator.id}:revealed (a strike by {striker} in {place})",
                }
            )  # fmt: skip
    return out


def _named(text: str, group: Sequence[re.Pattern[str]]) -> bool:
    """Does a word of the group stand in the text as a name (with a capital letter)?"""
    return any(any(c.isupper() for c in m.group()) for p in group for m in p.finditer(text))


def _observer_before(watch: Watch, text: str) -> str | None:
    found = [(m.start(), o.name) for o in watch.observers for m in o.names.finditer(text)]
    return max(found)[1] if found else None


def _place(watch: Watch, text: str) -> str | None:
    for m in watch.subject.places.finditer(text):
        if _IN_PLACE.search(text[: m.start()]):
            return m.group(0)
    return None
