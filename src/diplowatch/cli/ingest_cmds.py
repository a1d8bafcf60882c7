"""Commands of the ingest stage: `ingest`, `articles` and `stats`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from diplowatch.app import Diplowatch
from diplowatch.cli.options import (
    db_option,
    finite,
    format_option,
    not_empty,
    out_option,
    quiet_option,
    since_option,
    until_option,
)
from diplowatch.errors import DiplowatchError

if TYPE_CHECKING:
    from diplowatch.ingest.options import IngestOptions


def _positive_bytes(ctx, param, value: int) -> int:
    if value <= 0:
        raise click.BadParameter("must be a positive number of bytes")
    return value


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH_OR_URL...", callback=not_empty)
@db_option
@quiet_option
@click.option("--strict", is_flag=True, help="Exit non-zero when any input or record was skipped.")
@click.option(
    "--max-bytes",
    type=int,
    default=20 * 1024 * 1024,
    show_default=True,
    callback=_positive_bytes,
    help="Skip files and downloads larger than this.",
)
@click.option(
    "--near-dup-threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    callback=finite,
    default=0.8,
    show_default=True,
    help="Estimated Jaccard similarity (word 3-shingles) at which an article is folded into an earlier one.",
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=COLUMN",
    help="Read field NAME (id, text, date, title, url, outlet) from COLUMN of JSON/CSV input. Repeatable.",
)
@click.option(
    "--boilerplate",
    "boilerplate",
    multiple=True,
    metavar="REGEX",
    help="Also drop lines matching REGEX (case-insensitive), besides the built-in teaser patterns. Repeatable.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 600),
    default=20.0,
    show_default=True,
    callback=finite,
    help="Seconds to wait for a URL (a whole download may take three times this).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Also fetch URLs on loopback, private and link-local addresses (refused by default).",
)
def ingest(
    sources, db, quiet, strict, max_bytes, near_dup_threshold, fields, boilerplate, timeout, allow_private
):
    """Read articles from files, folders, URLs, feeds or `-` (stdin) into the database.

    \b
    Files: .txt .md (YAML front matter: date, title, source_url), .html, .json/.jsonl/.csv/.tsv
    (fields id, text, date, title, url, outlet), .rss/.atom/.xml feeds. Folders are walked
    recursively (hidden files and README/LICENSE files are left out). Text must be UTF-8
    (or UTF-16 with a byte-order mark); other encodings are skipped as "not UTF-8 text".
    Articles are cleaned (teaser lines, repeated paragraphs), exact and near duplicates are
    folded into one canonical article, and non-English ones are stored but not coded.
    Running it again adds only what is new; an interrupted run is completed by running it again.
    """
    from diplowatch.clean.boilerplate import compile_user_patterns
    from diplowatch.ingest.options import IngestOptions, parse_field_map

    options = IngestOptions(
        max_bytes=max_bytes,
        near_dup_threshold=near_dup_threshold,
        fields=parse_field_map(fields),
        boilerplate=compile_user_patterns(boilerplate),
        timeout=timeout,
        allow_private=allow_private,
    )
    ingest_into(Diplowatch(db, progress=not quiet), sources, strict, options)


def ingest_into(app: Diplowatch, sources, strict: bool, options: IngestOptions | None = None) -> None:
    """Ingest and say what happened; `run` calls it too. Exits 1 when nothing could be read (or --strict)."""
    from diplowatch.ingest.options import IngestOptions

    options = options or IngestOptions()
    options.on_issue = lambda issue: click.echo(str(issue), err=True)
    summary = app.ingest(list(sources), options)
    click.echo(summary.line())
    if not summary.anything_read:
        raise DiplowatchError("nothing could be read from the given inputs")
    if strict and summary.skipped:
        click.echo(f"error: --strict: {summary.skipped:,} inputs or records were skipped", err=True)
        sys.exit(1)


@click.command()
@db_option
@format_option
@out_option
@since_option("Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@until_option("Only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--outlet", metavar="NAME", help="Only articles from this outlet (case-insensitive).")
@click.option("--language", metavar="CODE", help="Only articles in this language (ISO 639-1, e.g. en).")
@click.option(
    "--include-duplicates", is_flag=True, help="Also list the copies folded into canonical articles."
)
def articles(db, fmt, out, since, until, outlet, language, include_duplicates):
    """Export stored articles as a table, CSV, JSON Lines or Parquet."""
    from diplowatch.store import connect
    from diplowatch.store.article_queries import articles_relation
    from diplowatch.store.export import export_relation

    con = connect(db, read_only=True)
    try:
        rel = articles_relation(con, since, until, outlet, language, include_duplicates)
        count = export_relation(
            rel,
            fmt,
            out,
            title="articles",
            table_columns=["id", "published", "outlet", "language", "n_outlets", "title"],
        )
    finally:
        con.close()
    if out:
        click.echo(f"wrote {count:,} articles to {out}", err=True)


@click.command()
@db_option
def stats(db):
    """What the database holds: articles, duplicates, languages, dates, outlets and sources."""
    from rich.console import Console

    from diplowatch.store import connect
    from diplowatch.store.article_queries import article_stats

    con = connect(db, read_only=True)
    try:
        found = article_stats(con)
    finally:
        con.close()
    render_stats(found, Console())


def register(main: click.Group) -> None:
    """Add this module's commands to the main group."""
    for command in (ingest, articles, stats):
        main.add_command(command)


def render_stats(found: dict, console) -> None:
    """`stats` as a few short rich tables."""
    from rich.table import Table

    overview = Table(title="articles", show_header=False)
    overview.add_column(style="bold")
    overview.add_column(justify="right")
    overview.add_row("canonical articles", f"{found['articles']:,}")
    overview.add_row("exact duplicates folded", f"{found['exact_duplicates']:,}")
    overview.add_row("near duplicates folded", f"{found['near_duplicates']:,}")
    overview.add_row("carried by several outlets", f"{found['multi_outlet']:,}")
    overview.add_row("not in English (not coded)", f"{found['non_english']:,}")
    overview.add_row("date range", f"{found['first_date'] or '-'} to {found['last_date'] or '-'}")
    overview.add_row("without a date", f"{found['undated']:,}")
    overview.add_row("outlets", f"{found['n_outlets']:,}")
    for kind, count, n_articles in found["sources"]:
        overview.add_row(f"sources: {kind}", f"{count:,} ({n_articles or 0:,} articles)")
    console.print(overview)
    languages = Table(title="languages")
    languages.add_column("language")
    languages.add_column("articles", justify="right")
    for code, count in found["languages"]:
        languages.add_row(code, f"{count:,}")
    console.print(languages)
    outlets = Table(title=f"top {len(found['outlets'])} outlets")
    outlets.add_column("outlet")
    outlets.add_column("canonical", justify="right")
    outlets.add_column("with copies", justify="right")
    for name, canonical, total in found["outlets"]:
        outlets.add_row(name, f"{canonical:,}", f"{total:,}")
    console.print(outlets)
