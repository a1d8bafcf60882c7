"""What: match the verb dictionary over one parsed sentence.

For each verb whose lemma the dictionary knows, the most specific pattern whose conditions hold
(object class, particle, preposition) wins; roles.py finds the source and target slots and
nlp/modality.py whether the act happened. Nominal events ("talks with", "X's visit to Y") are added by
nominal.py for nouns the verbs did not already take.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from diplowatch.events.roles import (
    MentionIndex,
    Slot,
    actors_at,
    bare,
    counted_object,
    is_time,
    marked_subjects,
    nearest_actors,
    preps,
    speaker,
    subjects,
    targets,
    time_or_cause,
)
from diplowatch.events.verbs import VerbDictionary, VerbPattern
from diplowatch.lang import lexicon
from diplowatch.nlp.modality import Modality, enacted_law, modality

# Object classes whose noun is itself the target ("arrested Palestinians", "expelled Russian diplomats");
# other classes are things the source owns or gives ("its troops", "US sanctions").
TARGET_CLASSES = ("actor", "people", "diplomat-noun")
# Acts that, done in a place, fall on the people or authorities there ("eased curbs in Montenegro").
PLACE_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "CONCEDE", "PROTEST"})
# Acts done together somewhere: "in Doha" is where they met or signed, not with whom.
VENUE_ACTS = frozenset({"CONSULT", "AGREE", "COOPERATE"})
VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
LEX = lexicon()
REPORTING = LEX.words("events-matcher.reporting_verbs")
SAID_NOUNS = LEX.words("events-matcher.said_nouns")
BACKGROUND_PREPS = LEX.words("events-roles.background_preps")
REASON_PREPS = LEX.words("events-matcher.reason_preps")
EARLIER_ADVERBS = LEX.words("events-matcher.earlier_adverbs")
RESCUE_COMPOUNDS = LEX.words("events-matcher.rescue_compounds")
DISCONTINUE, PHONE = "discontinue", "phone"
ARRIVAL_VERBS = LEX.words("events-matcher.arrival_verbs")
OBJECT_PREPS = LEX.phrases("events-matcher.object_preps")
INNER_OBJECT_PREPS = LEX.words("events-matcher.inner_object_preps")
AMOUNT_PREP = LEX.text("events-matcher.amount_prep")
AMOUNT_NOUNS = LEX.words("events-matcher.amount_nouns")
ACTIVITY_HEADS = LEX.words("events-matcher.activity_heads")
RESULT_PARTICIPLES = LEX.words("events-matcher.result_participles")
MEETING_VERB = LEX.text("events-matcher.meeting_verb")
WARNING_VERBS = LEX.words("events-matcher.warning_verbs")
JOIN_VERB = LEX.text("events-matcher.join_verb")
JOIN_REQUESTS = LEX.words("events-matcher.join_requests")
MEETING_PREP = LEX.text("events-matcher.meeting_prep")
WITHDRAWAL_ORDERS = LEX.words("events-matcher.withdrawal_orders")
WITHDRAWN_PEOPLE = LEX.words("events-matcher.withdrawn_people")
LEAVING_VERBS = LEX.words("events-matcher.leaving_verbs")
GIVER_PREPS = ("from",)
GIVING_PARTICIPLES = LEX.words("events-matcher.giving_participles")
CHANNEL_PREPS = LEX.words("events-matcher.channel_preps")
PERSONAL_DOSES = ("dose", "doses", "dos", "booster", "jab", "shot")
OWN_CLAUSES = ("relcl", "advcl", "ccomp", "punct")
PARTNER_PREPS = ("with",)
OFFICE_PREPS = ("as",)
RESIGN = "resign"
HEADLINE_TAGS = ("VBZ", "VBD", "NNS")  # finite verbs, which no noun phrase holds ("claims" read as a plural)
HEADLINE_DEPS = ("compound", "amod", "nmod")
NOUNS = ("NOUN", "PROPN")
DISMISS, BUSINESS = "dismiss", "BUS"
ANNOUNCED_MEASURES = ("restrict", "curfew", "ease")  # modes of a government's measures on its own people


@dataclass
class Match:
    """One predicate found in a sentence, before it becomes records.Event(s)."""

    type: str
    rule: str
    trigger: Token
    trigger_text: str
    sources: list[Slot]
    targets: list[Slot]
    modality: Modality
    confidence: float
    mode: str | None = None
    cameo: str | None = None
    context: str | None = None
    consumed: set[int] = field(default_factory=set)  # token positions this match used as its object


def _is_verb(tok: Token) -> bool:
    # "Protesters in Kabul call for ...": a root with a subject is the verb the tagger read as a noun
    return (
        tok.tag_ in VERB_TAGS
        or tok.pos_ == "VERB"
        or (tok.dep_ == "ROOT" and tok.tag_ in ("NN", "NNS") and any(c.dep_ == "nsubj" for c in tok.children))
    )


def _headline_noun(verb: Token) -> Token | None:
    """ "Ukraine reopens schools" parsed as one noun phrase (the verb a compound of "schools"): a finite
    verb inside a noun's modifiers is a headline's verb, and that noun its object."""
    head = verb.head
    if verb.tag_ in HEADLINE_TAGS and verb.dep_ in HEADLINE_DEPS and head.i > verb.i and head.pos_ in NOUNS:
        return head
    if verb.tag_ == "NNS" and verb.dep_ == "ROOT":
        # "A Mexican court sentences Vicente Carrillo Fuentes ...": the verb read as the root noun, its
        # subject as modifiers before it and its object as an apposition after it
        return next((c for c in verb.children if c.i > verb.i and c.dep_ in ("appos", "dobj")), None)
    return None


def _headline_subjects(verb: Token, idx: MentionIndex) -> list[Slot]:
    """The actors before a headline's verb parsed as a modifier ("Ukraine" in "Ukraine reopens schools")."""
    head = _headline_noun(verb)
    if head is None:
        return []
    nearby = (*verb.children, *head.children) if head.head.i != verb.i else tuple(verb.children)
    before = [t for t in nearby if t.i < verb.i and t.dep_ in HEADLINE_DEPS]
    return [Slot(m, t) for t in before for m in actors_at(t, idx) if not bare(m)]


