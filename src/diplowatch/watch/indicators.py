"""Indicators: find the act words of a condition in a sentence, then judge deed or word, and polarity.

Two steps, cheap first. `candidates()` is regular expressions only (every `with` group present, no
`unless`, then the `act` matches). Only sentences with a candidate are parsed, and `judge_act()` reads
the parse around each act: is it negated (flip the polarity), is it said under a modal or a verb of
promising or demanding (a word: polarity 0), and who does it (another country's deed is no evidence;
its own act or statement about a condition, in dealings with the subject, is words).
Negation and modality are read by the one modality reader the event coder uses too (nlp.modality).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from diplowatch.lang import lexicon
from diplowatch.nlp.modality import NEGATORS, NOUN_NEGATORS, governs, marker
from diplowatch.watch.mentions import Mentions, Span
from diplowatch.watch.schema import Indicator

# What a governing word can make of an act (nlp.modality.governs) that leaves it words. A refusal
# negates the act instead; an allegation reports a deed ("accused the Taliban of allowing ..."), and so
# does a command by those in power ("ordered girls' schools to stay closed").
SAID_ONLY = frozenset({"modal", "threat", "request", "intent", "conditional", "talk"})
# Verbs of telling: what is above one governs the telling, not the act it reports.
TELLING = lexicon().words("watch-stances.telling_verbs")


@dataclass
class Candidate:
    indicator: Indicator
    start: int
    end: int
    matched: list[str]


@dataclass
class Judgement:
    polarity: int
    kind: str  # deed | word
    depth: int  # distance of the act from the root: the main clause carries the news
    why: str


def candidates(indicator: Indicator, text: str) -> list[Candidate]:
    """Act matches of one indicator, when all its `with` groups match and no `unless` does."""
    if any(p.search(text) for p in indicator.unless):
        return []
    context: list[str] = []
    for group in indicator.with_:
        hit = next((m for p in group for m in [p.search(text)] if m), None)
        if hit is None:
            return []
        context.append(hit.group())
    found = []
    for pattern in indicator.act:
        for m in pattern.finditer(text):
            found.append(Candidate(indicator, m.start(), m.end(), [m.group(), *context]))
    return found


def _path_up(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head.i != path[-1].i and len(path) < 12:
        path.append(path[-1].head)
    return path


def _inside(token: Token, start: int, end: int) -> bool:
    return start <= token.idx < end


def judge_act(doc: Doc, cand: Candidate, mentions: Mentions) -> Judgement | None:
    """Deed or word, polarity after negation; None when the act is someone else's."""
    if any(s.start <= cand.start and cand.end <= s.end or s.end == cand.start - 1 and doc.text[s.end] == "-"
           for s in mentions.subject):  # fmt: skip
        return None  # the act word is part of the subject's name ("Taliban-appointed chief"): no act
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    path = _path_up(root)
    depth = len(path) - 1
    other = _agent_is_other(path, mentions, cand)
    if other:
        # Another party's own act or statement about the condition, in dealings with the subject ("we are
        # in contact with the Taliban to ensure safe passage"), is words about it (guidelines: polarity 0).
        # Only under a words indicator: its deed ("Islamic State kill two Taliban members") is not the
        # subject's deed nor words about it, and an act that leaves the subject out is no evidence at all.
        if other == NAMED_OTHER and cand.indicator.polarity == 0 and _subject_takes_part(path, mentions):
            return Judgement(0, "word", depth, OTHERS_WORDS)
        return None
    polarity = cand.indicator.polarity
    negated = _negated(path, root, cand)
    if negated and polarity:
        polarity = -polarity
    word_reason = _word_reason(path, cand, mentions)
    if cand.indicator.polarity == 0:
        if cand.indicator.deed and not negated and not word_reason:
            # the subject did it: a deed on the condition that neither meets nor breaches it
            return Judgement(0, "deed", depth, "an act on the condition")
        return Judgement(0, "word", depth, "words about the condition")
    if word_reason:
        return Judgement(0, "word", depth, word_reason)
    return Judgement(polarity, "deed", depth, "negated act" if negated else "act")


def _negated(path: list[Token], root: Token, cand: Candidate) -> bool:
    """A negator on the act or its clause ("did not reopen", "no women were included", "refused to let")."""
    for token in path[:4]:
        outside = not _inside(token, cand.start, cand.end)
        if token.i != root.i and outside and governs(token) == "refused":
            return True
        for child in token.children:
            if _inside(child, cand.start, cand.end):
                continue
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "preconj") and child.lower_ in NEGATORS):
                return True
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                g.dep_ == "det" and g.lower_ in NOUN_NEGATORS and not _inside(g, cand.start, cand.end)
                for g in child.children
            ):
                return True
        if token.dep_ in ("ccomp", "advcl", "relcl", "conj", "ROOT"):
            break  # negation does not cross a clause boundary
    return False


