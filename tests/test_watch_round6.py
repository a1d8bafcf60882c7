"""The watch's sixth round (issue 11): praise is engagement, education restricted is a breach, an order to
stop a freedom is a cultural ban. The sentences were written for the test; none is a training or dev item."""

from __future__ import annotations

import json

import pytest

DATE = "2021-10-20"


@pytest.fixture(scope="module")
def coded_verdict(watch_verdicts):
    return watch_verdicts("afghanistan-recognition", DATE, coded=True)


@pytest.mark.parametrize(
    ("text", "observer"),
    [
        ("Iran's foreign minister praises the Taliban for restoring order in Kabul.", "IRN"),
        ("The Uzbek president commends the Taliban government for its work on the border.", "UZB"),
    ],
)
def test_an_observers_praise_of_the_subject_is_engagement(coded_verdict, text, observer):
    assert (observer, "engage") in {(s.observer, s.stance) for s in coded_verdict(text).stances}


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban impose new restrictions on the education of girls in Herat.",
        "The Taliban curb university studies for women in Kandahar.",
        "The Taliban's vice ministry orders wedding halls in Kabul to stop playing music.",
    ],
)
def test_restricting_education_or_ordering_a_freedom_stopped_breaches_human_rights(coded_verdict, text):
    evidence = {(f.condition, f.polarity) for f in coded_verdict(text).evidence}
    assert ("human_rights", -1) in evidence


def test_the_subjects_police_are_the_subject(coded_verdict):
    # the state's police are its sector COP (CAMEO's code), as its forces are MIL
    verdict = coded_verdict("Afghan police raided an Islamic State hideout, killing three militants.")
    assert ("counter_terrorism", 1) in {(f.condition, f.polarity) for f in verdict.evidence}


def test_a_doer_named_by_its_role_and_placed_by_the_article_is_the_subject(tmp_path):
    # the second sentence names no one but "soldiers": the coder places them where the article's news is,
    # and the watch takes the doer the coder resolved (who acted decides), through the whole pipeline
    from diplowatch.evaluate.realnews import predict

    text = (
        "A roadside bomb hits a Taliban security forces vehicle in Kabul, injuring five people. "
        "Soldiers raided an Islamic State hideout after the attack, killing several militants."
    )
    paths = predict([{"id": "t1", "date": DATE, "text": text}], tmp_path)
    rows = [json.loads(line) for line in paths["evidence"].read_text(encoding="utf-8").splitlines()]
    assert any(
        r["condition"] == "counter_terrorism" and r["polarity"] == 1 and r["sentence_index"] == 1
        for r in rows
    )


def test_violence_whose_doer_is_not_the_subject_is_not_its_deed(coded_verdict):
    # the subject is named beside the killing (its fighters were in the bus), not as its doer
    text = (
        "Three bombings in Kandahar kill nine people: one of the attacks hit a bus carrying Taliban fighters."
    )
    assert ("human_rights", -1) not in {(f.condition, f.polarity) for f in coded_verdict(text).evidence}
    # the subject as the doer still breaches
    doer = coded_verdict("Taliban fighters kill three protesters in Kandahar.")
    assert ("human_rights", -1) in {(f.condition, f.polarity) for f in doer.evidence}
