"""Two of spaCy's rule components, made cheaper without changing what they set: the attribute ruler's
matching, indexed, and the lemmatizer's answers, remembered.

en_core_web_sm's attribute ruler maps tags to coarse parts of speech and fixes lemmas and morphology
with one-token patterns (`{"TAG": "PRP", "LOWER": "her"}`) and a few two-token ones. spaCy's Matcher
tries every pattern at every token; on the short sentences the coder parses that was a seventh of its
time. Here each pattern is filed under a value its first token must have (its tag, else its lower-case
form, else its dependency label), so a token is tried only against the patterns that could match it.
The matches, their order and what they set are spaCy's own (`AttributeRuler.set_annotations` applies
them): only the search is replaced, and only where every pattern uses the few constraints read here.

The rule lemmatizer asks, token by token in Python, what the lemma of this word with this part of speech
and morphology is; its answer depends on nothing else (its own cache has that key, but it skips the
cache for the commonest case, a word already in its base form). The coder's pipeline keeps each answer
by that key and writes a document's lemmas in one call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS

# Token attributes the patterns may constrain, read once per token.
_READ: dict[str, Callable[[Any], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
_FIELDS = tuple(_READ)
_INDEXED = ("TAG", "LOWER", "DEP")  # the first constraint of these a pattern has files it


def _test(attr: str, spec: Any) -> Callable[[tuple], bool] | None:
    """A test of one constraint on a token's values, as the Matcher reads it (None: not supported here)."""
    at = _FIELDS.index(attr)
    if isinstance(spec, bool):
        return lambda values: bool(values[at]) == spec
    if isinstance(spec, str):
        return lambda values: values[at] == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, value),) = spec.items()
        if op == "IN" and isinstance(value, list):
            allowed = frozenset(value)
            return lambda values: values[at] in allowed
        if op == "NOT_IN" and isinstance(value, list):
            refused = frozenset(value)
            return lambda values: values[at] not in refused
        if op == "REGEX" and isinstance(value, str):
            search = re.compile(value).search
            return lambda values: bool(search(values[at]))
    return None


def _token_test(spec: dict[str, Any]) -> Callable[[tuple], bool] | None:
    tests = []
    for attr, value in spec.items():
        if attr not in _READ:
            return None
        test = _test(attr, value)
        if test is None:
            return None
        tests.append(test)
    return lambda values: all(test(values) for test in tests)


def _filed_under(spec: dict[str, Any]) -> tuple[str, list] | None:
    """The attribute and values a pattern's first token is filed under (None: tried at every token)."""
    for attr in _INDEXED:
        value = spec.get(attr)
        if isinstance(value, str):
            return attr, [value]
        if isinstance(value, dict) and isinstance(value.get("IN"), list) and len(value) == 1:
            return attr, list(value["IN"])
    return None


class IndexedMatch:
    """Stands in for `AttributeRuler.match`: the same sorted (rule, key, start, end) matches."""

    def __init__(self, ruler: Any):
        self.index: dict[tuple[str, Any], list[tuple]] = {}
        self.everywhere: list[tuple] = []
        for rule, pattern_set in enumerate(ruler.patterns):
            key = ruler.vocab.strings[str(rule)]
            for pattern in pattern_set["patterns"]:
                tests = [_token_test(spec) for spec in pattern]
                if not pattern or any(t is None for t in tests):
                    raise ValueError(f"attribute ruler pattern not supported here: {pattern}")
                entry = (rule, key, tests)
                filed = _filed_under(pattern[0])
                if filed is None:
                    self.everywhere.append(entry)
                else:
                    attr, values = filed
                    for value in dict.fromkeys(values):
                        self.index.setdefault((attr, value), []).append(entry)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        values = [tuple(read(t) for read in _READ.values()) for t in doc]
        found = []
        for i, here in enumerate(values):
            tried: list[tuple] = list(self.everywhere)
            for attr in _INDEXED:
                tried += self.index.get((attr, here[_FIELDS.index(attr)]), ())
            for rule, key, tests in tried:
                end = i + len(tests)
                if end <= len(values) and all(test(values[i + k]) for k, test in enumerate(tests)):
                    found.append((rule, key, i, end))
        return sorted(set(found))  # as the Matcher: one match per rule and span


def index_attribute_ruler(nlp: Any) -> None:
    """Give the pipeline's attribute ruler the indexed search, when all of its patterns allow it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = IndexedMatch(ruler)
    except ValueError:
        return  # a pattern this search does not read: spaCy's Matcher keeps the job


class RememberedLemmas:
    """Stands in for `Lemmatizer.pipe` (rule mode): the lemma each token without one gets, as spaCy's
    `Lemmatizer.__call__` gives it, asked once per (word, part of speech, morphology)."""

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}

    def __call__(self, docs: Any, **_: Any) -> Any:
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        for doc in docs:
            self.set_lemmas(doc)
            yield doc

    def set_lemmas(self, doc: Any) -> None:
        if not len(doc):
            return
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        todo = range(len(doc)) if self.lemmatizer.overwrite else numpy.flatnonzero(lemmas == 0).tolist()
        for i in todo:
            key = (int(table[i, 0]), int(table[i, 1]), int(table[i, 2]))
            lemma = self.known.get(key)
            if lemma is None:
                lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                self.known[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas)


def remember_lemmas(nlp: Any) -> None:
    """Give the pipeline's rule lemmatizer (spaCy's, or the English one) the remembered answers."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if lemmatizer.mode == "rule" and type(lemmatizer).__name__ in ("Lemmatizer", "EnglishLemmatizer"):
        lemmatizer.pipe = RememberedLemmas(lemmatizer)  # Language.pipe calls it; nlp(text) keeps spaCy's
