"""`diplowatch code`, `run` (ingest + code) and `events` (export)."""

from __future__ import annotations

import click
from rich.console import Console

from diplowatch.app import Diplowatch
from diplowatch.cli.ingest_cmds import ingest_into
from diplowatch.cli.options import db_option, format_option, out_option, quiet_option
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
            f"in {summary.seconds:.1f}s ({rate:,.0f} words/s, {summary.workers} worker(s))"
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
@click.argument("sources", nargs=-1, required=True)
@db_option
@workers_option
@cluster_option
@dict_option
@model_option
@click.option("--strict", is_flag=True, help="Exit non-zero when any input was skipped.")
@quiet_option
def run_cmd(sources, db, workers, cluster, dict_paths, model, strict, quiet):
    """Ingest SOURCES (files, folders, URLs, feeds, -) and code them: `ingest` then `code`."""
    app = Diplowatch(
        db, workers=workers, cluster=cluster, dict_paths=dict_paths, model=model, progress=not quiet
    )
    ingest_into(app, sources, strict)
    _code(app, recode=False)


@click.command("events")
@db_option
@format_option
@out_option
@click.option("--since", help="First date (YYYY-MM-DD).")
@click.option("--until", help="Last date (YYYY-MM-DD).")
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
    default=None,
    help="Only events at least this confident (0-1; see docs/events.md for what a confidence means).",
)
def events_cmd(db, fmt, out, since, until, actor, event_type, include_flagged, min_confidence):
    """Export coded events (negated and hypothetical ones are left out unless --include-flagged)."""
    filters = {"since": since, "until": until, "actor": actor, "types": event_type,
               "include_flagged": include_flagged, "min_confidence": min_confidence}  # fmt: skip
    count = Diplowatch(db).export_events(out, fmt, **filters)
    if out:
        Console(stderr=True).print(f"wrote {count:,} events to {out}")


def register(main: click.Group) -> None:
    for command in (code_cmd, run_cmd, events_cmd):
        main.add_command(command)