def _object_token(verb: Token, passive: bool) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd"):
            return c
    if (noun := _headline_noun(verb)) is not None:
        return noun
    if passive:
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return c
    return counted_object(verb)


def _main_clause(tok: Token) -> bool:
    """The sentence's own news: its root verb, or the clause a reporting verb carries."""
    if tok.dep_ == "ROOT":
        return True
    head = tok.head
    return tok.dep_ == "ccomp" and head.dep_ == "ROOT" and head.lemma_.lower() in REPORTING


def in_background(tok: Token) -> bool:
    """Inside a clause that sets the scene of the sentence's news rather than being it: a relative
    clause ("troops who fired"), a time or reason clause ("one day after a jet shot down ..."), or a
    phrase of the same kind ("following the killing of ..."). Such acts happened at another time
    the sentence does not give, so they are coded where they are the news, not here."""
    if any(c.dep_ == "advmod" and c.lower_ in EARLIER_ADVERBS for c in tok.children):
        return True  # "the blogger had previously been jailed for a year": told to explain today's news
    cur, steps = tok, 0
    while cur.head.i != cur.i and steps < 10:
        if cur.dep_ == "relcl" and not enacted_law(cur.head):  # "passes a law that requires ..." is the news
            return True
        # "inspectors probing suspect sites": a participle describing someone; on a speech noun
        # ("a declaration demanding ...") it is what was said
        if cur.dep_ == "acl" and cur.tag_ in ("VBG", "VBN") and cur.head.lemma_.lower() not in SAID_NOUNS:
            return True
        if cur.dep_ == "advcl" and time_or_cause(cur):
            return True
        if cur.dep_ in ("pcomp", "pobj") and cur.head.dep_ == "prep" and cur.head.lower_ in BACKGROUND_PREPS:
            return True
        # "sentenced for shooting two journalists", "accused them of attacking": the reason or the charge
        # of an act is another act, at another time
        if (
            cur.dep_ == "pcomp"
            and cur.tag_ == "VBG"
            and cur.head.dep_ == "prep"
            and cur.head.lower_ in REASON_PREPS
        ):
            if cur.head.head.pos_ in ("VERB", "AUX"):
                return True
        cur, steps = cur.head, steps + 1
    return False


