"""The fourth round of rules of English news read from the rules' misses on the training data (issue 10).

Each sentence here was written for the test, in the style of a news summary; none is a training or dev item.
"""

from __future__ import annotations

import pytest

from diplowatch.events import EventCoder
from rule_keys import annotator_keys as _keys


@pytest.fixture(scope="module")
def coder(rules_coder: EventCoder) -> EventCoder:
    return rules_coder


def test_an_announced_withdrawal_is_the_withdrawal(coder):
    keys = _keys(coder, "Portugal announces that it will pull its remaining soldiers out of Mozambique.")
    assert ("RETREAT", "PRT", "MOZ") in keys
    assert ("AGREE", "PRT", "MOZ") not in keys
    keys = _keys(coder, "The Danish premier says she plans to withdraw the country's troops from Iraq.")
    assert ("RETREAT", "DNK", "IRQ") in keys


def test_announced_aid_is_the_aid(coder):
    keys = _keys(coder, "Estonia announces that it will send field hospitals and ammunition to Ukraine.")
    assert ("AID", "EST", "UKR") in keys
    assert ("AGREE", "EST", "UKR") not in keys


def test_a_willingness_stays_a_pledge(coder):
    # said as a readiness, or quoted after the act, it is an undertaking (AGREE), as the guidelines type it
    keys = _keys(coder, "Chile is ready to withdraw its observers from Haiti, the foreign minister said.")
    assert ("AGREE", "CHL", "HTI") in keys
    assert ("RETREAT", "CHL", "HTI") not in keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Moldova receives a consignment of field tents from Romania.", ("AID", "ROU", "MDA")),
        (
            "Bhutan receives 40,000 doses of a vaccine in a gift from the government of India.",
            ("AID", "IND", "BTN"),
        ),
        ("Laos receives its second shipment of syringes donated by Japan.", ("AID", "JPN", "LAO")),
        ("Haiti receives 300,000 doses of a vaccine through the COVAX initiative.", ("AID", "UN", "HTI")),
    ],
)
def test_the_giver_of_what_a_country_received(coder, text, key):
    assert key in _keys(coder, text)


def test_a_dose_made_by_a_firm_abroad_has_no_giver_there(coder):
    # "manufactured by" names the maker, not a giver
    keys = _keys(coder, "Ghana receives 600,000 doses of a vaccine manufactured by a laboratory in India.")
    assert not any(k[0] == "AID" and k[1] == "IND" for k in keys)


def test_a_persons_own_dose_is_no_aid(coder):
    keys = _keys(coder, "The Kenyan president receives his first dose of a vaccine from China.")
    assert not any(k[0] == "AID" for k in keys)


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("Tonga orders a week-long lockdown after two travellers arriving from Samoa test positive.", "TON"),
        ("Fiji declares a curfew following the detection of new cases among sailors from Vanuatu.", "FJI"),
    ],
)
def test_a_curfew_is_on_ones_own_country(coder, text, own):
    keys = {k for k in _keys(coder, text) if k[0] == "COERCE"}
    assert keys == {("COERCE", own, own)}


def test_a_person_the_dictionaries_do_not_know_is_of_the_title_before_the_name(coder):
    keys = _keys(coder, "Estonian photojournalist Tarmo Kivisild is killed in Kharkiv.")
    assert ("ASSAULT", "UKR", "EST") in keys
    keys = _keys(coder, "Georgian opposition activist Levan Beridze is shot dead in Istanbul, Turkey.")
    assert ("ASSAULT", "TUR", "GEO") in keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The European Commission opens infringement proceedings against Malta.", ("ACCUSE", "EU", "MLT")),
        ("Ukraine files a lawsuit in an international court against Russia.", ("ACCUSE", "UKR", "RUS")),
    ],
)
def test_suing_is_accusing(coder, text, key):
    assert key in _keys(coder, text)


def test_a_case_dropped_is_no_accusation(coder):
    assert not any(
        k[0] == "ACCUSE" for k in _keys(coder, "A court in Peru drops the case against two activists.")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Four people are killed after an explosion rips through an apartment building in Lyon, France.",
        "Eleven pilgrims are killed when their minibus plunges into a gorge in Uttarakhand, India.",
        "Nine people are killed and four are injured when a passenger minibus collides with a fuel lorry in Kisumu, Kenya.",
    ],
)
def test_gas_explosions_and_road_accidents_are_no_attacks(coder, text):
    assert not any(k[0] == "ASSAULT" for k in _keys(coder, text))


