"""Poll feeds politely: a conditional GET (ETag / Last-Modified), backoff after failures, and a
minimum interval between requests to one host. The state is kept in the `followed_feeds` table, so
a restarted `follow` still sends its validators and still honours a backoff.

The download itself is ingest's (`ingest.web.fetch`: timeout, size cap, redirect cap, safe schemes).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import duckdb

from diplowatch.ingest.options import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from diplowatch.ingest.raw import Skip
from diplowatch.ingest.web import Fetched, NotModified, fetch

MAX_BACKOFF = 24 * 3600.0


@dataclass
class PollResult:
    url: str
    status: str  # new | unchanged | failed | waiting (backing off)
    fetched: Fetched | None = None
    problem: str | None = None


class FeedPoller:
    """One feed at a time, with `host_interval` seconds at least between two requests to one host and,
    after n failures in a row, no new try for `backoff` * 2**(n-1) seconds (at most a day)."""

    def __init__(
        self,
        backoff: float = 60.0,
        host_interval: float = 1.0,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        allow_private: bool = False,
    ):
        self.backoff = backoff
        self.host_interval = host_interval
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.clock = clock
        self.sleep = sleep
        self.allow_private = (
            allow_private  # feeds on this machine or the LAN (refused by default, like ingest)
        )
        self._last_request: dict[str, float] = {}

    def poll(self, con: duckdb.DuckDBPyConnection, url: str) -> PollResult:
        etag, modified, failures, next_poll = self._state(con, url)
        now = self.clock()
        if next_poll is not None and now < next_poll:
            return PollResult(url, "waiting", problem=f"backing off after {failures} failure(s)")
        self._wait_for_host(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            fetched = fetch(
                url, self.timeout, self.max_bytes, allow_private=self.allow_private, headers=headers
            )
        except NotModified:
            self._save(con, url, etag, modified, 0, None, "304")
            return PollResult(url, "unchanged")
        except Skip as exc:
            failures += 1
            wait = min(self.backoff * 2 ** (failures - 1), MAX_BACKOFF)
            self._save(con, url, etag, modified, failures, self.clock() + wait, exc.problem)
            return PollResult(url, "failed", problem=exc.problem)
        finally:
            self._last_request[_host(url)] = self.clock()
        got = {k.lower(): v for k, v in (fetched.headers or {}).items()}
        self._save(con, url, got.get("etag"), got.get("last-modified"), 0, None, "200")
        return PollResult(url, "new", fetched)

    def _wait_for_host(self, url: str) -> None:
        last = self._last_request.get(_host(url))
        if last is not None:
            pause = last + self.host_interval - self.clock()
            if pause > 0:
                self.sleep(pause)

    def _state(self, con, url: str) -> tuple[str | None, str | None, int, float | None]:
        rows = con.execute(
            "SELECT etag, last_modified, failures, next_poll FROM followed_feeds WHERE url = ?", [url]
        ).fetchall()
        if not rows:
            return None, None, 0, None
        etag, modified, failures, next_poll = rows[0]
        when = next_poll.replace(tzinfo=dt.UTC).timestamp() if next_poll is not None else None
        return etag, modified, failures or 0, when

    def _save(self, con, url, etag, modified, failures: int, next_poll: float | None, status: str) -> None:
        when = dt.datetime.fromtimestamp(next_poll, dt.UTC).replace(tzinfo=None) if next_poll else None
        now = dt.datetime.fromtimestamp(self.clock(), dt.UTC).replace(tzinfo=None)
        con.execute(
            "INSERT OR REPLACE INTO followed_feeds (url, etag, last_modified, failures, next_poll, last_status, "
            "polled_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [url, etag, modified, failures, when, status, now],
        )


def _host(url: str) -> str:
    return (urlparse(url).hostname or "").lower()