def _result(tok: Token) -> bool:
    """ "Troops clash, leaving 23 people dead": a participle telling what another act left behind."""
    return tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj", "xcomp") and _lemma(tok) in RESULT_PARTICIPLES


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _particles(verb: Token) -> set[str]:
    # "oprd": the predicate of "is found guilty"
    return {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "prep", "acomp", "oprd")}


def _prep_objects(verb: Token, names: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in names:
            out.extend(p for p in c.children if p.dep_ in ("pobj", "pcomp") and not is_time(p))
    return out + marked_subjects(verb, names)


def _object_ok(
    pat: VerbPattern, obj: Token | None, verb: Token, idx: MentionIndex
) -> tuple[bool, Token | None]:
    """Whether the pattern's object class holds; returns the object noun it matched."""
    if pat.object_class is None:
        return True, obj
    # the direct object; without one, the noun after the verb's preposition ("resort to stones")
    nouns = [obj] if obj is not None else _prep_objects(verb, pat.prep + OBJECT_PREPS)
    if pat.needs_prep and obj is not None and pat.object_class != "actor":
        # "places the province under lockdown": the noun after "under" (an actor object is the object)
        nouns += _prep_objects(verb, pat.prep)
    # "hunger strike", "state of emergency": the compound or the "of" noun counts too
    expanded = []
    if pat.object_class == "actor":
        # the object itself must be an actor ("called Qureshi"), not a thing an actor owns
        # or modifies ("called the Russian deployments an invasion", "doses of Russia's vaccine")
        for n in [x for noun in nouns for x in (noun, *noun.conjuncts)]:
            if idx.at(n) is not None or any(c.dep_ == "poss" and idx.at(c) is not None for c in n.children):
                return True, n
        return False, None
    # "captures Zaranj, the provincial capital", "declares the channel Belsat an extremist organisation": what
    # the object is said to be in apposition counts as the object
    nouns = [*nouns, *(a for n in nouns for a in _appositions(n))]
    for n in nouns:
        # modifiers first: "hunger strike" is a hunger strike before it is a strike
        expanded += [c for c in n.children if c.dep_ in ("compound", "amod")] + [n] + list(n.conjuncts)
        # "25,000 tons of food aid", "a formula for ending": the noun inside counts too, but not inside
        # an activity done with it ("suspends the use of the vaccine", "grants approval for a vaccine")
        if _lemma(n) in ACTIVITY_HEADS:
            continue
        amount = n.tag_ == "CD" or _lemma(n) in AMOUNT_NOUNS  # "$50 million in aid": what it is in
        # "approves 2 billion yen in aid": the parser may hang the "in" phrase on the verb
        inner = (
            [*n.children, *(c for c in verb.children if c.lower_ == AMOUNT_PREP)] if amount else n.children
        )
        for c in inner:
            if c.dep_ == "prep" and (c.lower_ in INNER_OBJECT_PREPS or (amount and c.lower_ == AMOUNT_PREP)):
                for p in c.children:
                    if p.dep_ == "pobj":
                        expanded += [p] + [cc for cc in p.children if cc.dep_ in ("compound", "amod")]
    for n in expanded:
        if n.i == verb.i:
            continue  # a headline's verb parsed as its object's modifier ("fires Michael Gove") is no object
        if _lemma(n) in pat.object_lemmas or n.lower_ in pat.object_lemmas:
            return True, n
    return False, None


def _appositions(noun: Token, depth: int = 2) -> list[Token]:
    """The nouns in apposition to `noun`, and theirs, `depth` levels down."""
    found = [c for c in noun.children if c.dep_ == "appos"]
    return found + [a for c in found for a in _appositions(c, depth - 1)] if depth > 1 else found


def _select(
    pats: list[VerbPattern], verb: Token, passive: bool, idx: MentionIndex, sources: Sequence[Slot] = ()
) -> tuple[VerbPattern, Token | None] | None:
    obj = _object_token(verb, passive)
    parts = _particles(verb)
    sectors = {s.mention.actor.sector for s in sources}
    best, best_score, best_obj = None, -1, None
    for pat in pats:
        score = 0
        if pat.subject:
            if not sectors or not sectors <= pat.subject:
                continue
            score += 3
        if pat.particle:
            if pat.particle not in parts:
                continue
            score += 2
        if pat.needs_clause:
            if not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
                continue
            score += 2
        if pat.needs_prep:
            if not _prep_objects(verb, pat.prep):
                continue
            score += 2
        ok, matched = _object_ok(pat, obj, verb, idx)
        if not ok:
            continue
        if pat.object_class:
            score += 2
            # matched on a modifier or inner noun ("hunger strike", "tons of food aid"): more specific
            if matched is not None and obj is not None and matched.i != obj.i and pat.object_class != "actor":
                score += 1
        if pat.prep and _prep_objects(verb, pat.prep):
            score += 1
        if score > best_score:
            best, best_score, best_obj = pat, score, matched
    return (best, best_obj) if best else None


def _personal(obj: Token | None) -> bool:
    """ "receives the first dose", "received their booster doses": a person being vaccinated, not aid."""
    if obj is None or obj.lemma_.lower() not in PERSONAL_DOSES and obj.lower_ not in PERSONAL_DOSES:
        return False  # "receives its first shipment of doses": the country's
    return obj.tag_ == "NN" or any(c.tag_ == "PRP$" for c in obj.children)


def _givers(verb: Token, obj: Token | None, idx: MentionIndex, receivers: Sequence[Slot]) -> list[Slot]:
    """Who gave what a subject received: the "from" phrase, else the owner of the thing given (its
    adjective, possessor or "of" noun: "doses of the Russian Sputnik V vaccine")."""
    own = {id(s.mention) for s in receivers}
    found = [Slot(m, p) for p in preps(verb, GIVER_PREPS) for m in actors_at(p, idx)]
    if not found:
        found = _deeper_givers(verb, obj, idx)
    if not found and obj is not None:
        found = [Slot(m, obj) for m in nearest_actors(obj, idx, limit=5)]
    return [s for s in found if id(s.mention) not in own and not bare(s.mention)]


def _deeper_givers(verb: Token, obj: Token | None, idx: MentionIndex) -> list[Slot]:
    """The giver named further in than the verb's own "from": "a shipment of missiles from Lithuania", "in
    a special contribution from the United States", "doses donated by China", else the channel ("through
    the COVAX initiative"). Clauses of their own are not searched."""
    given, channels = [], []
    frontier = [obj] if obj is not None else []
    frontier += [c for c in verb.children if c.dep_ == "prep"]
    seen: set[int] = set()
    while frontier:
        tok = frontier.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        phrase = [p for p in tok.children if p.dep_ == "pobj"]
        if tok.dep_ == "prep" and tok.lower_ in GIVER_PREPS:
            given += phrase
        elif tok.dep_ == "agent" and _lemma(tok.head) in GIVING_PARTICIPLES:
            given += phrase
        elif tok.dep_ == "prep" and tok.lower_ in CHANNEL_PREPS:
            channels += phrase
        frontier += [c for c in tok.children if c.dep_ not in OWN_CLAUSES]
    for phrase in (given, channels):
        found = [Slot(m, p) for p in phrase for m in actors_at(p, idx) if not bare(m)]
        if found:
            return found
    return []


def _session(verb: Token, pat: VerbPattern, sources: list[Slot], tgts: list[Slot]) -> bool:
    """ "The cabinet met on Sunday": one body meeting on its own, with no one to consult."""
    if pat.type != "CONSULT" or _lemma(verb) != MEETING_VERB or len(sources) != 1 or tgts:
        return False
    return not any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == MEETING_PREP) for c in verb.children)


