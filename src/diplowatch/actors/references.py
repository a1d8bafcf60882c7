"""References within an article: pronouns, short mentions and surnames resolved to earlier actors.

Conservative by design: a reference resolves only to the latest compatible actor within a few
sentences, and "he"/"she" only when one person stands out there; otherwise it yields no mention.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from diplowatch.actors.dictionary import Entry
from diplowatch.actors.matcher import PRONOUN, SHORT, Atom
from diplowatch.core.records import Actor
from diplowatch.lang import lexicon

# The gender each pronoun rules out, for people whose dictionary entry has one.
PRONOUN_GENDER_CLASH = lexicon().mapping("actors-references.pronoun_gender_clash")
WINDOW_PERSON = 2  # sentences back a pronoun may reach
WINDOW_SHORT = 4  # sentences back "the group" may reach


@dataclass
class Found:
    """A resolved phrase before sentence indexes and references are settled."""

    start: int  # token indexes
    end: int
    actor: Actor
    kind: str
    confidence: float
    entry: Entry | None = None  # the group/IGO/person, so "the group" can refer back to it
    person: str | None = None  # a person's name (dictionary or captured), for "he" and surnames
    pending: Atom | None = None  # a pronoun or short mention still to resolve


def refer(
    f: Found,
    sent: int,
    history: list[tuple[int, Found]],
    group_shorts: Mapping[str, frozenset[str]] | None = None,
) -> Found | None:
    """Resolve a pronoun or short mention to the latest compatible earlier actor, or drop it.
    `group_shorts` (a group's name: its short mentions) lets "the group" refer to the group of an earlier
    member ("Taliban spokesman Zabihullah Mujahid says the group will ...")."""
    atom = f.pending
    assert atom is not None
    target: Found | None = None
    through_member = False
    if atom.kind == PRONOUN:
        wrong = PRONOUN_GENDER_CLASH.get(atom.ref)
        people = [
            (s, h)
            for s, h in history
            if h.person
            and s >= sent - WINDOW_PERSON
            and not (wrong and h.entry is not None and h.entry.gender == wrong)
        ]
        if people:
            last_sent, last = people[-1]
            rivals = {h.person for s, h in people if s == last_sent}
            if len(rivals) == 1:
                target = last
            else:  # several people in that sentence: the one named most often in view, if any
                counts = Counter(h.person for _, h in people)
                (best, top), *rest = counts.most_common()
                if not rest or rest[0][1] < top:
                    target = next(h for _, h in reversed(people) if h.person == best)
        kind = "pronoun"
    elif atom.kind == SHORT:
        for s, h in reversed(history):
            if s < sent - WINDOW_SHORT:
                break
            if h.entry is not None and atom.ref in {x.lower() for x in h.entry.short}:
                target = h
                break
            if h.person and h.actor.group and atom.ref in (group_shorts or {}).get(h.actor.group, ()):
                target, through_member = h, True
                break
        kind = "short"
    else:  # "the country": only when one country is in view
        recent = [
            h for s, h in history if s >= sent - 1 and h.kind in ("country", "capital") and h.actor.country
        ]
        if len({h.actor.country for h in recent}) == 1:
            target = recent[-1]
        kind = "short"
    if target is None:
        return None
    confidence = 0.7 if kind == "pronoun" else 0.75
    if through_member:  # the member's group, not the member: "the group" is no person for a later "he"
        actor = replace(target.actor, text=f.actor.text, name=target.actor.group)
        return Found(f.start, f.end, actor, kind, confidence, None, None)
    actor = replace(target.actor, text=f.actor.text)
    return Found(f.start, f.end, actor, kind, confidence, target.entry, target.person)


def fallback(f: Found) -> Found | None:
    """An unresolved short mention that is also a role ("the rebels") stays as that role."""
    sector = f.pending.fallback if f.pending is not None else None
    if sector is None:
        return None
    actor = Actor(text=f.actor.text, code=sector, sector=sector)
    return Found(f.start, f.end, actor, "role", 0.4)


def surnames(found: list[Found]) -> dict[str, Found]:
    """Last names of people named in full by a role phrase ("Shah Mehmood Qureshi" → "Qureshi")."""
    out: dict[str, Found] = {}
    for f in found:
        if f.person and f.kind != "person" and " " in f.person:
            out.setdefault(f.person.split()[-1], f)
    return out


def surname_mentions(toks: list[str], covered: set[int], surnames: dict[str, Found]) -> list[Found]:
    if not surnames:
        return []
    out = []
    for i in [i for i, tok in enumerate(toks) if tok in surnames]:
        first = surnames[toks[i]]
        if i not in covered and i >= first.end:
            tok = toks[i]
            actor = replace(first.actor, text=tok)
            out.append(
                Found(i, i + 1, actor, "short", round(first.confidence * 0.9, 2), first.entry, first.person)
            )
    return out