def _word_reason(path: list[Token], cand: Candidate, mentions: Mentions) -> str | None:
    """Why the act is only words: a modal or a condition on its clause, or a word above it that makes
    it a plan, a demand, a threat or talk (read by the one modality reader, nlp.modality)."""
    for k, token in enumerate(path):
        marked = marker(token)
        if marked is not None:
            kind, word = marked
            if not (word.lower_ in DECREE_MODALS and _decreed(path[k + 1 :], token, mentions)) and not (
                _refusal_decided(path[k + 1 :], token, word, mentions)
            ):
                return f"{kind} '{word.text}'"
        if k and path[k - 1].dep_ == "conj" and path[k - 1].tag_ in ("VBD", "VBZ", "VBP"):
            continue  # "demanded lists and then barred them": a finite second verb is a deed of its own
        if _inside(token, cand.start, cand.end):
            continue
        # A phrasal verb is another verb: "sets up a cordon and blocks access" plans nothing ("set to" would).
        if governs(token) in SAID_ONLY and not any(c.dep_ == "prt" for c in token.children):
            return f"'{token.text}'"
        if k and _finding(token, mentions):
            return f"{FINDING_REASON} '{token.text}'"
        if k and token.pos_ == "VERB" and token.lemma_.lower() in TELLING:
            return None  # "we wanted to note that they let them leave": the wish is to tell, the act was done
    return None


# Modals of obligation: under the subject's announcement, the rule it lays on others is its deed.
DECREE_MODALS = frozenset({"must"})


def _decreed(above: list[Token], clause: Token, mentions: Mentions) -> bool:
    """ "The Taliban announce that women must be accompanied": an obligation on someone other than the
    subject, in a clause the subject announces, orders or says, is a rule it made, not a wish."""
    if _done_by_subject(clause, mentions):
        return False  # "the Taliban must reopen schools": an obligation on the subject is a demand
    return _said_by_subject(above, mentions)


def _done_by_subject(verb: Token, mentions: Mentions) -> bool:
    return any(_who(d, mentions) == "subject" for d in _doers(verb)[0])


def _said_by_subject(above: list[Token], mentions: Mentions) -> bool:
    """Whether the first verb above a clause (the one that says, announces or orders it) is the subject's."""
    head = next((t for t in above if t.pos_ in ("VERB", "AUX")), None)
    return head is not None and _done_by_subject(head, mentions)


# Verbs of letting: the subject saying it "will not allow" something has decided a ban, which is its deed.
LETTING = frozenset({"allow", "permit", "let", "tolerate", "accept"})


def _refusal_decided(above: list[Token], clause: Token, modal: Token, mentions: Mentions) -> bool:
    """ "The movement will not let anyone leave by road", "the Taliban say they will not allow ...": the
    subject's own "will not allow" is a ban it has decided, not a plan; "the Taliban will allow girls back"
    stays words (a pledge)."""
    if not (
        modal.lower_ in ("will", "wo")
        and clause.lemma_.lower() in LETTING
        and any(c.dep_ == "neg" for c in clause.children)
    ):
        return False
    doers = _doers(clause)[0]
    if any(_who(d, mentions) == "subject" for d in doers):
        return True
    # "they" in what the subject says of itself
    return any(d.pos_ == "PRON" for d in doers) and _said_by_subject(above, mentions)


