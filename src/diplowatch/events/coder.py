"""EventCoder: article text in, PLOVER events out, with the sentence as evidence.

Cheap work first, the parser last: a rule splitter cuts the article into sentences, the actor
resolver runs over the whole text, and only sentences holding an actor and a dictionary trigger
word go through spaCy (tagger, parser, lemmatizer — no NER). Pure: no I/O after loading the
model and dictionaries, so it runs the same in one process or in a pool of workers.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from diplowatch.actors.voices import voice_of, voiced
from diplowatch.core.records import Actor, ActorMention, Article, Event
from diplowatch.events.build import VIOLENT_WORDS, accidental_harm, build_events, claimed_attacks
from diplowatch.events.business import business_act
from diplowatch.events.learned import (
    EventJudge,
    Judged,
    bundled_judge,
    models_digest,
    models_installed,
    parties,
)
from diplowatch.events.matcher import verb_matches
from diplowatch.events.nominal import nominal_matches
from diplowatch.events.once import once_each
from diplowatch.events.plover import cameo_root, intensity, quad_class
from diplowatch.events.roles import MentionIndex, check_rules, vague
from diplowatch.events.speech import claim_matches, could_oblige, obligation_matches
from diplowatch.events.verbs import VerbDictionary, load_verbs
from diplowatch.lang import lexicon
from diplowatch.nlp.sentences import split_sentences

MAX_TOKENS = 120  # longer "sentences" are tables, lists or run-ons: not worth a parse
MAX_CHARS = 1500
_WORD = re.compile(r"[A-Za-z]+")
# Articles are coded in batches cut by the sentences they give the parser: spaCy's networks cost less
# per sentence over a few hundred sentences at once than over the twenty that 32 short news items hold.
# The batch is also capped in articles, so a chunk's memory stays small. Batching changes no result.
BATCH_SENTENCES = 64
BATCH_ARTICLES = 256
LEARNED_RULE = "learned:types+roles"  # the rule of an event only the trained models found
PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass
class CodedSentence:
    index: int
    text: str
    date: str | None
    actors: list[ActorMention] = field(default_factory=list)
    # Where the text first occurs in its article's text (characters): the store keeps that span, not a copy.
    start: int | None = None


@dataclass
class _Prepared:
    text: str
    spans: list[tuple[int, int]]
    by_sentence: dict[int, list]
    to_parse: list[int]  # indices of the sentences worth parsing

    def sentence(self, index: int) -> str:
        start, end = self.spans[index]
        return self.text[start:end]


@dataclass
class CodedArticle:
    doc_id: str
    sentences: list[CodedSentence]
    events: list[Event]


@dataclass
class _Step:
    """A sentence that may hold events: the rules' events, replaced by the judge's when it weighs them."""

    index: int
    events: list[Event]
    judged: Judged | None = None
    # the rules read the sentence's toll as an accident's (a crash, a fire): the trained models may not make
    # it an attack (held out in train.py's folds, such model attacks were wrong 12 times of 15)
    accident: bool = False


@dataclass
class _Draft:
    article: Article
    coded: list[CodedSentence]
    sentences: list[_Step]


def _event_date_fn():
    try:
        from diplowatch.nlp.dates import event_date
    except ImportError:
        return lambda sentence, published: published
    return event_date


def _default_geocoder():
    try:
        from diplowatch.places import Geocoder
    except ImportError:
        return None
    try:
        return Geocoder()
    except Exception:  # a missing gazetteer must not stop coding; events just lack a location
        return None


class EventCoder:
    """Codes articles; every argument defaults to the bundled model and dictionaries.

    `disabled_rules` names target rules to switch off (events.roles.TARGET_RULES, e.g. "purpose"):
    for measuring what a rule is worth; by default every rule runs.
    """

    def __init__(
        self,
        nlp=None,
        resolver=None,
        verbs: VerbDictionary | None = None,
        geocoder=None,
        disabled_rules: Iterable[str] = (),
        learned: bool = True,
    ):
        self._nlp, self._resolver, self._geocoder = nlp, resolver, geocoder
        self.learned = learned  # weigh events with the trained classifiers when the package ships them
        self.disabled_rules = check_rules(disabled_rules)
        self._own = {"nlp": nlp is None, "resolver": resolver is None, "geocoder": geocoder is None}
        self.verbs = verbs or load_verbs()
        self._event_date = _event_date_fn()
        self._hash: str | None = None

    # Workers rebuild the heavy parts they were not handed, instead of pickling a spaCy model.
    def __getstate__(self):
        state = self.__dict__.copy()
        for name, own in self._own.items():
            if own:
                state[f"_{name}"] = None
        state["_event_date"] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._event_date = _event_date_fn()

    @property
    def nlp(self):
        if self._nlp is None:
            from diplowatch.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    @property
    def resolver(self):
        if self._resolver is None:
            from diplowatch.actors import ActorResolver, load_dictionaries

            self._resolver = ActorResolver(load_dictionaries())
        return self._resolver

    @property
    def geocoder(self):
        if self._geocoder is None and self._own["geocoder"]:
            self._geocoder = _default_geocoder() or False
        return self._geocoder or None

    @property
    def dictionary_hash(self) -> str:
        """Hash of the actor and verb dictionaries in use: a change invites --recode."""
        if self._hash is None:
            h = hashlib.sha256(self.verbs.digest.encode())
            h.update(lexicon().digest.encode())  # the English word lists the rules read
            if self.disabled_rules:  # events coded with rules switched off are coded differently
                h.update(" ".join(sorted(self.disabled_rules)).encode())
            # whether the judge is used, asked without loading it (a cluster's client only needs the hash)
            judged = self.learned and models_installed()
            h.update((models_digest() if judged else "rules only").encode())
            for src in getattr(self.resolver.dictionaries, "sources", []):
                path = Path(str(src))
                if not path.is_absolute():
                    path = PACKAGE_DIR / path
                h.update(path.read_bytes() if path.is_file() else str(src).encode())
            self._hash = h.hexdigest()[:16]
        return self._hash

    @functools.cached_property
    def companies(self) -> dict[str, bool]:
        """The dictionaries' named companies and outlets, and whether the state owns each (events.business)."""
        return self.resolver.dictionaries.companies()

    @property
    def judge(self) -> EventJudge | None:
        """The trained judge of events (None with learned=False, or when no models are installed)."""
        # reading with the parse's tokenizer when both were saved alike (each sentence split once)
        return bundled_judge(self.nlp.tokenizer) if self.learned else None

    # -- public ---------------------------------------------------------------------------
    def warm(self) -> EventCoder:
        """Load the model, dictionaries and gazetteer now rather than on the first article."""
        _ = (self.nlp, self.resolver, self.judge)
        # The gazetteer is loaded lazily otherwise: the first chunk would wait for it.
        _ = getattr(self.geocoder, "gazetteer", None)
        return self

    def code_text(self, text: str, date: str | None = None, doc_id: str = "text") -> list[Event]:
        article = Article(id=doc_id, text=text, published=date)
        return next(self.code_articles([article])).events

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        batch: list[tuple[Article, _Prepared]] = []
        to_parse = 0
        for article in articles:
            prepared = self._prepare(article)
            batch.append((article, prepared))
            to_parse += len(prepared.to_parse)
            if to_parse >= BATCH_SENTENCES or len(batch) >= BATCH_ARTICLES:
                yield from self._code_batch(batch)
                batch, to_parse = [], 0
        if batch:
            yield from self._code_batch(batch)

    def code_parsed(self, text: str, parse, date: str | None = None, doc_id: str = "doc") -> CodedArticle:
        """Code a text whose sentences `parse(sentence) -> Doc` parses: what a spaCy component calls.

        The same steps as `code_articles` (one splitter, the same mentions, the same sentences parsed),
        so a pipeline's component and `code_text` give the same events for the same text and model.
        """
        article = Article(id=doc_id, text=text, published=date)
        prepared = self._prepare(article)
        docs = {i: parse(prepared.sentence(i)) for i in prepared.to_parse}
        return self._assemble(article, prepared, docs)

    # -- internals ------------------------------------------------------------------------
    def _worth_parsing(self, sentence: str, mentions: list) -> bool:
        """Parse only sentences that can hold an event: a placed actor (a role alone never makes
        an event), a trigger word with what its pattern needs, sane length, real words."""
        if len(sentence) > MAX_CHARS or all(vague(m) for m in mentions):
            return False
        words = _WORD.findall(sentence)
        if not words or len(sentence.split()) > MAX_TOKENS:
            return False
        lowered = {w.lower() for w in words}
        return self.verbs.could_match(lowered) or could_oblige(lowered)

    def _prepare(self, article: Article) -> _Prepared:
        """Split, find the actors of each sentence, and choose the sentences worth a parse."""
        text = article.text or ""
        spans = split_sentences(text)
        mentions = self.resolver.find_in_article(text, spans, article.published) if spans else []
        voice = voice_of(self.resolver.dictionaries, article.url, article.outlet)
        if voice is not None and spans:  # a government's own briefing: "we" is that government
            mentions = voiced(mentions, text, spans, voice)
        by_sentence: dict[int, list] = {}
        gazetteer = getattr(self.geocoder, "gazetteer", None)
        for m in mentions:
            m = _ethnic_community(m, text)
            if gazetteer is not None:
                m = _local_official(m, text, gazetteer)
            by_sentence.setdefault(m.sentence_index, []).append(m)
        to_parse = [
            i for i, (start, end) in enumerate(spans)
            if (i in by_sentence and self._worth_parsing(text[start:end], by_sentence[i]))
            # "The suspected gunman is taken into custody.": roles alone, in a follow-up sentence
            or (i > 0 and all(vague(m) for m in by_sentence.get(i, [])) and _follow_up(text[start:end]))
            or self._placed_violence(text[start:end], by_sentence.get(i, []), mentions)
        ]  # fmt: skip
        return _Prepared(text, spans, by_sentence, to_parse)

    def _placed_violence(self, sentence: str, here: list, mentions: list) -> bool:
        """ "Gunmen kill 100 people in Spin Boldak District, Kandahar Province.": violence by no one the
        dictionaries place, in a place the gazetteer knows, is that place's news (its unnamed attackers)."""
        if not all(vague(m) for m in here) or len(sentence) > MAX_CHARS:
            return False
        words = {w.lower() for w in _WORD.findall(sentence)}
        if words.isdisjoint(VIOLENT_WORDS) or not self.verbs.could_match(words) or not self.geocoder:
            return False
        countries = sorted({m.actor.country for m in mentions if m.actor.country})
        location = self.geocoder.locate(sentence, countries)
        return location is not None and bool(location.country)

    def _code_batch(self, batch: list[tuple[Article, _Prepared]]) -> Iterator[CodedArticle]:
        articles = [article for article, _ in batch]
        prepared = [p for _, p in batch]
        jobs = [(a_pos, i) for a_pos, p in enumerate(prepared) for i in p.to_parse]
        texts = [prepared[a_pos].sentence(i) for a_pos, i in jobs]
        parsed: list[dict[int, object]] = [{} for _ in articles]
        for (a_pos, s_idx), doc in zip(jobs, self.nlp.pipe(texts, batch_size=BATCH_SENTENCES), strict=True):
            parsed[a_pos][s_idx] = doc
        yield from self._assemble_many(list(zip(articles, prepared, parsed, strict=True)))

    def _assemble(self, article: Article, prepared: _Prepared, docs) -> CodedArticle:
        return self._assemble_many([(article, prepared, docs)])[0]

    def _assemble_many(self, batch: list[tuple[Article, _Prepared, dict]]) -> list[CodedArticle]:
        """The coded articles of a batch: each sentence's rule events, then the judge weighs every
        sentence of the batch at once (its classifiers cost less run over many texts than per sentence)."""
        drafts = [self._draft(*item) for item in batch]
        for d in drafts:
            # Claims of responsibility go to the rules' events before the judge weighs them: it learnt from
            # them so applied (training/train.py codes with the rules alone), and it never makes an
            # unnamed attack of its own, so nothing is left to claim after it.
            claimed_attacks([s.events for s in d.sentences])
        judge = self.judge
        pending = [(d, s) for d in drafts for s in d.sentences if s.judged is not None]
        if judge is not None and pending:
            verdicts = judge.judge_many([s.judged for _, s in pending if s.judged is not None])
            for (_, s), found in zip(pending, verdicts, strict=True):
                s.events = [
                    e for e in found if not (s.accident and e.type == "ASSAULT" and e.rule == LEARNED_RULE)
                ]
        coded = []
        companies = self.companies
        for d in drafts:
            events = [replace(e, event_id=f"{d.article.id}-{s.index}-{k}")
                      for s in d.sentences for k, e in enumerate(s.events)
                      if not business_act(e, companies)]  # fmt: skip
            coded.append(CodedArticle(d.article.id, d.coded, once_each(events)))
        return coded

    def _draft(self, article: Article, prepared: _Prepared, docs) -> _Draft:
        """An article's sentences and their rule events, with what the judge is to weigh for each."""
        text, spans, by_sentence = prepared.text, prepared.spans, prepared.by_sentence
        draft = _Draft(article, [], [])
        countries = sorted({m.actor.country for ms in by_sentence.values() for m in ms if m.actor.country})
        judge = self.judge
        last_home: str | None = None  # the country the latest sentence's news was in
        earlier: list[Event] = []  # the rules' events of the sentences before, for a reaction to name
        for s_idx, (start, end) in enumerate(spans):
            sentence = text[start:end]
            mentions = by_sentence.get(s_idx, [])
            countries_here = {m.actor.country for m in mentions if m.actor.country}
            if len(countries_here) == 1:
                last_home = next(iter(countries_here))
            date = self._event_date(sentence, article.published) if mentions else article.published
            actors = [_actor_dict(m, start) for m in mentions]
            draft.coded.append(CodedSentence(s_idx, sentence, date, actors, text.find(sentence)))
            doc = docs.get(s_idx)
            matches = self._matches(doc, mentions, start) if doc is not None else []
            judged = judge is not None and bool(mentions)
            if not matches and not judged:
                continue
            location = self.geocoder.locate(sentence, countries) if self.geocoder else None
            location = self._sovereign(location, countries)
            found = []
            if matches:
                # who reports the news ("..., a spokeswoman for the US embassy said") is not where it happened
                cut = start + _news_end(sentence)
                placed = {m.actor.country for m in mentions if m.actor.country and m.start_char < cut}
                home = next(iter(placed)) if len(placed) == 1 else None
                if not placed and location is not None and location.country:
                    # "Oregon Governor Kate Brown announces", "authorities in Quebec": a sentence naming
                    # no country but a place of one is that country's news (a state, a city, a province)
                    home = location.country
                if home is None and (all(vague(m) for m in mentions) or not countries_here):
                    # "A suspect has been arrested.", "Soldiers then stormed a militant hideout": a sentence
                    # that names no country (roles, groups of none) is where the article's news was
                    home = last_home
                found = build_events(
                    matches, article, s_idx, sentence, date, location, self.verbs, home, earlier
                )
                earlier.extend(found)  # read by build_events only during its call
            step = _Step(s_idx, found, accident=accidental_harm(matches))
            if judged:
                new = partial(_learned_event, article, s_idx, sentence, date, location)
                step.judged = (sentence, parties(sentence, draft.coded[-1].actors, location), found, new)
            draft.sentences.append(step)
        return draft

    def _sovereign(self, location, countries: list[str]):
        """The place's country as the actor dictionary knows its name: a place the gazetteer files under a
        dependency ("Macau": MAC) is of its sovereign state (GUIDELINES), and a region the article's own
        country has ("Victoria" in news of Australia) is not a namesake abroad (the Seychelles' capital)."""
        if location is None or not location.country:
            return location
        known = getattr(self.resolver.dictionaries, "countries", None) or {}
        found = {m.actor.country for m in self.resolver.find(location.name) if m.actor.country}
        if len(found) != 1:
            return location
        country = found.pop()
        if country != location.country and (location.country not in known or country in countries):
            return replace(location, country=country)
        return location

    def _matches(self, doc, mentions: list, start: int) -> list:
        """The rules' matches in a parsed sentence: verb patterns, then nominal events, then obligations."""
        idx = MentionIndex(doc, mentions, start)
        matches = verb_matches(doc, idx, self.verbs, self.disabled_rules)
        consumed = {i for m in matches for i in m.consumed} | {m.trigger.i for m in matches}
        matches += nominal_matches(doc, idx, self.verbs, consumed)
        matches += obligation_matches(doc, idx)
        matches += claim_matches(matches, idx)
        return matches