def _business_deal(
    verb: Token, obj: Token | None, pat: VerbPattern, tgts: list[Slot], idx: MentionIndex
) -> bool:
    """ "Kosovo signs an agreement with Pfizer to buy doses": a contract whose partner is no actor of the
    dictionaries (a company) is business, not a political agreement (GUIDELINES: companies' business
    decisions are no event)."""
    if pat.type != "AGREE" or pat.object_class in (None, "actor") or tgts:
        return False
    partners = _prep_objects(verb, PARTNER_PREPS) + (
        _prep_objects(obj, PARTNER_PREPS) if obj is not None else []
    )
    return bool(partners) and not any(nearest_actors(p, idx) for p in partners)


def _staffing(pat: VerbPattern, sources: list[Slot]) -> bool:
    """ "A carmaker fires two senior managers": a company dismissing its staff is a business decision,
    no political act (GUIDELINES)."""
    return pat.mode == DISMISS and bool(sources) and all(s.mention.actor.sector == BUSINESS for s in sources)


def _home_coming(sources: list[Slot], tgts: list[Slot]) -> bool:
    """Forces arriving in their own country (every target is the sources' one country, named bare)."""
    own = {s.mention.actor.country for s in sources}
    if len(own) != 1 or None in own or not tgts:
        return False
    return all(
        t.mention.actor.country in own and t.mention.actor.code == t.mention.actor.country for t in tgts
    )