def test_a_bomb_in_a_building_stays_an_attack(coder):
    keys = _keys(coder, "Three people are killed when a bomb explodes in a building in Mogadishu, Somalia.")
    assert ("ASSAULT", "SOM", "SOM") in keys


def test_reopening_borders_eases_a_restriction(coder):
    keys = _keys(coder, "Peru reopens its borders to vaccinated visitors after nine months.")
    assert ("CONCEDE", "PER", "PER") in keys
    assert not any(k[0] == "RETREAT" for k in keys)
    keys = _keys(coder, "Chile and Bolivia reopen their land borders for seasonal workers.")
    assert {("CONCEDE", "CHL", "CHL"), ("CONCEDE", "BOL", "BOL")} <= keys
    # opening a crossing (not reopening one) to let aid through stays access
    keys = _keys(coder, "Turkmenistan opens a border crossing to allow food deliveries to Afghanistan.")
    assert ("RETREAT", "TKM", "AFG") in keys


def test_calling_for_someone_to_act_asks_them(coder):
    keys = _keys(coder, "The Kenyan president calls for Ethiopia to open talks with the Tigrayan leadership.")
    assert ("REQUEST", "KEN", "ETH") in keys
    keys = _keys(coder, "The Canadian foreign minister calls for Iran to release two detained journalists.")
    assert ("REQUEST", "CAN", "IRN") in keys


def test_closing_and_reopening_venues(coder):
    assert ("COERCE", "GRC", "GRC") in _keys(coder, "Greece closes its museums and cinemas for two weeks.")
    assert ("CONCEDE", "GRC", "GRC") in _keys(coder, "Greece reopens its museums and cinemas after a month.")


def test_a_curfew_ordered_with_no_one_named_is_the_authorities(coder):
    text = "Rioters set fire to shops in Port Moresby, Papua New Guinea. A curfew has been ordered in the capital."
    keys = _keys(coder, text)
    assert ("COERCE", "PNG", "PNG") in keys


def test_staff_ordered_out_of_a_country_are_withdrawn(coder):
    keys = _keys(coder, "The Canadian government orders its embassy staff and their families to leave Haiti.")
    assert ("RETREAT", "CAN", "HTI") in keys
    assert ("REQUEST", "CAN", "HTI") not in keys


def test_a_state_reporting_anothers_attack_accuses_it(coder):
    keys = _keys(
        coder, "Georgia reports that two of its border guards were shot by Russian troops near Tskhinvali."
    )
    assert ("ACCUSE", "GEO", "RUS") in keys
    # an attribution after the news names where it came from, not an accuser
    keys = _keys(
        coder, "Russian troops shot two Georgian border guards near Tskhinvali, Turkish officials said."
    )
    assert not any(k[0] == "ACCUSE" for k in keys)
    # a state telling of its own forces' act accuses no one
    keys = _keys(coder, "Kenya says that its soldiers killed twelve al-Shabaab fighters in Somalia.")
    assert not any(k[0] == "ACCUSE" for k in keys)


def test_listing_someone_as_terrorist_is_a_sanction(coder):
    keys = _keys(coder, "The Japanese government designates the Wagner Group's Russian owners as terrorists.")
    assert ("SANCTION", "JPN", "RUS") in keys
    keys = _keys(coder, "The European Union adds Panama to its blacklist of tax havens.")
    assert ("SANCTION", "EU", "PAN") in keys
    # a list that is no blacklist
    assert not any(
        k[0] == "SANCTION" for k in _keys(coder, "UNESCO adds a Georgian monastery to its heritage list.")
    )


def test_a_guilty_plea_concedes(coder):
    keys = _keys(coder, "A former Croatian general pleads guilty to war crimes at a court in Zagreb.")
    assert ("CONCEDE", "HRV", "HRV") in keys
    assert not any(k[0] == "REQUEST" for k in keys)


def test_only_forces_leaving_a_country_withdraw(coder):
    assert ("RETREAT", "DEU", "MLI") in _keys(coder, "The last German soldiers leave Mali.")
    keys = _keys(coder, "The former Peruvian president leaves Peru for a lecture tour of Spain.")
    assert not any(k[0] == "RETREAT" for k in keys)


def test_an_obligation_announced_on_ones_own_people_is_a_mandate(coder):
    text = "The Austrian chancellor announces that all workers must show proof of vaccination from March."
    keys = _keys(coder, text)
    assert ("COERCE", "AUT", "AUT") in keys
    assert not any(k[0] == "REQUEST" for k in keys)
    # an obligation put on another state stays a demand
    keys = _keys(coder, "The Austrian chancellor says that Hungary must respect the court's ruling.")
    assert ("REQUEST", "AUT", "HUN") in keys
