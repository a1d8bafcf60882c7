"""The ids of the events whose date is implausible for their article, found once per copy of the database.

The overview, the events explorer and the list of dates to check each ask several event queries (counts,
timelines, network, map, facets) that leave out (or keep only) these events. Testing each event against
its article's date joins a million events with their articles, a second or two each time; the copy never
changes, so the ids are found once and every query excludes them by id.
"""

from __future__ import annotations

import duckdb

from diplowatch.report import data
from diplowatch.web.source import Memo


def misdated_ids(con: duckdb.DuckDBPyConnection, memo: Memo) -> list[str]:
    """This copy's misdated events (`report.data.misdated_ids`); shared, so never changed in place."""
    ids: list[str] = memo.get(("misdated",), lambda: data.misdated_ids(con))
    return ids


def warm(con: duckdb.DuckDBPyConnection, memo: Memo) -> None:
    """Find them as soon as the copy is taken, before a page asks."""
    misdated_ids(con, memo)
