"""Document voice: "we" in a government's own briefing room is that government (actors/voices.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplowatch.actors import load_dictionaries
from diplowatch.actors.voices import voice_of
from diplowatch.errors import InputError
from diplowatch.events import EventCoder

BRIEFING = "https://www.whitehouse.gov/briefing-room/statements-releases/2022/03/01/statement/"
NEWS = "https://news.example.org/world/2022/03/01/story.html"


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(learned=False)


def _keys(coder: EventCoder, text: str, url: str | None) -> set[tuple[str, str | None, str | None]]:
    from diplowatch.core.records import Article

    coded = next(coder.code_articles([Article(id="t", text=text, published="2022-03-01", url=url)]))
    return {
        (e.type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in coded.events
        if not e.negated and not e.hypothetical
    }


def test_the_voice_is_found_by_host_subdomain_or_outlet():
    dicts = load_dictionaries()
    assert voice_of(dicts, BRIEFING, None).country == "USA"
    assert voice_of(dicts, "https://press.un.org/en/2022/sc1234.doc.htm", None).code == "IGOUNO"
    assert voice_of(dicts, None, "The White House").country == "USA"
    assert voice_of(dicts, NEWS, "Example News") is None
    assert voice_of(dicts, "not a url at all", None) is None


def test_we_in_a_briefing_is_the_government_and_in_the_news_no_one(coder):
    text = "We remain in close contact with the Taliban about the flights out of Kabul."
    assert ("CONSULT", "USA", "AFG") in _keys(coder, text, BRIEFING)
    assert not any(k[1] == "USA" for k in _keys(coder, text, NEWS))


def test_us_and_our_in_a_briefing(coder):
    keys = _keys(coder, "The Taliban have assured us that our citizens may leave.", BRIEFING)
    assert ("AGREE", "AFG", "USA") in keys


def test_the_bare_title_of_a_briefing_is_its_own(coder):
    keys = _keys(coder, "The President spoke by phone with the Chancellor of Germany this morning.", BRIEFING)
    assert ("CONSULT", "USA", "DEU") in keys


def test_a_user_dictionary_adds_a_voice(tmp_path: Path):
    extra = tmp_path / "voices.yaml"
    extra.write_text(
        "voices:\n  - name: Ghana government\n    country: GHA\n    sector: GOV\n    sources: [presidency.gov.gh]\n",
        encoding="utf-8",
    )
    voice = voice_of(load_dictionaries(extra=[extra]), "https://www.presidency.gov.gh/news/1", None)
    assert voice is not None and voice.code == "GHAGOV"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("voices:\n  - name: Nobody\n    country: GHA\n", "has no sources"),
        ("voices:\n  - name: Nowhere\n    sources: [example.gov]\n", "needs a country or a code"),
        ("voices:\n  - name: Wrong\n    country: XXQ\n    sources: [x.gov]\n", "not a known ISO3"),
    ],
)
def test_a_bad_voice_is_one_clear_error(tmp_path: Path, content: str, problem: str):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_dictionaries(extra=[bad])
    assert str(bad) in str(info.value) and problem in str(info.value)
