"""Options every command shares, spelled once so that they read the same everywhere."""

from __future__ import annotations

import click

db_option = click.option(
    "--db",
    "db",
    envvar="DIPLOWATCH_DB",
    default="diplowatch.duckdb",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="DuckDB database file (or set DIPLOWATCH_DB).",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl", "parquet"]),
    default="table",
    show_default=True,
    help="Output format. parquet needs --out.",
)
out_option = click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file instead of standard output.",
)
