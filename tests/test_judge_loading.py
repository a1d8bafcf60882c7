"""The judge's three classifiers load sharing one tokenizer (their saved tokenizers are the same file):
every text must get the same scores as from each model loaded on its own by spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from diplowatch.events.learned import MODELS, LearnedModels, models_folder
from diplowatch.nlp.model import load_pipeline, model_name
from diplowatch.nlp.sentences import split_sentences

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "diplowatch" / "data" / "sample"


def _texts() -> list[str]:
    texts = []
    for path in sorted(SAMPLE.glob("*.txt")) + sorted(SAMPLE.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        texts += [text[start:end] for start, end in split_sentences(text)]
    # what the role and verifier models read: marked actors and type tokens before the sentence
    return texts + [f"TYPE_ASSAULT FROM_MODEL . {t.replace('Russia', ' XSRC_ASSAULT ')}" for t in texts[:40]]


@pytest.mark.skipif(not (models_folder() / MODELS[0] / "config.cfg").is_file(), reason="no models shipped")
def test_the_judges_models_score_as_when_loaded_alone():
    ours = LearnedModels()
    saved = {(models_folder() / name / "tokenizer").read_bytes() for name in MODELS}
    if len(saved) == 1:  # trained from the same blank pipeline, as `make train` does
        assert ours.roles.tokenizer is ours.types.tokenizer is ours.verifier.tokenizer
    texts = _texts()
    assert len(texts) > 100
    for name, model in zip(MODELS, (ours.types, ours.roles, ours.verifier), strict=True):
        alone = spacy.load(models_folder() / name)
        for a, b in zip(model.pipe(texts), alone.pipe(texts), strict=True):
            assert [t.text for t in a] == [t.text for t in b]
            assert a.cats == b.cats, (name, a.text)


def test_a_pipeline_loaded_without_the_default_tokenizer_has_the_saved_one():
    ours = load_pipeline(model_name(), exclude=["ner"])
    theirs = spacy.load(model_name(), exclude=["ner"])
    assert ours.tokenizer.to_bytes() == theirs.tokenizer.to_bytes()
    text = (
        "The U.S. won't sign it, e.g. in N.Y.C. at 5:30pm; (see https://example.org/a?b=c) she's 'doin' well."
    )
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]


@pytest.mark.skipif(not (models_folder() / MODELS[0] / "config.cfg").is_file(), reason="no models shipped")
def test_the_judge_reading_with_the_coders_tokenizer_scores_as_with_its_own():
    """The coder hands the judge its parsing pipeline's tokenizer when the two are saved alike: the
    same tokens, the same scores, in another vocabulary."""
    from diplowatch.events import EventCoder

    coder = EventCoder()
    judge = coder.judge
    assert judge is not None
    shared = judge.models
    own = LearnedModels()
    if (
        coder.nlp.tokenizer.to_bytes(exclude=["vocab"])
        == (models_folder() / MODELS[0] / "tokenizer").read_bytes()
    ):
        assert shared.types.tokenizer is shared.verifier.tokenizer is coder.nlp.tokenizer
    texts = _texts()
    for ours, theirs in (
        (shared.types, own.types),
        (shared.roles, own.roles),
        (shared.verifier, own.verifier),
    ):
        for a, b in zip(ours.pipe(texts), theirs.pipe(texts), strict=True):
            assert [t.text for t in a] == [t.text for t in b]
            assert a.cats == b.cats, a.text


@pytest.mark.skipif(not (models_folder() / MODELS[0] / "config.cfg").is_file(), reason="no models shipped")
def test_the_judge_given_an_unlike_tokenizer_reads_with_its_own():
    """Handed a tokenizer saved otherwise than the models' (another special case here), the judge loads
    and reads with its own: a text must never be split otherwise than the models were trained on."""
    other = spacy.blank("en").tokenizer
    other.add_special_case("XSRC_ASSAULT", [{"ORTH": "XSRC"}, {"ORTH": "_ASSAULT"}])
    models = LearnedModels(tokenizer=other)
    assert models.types.tokenizer is not other and models.verifier.tokenizer is not other
    text = "TYPE_ASSAULT FROM_MODEL . XSRC_ASSAULT troops shelled the town."
    own = LearnedModels()
    assert [t.text for t in models.verifier.make_doc(text)] == [t.text for t in own.verifier.make_doc(text)]
