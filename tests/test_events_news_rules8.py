"""The eighth round of rules of English news (issues 10 and 11): who does an act announced in the passive
("officials are expected to meet", "troops were ordered to withdraw"), where a meeting took place ("met in
Doha" names no party), plans scheduled ahead, and private people named with their occupation.

Each sentence here was written for the test, in the style of a news summary; none is a training or dev item.
"""

from __future__ import annotations

import pytest

from rule_keys import annotator_keys as _keys


def _flagged(coder, text, date="2022-05-01"):
    return {(e.type, e.hypothetical) for e in coder.code_text(text, date=date)}


def test_the_passive_subject_does_what_it_is_expected_to_do(rules_coder):
    text = "Indian officials are expected to meet Chinese diplomats in Beijing next week."
    assert ("CONSULT", True) in _flagged(rules_coder, text)  # planned: no meeting yet
    # said of the future it is a stated intent to meet (CAMEO 036, PLOVER AGREE)
    assert ("AGREE", "IND", "CHN") in _keys(rules_coder, text)


def test_an_ordered_withdrawal_is_not_yet_one(rules_coder):
    events = rules_coder.code_text(
        "Serbian troops were ordered to withdraw from the border area.", date="2022-05-01"
    )
    withdrawals = [e for e in events if e.type == "RETREAT"]
    assert withdrawals and all(e.hypothetical for e in withdrawals)
    assert withdrawals[0].source.country == "SRB"


def test_a_means_is_no_doer(rules_coder):
    # "be used to": the territory is what would be used, not who would attack
    assert _keys(rules_coder, "Pakistani soil must not be used to attack India, the statement said.") == set()


def test_a_scheduled_visit_is_a_plan(rules_coder):
    assert ("CONSULT", True) in _flagged(
        rules_coder, "The Kenyan president is scheduled to visit Addis Ababa."
    )


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Armenian and Azerbaijani officials meet in Brussels.", ("ARM", "AZE")),
        ("Sudanese and Chadian envoys sign a border agreement in Addis Ababa.", ("SDN", "TCD")),
    ],
)
def test_the_place_of_a_meeting_is_no_party(rules_coder, text, pair):
    keys = _keys(rules_coder, text)
    a, b = pair
    assert any(k[1:] in ((a, b), (b, a)) for k in keys)
    assert not any(k[2] in ("BEL", "ETH", "EU") for k in keys)


def test_a_hostile_act_still_falls_on_the_place(rules_coder):
    assert ("ASSAULT", "ISR", "PSE") in _keys(rules_coder, "Israeli aircraft strike in Gaza.")


def test_a_freed_private_person_is_of_their_country(rules_coder):
    assert ("RETREAT", "IRN", "SWE") in _keys(rules_coder, "Iran frees Swedish researcher Ahmadreza Djalali.")


@pytest.mark.parametrize(
    "text",
    [
        # the clause a toll hangs on is the accident itself
        "A minibus carrying workers overturns near Quetta, Pakistan, killing 11 people.",
        "A gas tanker explodes on a highway in Kenya, killing nine people.",
        "A cargo plane crashes shortly after take-off in Bolivia, killing all six crew members.",
    ],
)
def test_an_accident_is_no_attack(rules_coder, text):
    assert not any(k[0] == "ASSAULT" for k in _keys(rules_coder, text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # a weapon that explodes or crashes is still an attack, by someone unknown
        (
            "A car bomb explodes outside a hotel in Mogadishu, killing eight people.",
            ("ASSAULT", "SOM", "SOM"),
        ),
        # a measure taken after a disaster is the government's all the same
        ("The government of Samoa imposes a curfew after an outbreak of measles.", ("COERCE", "WSM", "WSM")),
    ],
)
def test_weapons_and_measures_stay_acts(rules_coder, text, key):
    assert key in _keys(rules_coder, text)


def test_the_judge_makes_no_attack_of_an_accident():
    from diplowatch.events import EventCoder

    text = "A gas cylinder explodes at a crowded market in Kano, Nigeria, killing five traders."
    events = EventCoder().code_text(text, date="2022-05-01")
    assert not any(e.type == "ASSAULT" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        # a company the dictionaries do not know, named with its trade: its business is no event
        "Swedish furniture retailer Jysk announces it will close all of its stores in Belarus.",
        "Japanese carmaker Mazda signs a supply agreement with Vietnam.",
    ],
)
def test_an_unknown_company_named_with_its_trade_does_business(rules_coder, text):
    assert _keys(rules_coder, text) == set()


def test_a_state_acting_on_such_a_company_is_still_an_event(rules_coder):
    text = "Ukraine imposes sanctions on Belarusian fertilizer producer Grodno Azot."
    assert ("SANCTION", "UKR", "BLR") in _keys(rules_coder, text)


def test_missiles_fired_into_a_country_fall_on_it(rules_coder):
    # where the firing forces stand ("in Belarus") is not whom they fire on
    keys = _keys(
        rules_coder, "Russian troops stationed in Transnistria launch rockets into southern Moldova."
    )
    assert ("ASSAULT", "RUS", "MDA") in keys
