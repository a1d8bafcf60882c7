"""An act with a country's people named by its adjective ("our Afghan partners", "Afghan allies") is not an
act with its rulers, as a meeting or an agreement with "Afghanistan" or "Kabul" is; "Afghan officials" still
are its rulers. The sentences are written for this test (none is from the training or dev items)."""

from __future__ import annotations

import pytest

DATE = "2022-03-02"


@pytest.fixture(scope="module")
def stances(afghanistan_stances):
    return afghanistan_stances(DATE, coded=True)


@pytest.mark.parametrize(
    "text",
    [
        "Canada promised it would bring its Afghan interpreters to safety.",
        "Britain pledged to resettle thousands of Afghan allies this year.",
    ],
)
def test_a_pledge_to_the_countrys_people_is_no_dealing_with_its_rulers(stances, text):
    assert stances(text) == set()


@pytest.mark.parametrize(
    ("text", "observer"),
    [
        ("Uzbek and Afghan officials signed a deal on electricity supplies.", "UZB"),
        ("Kazakhstan and Afghanistan sign a trade agreement worth $3 billion.", "KAZ"),
    ],
)
def test_the_countrys_officials_and_the_country_are_still_its_rulers(stances, text, observer):
    assert (observer, "engage") in stances(text)
