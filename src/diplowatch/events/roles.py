"""Who: the actor mentions that fill a predicate's source and target slots in the parse.

Mentions come from the actor resolver as character spans; here they are pinned to tokens, and a
slot token (a subject, an object, the noun after a preposition) yields the actors it names —
itself, its modifiers ("Iraqi troops", "Lebanon's president", "Hungarian and Romanian officials"),
an "of/in/from" phrase ("supporters of X", "rebels in Y"), and every conjunct ("the US, China and
Russia").

`targets()` tries the rules of TARGET_RULES in this order; the first that finds a placed actor (one with
a country or an organisation, not the source itself) gives the targets, else the first bare role seen:

0. own_people        people the source's pronoun owns are its own ("urge their citizens to leave Iran")
1. direct            the passive subject, the objects, the prepositional objects ("met Qureshi")
2. deeper            deeper in those phrases ("a call for its forces to be deployed in East Timor")
3. clause_below      a clause below the verb ("demanded that Mugabe abandon ...")
4. condition         the subject of the condition a threat or offer hangs on ("... if the US deploys")
5. purpose           a purpose clause or protest phrase ("in protest at X", "to demand that X ...")
6. governing_object  the object of the verb above ("summoned Niger's ambassador to complain")
7. place             for hostile acts, the people of the place ("reimposed blockades in the West Bank")

Each can be switched off by name (`EventCoder(disabled_rules={"purpose"})`) to measure what it is worth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from diplowatch.lang import lexicon
from diplowatch.nlp.modality import enacted_law

if TYPE_CHECKING:
    from diplowatch.actors.resolver import Mention

LEX = lexicon()
MODIFIER_DEPS = ("compound", "amod", "poss", "nmod", "npadvmod", "nummod")
OF_PREPS = LEX.words("events-roles.of_preps")
PARTY_OF_PREP = LEX.text("events-roles.party_of_prep")
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
SUBJECT_SET = frozenset(SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)
PURPOSE_PREPS = LEX.words("events-roles.purpose_preps")
PLACE_OR_PURPOSE_PREPS = LEX.words("events-roles.place_or_purpose_preps")
PURPOSE_NOUNS = LEX.words("events-roles.purpose_nouns")
PLACE_PREPS = LEX.phrases("events-roles.place_preps")
# Verbs whose object is the one who is to act in the clause they govern ("urged Iraq to withdraw").
OBJECT_CONTROL = LEX.words("events-roles.object_control")
RAISING_PASSIVES = LEX.words("events-roles.raising_passives")
TIME_WORDS = LEX.words("events-roles.time_words")
LEADING_VERB = LEX.text("events-roles.leading_verb")
MEMBER_PARTICIPLES = LEX.words("events-roles.member_participles")
COUNTED_BY = LEX.mapping("events-roles.counted_by")
STATIVE_PASSIVES = LEX.words("events-roles.stative_passives")
STATIVE_PREP = LEX.text("events-roles.stative_prep")
OBJECT_PREPS = LEX.phrases("events-roles.object_preps")
CLAUSE_PREPS = LEX.phrases("events-roles.clause_preps")
OFFER_CONDITION_MARKS = LEX.words("events-roles.offer_condition_marks")
ASIDE_MARKS = LEX.words("events-roles.aside_marks")
REASON_PARTICIPLES = LEX.words("events-roles.reason_participles")
FROM, OUT, OUT_OF = "from", "out", ("of", "from")
OWN_PEOPLE_BLOCKERS = ("to", "for", "with", "against", "into")
FORCES = frozenset({"MIL", "COP", "REB", "UAF", "SPY", "GOV"})
ATTACK_NOUNS = LEX.words("events-roles.attack_nouns")
ATTACK_PREPS = LEX.words("events-roles.attack_preps")
ATTACK_ON_PREPS = LEX.phrases("events-roles.attack_on_preps")
ATTACK_BY_PREPS = LEX.phrases("events-roles.attack_by_preps")
ATTACK_VERBS = LEX.words("events-roles.attack_verbs")


@dataclass
class Slot:
    """An actor mention filling a role, with the token it was found through."""

    mention: Mention
    token: Token
    inherited: bool = False  # taken from a governing clause rather than the verb itself


class MentionIndex:
    """Token position -> the resolved mention covering it, for one parsed sentence."""

    def __init__(self, doc: Doc, mentions: list[Mention], offset: int):
        self.doc = doc
        self.by_token: dict[int, Mention] = {}
        self.tokens_of: dict[int, tuple[int, int]] = {}
        for k, m in enumerate(mentions):
            span = doc.char_span(m.start_char - offset, m.end_char - offset, alignment_mode="expand")
            if span is None:
                continue
            self.tokens_of[k] = (span.start, span.end)
            for i in range(span.start, span.end):
                self.by_token.setdefault(i, m)

    def at(self, tok: Token) -> Mention | None:
        return self.by_token.get(tok.i)

    def head_of(self, mention: Mention) -> Token | None:
        """The last token a mention covers (the head of "its soldiers"), if it is pinned to this parse."""
        found = [i for i, m in self.by_token.items() if m is mention]
        return self.doc[max(found)] if found else None

    def __bool__(self) -> bool:
        return bool(self.by_token)


def conjuncts(tok: Token) -> list[Token]:
    """The token and every token coordinated with it ("the US, China and Russia")."""
    out = [tok]
    for c in tok.conjuncts:
        if c not in out:
            out.append(c)
    # "12 Polish diplomats, 5 Lithuanian diplomats and 3 Latvian diplomats": a list of the same noun that
    # the parser took for an apposition and its conjunct
    for t in list(out):
        for a in t.children:
            if a.dep_ == "appos" and a.pos_ == "NOUN" and a.lemma_ == t.lemma_:
                out += [c for c in (a, *a.conjuncts) if c not in out]
    return out


def is_time(tok: Token) -> bool:
    """A prepositional object that dates the act ("on Saturday") rather than naming a party."""
    return tok.lower_ in TIME_WORDS or tok.like_num


ORGANISATION_CODES = ("IGO", "NGO")


def organisation(actor) -> bool:
    """An international body or an NGO, which has no country of its own (its code says so)."""
    return (actor.code or "").upper().startswith(ORGANISATION_CODES)


def bare(m) -> bool:
    """A role with no country or organisation ("foreign ministers"): a weak reading of a slot."""
    a = m.actor
    return not a.country and not a.group and not organisation(a)


def vague(m) -> bool:
    """A bare role that is not even a named person ("officials", "the President", "residents"):
    on its own it says nothing about who in the world acted."""
    return bare(m) and m.kind != "person" and not m.actor.name


def _actor_of_one(tok: Token, idx: MentionIndex, depth: int = 0) -> list[Mention]:
    found = idx.at(tok)
    if found is not None and bare(found):
        better = [m for m in _modifier_actors(tok, idx, depth) if not bare(m) and m is not found]
        if better:
            return better
    if found is not None:
        # "Hungarian and Romanian officials": the head's mention plus coordinated modifiers
        # and "the foreign ministers of India and Nepal": coordinated "of" objects
        out = [found]
        coordinated = [c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.conjuncts]
        coordinated += [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == PARTY_OF_PREP
            for p in c.children
            if p.conjuncts
        ]
        for c in coordinated:
            for cc in conjuncts(c):
                m = idx.at(cc)
                if m is not None and m not in out:
                    out.append(m)
        return out
    return _modifier_actors(tok, idx, depth)


def _leader(tok: Token, idx: MentionIndex) -> Mention | None:
    """The X of "X-led forces" (whoever leads a force acts through it) or "ISIL-linked militants" (a branch)."""
    if tok.lemma_.lower() not in (LEADING_VERB, *MEMBER_PARTICIPLES) or tok.tag_ != "VBN":
        return None
    for c in tok.children:
        if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and idx.at(c) is not None:
            return idx.at(c)
    return None


def _modifier_actors(tok: Token, idx: MentionIndex, depth: int) -> list[Mention]:
    # a modifier inside the token's own mention ("university students") is no better reading of it
    own = idx.at(tok)
    mods: list = []
    for c in tok.children:
        if c.dep_ in MODIFIER_DEPS:
            for cc in conjuncts(c):
                m = idx.at(cc) or _leader(cc, idx)
                if m is not None and m is not own and m not in mods:
                    mods.append(m)
    if mods:
        return mods
    if own is None:
        # "Lithuanian documentary filmmaker Mantas K.", "Rwandan opposition politician X": a person the
        # dictionaries do not know is of the country of the title before the name
        for c in tok.children:
            if c.dep_ == "compound" and idx.at(c) is None:
                for cc in c.children:
                    m = idx.at(cc) if cc.dep_ in MODIFIER_DEPS else None
                    if m is not None and not bare(m) and m not in mods:
                        mods.append(m)
        if mods:
            return mods
    if depth < 2:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in OF_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        hit = actors_at(p, idx, depth + 1)
                        if hit:
                            return hit
        for c in tok.children:
            if c.dep_ == "appos":
                hit = _actor_of_one(c, idx, depth + 1)
                if hit:
                    return hit
    return []


def actors_at(tok: Token, idx: MentionIndex, depth: int = 0) -> list[Mention]:
    """The distinct mentions a slot token names, conjuncts included, in sentence order."""
    out: list = []
    for t in conjuncts(tok):
        for m in _actor_of_one(t, idx, depth):
            if m not in out:
                out.append(m)
    return out


def _children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    found = [c for c in tok.children if c.dep_ in deps]
    if not found and set(deps) & SUBJECT_SET:
        # "said it had frozen": the parser hangs the subject on the auxiliary; it is the verb's
        found = [
            g for c in tok.children if c.dep_ in ("aux", "auxpass") for g in c.children if g.dep_ in deps
        ]
    return found


def counted_object(verb: Token) -> Token | None:
    """The object behind "up to": "kidnapped up to 16 advisers" parses as a particle and a phrase."""
    particle, prep = COUNTED_BY["particle"], COUNTED_BY["prep"]
    near = [c for c in verb.children] + [g for c in verb.children if c.lower_ == particle for g in c.children]
    for c in near:
        if c.dep_ == "prep" and c.lower_ == prep and c.i > 0 and c.doc[c.i - 1].lower_ == particle:
            for p in c.children:
                if p.dep_ == "pobj" and any(n.dep_ == "nummod" for n in p.children):
                    return p
    return None


def subjects(verb: Token, idx: MentionIndex) -> tuple[list[Slot], bool]:
    """Source slots of a verb and whether it is passive (then the subject is the target)."""
    passive = bool(_children(verb, PASSIVE_SUBJECT_DEPS)) or any(c.dep_ == "auxpass" for c in verb.children)
    if passive and _stative(verb):
        # "Israel is opposed to X", "Vietnam is committed to Y": a state of the subject, not a passive
        holders = [Slot(m, s) for s in _children(verb, PASSIVE_SUBJECT_DEPS) for m in actors_at(s, idx)]
        return holders, False
    if passive:
        agents = [
            Slot(m, p)
            for a in _children(verb, ("agent",))
            for p in _children(a, ("pobj",))
            for m in actors_at(p, idx)
        ]
        return agents or attackers(verb, idx), True
    for s in _children(verb, SUBJECT_DEPS):
        if s.tag_ == "WDT" and verb.dep_ == "relcl" and enacted_law(verb.head):
            break  # "signs a law that requires ...": the law's act is the signer's
        if s.tag_ == "VBG" and _children(s, ("nsubj",)):
            # "The Red Cross operating in Iraq said" misparsed as a clause subject: its own subject speaks
            s = _children(s, ("nsubj",))[0]
        hits = actors_at(s, idx)
        if hits and all(bare(m) for m in hits) and any(c.tag_ == "PRP$" for c in s.children):
            # "Bosnian Serbs said their forces had withdrawn": the owner is the speaker
            owner = speaker(verb, idx)
            if owner:
                return [Slot(m, t, inherited=True) for m, t in owner], False
        if hits:
            return [Slot(m, s) for m in hits], False
        if s.tag_ == "PRP" or _own_polity(s):
            return [Slot(m, t, inherited=True) for m, t in speaker(verb, idx)], False
        # a thing as subject is its owner's act ("US Predator attacks killed ...", "Israel's shelling");
        # a subject with no actor in it at all ("a roadside bombing killed ...") gives no source
        return [Slot(m, s) for m in _owner_actors(s, idx)], False
    return [Slot(m, t, inherited=True) for m, t in _inherited_subject(verb, idx)], False


def _own_polity(tok: Token) -> bool:
    """ "Governor X announces that the state will extend ...": "the state", "the government" in what someone
    reports is the speaker's own (the resolver knows no actor in it)."""
    return tok.lemma_.lower() in OWN_POLITY_NOUNS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children
    )


