"""Write the result of a query as a terminal table, CSV, JSON Lines or Parquet.

CSV and Parquet are written by DuckDB itself, so GDELT/POLECAT users get files their tools load as
they are. Nested values (actors, locations) stay nested in Parquet and JSONL and are JSON text in CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import sys
from contextlib import nullcontext
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

from diplowatch.core.output import atomic_open, atomic_path
from diplowatch.errors import DiplowatchError

TABLE_ROWS = 50  # a terminal table is a preview; exports carry everything


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return str(value)


def rows_as_dicts(rel: duckdb.DuckDBPyRelation) -> list[dict[str, Any]]:
    columns = rel.columns
    return [dict(zip(columns, row, strict=True)) for row in rel.fetchall()]


def export_relation(
    rel: duckdb.DuckDBPyRelation,
    fmt: str,
    out: str | None = None,
    title: str | None = None,
    table_columns: list[str] | None = None,
) -> int:
    """Write `rel` in `fmt` to `out` (or stdout). Returns the number of rows written."""
    if fmt == "parquet":
        if not out:
            raise DiplowatchError("--format parquet writes a binary file: give --out FILE.parquet")
        with atomic_path(out) as tmp:
            rel.write_parquet(str(tmp))
        return rel.count("*").fetchall()[0][0]
    if fmt == "csv" and out:
        with atomic_path(out) as tmp:
            rel.write_csv(str(tmp), header=True)
        return rel.count("*").fetchall()[0][0]
    if fmt == "csv":
        csv_rel = rel.project(", ".join(f'"{c}"' for c in rel.columns))
        writer = csv.writer(sys.stdout)
        writer.writerow(csv_rel.columns)
        count = 0
        for row in csv_rel.fetchall():
            writer.writerow([_csv_cell(v) for v in row])
            count += 1
        return count
    if fmt == "jsonl":
        with atomic_open(out) if out else nullcontext(sys.stdout) as handle:
            count = 0
            for record in rows_as_dicts(rel):
                handle.write(json.dumps(_unjson(record), default=_json_default, ensure_ascii=False) + "\n")
                count += 1
            return count
    if fmt == "table":
        return _print_table(rel, title, table_columns, out)
    raise DiplowatchError(f"unknown format {fmt!r}: choose table, csv, jsonl or parquet")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, default=_json_default, ensure_ascii=False)
    return value


def _unjson(record: dict[str, Any]) -> dict[str, Any]:
    """JSON columns come back from DuckDB as text; nest them again for JSONL."""
    for key, value in record.items():
        if isinstance(value, str) and value[:1] in "[{" and value[-1:] in "]}":
            try:
                record[key] = json.loads(value)
            except ValueError:
                pass
    return record


def _print_table(rel, title, table_columns, out) -> int:
    columns = table_columns or rel.columns
    total = rel.count("*").fetchall()[0][0]
    preview = rel.project(", ".join(f'"{c}"' for c in columns)).limit(TABLE_ROWS).fetchall()
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in preview:
        table.add_row(*["" if v is None else str(v)[:120] for v in row])
    with atomic_open(out) if out else nullcontext(None) as handle:
        console = Console(file=handle)
        console.print(table)
        if total > len(preview):
            console.print(
                f"[dim]showing {len(preview)} of {total} rows; use --format csv|jsonl|parquet for all[/dim]"
            )
    return total