def _learned_event(article: Article, s_idx: int, sentence: str, date: str | None, location, type_: str,
                   source: dict, target: dict | None, confidence: float) -> Event:  # fmt: skip
    """An event the trained models found and the verifier kept (no rule fired for it)."""
    return Event(
        event_id="", doc_id=article.id, sentence_index=s_idx, sentence=sentence, date=date, type=type_,
        cameo=cameo_root(type_), intensity=intensity(type_), quad_class=quad_class(type_),
        source=Actor(**source), target=Actor(**target) if target else None, location=location,
        confidence=confidence, rule=LEARNED_RULE, url=article.url, outlet=article.outlet,
    )  # fmt: skip


_ATTRIBUTION = lexicon().pattern("events-coder.attribution", flags=0)


def _news_end(sentence: str) -> int:
    """Where the news of a sentence ends and its attribution ("..., police said Monday.") begins."""
    m = _ATTRIBUTION.search(sentence)
    return m.start() if m else len(sentence)


_FOLLOW_UP = frozenset(lexicon().words("events-coder.follow_up_acts"))


def _follow_up(sentence: str) -> bool:
    """A sentence with no actor that may still report a state's act on someone ("A suspect is arrested.")."""
    return len(sentence) <= MAX_CHARS and not _FOLLOW_UP.isdisjoint(
        w.lower() for w in _WORD.findall(sentence)
    )