def attack_nouns(verb: Token) -> list[Token]:
    """The attack a passive act was done in: "killed in a Russian drone attack", "hurt by Israeli fire"."""
    return [
        p
        for c in verb.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ATTACK_PREPS
        for p in c.children
        if p.dep_ == "pobj" and p.lemma_.lower() in ATTACK_NOUNS
    ]


def attackers(verb: Token, idx: MentionIndex) -> list[Slot]:
    """The doer of an agentless passive is the owner of the attack it happened in ("Two people are killed
    in a Russian drone attack on Sumy": Russia), or the one it names ("in an attack by Boko Haram"), or the
    subject of the attack clause that gives its time ("are killed as Boko Haram fighters attack a post",
    "when gunmen open fire"); never the victims."""
    # "are killed and others injured in an attack by Boko Haram": the phrase may hang on either verb, and the
    # elided second verb may be parsed as a participle on its subject ("others" coordinated with "killed")
    verbs = [verb, *verb.conjuncts]
    verbs += [a for v in verb.conjuncts if v.pos_ in ("NOUN", "PRON") for a in v.children if a.dep_ == "acl"]
    nouns = [n for v in verbs for n in attack_nouns(v)]
    found = [Slot(m, p) for p in nouns for m in _owner_actors(p, idx)]
    found = found or [Slot(m, p) for n in nouns for p in preps(n, ATTACK_BY_PREPS)
                      for m in actors_at(p, idx) if not bare(m)]  # fmt: skip
    if found:
        return found
    if verb.lemma_.lower() in ATTACK_VERBS:
        # "Three rockets are fired from Lebanon at northern Israel": where the fire came from fired it
        found = [Slot(m, p) for p in preps(verb, (FROM,)) for m in actors_at(p, idx) if not bare(m)]
        if found:
            return found
    clauses = [c for v in (verb, *verb.conjuncts) for c in v.children
               if c.dep_ == "advcl" and c.lemma_.lower() in ATTACK_VERBS]  # fmt: skip
    return [
        Slot(m, s)
        for c in clauses
        for s in _children(c, ("nsubj",))
        for m in actors_at(s, idx)
        if not bare(m)
    ]


