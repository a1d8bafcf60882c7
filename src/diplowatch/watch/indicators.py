"""Indicators: find the act words of a condition in a sentence, then judge deed or word, and polarity.

Two steps, cheap first. `candidates()` is regular expressions only (every `with` group present, no
`unless`, then the `act` matches). Only sentences with a candidate are parsed, and `judge_act()` reads
the parse around each act: is it negated (flip the polarity), is it said under a modal or a verb of
promising or demanding (a word: polarity 0), and who does it (another country's deed is no evidence).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from diplowatch.watch.mentions import Mentions, Span
from diplowatch.watch.schema import Indicator

# Auxiliaries that turn an act into intent, hope or obligation: "girls will return", "must allow".
MODALS = {"will", "would", "shall", "should", "must", "could", "can", "may", "might", "'ll", "wo", "ca"}
# Heads under which an act is only talked about: promises, demands, plans, conditions.
WORD_LEMMAS = {
    "promise", "pledge", "vow", "urge", "demand", "call", "insist", "ask", "want", "hope", "plan", "intend",
    "commit", "commitment", "expect", "seek", "press", "push", "assure", "assurance", "guarantee",
    "undertake", "offer", "propose", "aim", "require", "condition", "appeal", "encourage", "need", "wish",
    "priority", "goal", "request", "recommend", "reiterate", "stress", "emphasise", "emphasize", "warn", "agree", "consider", "discuss", "prepare", "depend", "expectation", "requirement", "benchmark",
}  # fmt: skip
# Heads that negate what they govern: "refused to let them leave" is the opposite of letting them leave.
NEGATING_LEMMAS = {
    "refuse",
    "fail",
    "decline",
    "reject",
    "deny",
    "prevent",
    "stop",
    "bar",
    "ban",
    "block",
    "halt",
}
NEGATORS = {"not", "n't", "never", "no", "without", "nor"}
CONDITIONAL_MARKS = {"if", "unless", "once"}


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
        if token.i != root.i and outside and token.lemma_.lower() in NEGATING_LEMMAS:
            return True
        for child in token.children:
            if _inside(child, cand.start, cand.end):
                continue
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "preconj") and child.lower_ in NEGATORS):
                return True
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                g.dep_ == "det" and g.lower_ == "no" and not _inside(g, cand.start, cand.end)
                for g in child.children
            ):
                return True
        if token.dep_ in ("ccomp", "advcl", "relcl", "conj", "ROOT"):
            break  # negation does not cross a clause boundary
    return False


def _word_reason(path: list[Token], cand: Candidate) -> str | None:
    for k, token in enumerate(path):
        for child in token.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS:
                return f"modal '{child.text}'"
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return f"condition '{child.text}'"
        if k and path[k - 1].dep_ == "conj" and path[k - 1].tag_ in ("VBD", "VBZ", "VBP"):
            continue  # "demanded lists and then barred them": a finite second verb is a deed of its own
        lemma = token.lemma_.lower()
        if lemma in WORD_LEMMAS and not _inside(token, cand.start, cand.end):
            # "called on" / "call for" are demands; a "call" alone (a phone call) is not
            if lemma == "call" and not any(c.lower_ in ("on", "for") for c in token.children):
                continue
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