def _naming_call(verb: Token, pat: VerbPattern) -> bool:
    """ "Japan calls the launch a provocation", "calls the move unacceptable": a call with an object
    complement names something; it is no phone call."""
    return pat.mode == PHONE and any(c.dep_ == "oprd" for c in verb.children)


def _rescue_ended(pat: VerbPattern, obj: Token | None) -> bool:
    """ "Italy and Spain wind up their evacuation flights out of Kabul": an airlift that ends is no tie cut
    (the evacuation itself is read as the withdrawal it is)."""
    return (
        pat.mode == DISCONTINUE
        and obj is not None
        and any(c.dep_ in ("compound", "amod") and _lemma(c) in RESCUE_COMPOUNDS for c in obj.children)
    )


def _own_warning(verb: Token, pat: VerbPattern, sources: list[Slot], tgts: list[Slot]) -> bool:
    """ "Zhovkva warned that Ukraine will not give up its territories", "the ministry warns that an attack
    is very real": a warning about one's own side is a statement, not a threat to anyone."""
    if pat.type != "THREATEN" or _lemma(verb) not in WARNING_VERBS or not tgts or not sources:
        return False
    own = {s.mention.actor.country for s in sources}
    return None not in own and all(t.mention.actor.country in own for t in tgts)


def _taken_from(verb: Token, sources: list[Slot], tgts: list[Slot], idx: MentionIndex) -> list[Slot]:
    """ "Ukrainian forces recapture Bucha from Russian troops": a place of the doer's own country retaken
    "from" someone is an act on that someone."""
    own = {s.mention.actor.country for s in sources}
    if None in own or not all(t.mention.actor.country in own for t in tgts):
        return tgts
    others = [Slot(m, p) for p in preps(verb, GIVER_PREPS) for m in actors_at(p, idx)
              if not bare(m) and m.actor.country not in own]  # fmt: skip
    return others or tgts


def _ordered_out(verb: Token, obj: Token | None) -> bool:
    """ "The State Department orders non-emergency diplomats and their families to leave Myanmar": one's own
    staff ordered out of a country are withdrawn from it."""
    if _lemma(verb) not in WITHDRAWAL_ORDERS or obj is None:
        return False
    if not any(_lemma(o) in WITHDRAWN_PEOPLE for o in (obj, *obj.conjuncts)):
        return False
    return any(c.dep_ in ("xcomp", "advcl", "ccomp") and _lemma(c) in LEAVING_VERBS for c in verb.children)


def _consumed(obj: Token | None) -> set[int]:
    """The object noun a pattern used, and the noun it modifies when the pattern matched on a
    modifier ("began a hunger strike": the strike is taken, not left to be read as an attack)."""
    if obj is None:
        return set()
    if obj.dep_ in ("compound", "amod") and obj.head.i != obj.i:
        return {obj.i, obj.head.i}
    return {obj.i}