_ETHNIC = lexicon().pattern("events-coder.ethnic")


def _ethnic_community(m, text: str):
    """ "Ethnic Albanians" are a community, mostly citizens of another state ("in Serbia",
    "in Macedonia"): civilians of no country of their own, left for the sentence to place."""
    if m.kind != "country" or not _ETHNIC.search(text[max(0, m.start_char - 12) : m.start_char]):
        return m
    actor = replace(m.actor, name=None, code="CVL", country=None, sector="CVL")
    return replace(m, actor=actor, kind="role")


_ROLE_PLACE_AFTER = lexicon().pattern("events-coder.role_place_after", flags=0)
_ROLE_PLACE_BEFORE = lexicon().pattern("events-coder.role_place_before", flags=0)
OFFICIAL_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG"})
MIN_CITY_POPULATION = 100_000  # a city big enough that its name is not a namesake's


def _local_official(m, text: str, gazetteer):
    """ "Authorities in Shanghai", "the governor of Texas", "Oregon Governor Kate Brown": an official of a
    state, province or city is an official of its country (GUIDELINES: a state's officials are the state)."""
    if m.kind != "role" or m.actor.country or m.actor.sector not in OFFICIAL_SECTORS:
        return m
    after = _ROLE_PLACE_AFTER.match(text, m.end_char)
    before = _ROLE_PLACE_BEFORE.search(text[max(0, m.start_char - 60) : m.start_char])
    for found in (after, before):
        if found is None:
            continue
        words = found.group(1).split()
        for end in range(len(words), 0, -1):
            places = [p for p in gazetteer.lookup(" ".join(words[:end])) if p.primary and p.country and
                      (p.is_area or p.is_capital or p.population >= MIN_CITY_POPULATION)]  # fmt: skip
            countries = {p.country for p in places}
            if len(countries) == 1:
                country = countries.pop()
                code = country + (m.actor.sector or "")
                return replace(m, actor=replace(m.actor, country=country, code=code))
    return m


def _actor_dict(m, offset: int) -> ActorMention:
    a = m.actor
    return {
        "text": a.text,
        "name": a.name,
        "code": a.code,
        "country": a.country,
        "sector": a.sector,
        "group": a.group,
        "kind": m.kind,
        "start": m.start_char - offset,
        "end": m.end_char - offset,
    }
