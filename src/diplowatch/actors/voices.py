"""Document voice: who "we" is in a document an institution publishes about itself.

In a White House briefing "we are in contact with the Taliban" is the United States speaking, and "the
President" is its president; in a news report "we" is whoever is quoted, so news has no voice. The
voices (data/actors/voices.yaml, or a user dictionary's `voices:`) name the hosts or outlets that speak
for an actor; `voice_of` picks the article's, `voiced` adds its first-person mentions and gives its
bare titles that actor's country.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from urllib.parse import urlparse

from diplowatch.actors.dictionary import ActorDictionary, Voice
from diplowatch.actors.resolver import Mention
from diplowatch.core.records import Actor
from diplowatch.lang import lexicon

LEX = lexicon()
FIRST_PERSON = LEX.pattern("actors-voices.first_person", flags=0)
OWN_DETERMINERS = LEX.words("actors-voices.own_determiners")
OWN_TITLES = LEX.words("actors-voices.own_titles")
VOICE_CONFIDENCE = 0.7  # as sure as a resolved pronoun


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        return (urlparse(url).hostname or "").lower().removeprefix("www.")
    except ValueError:  # a malformed URL names no host
        return ""


def voice_of(dictionaries: ActorDictionary, url: str | None, outlet: str | None) -> Voice | None:
    """The voice of a document from `url` or `outlet`, if a dictionary names one."""
    voices = getattr(dictionaries, "voices", None)
    if not voices or not (url or outlet):
        return None
    names = {_host(url), (outlet or "").strip().lower().removeprefix("www.")} - {""}
    index = _source_index(voices)
    # a name and every domain above it ("briefings.state.gov", "state.gov", "gov"); the first voice listed wins
    found = [index[key] for n in names for key in _and_above(n) if key in index]
    return voices[min(found)] if found else None


_indexed: tuple[object, dict[str, int]] = (None, {})


def _source_index(voices: list[Voice]) -> dict[str, int]:
    """Each source (lower-case) -> the position of the first voice naming it; made once per voice list
    (every article asks)."""
    global _indexed
    if _indexed[0] is not voices:
        index: dict[str, int] = {}
        for position, voice in enumerate(voices):
            for source in voice.sources:
                index.setdefault(source.lower(), position)
        _indexed = (voices, index)  # holds the list, so its identity cannot pass to another
    return _indexed[1]


def _and_above(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))]


def _actor(voice: Voice, text: str) -> Actor:
    return Actor(text=text, name=voice.name, code=voice.code, country=voice.country, sector=voice.sector)


def voiced(mentions: list[Mention], text: str, spans: list[tuple[int, int]], voice: Voice) -> list[Mention]:
    """The article's mentions with its first-person words as the voice, and its bare own titles ("the
    President", "our troops") placed in the voice's country; in text order."""
    out: list[Mention] = []
    taken = [(m.start_char, m.end_char) for m in mentions]
    for m in mentions:
        a = m.actor
        if m.kind == "role" and not a.country and not a.group and (a.text or "").lower() in OWN_TITLES:
            before = text[max(0, m.start_char - 12) : m.start_char].split()
            if before and before[-1].lower() in OWN_DETERMINERS:
                code = (voice.country or "") + (a.sector or "") if voice.country else voice.code
                m = replace(m, actor=replace(a, country=voice.country, code=code))
        out.append(m)
    starts = [s for s, _ in spans]
    for found in FIRST_PERSON.finditer(text):
        start, end = found.span()
        if any(s < end and start < e for s, e in taken):
            continue
        s_idx = bisect_right(starts, start) - 1
        if s_idx < 0 or start >= spans[s_idx][1]:
            continue  # between sentences (a heading the splitter left out)
        out.append(Mention(start, end, s_idx, _actor(voice, found.group()), "pronoun", VOICE_CONFIDENCE))
    out.sort(key=lambda m: m.start_char)
    return out
