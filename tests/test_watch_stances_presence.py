"""Two stances read from what an observer does on the ground: keeping its embassy open under the subject's rule
is dealing with it (engage), and fighting at the border is an incident between forces, not a strike a state
decided on (no rejection), while a strike on the subject stays one. The sentences are written for this test
(none is from the training or dev items)."""

from __future__ import annotations

import pytest

DATE = "2022-03-14"


@pytest.fixture(scope="module")
def stances(afghanistan_stances):
    return afghanistan_stances(DATE, coded=True)


@pytest.mark.parametrize(
    ("text", "observer"),
    [
        ("The Kazakh embassy in Kabul remains open under the Taliban.", "KAZ"),
        ("Turkey's embassy in Kabul stayed open after the Taliban took the city.", "TUR"),
    ],
)
def test_an_embassy_kept_open_is_engagement(stances, text, observer):
    assert (observer, "engage") in stances(text)


def test_an_embassy_kept_open_elsewhere_is_no_stance(stances):
    assert stances("The Kazakh embassy in Paris remains open during the strike.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Two Taliban fighters are killed in clashes with Tajik border guards.",
        "Turkmen soldiers and Taliban forces exchange fire at a border crossing, killing a Taliban fighter.",
    ],
)
def test_a_border_clash_is_no_rejection(stances, text):
    assert not any(stance == "reject" for _, stance in stances(text))


def test_a_strike_on_the_subject_is_a_rejection(stances):
    assert ("PAK", "reject") in stances(
        "Pakistani jets bomb Taliban positions in Kunar, killing five Taliban fighters."
    )
