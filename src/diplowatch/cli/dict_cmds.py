"""Commands of the actors stage: check a user dictionary, import PETRARCH dictionaries, try the resolver."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from diplowatch.cli.options import out_option
from diplowatch.core.output import write_text_atomic


def register(main: click.Group) -> None:
    """Add this module's commands to the main group."""
    main.add_command(dict_group)


@click.group("dict")
def dict_group() -> None:
    """Actor dictionaries: check user YAML, import PETRARCH files, look up actors in text."""


@dict_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check(files: tuple[str, ...]) -> None:
    """Validate user dictionary FILES; errors name the file and line."""
    from diplowatch.actors.dictionary import bundled_country_codes, read_file

    known = bundled_country_codes()
    failed = False
    for path in files:
        data, errors = read_file(Path(path), known)
        for error in errors:
            click.echo(error, err=True)
        if errors:
            failed = True
            continue
        sector_words = sum(len(w) for spec in data["sectors"].values() for w in spec.values())
        click.echo(
            f"ok: {path}: {len(data['countries'])} countries, {len(data['igos'])} igos, "
            f"{len(data['groups'])} groups, {len(data['people'])} people, {sector_words} sector words"
        )
    if failed:
        sys.exit(1)


@dict_group.command("import-petrarch")
@click.argument("file", type=click.Path(dir_okay=False))
@out_option
def import_petrarch(file: str, out: str | None) -> None:
    """Convert a PETRARCH-format .actors.txt FILE into diplowatch YAML (people and groups with dated roles)."""
    from diplowatch.actors.dictionary import bundled_country_codes
    from diplowatch.actors.petrarch import import_file

    text, counts, warnings = import_file(Path(file), bundled_country_codes())
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if out:
        write_text_atomic(out, text)
    else:
        click.echo(text, nl=False)
    click.echo(
        f"imported {counts['people']} people, {counts['groups']} groups, {counts['igos']} igos "
        f"({counts['skipped']} country-name or code-less entries skipped)" + (f" → {out}" if out else ""),
        err=True,
    )


@dict_group.command("find")
@click.argument("text")
@click.option("--date", "day", default=None, help="Date (YYYY-MM-DD) that chooses dated roles.")
@click.option(
    "--dict",
    "extra",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="User dictionary YAML (repeatable).",
)
def find(text: str, day: str | None, extra: tuple[str, ...]) -> None:
    """Show the actors the resolver finds in TEXT (read standard input when TEXT is "-")."""
    from rich.console import Console
    from rich.table import Table

    from diplowatch.actors import ActorResolver, load_dictionaries
    from diplowatch.nlp.sentences import split_sentences

    if text == "-":
        text = sys.stdin.read()
    resolver = ActorResolver(load_dictionaries(extra=[Path(p) for p in extra]))
    sentences = split_sentences(text)
    table = Table("sent", "text", "kind", "code", "country", "sector", "name", "group", "conf")
    for m in resolver.find_in_article(text, sentences, day):
        a = m.actor
        table.add_row(
            str(m.sentence_index),
            a.text,
            m.kind,
            a.code or "",
            a.country or "",
            a.sector or "",
            a.name or "",
            a.group or "",
            f"{m.confidence:.2f}",
        )
    Console().print(table)
