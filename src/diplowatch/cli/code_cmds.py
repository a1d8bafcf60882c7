"""`diplowatch code`, `run` (ingest + code) and `events` (export)."""

from __future__ import annotations

import datetime as dt

import click
from rich.console import Console

from diplowatch.app import Diplowatch
from diplowatch.cli.ingest_cmds import ingest_into
from diplowatch.cli.options import (
    db_option,
    finite,
    not_empty,
    out_option,
    quiet_option,
    since_option,
    until_option,
)
from diplowatch.core.vocabulary import PLOVER_TYPES

workers_option = click.option(
    "--workers", "-w", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes."
)
cluster_option = click.option(
    "--cluster",
    default=None,
    metavar="local[:N]|tcp://HOST:PORT",
    help="Code on a Dask cluster: a local one with N workers, or an existing scheduler "
    "(env DIPLOWATCH_CLUSTER). Overrides --workers.",
)
dict_option = click.option(
    "--dict",
    "dict_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A user actor dictionary (YAML); overrides and extends the bundled ones. Repeatable.",
)
model_option = click.option(
    "--model", default=None, help="spaCy model (default: best English model installed)."
)


def _code(app: Diplowatch, recode: bool) -> None:
    console = Console(stderr=True)
    summary = app.code(recode=recode)
    if summary.articles == 0:
        console.print("nothing to code: every stored English article is coded already (--recode to redo)")
    else:
        rate = summary.words / summary.seconds if summary.seconds else 0
        console.print(
            f"coded {summary.articles:,} articles: {summary.sentences:,} sentences, {summary.events:,} events "
            f"in {summary.seconds:.1f}s ({rate:,.0f} words/s, {summary.workers} worker(s); "
            f"{summary.loading:.1f}s of it loading the coder)"
        )
    if summary.stale:
        console.print(
            f"note: {summary.stale:,} articles were coded with other dictionaries; run `diplowatch code --recode`"
        )


@click.command("code")
@db_option
@workers_option
@cluster_option
@click.option("--recode", is_flag=True, help="Code every article again (after a dictionary change).")
@dict_option
@model_option
@quiet_option
def code_cmd(db, workers, cluster, recode, dict_paths, model, quiet):
    """Code every stored article not yet coded into PLOVER events."""
    app = Diplowatch(
        db, workers=workers, cluster=cluster, dict_paths=dict_paths, model=model, progress=not quiet
    )
    _code(app, recode)


@click.command("run")
@click.argument("sources", nargs=-1, required=True, callback=not_empty)
@db_option
@workers_option
@cluster_option
@dict_option
@model_option
@click.option("--strict", is_flag=True, help="Exit non-zero when any input was skipped.")
@click.option(
    "--allow-private", is_flag=True, help="Also fetch URLs on loopback, private and link-local addresses."
)
@quiet_option
def run_cmd(sources, db, workers, cluster, dict_paths, model, strict, allow_private, quiet):
    """Ingest SOURCES (files, folders, URLs, feeds, -) and code them: `ingest` then `code`."""
    from diplowatch.ingest.options import IngestOptions

    app = Diplowatch(
        db, workers=workers, cluster=cluster, dict_paths=dict_paths, model=model, progress=not quiet
    )
    ingest_into(app, sources, strict, IngestOptions(allow_private=allow_private))
    _code(app, recode=False)


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r}: expected a date YYYY-MM-DD") from None


EVENT_FORMATS = ["table", "csv", "jsonl", "parquet", "plover", "icews", "acled"]


@click.command("events")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EVENT_FORMATS),
    default="table",
    show_default=True,
    help="Output format: plover (PLOVER 2.0 JSON Lines), icews (ICEWS-style TSV), acled (ACLED-style CSV), "
    "or the plain ones. See docs/exports.md. parquet needs --out.",
)
@out_option
@since_option()
@until_option()
@click.option("--actor", help="Source or target: code, ISO3 country, name or group (e.g. USA, Taliban).")
@click.option(
    "--type",
    "event_type",
    multiple=True,
    type=click.Choice(PLOVER_TYPES, case_sensitive=False),
    help="PLOVER type; repeatable.",
)
@click.option("--include-flagged", is_flag=True, help="Also negated and hypothetical events.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    callback=finite,
    default=None,
    help="Only events at least this confident (0-1; see docs/events.md for what a confidence means).",
)
@click.option(
    "--as-of",
    "as_of",
    callback=_as_of,
    help="A reproducible snapshot: only what the database held at the end of this day (YYYY-MM-DD).",
)
def events_cmd(db, fmt, out, since, until, actor, event_type, include_flagged, min_confidence, as_of):
    """Export coded events (negated and hypothetical ones are left out unless --include-flagged)."""
    filters = {"since": since, "until": until, "actor": actor, "types": event_type,
               "include_flagged": include_flagged, "min_confidence": min_confidence, "as_of": as_of}  # fmt: skip
    count = Diplowatch(db).export_events(out, fmt, **filters)
    if out:
        Console(stderr=True).print(f"wrote {count:,} events to {out}")


@click.command("clusters")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True,
              help="Output format.")  # fmt: skip
@out_option
@click.option("--min-articles", type=click.IntRange(1), default=1, show_default=True,
              help="Only acts reported by at least this many articles.")  # fmt: skip
@click.option("--as-of", "as_of", callback=_as_of, help="Fold the snapshot of this day (YYYY-MM-DD).")
def clusters_cmd(db, fmt, out, min_articles, as_of):
    """Independent acts: events of different articles that report the same act, folded (docs/exports.md)."""
    count = Diplowatch(db).export_clusters(out, fmt, min_articles=min_articles, as_of=as_of)
    if out:
        Console(stderr=True).print(f"wrote {count:,} clusters to {out}")


def register(main: click.Group) -> None:
    for command in (code_cmd, run_cmd, events_cmd, clusters_cmd):
        main.add_command(command)
