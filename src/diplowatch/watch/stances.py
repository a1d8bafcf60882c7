"""Stances: what an observer does or says about the watch's subject.

Two readings of one sentence (written up in docs/watches.md):
  * acts: a coded event, neither negated nor hypothetical, whose source is an observer and whose target
    is the subject shows the stance the watch's `stance_acts` gives its type (meet, sign, aid, cooperate
    → engage; sanction, refuse, seize, strike → reject). Two-sided acts (meetings, agreements, joint
    work) count either way round: the Taliban meeting China's envoy is China engaging too. Any state
    or organisation that acts is an observer, listed in the watch or not (Oman, Australia, Tajikistan);
    citizens, companies and NGOs of a state are not the state.
  * words: the watch's cue patterns (recognition granted, refused or made conditional, "never
    recognise", "no rush"). They are taken by the observers that act in the sentence and by the
    listed observers it names, except one named as a place ("talks in Doha", "ambassador to Qatar")
    or only asked to act ("Pakistan urged the United States to engage").
An event only the trained model proposed (its rule "learned:...") is weaker evidence: it shows a stance
only when a rule-coded event of the same observer and the subject backs it, or else when the observer is
its doer (not the other party of a two-sided act), does not only tell what the subject did ("X says the
Taliban will provide safe passage"), and the stance is not a rejection (clashes read as strikes).
For one observer in one sentence: a reject cue wins, then recognition granted (unless also withheld),
then withheld recognition, then the act's stance (reject before engage), then an engage cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from diplowatch.core.records import EventRef, Observer
from diplowatch.lang import lexicon
from diplowatch.watch.mentions import Mentions, Span, model_only, observer_matches_actor
from diplowatch.watch.patterns import dateline_end
from diplowatch.watch.schema import Watch, WatchObserver

PRECEDENCE = ("reject", "recognize", "engage", "withhold")
# Acts done together: either party to a meeting, an agreement or joint work takes part in it.
TWO_SIDED = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Acts only a government does for a country (meetings, visits, agreements): with the subject's country as
# a whole, once the subject rules it, they are with the subject ("visits Kabul", "signs with Afghanistan").
STATE_ACTS = frozenset({"CONSULT", "AGREE"})
# Sectors in which a state's people act for the state: its government, forces and services (not its
# lawmakers, courts, citizens, companies, rebels or former officials).
STATE_SECTORS = frozenset({None, "GOV", "MIL", "SPY", "COP"})
# Sectors of those who deal with others in their own right: a state's people above, its elites (former
# office holders), lawmakers and courts.
OFFICE_SECTORS = STATE_SECTORS | {"ELI", "LEG", "JUD"}
# Dependency labels of a clause's doer: its subject, or the agent of a passive ("hosted by").
DOER_DEPS = frozenset({"nsubj", "agent"})
LEX = lexicon()
# Recognition cues read in context (see lang/en/watch-stances.yaml): negated, hypothetical, asked of
# another, granted, conditional.
_NEGATION_BEFORE = LEX.pattern("watch-stances.negation_before")
_REFUSED_INSIDE = LEX.pattern("watch-stances.refused_inside")
_HYPOTHETICAL_BEFORE = LEX.pattern("watch-stances.hypothetical_before")
_REQUEST = LEX.pattern("watch-stances.request_before")
_BY_END = re.compile(r"\bby\W*$")
_FUTURE_BEFORE = LEX.pattern("watch-stances.future_before")
_ASKED_OF_OTHERS = LEX.pattern("watch-stances.asked_of_others_before")
_LOCATION = LEX.pattern("watch-stances.location_before")
_PEOPLE_NOUNS = LEX.words("watch-stances.people_nouns")
# "recognition" alone is a topic ("recognition was not discussed"); granted, it is an act.
_GRANTED = LEX.pattern("watch-stances.granted_before")
_CONDITIONAL = LEX.pattern("watch-stances.conditional")
_PROGRESSIVE = LEX.pattern("watch-stances.progressive_before")
_STEM = LEX.text("watch-stances.recognition_stem")
_NOUN = LEX.text("watch-stances.recognition_noun")
_GERUND = LEX.text("watch-stances.gerund_ending")
_REPORTING = LEX.words("watch-stances.reporting_verbs")
_FORMER = LEX.pattern("watch-stances.former_before")
_PRONOUN = LEX.pattern("watch-stances.third_person")
_TOPIC_OF_DEALINGS = LEX.pattern("watch-stances.topic_of_dealings_before")
_RECOGNI = re.compile(rf"\b{re.escape(_STEM)}\w*", re.IGNORECASE)
_RECOGNISED_NAME = re.compile(LEX.text("watch-stances.recognised_name_after"))
# Fighting at the border (clashes, border guards, airspace crossed) is an incident between forces, not a
# strike a state decided on: no rejection from it unless a strike is named too.
_BORDER_INCIDENT = LEX.pattern("watch-stances.border_incident")
_STRIKE = LEX.pattern("watch-stances.strike")


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
    observer: str  # code: a listed observer's, else the state's ISO3 or the organisation's acronym
    stance: str
    rule: str
    matched: list[str]
    confidence: float
    name: str = ""
    country: str | None = None

    def record(self) -> Observer:
        return Observer(name=self.name or self.observer, code=self.observer, country=self.country)


@dataclass(frozen=True)
class _Actor:
    code: str
    name: str
    country: str | None


@lru_cache(maxsize=1)
def _dictionaries():
    from diplowatch.actors.dictionary import load_dictionaries

    return load_dictionaries()


@lru_cache(maxsize=1)
def _directory() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Country names by ISO3, and (acronym, name) of each international organisation by its code."""
    actors = _dictionaries()
    countries = {iso3: c.name for iso3, c in actors.countries.items()}
    igos: dict[str, tuple[str, str]] = {}
    for entry in actors.igos:
        if not entry.code or not entry.code.startswith("IGO"):
            continue
        acronym = next((a for a in entry.aliases if a.isalpha() and a.isupper()), entry.code[3:])
        igos[entry.code] = (acronym, entry.name)
    return countries, igos


