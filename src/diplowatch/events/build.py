"""From matches to records.Event: pair sources with targets, apply PLOVER's future rule, score.

- Coordinated sources and targets multiply ("the US, China and Russia met X" gives three events);
  a symmetric act with coordinated subjects and no object ("X and Y met") gives X→Y and Y→X.
- An act the source itself marks as future or conditional ("will send aid", "may halt talks if")
  is also coded as what was said now: AGREE for a cooperative act, THREATEN for a hostile one —
  unless a verb above it (agree, offer, threaten, urge...) already gave that event.
- A refused or negated-future cooperative act ("will not accept", "failed to agree") is a REJECT;
  "... unless ..." makes an ultimatum, a THREATEN.
- An actor never acts on itself; roles alone on both sides ("officials met residents") make no
  event; duplicates (same type, source, target, flags) keep the most confident reading, and an act
  with no target is dropped when the sentence gives the same act by the same source a target.
- Who is left unnamed is filled in only where the sentence settles it: a role with no country takes
  the one country the news names; violence with no doer goes to unidentified armed forces of the place
  (UAF), an arrest with no agent to its authorities; what a protest demands rides with the protest.
  docs/events.md gives the whole list.
"""

from __future__ import annotations

from dataclasses import replace

from diplowatch.core.records import Actor, Article, Event, Location
from diplowatch.events.matcher import PLACE_HOSTILE, Match
from diplowatch.events.plover import COOPERATIVE, cameo_root, intensity, quad_class
from diplowatch.events.roles import organisation, vague
from diplowatch.events.verbs import VerbDictionary
from diplowatch.lang import lexicon

LEX = lexicon()
UNIDENTIFIED = LEX.text("events-build.unidentified_attackers")
AUTHORITIES = LEX.text("events-build.authorities")
POPULATION = LEX.text("events-build.population")
HAZARD_NOUNS = LEX.words("events-build.hazard_nouns")
HAZARD_VERBS = LEX.words("events-build.hazard_verbs")
WEAPON_WORDS = LEX.words("events-build.weapon_words")
EXPLOSION_WORDS = LEX.words("events-build.explosion_words")
EXPLOSION_SITES = LEX.words("events-build.explosion_sites")
ACCIDENT_SOURCES = LEX.words("events-build.accident_sources")
ACCIDENT_VERBS = LEX.words("events-build.accident_verbs")
VIOLENCE_WORDS = LEX.words("events-build.violence_words")
# words that say a toll came from violence: what it was called, or what it was done with
VIOLENT_WORDS = VIOLENCE_WORDS | WEAPON_WORDS
FIRE = "fire"
RESIGN = "resign"
GUNFIRE_HEADS = frozenset({"open", "exchange", "return", "cease", "trade", "under"})
CAUSE_PREPS = ("in", "during", "by", "from", "after", "amid")
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Acts that are mutual by nature when the parties are coordinated ("X and Y signed a treaty").
MUTUAL_RULES = (
    "/sign_agreement",
    "/restore_ties",
    "/fight",
    "/break_ties",
    "/exchange_prisoners",
    "/prisoner_exchange",
)
# Acts a government announces for its own future that are coded as the act itself ("will require masks").
FUTURE_AS_ACT = frozenset({"COERCE", "MOBILIZE", "CONCEDE"})
# ... of these modes: measures, easings and deployments, not arrests
FUTURE_AS_ACT_MODES = frozenset({"restrict", "curfew", "troops", "ease"})
# A withdrawal, a resignation or aid a government announces it will make is a decision taken, coded as the
# act ("announces that it will pull its forces out of Mali", "announces it will send vehicles to Ukraine",
# "announces that he will pardon ..."), not a pledge; said as a willingness ("is ready to withdraw", "will
# give a grant, a statement said") it stays a pledge (AGREE). Of these types, these modes (None: any mode):
ANNOUNCED_AS_ACT: dict[str, frozenset[str] | None] = {
    "RETREAT": frozenset({"withdraw", "resign", "release"}),
    "AID": None,
}
RELEASE = "release"
ANNOUNCING_VERBS = LEX.words("events-build.announcing_verbs")
MEASURE_MODES = frozenset({"ease", "curfew", "restrict"})  # a government's measures and easings
HOME_MEASURES = frozenset({"curfew", "martial-law"})  # curfews, lockdowns, quarantines, states of emergency
AGREED_MEASURES = frozenset({"COERCE", "CONCEDE"})  # a government's measures, agreed on by its own parts
HOME_VIOLENCE = frozenset({"ASSAULT"})  # roles on both sides of it are of the one country named
HARMFUL = frozenset({"ASSAULT", "COERCE"})  # acts a disaster's toll reads like ("kills", "destroys homes")
HOME_RESTRICTIONS = "verbs.yaml:SANCTION/impose_restrictions"  # COERCE when on the source's own land
# Acts done with, for or at someone by nature: a meeting, aid, joint work, a threat. (AGREE and SUPPORT too,
# but "X agreed to ...", "X welcomed the decision" are coded with no one in the PLOVER gold set.)
PARTNER_ACTS = frozenset({"CONSULT", "AID", "COOPERATE", "THREATEN"})
HOSTILE_ACTS = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "REJECT"})
# Armed men no state sends (gunmen, bandits, militants, rebels): unnamed, they are of the place they strike.
IRREGULARS = frozenset({"UAF", "CRM", "INS", "REB"})
REACTION_TYPES = frozenset(t.upper() for t in LEX.words("events-build.reaction_types"))
REACTION_DETERMINERS = LEX.words("events-build.reaction_determiners")
REACTION_NOUNS = {
    t.upper(): frozenset(nouns) for t, nouns in LEX.mapping("events-build.reaction_nouns").items()
}
OBJECT_DEPS = ("dobj", "obj")


