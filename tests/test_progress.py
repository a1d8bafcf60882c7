"""Progress when stderr is not a terminal: a line every few seconds and one at the end; short jobs stay quiet."""

from __future__ import annotations

import io
import re

from diplowatch.progress import LineLog, TerminalBar


def test_line_log_reports_progress_and_end():
    out = io.StringIO()
    log = LineLog(out, every=0.0)  # a line for every step
    with log.task("coding", 4) as advance:
        for n in range(4):
            advance(1, f"article {n}")
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"\d\d:\d\d:\d\d coding: 1/4 \(25%\) article 0", lines[0])
    assert lines[1].endswith("coding: 2/4 (50%) article 1")
    assert re.search(r"coding: 4/4 done in \d+\.\ds$", lines[-1])


def test_line_log_is_quiet_between_intervals():
    out = io.StringIO()
    with LineLog(out, every=3600).task("ingest", 1000) as advance:
        for _ in range(1000):
            advance(1, "")
    assert out.getvalue() == ""  # shorter than one interval: the command's summary says enough


def test_the_bar_logs_lines_when_stderr_is_not_a_terminal(capsys, monkeypatch):
    import diplowatch.progress

    monkeypatch.setattr(diplowatch.progress, "LOG_EVERY", 0.0)
    with TerminalBar().task("watch", 3) as advance:
        advance(3, "")
    err = capsys.readouterr().err
    assert "watch: 3/3 (100%)" in err and "watch: 3/3 done" in err
