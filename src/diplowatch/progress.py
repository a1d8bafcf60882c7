"""How long-running stages report progress: one small interface, a silent and a terminal reporter.

Stages (ingest, code, watch) take a reporter and call `task(label, total)`; the CLI hands them a bar on
stderr (or a silent one with --quiet), the Python API a silent one unless asked. No stage builds its own bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

# advance(steps, note): `steps` done since the last call; `note` what is being worked on (may be "").
Advance = Callable[[int, str], None]


def _nothing(steps: int = 1, note: str = "") -> None:
    return None


class ProgressReporter(Protocol):
    def task(self, label: str, total: int) -> AbstractContextManager[Advance]: ...


class Silent:
    """Reports nothing (the API's default, --quiet, and output that is not a terminal)."""

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[Advance]:
        yield _nothing


class TerminalBar:
    """A transient rich bar on stderr, shown only when stderr is a terminal and there is work to show."""

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[Advance]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(stderr=True)
        if not console.is_terminal or total < 2:
            yield _nothing
            return
        columns = (
            TextColumn(f"[bold]{label}[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("[dim]{task.description}[/dim]"),
        )
        with Progress(*columns, console=console, transient=True) as bar:
            handle = bar.add_task("", total=total)

            def advance(steps: int = 1, note: str = "") -> None:
                bar.update(handle, advance=steps, description=note[-40:])

            yield advance


def reporter(progress: bool | ProgressReporter) -> ProgressReporter:
    """A reporter from a flag (True: the terminal bar) or the reporter itself."""
    if progress is True:
        return TerminalBar()
    if progress is False or progress is None:
        return Silent()
    return progress
