"""The coder's pipeline finds the attribute ruler's matches through an index: every token must come out
with the tags, parts of speech, morphology and lemmas spaCy's own Matcher gives it."""

from __future__ import annotations

from pathlib import Path

import spacy

from diplowatch.nlp import load_nlp
from diplowatch.nlp.attributes import DirectAnnotations, IndexedMatch
from diplowatch.nlp.model import UNUSED_COMPONENTS, model_name
from diplowatch.nlp.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "diplowatch" / "data" / "sample"
# Contractions, dialect spellings and spaces: the ruler's rarer patterns (two-token ones, regexes).
ODD = [
    "I ain't gonna sign it, y'all, and we gotta wait.",
    "Let's go, c'mon, there is nothing he can't do about 'em.",
    "She's been doin' somethin' for the ol' regime  \n  and it's 'nuff.",
    "Those who had left did so because they were told; that was that.",
]


def _attributes(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.dep_, str(t.morph), t.lemma_, t.head.i) for t in doc]


def test_indexed_attribute_ruler_gives_spacys_annotations():
    texts = list(ODD)
    for path in sorted(SAMPLE.glob("*.txt")) + sorted(SAMPLE.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        texts += [text[start:end] for start, end in split_sentences(text)]
    ours = load_nlp()
    assert isinstance(ours.get_pipe("attribute_ruler").match, IndexedMatch)
    assert isinstance(ours.get_pipe("attribute_ruler").set_annotations, DirectAnnotations)
    theirs = spacy.load(model_name(), exclude=list(UNUSED_COMPONENTS))
    assert len(texts) > 100
    for text, a, b in zip(texts, ours.pipe(texts), theirs.pipe(texts), strict=True):
        assert _attributes(a) == _attributes(b), text


def test_matches_remembered_by_kind_of_word_are_spacys():
    """A word no pattern names is matched as the first word of its kind (tag, dependency and which of the
    patterns' regular expressions it passes) was: every match must still be the Matcher's. The same tags
    meet words the patterns name, words they do not, and words only a regular expression takes."""
    texts = [
        "Y'all said nothin' and the ministers said nuthin' either; y' all know it.",
        "They ain't gonna sign, and he ain't signing, and the envoys aren't either.",
        "That which was signed was that which they had refused; those who left did so.",
        "Her ministers met hers, and his met him; the talks, which were held, were his.",
        *ODD,
    ]
    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    ours = IndexedMatch(ruler)  # a fresh memo: each word met here for the first time
    theirs = spacy.load(model_name(), exclude=list(UNUSED_COMPONENTS)).get_pipe("attribute_ruler")
    docs = list(nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer"]))
    for doc in docs + docs:  # the second time from the memo
        assert ours(doc) == sorted(set(theirs.match(doc))), doc.text
    assert len(ours.by_kind) < len(ours.known)
