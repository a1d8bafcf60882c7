"""Watch files: the bundled ones load, bad ones fail with the file and line, the template is valid."""

from __future__ import annotations

import pytest

from diplowatch.watch import WatchError, list_watches, load_watch, parse_watch
from diplowatch.watch.patterns import compile_pattern
from diplowatch.watch.template import template

ROAD_MAP = {
    "counter_terrorism",
    "human_rights",
    "humanitarian_access",
    "inclusive_government",
    "safe_passage",
}
OBSERVERS = "USA PAK CHN RUS GBR FRA DEU QAT IRN IND UZB ARE TUR KAZ UN NATO EU".split()


def test_bundled_watches_load_with_the_road_map_and_observers():
    assert {"afghanistan-recognition", "myanmar-asean"} <= set(list_watches())
    watch = load_watch("afghanistan-recognition")
    assert {c.id for c in watch.conditions} == ROAD_MAP
    assert set(OBSERVERS) <= {o.code for o in watch.observers}
    assert all(c.description and c.indicators for c in watch.conditions)
    myanmar = load_watch("myanmar-asean")
    assert len(myanmar.conditions) == 5
    assert {"ASEAN", "IDN", "THA", "CHN", "USA", "UN"} <= {o.code for o in myanmar.observers}


def test_a_path_loads_too_and_an_unknown_name_says_what_exists(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(template("mine"), encoding="utf-8")
    assert load_watch(path).name == "mine"
    with pytest.raises(WatchError, match="afghanistan-recognition"):
        load_watch("no-such-watch")


def _error(text: str) -> str:
    with pytest.raises(WatchError) as info:
        parse_watch(text, "w.yaml")
    return str(info.value)


def test_errors_name_the_line():
    good = template("x")
    lines = good.splitlines()
    # a broken pattern: the error points at its line
    number = next(i for i, line in enumerate(lines) if '"detain*"' in line)
    lines[number] = lines[number].replace('"detain*"', '"(detain*"')
    assert _error("\n".join(lines)).startswith(f"w.yaml:{number + 1}: ")
    # a polarity out of range
    number = next(i for i, line in enumerate(lines) if "polarity: 1" in line)
    bad = good.splitlines()
    bad[number] = bad[number].replace("polarity: 1", "polarity: 5")
    assert f"w.yaml:{number + 1}:" in _error("\n".join(bad))
    # `deed: true` marks an act of a words (0) indicator only
    bad = good.splitlines()
    bad[number] = bad[number].replace("polarity: 1", "polarity: 1\n        deed: true")
    assert "deed is true or false, and true only with polarity 0" in _error("\n".join(bad))
    # unknown stance, unknown macro, invalid YAML
    assert "unknown stance" in _error(good.replace("  withhold:", "  admire:"))
    assert "{subjekt}" in _error(good.replace("recogni* ... {subject}", "recogni* ... {subjekt}"))
    assert _error(good + "\n  : : [\n").startswith("w.yaml:")
    # a word glued to a group's last word would never match: "(flight|plane)s"
    assert "right after ')'" in _error(good.replace('"detain*"', '"(detain|arrest)s"'))


def test_a_sector_code_no_actor_carries_is_refused_on_its_line():
    # "POL" is Poland's code; the police are COP: a subject rule with it would silently match no one
    good = template("x")
    assert "sectors: [GOV, MIL]" in good
    lines = good.splitlines()
    number = next(i for i, line in enumerate(lines) if "sectors: [GOV, MIL]" in line)
    message = _error(good.replace("sectors: [GOV, MIL]", "sectors: [GOV, POL]"))
    assert (
        message.startswith(f"w.yaml:{number + 1}: ")
        and "unknown sector 'POL'" in message
        and "COP" in message
    )


def test_duplicate_condition_ids_are_refused():
    good = template("x")
    block = good[good.index("  - id: free_press") :]
    assert "used twice" in _error(good + block)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("recogni* ... {subject}", "Russia formally recognised the new Taliban government", True),
        ("recogni* ... {subject}", "recognise it, said the Taliban", False),  # a gap stops at a comma
        ("(no|not in a) (rush|hurry)", "in no rush to", True),
        ("US", "let us go", False),  # acronyms are case-sensitive
        ("girl*", "girls' schools", True),
        ("(new )?(government|rulers)", "the new rulers", True),
        ("(clean )?break with", 'a "clean break" with terrorist groups', True),  # quoted words
        ("(re-)?impos*", "re-imposed a ban", True),
    ],
)
def test_pattern_language(pattern, text, found):
    compiled = compile_pattern(pattern, {"subject": "(?:(?:the\\s+)?(?:Taliban))", "place": "x"})
    assert bool(compiled.search(text)) is found