def observer_of(watch: Watch, actor: Mapping[str, Any], date: str | None) -> _Actor | None:
    """The observer a resolved actor acts for: a listed observer, any other state acting through its
    government, forces or officials, or an international organisation; None for the subject, the
    subject's own country, NGOs, companies and citizens."""
    if not actor or watch.subject.is_actor(actor, date):
        return None
    code = actor.get("code") or ""
    country = actor.get("country")
    subject_countries = {r.get("country") for r in watch.subject.actors if r.get("country")}
    if code.startswith("NGO") or (country and country in subject_countries):
        return None
    is_igo = code.startswith("IGO")
    if not is_igo and actor.get("sector") not in STATE_SECTORS:
        return None
    listed = next((o for o in watch.observers if observer_matches_actor(o, actor)), None)
    if listed is None and actor.get("text"):
        # the watch names whom this person acts for ("Roza Otunbayeva" heads the UN mission, though
        # the dictionaries place her in her own country, which the watch does not list)
        listed = next((o for o in watch.observers if o.names.search(actor["text"])), None)
    if listed is not None:
        return _Actor(listed.code, listed.name, listed.country)
    countries, igos = _directory()
    if is_igo:
        # an organisation the dictionaries know; "IGO" alone is an unnamed one ("donors", "agencies")
        known = next((igos[c] for c in sorted(igos, key=len, reverse=True) if code.startswith(c)), None)
        return _Actor(known[0], known[1], None) if known else None
    if country:
        return _Actor(country, countries.get(country, country), country)
    return None


def _acts_here(text: str, actor: Mapping[str, Any]) -> bool:
    """Is the coded actor written in the sentence, and not only in its dateline ("DOHA —") or after a
    preposition of place ("engagements in Doha": where something happened, whatever the coder made of it)?"""
    said = actor.get("text") or ""
    if not text:
        return True
    starts = [m.start() for m in re.finditer(re.escape(said), text)] if said else []
    return any(not _named_as_place(text, i) and not _former(text, i, i + len(said)) for i in starts)


# A preposition of topic right before a country's name: the talks are about it ("a conference on
# Afghanistan"), not with its rulers.
_TOPIC_BEFORE = re.compile(r"\b(?:on|about|over|regarding|concerning|for)\s+(?:the\s+)?$", re.IGNORECASE)


def _topic_only(text: str, actor: Mapping[str, Any]) -> bool:
    """Is every mention of the actor the topic of the act ("talks on Afghanistan") or a dateline?"""
    said = actor.get("text") or ""
    starts = [m.start() for m in re.finditer(re.escape(said), text)] if said and text else []
    return bool(starts) and all(
        i < dateline_end(text) or _TOPIC_BEFORE.search(text[max(0, i - 20) : i]) for i in starts
    )


