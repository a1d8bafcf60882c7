"""One `follow` cycle: poll the feeds, ingest and code what is new, re-run the watches, and post each
change not seen before to the webhook.

Changes are recognised by their stable key (ledger.changes) in the `alerts` table, so each is posted
once; one the webhook did not take is posted again on the next cycle. The first time a watch is
followed in a database, the changes already there are recorded without being posted: `follow` alerts
to what happens while it follows, not to the whole history.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import duckdb

from diplowatch.alerts.poller import FeedPoller, PollResult
from diplowatch.alerts.webhook import WebhookError, post_json
from diplowatch.app import Diplowatch
from diplowatch.ingest.options import IngestOptions
from diplowatch.ledger import Change, changes_since
from diplowatch.store import connect


@dataclass
class CycleSummary:
    cycle: int
    polls: list[PollResult] = field(default_factory=list)
    articles: int = 0
    changes: list[Change] = field(default_factory=list)  # new this cycle
    posted: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        counts: dict[str, int] = {}
        for p in self.polls:
            counts[p.status] = counts.get(p.status, 0) + 1
        feeds = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no feeds"
        posted = f", {self.posted} posted" if self.posted else ""
        return f"cycle {self.cycle}: feeds {feeds}; {self.articles} new articles; {len(self.changes)} new changes{posted}"


class Follower:
    """Follows feeds for some watches in one database (see the module docstring)."""

    def __init__(
        self,
        app: Diplowatch,
        feeds: Sequence[str],
        watches: Sequence[str],
        webhook: str | None = None,
        poller: FeedPoller | None = None,
        post: Callable[[str, dict[str, Any]], int] = post_json,
    ):
        self.app = app
        self.feeds = list(dict.fromkeys(feeds))
        self.watches = [app.load_watch(w) for w in watches]
        self.webhook = webhook
        self.poller = poller or FeedPoller()
        self.post = post
        self.cycles = 0

    def start(self) -> int:
        """Record the changes already in the database for watches followed here for the first time."""
        recorded = 0
        if not self._has_sentences():
            return 0
        for watch in self.watches:
            self.app.run_watch(watch)
            with self._connect() as con:
                known = con.execute("SELECT count(*) FROM alerts WHERE watch = ?", [watch.name]).fetchall()[
                    0
                ][0]
                if known:
                    continue
                for change in changes_since(con, watch):
                    recorded += self._record(con, change, posted=True)
        return recorded

    def cycle(self) -> CycleSummary:
        self.cycles += 1
        summary = CycleSummary(self.cycles)
        with self._connect() as con:
            summary.polls = [self.poller.poll(con, url) for url in self.feeds]
        summary.problems += [f"{p.url}: {p.problem}" for p in summary.polls if p.status == "failed"]
        fresh = {p.url: p.fetched for p in summary.polls if p.status == "new" and p.fetched is not None}
        if fresh:
            ingested = self.app.ingest(
                list(fresh), IngestOptions(prefetched=fresh, allow_private=self.poller.allow_private)
            )
            summary.articles = ingested.stored
            if ingested.stored:
                self.app.code()
        if self._has_sentences():
            for watch in self.watches:
                self.app.run_watch(watch)
                with self._connect() as con:
                    for change in changes_since(con, watch):
                        if self._record(con, change, posted=False):
                            summary.changes.append(change)
        summary.posted = self._post_pending(summary)
        return summary

    @contextmanager
    def _connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection that creates the database on the first cycle: `follow` is a stage that adds input."""
        con = connect(self.app.settings.db)
        try:
            yield con
        finally:
            con.close()

    def _has_sentences(self) -> bool:
        with self._connect() as con:
            return bool(con.execute("SELECT count(*) FROM sentences").fetchall()[0][0])

    def _record(self, con, change: Change, posted: bool) -> int:
        exists = con.execute(
            "SELECT 1 FROM alerts WHERE watch = ? AND key = ?", [change.watch, change.key]
        ).fetchall()
        if exists:
            return 0
        con.execute(
            "INSERT INTO alerts (watch, key, kind, date, change, posted_at) "
            f"VALUES (?, ?, ?, ?, ?, {'current_timestamp' if posted else 'NULL'})",
            [change.watch, change.key, change.kind, change.date, json.dumps(change.to_dict(), default=str)],
        )
        return 1

    def _post_pending(self, summary: CycleSummary) -> int:
        """Post every change not yet posted, oldest first; stop at the first failure (try again next cycle)."""
        if not self.webhook:
            return 0
        posted = 0
        with self._connect() as con:
            pending = con.execute(
                "SELECT watch, key, change FROM alerts WHERE posted_at IS NULL ORDER BY date, seen_at, key"
            ).fetchall()
            for watch, key, change in pending:
                try:
                    self.post(self.webhook, json.loads(change))
                except WebhookError as exc:
                    summary.problems.append(str(exc))
                    break
                con.execute(
                    "UPDATE alerts SET posted_at = current_timestamp WHERE watch = ? AND key = ?",
                    [watch, key],
                )
                posted += 1
        return posted
