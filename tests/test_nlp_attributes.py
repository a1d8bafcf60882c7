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
