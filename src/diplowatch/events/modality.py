"""Whether an event happened: negation, future, condition, intent, threats and demands.

An event verb is flagged `negated` ("did not recognise", "refused to release") or `hypothetical`
(future "will send", modal "could strike", conditional "if ... would", wanted/threatened/demanded
but not done: "threatened to shell", "urged X to withdraw", "accused X of attacking"). The coder
keeps flagged events; counts and exports leave them out by default.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "going"})
MODAL_AUX = frozenset({"may", "might", "could", "should", "must", "can", "ca", "ought"})
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
# Heads that put the act they govern in the future or make it an intent, a wish or a plan.
INTENT_HEADS = frozenset(
    """plan intend want wish hope seek aim expect prepare ready willing able decide
    consider mull weigh contemplate prepared poised set determined eager keen likely going
    offer propose pledge promise vow agree undertake commit""".split()
)
# Heads under which the act is demanded, threatened, alleged or refused rather than done.
REQUEST_HEADS = frozenset(
    "urge ask demand call press request appeal plead insist order tell encourage want".split()
)
THREAT_HEADS = frozenset("threaten warn menace vow".split())
REFUSAL_HEADS = frozenset("refuse decline fail reject deny oppose resist halt stop avoid".split())
ALLEGE_HEADS = frozenset("accuse allege claim charge blame suspect deny".split())
ALLEGE_NOUNS = frozenset("allegation accusation claim charge rumor rumour suspicion".split())
DEMAND_NOUNS = frozenset("demand call request appeal plea".split())
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
# Relations along which a verb's modality passes to the verb it governs.
EMBEDDING = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "prep", "pobj", "acomp", "conj", "acl"})
INTENT_NOUNS = frozenset(
    """plan intention readiness willingness hurry desire bid effort attempt offer promise pledge
    proposal threat demand call request decision right wish hope need way invitation ultimatum
    warning reminder order appeal plea""".split()
)


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    reason: str | None = None  # future | modal | conditional | intent | request | threat | refused | alleged
    governor: Token | None = None  # the verb or adjective that governs the act, if any
    own_future: bool = False  # future/intent marked on the act itself (convertible to AGREE/THREATEN)
    condition: str | None = None  # "if" / "unless" when the act hangs on a condition


def _has_neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)) for c in tok.children)


def _aux(tok: Token) -> set[str]:
    words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if "going" in words or any(c.lower_ == "going" and c.dep_ == "aux" for c in tok.children):
        words.add("will")
    return words


def _conditional(tok: Token) -> str | None:
    """The condition word ("if", "unless") on the act or on a clause it governs."""
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in CONDITION_MARKS:
            return c.lower_
    for c in tok.children:
        if c.dep_ == "advcl":
            for m in c.children:
                if m.dep_ == "mark" and m.lower_ in CONDITION_MARKS:
                    return m.lower_
    return None


def modality(tok: Token) -> Modality:
    """The modality of the event carried by `tok` (a verb, or the noun of a nominal event)."""
    m = Modality(negated=_has_neg(tok))
    aux = _aux(tok)
    if aux & FUTURE_AUX:
        m.hypothetical, m.reason, m.own_future = True, "future", True
    elif aux & MODAL_AUX:
        m.hypothetical, m.reason = True, "modal"
    m.condition = _conditional(tok)
    if m.condition:
        # "will withdraw unless X agrees": the withdrawal is the source's pledge or threat; the act
        # inside the condition ("unless Baghdad accepted") is someone else's and pledges nothing
        inside = any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children)
        m.hypothetical, m.reason, m.own_future = True, "conditional", not inside
    # Walk up through the clauses that embed this act.
    cur, steps = tok, 0
    while cur.dep_ in EMBEDDING and cur.head.i != cur.i and steps < 4:
        dep, head = cur.dep_, cur.head
        steps += 1
        if dep == "conj":
            cur = head
            continue
        lemma = head.lemma_.lower()
        if dep == "acl" and head.pos_ == "NOUN":
            # "in no hurry to recognise", "plans to send": a wish or plan, not the act
            if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not") for c in head.children):
                m.negated, m.hypothetical, m.reason, m.governor = True, True, "refused", head
            elif lemma in INTENT_NOUNS:
                m.hypothetical, m.reason, m.governor = True, "intent", head
            elif lemma in ALLEGE_NOUNS:  # "an allegation that the NPFL had taken the city"
                m.hypothetical, m.reason, m.governor = True, "alleged", head
            break
        if dep == "advcl":
            # "staged protests to demand ...": a purpose, not yet done; a finite clause
            # ("even as ISIS attacks, the Taliban seeks ...") keeps its own modality
            if any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children):
                m.hypothetical, m.reason, m.governor = True, "purpose", head
            break
        if dep in ("prep", "pobj") and head.pos_ not in ("VERB", "ADJ", "AUX"):
            cur = head
            continue
        if lemma in REFUSAL_HEADS:
            m.negated, m.hypothetical, m.reason, m.governor = True, True, "refused", head
            break
        # "told X to go" / "demanded that X withdraw" ask for the act; "was told that X beat Y"
        # reports one that happened (a finite past or present verb in the clause)
        asked = dep != "ccomp" or cur.tag_ in ("VB", "VBN") or bool(_aux(cur) & (FUTURE_AUX | MODAL_AUX))
        # "demanded that the government end curbs": a present verb under a past demand is a subjunctive
        asked = asked or (cur.tag_ == "VBP" and head.tag_ in ("VBD", "VBN"))
        # "reiterated its demand that Israel ease ...": the clause is what the noun asks for
        if dep == "ccomp" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in DEMAND_NOUNS for c in head.children
        ):
            m.hypothetical, m.reason, m.governor = True, "request", head
            break
        if lemma in THREAT_HEADS and asked:
            m.hypothetical, m.reason, m.governor = True, "threat", head
            break
        if lemma in REQUEST_HEADS and asked:
            m.hypothetical, m.reason, m.governor = True, "request", head
            break
        if lemma in ALLEGE_HEADS:
            m.hypothetical, m.reason, m.governor = True, "alleged", head
            break
        if lemma in INTENT_HEADS:
            m.hypothetical, m.reason, m.governor = True, "intent", head
            # a plan the source states is a pledge; one a noun describes ("a meeting aimed at
            # establishing ties") or one the source is told it must have ("must be ready to") is not
            told = _aux(head) | (_aux(head.head) if head.dep_ == "acomp" else set())  # "must be ready to"
            m.own_future = head.dep_ not in ("acl", "relcl") and not (told & MODAL_AUX)
            if _has_neg(head):
                m.negated = True
            break
        if dep == "ccomp":
            break  # a reported clause ("X said Y did Z") keeps its own modality
        cur = head
    return m
