"""The verb dictionary: bundled files load and validate; bad files fail with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplowatch.errors import InputError
from diplowatch.events.inflect import verb_forms
from diplowatch.events.plover import TYPES
from diplowatch.events.verbs import DATA_DIR, load_verbs
from diplowatch.nlp.sentences import split_sentences


def test_bundled_dictionary_covers_every_type():
    vd = load_verbs()
    types = {p.type for pats in vd.verbs.values() for p in pats} | {
        p.type for pats in vd.nominals.values() for p in pats
    }
    assert types == set(TYPES)
    call_on = [p for p in vd.verbs["call"] if p.rule.endswith("/call_on")][0]
    assert call_on.particle == "on" and "on" in call_on.prep
    assert "met" in vd.trigger_forms and "sanctions" in vd.trigger_forms
    assert vd.lemma_of["staged"] == "stage"


def test_remembered_forms_are_the_forms_and_cannot_be_changed():
    """`all_forms` answers each lemma once and hands the same answer out again: it must be the forms of
    both parts of speech, lower-cased, and immutable, so no caller can alter what the next one gets."""
    from diplowatch.events.inflect import all_forms, noun_forms

    for lemma in ("ban", "deny", "re-impose", "Freeze", "meet"):
        expected = {f.lower() for f in verb_forms(lemma) | noun_forms(lemma)}
        assert all_forms(lemma) == expected and isinstance(all_forms(lemma), frozenset)
    first, again = load_verbs(), load_verbs()
    assert first.trigger_forms == again.trigger_forms and first.needs == again.needs


def test_inflections_cover_regular_and_irregular_forms():
    assert {"meet", "met", "meets", "meeting"} <= verb_forms("meet")
    assert {"ban", "banned", "banning", "bans"} <= verb_forms("ban")
    assert {"deny", "denied", "denies"} <= verb_forms("deny")
    assert {"seize", "seized", "seizing"} <= verb_forms("seize")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_object_class_is_reported_with_pattern(tmp_path):
    bad = _write(tmp_path, "verbs.yaml", "AID:\n  - {id: give, lemmas: [give], object: nonsense}\n")
    with pytest.raises(InputError) as err:
        load_verbs([bad])
    assert "AID/give" in str(err.value) and "nonsense" in str(err.value)


def test_unknown_type_and_bad_yaml(tmp_path):
    bad = _write(tmp_path, "x.yaml", "HUG:\n  - {id: hug, lemmas: [hug]}\n")
    with pytest.raises(InputError, match="unknown section"):
        load_verbs([bad])
    broken = _write(tmp_path, "y.yaml", "AID: [\n")
    with pytest.raises(InputError, match="y.yaml"):
        load_verbs([broken])


def test_duplicate_ids_rejected(tmp_path):
    dup = _write(tmp_path, "v.yaml", "AID:\n  - {id: a, lemmas: [give]}\n  - {id: a, lemmas: [send]}\n")
    with pytest.raises(InputError, match="duplicate"):
        load_verbs([dup])


def test_bundled_files_are_where_the_loader_looks():
    assert {"verbs.yaml", "nominal.yaml", "classes.yaml", "contexts.yaml"} <= {
        p.name for p in DATA_DIR.glob("*.yaml")
    }


def test_sentence_splitter_keeps_abbreviations_and_splits_lines():
    text = "U.S. Secretary Blinken met Mr. Qureshi. They talked.\n\n# Heading\n- item one\n- item two"
    parts = [text[s:e] for s, e in split_sentences(text)]
    assert parts == [
        "U.S. Secretary Blinken met Mr. Qureshi.",
        "They talked.",
        "# Heading",
        "- item one",
        "- item two",
    ]