def _subject_is_topic(text: str, starts: Sequence[int]) -> bool:
    """Is every one of these mentions of the subject the topic of the dealings ("talks on the Taliban's new
    government", "an approach to the Taliban", "discuss the Taliban"), not a party to them?"""
    return bool(starts) and all(_TOPIC_OF_DEALINGS.search(text[max(0, i - 40) : i]) for i in starts)


def _adjective_only(text: str, actor: Mapping[str, Any], parse: Callable[[str], Any] | None) -> bool:
    """Is every mention of the actor an adjective of its people ("our Afghan partners", "Afghan allies",
    not "Afghan officials")? Then the act is with those people, not with the country's rulers."""
    said = actor.get("text") or ""
    if parse is None or not said or said not in text:
        return False
    doc = parse(text)
    for m in re.finditer(re.escape(said), text):
        tokens = [t for t in doc if m.start() <= t.idx < m.end()]
        if not tokens:
            return False
        word = tokens[-1]
        while word.dep_ == "conj":  # "Afghan and Pakistani officials": the noun of the first adjective
            word = word.head
        if not (word.pos_ == "ADJ" or word.dep_ == "amod") or word.head.lemma_.lower() not in _PEOPLE_NOUNS:
            return False
    return True


def _starts(text: str, actor: Mapping[str, Any]) -> list[int]:
    said = actor.get("text") or ""
    return [m.start() for m in re.finditer(re.escape(said), text)] if said and text else []


def _denied(text: str, actor: Mapping[str, Any]) -> bool:
    """Is every mention of the act's other party denied right before it ("aid through agencies rather than
    the Taliban", "not with the Taliban")? The act is then not with them, whatever the coder made of it."""
    said = actor.get("text") or ""
    starts = [m.start() for m in re.finditer(re.escape(said), text)] if said and text else []
    return bool(starts) and all(_NEGATION_BEFORE.search(text[max(0, i - 30) : i]) for i in starts)


def _former(text: str, start: int, end: int) -> bool:
    """Does the mention at text[start:end] name an office held in the past, with the word before or after
    it ("the former President", "my predecessor", "the previous administration")? It no longer acts for
    its state: what it did is background, not a stance now."""
    before = re.search(r"(\w+)\W*$", text[max(0, start - 20) : start])
    after = re.match(r"\W*(\w+)", text[end : end + 20])
    words = [text[start:end], *(m.group(1) for m in (before, after) if m)]
    return any(_FORMER.search(w) for w in words)


def _ruled_pairs(watch: Watch, events: Sequence[EventRef], date: str | None) -> set[str]:
    """Observers that a rule-coded event (any type, not negated) puts face to face with the subject."""
    found: set[str] = set()
    for event in events:
        if model_only(event) or event.get("negated"):
            continue
        source, target = event.get("source") or {}, event.get("target") or {}
        for actor, other in ((source, target), (target, source)):
            observer = observer_of(watch, actor, date)
            if observer is not None and watch.subject.is_actor(other, date):
                found.add(observer.code)
    return found


def _only_tells(text: str, actor: Mapping[str, Any], parse: Callable[[str], Any] | None) -> bool:
    """Is every mention of the actor the subject of a verb of speaking: it tells, it does not act?"""
    said = actor.get("text") or ""
    if parse is None or not said or said not in text:
        return False
    doc = parse(text)
    for m in re.finditer(re.escape(said), text):
        heads = [t for t in doc if m.start() <= t.idx < m.end() and t.head.i != t.i]
        roots = [t for t in heads if not (m.start() <= t.head.idx < m.end())]
        if not any(t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in _REPORTING for t in roots):
            return False
    return True


