"""The dashboard's scorecards: each built once per copy of the database by the one builder
(`report.data.scorecard`), and those a first page asks for built as soon as the copy is taken.

A build tallies every evidence and stance row of the watch in SQL (1–2 s on a million events when
most of them are about the watch's subject, and the watch definition is parsed on the process's first
one); the copy never changes, so neither does the card, and the pages and the API share it.
"""

from __future__ import annotations

import duckdb

from diplowatch.core.scorecard import Scorecard
from diplowatch.report import data
from diplowatch.report.verdict import default_by
from diplowatch.web.source import Memo


def scorecard(
    con: duckdb.DuckDBPyConnection,
    memo: Memo,
    watch: str,
    by: str = "month",
    since: str | None = None,
    until: str | None = None,
) -> Scorecard:
    """The watch's scorecard of this copy, as `report.data.scorecard` builds it. A fresh top-level dict
    each time: a page narrows its conditions and observers in place."""
    card: Scorecard = memo.get(
        ("scorecard", watch, by, since, until),
        lambda: data.scorecard(con, watch, by=by, since=since, until=until),
    )
    return card.copy()


def warm(con: duckdb.DuckDBPyConnection, memo: Memo) -> None:
    """Build the scorecard each watch stored in this copy shows first (its own periods, no dates)."""
    for watch in data.stored_watches(con):
        scorecard(con, memo, watch, default_by(con, watch))
