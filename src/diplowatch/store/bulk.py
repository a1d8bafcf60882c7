"""Fast bulk inserts: rows go through a temporary JSON Lines file that DuckDB reads in one statement.

DuckDB's `executemany` inserts a few thousand rows a second; reading NDJSON is two orders of magnitude
faster and keeps nested records (actors, locations) as real STRUCTs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from typing import Any

import duckdb


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column name -> DuckDB type, in table order."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return {name: dtype for name, dtype in rows}


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: Iterable[Mapping[str, Any]],
    columns: dict[str, str] | None = None,
    or_replace: bool = False,
) -> int:
    """Insert dict rows into `table` (missing keys become NULL). Runs inside the caller's transaction."""
    columns = columns or table_columns(con, table)
    handle = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    count = 0
    try:
        with handle:
            for row in rows:
                handle.write(
                    json.dumps({c: row.get(c) for c in columns}, default=_default, ensure_ascii=False)
                )
                handle.write("\n")
                count += 1
        if count:
            spec = ", ".join(f"'{name}': '{dtype}'" for name, dtype in columns.items())
            quoted = ", ".join(f'"{name}"' for name in columns)
            verb = "INSERT OR REPLACE" if or_replace else "INSERT"
            con.execute(
                f"{verb} INTO {table} ({quoted}) SELECT {quoted} FROM read_json(?, columns={{{spec}}}, "
                "format='newline_delimited', maximum_object_size=134217728)",
                [handle.name],
            )
    finally:
        os.unlink(handle.name)
    return count
