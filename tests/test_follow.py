"""`diplowatch follow` against a feed and a webhook receiver served on 127.0.0.1.

The feed grows by one real sample article per poll; the webhook must receive every change the watch
shows at the end, each exactly once, and each in the cycle its article arrived.
"""

from __future__ import annotations

import html
import json
import threading
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from diplowatch.alerts import FeedPoller
from diplowatch.cli import main
from diplowatch.ledger import changes_since
from diplowatch.store import connect
from diplowatch.watch import load_watch

WATCH = "afghanistan-recognition"
ARTICLES = [  # one more per poll cycle
    "2021-09-17-boys-schools-reopen.txt",
    "2022-03-23-taliban-reverse-girls-schools.txt",
    "2023-08-22-unama-reprisals-report.txt",
]


def _item(path) -> str:
    title, published, *body = path.read_text(encoding="utf-8").split("\n")
    day = datetime.fromisoformat(published.removeprefix("Published: ").strip()).replace(hour=12, tzinfo=UTC)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body if p.strip())
    return (
        f"<item><title>{html.escape(title)}</title><guid>feed-{path.stem}</guid>"
        f"<link>https://news.example.com/{path.stem}</link><pubDate>{format_datetime(day)}</pubDate>"
        f"<description>{html.escape(paragraphs)}</description></item>"
    )


def _feed(items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test wire</title>'
        f"<link>https://news.example.com/</link>{''.join(items)}</channel></rss>"
    ).encode()


class _Feed:
    """Serves version n of the feed to the n-th GET (the last version after that), with an ETag."""

    def __init__(self, versions: list[bytes]):
        self.versions = versions
        self.requests: list[dict[str, str]] = []

    def handler(self):
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                feed.requests.append(dict(self.headers))
                body = feed.versions[min(len(feed.requests), len(feed.versions)) - 1]
                etag = f'"v{feed.versions.index(body) + 1}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


