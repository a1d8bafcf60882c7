"""Trigger hints (`train.py --hints`, not in the shipped models): the verb dictionary tells the type model and
the verifier which types a sentence's trigger words could give, so one weight serves every verb of a type.
Sentences from the current-events training items (not from a dev set)."""

from __future__ import annotations

import pytest

from diplowatch.events.learned import (
    LearnedModels,
    Party,
    Reading,
    agreement,
    models_installed,
    sentence_hints,
    trigger_hints,
    type_text,
)

CONDEMNS = (
    "British environment minister George Eustice condemns the French seizure of the vessel, calling it "
    '"disappointing and disproportionate" and warned of an "appropriate and calibrated response".'
)


def test_inflected_triggers_give_their_types():
    hints = trigger_hints()
    assert "HINTV_ACCUSE" in hints["condemns"] and "HINTV_ACCUSE" in hints["condemned"]
    assert "HINTV_SANCTION" in hints["sentenced"]
    assert "HINTN_PROTEST" in hints["protests"]  # a noun of a nominal pattern
    assert "the" not in hints and "minister" not in hints


def test_a_sentence_reads_its_hints_first():
    text = type_text(CONDEMNS)
    head, _, rest = text.partition(" . ")
    assert rest == CONDEMNS
    assert {"HINTV_ACCUSE", "HINTV_THREATEN"} <= set(head.split())
    assert head.split() == sorted(head.split())  # the same sentence always reads the same
    plain = "Heavy rain fell on the coast on Tuesday."
    assert sentence_hints(plain) == frozenset() and type_text(plain) == plain


def test_the_verifier_is_told_whether_a_trigger_could_give_the_type():
    reading = Reading(types={"ACCUSE": 0.8, "ASSAULT": 0.1}, hints=sentence_hints(CONDEMNS))
    assert "THINT_VERB" in agreement(reading, "ACCUSE", "GBR", "FRA")
    assert "THINT_NONE" in agreement(reading, "AID", "GBR", "FRA")
    assert not any(
        t.startswith("THINT") for t in agreement(Reading(types={"ACCUSE": 0.8}), "ACCUSE", "GBR", "FRA")
    )


@pytest.mark.skipif(not models_installed(), reason="no trained models in this installation")
def test_a_hinted_type_model_gets_the_hints_of_each_sentence_with_a_party():
    models = LearnedModels()
    models.hinted = True  # as `train.py --hints` saves it (meta "diplowatch_input")
    found = [Party("GBR", {"code": "GBR"}, [(0, 7)]), Party("FRA", {"code": "FRA"}, [(57, 63)])]
    reading = models.read_many([(CONDEMNS, found), ("No party here.", [])], 0.15)
    assert reading[0].hints == sentence_hints(CONDEMNS) and reading[0].types
    assert reading[1].hints is None and reading[1].types == {}
