"""`diplowatch watch NAME_OR_FILE`, `watch list`, `watch new NAME`, `watch check FILE`.

`watch` is a group that also runs a watch: when its first word is not a subcommand, the words go to
the hidden `run` command, so `diplowatch watch afghanistan-recognition --by quarter` and
`diplowatch watch new my-watch` both work.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path

import click
from rich.console import Console

from diplowatch.app import Diplowatch
from diplowatch.cli.options import day_of, db_option, not_empty, out_option, quiet_option
from diplowatch.core.output import atomic_open
from diplowatch.errors import DiplowatchError
from diplowatch.store.watch import count_sentences

RUN = "run"


class WatchGroup(click.Group):
    """A group whose bare argument is a watch to run (see the module docstring)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-")), None)
        wants_help = any(a in ("-h", "--help") for a in args)
        if first is not None and first not in self.commands and not (wants_help and args[0].startswith("-")):
            args = [RUN, *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in super().list_commands(ctx) if name != RUN]


@click.group(cls=WatchGroup, invoke_without_command=True, name="watch")
@click.pass_context
def watch_group(ctx: click.Context) -> None:
    """Judge a government's conduct against a watch's conditions, and observers' stances.

    \b
    diplowatch watch afghanistan-recognition [--by month|quarter|year] [--since D --until D]
    diplowatch watch list | new NAME | check FILE
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@watch_group.command(name=RUN, hidden=True)
@click.argument("name_or_file", callback=not_empty)
@db_option
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True)
@click.option("--since", default=None, help="First day (YYYY-MM-DD) shown.")
@click.option("--until", default=None, help="Last day (YYYY-MM-DD) shown.")
@quiet_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv", "parquet"]),
    default="table",
    show_default=True,
    help="table prints the scorecard, json writes it as JSON; jsonl, csv and parquet export --what rows.",
)
@click.option("--what", type=click.Choice(["evidence", "stances"]), default="evidence", show_default=True)
@out_option
@click.option(
    "--full",
    "--rerun",
    "full",
    is_flag=True,
    help="Rebuild from every coded sentence (a run otherwise judges only articles coded since the last one).",
)
@click.option("--changes-since", "changes_since", default=None, metavar="DATE",
              help="List new breaches, ledger status changes and stance shifts dated on or after DATE.")  # fmt: skip
def run_cmd(name_or_file, db, by, since, until, quiet, fmt, what, out, full, changes_since) -> None:
    """Run NAME_OR_FILE over the coded sentences and print its scorecard (or export its rows)."""
    from diplowatch.watch.render import render_scorecard

    since, until = day_of("--since", since), day_of("--until", until)
    app = Diplowatch(db, progress=not quiet)
    watch = app.load_watch(name_or_file)
    app.require_db()
    with app.connect() as con:
        if count_sentences(con) == 0:
            raise DiplowatchError(
                f"{db}: no coded sentences yet (run `diplowatch run FILES --db {db}` first)"
            )
    counts = app.run_watch(watch, force=full)
    if changes_since is not None:
        from diplowatch.cli.ledger_cmds import print_changes

        print_changes(app, watch, day_of("--changes-since", changes_since), fmt, out)
        return
    if fmt == "json":
        card = app.scorecard(watch, by=by, since=since, until=until)
        text = json.dumps(card, ensure_ascii=False, indent=2) + "\n"
        if out:
            Path(out).write_text(text, encoding="utf-8")
            click.echo(f"scorecard written to {out}", err=True)
        else:
            click.echo(text, nl=False)
        return
    if fmt != "table":
        n = app.export_watch_rows(watch, what, out, fmt, since, until)
        if out:
            click.echo(f"{n} {what} rows written to {out}", err=True)
        return
    if counts["evidence"] == 0 and counts["stances"] == 0:
        checked = f" in {counts['sentences']} sentences" if counts["sentences"] else ""
        click.echo(
            f"watch {watch.name}: no evidence and no stances yet{checked} (add articles about the subject)"
        )
        return
    card = app.scorecard(watch, by=by, since=since, until=until)
    with atomic_open(out) if out else nullcontext(None) as handle:
        console = Console(file=handle)
        if not quiet:
            if counts["skipped"]:
                how = "nothing new since the last run"
            elif counts.get("full"):
                how = f"rebuilt from {counts.get('articles', 0):,} articles"
            else:
                how = f"{counts.get('articles', 0):,} new or recoded articles judged"
            console.print(
                f"[dim]{counts['evidence']} evidence rows, {counts['stances']} stances ({how})[/dim]"
            )
        render_scorecard(card, console)


@watch_group.command(name="list")
def list_cmd() -> None:
    """The bundled watches."""
    from diplowatch.watch import list_watches, load_watch

    for name in list_watches():
        watch = load_watch(name)
        click.echo(f"{name}\t{watch.title}")


@watch_group.command(name="check")
@click.argument("file", type=click.Path(dir_okay=False))
def check_cmd(file: str) -> None:
    """Validate a watch file; errors name the line."""
    from diplowatch.watch import load_watch

    if not Path(file).exists():
        raise DiplowatchError(f"{file}: no such file")
    watch = load_watch(file)
    n = sum(len(c.indicators) for c in watch.conditions)
    click.echo(
        f"{file}: ok — watch {watch.name}: {len(watch.conditions)} conditions, {n} indicators, "
        f"{len(watch.observers)} observers"
    )


@watch_group.command(name="new")
@click.argument("name", callback=not_empty)
@click.option(
    "--out", "-o", type=click.Path(dir_okay=False), default=None, help="File to write (default NAME.yaml)."
)
def new_cmd(name: str, out: str | None) -> None:
    """Write a commented template NAME.yaml to start a new watch."""
    from diplowatch.watch.template import template

    target = Path(out or f"{name}.yaml")
    if target.exists():
        raise DiplowatchError(f"{target}: already exists (choose another name or --out)")
    target.write_text(template(name), encoding="utf-8")
    click.echo(f"wrote {target}: edit it, then `diplowatch watch check {target}`")


def register(main: click.Group) -> None:
    """Add this module's commands to the main group."""
    main.add_command(watch_group)