def _owner_actors(tok: Token, idx: MentionIndex, limit: int = 3) -> list[Mention]:
    """Placed actors among a noun's modifiers, nearest first ("US Predator attacks"); phrases after
    the noun ("a bombing near Samarra") name places, not doers, and are not searched."""
    frontier = [tok]
    for _ in range(limit):
        frontier = [c for t in frontier for c in t.children if c.dep_ in MODIFIER_DEPS]
        found: list = []
        for t in frontier:
            m = idx.at(t)
            if m is not None and not bare(m) and m not in found:
                found.append(m)
        if found:
            return found
    return []


def _stative(verb: Token) -> bool:
    """An attitude in passive form with "to" and no agent ("is opposed to", "is committed to")."""
    return (
        verb.lemma_.lower() in STATIVE_PASSIVES
        and any(c.dep_ == "prep" and c.lower_ == STATIVE_PREP for c in verb.children)
        and not _children(verb, ("agent",))
    )


def speaker(verb: Token, idx: MentionIndex) -> list[tuple[Mention, Token]]:
    """An unresolved pronoun subject in a reported or adverbial clause is the main subject
    ("Japan said it had halted", "Qureshi remarked as he began")."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    speaker = clause.head
    if clause.dep_ == "acl" and speaker.pos_ == "NOUN":
        # "announced in a statement that they are withdrawing": the verb that governs the noun
        speaker = speaker.head.head if speaker.dep_ == "pobj" else speaker.head
    elif clause.dep_ not in ("ccomp", "advcl"):
        return []
    for s in _children(speaker, SUBJECT_DEPS):
        return [(m, s) for m in actors_at(s, idx)]
    return []


def _inherited_subject(verb: Token, idx: MentionIndex, steps: int = 0) -> list[tuple[Mention, Token]]:
    """The subject a verb shares with the clause above it ("agreed to send", "met and signed")."""
    head, dep = verb.head, verb.dep_
    if (
        head.i == verb.i
        or steps > 3
        or dep not in ("xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "pobj", "acomp")
    ):
        return []
    if dep == "relcl" or (dep == "acl" and verb.tag_ == "VBG"):  # "troops, who fired" / "troops firing"
        described = [(m, head) for m in actors_at(head, idx)]
        if described or (dep == "relcl" and not enacted_law(head)) or head.dep_ != "dobj":
            return described
        # "issued a declaration demanding ...": the one who issued it
        return [(m, s) for s in _children(head.head, SUBJECT_DEPS) for m in actors_at(s, idx)]
    if dep == "acl" and verb.tag_ == "VB" and head.dep_ in ("dobj", "attr") and head.pos_ == "NOUN":
        # "announced plans to send troops": the one who announced the plans, unless the plans have
        # an owner of their own ("rejected a US offer to lift sanctions")
        owners = [
            m for c in head.children if c.dep_ in ("poss", "compound", "amod") for m in [idx.at(c)] if m
        ]
        if owners:
            return [(m, head) for m in owners]
        return [(m, s) for s in _children(head.head, SUBJECT_DEPS) for m in actors_at(s, idx)]
    if dep == "pobj" or dep == "pcomp":
        # "After meeting with X, Blinken stated ...": the subject of the verb the phrase hangs on
        if head.dep_ != "prep" or head.head.pos_ not in ("VERB", "AUX"):
            return []
        outer = head.head
        for s in _children(outer, SUBJECT_DEPS):
            return [(m, s) for m in actors_at(s, idx)]
        return _inherited_subject(outer, idx, steps + 1)
    if dep == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
        for o in _children(head, ("dobj",)):
            hits = actors_at(o, idx)
            if hits:
                return [(m, o) for m in hits]
    for s in _children(head, SUBJECT_DEPS):
        hits = actors_at(s, idx)
        if not hits and s.tag_ == "PRP":  # "Syria says it is willing to withdraw": the speaker
            return speaker(head, idx)
        return [(m, s) for m in hits]
    if _children(head, PASSIVE_SUBJECT_DEPS) and (
        dep == "conj" or (dep == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL | RAISING_PASSIVES)
    ):
        # "was indicted by the court and will resign": the one indicted resigns; "officials are expected
        # to meet", "troops were ordered to withdraw": the passive's subject does the act below it
        return [(m, s) for s in _children(head, PASSIVE_SUBJECT_DEPS) for m in actors_at(s, idx)]
    agents = [p for a in _children(head, ("agent",)) for p in _children(a, ("pobj",))]
    if agents:
        return [(m, agents[0]) for m in actors_at(agents[0], idx)]
    if head.dep_ == "prep":
        return _inherited_subject(head.head, idx, steps + 1) if head.head.pos_ in ("VERB", "AUX") else []
    return _inherited_subject(head, idx, steps + 1)


def preps(tok: Token, names: tuple[str, ...]) -> list[Token]:
    """Objects of the named prepositions hanging on `tok` ("with X", "on X"), in the order the
    names are given: a pattern lists its most telling preposition first."""
    found = [c for c in tok.children if c.dep_ in ("prep", "dative", "agent") and c.lower_ in names]
    if FROM in names:
        # "pull its soldiers out of Niger": "out of" is "from", parsed as two prepositions
        found += [g for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ == OUT
                  for g in c.children if g.dep_ == "prep" and g.lower_ in OUT_OF]  # fmt: skip
    found.sort(key=lambda c: names.index(c.lower_) if c.lower_ in names else names.index(FROM))
    return [p for c in found for p in c.children if p.dep_ in ("pobj", "pcomp") and not is_time(p)] + (
        marked_subjects(tok, names)
    )


def marked_subjects(tok: Token, names: tuple[str, ...]) -> list[Token]:
    """ "calls for Israel to mediate": the parser reads "for" as the mark of a clause whose subject is the
    preposition's object."""
    return [
        s
        for c in tok.children
        if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ in names for m in c.children)
        for s in c.children
        if s.dep_ == "nsubj"
    ]


