"""Two of spaCy's rule components, made cheaper without changing what they set: the attribute ruler's
matching, indexed, and the lemmatizer's answers, remembered.

en_core_web_sm's attribute ruler maps tags to coarse parts of speech and fixes lemmas and morphology
with one-token patterns (`{"TAG": "PRP", "LOWER": "her"}`) and a few two-token ones. spaCy's Matcher
tries every pattern at every token; on the short sentences the coder parses that was a seventh of its
time. Here each pattern is filed under a value its first token must have (its tag, else its lower-case
form, else its dependency label), so a token is tried only against the patterns that could match it.
The matches, their order and what they set are spaCy's own: only the search is replaced, and only
where every pattern uses the few constraints read here; the attributes are then set on each matched
token directly, as spaCy's `set_token_attrs` sets them, without the spans spaCy builds to find it.

The rule lemmatizer asks, token by token in Python, what the lemma of this word with this part of speech
and morphology is; its answer depends on nothing else (its own cache has that key, but it skips the
cache for the commonest case, a word already in its base form). The coder's pipeline keeps each answer
by that key and writes a document's lemmas in one call. Its rules test whether a candidate form is a
known word with `form in index`, where spaCy's tables hold each part of speech's words as a list (57,000
nouns, scanned one by one): the same words as a set give the same answers at a hash's cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.tokens._retokenize import set_token_attrs

# Token attributes the patterns may constrain, read once per token.
_READ: dict[str, Callable[[Any], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
_FIELDS = tuple(_READ)
_INDEXED = ("TAG", "LOWER", "DEP")  # the first constraint of these a pattern has files it
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]  # the same four values, as ids


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
    """Stands in for `AttributeRuler.match`: the same sorted (rule, key, start, end) matches.

    Whether a one-token pattern (172 of en_core_web_sm's 180) matches depends only on the token's own
    tag, lower-case form, dependency and space flag, which repeat from sentence to sentence: those
    matches are worked out once per distinct set of values and remembered. Longer patterns are tried
    where they are filed, as before.

    Most lower-case forms are named by no pattern: for the patterns, such a form is only which of their
    regular expressions it matches. So the matches are worked out once per tag, dependency, space flag
    and *kind* of form (the form itself when a pattern names it), and a new word costs a lookup."""

    def __init__(self, ruler: Any):
        self.index: dict[tuple[str, Any], list[tuple]] = {}
        self.everywhere: list[tuple] = []
        self.strings = ruler.vocab.strings
        # A token's values, as the ids `Doc.to_array` gives, -> its values as read, its one-token matches
        # and the longer patterns that could start at it.
        self.known: dict[tuple[int, ...], tuple[tuple, list[tuple[int, int]], list[tuple]]] = {}
        # The same matches, by tag, kind of form (`_form_kind`), dependency and space flag.
        self.by_kind: dict[tuple, tuple[list[tuple[int, int]], list[tuple]]] = {}
        self.named_forms: set[str] = set()  # every lower-case form a pattern names (equal, IN, NOT_IN)
        self.form_searches: list[Callable[[str], Any]] = []  # the patterns' REGEX tests of the form
        for rule, pattern_set in enumerate(ruler.patterns):
            key = ruler.vocab.strings[str(rule)]
            for pattern in pattern_set["patterns"]:
                tests = [_token_test(spec) for spec in pattern]
                if not pattern or any(t is None for t in tests):
                    raise ValueError(f"attribute ruler pattern not supported here: {pattern}")
                for spec in pattern:
                    self._note_form_test(spec.get("LOWER"))
                entry = (rule, key, tests)
                filed = _filed_under(pattern[0])
                if filed is None:
                    self.everywhere.append(entry)
                else:
                    attr, values = filed
                    for value in dict.fromkeys(values):
                        self.index.setdefault((attr, value), []).append(entry)

    def _note_form_test(self, spec: Any) -> None:
        if isinstance(spec, str):
            self.named_forms.add(spec)
        elif isinstance(spec, dict):
            for op, value in spec.items():
                if op == "REGEX":
                    self.form_searches.append(re.compile(value).search)
                else:  # IN, NOT_IN: the only others `_token_test` takes
                    self.named_forms.update(value)

    def _form_kind(self, lower: str) -> Any:
        """What every pattern's test of the lower-case form sees: the form when a pattern names it, else
        which of the REGEX tests it passes (any two such forms pass and fail the same tests, and are filed
        under no pattern)."""
        if lower in self.named_forms:
            return lower
        return tuple(bool(search(lower)) for search in self.form_searches)

    def _tried(self, here: tuple) -> list[tuple]:
        """The patterns filed under a token with these values."""
        tried: list[tuple] = list(self.everywhere)
        for attr in _INDEXED:
            tried += self.index.get((attr, here[_FIELDS.index(attr)]), ())
        return tried

    def _token(self, ids: tuple[int, ...]) -> tuple[tuple, list[tuple[int, int]], list[tuple]]:
        known = self.known.get(ids)
        if known is None:
            tag, lower, dep, space = ids
            here = (self.strings[tag], self.strings[lower], self.strings[dep], bool(space))
            kind = (tag, self._form_kind(here[1]), dep, space)
            matched = self.by_kind.get(kind)
            if matched is None:
                tried = self._tried(here)
                single = [(rule, key) for rule, key, tests in tried if len(tests) == 1 and tests[0](here)]
                # a longer pattern's first token is tested here, once: most fail at once ("ai" under VBZ)
                longer = [entry for entry in tried if len(entry[2]) > 1 and entry[2][0](here)]
                matched = self.by_kind[kind] = (single, longer)
            known = self.known[ids] = (here, *matched)
        return known

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        if not len(doc):
            return []
        tokens = [self._token(ids) for ids in map(tuple, doc.to_array(_ARRAY).tolist())]
        values = [here for here, _, _ in tokens]
        found = []
        for i, (_, single, longer) in enumerate(tokens):
            found += [(rule, key, i, i + 1) for rule, key in single]
            for rule, key, tests in longer:
                end = i + len(tests)
                if end <= len(values) and all(tests[k](values[i + k]) for k in range(1, len(tests))):
                    found.append((rule, key, i, end))
        return sorted(set(found))  # as the Matcher: one match per rule and span


class DirectAnnotations:
    """Stands in for `AttributeRuler.set_annotations`: the same attributes set on the same tokens, in
    the same order, without the two `Span`s and three `Token`s spaCy makes per match (a match per
    token at least: the tag map's)."""

    def __init__(self, ruler: Any):
        self.ruler = ruler
        self.spacys = ruler.set_annotations

    def __call__(self, doc: Any, matches: list[tuple[int, int, int, int]]) -> None:
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for attr_id, match_id, start, end in matches:
            index = indices[attr_id]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:  # spaCy's own error for an index outside the match
                self.spacys(doc, [(attr_id, match_id, start, end)])
                continue
            set_token_attrs(doc[at], attrs[attr_id])


def index_attribute_ruler(nlp: Any) -> None:
    """Give the pipeline's attribute ruler the indexed search and the direct annotations, when all of
    its patterns allow it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = IndexedMatch(ruler)
    except ValueError:
        return  # a pattern this search does not read: spaCy's Matcher keeps the job
    ruler.set_annotations = DirectAnnotations(ruler)


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
        known = self.known
        # the keys as Python ints in one call, not three numpy scalars per token
        for i, key in zip(todo, map(tuple, table[todo, :3].tolist()), strict=True):
            lemma = known.get(key)
            if lemma is None:
                lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                known[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas)


def index_as_sets(lemmatizer: Any) -> None:
    """The rule lemmatizer's lists of known words as sets: it only asks whether a form is among them."""
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list):
            table[pos] = frozenset(words)


def remember_lemmas(nlp: Any) -> None:
    """Give the pipeline's rule lemmatizer (spaCy's, or the English one) the remembered answers."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if lemmatizer.mode == "rule" and type(lemmatizer).__name__ in ("Lemmatizer", "EnglishLemmatizer"):
        lemmatizer.pipe = RememberedLemmas(lemmatizer)  # Language.pipe calls it; nlp(text) keeps spaCy's
        index_as_sets(lemmatizer)
