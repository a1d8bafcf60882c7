"""Rules of English news the coder learned from reading its misses on the training data (issue 10).

Each sentence here was written for the test, in the style of a news summary; none is a training or dev item.
"""

from __future__ import annotations

import pytest

from diplowatch.events import EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(learned=False)  # the rules alone


def _keys(coder: EventCoder, text: str) -> set[tuple[str, str | None, str | None]]:
    events = coder.code_text(text, date="2022-05-01")
    return {
        (e.type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
        if not e.negated and not e.hypothetical
    }


def test_a_subject_hung_on_the_auxiliary_still_acts(coder):
    assert ("SANCTION", "DNK", "BFA") in _keys(
        coder, "Denmark said it had frozen budget aid to Burkina Faso."
    )


def test_the_owner_of_the_attack_is_the_doer_of_an_agentless_passive(coder):
    keys = _keys(coder, "Four people are killed in a Russian missile strike on an apartment block in Odesa.")
    assert ("ASSAULT", "RUS", "UKR") in keys
    assert not any(k[0] == "ASSAULT" and k[1] == "UKR" for k in keys)
    assert ("ASSAULT", "ISR", "PSE") in _keys(coder, "Two men were killed in an Israeli airstrike on Gaza.")


@pytest.mark.parametrize(
    "text",
    [
        "A blaze in a textile warehouse in Karachi, Pakistan, killed fifteen workers.",
        "Monsoon rains swept away a bridge in Sylhet, Bangladesh, killing four villagers.",
        "Eight workers were killed in Lagos, Nigeria, when a crane collapsed onto a building site.",
        "An earthquake shook the hills around Bitlis in eastern Turkey overnight, killing five villagers.",
    ],
)
def test_disasters_and_accidents_are_no_attacks(coder, text):
    assert not any(k[0] == "ASSAULT" for k in _keys(coder, text))


def test_an_unnamed_attacker_is_coded_to_the_place(coder):
    assert ("ASSAULT", "NGA", "NGA") in _keys(coder, "Eleven villagers are killed in Zamfara, Nigeria.")


def test_a_sentence_with_no_agent_goes_to_the_authorities(coder):
    assert ("SANCTION", "BLR", "BLR") in _keys(
        coder, "A Belarusian blogger is sentenced to eight years in prison."
    )


def test_out_of_is_from(coder):
    assert ("RETREAT", "FRA", "MLI") in _keys(coder, "France pulled its soldiers out of Mali.")


def test_suspending_flights_to_a_country_is_a_sanction(coder):
    assert ("SANCTION", "KWT", "LBN") in _keys(coder, "Kuwait suspended flights to Lebanon.")


def test_lockdowns_and_their_lifting(coder):
    assert ("COERCE", "NPL", "NPL") in _keys(coder, "Nepal announces a nationwide lockdown.")
    assert ("CONCEDE", "NPL", "NPL") in _keys(coder, "Nepal lifts its nationwide lockdown.")


def test_a_protest_that_occurs_in_a_country_is_its_peoples(coder):
    assert ("PROTEST", "CHL", "CHL") in _keys(coder, "Large protests erupt in Chile over pension reform.")


def test_the_giver_of_what_is_received(coder):
    assert ("AID", "JPN", "VNM") in _keys(coder, "Vietnam receives one million doses of Japan's vaccine.")
    assert not any(
        k[0] == "AID" for k in _keys(coder, "Prime Minister Jacinda Ardern receives her first dose.")
    )


def test_a_claim_of_a_hostile_act_accuses_its_doer(coder):
    assert ("ACCUSE", "ARM", "AZE") in _keys(coder, "Armenia claims that Azerbaijani forces shelled Jermuk.")


def test_a_resignation_from_abroad_is_of_ones_own_country(coder):
    keys = _keys(coder, "Nigerien minister Ali Kone resigns as Minister of Finance of Niger while in Paris.")
    assert ("RETREAT", "NER", "FRA") not in keys


def test_ones_own_citizens(coder):
    assert ("REQUEST", "CAN", "CAN") in _keys(coder, "Canada urges its citizens to leave Haiti.")


def test_an_official_of_a_province_or_city_is_of_its_country(coder):
    assert ("MOBILIZE", "USA", "MEX") in _keys(
        coder, "The governor of Arizona sends troops to the border with Mexico."
    )


def test_taking_in_refugees_is_aid_and_refusing_it_a_rejection(coder):
    assert ("AID", "DEU", "SYR") in _keys(coder, "Germany accepted 3,000 Syrian refugees.")
    assert ("REJECT", "POL", "BLR") in _keys(
        coder, "Poland said it would not admit any more migrants from Belarus."
    )
