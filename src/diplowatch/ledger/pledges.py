"""Find the watch subject's pledges among a watch's evidence rows.

A sentence carries a pledge of the subject when one of three cues is the subject's:

1. a verb of promising whose speaker is the subject ("the Taliban had repeatedly promised that ...",
   "Muttaqi ... pledged that ..."): the subject, or a word standing for it, comes before the verb in
   its clause and no observer comes between;
2. a pledge noun the subject owns ("their repeated assurances that ...", "a general amnesty the
   movement announced in August 2021", "reversing a promise to let them reopen" in a sentence about
   the subject's act): a possessive or the subject's name just before it, or a verb of giving after it;
3. a statement of what will be, by the subject ("Mujahid said girls would return to school"): a verb
   of saying with the subject as speaker and "would"/"will" after it.

Demands of others ("urged the Taliban to form an inclusive government") are none of these. The pledge
is filed under the topic (ledger.topics) its own words share most, in any condition: a pledge noun that
is itself a topic word names its topic ("an amnesty"); a pledge named without its content ("they did
not keep their commitment") takes the topic of its sentence; the row's condition breaks ties. So "their
assurances that they would not allow Afghan territory to be used" in a sentence about sheltering
al-Qaeda is the pledge about the soil, and "the Taliban is committed to safe passage", read in a row
about reprisals, is a pledge about safe passage.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diplowatch.core.records import indicator_of
from diplowatch.lang import lexicon
from diplowatch.ledger.deadlines import Timing, resolve_timing
from diplowatch.ledger.negation import negated
from diplowatch.ledger.topics import POLARITY_ORDER, filed_under, shared, topic_indicator, topic_words
from diplowatch.watch.patterns import normalise
from diplowatch.watch.schema import Condition, Indicator, Watch

LEX = lexicon()
_VERBS = LEX.pattern("ledger.pledge_verbs")
_NOUNS = LEX.pattern("ledger.pledge_nouns")
_ANNOUNCE = LEX.pattern("ledger.announce_verbs")
_FUTURE = LEX.pattern("ledger.future_words")
_STANDINS = LEX.alternation("ledger.subject_pronouns")
_POSSESSIVES = LEX.alternation("ledger.possessives")
_GIVING = LEX.pattern("ledger.giving_verbs")
# "to the Afghan people", "the Taliban had made to the international community", "for former officials"
_TO_WHOM_AFTER = re.compile(
    r"\s*(?:(?:[\w'-]+\s+){0,4}?"
    + LEX.text("ledger.giving_verbs")
    + r"\s+)?"
    + LEX.text("ledger.promisee_words")
    + r"\s+(?P<who>(?:the\b|all\b|[A-Z])[^;:.]*)"
)
_CLAUSE_END = LEX.pattern("ledger.clause_end")
_MAX_WORDS = 30
_QUALIFIERS = 3
# Words that end a pledge noun's qualifiers (the owner or the article before them).
_STOP_QUALIFIER = re.compile(r"^(?:the|a|an|their|its|his|her|this|that|these|those|of|to|on|for|[A-Z].*)$")
_PROMISEE_WORDS = 8


@dataclass(frozen=True)
class Pledge:
    """One sentence that states or reports a pledge of the subject."""

    condition: str
    indicator: str  # the indicator the pledge's own words bear on
    words: str  # what was promised, from the cue to the end of its clause
    promisee: str | None
    made: str | None  # ISO day the pledge was made (its words, else the day it was reported)
    timing: Timing
    row: Mapping[str, Any]  # the evidence row it was read from
    own: bool  # the subject says it here (a verb of promising or a statement of what will be), not a report
    explicit: bool  # the pledge's own words hold its indicator's act (they say what was promised)


def find_pledge(watch: Watch, row: Mapping[str, Any]) -> Pledge | None:
    """The subject's pledge in a row's sentence (an evidence row, or a coded sentence with no condition),
    or None."""
    text = normalise(row.get("sentence") or "")
    cue = _cue(watch, text)
    if cue is None:
        return None
    start, end, kind = cue
    # A noun names the pledge ("their counterterrorism commitments"); after a verb, what follows is what
    # was promised.
    words = _noun_phrase(text, start) if kind == "noun" else _what_follows(text, end)
    noun = text[start:end] if kind == "noun" else None
    found = _topic(watch, row, words, noun)
    if found is None and kind == "noun":
        found = _topic(watch, row, text, None, whole=True)  # "they did not keep their commitment"
    if found is None:
        found = _row_topic(watch, row)
    if found is None:
        return None
    condition, bearing, explicit = found
    if _bearing(condition, words, text)[1]:
        return None  # a breach announced is a deed of words, not a promise: the watch scores it
    indicator = filed_under(condition, bearing)
    filed = topic_indicator(condition, indicator)
    if explicit and indicator != bearing and filed is not None and not shared(filed, words):
        indicator = bearing  # "vowed to hunt down the Islamic State's commanders" is no pledge about the soil
    timing = resolve_timing(words, row.get("date"))
    promisee = _promisee(watch, text[end:]) or row.get("reporter")
    made = timing.made or row.get("date")
    own = kind != "noun" and not row.get("reporter")
    return Pledge(condition.id, indicator or "", words, promisee, made, timing, row, own, explicit)


def _topic(
    watch: Watch, row: Mapping[str, Any], words: str, noun: str | None, whole: bool = False
) -> tuple[Condition, str, bool] | None:
    """The condition and indicator whose topic the pledge's words share most, and whether they do
    (rather than its sentence). An indicator without `topic` words counts only when its `with` groups
    are in the sentence (its act words alone are too common to name a topic)."""
    sentence = normalise(row.get("sentence") or "")
    ranked: list[tuple[tuple[int, int, int, int], Condition, Indicator]] = []
    for condition in watch.conditions:
        for ind in condition.indicators:
            if any(p.search(sentence) for p in ind.unless):
                continue
            if not ind.topic and not all(any(p.search(sentence) for p in g) for g in ind.with_):
                continue
            names = bool(noun) and any(p.search(noun or "") for p in topic_words(ind))
            hits = shared(ind, words)
            if names or hits:
                same_row = int(condition.id == row.get("condition"))
                order = -POLARITY_ORDER.get(ind.polarity, 3)
                ranked.append(((int(names), hits, same_row, order), condition, ind))
    if not ranked:
        return None
    _, condition, best = max(ranked, key=lambda r: r[0])
    return condition, best.id, not whole


def _row_topic(watch: Watch, row: Mapping[str, Any]) -> tuple[Condition, str, bool] | None:
    """An evidence row's own condition and indicator, when the words name no topic at all."""
    indicator_id = indicator_of(row.get("rule"))
    if not row.get("condition") or not indicator_id:
        return None
    try:
        return watch.condition(row["condition"]), indicator_id, False
    except KeyError:
        return None


