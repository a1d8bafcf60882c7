"""Whether a word of a pledge is negated, read from the sentence's parse rather than a window of words.

"will not allow families to cross into Iran" refuses the crossing although "not" is four words before
"cross": the negation sits on "allow", the verb that governs "cross". So the word's own verb is found,
and from it the verbs above it through non-finite complements ("allow ... to cross", "let them leave",
"permit the convoy to cross"), stopping at a finite clause ("did not deny that they would allow them
to cross" leaves the crossing promised). A verb is negated by a negation on it or on its modal
("will not", "won't", "cannot", "never", "no longer").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from diplowatch.lang import lexicon

# Any negation word before the word at all: without one nothing is negated and nothing is parsed.
_ANY_NEGATION = lexicon().pattern("ledger.negation_words")
# Dependencies through which a governing verb passes its negation down: an infinitive or bare verb
# complement ("allow them to cross", "let them cross") and a conjunct ("to cross or leave").
_DOWNWARD = ("xcomp", "ccomp", "conj")


@lru_cache(maxsize=512)
def _parse(text: str) -> Doc:
    from diplowatch.nlp import load_nlp  # spaCy's model loads only when a negation needs reading

    return load_nlp()(text)


def negated(text: str, at: int) -> bool:
    """Whether the word starting at character `at` of `text` is negated (see the module's docstring)."""
    if not _ANY_NEGATION.search(text, 0, at):
        return False
    doc = _parse(text)
    token = next((t for t in doc if t.idx + len(t) > at), None)
    if token is None:
        return False
    while token.pos_ not in ("VERB", "AUX") and token.head is not token:
        token = token.head  # a noun or a particle: the verb that governs it
    while True:
        if _negates(token, at):
            return True
        if token.dep_ not in _DOWNWARD or token.head is token or _finite(token):
            return False
        token = token.head


def _negates(verb: Token, at: int) -> bool:
    """A negation before character `at` on the verb or on one of its auxiliaries ("not", "n't", "never"),
    or "no longer" (a negation inside the matched words, "not allowed to leave", is the act's own)."""
    for child in verb.children:
        if child.dep_ == "neg" and child.idx < at:
            return True
        if child.dep_ in ("aux", "advmod") and any(c.dep_ == "neg" and c.idx < at for c in child.children):
            return True
    return False


def _finite(verb: Token) -> bool:
    """A clause of its own ("that they would allow", "they allowed"): a marker, a modal, or a tensed verb."""
    if any(c.dep_ == "mark" for c in verb.children):
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children):
        return True
    return verb.tag_ in ("VBD", "VBZ", "VBP")
