"""`diplowatch ledger WATCH`: the subject's pledges, each followed to the deeds that keep or break it."""

from __future__ import annotations

import json

import click
from rich.console import Console

from diplowatch.app import Diplowatch
from diplowatch.cli.options import day_of, db_option, out_option, quiet_option
from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.errors import DiplowatchError
from diplowatch.store.watch import count_sentences


def prepared_watch(app: Diplowatch, name_or_file: str):
    """The watch, run over the coded sentences if they changed since its last run."""
    watch = app.load_watch(name_or_file)
    app.require_db()
    with app.connect() as con:
        if count_sentences(con) == 0:
            db = app.settings.db
            raise DiplowatchError(
                f"{db}: no coded sentences yet (run `diplowatch run FILES --db {db}` first)"
            )
    app.run_watch(watch)
    return watch


@click.command("ledger")
@click.argument("watch", required=False, default=DEFAULT_WATCH)
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table prints each pledge with its timeline; json writes the entries.")  # fmt: skip
@click.option("--as-of", default=None, help="The day the ledger is read on (default: the latest evidence).")
@click.option("--brief", is_flag=True, help="One block per pledge, without its timeline.")
@out_option
@quiet_option
def ledger_cmd(
    watch: str, db: str, fmt: str, as_of: str | None, brief: bool, out: str | None, quiet: bool
) -> None:
    """The pledges of WATCH's subject on the Obameter's scale, with evidence and a reason for each step."""
    from diplowatch.ledger import ledger_for
    from diplowatch.ledger.render import render_ledger

    as_of = day_of("--as-of", as_of)
    app = Diplowatch(db, progress=not quiet)
    definition = prepared_watch(app, watch)
    with app.connect() as con:
        entries = ledger_for(con, definition, as_of)
    if fmt == "json":
        text = json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2)
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
            click.echo(f"{len(entries)} ledger entries written to {out}", err=True)
        else:
            click.echo(text)
        return
    console = Console(file=open(out, "w", encoding="utf-8") if out else None)
    render_ledger(entries, console, steps=not brief)


def register(main: click.Group) -> None:
    """Add this module's commands to the main group."""
    main.add_command(ledger_cmd)


def print_changes(app: Diplowatch, watch, since: str | None, fmt: str, out: str | None) -> None:
    """`watch NAME --changes-since DATE`: the changes as lines (table) or JSON lines (any other format)."""
    from diplowatch.ledger import changes_since
    from diplowatch.ledger.render import render_changes

    with app.connect() as con:
        changes = changes_since(con, watch, since)
    if fmt == "table":
        render_changes(changes, Console(file=open(out, "w", encoding="utf-8") if out else None))
        return
    lines = "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in changes)
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(lines)
        click.echo(f"{len(changes)} changes written to {out}", err=True)
    else:
        click.echo(lines, nl=False)
