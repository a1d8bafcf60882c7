"""The bundled office holders of 2019-2026 (officials.yaml) and the companies and outlets (companies.yaml):
leaders the current-events news names without their country, read by the day of the news, and companies
read as their home country, with whether the state owns them."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import yaml

from diplowatch.actors import ActorResolver, load_dictionaries


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(load_dictionaries())


def _actors(resolver, text, date):
    return [(m.actor.country, m.actor.sector) for m in resolver.find(text, date) if m.actor.country]


@pytest.mark.parametrize(
    ("text", "date", "who"),
    [
        ("President Andry Rajoelina dismisses the cabinet.", "2021-08-20", ("MDG", "GOV")),
        ("Taoiseach Micheál Martin announces new restrictions.", "2021-12-03", ("IRL", "GOV")),
        ("Governor Ron DeSantis signs the bill.", "2021-05-03", ("USA", "GOV")),
        # a separatist leader before the annexation, an installed official after it
        ("Denis Pushilin orders a general mobilisation.", "2022-02-19", ("UKR", "REB")),
        ("Denis Pushilin orders a general mobilisation.", "2023-06-01", ("RUS", "GOV")),
    ],
)
def test_office_holders_are_read_by_the_day_of_the_news(resolver, text, date, who):
    assert who in _actors(resolver, text, date)


def test_companies_and_outlets_are_their_home_countries(resolver):
    found = _actors(resolver, "Russia blocks Instagram and fines the BBC.", "2022-03-14")
    assert ("USA", "BUS") in found and ("GBR", "MED") in found


def test_state_ownership_is_read_from_the_title():
    companies = load_dictionaries().companies()
    assert companies["Gazprom"] is True and companies["BBC"] is True
    assert companies["Pfizer"] is False and companies["Meta Platforms"] is False


def test_no_bundled_person_is_listed_twice():
    # an entry of the same name replaces an earlier one, so a repeat would silently drop a person's roles
    folder = resources.files("diplowatch") / "data" / "actors"
    names = Counter(
        entry["name"].casefold()
        for name in ("people.yaml", "leaders.yaml", "officials.yaml")
        for entry in yaml.safe_load((folder / name).read_text(encoding="utf-8"))["people"]
    )
    assert [name for name, n in names.items() if n > 1] == []
