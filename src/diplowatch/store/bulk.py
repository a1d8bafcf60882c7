"""Fast bulk inserts: rows go through a temporary JSON Lines file that DuckDB reads in one statement.

DuckDB's `executemany` inserts a few thousand rows a second; reading NDJSON is two orders of magnitude
faster and keeps nested records (actors, locations) as real STRUCTs.

`read_json` gives NULL for a key a row lacks, and an INSERT that names every column writes it as it
comes, so a column the migrations give a DEFAULT (`coded_at`, `ingested_at`, `negated`...) would be left
NULL: the load puts the default in for a row with no value there (missing or null), as an INSERT that
left the column out would.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
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


def column_defaults(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column name -> its DEFAULT expression (as the schema holds it), for the columns that have one."""
    rows = con.execute(
        "SELECT column_name, column_default FROM information_schema.columns"
        " WHERE table_name = ? AND column_default IS NOT NULL",
        [table],
    ).fetchall()
    return {name: default for name, default in rows}


def to_ndjson(rows: Iterable[Mapping[str, Any]]) -> str:
    """Rows as JSON Lines for `insert_ndjson`; pure, so a worker process can do the encoding."""
    return "".join(json.dumps(row, default=_default, ensure_ascii=False) + "\n" for row in rows)


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: Iterable[Mapping[str, Any]],
    columns: dict[str, str] | None = None,
    or_replace: bool = False,
) -> int:
    """Insert dict rows into `table` (missing keys become NULL, or the column's DEFAULT where it has one).
    Runs inside the caller's transaction."""
    columns = columns or table_columns(con, table)

    def write(handle) -> int:
        count = 0
        for row in rows:
            handle.write(json.dumps({c: row.get(c) for c in columns}, default=_default, ensure_ascii=False))
            handle.write("\n")
            count += 1
        return count

    return _load(con, table, write, columns, or_replace)


def insert_ndjson(
    con: duckdb.DuckDBPyConnection,
    table: str,
    text: str,
    columns: dict[str, str] | None = None,
    defaults: Mapping[str, str] | None = None,
    computed: Mapping[str, str] | None = None,
) -> int:
    """Insert JSON Lines text into `table`: keys the table lacks are ignored, missing ones are NULL (or
    the column's DEFAULT where it has one).
    A caller that inserts into the same table again and again passes its `columns` (table_columns) and
    `defaults` (column_defaults).
    `computed` gives columns an SQL expression over the row instead (e.g. {"sentence": "..."})."""
    if not text:
        return 0

    def write(handle) -> int:
        # as it is: a JSON string may hold U+2028 and the like, which str.splitlines would cut at
        handle.write(text)
        return text.count("\n")

    return _load(
        con, table, write, columns or table_columns(con, table), defaults=defaults, computed=computed
    )


def _load(
    con: duckdb.DuckDBPyConnection,
    table: str,
    write: Callable[[Any], int],
    columns: dict[str, str],
    or_replace: bool = False,
    computed: Mapping[str, str] | None = None,
    defaults: Mapping[str, str] | None = None,
) -> int:
    """Write the temporary JSON Lines file with `write` (which returns the row count) and load it."""
    computed = computed or {}
    handle = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    try:
        with handle:
            count = write(handle)
        if count:
            spec = ", ".join(f"'{name}': '{dtype}'" for name, dtype in columns.items())
            quoted = ", ".join(f'"{name}"' for name in columns)
            if defaults is None:
                defaults = column_defaults(con, table)
            values = ", ".join(
                computed[name] if name in computed
                else f'coalesce("{name}", {defaults[name]})' if name in defaults
                else f'"{name}"'
                for name in columns
            )  # fmt: skip
            verb = "INSERT OR REPLACE" if or_replace else "INSERT"
            con.execute(
                f"{verb} INTO {table} ({quoted}) SELECT {values} FROM read_json(?, columns={{{spec}}}, "
                "format='newline_delimited', maximum_object_size=134217728)",
                [handle.name],
            )
    finally:
        os.unlink(handle.name)
    return count