@dataclass
class TargetSearch:
    """What the target rules share for one predicate: its verb and object, the slots found so far."""

    verb: Token
    obj: Token | None
    prep_names: tuple[str, ...]
    idx: MentionIndex
    own: set[object]  # the sources' mentions (by id) and (name, code) pairs: never their own target
    owned_object: bool  # the object's own modifiers belong to the source side
    place_target: bool  # a hostile act on a place falls on those who live there
    venue: bool = False  # a meeting's or a deal's place is where it was held ("met in Doha"), never a party
    candidates: list[Token] = field(default_factory=list)  # passive subject, objects, prepositional objects
    owned: set[int] = field(default_factory=set)  # the owned object with its conjuncts
    fallback: list[Slot] = field(default_factory=list)  # a bare role ("troops") when nothing better turns up
    sources: Sequence[Slot] = ()

    def placed(self, hits: list[Mention], tok: Token, inherited: bool = False) -> list[Slot]:
        """The placed actors among `hits` that are not the source; the first bare ones are kept as a fallback."""
        hits = [m for m in hits if id(m) not in self.own and (m.actor.name, m.actor.code) not in self.own]
        hits = [m for m in hits if not mediator(self.idx.head_of(m))]
        if hits and not self.fallback:
            self.fallback.extend(Slot(m, tok, inherited) for m in hits)
        return [Slot(m, tok, inherited) for m in hits if not bare(m)]

    def is_obj(self, tok: Token) -> bool:
        return self.owned_object and self.obj is not None and tok.i in self.owned


