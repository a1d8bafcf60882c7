"""Withholding worded as acting on the subject's conduct ("in response to the Taliban's behaviour") or dealing
with it "without recognising" it. The sentences are written for this test (none is from the training or dev
items)."""

from __future__ import annotations

import pytest

DATE = "2021-11-02"


@pytest.fixture(scope="module")
def stances(afghanistan_stances):
    return afghanistan_stances(DATE)


@pytest.mark.parametrize(
    ("text", "observer"),
    [
        ("Japan said it would decide on its embassy in Kabul in response to the Taliban's conduct.", "JPN"),
        ("Germany will send aid to Afghans without recognising the Taliban.", "DEU"),
        ("India plans to reopen its mission in Kabul without formally recognising the new rulers.", "IND"),
    ],
)
def test_conduct_set_or_recognition_held_back_is_withholding(stances, text, observer):
    assert (observer, "withhold") in stances(text)


def test_without_alone_is_no_stance(stances):
    assert stances("The Taliban want aid without conditions, their spokesman said.") == set()
