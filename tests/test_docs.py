"""Everything a user can type or set is documented: each command in the README, each setting too."""

from __future__ import annotations

from pathlib import Path

import click

from diplowatch.cli import main
from diplowatch.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "diplowatch") -> list[str]:
    found = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        path = f"{prefix} {name}"
        found.append(path)
        if isinstance(command, click.Group):
            found += _commands(command, path)
    return found


def test_every_command_is_in_the_readme():
    commands = _commands(main)
    assert len(commands) >= 12
    missing = [c for c in commands if f"`{c}" not in README]
    assert not missing, f"document these in README.md: {missing}"


def test_every_setting_is_in_the_readme():
    missing = [s.env for s in SETTINGS if s.env and s.env not in README]
    assert not missing, f"document these settings in README.md: {missing}"