def act_stances(
    watch: Watch,
    events: Sequence[EventRef],
    date: str | None,
    text: str = "",
    parse: Callable[[str], Any] | None = None,
) -> dict[_Actor, StanceHit]:
    """The stance each observer's coded acts on the subject show in one sentence (reject before engage).
    The subject is the actors the watch resolves to it: "Afghanistan" as a whole is its people as often
    as its rulers (aid to Afghanistan, a pledge to Afghans), so it is not taken for them."""
    by_type = {t: stance for stance, types in watch.stance_acts.items() for t in types}
    found: dict[_Actor, StanceHit] = {}
    ruled = _ruled_pairs(watch, events, date)
    border_incident = bool(_BORDER_INCIDENT.search(text)) and not _STRIKE.search(text)
    for event in events:
        type_ = event.get("type") or ""
        stance = by_type.get(type_)
        if stance is None or event.get("negated") or event.get("hypothetical"):
            continue
        if type_ == "ASSAULT" and border_incident:
            continue
        source, target = event.get("source") or {}, event.get("target") or {}
        pairs = [(source, target)]
        if type_ in TWO_SIDED:
            pairs.append((target, source))
        for actor, other in pairs:
            observer = observer_of(watch, actor, date)
            # the country as its rulers only on a rule's reading: the model takes "Afghan allies" and "get
            # people out of Afghanistan" for dealings with the country
            with_subject = watch.subject.is_actor(other, date) or (
                type_ in STATE_ACTS
                and not model_only(event)
                and watch.subject.is_state(other, date)
                and not _topic_only(text, other)
                and not _adjective_only(text, other, parse)
            )
            if observer is None or not with_subject or not _acts_here(text, actor) or _denied(text, other):
                continue
            if type_ in TWO_SIDED and _subject_is_topic(text, _starts(text, other)):
                # others meeting or agreeing about the subject ("G7 leaders agree on an approach to the Taliban")
                continue
            if model_only(event) and stance == "reject":
                # the model reads hosting and meeting as sanctions now and then ("Lavrov hosts the
                # Taliban's foreign minister"); a rejection needs a rule's reading, whatever backs it
                continue
            if model_only(event) and observer.code not in ruled:
                # the model's reading alone: the observer must be its doer and act itself
                if actor is not source or _only_tells(text, actor, parse):
                    continue
            hit = StanceHit(observer.code, stance, f"acts.{stance}:{type_}",
                            [m for m in (event.get("trigger"), actor.get("text")) if m], 0.7,
                            observer.name, observer.country)  # fmt: skip
            held = found.get(observer)
            if held is None or PRECEDENCE.index(stance) < PRECEDENCE.index(held.stance):
                found[observer] = hit
    return found


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


def _places(text: str, spans: list[Span]) -> bool:
    """All of this observer's mentions name a place ("in Doha", "envoy to Qatar", a "DOHA —" dateline):
    it does not act here."""
    return all(_named_as_place(text, s.start) for s in spans)


def _named_as_place(text: str, start: int) -> bool:
    return start < dateline_end(text) or bool(_LOCATION.search(text[max(0, start - 20) : start]))


