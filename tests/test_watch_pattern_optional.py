"""A '?' after a letter in a watch pattern ("behaviou?r") looked for a question mark and never matched:
it is refused with the pattern's line, and the bundled patterns that had one match what they meant.
The sentences are written for this test (none is from the training or dev items)."""

from __future__ import annotations

import pytest

from diplowatch.evaluate.watch import _resolver, actors_of
from diplowatch.watch import WatchError, WatchMatcher, load_watch, parse_watch
from diplowatch.watch.patterns import PatternError, to_regex
from diplowatch.watch.template import template

DATE = "2022-02-14"


def test_a_letter_made_optional_is_refused_with_its_line():
    with pytest.raises(PatternError, match="only a group is made optional"):
        to_regex("their behaviou?r", {})
    good = template("x")
    lines = good.splitlines()
    number = next(i for i, line in enumerate(lines) if '"detain*"' in line)
    lines[number] = lines[number].replace('"detain*"', '"detain?"')
    with pytest.raises(WatchError, match=f"w.yaml:{number + 1}: .*only a group is made optional"):
        parse_watch("\n".join(lines), "w.yaml")
    assert to_regex("(new )?government", {})  # an optional group is still fine


@pytest.fixture(scope="module")
def matcher():
    return WatchMatcher(load_watch("afghanistan-recognition")), _resolver()


def test_the_bundled_patterns_match_both_spellings(matcher):
    watch, resolver = matcher
    text = "The Taliban named a former guerrilla commander as acting defense minister."
    found = {(f.condition, f.kind) for f in watch.judge(text, actors_of(resolver, text, DATE), DATE).evidence}
    assert ("inclusive_government", "deed") in found
    text = "Norway kept its contacts in Doha with the Taliban going through the winter."
    found = {(s.observer, s.stance) for s in watch.judge(text, actors_of(resolver, text, DATE), DATE).stances}
    assert ("NOR", "engage") in found