class _Webhook:
    def __init__(self, feed: _Feed):
        self.posts: list[tuple[int, dict]] = []  # (feed polls so far, change)
        self.feed = feed

    def handler(self):
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.posts.append((len(hook.feed.requests), json.loads(body)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


def _serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.mark.slow
def test_follow_posts_each_new_change_once(tmp_path, sample_dir):
    items = [_item(sample_dir / name) for name in ARTICLES]
    feed = _Feed([_feed(items[: n + 1]) for n in range(len(items))])
    hook = _Webhook(feed)
    feed_server, feed_url = _serve(feed.handler())
    hook_server, hook_url = _serve(hook.handler())
    db = tmp_path / "follow.duckdb"
    try:
        result = CliRunner().invoke(
            main,
            ["follow", f"{feed_url}/feed.xml", "--allow-private", "--db", str(db), "--every", "0s", "--cycles", "3",
             "--watch", WATCH, "--webhook", f"{hook_url}/hook", "--host-interval", "0s", "--quiet"],
        )  # fmt: skip
    finally:
        feed_server.shutdown()
        hook_server.shutdown()
    assert result.exit_code == 0, result.output
    assert result.output.count("cycle ") == 3

    # Conditional GETs: each poll after the first sends the ETag it was given.
    assert len(feed.requests) == 3
    assert "If-None-Match" not in feed.requests[0]
    assert [r.get("If-None-Match") for r in feed.requests[1:]] == ['"v1"', '"v2"']

    con = connect(db)
    try:
        every = changes_since(con, load_watch(WATCH))
        stored = con.execute("SELECT count(*) FROM alerts WHERE posted_at IS NULL").fetchall()[0][0]
    finally:
        con.close()
    keys = [change["key"] for _, change in hook.posts]
    assert len(keys) == len(set(keys)), "a change was posted twice"
    assert set(keys) == {c.key for c in every}, "the webhook missed changes or got ones that are not"
    assert stored == 0

    # Each change came in the cycle its article arrived: its article was in the feed by then.
    for polls, change in hook.posts:
        if change["doc_id"]:
            served = ARTICLES[:polls]
            assert any(change["doc_id"].endswith(name.rsplit(".", 1)[0]) for name in served), change
    per_cycle = {polls for polls, _ in hook.posts}
    assert per_cycle == {1, 2, 3}, "every cycle brought a new article, so every cycle had new changes"
    girls = [c for polls, c in hook.posts if polls == 2 and c["kind"] == "ledger" and c["status"] == "broken"]
    assert girls, "the girls' schools pledge of cycle 1 is broken by the article of cycle 2"


def test_poller_sends_validators_and_backs_off(tmp_path):
    feed = _Feed([_feed(["<item><title>t</title><description>The Taliban met envoys.</description></item>"])])
    server, url = _serve(feed.handler())
    now = [1_000_000.0]
    poller = FeedPoller(
        backoff=60, host_interval=0, timeout=5, clock=lambda: now[0], sleep=lambda s: None, allow_private=True
    )
    con = connect(tmp_path / "poll.duckdb")
    try:
        assert poller.poll(con, f"{url}/feed.xml").status == "new"
        assert poller.poll(con, f"{url}/feed.xml").status == "unchanged"  # 304 to If-None-Match
        server.shutdown()
        server.server_close()
        assert poller.poll(con, f"{url}/feed.xml").status == "failed"
        assert poller.poll(con, f"{url}/feed.xml").status == "waiting"  # backing off for 60 s
        now[0] += 61
        assert poller.poll(con, f"{url}/feed.xml").status == "failed"
        now[0] += 61  # the second failure doubled the wait to 120 s
        assert poller.poll(con, f"{url}/feed.xml").status == "waiting"
        failures = con.execute("SELECT failures FROM followed_feeds").fetchall()[0][0]
        assert failures == 2
    finally:
        con.close()
    assert len(feed.requests) == 2


def test_per_host_interval_spaces_requests():
    waits: list[float] = []
    now = [0.0]
    poller = FeedPoller(host_interval=5, clock=lambda: now[0], sleep=waits.append)
    poller._last_request["news.example.com"] = 0.0
    now[0] = 2.0
    poller._wait_for_host("https://news.example.com/a.xml")
    poller._wait_for_host("https://other.example.org/b.xml")
    assert waits == [3.0]


def test_a_change_the_webhook_refused_is_posted_again_next_cycle(tmp_path):
    from diplowatch.alerts import Follower, WebhookError
    from diplowatch.alerts.follow import CycleSummary
    from diplowatch.app import Diplowatch

    db = tmp_path / "alerts.duckdb"
    con = connect(db)
    for key, day in (("k1", "2022-03-23"), ("k2", "2022-08-02")):
        con.execute(
            "INSERT INTO alerts (watch, key, kind, date, change) VALUES (?, ?, 'breach', ?, ?)",
            [WATCH, key, day, json.dumps({"key": key})],
        )
    con.close()
    answers = iter([WebhookError("webhook down"), 204, 204])
    got: list[str] = []

    def post(url, change):
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        got.append(change["key"])
        return answer

    follower = Follower(Diplowatch(db), [], [WATCH], webhook="http://127.0.0.1:9/hook", post=post)
    first = CycleSummary(1)
    assert follower._post_pending(first) == 0 and first.problems == ["webhook down"]
    assert follower._post_pending(CycleSummary(2)) == 2
    assert follower._post_pending(CycleSummary(3)) == 0
    assert got == ["k1", "k2"]


def test_follow_refuses_files_and_bad_durations_in_one_line(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "f.duckdb")
    files = runner.invoke(main, ["follow", "feed.xml", "--db", db])
    assert files.exit_code == 1 and "feed.xml: follow polls http(s) feeds" in files.output
    every = runner.invoke(
        main, ["follow", "https://news.example.com/feed.xml", "--db", db, "--every", "soon"]
    )
    assert every.exit_code == 1 and "--every 'soon'" in every.output
    assert "Traceback" not in files.output + every.output
