"""The seventh round of rules of English news (issue 10): causes read from misses on the training data only
(training/rule_misses.py), never the dev sets. Aid announced with its amount, weapons sent to another party,
convictions upheld, access blocked, lists the parser reads as appositions, equipment named after an act,
a country given two appositions after a town, and business, which is no event.

Each sentence here was written for the test, in the style of a news summary; none is a training or dev item.
"""

from __future__ import annotations

import pytest

from rule_keys import annotator_keys as _keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # an amount "in" aid, announced or approved for someone, is aid to them
        ("Norway announces $40 million in humanitarian assistance to Sudan.", ("AID", "NOR", "SDN")),
        ("The Japanese parliament approves 2 billion yen in aid for Sri Lanka.", ("AID", "JPN", "LKA")),
        # weapons sent to another party are military aid, one's troops sent there a deployment
        ("The Czech Republic sends tanks and howitzers to Ukraine.", ("AID", "CZE", "UKR")),
        ("Iran supplies attack drones to Venezuela.", ("AID", "IRN", "VEN")),
        ("France sends 300 soldiers to Estonia.", ("MOBILIZE", "FRA", "EST")),
        # a higher court upholding a conviction convicts again
        (
            "An Egyptian appeals court upholds the prison sentence of an Egyptian blogger.",
            ("SANCTION", "EGY", "EGY"),
        ),
        # cutting access to a service is a restriction on whoever runs it
        ("Turkey blocks access to Wikipedia.", ("COERCE", "TUR", "USA")),
    ],
)
def test_aid_weapons_convictions_and_blocked_access(rules_coder, text, key):
    assert key in _keys(rules_coder, text)


def test_deploying_weapons_stays_a_deployment(rules_coder):
    keys = _keys(rules_coder, "Russia deploys attack helicopters and missiles to Belarus.")
    assert ("MOBILIZE", "RUS", "BLR") in keys
    assert not any(k[0] in ("AID", "ASSAULT") for k in keys)


def test_a_list_parsed_as_an_apposition_names_every_party(rules_coder):
    keys = _keys(
        rules_coder, "Moldova expels 4 Russian diplomats, 2 Belarusian diplomats and 3 Iranian diplomats."
    )
    assert {("SANCTION", "MDA", c) for c in ("RUS", "BLR", "IRN")} <= keys


@pytest.mark.parametrize(
    "text",
    [
        "Poland will send 40 infantry fighting vehicles to Ukraine.",
        "South Korea sells attack helicopters to Poland.",
    ],
)
def test_equipment_named_after_an_act_is_no_act(rules_coder, text):
    assert not any(k[0] in ("ASSAULT", "THREATEN") for k in _keys(rules_coder, text))


def test_a_country_two_appositions_after_a_town_places_it(rules_coder):
    # the gazetteer knows only a namesake of this town elsewhere; the country named after it decides
    from diplowatch.places.geocoder import Geocoder

    where = Geocoder().locate(
        "A gunman opens fire at a rally in Nara, Kansai region, Japan, killing one.", []
    )
    assert where is not None and where.country == "JPN"


@pytest.mark.parametrize(
    "text",
    [
        # a private company's business, and a state's trade with a company
        "Estonia signs an agreement with Moderna to buy a million doses of its vaccine.",
        "The Australian broadcaster agrees to pay Google for news content.",
        "TikTok bans a far-right activist from the platform.",
        "Brazil authorizes Pfizer to test its vaccine on children.",
    ],
)
def test_business_is_no_event(rules_coder, text):
    keys = _keys(rules_coder, text)
    assert not any(k[0] in ("AGREE", "COERCE", "CONCEDE", "AID") for k in keys), keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # what states do to companies stays, and what a state-owned company does is its state's
        ("Russia blocks access to Facebook.", ("COERCE", "RUS", "USA")),
        ("Gazprom halts gas supplies to Latvia.", ("SANCTION", "RUS", "LVA")),
        ("Kenya receives 400,000 doses of the Sinopharm vaccine.", ("AID", "CHN", "KEN")),
    ],
)
def test_states_acts_on_companies_and_state_companies_acts_stay(rules_coder, text, key):
    assert key in _keys(rules_coder, text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # a formal declaration of someone as a terrorist or an extremist is a sanction on them
        (
            "The Lithuanian parliament declares Belarus a state sponsor of terrorism.",
            ("SANCTION", "LTU", "BLR"),
        ),
        ("Russia declares a Latvian news site an extremist organisation.", ("SANCTION", "RUS", "LVA")),
    ],
)
def test_declared_terrorist_or_extremist_is_a_sanction(rules_coder, text, key):
    assert key in _keys(rules_coder, text)


def test_what_the_object_is_in_apposition_counts(rules_coder):
    # the town is no actor; its apposition says it is a provincial capital, which is taken territory
    keys = _keys(
        rules_coder, "Rebels capture Bunia, the provincial capital of Ituri, after a week of fighting."
    )
    assert any(k[0] == "ASSAULT" for k in keys)
