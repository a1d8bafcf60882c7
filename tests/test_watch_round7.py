"""The watch's seventh round (issue 11): force on crowds and the arrest of former officials breach human
rights, holding people who leave or help others leave breaches safe passage, the subject's own "will not
allow" is a ban it decided (its "will allow" stays a pledge), and "the group" after one of its members is
that group. The sentences were written for the test; none is a training or dev item."""

from __future__ import annotations

import pytest

from diplowatch.actors import ActorResolver, load_dictionaries

DATE = "2021-09-20"


@pytest.fixture(scope="module")
def coded_verdict(watch_verdicts):
    return watch_verdicts("afghanistan-recognition", DATE, coded=True)


def _evidence(verdict):
    return {(f.condition, f.polarity) for f in verdict.evidence}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Taliban fighters fire tear gas at women marching in Herat.", ("human_rights", -1)),
        ("The Taliban use live ammunition to break up a protest in Jalalabad.", ("human_rights", -1)),
        ("The Taliban arrest a former provincial governor in Ghazni.", ("human_rights", -1)),
        (
            "The Taliban detain an aid worker who drove Afghan students to the border so they could leave.",
            ("safe_passage", -1),
        ),
        ("The Taliban say they will not allow Afghans to leave through the airport.", ("safe_passage", -1)),
    ],
)
def test_deeds_that_breach_rights_and_passage(coded_verdict, text, found):
    assert found in _evidence(coded_verdict(text))


def test_the_subjects_will_allow_stays_a_pledge(coded_verdict):
    evidence = _evidence(
        coded_verdict("The Taliban say they will allow girls to return to school next month.")
    )
    assert ("human_rights", 0) in evidence and ("human_rights", 1) not in evidence


def test_the_group_after_a_member_is_the_group_and_he_is_still_the_member():
    resolver = ActorResolver(load_dictionaries())
    text = "Taliban spokesman Zabihullah Mujahid says the group will reopen schools. He gives no date."
    found = {
        text[m.start_char : m.end_char]: m
        for m in resolver.find_in_article(text, [(0, 72), (73, len(text))], DATE)
    }
    assert found["the group"].actor.group == "Taliban" and found["the group"].actor.name == "Taliban"
    assert found["He"].actor.name == "Zabihullah Mujahid"
