"""The one modality reader: whether an act is done, or only said, wished, planned, demanded or refused.

The event coder and the watch both read modality here, from the word lists of `lang/en/modality.yaml`.

- `modality(tok)` is the full reading of the act a token carries, for the coder: `negated` ("did not
  recognise", "refused to release") or `hypothetical` (future "will send", modal "could strike",
  conditional "if ... would", wanted/threatened/demanded but not done: "threatened to shell", "urged X
  to withdraw", "accused X of attacking"). The coder keeps flagged events; counts and exports leave
  them out by default.
- `marker(tok)` and `governs(tok)` are the pieces the watch reads along the path from an act to the
  root: an auxiliary or a condition on a word of the path, and what a word of the path makes of the act
  below it (a plan, a demand, a threat, a refusal, an allegation, a command, talk).

Both read the same word lists: a word that marks an obligation, a plan or a refusal for one reader marks
it for the other. What each does with a reading is its own: the coder flags a demanded act as
hypothetical, the watch scores it as words; the watch takes an allegation or a command by those in
power as evidence of a deed. A governing word is read by its lemma, except an auxiliary that governs a
"to" clause, read as written (`read_as`: "is going to reopen", "ought to reopen").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from diplowatch.lang import lexicon

LEX = lexicon()
FUTURE_AUX = LEX.words("modality.future")
MODAL_AUX = LEX.words("modality.modal")
NOUN_NEGATORS = LEX.words("modality.noun_negators")
NEGATORS = LEX.words("modality.negators")
CONDITION_MARKS = LEX.words("modality.condition_marks")
# Modals and verbs that oblige their subject ("must cooperate", "has to ensure").
OBLIGATION = LEX.words("modality.obligation")
OBLIGATION_HEADS = LEX.words("modality.obligation_heads")
# Heads that put the act they govern in the future or make it an intent, a wish or a plan.
INTENT_HEADS = LEX.words("modality.intent_heads")
# Heads under which the act is demanded, threatened, alleged or refused rather than done.
REQUEST_HEADS = LEX.words("modality.request_heads")
COMMAND_HEADS = LEX.words("modality.command_heads")
THREAT_HEADS = LEX.words("modality.threat_heads")
REFUSAL_HEADS = LEX.words("modality.refusal_heads")
ALLEGE_HEADS = LEX.words("modality.allege_heads")
ALLEGE_NOUNS = LEX.words("modality.allege_nouns")
DEMAND_NOUNS = LEX.words("modality.demand_nouns")
INTENT_NOUNS = LEX.words("modality.intent_nouns")
LAW_NOUNS = LEX.words("modality.law_nouns")
ENACTING_VERBS = LEX.words("modality.enacting_verbs")
# Heads under which the act is only talked about: stated, stressed, discussed ("stressed that ...").
TALK_HEADS = LEX.words("modality.talk_heads")
# Heads on which the act is made a condition ("aid depends on girls returning to school").
CONDITION_HEADS = LEX.words("modality.condition_heads")
# Heads that ask for the act only with one of these words after them ("called on X to", "a call for").
ASKING_PARTICLES = LEX.mapping("modality.asking_particles")
# Relations along which a verb's modality passes to the verb it governs.
EMBEDDING = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "prep", "pobj", "acomp", "conj", "acl"})


@dataclass
class Modality:
    negated: bool = False
    hypothetical: bool = False
    reason: str | None = None  # future | modal | conditional | intent | request | threat | refused | alleged
    governor: Token | None = None  # the verb or adjective that governs the act, if any
    own_future: bool = False  # future/intent marked on the act itself (convertible to AGREE/THREATEN)
    condition: str | None = None  # "if" / "unless" when the act hangs on a condition


def _has_neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATORS) for c in tok.children)


def _asks(tok: Token) -> bool:
    """Whether a word of asking asks here: "called on X to", not a "call" alone (a telephone call)."""
    particles = ASKING_PARTICLES.get(tok.lemma_.lower())
    return particles is None or any(c.lower_ in particles for c in tok.children)


def read_as(tok: Token) -> str:
    """The word a governing token is read by: its lemma, or its own form when an auxiliary governs a
    "to" clause as a verb would ("is going to reopen", "ought to reopen": not "go")."""
    if tok.lower_ in FUTURE_AUX | MODAL_AUX and any(c.dep_ == "xcomp" for c in tok.children):
        return tok.lower_
    return tok.lemma_.lower()


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


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


def enacted_law(noun: Token) -> bool:
    """ "signs an executive order ending the emergency", "passes a law that requires masks": a law, decree or
    order its subject signs, passes or issues, whose clause is the act it enacts (not a plan or a scene)."""
    return (
        noun.lemma_.lower() in LAW_NOUNS
        and noun.dep_ in ("dobj", "conj")
        and noun.head.lemma_.lower() in ENACTING_VERBS
        and noun.head.pos_ in ("VERB", "AUX")
    )


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
        lemma = read_as(head)
        if dep == "acl" and head.pos_ == "NOUN":
            # "in no hurry to recognise", "plans to send": a wish or plan, not the act
            if enacted_law(head):
                pass  # "issues a decree banning ...": what the decree enacts is done
            elif any(c.dep_ in ("det", "neg") and c.lower_ in NOUN_NEGATORS for c in head.children):
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
        if lemma in MODAL_AUX and head.tag_ == "MD":  # "ought to reopen"
            m.hypothetical, m.reason, m.governor = True, "modal", head
            break
        if lemma in THREAT_HEADS and asked:
            m.hypothetical, m.reason, m.governor = True, "threat", head
            break
        if lemma in REQUEST_HEADS | COMMAND_HEADS and asked and _asks(head):
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
        if lemma in CONDITION_HEADS:  # "aid depends on girls returning to school"
            m.hypothetical, m.reason, m.governor = True, "conditional", head
            break
        if dep == "ccomp":
            break  # a reported clause ("X said Y did Z") keeps its own modality
        cur = head
    return m


def marker(tok: Token) -> tuple[str, Token] | None:
    """The first auxiliary or subordinator on `tok` that makes it no deed: ("modal", "will"/"must"...),
    or ("condition", "if"/"unless"...)."""
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX | MODAL_AUX:
            return "modal", c
        if c.dep_ == "mark" and c.lower_ in CONDITION_MARKS:
            return "condition", c
    return None


def governs(tok: Token) -> str | None:
    """What `tok` makes of an act below it, read from its word alone: "refused", "modal", "command",
    "threat", "request", "alleged", "intent", "conditional" or "talk"; None when it leaves the act a deed."""
    word = read_as(tok)
    if word in MODAL_AUX and tok.tag_ == "MD":
        return "modal"  # "ought to reopen"
    if not _asks(tok):
        return None
    for reason, words in _GOVERNING:
        if word in words:
            return reason
    return None


_GOVERNING = (
    ("refused", REFUSAL_HEADS),
    ("command", COMMAND_HEADS),
    ("threat", THREAT_HEADS),
    ("request", REQUEST_HEADS),
    ("request", DEMAND_NOUNS),
    ("alleged", ALLEGE_HEADS),
    ("alleged", ALLEGE_NOUNS),
    ("intent", INTENT_HEADS),
    ("intent", INTENT_NOUNS),
    ("conditional", CONDITION_HEADS),
    ("talk", TALK_HEADS),
)
