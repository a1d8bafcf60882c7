"""URLs against a local HTTP server: a page and a feed are ingested; a timeout and other schemes are one line."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from diplowatch.cli import main
from diplowatch.store import connect

PARAGRAPHS = [
    "DOHA — Senior US officials met a Taliban delegation in Doha on Saturday, the first face-to-face "
    "talks since the withdrawal of American troops from Afghanistan at the end of August.",
    "The State Department said the US side pressed for safe passage for foreigners and Afghans who "
    "worked with Washington, and for the rights of women and girls, including access to education.",
    "A Taliban spokesman said the talks went well and that the movement had asked for the release "
    "of Afghan central bank reserves frozen abroad; US officials said talks were not recognition.",
]
PAGE = (
    "<html><head><title>US and Taliban meet in Doha | Capital Brief</title>"
    '<meta property="og:title" content="US and Taliban hold first talks since withdrawal">'
    '<meta property="article:published_time" content="2021-10-10T08:00:00Z"></head><body>'
    "<nav>Home World Politics</nav><div class='banner'>We use cookies. Manage settings</div>"
    "<article><h1>US and Taliban hold first talks since withdrawal</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Privacy policy</footer></body></html>"
)
FEED = (
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Frontier Bulletin</title>'
    "<link>https://news.example.com/</link>"
    "<item><title>NATO allies call for safe passage</title><link>https://news.example.com/nato</link>"
    "<guid>https://news.example.com/nato</guid><pubDate>Fri, 20 Aug 2021 18:00:00 +0000</pubDate>"
    "<description><![CDATA[<p>NATO foreign ministers called on the Taliban on Friday to let foreigners "
    "and Afghans leave the country safely.</p>]]></description></item>"
    "<item><title>Qatar minister visits Kabul</title><link>https://news.example.com/qatar</link>"
    "<guid>https://news.example.com/qatar</guid><pubDate>Sun, 12 Sep 2021 09:00:00 +0000</pubDate>"
    "<description><![CDATA[<p>Qatar's foreign minister met the Taliban prime minister in Kabul on "
    "Sunday, the most senior foreign visitor since the takeover.</p>]]></description></item>"
    "</channel></rss>"
)

# Served as text/plain: recognised as a feed by its content, not its content type.
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>Steppe Wire</title><id>urn:steppe</id><updated>2021-10-20T10:00:00Z</updated>"
    "<entry><title>Moscow hosts Taliban delegation</title><id>urn:steppe:moscow</id>"
    '<link href="https://example.org/moscow"/><updated>2021-10-20T10:00:00Z</updated>'
    '<content type="html">&lt;p&gt;Russia hosted a Taliban delegation in Moscow on Wednesday for regional '
    "talks on Afghanistan with China, Pakistan, Iran and India.&lt;/p&gt;</content></entry></feed>"
)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        routes = {
            "/doha.html": ("text/html; charset=utf-8", PAGE),
            "/feed": ("application/rss+xml", FEED),
            "/atom": ("text/plain; charset=utf-8", ATOM),
        }
        if self.path == "/slow":
            time.sleep(3)
        if self.path in routes:
            ctype, body = routes[self.path]
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_page_and_feed_are_ingested_and_failures_are_one_line(server, db_path):
    refused = f"http://127.0.0.1:{_closed_port()}/x"
    urls = [
        f"{server}/doha.html",
        f"{server}/feed",
        f"{server}/atom",
        f"{server}/slow",
        f"{server}/missing",
        f"{server}/loop",
    ]
    args = ["ingest", *urls, refused, "ftp://example.org/a.txt", "file:///etc/hostname"]
    # The test server is on loopback, which ingest refuses unless told (tests/fuzz covers the refusal).
    options = ["--db", str(db_path), "--timeout", "1", "--allow-private"]
    result = CliRunner().invoke(main, [*args, *options], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert f"skipped {server}/slow: timed out after 1s" in lines
    assert f"skipped {server}/missing: HTTP 404 Not Found" in lines
    assert f"skipped {server}/loop: more than 5 redirects" in lines
    assert f"skipped {refused}: connection refused" in lines
    assert "skipped ftp://example.org/a.txt: ftp:// URLs are not fetched; only http and https are" in lines
    assert "skipped file:///etc/hostname: file:// URLs are not fetched; only http and https are" in lines
    assert len(lines) == 6
    assert "4 new articles" in result.stdout

    con = connect(db_path, read_only=True)
    rows = con.execute(
        "SELECT source, title, CAST(published AS VARCHAR), url, text FROM articles ORDER BY source"
    ).fetchall()
    con.close()
    page = [r for r in rows if r[0] == f"{server}/doha.html"]
    assert len(page) == 1
    _, title, published, url, text = page[0]
    assert title == "US and Taliban hold first talks since withdrawal" and published == "2021-10-10"
    assert all(p in text for p in PARAGRAPHS) and "cookies" not in text
    feed = sorted(r for r in rows if r[0].startswith(f"{server}/feed"))
    assert [(r[2], r[3]) for r in feed] == [
        ("2021-08-20", "https://news.example.com/nato"),
        ("2021-09-12", "https://news.example.com/qatar"),
    ]
    atom = [r for r in rows if r[0].startswith(f"{server}/atom")]
    assert [(r[1], r[2], r[3]) for r in atom] == [
        ("Moscow hosts Taliban delegation", "2021-10-20", "https://example.org/moscow")
    ]

    again = CliRunner().invoke(
        main, ["ingest", f"{server}/doha.html", f"{server}/feed", "--db", str(db_path), "--allow-private"]
    )
    assert again.exit_code == 0 and again.stdout.startswith("0 new articles; 3 already stored")
