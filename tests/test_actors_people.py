"""The bundled people gazetteer knows the officials who dominate the recognition story, for their dates."""

from __future__ import annotations

import pytest

from diplowatch.actors import ActorResolver, load_dictionaries


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(load_dictionaries())


@pytest.mark.parametrize(
    ("surname", "date", "code"),
    [
        ("Muttaqi", "2022-06-01", "AFGGOV"),  # Taliban acting foreign minister, after the takeover
        ("Lavrov", "2022-06-01", "RUSGOV"),
        ("Wang Yi", "2022-06-01", "CHNGOV"),
        ("Qureshi", "2021-09-23", "PAKGOV"),
        ("Guterres", "2022-06-01", "IGOUNO"),
        ("Jaishankar", "2023-01-10", "INDGOV"),
    ],
)
def test_officials_resolve_to_their_office_on_the_date(resolver, surname, date, code):
    mentions = resolver.find(f"{surname} said the talks in Doha were useful.", date)
    assert mentions and mentions[0].kind == "person"
    assert mentions[0].actor.code == code


def test_taliban_leaders_are_insurgents_before_the_takeover(resolver):
    before = resolver.find("Baradar signed the agreement in Doha.", "2020-02-29")[0].actor
    after = resolver.find("Baradar met the Chinese envoy in Kabul.", "2022-02-01")[0].actor
    assert (before.code, after.code) == ("AFGINS", "AFGGOV")


def test_a_place_named_after_a_person_is_not_the_person(resolver):
    mentions = resolver.find("Crowds gathered outside Hamid Karzai International Airport.", "2021-08-20")
    assert not [m for m in mentions if m.kind == "person"]
    assert resolver.find("Hamid Karzai stayed in Kabul.", "2021-08-20")[0].actor.name == "Hamid Karzai"


def test_a_namesake_with_another_given_name_is_not_the_official(resolver):
    assert not [m for m in resolver.find("Hunter Biden met his lawyers.", "2021-09-01") if m.kind == "person"]
    for text in ("President Biden met his advisers.", "Mr. Biden met his advisers.", "Later Biden spoke."):
        assert [m.actor.name for m in resolver.find(text, "2021-09-01") if m.kind == "person"] == [
            "Joe Biden"
        ]