def _finding(token: Token, mentions: Mentions) -> bool:
    """A head that makes the act below it another party's report, finding or accusation."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or lemma not in FINDING_HEADS | {"say"}:
        return False
    doers = _doers(token)[0]
    if any(_who(d, mentions) == "subject" for d in doers):
        return False  # the subject's own account of what it did
    if lemma == "say":
        # "a report says", and an organisation's account ("Amnesty International says the Taliban killed")
        return any(
            d.lemma_.lower() in FINDING_NOUNS or _inside_any(mentions.bodies, *_phrase(d)) for d in doers
        )
    return True


# Who acted decides (issue 11). Doers that are never the subject though the text does not name them:
# an attacker the text does not identify is not the subject's deed.
UNNAMED_ATTACKERS = frozenset(
    {"gunman", "gunmen", "attacker", "assailant", "bomber", "bomb", "blast", "explosion", "explosive",
     "militant", "insurgent", "sniper", "mine", "grenade", "rocket", "drone"}
)  # fmt: skip
# Violent acts whose doer a passive sentence may leave out ("five people are killed"): without a
# named doer they are nobody's deed for the watch.
VIOLENCE = frozenset(
    {"kill", "shoot", "wound", "injure", "behead", "bomb", "attack", "massacre", "murder", "explode", "die"}
)
# The reason a row that is another party's finding gives (the ledger reads it: ledger.build).
FINDING_REASON = "another party's finding"
# Heads under which the act is another party's finding, report or accusation (guidelines: polarity 0),
# unless the subject itself is the one who reports it ("the Taliban say they destroyed an IS cell").
FINDING_HEADS = frozenset({"report", "document", "find", "reveal", "accuse", "allege", "blame", "claim"})
# Nouns that, as the subject of "say", make what is said a finding ("a report by Amnesty says").
FINDING_NOUNS = frozenset(
    {"report", "study", "investigation", "survey", "inquiry", "analysis", "documentary"}
)
# Who claimed an attack: "claimed by X", "X claimed responsibility", "responsibility ... claimed by".
CLAIM_NOUNS = frozenset({"responsibility", "attack", "bombing", "killing", "assault", "blast"})
CLAUSE_LINKS = ("advcl", "xcomp", "conj", "acl", "pcomp", "relcl")
# The doer is someone named who is not the subject (the one reason that may still leave words).
NAMED_OTHER = "another party's act"
# The reason a row gives when another party's own act or statement, in dealings with the subject,
# speaks about the condition (guidelines: polarity 0).
OTHERS_WORDS = "another party's words about the condition"
# Dependents that head a clause of their own, or a time, rather than a party to the act.
SEPARATE_CLAUSES = frozenset(
    {"advcl", "ccomp", "conj", "parataxis", "relcl", "acl", "csubj", "mark", "punct"}
)
# How a word names its own doer: its subject, or the modifier of a noun that carries the act ("US talks").
OWN_DOERS = frozenset({"nsubj", "csubj", "compound", "amod", "poss"})
TIME_PREPOSITIONS = frozenset(
    {"after", "before", "since", "during", "amid", "amidst", "following", "until", "till", "ahead", "as"}
)


def _phrase(token: Token) -> tuple[int, int]:
    """Character range of a noun phrase's head and its modifiers ("Pakistani officials", "a US drone
    strike"), not every word of its subtree: "passengers, including US citizens" are not the US acting."""
    words = [
        token,
        *(c for c in token.children if c.dep_ in ("compound", "amod", "poss", "det", "appos", "nmod")),
    ]
    return min(w.idx for w in words), max(w.idx + len(w) for w in words)


def _who(token: Token, mentions: Mentions) -> str | None:
    """ "subject", "other" (someone named who is not the subject), "unnamed" (an unidentified attacker)
    or None (the phrase names nobody)."""
    lo, hi = _phrase(token)
    if _inside_any(mentions.subject, lo, hi):
        return "subject"
    if _inside_any(mentions.others, lo, hi) or _inside_any(mentions.non_subject(), lo, hi):
        return "other"
    # "an airstrike by the United States", "a drone strike conducted by the US military": the doer of
    # the act a noun names
    by_phrases = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"]
    by_phrases += [
        c for clause in token.children if clause.dep_ == "acl" for c in clause.children if c.dep_ == "agent"
    ]
    for by in (g for c in by_phrases for g in c.children if g.dep_ == "pobj"):
        who = _who(by, mentions)
        if who:
            return who
    if token.lemma_.lower() in UNNAMED_ATTACKERS:
        return "unnamed"
    return None


