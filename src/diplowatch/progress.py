"""How long-running stages report progress: one small interface, a silent and a terminal reporter.

Stages (ingest, code, watch) take a reporter and call `task(label, total)`; the CLI hands them a bar on
stderr (or a silent one with --quiet), the Python API a silent one unless asked. No stage builds its own bar.
When stderr is not a terminal (a log file, a pipe, a service), the bar becomes plain lines: one every
LOG_EVERY seconds and one at the end, so a log never falls silent for minutes (a shorter job says nothing).
"""

from __future__ import annotations

import sys
import time
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


LOG_EVERY = 10.0  # seconds between progress lines when stderr is not a terminal


class LineLog:
    """Progress as timestamped lines on a stream: for logs, where a bar would be noise or nothing."""

    def __init__(self, stream=None, every: float | None = None):
        self.stream = stream
        self.every = LOG_EVERY if every is None else every

    def _say(self, text: str) -> None:
        stream = self.stream or sys.stderr
        stream.write(f"{time.strftime('%H:%M:%S')} {text}\n")
        stream.flush()

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[Advance]:
        done, said = 0, False
        started = last = time.monotonic()

        def advance(steps: int = 1, note: str = "") -> None:
            nonlocal done, last, said
            done += steps
            now = time.monotonic()
            if now - last >= self.every:
                last, said = now, True
                share = f" ({100 * done // total}%)" if total else ""
                self._say(f"{label}: {done}/{total}{share}" + (f" {note[-60:]}" if note else ""))

        yield advance
        if said:  # a job shorter than one interval stays quiet: its summary line says enough
            self._say(f"{label}: {done}/{total} done in {time.monotonic() - started:.1f}s")


class TerminalBar:
    """A transient rich bar on stderr when it is a terminal; lines (LineLog) when it is not."""

    @contextmanager
    def task(self, label: str, total: int) -> Iterator[Advance]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(stderr=True)
        if not console.is_terminal:
            with LineLog().task(label, total) as advance:
                yield advance
            return
        if total < 2:
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
