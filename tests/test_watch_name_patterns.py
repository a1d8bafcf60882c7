"""The fast name matcher finds exactly what the plain regex finds, on real names and awkward text."""

from __future__ import annotations

import random

import pytest

from diplowatch.watch import load_watch
from diplowatch.watch.mentions import _country_names
from diplowatch.watch.patterns import names_pattern

AWKWARD = [
    "the", "of", "US", "us", "U.S.", "Kabul's", "Afghans", "Omani", "Nigeria", "Niger", "Talibans",
    "ıran", "İran", "ſudan", "Côte", "CÔTE D'IVOIRE", "Åland", "KENYA", "é", "—", "'", ".", "_x", "x_",
    "Mali-based", "1990s", "\u212aenya", "SÃO TOMÉ", "Sao Tome", "Islamic Emirate", "Doha", "Moscow",
]  # fmt: skip


def _patterns():
    watch = load_watch("afghanistan-recognition")
    subject = watch.raw["subject"]
    lists = [list(subject.get(key) or []) for key in ("names", "places", "others")]
    lists += [list(o.get("names") or [o["name"]]) for o in watch.raw["observers"]]
    countries, _ = _country_names()
    return [names_pattern(names) for names in lists] + [countries], [n for names in lists for n in names]


def test_every_bundled_name_list_takes_the_fast_path():
    patterns, _ = _patterns()
    assert all(p._by_initial is not None for p in patterns)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_matches_equal_the_regex_matches(seed):
    patterns, names = _patterns()
    rng = random.Random(seed)
    words = names + AWKWARD
    for _ in range(1500):
        text = "".join(
            w + rng.choice([" ", "", ", ", "-", "'s "]) for w in rng.choices(words, k=rng.randint(1, 12))
        )
        for pattern in patterns:
            expected = [(m.start(), m.end()) for m in pattern.regex.finditer(text)]
            assert [(m.start(), m.end()) for m in pattern.finditer(text)] == expected, text


def test_names_that_do_not_start_with_a_word_keep_the_plain_regex():
    assert names_pattern(["(the )?Taliban", "Kabul"])._by_initial is None
    assert [m.group() for m in names_pattern(["(the )?Taliban"]).finditer("the Taliban said")] == [
        "the Taliban"
    ]


@pytest.mark.parametrize("seed", [4, 5])
def test_patterns_opening_with_the_subject_match_as_their_regex(seed):
    """Stance cues that open with {subject} are tried only where the subject can begin: the same matches
    as the regex's own scan, on generated text with names, determiners glued to words and cue words."""
    from diplowatch.watch.patterns import MacroLed

    watch = load_watch("afghanistan-recognition")
    led = [p for patterns in watch.stances.values() for p in patterns if isinstance(p, MacroLed)]
    assert led, "the bundled watch has cues that open with {subject}"
    _, names = _patterns()
    cue_words = ["and", "met", "talks", "with", "us", "the United States", "cooperate", "to", "continue",
                 "delegation", "officials", "Russia", "its", "their", "a", "an", "bathe", "has been", "helpful"]  # fmt: skip
    rng = random.Random(seed)
    for _ in range(800):
        text = "".join(
            w + rng.choice([" ", " ", "", ", ", "'s "])
            for w in rng.choices(names + cue_words + AWKWARD, k=rng.randint(2, 16))
        )
        for pattern in led:
            expected = [m.span() for m in pattern.regex.finditer(text)]
            assert [m.span() for m in pattern.finditer(text)] == expected, (pattern.pattern[:60], text)
            found, first = pattern.search(text), pattern.regex.search(text)
            assert (found and found.span()) == (first and first.span()), text