MEDIATION_VERBS = LEX.words("events-roles.mediation_verbs")
TRAVEL_VERBS = LEX.words("events-roles.travel_verbs")
OWN_POLITY_NOUNS = LEX.words("events-roles.own_polity_nouns")
MEDIATOR_DEPS = ("npadvmod", "compound", "nmod", "pobj", "agent")


def mediator(tok: Token | None) -> bool:
    """ "an EU-brokered deal", "an exchange mediated by Turkey": the go-between of an act is no party to it."""
    cur, steps = tok, 0
    while cur is not None and cur.head.i != cur.i and cur.dep_ in MEDIATOR_DEPS and steps < 3:
        cur, steps = cur.head, steps + 1
        if cur.tag_ == "VBN" and cur.lemma_.lower() in MEDIATION_VERBS:
            return True
    return False


def _direct(search: TargetSearch) -> list[Slot]:
    """The passive subject, the objects and the prepositional objects themselves ("met Qureshi")."""
    for tok in search.candidates:
        if found := search.placed(actors_at(tok, search.idx), tok):
            return found
    return []


def _deeper(search: TargetSearch) -> list[Slot]:
    """Deeper in the object phrase: "rejected a call for its forces to be deployed in East Timor"."""
    for tok in search.candidates:
        if tok.dep_ not in PASSIVE_SUBJECT_DEPS and not search.is_obj(tok):
            if found := search.placed(nearest_actors(tok, search.idx), tok):
                return found
    # "bans foreigners who have travelled to Namibia": where the people a measure names have been
    for tok in search.candidates:
        named = [tok, *(p for prep in tok.children if prep.dep_ == "prep" for p in prep.children)]
        for people in (c for t in named for c in conjuncts(t)):
            for clause in people.children:
                if clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in TRAVEL_VERBS:
                    if found := search.placed(nearest_actors(clause, search.idx), clause):
                        return found
    return []