def _doers(
    doc, at: int, nearest: bool, other_party: Callable[[int, int], bool] = lambda lo, hi: False
) -> list[tuple[int, int]]:
    """Character ranges of the doers of the clauses around offset `at` of a parsed sentence: the
    subject or passive agent of each verb whose clause holds `at` ("Lavrov says recognition is not on
    the table", "the Indian envoy meets Taliban officials", "talks hosted by Uzbekistan"). `nearest`:
    only the innermost clause that has a doer (the one who meets, not the one who reports it), passing
    over a clause whose only doer is the other party (`other_party`: "a campaign backed by the Taliban"
    is the Taliban's part in someone else's campaign: the one who runs it deals with them)."""
    token = next((t for t in doc if t.idx <= at < t.idx + len(t)), None)
    ranges: list[tuple[int, int]] = []
    while token is not None:
        level = [(child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                 for child in token.children if child.dep_ in DOER_DEPS]  # fmt: skip
        if not level and token.head.i == token.i and token.pos_ in ("NOUN", "PROPN"):
            # a headline verb the parser took for a noun ("The WHO and UNICEF launch a campaign": "launch"
            # the root noun, its doers its modifiers): the names before it are the doers
            level = [(child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                     for child in token.children if child.dep_ in ("nmod", "compound") and child.i < token.i]  # fmt: skip
        ranges.extend(level)
        if nearest and level and not all(other_party(lo, hi) for lo, hi in level):
            break
        token = None if token.head.i == token.i else token.head
    return ranges


def _names_recognised(text: str) -> bool:
    """Does a name follow a recognition word ("recognition of Donetsk")? Then what is recognised is named."""
    return any(_RECOGNISED_NAME.search(text[m.end() :]) for m in _RECOGNI.finditer(text))


def recognition_in(text: str) -> bool:
    """Does the text speak of recognition at all (the one cue that needs no subject in view)?"""
    return _STEM in text.lower()


def _worded(
    watch: Watch, text: str, mentions: Mentions, doc_context: bool
) -> tuple[str, str, str, int, int] | None:
    """The stance the sentence's cue words show (stance, rule, matched text, its offsets), or None."""
    cues = _cues(watch, text)
    if not cues:
        return None
    # A stance is toward the subject: it must be in view, or the sentence speaks of recognising
    # "a government" with no other country or group named (whose government it would be).
    about_recognition = any(_STEM in m.group().lower() for found in cues.values() for m, _ in found)
    unnamed = (
        about_recognition and not mentions.foreign and not mentions.others and not _names_recognised(text)
    )
    if not (mentions.subject or mentions.places or doc_context or unnamed):
        return None
    # Recognition cues read in context: negated or hypothetical recognition is withheld recognition.
    recognize = []
    for m, rule in cues.get("recognize", []):
        before = text[max(0, m.start() - 60) : m.start()]
        if _ASKED_OF_OTHERS.search(before):
            continue  # asked of others: neither granted nor withheld by anyone here
        if _FUTURE_BEFORE.search(before) and _CONDITIONAL.search(text[m.end() :]):
            # "will recognise the Taliban only in concert with others": promised on a condition, not granted
            cues.setdefault("withhold", []).append((m, rule + ":conditional"))
            continue
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
    # Dealings denied ("we have not worked with the Taliban as the government") are no engagement:
    # the observer holds back from the subject.
    engage = []
    for m, rule in cues.get("engage", []):
        if _NEGATION_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            cues.setdefault("withhold", []).append((m, rule + ":negated"))
        elif _ASKED_OF_OTHERS.search(text[max(0, m.start() - 60) : m.start()]):
            continue  # dealings asked of others ("urges the world to give aid to the Taliban"): no one's yet
        elif _subject_is_topic(text, [s.start for s in mentions.subject if m.start() <= s.start < m.end()]):
            continue  # dealings among others about the subject ("talks on the Taliban's government")
        elif not _REFUSED_INSIDE.search(m.group()):
            # a refusal inside the cue ("the Taliban rule out cooperation with the US") is no dealing,
            # and the observer, refused, shows no stance of its own
            engage.append((m, rule))
    cues["engage"] = engage
    for stance in ("reject", "recognize", "withhold", "engage"):
        if stance == "recognize" and cues.get("withhold"):
            continue
        if cues.get(stance):
            m, rule = cues[stance][0]
            return stance, rule, m.group(), m.start(), m.end()
    return None


def match_stances(
    watch: Watch,
    text: str,
    mentions: Mentions,
    doc_context: bool = False,
    events: Sequence[EventRef] = (),
    date: str | None = None,
    actors: Sequence[Mapping[str, Any]] = (),
    parse: Callable[[str], Any] | None = None,
    voice: Mapping[str, Any] | None = None,
) -> list[StanceHit]:
    """One stance per observer that acts on the subject or speaks of it in this sentence. `actors` are
    the sentence's resolved actors (offsets in `text`); `parse` gives a dependency parse of `text`
    (spaCy), used to find who does what a cue word says; `voice` is who the document speaks for."""
    acts = act_stances(watch, events, date, text, parse)
    worded = _worded(watch, text, mentions, doc_context) if (mentions.observers or acts or actors) else None
    hits: dict[str, StanceHit] = {}
    if worded is not None:
        stance, rule, cue, at, end = worded
        confidence = 0.7 if stance in ("recognize", "reject") else 0.6
        for code, (name, country, said) in _speakers(watch, text, mentions, events, date, actors, parse,
                                                     stance, (at, end), voice).items():  # fmt: skip
            hits[code] = StanceHit(code, stance, rule, [cue, said], confidence, name, country)
    for observer, hit in acts.items():
        held = hits.get(observer.code)
        # withheld or granted recognition and refusals in words say more than the acts beside them;
        # an act says more than an engage cue
        if held is None or held.stance == "engage":
            hits[observer.code] = hit
    return list(hits.values())


def _speakers(
    watch: Watch,
    text: str,
    mentions: Mentions,
    events: Sequence[EventRef],
    date: str | None,
    actors: Sequence[Mapping[str, Any]],
    parse: Callable[[str], Any] | None,
    stance: str,
    cue: tuple[int, int],
    voice: Mapping[str, Any] | None = None,
) -> dict[str, tuple[str, str | None, str]]:
    """Who takes the stance of the cue words at offsets `cue`: code -> (name, country, words naming it).

    The doers of the cue's clause (its subject or passive agent: "Lavrov says recognition is not on
    the table") and the sources of the sentence's coded events on the subject. A cue of dealings ("meets", "talks
    with the Taliban") is taken only by the doer of its own clause, not by one who reports it, and by
    the parties named inside the cue's own words ("talks between US officials and the Taliban"); a
    cue of recognition or refusal also by the listed observers the sentence names. Never by one named
    as a place or as the one asked to act."""
    found: dict[str, tuple[str, str | None, str]] = {}
    listed: dict[str, WatchObserver] = {o.code: o for o in watch.observers}
    for code, spans in mentions.observers.items():
        if stance == "engage":
            spans = [s for s in spans if cue[0] <= s.start and s.end <= cue[1]]
        spans = [s for s in spans if not _former(text, s.start, s.end)]
        if spans and code in listed and not _addressees(text, spans) and not _places(text, spans):
            found[code] = (listed[code].name, listed[code].country, spans[0].text)
    for event in events:
        source = event.get("source") or {}
        if (
            event.get("negated")
            or event.get("hypothetical")
            or not watch.subject.is_actor(event.get("target") or {}, date)
        ):
            continue
        observer = observer_of(watch, source, date)
        if observer is not None and _acts_here(text, source):
            found.setdefault(observer.code, (observer.name, observer.country, source.get("text") or ""))
    named = [a for a in actors if a.get("start") is not None and a.get("end") is not None]
    if parse is None:
        return found

    def subject_only(lo: int, hi: int) -> bool:
        """The doer is only the other party (the subject), or a pronoun no one resolved: the clause above
        says who ("the agency said it was working with the Taliban")."""
        inside = [a for a in named if lo <= int(a["start"]) and int(a["end"]) <= hi]
        if any(watch.subject.is_actor(a, date) for a in inside):
            # people named in a clause on the subject ("backed by the Taliban, which aims to reach 3 million
            # children") do not deal: only those who could stand beside it as doers count
            inside = [a for a in inside if watch.subject.is_actor(a, date) or _holds_office(a)]
        if not inside:
            return bool(_PRONOUN.fullmatch(text[lo:hi]))
        return all(watch.subject.is_actor(a, date) for a in inside)

    doc = parse(text)
    clause_doers = _doers(doc, cue[0], nearest=stance == "engage", other_party=subject_only)
    if stance == "engage" and _BY_END.search(text[cue[0] : cue[1]]):
        # a cue that ends in "hosted by" names the host right after it: the passive agent takes it
        clause_doers += _doers(doc, cue[1] - 1, nearest=True, other_party=subject_only)
    # the parties named inside the words of dealings take them too
    doers = [*clause_doers, cue] if stance == "engage" else clause_doers
    someone_else = False  # a resolved actor that is neither an observer nor the subject does it
    for actor in named:
        lo, hi = int(actor["start"]), int(actor["end"])
        if not any(a <= lo and hi <= b for a, b in doers) or _named_as_place(text, lo):
            continue
        observer = observer_of(watch, actor, date)
        if observer is not None and not _former(text, lo, hi):
            found.setdefault(observer.code, (observer.name, observer.country, text[lo:hi]))
        elif (
            any(a <= lo and hi <= b for a, b in clause_doers)
            and not watch.subject.is_actor(actor, date)
            and _holds_office(actor)
        ):
            someone_else = True  # a former official, an official of no known state, another organisation
    if not found and not someone_else and voice:
        # No one else takes the cue and no one else does what it says: in a document with a voice (a
        # government's briefing room) the sentence is that government speaking of its own dealings
        # ("continued coordination with the Taliban is needed"). News has no voice. Not taken when
        # someone else does it ("the former President made a deal with the Taliban", said by "I").
        observer = observer_of(watch, voice, date)
        if observer is not None:
            found[observer.code] = (observer.name, observer.country, "")
    return found


def _holds_office(actor: Mapping[str, Any]) -> bool:
    """Could this actor deal with the subject in its own right: a government, an official (serving or
    former), a lawmaker or an organisation, not citizens or protesters?"""
    code = actor.get("code") or ""
    return code.startswith("IGO") or actor.get("sector") in OFFICE_SECTORS


def document_voice(url: str | None, outlet: str | None) -> dict[str, Any] | None:
    """The actor a document speaks for, from its address or outlet (actors.voices: the White House
    briefing room is the US government); None for news."""
    from diplowatch.actors.voices import voice_of

    if not (url or outlet):
        return None
    voice = voice_of(_dictionaries(), url, outlet)
    if voice is None:
        return None
    return {"text": "", "name": voice.name, "code": voice.code, "country": voice.country,
            "sector": voice.sector}  # fmt: skip
