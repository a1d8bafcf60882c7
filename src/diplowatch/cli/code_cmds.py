"""`diplowatch code`, `run` (ingest + code) and `events` (export)."""

from __future__ import annotations

import click
from rich.console import Console

from diplowatch.cli.options import db_option, format_option, out_option, quiet_option
from diplowatch.records import PLOVER_TYPES

workers_option = click.option(
    "--workers", "-w", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes."
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


def _code(db: str, workers: int, recode: bool, quiet: bool, dict_paths, model) -> None:
    from diplowatch.engine import code_database
    from diplowatch.store import connect

    console = Console(stderr=True)
    con = connect(db)
    try:
        summary = code_database(
            con, workers=workers, recode=recode, progress=not quiet, dict_paths=dict_paths, model=model
        )
    finally:
        con.close()
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
@click.option("--recode", is_flag=True, help="Code every article again (after a dictionary change).")
@dict_option
@model_option
@quiet_option
def code_cmd(db, workers, recode, dict_paths, model, quiet):
    """Code every stored article not yet coded into PLOVER events."""
    _code(db, workers, recode, quiet, dict_paths, model)


@click.command("run")
@click.argument("sources", nargs=-1, required=True)
@db_option
@workers_option
@dict_option
@model_option
@click.option("--strict", is_flag=True, help="Exit non-zero when any input was skipped.")
@quiet_option
@click.pass_context
def run_cmd(ctx, sources, db, workers, dict_paths, model, strict, quiet):
    """Ingest SOURCES (files, folders, URLs, feeds, -) and code them: `ingest` then `code`."""
    ingest = ctx.find_root().command.get_command(ctx, "ingest")
    try:
        ctx.invoke(ingest, sources=sources, db=db, quiet=quiet, strict=strict)
    except SystemExit as exc:  # ingest reports its own outcome; go on unless it failed hard
        if exc.code not in (0, None):
            raise
    _code(db, workers, False, quiet, dict_paths, model)


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
def events_cmd(db, fmt, out, since, until, actor, event_type, include_flagged):
    """Export coded events (negated and hypothetical ones are left out unless --include-flagged)."""
    from diplowatch.store import connect
    from diplowatch.store.events import events_relation
    from diplowatch.store.export import export_relation

    con = connect(db)
    try:
        rel = events_relation(con, since, until, actor, event_type, include_flagged)
        if fmt == "table":
            rel = rel.project(
                "CAST(date AS VARCHAR) AS date, type, source.code AS source, target.code AS target, "
                "round(intensity, 1) AS intensity, rule, sentence"
            )
        count = export_relation(rel, fmt, out, title="events")
    finally:
        con.close()
    if out:
        Console(stderr=True).print(f"wrote {count:,} events to {out}")


def register(main: click.Group) -> None:
    for command in (code_cmd, run_cmd, events_cmd):
        main.add_command(command)
