"""Light nominal events: the act is a noun ("talks", "visit", "sanctions") and the verb is weak.

"Blinken held talks with Qureshi", "Blinken's visit to Islamabad", "talks between Kabul and
Islamabad", "US-Pakistan talks". The source is the noun's own actor (possessor, actor adjective
or compound), else the subject of the weak verb governing it; the target comes from the noun's
prepositions. A noun the verb patterns already used ("imposed sanctions") is skipped.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from diplowatch.events.matcher import Match, in_background
from diplowatch.events.roles import (
    MentionIndex,
    Slot,
    actors_at,
    bare,
    conjuncts,
    nearest_actors,
    preps,
    subjects,
)
from diplowatch.events.verbs import NominalPattern, VerbDictionary
from diplowatch.lang import lexicon
from diplowatch.nlp.modality import modality

OWN_ACTOR_DEPS = ("poss", "compound", "amod", "nmod")
LEX = lexicon()
SETTING_PREPS = LEX.words("events-nominal.setting_preps")
GATHERING_VERBS = LEX.words("events-nominal.gathering_verbs")
# Nouns under these prepositions are background ("since last month's invasion"), not the news.
BACKGROUND_PREPS = LEX.words("events-roles.background_preps")
BETWEEN_PREPS = LEX.phrases("events-nominal.between_preps")
OF_PREP = LEX.text("events-nominal.of_prep")
PURPOSE_PREP = LEX.text("events-nominal.purpose_prep")
OCCURRENCE_VERBS = LEX.words("events-nominal.occurrence_verbs")
STANDING_NOUNS = LEX.words("events-nominal.standing_nouns")
EQUIPMENT_HEADS = LEX.words("events-nominal.equipment_heads")
OCCURRENCE_PLACE_PREPS = LEX.phrases("events-nominal.occurrence_place_preps")
PARTNER_PREPS = ("with",)
COURT_PREPS = ("in",)
PEOPLES_ACTS = frozenset({"PROTEST", "ASSAULT"})  # what the people of a place can do without a named doer


def _restates(noun: Token, triggers: set[int]) -> bool:
    """A noun under a verb that is already the event ("killed four Iraqis in an attack on ...")."""
    head = noun.head
    return (
        noun.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.head.i in triggers
        and head.head.pos_ in ("VERB", "AUX")
    )


def _salience(noun: Token, head: Token, weak: bool) -> float:
    """The news of the sentence ("Italy announced a suspension of ...") over its background."""
    if weak:
        return 0.1 if head.dep_ == "ROOT" else 0.05
    return 0.0


def _own_actors(noun: Token, idx: MentionIndex) -> list:
    out: list = []
    for c in noun.children:
        if c.dep_ in OWN_ACTOR_DEPS:
            for cc in conjuncts(c):
                m = idx.at(cc)
                if m is not None and m not in out:
                    out.append(m)
    return out


def _compound_patterns(noun: Token, vd: VerbDictionary) -> list[NominalPattern]:
    """A modifier can make another event of the noun: a "hunger strike" or "general strike" is a
    protest, not an attack; such nouns are listed hyphenated ("hunger-strike")."""
    for c in noun.children:
        if c.dep_ in ("compound", "amod"):
            pats = vd.nominals.get(f"{c.lemma_.lower()}-{noun.lemma_.lower()}")
            if pats:
                return pats
    return []


def _choose(pats: list[NominalPattern], noun: Token) -> NominalPattern:
    present = {c.lower_ for c in noun.children if c.dep_ == "prep"}
    for pat in pats:
        if present & set(pat.prep):
            return pat
    return pats[0]


def _weak_head(slot: Token, vd: VerbDictionary) -> bool:
    head = slot.head
    return (
        head.i != slot.i
        and head.lemma_.lower() in vd.weak_verbs
        and slot.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")
    )


def nominal_matches(doc: Doc, idx: MentionIndex, vd: VerbDictionary, consumed: set[int]) -> list[Match]:
    found: list[Match] = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in consumed:
            continue
        pats = (
            _compound_patterns(tok, vd) or vd.nominals.get(tok.lemma_.lower()) or vd.nominals.get(tok.lower_)
        )
        if not pats:
            continue
        inside = idx.at(tok)
        if inside is not None and inside.kind not in ("role", "pronoun", "short"):
            continue  # a word of a name ("Asia-Pacific Economic Cooperation") is no act
        if tok.pos_ == "PROPN" and not tok.is_lower:
            continue  # "the United Nations Observer Mission in Angola": a name, not a visit
        if _restates(tok, consumed) or in_background(tok):
            continue
        # "announces the closure of nightclubs": a measure named by its noun holds only on what it is "of"
        pats = [p for p in pats if not p.object_lemmas or _of_object(tok, p.object_lemmas)]
        if not pats:
            continue
        if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in EQUIPMENT_HEADS:
            continue  # "infantry fighting vehicles", "attack helicopters": equipment, no act
        pat = _choose(pats, tok)
        slot = tok.head if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" else tok  # "mediation effort"
        head = slot.head
        if head.dep_ == "prep" and head.lower_ in BACKGROUND_PREPS:
            continue
        weak = _weak_head(slot, vd)
        # "files a lawsuit in a federal court against Idaho": the parser hangs the phrase on the court
        courted = [p for c in preps(head, COURT_PREPS) for p in preps(c, pat.prep)] if weak else []
        if pat.needs_prep and not (preps(tok, pat.prep) or preps(slot, pat.prep) or courted):
            continue  # "contacts between X and Y" is no "in contact with X"
        if not weak and tok.lemma_.lower() in STANDING_NOUNS:
            continue  # "to counter the Russian invasion": a war going on is the setting, not this news
        own = _own_actors(tok, idx)
        between = preps(tok, BETWEEN_PREPS) + preps(slot, BETWEEN_PREPS)
        parties = [m for p in between for m in actors_at(p, idx)]
        if len(own) >= 2 and not between:  # "US-Pakistan talks"
            parties, own = own, []
        possessed = any(c.dep_ == "poss" and idx.at(c) is not None for c in tok.children)
        speakers = subjects(head, idx)[0] if weak and slot.dep_ in ("dobj", "attr") else []
        # "in meetings with Qureshi, Blinken emphasised": the phrase's verb gives the source
        if not speakers and slot.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in SETTING_PREPS:
            if head.head.pos_ in ("VERB", "AUX"):
                speakers = subjects(head.head, idx)[0]
        # "thousands converged on Lagos for a rally", "negotiators returned to Geneva for talks"
        if not speakers and slot.dep_ == "pobj" and head.lower_ == PURPOSE_PREP and head.dep_ == "prep":
            if head.head.lemma_.lower() in GATHERING_VERBS:
                speakers = subjects(head.head, idx)[0]
        venue: list = []
        if own and (possessed or not speakers):
            sources = [Slot(m, tok) for m in own]  # "Blinken's visit", "a Russian attack"
        else:
            # "Putin will not attend the G20 summit": the subject acts, the adjective is the other side
            sources, venue = speakers, [m for m in own if all(m is not s.mention for s in speakers)]
        if parties and not sources:
            sources = tgts = [Slot(m, tok) for m in parties]
        elif parties:
            tgts = [Slot(m, tok) for m in parties]
        else:
            named = preps(tok, pat.prep) + preps(slot, pat.prep)
            # "the withdrawal of its forces from Panama": the phrase may hang on the "of" noun
            named += [
                p for o in preps(tok, (OF_PREP,)) for p in preps(o, pat.prep) if OF_PREP not in pat.prep
            ]
            if weak and slot.dep_ == "dobj":  # "opened investigations against X": the phrase sits on the verb
                named += preps(head, pat.prep) + courted
            tgts = [Slot(m, p) for p in named for m in actors_at(p, idx)] or [Slot(m, tok) for m in venue]
            if not tgts:  # "an investigation into crimes committed by Croat forces"
                source_ids = {id(s.mention) for s in sources}
                tgts = [
                    Slot(m, p)
                    for p in named
                    for m in nearest_actors(p, idx, limit=3)
                    if not bare(m) and id(m) not in source_ids
                ]
        if pat.type == "AGREE" and not tgts and _company_partner(tok, head, idx):
            continue  # "signs an agreement with Pfizer": business, not a political agreement
        if not sources and pat.type in PEOPLES_ACTS:
            sources = _people_of_place(tok, slot, idx)
        if not sources:
            continue
        mod = modality(head) if weak and head.pos_ in ("VERB", "AUX") else modality(tok)
        found.append(
            Match(
                type=pat.type,
                rule=pat.rule,
                trigger=tok,
                trigger_text=tok.text,
                sources=sources,
                targets=tgts,
                modality=mod,
                confidence=pat.confidence + _salience(tok, head, weak),
                mode=pat.mode,
                cameo=pat.cameo,
                context=pat.context,
            )
        )
    return found


def _of_object(noun: Token, lemmas: frozenset[str]) -> bool:
    """The noun's "of" phrase names one of `lemmas` ("the extension of the state of emergency")."""
    for p in preps(noun, (OF_PREP,)):
        for t in (p, *p.conjuncts):
            # "of the state of emergency": the phrase's own "of" noun counts too
            inner = [i for o in preps(t, (OF_PREP,)) for i in (o, *o.conjuncts)]
            words = [
                t,
                *inner,
                *(c for x in (t, *inner) for c in x.children if c.dep_ in ("compound", "amod")),
            ]
            if any(w.lemma_.lower() in lemmas or w.lower_ in lemmas for w in words):
                return True
    return False


def _people_of_place(noun: Token, slot: Token, idx: MentionIndex) -> list[Slot]:
    """ "Protests occur in Pakistan", "mass protests erupt across Iran", "protests in Peru escalate": a
    protest or a clash that merely happens, in a country, is its people's (GUIDELINES: an unnamed doer is
    the country where it happened)."""
    head = slot.head
    where = preps(noun, OCCURRENCE_PLACE_PREPS)
    if slot.dep_ == "nsubj" and head.lemma_.lower() in OCCURRENCE_VERBS:
        where += preps(head, OCCURRENCE_PLACE_PREPS)
    elif not where or slot.dep_ != "nsubj":
        return []
    return [Slot(m, p) for p in where for m in actors_at(p, idx) if m.actor.country and m.kind != "role"][:1]


def _company_partner(noun: Token, head: Token, idx: MentionIndex) -> bool:
    """A "with" partner of an agreement that is no actor of the dictionaries (a company)."""
    partners = preps(noun, PARTNER_PREPS) + (
        preps(head, PARTNER_PREPS) if head.pos_ in ("VERB", "AUX") else []
    )
    return bool(partners) and not any(nearest_actors(p, idx) for p in partners)