def _doers(verb: Token) -> tuple[list[Token], list[Token], bool]:
    """The verb's doers (its active subject, the object of its "by" agent), its patients (the passive
    subject, the object) and whether it is passive; a participle or a clause without a subject of its
    own takes the subject of the verb it hangs on ("militants opened fire, killing two Taliban")."""
    for _ in range(4):
        kids = list(verb.children)
        doers = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
        doers += [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        # "released 5,000 prisoners, including Taliban commanders": "including" lists the patients too
        patients = [
            c
            for c in kids
            if c.dep_ in ("nsubjpass", "dobj") or (c.dep_ == "prep" and c.lower_ == "including")
        ]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        if doers or passive or verb.dep_ not in CLAUSE_LINKS or verb.head.i == verb.i:
            return doers, patients, passive
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
            return doers, patients, passive  # "ordered schools to stay closed": the order's subject rules
        if governs(verb.head) in SAID_ONLY:
            return [], [], False  # "the EU called on the Taliban to reverse ...": the asker is not the doer
        if verb.dep_ == "xcomp" and any(c.dep_ == "nsubjpass" for c in verb.head.children):
            # "the Taliban have been urged to reopen schools": who is urged is who would reopen
            return [c for c in verb.head.children if c.dep_ == "nsubjpass"], [], False
        verb = verb.head
    return [], [], False


def _agent_is_other(path: list[Token], mentions: Mentions, cand: Candidate) -> str | None:
    """Why the act is someone else's, or None: its doer names someone other than the subject
    (NAMED_OTHER), or an attacker the text does not identify; or the subject is only the act's patient
    ("a Taliban soldier is killed"); or a violent act is told without any doer; or another party claimed it."""
    verb = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
    # Nouns carrying the act ("a US drone strike killed") name their doer as a modifier.
    if path[0].pos_ == "NOUN":
        for mod in (c for c in path[0].children if c.dep_ in ("compound", "amod", "poss")):
            who = _who(mod, mentions)
            if who == "subject":
                return None
            if who == "other":
                return NAMED_OTHER
    if verb is None:
        return None
    doers, patients, passive = _doers(verb)
    found = [_who(d, mentions) for d in doers]
    if "subject" in found:
        return None
    if "other" in found:
        return NAMED_OTHER
    if "unnamed" in found:
        return "an unidentified attacker"
    if _claimed_by_other(verb.doc, mentions):
        return "claimed by another party"
    # (Words about a condition need no doer: "the statement by the Taliban about safe passage".)
    deed_indicator = cand.indicator.polarity != 0
    # The subject named in another clause ("no requirement that the Taliban ..., but it did authorize the
    # release of prisoners, including Taliban commanders") is not in this act: only its own clause counts.
    own = [m for m in mentions.subject if _in_subtrees(m, [verb])]
    if deed_indicator and patients and not any(found) and own and all(_in_subtrees(m, patients) for m in own):
        # the subject is only acted on ("a Taliban soldier is killed", "freed Taliban commanders")
        return "the subject is acted on"
    if passive and not doers and verb.lemma_.lower() in VIOLENCE and not _subject_governs(path, mentions):
        return "violence without a doer"
    if deed_indicator and doers and not own and verb.lemma_.lower() in VIOLENCE:
        if not _subject_governs(path, mentions):
            # "three blasts kill nine people: one hit a bus with Taliban fighters on board": the subject
            # is named beside the violence, not as its doer
            return "violence by someone the sentence does not name as the subject"
    return None


def _subject_takes_part(path: list[Token], mentions: Mentions) -> bool:
    """The subject is a party to the other party's act: a subject, object or partner of a word on the
    act's path, up to the word whose doer the other party is ("we are in contact with the Taliban to
    ensure safe passage"), or the doer of a clause above it ("the Taliban have been working with us so we
    can get our people out"). A clause of its own beside the act ("as the Taliban took Kabul"), a time
    ("after the Taliban takeover") or a mention higher up in a sentence about something else does not
    make the subject a party."""
    on_path = {t.i for t in path}
    for token in path:
        for child in token.children:
            if child.i in on_path or child.dep_ in SEPARATE_CLAUSES:
                continue
            if child.dep_ == "prep" and child.lower_ in TIME_PREPOSITIONS:
                continue
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
            if _inside_any(mentions.subject, lo, hi):
                return True
        if any(c.dep_ in OWN_DOERS and _who(c, mentions) == "other" for c in token.children):
            break  # the other party's own clause ends here
    return _subject_governs(path, mentions)


def _in_subtrees(span: Span, tokens: list[Token]) -> bool:
    return any(
        t.left_edge.idx <= span.start and span.end <= t.right_edge.idx + len(t.right_edge) for t in tokens
    )


def _subject_governs(path: list[Token], mentions: Mentions) -> bool:
    """The subject is the doer of a verb above the act ("the Taliban executed ..., and people were shot")."""
    for token in path[1:]:
        if token.pos_ in ("VERB", "AUX") and _done_by_subject(token, mentions):
            return True
    return False


def _claimed_by_other(doc: Doc, mentions: Mentions) -> bool:
    """Someone not the subject claimed the attack: "X claimed responsibility", "claimed by X"."""
    for token in doc:
        if token.lemma_.lower() != "claim" or token.pos_ != "VERB":
            continue
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if objects and not any(o.lemma_.lower() in CLAIM_NOUNS for o in objects):
            continue
        doers, _, _ = _doers(token)
        if any(_who(d, mentions) == "other" for d in doers):
            return True
    return False


def _inside_any(spans: list[Span], lo: int, hi: int) -> bool:
    return any(lo <= s.start and s.end <= hi for s in spans)
