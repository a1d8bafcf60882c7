"""Dictionaries: bundled data loads, user files override and extend, `dict check` names lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from diplowatch.actors import ActorResolver, load_dictionaries
from diplowatch.cli import main
from diplowatch.errors import InputError

USER = """\
people:
  - name: Antony Blinken
    aliases: [Blinken]
    roles:
      - {country: GBR, sector: MED, start: 2021-01-01}
  - name: Jane Placeholder
    aliases: [Placeholder]
    roles:
      - {country: NOR, sector: NGO, start: 2020-01-01, end: 2022-12-31}
sectors:
  AGR:
    words: [herders]
"""


def test_bundled_dictionaries_load():
    counts = load_dictionaries().counts()
    assert counts["countries"] >= 190 and counts["igos"] >= 40 and counts["groups"] >= 25


def test_user_file_overrides_and_extends(tmp_path: Path):
    user = tmp_path / "mine.yaml"
    user.write_text(USER, encoding="utf-8")
    resolver = ActorResolver(load_dictionaries(extra=[user]))
    found = {
        m.actor.text: m.actor
        for m in resolver.find("Blinken met Placeholder and Kenyan herders.", "2021-06-01")
    }
    assert found["Blinken"].code == "GBRMED"  # replaced the bundled entry of the same name
    assert found["Placeholder"].code == "NORNGO"  # added
    assert found["Kenyan herders"].code == "KENAGR"  # sector words extended
    assert found["Kenyan herders"].sector == "AGR"
    bundled = ActorResolver(load_dictionaries()).find("Blinken met Placeholder.", "2021-06-01")
    assert [m.actor.code for m in bundled] == ["USAGOV"]


BAD = """\
people:
  - name: Jane Doe
    aliases: [Doe]
    roles:
      - {country: USA, sector: GOV, start: 2021-01-01, end: 2021-13-01}
      - {country: XXQ, sector: GOV}
groups:
  - name: Foo Front
    rolez: []
"""


def test_check_names_the_line(tmp_path: Path):
    bad = tmp_path / "my.yaml"
    bad.write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(main, ["dict", "check", str(bad)])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert f"{bad}:5: role end 2021-13-01 is not a date (YYYY-MM-DD)" in lines
    assert any(line.startswith(f"{bad}:6: ") and "XXQ" in line for line in lines)
    assert any(line.startswith(f"{bad}:9: ") and "rolez" in line for line in lines)


def test_check_ok_counts(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text(USER, encoding="utf-8")
    result = CliRunner().invoke(main, ["dict", "check", str(good)])
    assert result.exit_code == 0
    assert "ok:" in result.output and "2 people" in result.output


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("people: [a\n", "not valid YAML"),
        ("people:\n  - aliases: [x]\n", "has no name"),
        ("countries: 3\n", "must be a list"),
    ],
)
def test_loading_a_bad_user_file_is_one_clear_error(tmp_path: Path, content, problem):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_dictionaries(extra=[bad])
    assert str(bad) in str(info.value) and problem in str(info.value)


def test_find_command_shows_actors():
    result = CliRunner().invoke(
        main, ["dict", "find", "The Taliban met Pakistani officials.", "--date", "2021-10-01"]
    )
    assert result.exit_code == 0
    assert "AFGGOV" in result.output and "PAKGOV" in result.output
