"""Options every command shares, spelled once so that they read the same everywhere."""

from __future__ import annotations

import math

import click

from diplowatch.errors import DiplowatchError

# Where _Main finds the --db of the command that failed, to name it in a one-line DuckDB error.
DB_META_KEY = "diplowatch.db"


def _db_value(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise DiplowatchError("--db is empty: give a database file")
    ctx.meta[DB_META_KEY] = value
    return value


def not_empty(ctx: click.Context, param: click.Parameter, value):
    """Arguments may not be empty strings: `ingest ""` must not read the current folder."""
    values = value if isinstance(value, tuple | list) else (value,)
    for item in values:
        if isinstance(item, str) and not item.strip():
            raise DiplowatchError(f"{param.human_readable_name}: an empty argument; give a path or URL")
    return value


def finite(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """click's FloatRange lets NaN through (every comparison with it is false)."""
    if value is not None and not math.isfinite(value):
        raise DiplowatchError(
            f"--{param.name.replace('_', '-') if param.name else 'value'} {value}: give a number"
        )
    return value


def day_of(flag: str, value: str | None) -> str | None:
    """A day given to `flag`: YYYY, YYYY-MM or YYYY-MM-DD (as its first day); anything else is one clear line."""
    from diplowatch.core.dates import parse_bound

    try:
        return parse_bound(value)
    except ValueError:
        raise DiplowatchError(f"{flag} {value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD") from None


def date_bound(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--since/--until, read by day_of."""
    return day_of("--" + (param.name or "date"), value)


def since_option(help_text: str = "First date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)."):
    return click.option("--since", metavar="DATE", default=None, callback=date_bound, help=help_text)


def until_option(help_text: str = "Last date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)."):
    return click.option("--until", metavar="DATE", default=None, callback=date_bound, help=help_text)


db_option = click.option(
    "--db",
    "db",
    envvar="DIPLOWATCH_DB",
    default="diplowatch.duckdb",
    show_default=True,
    type=click.Path(dir_okay=False),
    callback=_db_value,
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
