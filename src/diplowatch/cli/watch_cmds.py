"""Commands of the watch stage (placeholder until that stage lands)."""

from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Add this module's commands to the main group."""