def _cue(watch: Watch, text: str) -> tuple[int, int, str] | None:
    """Where the subject's pledge cue is in the sentence, and its kind: verb, noun or future."""
    # Nouns first: "promises" and "pledge" are nouns as often as verbs, and "kept their pledge" reports one.
    for m in _NOUNS.finditer(text):
        if _owned_by_subject(watch, text, m.start(), m.end()):
            return m.start(), m.end(), "noun"
    for m in _VERBS.finditer(text):
        if negated(text, m.start()):
            continue  # "if the Taliban does not agree to" promises nothing
        if _speaker_is_subject(watch, text, m.start()):
            return m.start(), m.end(), "verb"
    for m in _ANNOUNCE.finditer(text):
        after = text[m.end() : m.end() + 200]
        future = _FUTURE.search(_clause(after, 0))
        if future and _speaker_is_subject(watch, text, m.start()):
            return m.start(), m.end(), "future"
    return None


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position `at` begins (after the last clause break before it)."""
    breaks = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    return breaks[-1] if breaks else 0


def _speaker_is_subject(watch: Watch, text: str, at: int) -> bool:
    """The subject (or a word standing for it) comes before `at` in its clause, and no observer after it."""
    before = text[_clause_start(text, at) : at]
    subject = [m.end() for m in watch.subject.names.finditer(before)]
    standin = [m.end() for m in _STANDINS.finditer(before)]
    if not subject and not standin:
        return False
    last_subject = max(subject + standin)
    if not subject and _names_observer(watch, before):
        return False  # "Guterres said they would ..." is the observer speaking
    return not _names_observer(watch, before[last_subject:])


def _owned_by_subject(watch: Watch, text: str, start: int, end: int) -> bool:
    """A pledge noun is the subject's: "their pledge", "Taliban amnesty", "commitments the Taliban had made"."""
    before = text[max(0, start - 60) : start]
    near_before = " ".join(before.split()[-4:])
    if watch.subject.names.search(near_before):
        return not _names_observer(watch, near_before)
    possessive = list(_POSSESSIVES.finditer(near_before))
    if possessive and _refers_to_subject(watch, text[: start - len(near_before) + possessive[-1].start()]):
        return not _names_observer(watch, near_before)
    after = " ".join(text[end:].split()[:6])
    if (watch.subject.names.search(after) or _STANDINS.search(after)) and _GIVING.search(after):
        return True
    # "the Taliban ... reversing a promise", "whether the Taliban had kept promises"
    clause = text[_clause_start(text, start) : start]
    return _speaker_is_subject(watch, text, start) and bool(watch.subject.names.search(clause))


