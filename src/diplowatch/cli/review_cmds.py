"""`diplowatch review`: mark an event, an evidence row, a stance or a ledger step right or wrong, list reviews, export
them as gold lines the real-news scorer reads."""

from __future__ import annotations

import getpass

import click
from rich.console import Console

from diplowatch.app import Diplowatch
from diplowatch.cli.options import db_option, format_option, out_option
from diplowatch.core.vocabulary import DEFAULT_WATCH


def _reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "analyst"


def _verdict_options(command):
    for option in reversed(
        [
            click.option("--right", "verdict", flag_value="right", help="The machine's row is right."),
            click.option("--wrong", "verdict", flag_value="wrong", help="The machine's row is wrong."),
            click.option(
                "--correct", default=None, help="With --wrong: the right value ('none': no such row)."
            ),
            click.option("--reason", default=None, help="Why (kept with the review)."),
            click.option("--reviewer", default=None, help="Who reviews (default: your login name)."),
            db_option,
        ]
    ):
        command = option(command)
    return command


def _done(stored: bool) -> None:
    Console(stderr=True).print("review stored" if stored else "same as the review in force: nothing stored")


def _store(db, kind: str, verdict: str | None, reviewer: str | None, **row) -> None:
    """Store one review of the `kind` row that `row` names (and say whether anything changed)."""
    if verdict is None:
        raise click.UsageError("say --right or --wrong")
    _done(Diplowatch(db).review(kind, verdict, reviewer=reviewer or _reviewer(), **row))


@click.group("review")
def review_group() -> None:
    """Review the machine's rows: the scorecard then shows the analyst's value (marked reviewed)."""


@review_group.command("evidence")
@click.argument("doc_id")
@click.argument("sentence", type=click.IntRange(0))
@click.option("--condition", required=True, help="The condition id of the evidence row.")
@click.option("--watch", default=DEFAULT_WATCH, show_default=True, help="The watch.")
@_verdict_options
def review_evidence(doc_id, sentence, condition, watch, verdict, correct, reason, reviewer, db):
    """Mark the evidence row of article DOC_ID, sentence SENTENCE (from 0) for --condition right or wrong
    (--correct -1, 0, 1 or none)."""
    _store(db, "evidence", verdict, reviewer, doc_id=doc_id, sentence_index=sentence, subject=condition,
           watch=watch, correct=correct, reason=reason)  # fmt: skip


@review_group.command("stance")
@click.argument("doc_id")
@click.argument("sentence", type=click.IntRange(0))
@click.option("--observer", required=True, help="The observer's code (e.g. CHN, UN).")
@click.option("--watch", default=DEFAULT_WATCH, show_default=True, help="The watch.")
@_verdict_options
def review_stance(doc_id, sentence, observer, watch, verdict, correct, reason, reviewer, db):
    """Mark an observer's stance in article DOC_ID, sentence SENTENCE right or wrong (--correct recognize,
    engage, withhold, reject or none)."""
    _store(db, "stance", verdict, reviewer, doc_id=doc_id, sentence_index=sentence, subject=observer.upper(),
           watch=watch, correct=correct, reason=reason)  # fmt: skip


@review_group.command("ledger")
@click.argument("doc_id")
@click.argument("sentence", type=click.IntRange(0))
@click.option("--entry", "entry_id", required=True, help="The ledger entry: <condition>.<indicator>.")
@click.option("--watch", default=DEFAULT_WATCH, show_default=True, help="The watch.")
@_verdict_options
def review_ledger(doc_id, sentence, entry_id, watch, verdict, correct, reason, reviewer, db):
    """Mark the step of ledger --entry read from article DOC_ID, sentence SENTENCE right or wrong
    (--correct a status: not yet rated, in the works, stalled, kept, compromise, broken; or none)."""
    _store(db, "ledger", verdict, reviewer, doc_id=doc_id, sentence_index=sentence, subject=entry_id,
           watch=watch, correct=correct, reason=reason)  # fmt: skip


@review_group.command("event")
@click.argument("event_id")
@_verdict_options
def review_event(event_id, verdict, correct, reason, reviewer, db):
    """Mark the event EVENT_ID right or wrong (--correct TYPE|SOURCE|TARGET, e.g. 'ASSAULT|AFG|AFG', or none)."""
    _store(db, "event", verdict, reviewer, event_id=event_id, correct=correct, reason=reason)


@review_group.command("list")
@db_option
@format_option
@out_option
def review_list(db, fmt, out):
    """Every review, newest first (a key's latest review is the one in force)."""
    Diplowatch(db).export_reviews(out, fmt)


@review_group.command("export")
@db_option
@out_option
@click.option("--watch", default=None, help="Only this watch's evidence and stance reviews (events always).")
def review_export(db, out, watch):
    """Write the reviews as gold lines (the format of the real-news gold sets) that score_real.py reads."""
    count = Diplowatch(db).export_review_gold(out, watch)
    if out:
        Console(stderr=True).print(f"wrote {count:,} reviewed items to {out}")


def register(main: click.Group) -> None:
    main.add_command(review_group)
