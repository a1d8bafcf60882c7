"""`diplowatch follow FEED... --every 30m`: poll feeds, ingest, code, re-run the watches, post changes."""

from __future__ import annotations

import re
import time

import click

from diplowatch.app import Diplowatch
from diplowatch.cli.options import db_option, quiet_option
from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.errors import DiplowatchError
from diplowatch.settings import setting

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(flag: str, value: str) -> float:
    """`30m`, `1h`, `45s`, `90` (seconds) as seconds, or one clear error."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value or "")
    if not m:
        raise DiplowatchError(f"{flag} {value!r}: give a duration like 30m, 1h or 45s")
    return float(m[1]) * _UNITS[m[2] or "s"]


def _default_watches(app: Diplowatch) -> list[str]:
    """The watches that ran in this database, else the bundled default."""
    from pathlib import Path

    if Path(app.settings.db).exists():
        with app.connect() as con:
            names = [r[0] for r in con.execute("SELECT watch FROM watch_runs ORDER BY watch").fetchall()]
        if names:
            return names
    return [DEFAULT_WATCH]


@click.command("follow")
@click.argument("feeds", nargs=-1, required=True)
@db_option
@click.option("--every", default="30m", show_default=True, help="Time between poll cycles (30m, 1h, 45s).")
@click.option("--cycles", type=click.IntRange(min=1), default=None,
              help="Stop after this many cycles (default: follow until interrupted).")  # fmt: skip
@click.option("--watch", "watches", multiple=True, metavar="NAME_OR_FILE",
              help="Watch to re-run (repeatable; default: the watches that ran in this database).")  # fmt: skip
@click.option("--webhook", default=None, metavar="URL",
              help="POST each change as JSON to this URL (or set DIPLOWATCH_WEBHOOK).")  # fmt: skip
@click.option("--host-interval", default="1s", show_default=True,
              help="At least this long between two requests to one host.")  # fmt: skip
@click.option("--backoff", default="60s", show_default=True,
              help="Wait after a failed poll; doubles with each failure in a row (at most a day).")  # fmt: skip
@click.option("--allow-private", is_flag=True,
              help="Also poll feeds on loopback, private or link-local addresses (refused by default).")  # fmt: skip
@quiet_option
def follow_cmd(
    feeds, db, every, cycles, watches, webhook, host_interval, backoff, allow_private, quiet
) -> None:
    """Poll RSS/Atom FEEDS politely; ingest and code what is new; report the watches' changes."""
    from diplowatch.alerts import FeedPoller, Follower
    from diplowatch.ingest.web import is_url

    for feed in feeds:
        if not is_url(feed) or not feed.lower().startswith(("http://", "https://")):
            raise DiplowatchError(f"{feed}: follow polls http(s) feeds; read files with `diplowatch ingest`")
    pause = seconds("--every", every)
    poller = FeedPoller(
        backoff=seconds("--backoff", backoff),
        host_interval=seconds("--host-interval", host_interval),
        allow_private=allow_private,
    )
    app = Diplowatch(db, progress=not quiet)
    hook = setting("webhook", webhook)
    follower = Follower(app, list(feeds), list(watches) or _default_watches(app), webhook=hook, poller=poller)
    known = follower.start()
    if known and not quiet:
        click.echo(f"{known} changes already in {db} recorded; only new ones will be reported", err=True)
    n = 0
    while cycles is None or n < cycles:
        summary = follower.cycle()
        n += 1
        click.echo(summary.line())
        for change in summary.changes:
            click.echo(f"  {change.date or '?'} {change.kind:6} {change.summary}")
        for problem in summary.problems:
            click.echo(f"  problem: {problem}", err=True)
        if cycles is None or n < cycles:
            time.sleep(pause)


def register(main: click.Group) -> None:
    """Add this module's commands to the main group."""
    main.add_command(follow_cmd)
