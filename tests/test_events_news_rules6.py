"""The sixth round of rules of English news (issue 10): general causes that misses on the dev sets revealed,
fixed for the kind of sentence, not for the item (pardons, reopenings, a company's dismissals, acts told as
earlier, embassies ordered out, forces repelled, claimed attacks by an attacker named only by the deed,
dash variants of names, warnings to one's own people, airlifts that end).

Each sentence here was written for the test, in the style of a news summary; none is a training or dev item.
"""

from __future__ import annotations

import pytest

from rule_keys import annotator_keys as _keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # a pardon frees whoever it names, known to the dictionaries or not
        ("The Belarusian government pardons the Belarusian activist Ihar Losik.", ("RETREAT", "BLR", "BLR")),
        # "is pardoned" with no one named: only a state pardons, so it is the authorities of the place
        ("Twelve political prisoners are pardoned in Myanmar.", ("RETREAT", "MMR", "MMR")),
        # reopening what a government had closed eases its own restriction, with or without a named doer
        ("Cinemas and theatres are reopened in Portugal after two months.", ("CONCEDE", "PRT", "PRT")),
    ],
)
def test_pardons_and_reopenings_are_the_states_acts(rules_coder, text, key):
    assert key in _keys(rules_coder, text)


def test_a_pardon_a_state_announces_is_the_act_a_rebels_promise_a_pledge(rules_coder):
    keys = _keys(
        rules_coder, "The Uzbek government announces that it will pardon 300 prisoners.", date="2021-05-01"
    )
    assert any(k[0] == "RETREAT" and k[1] == "UZB" for k in keys)
    assert not any(k[0] == "AGREE" for k in keys)


@pytest.mark.parametrize(
    "text",
    [
        # GUIDELINES: private companies' business decisions are no event
        "Carmaker Nissan fires two senior executives over an expenses scandal.",
        # told to explain today's news, at a time the sentence does not give
        "The blogger was previously sentenced to four years in prison by a court in Baku.",
    ],
)
def test_no_sanction_from_a_companys_dismissals_or_an_earlier_sentence(rules_coder, text):
    assert not any(k[0] == "SANCTION" for k in _keys(rules_coder, text))


def test_an_embassy_ordered_out_is_withdrawn(rules_coder):
    keys = _keys(rules_coder, "The British government orders its embassy in Khartoum to evacuate its staff.")
    assert ("RETREAT", "GBR", "SDN") in keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Armenian forces repel Azerbaijani troops near the border.", ("ASSAULT", "ARM", "AZE")),
        ("Ukrainian forces push back Russian troops near Kharkiv.", ("ASSAULT", "UKR", "RUS")),
    ],
)
def test_forces_repelled_or_pushed_back_were_fought(rules_coder, text, key):
    assert key in _keys(rules_coder, text)


def test_a_claim_names_an_attacker_known_only_by_the_deed(rules_coder):
    text = (
        "A suicide bomber strikes a police checkpoint in Peshawar, killing a policeman. "
        "The Islamic State claims responsibility."
    )
    events = [e for e in rules_coder.code_text(text, date="2022-03-01") if e.type == "ASSAULT"]
    assert events and all(e.source is not None and e.source.group == "Islamic State" for e in events)


def test_a_name_spelled_with_an_en_dash_is_the_dictionarys_hyphenated_name(rules_coder):
    found = {
        m.actor.group
        for m in rules_coder.resolver.find("IS\u2013KP and ISIL\u2013K fighters attack a checkpoint.")
    }
    assert found == {"ISIS-K"}


def test_warning_ones_own_people_to_leave_is_a_request_warning_another_state_a_threat(rules_coder):
    own = _keys(rules_coder, "The French government warns its citizens to leave Lebanon immediately.")
    assert ("REQUEST", "FRA", "FRA") in own and not any(k[0] == "THREATEN" for k in own)
    other = _keys(rules_coder, "The United States warns Russia to stop the invasion.")
    assert ("THREATEN", "USA", "RUS") in other


def test_an_airlift_that_ends_is_a_withdrawal_not_a_tie_cut(rules_coder):
    keys = _keys(rules_coder, "Italy ends its evacuation flights from Kabul.", date="2021-08-27")
    assert ("RETREAT", "ITA", "AFG") in keys
    assert not any(k[0] == "SANCTION" for k in keys)
    # flights suspended to a country remain a tie cut
    assert ("SANCTION", "RUS", "GEO") in _keys(rules_coder, "Russia suspends flights to Georgia.")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # a military parade shows force, as an exercise does (no one named: the judge gives the place)
        ("North Korea stages a military parade in Pyongyang.", ("MOBILIZE", "PRK", None)),
        # the killing told as a noun
        ("Iran carries out the public execution of a protester in Mashhad.", ("ASSAULT", "IRN", None)),
        # "call" read by the tagger as a noun is still the sentence's verb
        ("Protesters in Accra call for new elections.", ("REQUEST", "GHA", None)),
        # forces coming home are withdrawn from where they were
        ("French troops return to France from Mali.", ("RETREAT", "FRA", "MLI")),
    ],
)
def test_parades_executions_misread_roots_and_homecomings(rules_coder, text, key):
    assert key in _keys(rules_coder, text)


def test_calling_something_a_name_is_no_phone_call(rules_coder):
    assert not any(
        k[0] == "CONSULT" for k in _keys(rules_coder, "Japan calls the missile launch a provocation.")
    )
    assert ("CONSULT", "USA", "RUS") in _keys(rules_coder, "Biden calls Putin to discuss Ukraine.")