def _refers_to_subject(watch: Watch, before: str) -> bool:
    """A possessive ("their pledge") is the subject's when the subject, or a word standing for it, is
    the last actor named before it in the sentence: "Reflecting their commitment", opening a sentence,
    could be anyone's."""
    named = [(m.end(), True) for m in watch.subject.names.finditer(before)]
    named += [(m.end(), True) for m in _STANDINS.finditer(before)]
    named += [(m.end(), False) for o in watch.observers for m in o.names.finditer(before)]
    return bool(named) and max(named)[1]


def _names_observer(watch: Watch, text: str) -> bool:
    return any(o.names.search(text) for o in watch.observers)


def _clause(text: str, start: int) -> str:
    """The words from `start` to the end of their clause, at most _MAX_WORDS."""
    rest = text[start:]
    stop = _CLAUSE_END.search(rest)
    rest = rest[: stop.start()] if stop else rest
    words = rest.split()
    return " ".join(words[:_MAX_WORDS]).rstrip(" .,")


def _noun_phrase(text: str, start: int) -> str:
    """A pledge noun's words: up to _QUALIFIERS words before it that qualify it ("their counterterrorism
    commitments", "the amnesty promise"), stopping at a possessive, an article or a name, and its clause."""
    before = text[_clause_start(text, start) : start].split()[-_QUALIFIERS:]
    kept: list[str] = []
    for word in reversed(before):
        if _STOP_QUALIFIER.search(word) or not word.isalpha() and "-" not in word:
            break
        kept.insert(0, word)
    return " ".join([*kept, _clause(text, start)])


def _what_follows(text: str, end: int) -> str:
    """The clause after a verb of promising or saying, without its "that" ("told reporters that X": X)."""
    words = _clause(text, end)
    head = words.split()[:4]
    if "that" in head:
        words = " ".join(words.split()[head.index("that") + 1 :])
    return words


def _bearing(condition: Condition, words: str, sentence: str) -> tuple[str | None, bool]:
    """The indicator whose act lies in the pledge's words (and whose `with` groups the sentence has), and
    whether the words announce a breach rather than promise conduct: a meeting or promised act refused ("will no
    longer allow flights to leave") or a breaching act declared ("schools would remain shut")."""
    ranked: list[tuple[int, Indicator, bool]] = []
    for indicator in condition.indicators:
        if not indicator.act or any(p.search(sentence) for p in indicator.unless):
            continue
        if not all(any(p.search(sentence) for p in group) for group in indicator.with_):
            continue
        hits = [m for p in indicator.act for m in p.finditer(words)]
        if hits:
            refused = all(negated(words, m.start()) for m in hits)
            # Pledges promise what is wanted: words (0) and meeting (+1) indicators before breaches.
            ranked.append(
                (0 if indicator.polarity == 0 else 1 if indicator.polarity > 0 else 2, indicator, refused)
            )
    if not ranked:
        return None, False
    _, best, refused = min(ranked, key=lambda r: r[0])
    announces_breach = refused if best.polarity >= 0 else not refused
    return best.id, announces_breach


def _promisee(watch: Watch, after: str) -> str | None:
    """To whom, right after the pledge word: "made to the Afghan people", "an amnesty for former officials"."""
    m = _TO_WHOM_AFTER.match(after)
    if not m:
        return None
    who = _clause(m["who"], 0)
    who = re.split(r"\b(?:that|who|which|on|in|after|before|since|despite|if|unless)\b", who)[0]
    who = " ".join(who.split()[:_PROMISEE_WORDS]).strip(" ,.")
    observer = next((o.name for o in watch.observers if o.names.search(who)), None)
    return observer or who or None