def _clause_below(search: TargetSearch) -> list[Slot]:
    """A clause below the verb: "demanded that Mugabe abandon ...", "threatened to shell Iraqi towns"."""
    for c in search.verb.children:
        if c.dep_ in ("ccomp", "xcomp", "advcl") and not _aside(c):
            objs = _children(c, ("dobj",))
            slots = _children(c, ("nsubj", "nsubjpass")) + objs + preps(c, CLAUSE_PREPS)
            for o in slots + [p for ob in objs for p in preps(ob, CLAUSE_PREPS)]:
                if found := search.placed(actors_at(o, search.idx), o, inherited=True):
                    return found
    return []


def _condition(search: TargetSearch) -> list[Slot]:
    """The one a threat or an offer hangs on: "threatened to quit the talks if the US deploys ..."."""
    verb = search.verb
    clauses = [verb] + [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    for c in clauses:
        for cond in _children(c, ("advcl",)):
            if any(m.dep_ == "mark" and m.lower_ in OFFER_CONDITION_MARKS for m in cond.children):
                for o in _children(cond, ("nsubj", "nsubjpass")):
                    if found := search.placed(actors_at(o, search.idx), o, inherited=True):
                        return found
    return []


def _purpose(search: TargetSearch) -> list[Slot]:
    """The purpose clause or protest phrase ("to demand the resignation of X", "in protest at X")."""
    for c in search.verb.children:
        if c.dep_ in ("advcl", "xcomp", "prep") and (c.dep_ != "prep" or c.lower_ in PURPOSE_PREPS):
            if c.dep_ == "advcl" and (_aside(c) or _marked(c)):
                continue
            if (
                c.lower_ in PLACE_OR_PURPOSE_PREPS
                and (search.fallback or search.venue)
                and not any(p.lemma_.lower() in PURPOSE_NOUNS for p in c.children)
            ):
                # "journalists were detained in Kabul": the place is where, the journalists whom; "met in
                # Doha": a meeting's or a deal's place is where it was held
                continue
            if found := search.placed(nearest_actors(c, search.idx), c, inherited=True):
                return found
    return []


def _governing_object(search: TargetSearch) -> list[Slot]:
    """ "summoned Niger's ambassador to complain": the one summoned is the one complained to, unless
    the governing verb hands its object the act ("urged the EC to support")."""
    verb, head = search.verb, search.verb.head
    if verb.dep_ in ("xcomp", "advcl") and head.i != verb.i and head.lemma_.lower() not in OBJECT_CONTROL:
        for o in _children(head, ("dobj",)):
            if found := search.placed(actors_at(o, search.idx), o, inherited=True):
                return found
    return []


def _place(search: TargetSearch) -> list[Slot]:
    """A hostile act on a place falls on those who live there ("reimposed blockades in the West Bank")."""
    if search.place_target and not search.fallback:
        obj = search.obj
        where = preps(search.verb, PLACE_PREPS) + [
            p for o in ([obj] if obj is not None else []) for p in preps(o, PLACE_PREPS)
        ]
        for tok in where:
            if found := search.placed(nearest_actors(tok, search.idx), tok, inherited=True):
                return found
    return []


def _own_people(search: TargetSearch) -> list[Slot]:
    """ "The Netherlands urge their citizens to leave Iran", "Chad told its soldiers to ...": people the
    source's own pronoun owns are of the source's country (not a thing it owns: "withdrew its troops")."""
    countries = {s.mention.actor.country for s in search.sources}
    if search.owned_object or len(countries) != 1 or None in countries:
        return []
    (country,) = countries
    for o in _children(search.verb, ("dobj",)):
        if not any(c.tag_ == "PRP$" for c in o.children):
            continue
        # "recalls its ambassador to the United States": the phrase names the other side; leave it to it
        if any(not bare(m) for m in nearest_actors(o, search.idx)):
            continue
        # "offered its troops to Lebanon": forces are sent to someone; the one named is the target
        if any(
            not bare(m) for p in preps(search.verb, OWN_PEOPLE_BLOCKERS) for m in actors_at(p, search.idx)
        ):
            continue
        hit = search.idx.at(o)  # a people noun the resolver knows as a role ("citizens"), not a force
        if hit is not None and hit.actor.sector not in FORCES:
            people = replace(hit.actor, text=o.text, name=None, code=country, country=country)
            return [Slot(replace(hit, actor=people), o, inherited=True)]
    return []


# The target rules, tried in this order; the first that finds a placed actor gives the targets.
TARGET_RULES: tuple[tuple[str, Callable[[TargetSearch], list[Slot]]], ...] = (
    ("own_people", _own_people),
    ("direct", _direct),
    ("deeper", _deeper),
    ("clause_below", _clause_below),
    ("condition", _condition),
    ("purpose", _purpose),
    ("governing_object", _governing_object),
    ("place", _place),
)
TARGET_RULE_NAMES = frozenset(name for name, _ in TARGET_RULES)


def check_rules(names: Iterable[str]) -> frozenset[str]:
    """The rule names to switch off, checked: an unknown name is an error, not a silent no-op."""
    chosen = frozenset(names)
    unknown = chosen - TARGET_RULE_NAMES
    if unknown:
        raise ValueError(f"unknown target rule(s) {sorted(unknown)}; known: {sorted(TARGET_RULE_NAMES)}")
    return chosen


def targets(
    verb: Token,
    obj: Token | None,
    prep_names: tuple[str, ...],
    passive: bool,
    idx: MentionIndex,
    sources: Sequence[Slot] = (),
    owned_object: bool = False,
    place_target: bool = False,
    disabled: frozenset[str] = frozenset(),
    venue: bool = False,
) -> tuple[list[Slot], str]:
    """Target slots: passive subject, direct/indirect object, prepositional objects, then clauses
    (the rules of TARGET_RULES in order, less those named in `disabled`), and the name of the rule that
    found them ("fallback" when none did), which the event's `rule` carries.

    A slot naming only the source itself ("withdrew its troops from Georgia") is passed over, and
    with `owned_object` the object's own modifiers belong to the source side ("repeated US goals
    for the Taliban", "imposed EU sanctions on Belarus"): only its prepositions can name a target.
    """
    own: set[object] = {id(s.mention) for s in sources}
    own |= {(s.mention.actor.name, s.mention.actor.code) for s in sources}
    search = TargetSearch(verb, obj, prep_names, idx, own, owned_object, place_target, venue, sources=sources)
    search.owned = {t.i for t in ([obj, *obj.conjuncts] if obj is not None else [])}
    if passive:
        search.candidates += _children(verb, PASSIVE_SUBJECT_DEPS)
        # "killed in an Israeli airstrike on Gaza": what the attack was on
        search.candidates += [p for a in attack_nouns(verb) for p in preps(a, ATTACK_ON_PREPS)]
    direct = _children(verb, ("dobj", "dative", "iobj", "attr", "oprd"))
    counted = counted_object(verb) if not direct else None
    search.candidates += [
        c for c in direct + ([counted] if counted is not None else []) if not search.is_obj(c)
    ]
    search.candidates += preps(verb, prep_names)
    if obj is not None:
        for o in (obj, *obj.conjuncts):
            search.candidates += preps(o, prep_names + OBJECT_PREPS)
    for name, rule in TARGET_RULES:
        if name not in disabled and (found := rule(search)):
            return found, name
    return _owned_byspeaker(search.fallback, verb, idx), "fallback"


def _owned_byspeaker(slots: list[Slot], verb: Token, idx: MentionIndex) -> list[Slot]:
    """ "Azerbaijan reports that one of its soldiers was killed", "Israel says its soldiers were attacked":
    a bare role the pronoun "its"/"their" owns is of the one who speaks (the main clause's placed subject)."""
    owners = [m for m, _ in speaker(verb, idx) if not bare(m)] if slots else []
    if len({m.actor.country for m in owners}) != 1 or owners[0].actor.country is None:
        return slots
    country = owners[0].actor.country
    out = []
    for slot in slots:
        m = slot.mention
        head = idx.head_of(m)
        if bare(m) and head is not None and any(c.tag_ == "PRP$" for c in head.children):
            code = (
                country + (m.actor.sector or "") if m.actor.sector and len(m.actor.sector) == 3 else country
            )
            slot = replace(slot, mention=replace(m, actor=replace(m.actor, country=country, code=code)))
        out.append(slot)
    return out


def _marked(clause: Token) -> bool:
    """A clause opened by a conjunction ("if war starts in Iraq") rather than a purpose ("to demand")."""
    return any(c.dep_ == "mark" for c in clause.children)


def time_or_cause(clause: Token) -> bool:
    """A clause opened by "as", "after", "while", "because"...: it gives the time, cause or contrast
    of something else ("as authorities in Croatia cracked down")."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in ASIDE_MARKS for c in clause.children)


def _aside(clause: Token) -> bool:
    """A clause about something else: its time, cause or contrast, or a participle giving a reason
    ("citing ...")."""
    if time_or_cause(clause):
        return True
    return clause.dep_ == "advcl" and clause.lemma_.lower() in REASON_PARTICIPLES


def nearest_actors(tok: Token, idx: MentionIndex, limit: int = 4) -> list[Mention]:
    """The actors closest to `tok` in its subtree (breadth first, clauses of their own excluded)."""
    frontier, depth = [tok], 0
    while frontier and depth <= limit:
        level: list = []
        for t in frontier:
            m = idx.at(t)
            if m is not None and m not in level:
                level.append(m)
        if any(not bare(m) for m in level):
            # "travellers from Chile, Peru and Bolivia": the parser chains each conjunct on the one before,
            # a level deeper; all of them are named together
            for t in frontier:
                if idx.at(t) is not None:
                    for c in t.conjuncts:
                        m = idx.at(c)
                        if m is not None and m not in level:
                            level.append(m)
            return level
        frontier = [
            c for t in frontier for c in t.children if c.dep_ not in ("relcl", "advcl", "ccomp", "punct")
        ]
        depth += 1
    return []
