"""Progress when stderr is not a terminal: lines at the start, every few seconds, and at the end."""

from __future__ import annotations

import io
import re

from diplowatch.progress import LineLog, TerminalBar


def test_line_log_reports_start_progress_and_end():
    out = io.StringIO()
    log = LineLog(out, every=0.0)  # a line for every step
    with log.task("coding", 4) as advance:
        for n in range(4):
            advance(1, f"article {n}")
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"\d\d:\d\d:\d\d coding: 0/4", lines[0])
    assert lines[2].endswith("coding: 2/4 (50%) article 1")
    assert re.search(r"coding: 4/4 done in \d+\.\ds$", lines[-1])


def test_line_log_is_quiet_between_intervals():
    out = io.StringIO()
    with LineLog(out, every=3600).task("ingest", 1000) as advance:
        for _ in range(1000):
            advance(1, "")
    assert len(out.getvalue().splitlines()) == 2  # start and end only


def test_the_bar_logs_lines_when_stderr_is_not_a_terminal(capsys):
    with TerminalBar().task("watch", 3) as advance:
        advance(3, "")
    err = capsys.readouterr().err
    assert "watch: 0/3" in err and "watch: 3/3 done" in err
