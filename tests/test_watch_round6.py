"""The watch's sixth round (issue 11): praise is engagement, education restricted is a breach, an order to
stop a freedom is a cultural ban. The sentences were written for the test; none is a training or dev item."""

from __future__ import annotations

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
