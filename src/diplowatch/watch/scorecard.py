"""A watch's scorecard from the database: its stored per-day counts through the one builder in `core.scorecard`."""

from __future__ import annotations

import duckdb

from diplowatch.core.periods import check_by
from diplowatch.core.scorecard import Scorecard, scorecard_of_counts
from diplowatch.core.scorecard import build_scorecard as build
from diplowatch.store import watch as store
from diplowatch.watch.schema import Watch, WatchError, load_watch, parse_watch


def build_scorecard(
    con: duckdb.DuckDBPyConnection, watch: Watch, by: str = "month", since: str | None = None,
    until: str | None = None,
) -> Scorecard:  # fmt: skip
    """The scorecard of `watch` from its stored per-day counts (call run_watch first); from its rows
    when the counts do not add up to them."""
    check_by(by)
    if not store.daily_counts_current(con, watch.name):
        evidence = store.read_evidence(con, watch.name, since, until)
        return build(watch.outline(), evidence, store.read_stances(con, watch.name, since, until), by)
    return scorecard_of_counts(watch.outline(), store.StoredCounts(con, watch.name, since, until), by)


def watch_for(con: duckdb.DuckDBPyConnection, name: str) -> Watch:
    """The watch as it last ran in this database (a user's file included), else the bundled one."""
    stored = store.stored_definition(con, name)
    if stored is not None:
        return parse_watch(*stored)
    try:
        return load_watch(name)
    except WatchError:
        raise WatchError(name, "no such watch: not bundled, and it never ran in this database") from None