def _same(a: Actor, b: Actor) -> bool:
    """One actor twice (same code and name); a government acting on its own country is not."""
    return a.code == b.code and (a.name or a.text) == (b.name or b.text)


def _ident(actor: Actor | None) -> str | None:
    """Who an actor is for de-duplication: bare roles of one kind ("women", "children") are one."""
    if actor is None:
        return None
    return actor.name or (actor.code if not actor.country else None) or actor.text


def _named_first(slots: list) -> list[tuple[Actor, bool]]:
    """ "Israeli helicopters and tanks": a bare role coordinated with a placed actor is part of it."""
    pairs = [(s.mention.actor, vague(s.mention)) for s in slots]
    if any(not v for _, v in pairs):
        pairs = [(a, v) for a, v in pairs if not v]
    return pairs


def _pairs(match: Match, home: str | None = None) -> list[tuple[Actor, Actor | None]]:
    """Source-target pairs; `home`: the one country of the sentence, which places roles of a hostile act."""
    sources = _named_first(match.sources)
    targets = _named_first(match.targets)
    if not targets and len(sources) > 1 and (match.type in SYMMETRIC or match.rule.endswith(MUTUAL_RULES)):
        return [(s, t) for s, _ in sources for t, _ in sources if s is not t and not _same(s, t)]
    out: list[tuple[Actor, Actor | None]] = []
    for s, s_vague in sources:
        others: list[tuple[Actor | None, bool]] = [(t, v) for t, v in targets if not _same(s, t)]
        for t, t_vague in others or [(None, True)]:
            # roles alone ("officials met residents") say nothing about who in the world acted, unless
            # the sentence names one country for a violent act ("jihadists ambush a patrol in Mali")
            if s_vague and t_vague and not (home and match.type in HOME_VIOLENCE):
                continue
            out.append((s, t))
    return out


def _hazard_noun(tok) -> bool:
    """A disaster or accident noun ("flash floods", "a house fire", "Tropical Storm Elsa"), not a weapon's
    ("a car bomb explosion")."""
    words = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod")]
    lemmas = {w.lemma_.lower() for w in words} | {w.lower_ for w in words}
    if tok.lemma_.lower() == FIRE and (
        tok.head.lemma_.lower() in GUNFIRE_HEADS
        or tok.dep_ == "pobj"
        and tok.head.head.lemma_.lower() in GUNFIRE_HEADS
    ):
        return False  # "open fire", "an exchange of fire": shooting
    return bool(lemmas & HAZARD_NOUNS) and not lemmas & WEAPON_WORDS


def _words(doc) -> set[str]:
    """A sentence's words, as written (lowercased) and as lemmas: what the word lists are matched against."""
    return {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}


