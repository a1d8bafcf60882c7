"""Read a watch's ledger from the database: its stored evidence rows, through the one builder."""

from __future__ import annotations

from typing import Any

import duckdb

from diplowatch.ledger.build import build_ledger
from diplowatch.ledger.records import LedgerEntry
from diplowatch.store import watch as store
from diplowatch.watch.schema import Watch


def iso_day(value: Any) -> str | None:
    return None if value is None else str(value)[:10]


def watch_rows(con: duckdb.DuckDBPyConnection, watch: Watch) -> list[dict[str, Any]]:
    """The watch's evidence rows with ISO dates (the ledger compares days as text)."""
    return [{**r, "date": iso_day(r.get("date"))} for r in store.read_evidence(con, watch.name)]


def ledger_for(con: duckdb.DuckDBPyConnection, watch: Watch, as_of: str | None = None) -> list[LedgerEntry]:
    """The ledger of a watch from its stored evidence (run the watch first)."""
    return build_ledger(watch, watch_rows(con, watch), as_of)
