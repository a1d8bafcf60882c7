"""Demands made by saying: "X said Y must do Z" is X asking Y, a REQUEST (PLOVER's "demand").

Reported speech is otherwise transparent (the coder codes Y→Z from the clause and nothing for X),
but an obligation put on someone else in a statement is the speaker's act. The clause's verb
needs no dictionary entry: "must cooperate", "should allow", "has to ensure" all qualify.
"""

from __future__ import annotations

from spacy.tokens import Doc

from diplowatch.events.inflect import verb_forms
from diplowatch.events.matcher import Match
from diplowatch.events.roles import MentionIndex, Slot, actors_at, organisation, subjects
from diplowatch.lang import lexicon
from diplowatch.nlp.modality import OBLIGATION, OBLIGATION_HEADS, Modality

LEX = lexicon()
SAY_VERBS = LEX.words("events-speech.say_verbs")
ADDRESSEE_PREP = LEX.text("events-speech.addressee_prep")
RULE = "speech:REQUEST/obligation"
CLAIM_VERBS = LEX.words("events-speech.claim_verbs")
REPORT_VERBS = LEX.words("events-speech.report_verbs")
MANDATED_PEOPLE = LEX.words("events-speech.mandated_people")
SPEAKER_PRONOUNS = LEX.words("events-speech.speaker_pronouns")
MANDATE_RULE = "speech:COERCE/mandate"
CLAIM_RULE = "speech:ACCUSE/claim"
# Acts whose report by another party is an accusation against the doer.
ACCUSABLE = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"})
# For the prefilter: a sentence needs an obligation word and a saying verb for this rule to fire.
SAY_FORMS = frozenset(f for lemma in SAY_VERBS for f in verb_forms(lemma))


def could_oblige(words: set[str]) -> bool:
    return bool(words & OBLIGATION) and bool(words & SAY_FORMS)


def _obliged(verb, any_obligation: bool = True) -> bool:
    # Without an obligation word anywhere in the sentence no auxiliary can be one: skip the children.
    if any_obligation and {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} & OBLIGATION:
        return True
    # "has to ensure", "needs to drop": the obligation sits on the head of an xcomp
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in OBLIGATION_HEADS
        and head.tag_ in ("VBZ", "VBP", "VBD")
    )


def _addressees(said, idx: MentionIndex) -> list:
    """Who a statement is addressed to: "told Iraq that", "a reminder to Iraq that"."""
    holders = [said, said.head] if said.pos_ == "NOUN" else [said]
    found: list = []
    for h in holders:
        for c in h.children:
            if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN"):
                found += actors_at(c, idx)
            if c.dep_ in ("prep", "dative") and c.lower_ == ADDRESSEE_PREP:
                found += [m for p in c.children if p.dep_ == "pobj" for m in actors_at(p, idx)]
    return found


def obligation_matches(doc: Doc, idx: MentionIndex) -> list[Match]:
    found: list[Match] = []
    any_obligation = any(t.lower_ in OBLIGATION for t in doc)
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or not _obliged(verb, any_obligation):
            continue
        clause = verb.head if verb.dep_ == "xcomp" else verb
        if clause.dep_ not in ("ccomp", "acl", "relcl") and not (
            clause.dep_ == "conj" and clause.head.dep_ == "ccomp"
        ):
            continue
        speaker_verb = clause.head
        if speaker_verb.pos_ == "NOUN":  # "issued a reminder to Iraq that it must ..."
            speaker_verb = speaker_verb.head
        if speaker_verb.lemma_.lower() not in SAY_VERBS and speaker_verb.pos_ != "VERB":
            continue
        sources, _passive = subjects(speaker_verb, idx)
        obliged = [m for s in clause.children if s.dep_ in ("nsubj", "nsubjpass") for m in actors_at(s, idx)]
        if verb.i != clause.i:
            obliged += [m for s in verb.children if s.dep_ == "nsubj" for m in actors_at(s, idx)]
        if not obliged and any(
            s.dep_ == "nsubj" and s.tag_ == "PRP" for s in (*clause.children, *verb.children)
        ):
            # "issued a reminder to Iraq that it must cooperate": "it" is the one addressed
            obliged = _addressees(clause.head, idx)
        # "we knew we needed to take steps", "I should say": the speaker's own duty asks no one anything
        obliged = [m for m in obliged if m.actor.text not in SPEAKER_PRONOUNS]  # as written: "us", not "US"
        if not sources or not obliged:
            continue
        mandate = _mandate(obliged, sources, idx)
        found.append(
            Match(
                type="COERCE" if mandate else "REQUEST",
                rule=MANDATE_RULE if mandate else RULE,
                trigger=verb,
                trigger_text=" ".join(
                    t.text
                    for t in sorted([verb, *[c for c in verb.children if c.dep_ == "aux"]], key=lambda t: t.i)
                ),
                sources=sources,
                targets=[Slot(m, verb) for m in obliged],
                modality=Modality(),
                confidence=0.7,
                mode="restrict" if mandate else None,
                cameo="172" if mandate else "100",
            )
        )
    return found


def _mandate(obliged: list, sources: list, idx: MentionIndex) -> bool:
    """ "The minister announces that all travellers must quarantine": people a government's rule binds, of no
    other country, are under its mandate (GUIDELINES: a government's measures on its own country are COERCE)."""
    own = {s.mention.actor.country for s in sources}
    if None in own:
        return False
    for m in obliged:
        head = idx.head_of(m)
        if head is None or head.lemma_.lower() not in MANDATED_PEOPLE:
            return False
        if m.actor.country and m.actor.country not in own:
            return False
    return True


def claim_matches(matches: list[Match], idx: MentionIndex) -> list[Match]:
    """ "Russia claims that the Ukrainian Air Force conducted an airstrike on Belgorod": a hostile act
    reported by a claiming verb is also the claimant's accusation of the doer (Russia ACCUSE Ukraine)."""
    found: list[Match] = []
    for m in matches:
        clause = m.trigger
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if m.type not in ACCUSABLE or clause.dep_ != "ccomp" or not m.sources:
            continue
        claim = clause.head
        # an attribution after the news ("..., Thai military sources said") names where it came from
        reported = claim.lemma_.lower() in REPORT_VERBS and claim.i < clause.i
        if claim.lemma_.lower() not in CLAIM_VERBS and not reported:
            continue
        claimants, _passive = subjects(claim, idx)
        doers = {id(s.mention) for s in m.sources}
        claimants = [c for c in claimants if id(c.mention) not in doers]
        if reported:
            # "Estonia reports that a Russian helicopter violated its airspace": one state reporting another's
            # hostile act accuses it; a state's own forces' act, or an act by no one placed, is news told
            # "Human Rights Watch says that the Malian military massacred 300 civilians": so does an international
            # body or an NGO (GUIDELINES: `UN`, `NGO`), which has no country of its own
            foreign = {s.mention.actor.country for s in m.sources}
            claimants = [c for c in claimants if None not in foreign
                         and (c.mention.actor.country not in foreign if c.mention.actor.country
                              else organisation(c.mention.actor))]  # fmt: skip
        if not claimants:
            continue
        found.append(
            Match(
                type="ACCUSE",
                rule=CLAIM_RULE,
                trigger=claim,
                trigger_text=claim.text,
                sources=claimants,
                targets=list(m.sources),
                modality=Modality(),
                confidence=0.6,
                cameo="112",
            )  # fmt: skip
        )
    return found
