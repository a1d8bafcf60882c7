"""The on-disk cache of the gazetteer and the actor dictionaries: a cached load equals a fresh build,
a changed source is a new entry, and a broken entry is rebuilt rather than trusted."""

from __future__ import annotations

import pytest

from diplowatch.actors import load_dictionaries
from diplowatch.core.diskcache import load_or_build
from diplowatch.places import gazetteer


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPLOWATCH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_cached_gazetteer_is_the_one_built_from_geonames(cache):
    gazetteer._load.cache_clear()
    try:
        built = gazetteer._build()
        cached_once = gazetteer._load()  # builds and stores
        gazetteer._load.cache_clear()
        cached_twice = gazetteer._load()  # reads the stored entry
    finally:
        gazetteer._load.cache_clear()
    assert [p.name for p in cache.glob("gazetteer-*.pickle")]
    for loaded in (cached_once, cached_twice):
        assert (loaded._ids, loaded._rows, loaded.longest_words) == (
            built._ids,
            built._rows,
            built.longest_words,
        )
    kabul = cached_twice.lookup("Kābul")
    assert kabul and kabul[0].country == "AFG" and kabul[0].is_capital


def test_cached_dictionaries_equal_parsed_ones_and_follow_user_files(cache, tmp_path):
    fresh = load_dictionaries()
    assert load_dictionaries() == fresh  # the second comes from the cache
    user = tmp_path / "mine.yaml"
    user.write_text("groups:\n  - name: Kabul Tea Growers\n    aliases: [Kabul Tea Growers]\n")
    with_user = load_dictionaries(extra=[user])
    assert with_user != fresh and len(list(cache.glob("dictionaries-*.pickle"))) == 2
    user.write_text("groups:\n  - name: Herat Tea Growers\n    aliases: [Herat Tea Growers]\n")
    changed = load_dictionaries(extra=[user])
    assert changed != with_user  # an edited file is never served from the old entry


def test_a_broken_entry_is_rebuilt(cache):
    assert load_or_build("thing", "k1", lambda: {"a": 1}) == {"a": 1}
    (cache / "thing-k1.pickle").write_bytes(b"not a pickle")
    assert load_or_build("thing", "k1", lambda: {"a": 2}) == {"a": 2}
    assert load_or_build("thing", "k1", lambda: {"a": 3}) == {"a": 2}  # the rebuilt entry was stored


def test_the_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPLOWATCH_CACHE", "off")
    calls = []
    for _ in range(2):
        load_or_build("thing", "k", lambda: calls.append(1))
    assert len(calls) == 2