def _unknown_cause(match: Match) -> bool:
    """Whether a toll with no named doer is an attack by someone unknown: not when the sentence names a
    disaster or an accident and no weapon ("killed and 41 injured by a 5.9 magnitude earthquake")."""
    doc = match.trigger.doc
    lemmas = _words(doc)
    if lemmas & WEAPON_WORDS:
        pass
    elif any(_hazard_noun(t) for t in doc if t.pos_ in ("NOUN", "PROPN")) or any(
        # "when a passenger bus collides with a truck": the parser may read the clause's verb as a noun
        t.lemma_.lower() in HAZARD_VERBS and (t.pos_ == "VERB" or t.dep_ == "advcl")
        for t in doc
    ):
        return False
    elif lemmas & EXPLOSION_WORDS and lemmas & EXPLOSION_SITES:
        return False  # "an explosion at an apartment building": a gas explosion, no one's attack
    return True


def _weapon(tok) -> bool:
    words = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod")]
    return any(w.lemma_.lower() in WEAPON_WORDS or w.lower_ in WEAPON_WORDS for w in words)


def _accident_clause(verb) -> bool:
    """A clause that tells an accident: a crash, a capsizing, a collapse whose subject is no weapon (not a
    burning or a fall, which people do too: "Rioters burn down the office"), or an
    explosion of a tanker, a cylinder, a boiler ("A fuel tanker explodes", not "A car bomb explodes")."""
    lemma = verb.lemma_.lower()
    doers = [s for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")]
    # the parser may take "A bus carrying pilgrims overturns" for an object: any noun on the verb counts
    nouns = doers + [
        s for s in verb.children if s.dep_ in ("dobj", "compound") and s.pos_ in ("NOUN", "PROPN")
    ]
    if any(_weapon(s) or any(_weapon(c) for c in s.children) for s in nouns):
        return False
    if lemma in ACCIDENT_VERBS and (verb.pos_ == "VERB" or verb.dep_ in ("ROOT", "advcl")):
        return True
    return lemma in EXPLOSION_WORDS and any(
        s.lemma_.lower() in ACCIDENT_SOURCES or _hazard_noun(s) for s in doers
    )


def accidental_harm(matches: list[Match]) -> bool:
    """Whether a sentence's rules found its killing or wounding caused by a disaster or an accident, and it
    names no weapon or violence anywhere ("a fire, suspected to be an arson attack", "is shot down and crashes")."""
    attacks = [m for m in matches if m.type == "ASSAULT"]
    accidents = [m for m in attacks if _hazard_caused(m)]
    if not accidents or len(accidents) < len(attacks):  # "is shot down and crashes": an attack too
        return False
    return not _words(accidents[0].trigger.doc) & VIOLENT_WORDS


def _hazard_caused(match: Match) -> bool:
    """Deaths or damage a disaster or an accident caused ("Nine people are killed in a house fire", "Floods
    kill 22", "a storm passes, killing two", "killed when a bus crashes"): no one's act, no event."""
    verb = match.trigger
    chain = [verb]
    while chain[-1].dep_ in ("advcl", "conj", "xcomp") and chain[-1].head.i != chain[-1].i and len(chain) < 4:
        chain.append(chain[-1].head)  # "An explosion occurs ..., killing three workers"
    # "Two people are killed and nine others are injured in a fire": the cause hangs on either verb
    clauses = {t.i: t for c in chain for t in (c, *c.conjuncts)}.values()
    for above in chain:
        # "A bus overturns in Punjab, killing 20", "A fuel tanker explodes ..., killing 15": the clause the
        # toll hangs on is the accident itself
        if _accident_clause(above):
            return True
    for clause in clauses:
        for c in clause.children:
            if c.dep_ in ("nsubj", "csubj") and _hazard_noun(c):
                return True
            if c.dep_ in ("prep", "agent") and c.lower_ in CAUSE_PREPS:
                if any(p.dep_ == "pobj" and _hazard_noun(p) for p in c.children):
                    return True
            doers = [s for s in c.children if s.dep_ == "nsubj"]
            if c.dep_ == "advcl" and c.lemma_.lower() in HAZARD_VERBS and doers:
                if not any(_weapon(s) for s in doers):  # "when a bus crashes", not "a missile crashes"
                    return True
            if c.dep_ == "advcl" and any(s.dep_ == "nsubj" and _hazard_noun(s) for s in c.children):
                return True
    return False


DATING_PREPS = ("in", "on")
YEAR_DEPS = ("nummod", "compound", "amod", "npadvmod")


def _year(tok) -> int | None:
    text = tok.text
    return int(text) if len(text) == 4 and text.isdigit() and text[:2] in ("18", "19", "20") else None


def _years_ago(trigger, published: str | None) -> bool:
    """ "Russia annexed Crimea in 2014", "was murdered in Istanbul in 2018", "the 2015 nuclear deal": an act
    the sentence dates to a year before last is background (GUIDELINES: what happened years ago), not news."""
    if not published or not published[:4].isdigit():
        return False
    before = int(published[:4]) - 1
    heads = [trigger, *trigger.conjuncts]
    # "Putin, standing behind Medvedev in 2008, invaded Georgia": the participle's date is the act's
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN")]
    years = [c for h in heads for c in h.children if c.dep_ in YEAR_DEPS] if trigger.pos_ == "NOUN" else []
    for h in heads:
        for p in h.children:
            if p.dep_ == "prep" and p.lower_ in DATING_PREPS:
                # "in 2014", "in October 2018", "on September 11th, 2001"; not "in the 2019 protests"
                dates = [o for o in p.children if o.dep_ == "pobj"]
                years += dates + [t for o in dates if o.pos_ in ("PROPN", "NUM") or o.like_num
                                  for t in o.children if t.dep_ in ("nummod", "appos", "npadvmod")]  # fmt: skip
    return any((y := _year(t)) is not None and y < before for t in years)


STATE_ACTS = (
    "arrest",
    "deport",
    "convict",
    "dismiss",
    "charge",
    "ease",
    "curfew",
    "martial-law",
)  # only a state arrests, deports, sentences, dismisses, charges, eases its restrictions or orders a curfew
PARDONS = ("pardon", "amnesty")  # and only a state pardons: "is pardoned" names its authorities


def _unidentified(match: Match, location: Location | None, home: str | None = None) -> Actor | None:
    """ "A roadside bomb near Samarra killed a US soldier": violence with a victim and no named
    doer is coded, as CAMEO does, to unidentified armed forces (UAF) of the country it happened in;
    "two journalists were detained in Kabul" to that country's authorities."""
    if match.sources:
        return None
    if (match.mode in STATE_ACTS or match.trigger.lemma_.lower() in PARDONS) and _victims(match.trigger):
        # "is sentenced to death", "have been detained", "49 MPs are suspended": a state's act on someone
        # in its hands, where it happened, else on its own people, else in the one country the sentence names
        place = location.country if location and location.country else None
        own = next((t.mention.actor.country for t in match.targets if t.mention.actor.country), None)
        country = place or own or home
        if country:
            return Actor(text=AUTHORITIES, code=country + "GOV", country=country, sector="GOV")
    country = location.country if location and location.country else None
    if country is None and home and match.type == "ASSAULT" and _victims(match.trigger) and _violent(match):
        # "Four Malian soldiers are killed in an ambush": with no place the geocoder knows, an attack
        # happened in the one country the sentence names
        country = home
    if country is None:
        return None
    if not match.targets and not (match.type == "ASSAULT" and _victims(match.trigger)):
        return None
    if match.type == "ASSAULT" and not _unknown_cause(match):
        return None
    if match.type == "COERCE" and match.mode in STATE_ACTS:
        return Actor(text=AUTHORITIES, code=country + "GOV", country=country, sector="GOV")
    if match.type != "ASSAULT":
        return None
    verb = match.trigger
    doer = next((p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
    doer = doer or next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    text = doer.doc[doer.left_edge.i : doer.i + 1].text if doer is not None else UNIDENTIFIED
    return Actor(text=text, name=None, code=country + "UAF", country=country, sector="UAF")


def _violent(match: Match) -> bool:
    """The sentence says the toll came from violence ("in an ambush", "by gunmen", "a roadside bomb")."""
    words = {t.lower_ for t in match.trigger.doc} | {t.lemma_.lower() for t in match.trigger.doc}
    return bool(words & VIOLENT_WORDS)


def _victims(verb) -> bool:
    """ "Twenty people are killed in Guayaquil": the act has victims, and no doer named."""
    return any(c.dep_ == "nsubjpass" for c in verb.children)


# Acts between parties of different countries by nature; a title-holder met abroad is no local.
INTERNATIONAL = frozenset({"CONSULT"})


def _placeless(actor: Actor | None, etype: str = "") -> bool:
    return (
        actor is not None
        # an unnamed "official" or "minister" is as often a foreign speaker as a local one, but the
        # "government" protested against or cracking down is the country's own
        and (
            bool(actor.name)
            or actor.sector not in ("GOV", "IGO", "NGO", None)
            or (etype in DOMESTIC and actor.sector == "GOV")
        )
        and not actor.country
        and not actor.group
        and not organisation(actor)
    )


def _at_home(actor: Actor, home: str) -> Actor:
    """A role with no country of its own ("President Gbagbo", "police"), in a sentence that names
    one country only, is taken to be of that country: domestic news seldom names it twice."""
    code = home + actor.sector if actor.sector and len(actor.sector) == 3 else home
    return replace(actor, country=home, code=code)


# Acts that, naming no one, fall within the country: a protest is against its authorities,
# a crackdown or a concession is on its own people.
DOMESTIC = frozenset({"PROTEST", "COERCE", "CONCEDE"})


# Cooperative acts are done toward someone else: the source's own country named bare is the setting.
TOWARD_OTHERS = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT"})


def _own_land(source: Actor, target: Actor) -> bool:
    return bool(target.country) and target.code == target.country and target.country == source.country


def _local(attacker: Actor) -> Actor:
    home = attacker.country or ""
    return Actor(text=POPULATION, code=home, country=home)


def _domestic_target(etype: str, home: str) -> Actor:
    if etype == "PROTEST":
        return Actor(text=AUTHORITIES, code=home + "GOV", country=home, sector="GOV")
    return Actor(text=POPULATION, code=home, country=home)


def _context(sentence: str, vd: VerbDictionary, fallback: str | None) -> str | None:
    low = sentence.lower()
    for name, words in vd.contexts:
        if any(w in low for w in words):
            return name
    return fallback


def _protest_demand(match: Match, protest: set[int]) -> bool:
    """ "Kurds demonstrated, calling for independence", "rioted, setting fire to mattresses": what a
    protest demands and how it is done are coded with the protest, not as second events. `protest`:
    the token positions of the sentence's protest triggers and the nouns they used."""
    if match.type not in ("REQUEST", "COERCE"):
        return False
    cur = match.trigger
    for _ in range(3):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i in protest:
            return True
    return False


def _agreed_measures(matches: list[Match]) -> list[Match]:
    """ "The federal government and the states agree to extend the lockdown": a government agreeing, with no
    one else named, to a measure on its own land takes the measure (the annotators code the COERCE or
    CONCEDE, not an agreement with itself)."""
    agreements = {m.trigger.i: m for m in matches if m.type == "AGREE" and not m.targets}
    taken: set[int] = set()
    out = []
    for m in matches:
        governor = m.modality.governor
        if (m.type in AGREED_MEASURES and m.mode in FUTURE_AS_ACT_MODES and governor is not None
                and governor.i in agreements and not m.modality.negated and not m.modality.condition):  # fmt: skip
            m = replace(m, modality=replace(m.modality, hypothetical=False, governor=None))
            taken.add(governor.i)
        out.append(m)
    return [m for m in out if not (m.type == "AGREE" and m.trigger.i in taken)]


def _announced_decision(match: Match) -> bool:
    """ "New Zealand announces that it will withdraw its forces", "Biden says he plans to withdraw": the act
    is the clause an announcing verb carries (through at most one verb of planning or deciding)."""
    if match.type not in ANNOUNCED_AS_ACT:
        return False
    modes = ANNOUNCED_AS_ACT[match.type]
    if modes is not None and match.mode not in modes:
        return False
    if match.mode == RELEASE and any(
        s.mention.actor.sector not in (None, *STATE_SECTORS) for s in match.sources
    ):
        return False  # a state's pardon is decided; "the militia says it will free" its captives pledges
    clause = match.trigger
    for _ in range(2):
        if clause.dep_ not in ("ccomp", "xcomp") or clause.head.i == clause.i:
            return False
        clause = clause.head
        # an attribution after the act ("Israel will evacuate the settlements, a spokesman said") quotes
        # an undertaking; "X announces that it will ..." opens with the decision's owner
        if clause.lemma_.lower() in ANNOUNCING_VERBS and clause.i < match.trigger.i:
            return True
    return False


ORDER_RULE = "verbs.yaml:REQUEST/ask"
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD"})


def _internal_order(rule: str, source: Actor, target: Actor | None) -> bool:
    """ "I have asked the Secretary of State to lead ...", "instructed the army to prepare options": a government
    telling its own officials or forces what to do is how it works inside, no request between parties."""
    return (
        rule.split(">")[0].split("+")[0] == ORDER_RULE
        and target is not None
        and bool(source.country)
        and target.country == source.country
        and source.sector in STATE_SECTORS
        and target.sector in STATE_SECTORS
    )


PURCHASE_VERBS = LEX.words("events-build.purchase_verbs")


def _purchase(match: Match) -> bool:
    """ "Lebanon signs a deal to receive two million doses", "finalizes an agreement to buy 20,000 courses of a
    drug": an agreement with no one but a seller, to buy, is business (GUIDELINES), not a political agreement."""
    if match.type != "AGREE" or match.targets:
        return False
    deal = [match.trigger, *(c for c in match.trigger.children if c.dep_ in ("dobj", "pobj", "attr"))]
    return any(c.dep_ in ("acl", "relcl", "xcomp", "advcl") and c.lemma_.lower() in PURCHASE_VERBS
               for t in deal for c in t.children)  # fmt: skip


def _rule_type(rule: str | None) -> str:
    """The type of the pattern an event was read from ("verbs.yaml:CONSULT/talk+future": CONSULT)."""
    return (rule or "").partition(":")[2].partition("/")[0]


def _readings(match: Match, trigger_positions: set[int]) -> list[tuple[str, str, str | None, bool, float]]:
    """(type, rule, mode, hypothetical, confidence) readings of one match; derived readings
    (the pledge, threat or refusal the words themselves are) carry "+future"/"+refused" rules."""
    mod = match.modality
    readings = [(match.type, match.rule, match.mode, mod.hypothetical or mod.negated, match.confidence)]
    governed_by_event = mod.governor is not None and mod.governor.i in trigger_positions
    # "will not accept", "failed to reach agreement": a refused cooperative act is a REJECT
    if (
        mod.negated
        and not governed_by_event
        and match.type in COOPERATIVE
        and (mod.own_future or mod.reason == "refused")
    ):
        readings.append(("REJECT", match.rule + "+refused", None, False, match.confidence - 0.05))
    elif mod.hypothetical and mod.own_future and not governed_by_event and not mod.negated:
        if mod.condition == "unless":  # "will withdraw its force unless ...": an ultimatum
            readings.append(("THREATEN", match.rule + "+future", None, False, match.confidence - 0.05))
        elif (
            match.type in FUTURE_AS_ACT and match.mode in FUTURE_AS_ACT_MODES or _announced_decision(match)
        ) and not mod.condition:
            # "Saudi Arabia will require vaccinations to enter workplaces": a measure announced is the
            # measure (the annotators code it as done), not a threat; so is a withdrawal or aid announced
            readings.append((match.type, match.rule + "+future", match.mode, False, match.confidence - 0.05))
        elif match.type in COOPERATIVE and match.type != "AGREE":
            readings.append(("AGREE", match.rule + "+future", None, False, match.confidence - 0.05))
        elif match.type in HOSTILE_ACTS:
            readings.append(("THREATEN", match.rule + "+future", None, False, match.confidence - 0.05))
    return readings


def _reacted_to(match: Match, earlier: list[Event]) -> list[Actor]:
    """ "Israel strikes a base in Gaza. Qatar condemns the attack.": the doers, latest first, of the acts
    told earlier in the article that a reaction's object ("the attack", "these measures") names."""
    if match.type not in REACTION_TYPES or not earlier:
        return []
    for obj in match.trigger.children:
        if obj.dep_ not in OBJECT_DEPS or not any(
            c.dep_ == "det" and c.lower_ in REACTION_DETERMINERS for c in obj.children
        ):
            continue
        types = {t for t, nouns in REACTION_NOUNS.items() if obj.lower_ in nouns}
        return [e.source for e in reversed(earlier)
                if e.type in types and e.source is not None and (e.source.country or e.source.group)
                and not e.negated and not e.hypothetical]  # fmt: skip
    return []


def build_events(
    matches: list[Match],
    article: Article,
    s_idx: int,
    sentence: str,
    date: str | None,
    location: Location | None,
    vd: VerbDictionary,
    home: str | None = None,
    earlier: list[Event] | None = None,
) -> list[Event]:
    """`home`: the one country the sentence names, if it names exactly one; `earlier`: the events of the
    article's earlier sentences."""
    # "Did the Taliban give any assurances?": a question asks whether an act happened; it reports none
    question = sentence.rstrip().endswith("?")
    matches = _agreed_measures(matches)
    trigger_positions = {m.trigger.i for m in matches}
    protest = {t for m in matches if m.type == "PROTEST" for t in (m.trigger.i, *m.consumed)}
    matches = [m for m in matches if not _protest_demand(m, protest)]
    # a lockdown or curfew "after an outbreak" is a government's measure, whatever caused it
    matches = [
        m for m in matches if m.type not in HARMFUL or m.mode in MEASURE_MODES or not _hazard_caused(m)
    ]
    matches = [m for m in matches if not _years_ago(m.trigger, article.published)]
    matches = [m for m in matches if not _purchase(m)]
    # "Two people are killed after Russian forces shelled Mykolaiv": the attack with a named doer is the news
    named_attack = any(m.type == "ASSAULT" and m.sources for m in matches)
    best: dict[tuple, Event] = {}
    order: list[tuple] = []
    for match in matches:
        unknown = _unidentified(match, location, home)
        if unknown is not None and match.type == "ASSAULT" and named_attack:
            continue
        pairs = _pairs(match, home)
        doers = _reacted_to(match, earlier or [])
        if unknown:
            # the victims of an unnamed attacker, named by no country, are people of the place
            pairs = [(unknown, t.mention.actor) for t in match.targets] or [(unknown, _local(unknown))]
        for etype, rule, mode, hypothetical, conf in _readings(match, trigger_positions):
            hypothetical = hypothetical or question
            if unknown:
                rule = rule + ("+authorities" if unknown.sector == "GOV" else "+unidentified")
                conf -= 0.2
            for source, target in pairs:
                if (
                    etype == "ASSAULT" and source.sector in IRREGULARS and _placeless(source, etype)
                    and location and location.country
                ):  # fmt: skip
                    # "A gunman opens fire near the French embassy in Dar es Salaam": an attacker the text
                    # does not identify is of the place the attack happened in (GUIDELINES)
                    source = _at_home(source, location.country)
                if home and etype not in INTERNATIONAL:
                    source = _at_home(source, home) if _placeless(source, etype) else source
                    if target is not None and _placeless(target, etype):
                        # "Russian forces shell residential buildings in Zaporizhzhia": the people a
                        # hostile act falls on are of the place it happened in, not of the doer
                        there = location.country if location and etype in PLACE_HOSTILE else None
                        target = _at_home(target, there or home)
                if (
                    target is not None and etype in PLACE_HOSTILE and location and location.country
                    and _placeless(target, etype)
                ):  # fmt: skip
                    # "Five soldiers are killed as Boko Haram attack a post in Zigue, Cameroon": the victims
                    # a sentence leaves without a country are of the place it happened in
                    target = _at_home(target, location.country)
                if (
                    target is not None and mode in MEASURE_MODES and source.country and _placeless(target, etype)
                    and (location is None or location.country in (None, source.country))
                ):  # fmt: skip
                    # "Argentina and Brazil reopen their borders for tourists": the people a government's
                    # measure or easing names bare are its own, however many countries the sentence names
                    target = _at_home(target, source.country)
                if target is not None and etype in TOWARD_OTHERS and _own_land(source, target):
                    target = None  # "agreed to resign without returning to Kyrgyzstan": a setting
                if mode == RESIGN and source.country and location and location.country != source.country:
                    # one resigns from one's own office: "resigns as President of Sri Lanka after fleeing
                    # to Singapore" is Sri Lanka's news, wherever it happens (no target where none is named)
                    target = Actor(text=source.country, code=source.country, country=source.country)
                if target is None and mode in HOME_MEASURES and source.country:
                    # GUIDELINES: curfews, lockdowns and states of emergency are a government's on its own
                    # country; a place elsewhere in the sentence ("after passengers on a flight from Fiji
                    # test positive") is the cause, not the target
                    target = _domestic_target("COERCE", source.country)
                if target is None and match.type in PLACE_HOSTILE and location and location.country:
                    if location.country != source.country:  # "tanks fired at targets in Jericho"
                        target = Actor(text=location.name, code=location.country, country=location.country)
                if (
                    etype == "SANCTION"
                    and rule.startswith(HOME_RESTRICTIONS)
                    and (target is None or target.country == source.country)
                ):
                    # GUIDELINES: bans and restrictions a government puts on its own land are COERCE
                    etype, mode = "COERCE", "restrict"
                    if home and target is None and source.country == home:
                        target = _domestic_target(etype, home)
                if home and target is None and match.type in DOMESTIC and source.country == home:
                    target = _domestic_target(match.type, home)  # also a curfew threatened
                if _internal_order(rule, source, target):
                    continue
                if doers and (target is None or target.country == source.country):
                    # a reaction to an act told before is aimed at its doer (not at oneself)
                    doer = next((d for d in doers if _ident(d) != _ident(source)), None)
                    if doer is not None:
                        target, rule = doer, rule + "+reaction"
                key = (etype, _ident(source), _ident(target), hypothetical)
                event = Event(
                    event_id="",
                    doc_id=article.id,
                    sentence_index=s_idx,
                    sentence=sentence,
                    date=date,
                    type=etype,
                    mode=mode,
                    context=_context(sentence, vd, match.context),
                    cameo=match.cameo if etype == match.type and match.cameo else cameo_root(etype),
                    intensity=intensity(etype, mode),
                    quad_class=quad_class(etype),
                    source=source,
                    target=target,
                    location=location,
                    negated=match.modality.negated and rule == match.rule,
                    hypothetical=hypothetical,
                    confidence=round(max(0.05, min(conf, 1.0)), 3),
                    rule=rule,
                    trigger=match.trigger_text,
                    url=article.url,
                    outlet=article.outlet,
                )
                if key not in best:
                    order.append(key)
                    best[key] = event
                elif event.confidence > best[key].confidence:
                    best[key] = event
    # "opened fire on demonstrators, killing one person": X→? restates X→Y of the same type
    named = {(k[0], k[1], k[3]) for k in order if k[2] is not None}
    events = [best[k] for k in order if k[2] is not None or (k[0], k[1], k[3]) not in named]
    # "we talked about the situation", "warns that the city could fall", "crew members are rescued": such an
    # act that names no one it was done with, for or at is a misread verb (GUIDELINES: a target is null only
    # when the act has no recipient at all), not news; nor is the pledge read from one ("we will discuss the
    # next steps": an AGREE with no one)
    events = [e for e in events if e.target is not None or not {e.type, _rule_type(e.rule)} & PARTNER_ACTS]
    for k, event in enumerate(events):
        event.event_id = f"{article.id}-{s_idx}-{k}"
    return events


CLAIM_RULE = "verbs.yaml:ASSAULT/claim_responsibility"
UNIDENTIFIED_RULE = "+unidentified"


def _claim(event: Event) -> bool:
    return (event.rule or "").startswith(CLAIM_RULE)


def _unnamed_attacker(event: Event) -> bool:
    """No doer named ("twenty are killed in a blast"), or one named by what they did only ("killed by a
    suicide bomber", "gunmen opened fire"): an irregular with no name or group of its own."""
    if UNIDENTIFIED_RULE in (event.rule or ""):
        return True
    doer = event.source
    return doer is not None and doer.sector in IRREGULARS and not doer.name and not doer.group


def claimed_attacks(sentences: list[list[Event]]) -> None:
    """ "Eight people are killed in a bombing in Kabul. The Islamic State claims responsibility for the
    attack.": an article's attacks by an unnamed doer are the claimant's, and the claim, naming no one it
    was done to, is no second attack. `sentences` holds each sentence's events, changed in place."""
    claims = [e for events in sentences for e in events if _claim(e) and e.source
              and (e.source.country or e.source.group) and not e.negated and not e.hypothetical]  # fmt: skip
    if not claims:
        return
    claimant = claims[0].source
    unnamed = [e for events in sentences for e in events
               if e.type == "ASSAULT" and e.source and _unnamed_attacker(e)]  # fmt: skip
    for event in unnamed:
        event.source = claimant
        event.rule = (event.rule or "") + "+claimed"
    if unnamed:
        for events in sentences:
            events[:] = [e for e in events if not (_claim(e) and e.target is None)]
