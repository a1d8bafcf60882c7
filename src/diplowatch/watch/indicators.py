"""Indicators: find the act words of a condition in a sentence, then judge deed or word, and polarity.

Two steps, cheap first. `candidates()` is regular expressions only (every `with` group present, no
`unless`, then the `act` matches). Only sentences with a candidate are parsed, and `judge_act()` reads
the parse around each act: is it negated (flip the polarity), is it said under a modal or a verb of
promising or demanding (a word: polarity 0), and who does it (another country's deed is no evidence).
Negation and modality are read by the one modality reader the event coder uses too (nlp.modality).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from diplowatch.nlp.modality import NEGATORS, NOUN_NEGATORS, governs, marker
from diplowatch.watch.mentions import Mentions, Span
from diplowatch.watch.schema import Indicator

# What a governing word can make of an act (nlp.modality.governs) that leaves it words. A refusal
# negates the act instead; an allegation reports a deed ("accused the Taliban of allowing ..."), and so
# does a command by those in power ("ordered girls' schools to stay closed").
SAID_ONLY = frozenset({"modal", "threat", "request", "intent", "conditional", "talk"})


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
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    path = _path_up(root)
    if _agent_is_other(path, mentions, cand):
        return None
    polarity = cand.indicator.polarity
    negated = _negated(path, root, cand)
    if negated and polarity:
        polarity = -polarity
    word_reason = _word_reason(path, cand)
    depth = len(path) - 1
    if cand.indicator.polarity == 0:
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


def _word_reason(path: list[Token], cand: Candidate) -> str | None:
    """Why the act is only words: a modal or a condition on its clause, or a word above it that makes
    it a plan, a demand, a threat or talk (read by the one modality reader, nlp.modality)."""
    for k, token in enumerate(path):
        marked = marker(token)
        if marked is not None:
            kind, word = marked
            return f"{kind} '{word.text}'"
        if k and path[k - 1].dep_ == "conj" and path[k - 1].tag_ in ("VBD", "VBZ", "VBP"):
            continue  # "demanded lists and then barred them": a finite second verb is a deed of its own
        if governs(token) in SAID_ONLY and not _inside(token, cand.start, cand.end):
            return f"'{token.text}'"
    return None


def _agent_is_other(path: list[Token], mentions: Mentions, cand: Candidate) -> bool:
    """True when the act's grammatical subject names someone other than the watch's subject."""
    verb = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    agents = [c for c in verb.children if c.dep_ in ("nsubj", "agent", "compound")]
    # Nouns carrying the act ("a US drone strike killed") name their doer as a modifier.
    if path[0].pos_ == "NOUN":
        agents += [c for c in path[0].children if c.dep_ in ("compound", "amod", "poss")]
    for agent in agents:
        # The agent's head and its modifiers ("Pakistani officials", "a US drone strike"), not every
        # word of its subtree: "passengers, including US citizens" are not the US acting.
        words = [
            agent,
            *(c for c in agent.children if c.dep_ in ("compound", "amod", "poss", "det", "appos")),
        ]
        lo = min(w.idx for w in words)
        hi = max(w.idx + len(w) for w in words)
        if _inside_any(mentions.subject, lo, hi):
            return False
        if _inside_any(mentions.others, lo, hi) or _inside_any(mentions.non_subject(), lo, hi):
            return True
    return False


def _inside_any(spans: list[Span], lo: int, hi: int) -> bool:
    return any(lo <= s.start and s.end <= hi for s in spans)