def verb_matches(
    doc: Doc, idx: MentionIndex, vd: VerbDictionary, disabled: frozenset[str] = frozenset()
) -> list[Match]:
    """The dictionary's predicates in a parsed sentence; `disabled` names target rules to skip
    (roles.TARGET_RULES)."""
    found: list[Match] = []
    for tok in doc:
        if not _is_verb(tok) and not (tok.tag_ == "NNS" and _headline_subjects(tok, idx)):
            continue
        pats = vd.verbs.get(_lemma(tok)) or vd.verbs.get(vd.lemma_of.get(tok.lower_, ""))
        if not pats or in_background(tok) or _result(tok):
            continue
        sources, passive = subjects(tok, idx)
        sources = sources or _headline_subjects(tok, idx)
        chosen = _select(pats, tok, passive, idx, sources)
        if chosen is None:
            continue
        pat, obj = chosen
        if passive and not sources and pat.mode in ANNOUNCED_MEASURES:
            # "Malawi announces that health workers will be required to be vaccinated": a measure with no
            # agent, announced by a government, is that government's
            sources = [Slot(m, t, inherited=True) for m, t in speaker(tok, idx) if not bare(m)]
        if pat.mode == RESIGN and all(bare(s.mention) for s in sources):
            # "John Demers resigns as U.S. Assistant Attorney General": the office names the country
            sources = [Slot(m, p) for p in preps(tok, OFFICE_PREPS) for m in actors_at(p, idx)
                       if not bare(m)][:1] or sources  # fmt: skip
        owned = pat.object_class not in (None, *TARGET_CLASSES) and not pat.object_target
        tgts, target_rule = targets(
            tok,
            obj,
            pat.prep,
            passive,
            idx,
            sources,
            owned_object=owned,
            place_target=pat.type in PLACE_HOSTILE,
            disabled=disabled,
            venue=pat.type in VENUE_ACTS,
        )
        if _session(tok, pat, sources, tgts) or _business_deal(tok, obj, pat, tgts, idx):
            continue
        if _own_warning(tok, pat, sources, tgts) or _staffing(pat, sources) or _rescue_ended(pat, obj):
            continue
        if _naming_call(tok, pat):
            continue
        if pat.type == "ASSAULT" and tgts and sources:
            tgts = _taken_from(tok, sources, tgts, idx)
        if pat.receiver:
            # "Egypt receives 300,000 doses of China's vaccine", "Palau received aid from Japan": the giver
            # acts on the one who receives
            givers = _givers(tok, _object_token(tok, passive) or obj, idx, sources)
            if not givers or passive or not sources or _personal(obj):
                continue
            sources, tgts, target_rule = givers, list(sources), "receiver"
        words = [tok] + [
            c for c in tok.children if c.dep_ == "prt" or (pat.particle and c.lower_ == pat.particle)
        ]
        if obj is not None and pat.object_class not in (None, "actor"):
            words.append(obj)
        etype = pat.type
        mode, derived = pat.mode, ""
        if etype == "REQUEST" and _ordered_out(tok, obj):  # "orders its diplomats to leave Belarus"
            etype, mode, derived = "RETREAT", "withdraw", "+ordered_out"
        if etype == "MOBILIZE" and _lemma(tok) in ARRIVAL_VERBS and _home_coming(sources, tgts):
            # "French troops return to France from Mali": forces sent home are withdrawn
            # from where they were, not deployed
            etype, mode, derived = "RETREAT", "withdraw", "+home"
            tgts = [Slot(m, p) for p in preps(tok, GIVER_PREPS) for m in actors_at(p, idx) if not bare(m)]
        if etype == "COOPERATE" and _lemma(tok) == JOIN_VERB and tok.dep_ == "xcomp":
            if _lemma(tok.head) in JOIN_REQUESTS:
                etype = "REQUEST"  # "Finland and Sweden apply to join NATO": asking to be let in
        conf = pat.confidence
        if sources and sources[0].inherited:
            conf -= 0.1
        if _main_clause(tok):
            conf += 0.05
        found.append(
            Match(
                type=etype,
                # the pattern, then the target rule, then how the type was derived
                rule=(f"{pat.rule}>{target_rule}" if tgts else pat.rule) + derived,
                trigger=tok,
                trigger_text=" ".join(w.text for w in sorted(words, key=lambda w: w.i)),
                sources=sources,
                targets=tgts,
                modality=modality(tok),
                confidence=round(min(conf, 1.0), 3),
                mode=mode,
                cameo=pat.cameo,
                context=pat.context,
                consumed=_consumed(obj),
            )
        )
    return found
