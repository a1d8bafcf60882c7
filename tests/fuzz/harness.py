"""What every fuzz case and reproducer shares: run the CLI in-process, bound the time a case may take,
and sort an outcome into clear error / handled with a warning / accepted / traceback.

A hang guard is not a speed test: it stops a case that would otherwise run for minutes (the issue's
criterion is "each case under 30 s"); the benchmarks measure speed.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from click.testing import CliRunner

from diplowatch.cli import main

CASE_SECONDS = 30


class Hang(Exception):
    """The case ran past its time."""


@contextmanager
def hang_guard(seconds: float = CASE_SECONDS) -> Iterator[None]:
    """Raise Hang in the main thread if the block runs longer than `seconds`."""

    def _alarm(signum, frame):
        raise Hang(f"still running after {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    exception: BaseException | None

    @property
    def kind(self) -> str:
        """traceback | error | warning | accepted."""
        if self.exception is not None and not isinstance(self.exception, SystemExit):
            return "traceback"
        if "Traceback (most recent call last)" in self.err + self.out:
            return "traceback"
        if self.code != 0:
            return "error"
        return "warning" if self.err.strip() else "accepted"

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith(("error:", "Error:"))]

    def one_line_error(self) -> bool:
        """A clear error: a non-zero exit and exactly one 'error:' line (click's usage errors count)."""
        return self.kind == "error" and len(self.error_lines) == 1 and len(self.err) < 2_000


def cli(*args: str, input: str | bytes | None = None, seconds: float = CASE_SECONDS) -> Outcome:
    """Run `diplowatch ARGS` in this process (no traceback is caught for us: it shows as .exception)."""
    with hang_guard(seconds):
        result = CliRunner().invoke(main, list(args), input=input)
    return Outcome(result.exit_code, result.stdout, result.stderr, result.exception)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that hangs up is not news
        pass


@contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A loopback HTTP server in a thread; yields its base URL."""
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
