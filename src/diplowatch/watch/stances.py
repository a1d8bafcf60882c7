"""Stances: what an observer's words and acts say about its relation to the watch's subject.

The cues of each stance come from the watch file. One sentence may show several cues for one
observer; the rule that settles it (written in docs/watches.md):
  1. a `reject` cue wins (refusing any dealings, sanctions, "never recognise");
  2. an unqualified `recognize` cue wins next, unless a `withhold` cue also fires;
  3. then `engage` — dealing with the subject without recognising it, which is what accepting an
     envoy's credentials is unless the text says formal recognition;
  4. then `withhold`; a recognition cue that is negated ("not ready to recognise"), hypothetical
     ("would recognise only if", "any recognition") or asked for by someone else counts as withhold.
Observers that are only the addressees of a request ("Pakistan urged the United States to engage")
take no stance from it; the one asking does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplowatch.lang import lexicon
from diplowatch.watch.mentions import Mentions, Span
from diplowatch.watch.schema import Watch

PRECEDENCE = ("reject", "recognize", "engage", "withhold")
LEX = lexicon()
# Recognition cues read in context (see lang/en/watch-stances.yaml): negated, hypothetical, asked of
# another, granted, conditional.
_NEGATION_BEFORE = LEX.pattern("watch-stances.negation_before")
_HYPOTHETICAL_BEFORE = LEX.pattern("watch-stances.hypothetical_before")
_REQUEST = LEX.pattern("watch-stances.request_before")
# "recognition" alone is a topic ("recognition was not discussed"); granted, it is an act.
_GRANTED = LEX.pattern("watch-stances.granted_before")
_CONDITIONAL = LEX.pattern("watch-stances.conditional")
_PROGRESSIVE = LEX.pattern("watch-stances.progressive_before")
_STEM = LEX.text("watch-stances.recognition_stem")
_NOUN = LEX.text("watch-stances.recognition_noun")
_GERUND = LEX.text("watch-stances.gerund_ending")
_RECOGNI = re.compile(rf"\b{re.escape(_STEM)}\w*", re.IGNORECASE)


def _recognition_is_act(text: str, m: re.Match[str]) -> bool:
    """A finite or infinitive "recognise(d)" acts; a gerund or bare noun is only a topic."""
    word = _RECOGNI.search(m.group())
    if word is None:
        return True
    form = word.group().lower()
    start = m.start() + word.start()
    if form.startswith(_NOUN):
        return bool(_GRANTED.search(text[max(0, start - 40) : start]))
    if form.endswith(_GERUND):
        return bool(_PROGRESSIVE.search(text[max(0, start - 12) : start]))
    return True


@dataclass
class StanceHit:
    observer: str  # code
    stance: str
    rule: str
    matched: list[str]
    confidence: float


def _cues(watch: Watch, text: str) -> dict[str, list[tuple[re.Match[str], str]]]:
    found: dict[str, list[tuple[re.Match[str], str]]] = {}
    for stance, patterns in watch.stances.items():
        for index, pattern in enumerate(patterns):
            for m in pattern.finditer(text):
                found.setdefault(stance, []).append((m, f"stances.{stance}[{index}]"))
    return found


def _addressees(text: str, spans: list[Span]) -> bool:
    """All of this observer's mentions follow a request verb: it is asked, it does not ask."""
    return all(_REQUEST.search(text[max(0, s.start - 40) : s.start]) for s in spans)


def recognition_in(text: str) -> bool:
    """Does the text speak of recognition at all (the one cue that needs no subject in view)?"""
    return _STEM in text.lower()


def match_stances(watch: Watch, text: str, mentions: Mentions, doc_context: bool = False) -> list[StanceHit]:
    if not mentions.observers:
        return []
    cues = _cues(watch, text)
    if not cues:
        return []
    # A stance is toward the subject: it must be in view, or the sentence speaks of recognising
    # "a government" with no other country named.
    about_recognition = any(_STEM in m.group().lower() for found in cues.values() for m, _ in found)
    if not (
        mentions.subject or mentions.places or doc_context or (about_recognition and not mentions.foreign)
    ):
        return []
    # Recognition cues read in context: negated or hypothetical recognition is withheld recognition.
    recognize = []
    for m, rule in cues.get("recognize", []):
        before = text[max(0, m.start() - 60) : m.start()]
        if _NEGATION_BEFORE.search(before):
            cues.setdefault("withhold", []).append((m, rule + ":negated"))
        elif _HYPOTHETICAL_BEFORE.search(before):
            cues.setdefault("withhold", []).append((m, rule + ":hypothetical"))
        elif _recognition_is_act(text, m):
            recognize.append((m, rule))
        elif _CONDITIONAL.search(text):
            # recognition as a topic, under a condition: "recognition would come once conditions are met"
            cues.setdefault("withhold", []).append((m, rule + ":conditional"))
    cues["recognize"] = recognize
    chosen = None
    if cues.get("reject"):
        chosen = "reject"
    elif cues.get("recognize") and not cues.get("withhold"):
        chosen = "recognize"
    elif cues.get("engage"):
        chosen = "engage"
    elif cues.get("withhold"):
        chosen = "withhold"
    if chosen is None:
        return []
    m, rule = cues[chosen][0]
    hits = []
    for code, spans in mentions.observers.items():
        if _addressees(text, spans):
            continue
        # An observer named only after the cue inside a request to the subject is not acting.
        confidence = 0.7 if chosen in ("recognize", "reject") else 0.6
        hits.append(StanceHit(code, chosen, rule, [m.group(), spans[0].text], confidence))
    return hits
