"""The fifth round of rules of English news read from the rules' misses on the training data (issue 10),
aimed at what the rules miss.

Each sentence here was written for the test, in the style of a news summary; none is a training or dev item.
"""

from __future__ import annotations

import pytest

from diplowatch.events import EventCoder
from rule_keys import annotator_keys as _keys


@pytest.fixture(scope="module")
def coder(rules_coder: EventCoder) -> EventCoder:
    return rules_coder


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Eritrean artillery shells a border village in Tigray, killing four farmers. "
            "The Kenyan foreign ministry condemns the attack.",
            ("ACCUSE", "KEN", "ERI"),
        ),
        (
            "Bolivia bans imports of poultry from Paraguay. The Paraguayan government criticises the ban.",
            ("ACCUSE", "PRY", "BOL"),
        ),
        (
            "Ghana withdraws its peacekeepers from South Sudan. The Sudanese government welcomes the decision.",
            ("SUPPORT", "SDN", "GHA"),
        ),
    ],
)
def test_a_reaction_is_aimed_at_the_doer_told_before(coder, text, key):
    assert key in _keys(coder, text)


def test_a_list_deeper_in_the_phrase_is_named_whole(coder):
    # the parser chains each conjunct on the one before; every country of the list is a target
    keys = _keys(
        coder, "Norway lifts an entry ban on several Asian countries, including Vietnam, Laos and Cambodia."
    )
    for country in ("VNM", "LAO", "KHM"):
        assert ("CONCEDE", "NOR", country) in keys


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        (
            "Oman bans visitors who have been in Kenya, Uganda or Tanzania in the past ten days.",
            ("KEN", "UGA", "TZA"),
        ),
        ("Vietnam bars entry to people who have visited Laos or Cambodia in the last week.", ("LAO", "KHM")),
    ],
)
def test_a_ban_falls_on_where_the_travellers_have_been(coder, text, countries):
    keys = _keys(coder, text)
    source = "OMN" if text.startswith("Oman") else "VNM"
    for country in countries:
        assert ("COERCE", source, country) in keys


@pytest.mark.parametrize(
    "text",
    [
        "Nevada Governor Joe Lombardo signs an executive order that lifts the state's mask requirement.",
        "Arizona Governor Doug Ducey signs an executive order ending the state's COVID-19 emergency.",
    ],
)
def test_what_a_signed_order_enacts_is_done(coder, text):
    # the clause of a law or order that is signed, passed or issued is the act, by the one who enacts it
    assert ("CONCEDE", "USA", "USA") in _keys(coder, text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Prime Minister Fumio Kishida announces that the government will lift the state of emergency in Osaka.",
            ("CONCEDE", "JPN", "JPN"),
        ),
        (
            "Toronto Mayor John Tory announces that the city will lift its vaccine mandate for restaurants.",
            ("CONCEDE", "CAN", "CAN"),
        ),
    ],
)
def test_the_state_in_what_a_leader_announces_is_the_leaders(coder, text, key):
    assert key in _keys(coder, text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Six Nigerien soldiers are killed in an ambush on their convoy.", ("ASSAULT", "NER", "NER")),
        ("Three Kenyan police officers are wounded in a gunfight with bandits.", ("ASSAULT", "KEN", "KEN")),
    ],
)
def test_an_attack_with_no_place_is_in_the_one_country_named(coder, text, key):
    # GUIDELINES: the attacker the text does not identify is the country where it happened
    assert key in _keys(coder, text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Norway gives $12 million in humanitarian aid to Yemen.", ("AID", "NOR", "YEM")),
        ("Ireland provides 5 million euros in aid to Malawi.", ("AID", "IRL", "MWI")),
    ],
)
def test_an_amount_in_aid_is_aid(coder, text, key):
    assert key in _keys(coder, text)


def test_a_follow_up_act_on_roles_alone_is_by_the_authorities_of_the_news(coder):
    keys = _keys(
        coder,
        "Forty inmates escape from a prison in Tegucigalpa, Honduras. "
        "Twelve prisoners who escaped are captured and arrested.",
    )
    assert ("COERCE", "HND", "HND") in keys


def test_violence_by_no_one_placed_is_the_news_of_the_place_it_happened(coder):
    # no country is named, only a place of one: the sentence is still read, and its attackers are that place's
    assert ("ASSAULT", "AFG", "AFG") in _keys(
        coder, "Five people are killed in a car bombing in Kandahar Province."
    )
    keys = _keys(coder, "Gunmen kill eleven worshippers at a church in Ondo State.")
    assert any(k[0] == "ASSAULT" and k[1] == "NGA" for k in keys)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Amnesty International says that Sudanese soldiers killed 40 protesters in Khartoum.",
            ("ACCUSE", "NGO", "SDN"),
        ),
        (
            "The United Nations says that Chadian troops killed 12 civilians near the border.",
            ("ACCUSE", "UN", "TCD"),
        ),
    ],
)
def test_an_organisation_reporting_a_states_attack_accuses_it(coder, text, key):
    assert key in _keys(coder, text)


def test_the_doer_named_on_the_elided_second_toll(coder):
    # "and several others [are] injured in an attack by X": the parser hangs the phrase on "others"
    keys = _keys(
        coder,
        "Seven Nigerien soldiers are killed and several others injured in an attack by Boko Haram near Diffa.",
    )
    assert ("ASSAULT", "NGA", "NER") in keys
    assert ("ASSAULT", "NER", "NER") not in keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Thailand decriminalizes the possession of small amounts of kratom.", ("CONCEDE", "THA", "THA")),
        ("Armenia abolishes the death penalty.", ("CONCEDE", "ARM", "ARM")),
        # the standing the act gives its doer names no target
        (
            "Uruguay legalizes same-sex adoption, becoming the first country in Mercosur to do so.",
            ("CONCEDE", "URY", "URY"),
        ),
    ],
)
def test_legalising_or_repealing_eases(coder, text, key):
    assert key in _keys(coder, text)


@pytest.mark.parametrize(
    ("text", "key", "absent"),
    [
        (
            "Prime Minister Fumio Kishida announces the extension of the state of emergency in Hokkaido.",
            ("COERCE", "JPN", "JPN"),
            None,
        ),
        ("The Slovak government announces the closure of all nightclubs.", ("COERCE", "SVK", "SVK"), None),
        (
            "Irish Prime Minister Micheál Martin announces the further easing of COVID-19 restrictions.",
            ("CONCEDE", "IRL", "IRL"),
            ("COERCE", "IRL", "IRL"),
        ),
    ],
)
def test_a_measure_announced_by_its_noun(coder, text, key, absent):
    keys = _keys(coder, text)
    assert key in keys
    assert absent not in keys
