"""Every reproducer of issue 16, as a test: each failed (traceback, hang or silent wrong result) before
the fix and passes after. Inputs are built here; the database is real; nothing of ours is mocked except
where a test must let one loopback address through the network rule to reach its own server."""

from __future__ import annotations

import json
import os
import stat
import time
import warnings
from http.server import BaseHTTPRequestHandler
from importlib import resources
from pathlib import Path

import duckdb
import pytest
import yaml
from harness import cli, hang_guard, http_server

from diplowatch.clean.normalize import to_paragraphs
from diplowatch.core.dates import parse_date
from diplowatch.core.periods import period_labels
from diplowatch.core.safe_yaml import YamlTooLarge, load_yaml
from diplowatch.ingest import web
from diplowatch.ingest.raw import Skip
from diplowatch.store.connection import connect

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BUNDLED = (resources.files("diplowatch") / "data" / "watches" / "afghanistan-recognition.yaml").read_text(
    "utf-8"
)
ARTICLE = (
    "Taliban officials met envoys from Qatar and Pakistan in Kabul on Tuesday to discuss aid.\n\n"
    "The United Nations said it would keep its mission in Afghanistan open for another year.\n"
)
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)


def _count(db: Path, where: str = "TRUE") -> int:
    con = connect(db, read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM articles WHERE {where}").fetchone()[0]
    finally:
        con.close()


def _ingested_db(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "2021-09-07-kabul.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "news.duckdb"
    assert cli("ingest", str(folder), "--db", str(db), "--quiet").code == 0
    return db


# -- hangs -------------------------------------------------------------------------------------------


def test_yaml_bomb_in_front_matter_is_refused_and_the_text_kept(tmp_path, db_path):
    (tmp_path / "bomb.md").write_text(f"---\n{BOMB}title: Kabul talks\n---\n\n{ARTICLE}", encoding="utf-8")
    assert len((tmp_path / "bomb.md").read_bytes()) < 1000
    result = cli("ingest", str(tmp_path / "bomb.md"), "--db", str(db_path))
    assert result.kind == "warning", result.err
    assert "front matter" in result.err and len(result.err) < 500
    assert _count(db_path) == 1


def test_billion_laughs_never_expands():
    with pytest.raises(YamlTooLarge):
        load_yaml(BOMB)
    with pytest.raises(YamlTooLarge):
        load_yaml("[" * 100 + "]" * 100)
    with pytest.raises(yaml.YAMLError):
        load_yaml("[" * 5000 + "]" * 5000)
    assert load_yaml("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.slow  # cleans a 300,000-line file
def test_text_without_blank_lines_is_cleaned_in_linear_time():
    lines = [
        f"Line {i} of a wire story that was hard-wrapped by an editor at seventy columns,"
        for i in range(300_000)
    ]
    with hang_guard(30):
        paragraphs = to_paragraphs("\n".join(lines))
    assert (
        len(paragraphs) == 1 and paragraphs[0].startswith("Line 0 of") and paragraphs[0].endswith("columns,")
    )
    assert paragraphs[0].count("Line ") == 300_000


class _Trickle(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(600):  # a byte every 0.2 s: each read is within --timeout, the whole is not
            self.wfile.write(b"a")
            self.wfile.flush()
            time.sleep(0.2)

    def log_message(self, *args):
        pass


def test_a_trickling_download_stops_at_its_deadline(db_path):
    with http_server(_Trickle) as base:
        started = time.monotonic()
        result = cli("ingest", f"{base}/story.txt", "--db", str(db_path), "--timeout", "1", "--allow-private")
        took = time.monotonic() - started
    assert result.kind == "error" and "timed out after 3s" in result.err, result.err
    assert took < 10  # the deadline is 3 x --timeout; before, the download ran for two minutes


def test_a_fifo_as_db_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "db.fifo"
    os.mkfifo(fifo)
    for args in (["events"], ["stats"], ["code"], ["ingest", str(tmp_path)]):
        result = cli(*args, "--db", str(fifo), seconds=20)
        assert result.one_line_error(), (args, result)
        assert "not a regular file" in result.err


# -- watch files ---------------------------------------------------------------------------------------


def test_yaml_bomb_in_a_watch_file_is_a_short_error(tmp_path):
    # The bomb sits where a pattern belongs: the old error message quoted it, expanded (312 MB).
    bomb = tmp_path / "bomb.yaml"
    assert "act: [" in BUNDLED
    bomb.write_text(BOMB + BUNDLED.replace("act: [", "act: [*i, ", 1), encoding="utf-8")
    result = cli("watch", "check", str(bomb))
    assert result.one_line_error() and len(result.err) < 400, result.err[:500]


@pytest.mark.parametrize(
    "name, content",
    [
        ("binary.yaml", bytes(range(256)) * 4),
        ("latin1.yaml", BUNDLED.replace("Afghanistan", "Afghanistán").encode("latin-1", "replace")),
        ("utf16.yaml", BUNDLED.encode("utf-16")),
        ("control.yaml", ("name: x\x01\x02\n" + BUNDLED).encode()),
        ("deep.yaml", ("a: " + "[" * 3000 + "]" * 3000 + "\n").encode()),
        ("deep-map.yaml", ("".join("  " * i + f"k{i}:\n" for i in range(400)) + "  " * 400 + "v\n").encode()),
    ],
)
def test_unreadable_watch_files_are_one_line_errors(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("watch", "check", str(path))
    assert result.one_line_error(), result
    assert str(path) in result.err


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            (
                "period: {start: 2021-08-15, words_from: 2020-02-29, end: null}",
                "period: {start: 2022-01-01, end: 2021-01-01}",
            ),
            "before it starts",
        ),
        (("        unless:", "        unles:"), "did you mean 'unless'?"),
        (("title: ", "titel: "), "did you mean 'title'?"),
        (
            ("name: afghanistan-recognition", "name: afghanistan-recognition\ncolour: blue"),
            "unknown key 'colour'",
        ),
        (
            (
                "period: {start: 2021-08-15, words_from: 2020-02-29, end: null}",
                "period: {start: 2021-08-15, end: 9999-12-31}",
            ),
            "outside 1800-2100",
        ),
        (
            (
                "period: {start: 2021-08-15, words_from: 2020-02-29, end: null}",
                "period: {start: soon, end: null}",
            ),
            "not a date",
        ),
    ],
)
def test_watch_check_refuses_what_it_used_to_call_ok(tmp_path, change, expected):
    old, new = change
    assert old in BUNDLED
    path = tmp_path / "mine.yaml"
    path.write_text(BUNDLED.replace(old, new, 1), encoding="utf-8")
    result = cli("watch", "check", str(path))
    assert result.one_line_error() and expected in result.err, result


def test_the_bundled_watches_still_check_ok(tmp_path):
    path = tmp_path / "afghanistan.yaml"
    path.write_text(BUNDLED, encoding="utf-8")
    assert cli("watch", "check", str(path)).kind == "accepted"


# -- databases -------------------------------------------------------------------------------------------


def test_a_corrupted_database_is_one_line_naming_it(tmp_path):
    good = _ingested_db(tmp_path)
    data = good.read_bytes()
    third = len(data) // 3
    damaged = {
        "truncated.duckdb": data[: len(data) // 2],
        "zeroed.duckdb": data[:third] + bytes(third) + data[2 * third :],
    }
    for name, content in damaged.items():
        broken = tmp_path / name
        broken.write_bytes(content)
        for args in (["stats"], ["events"], ["articles"], ["ingest", str(tmp_path / "in")]):
            result = cli(*args, "--db", str(broken))
            assert result.kind in ("error", "accepted", "warning"), (name, args, result)
            if result.kind == "error":
                assert result.one_line_error() and str(broken) in result.err, (name, args, result.err)


def test_another_programs_database_is_one_line_naming_it(tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE articles (x INTEGER, y VARCHAR)")
    con.execute("CREATE TABLE events (a INTEGER)")
    con.execute("INSERT INTO articles VALUES (1, 'not ours')")
    con.close()
    for args in (["stats"], ["events"], ["articles"], ["code"], ["ingest", str(tmp_path)]):
        result = cli(*args, "--db", str(other))
        assert result.one_line_error() and str(other) in result.err, (args, result)
    con = duckdb.connect(str(other), read_only=True)
    assert con.execute("SELECT y FROM articles").fetchall() == [("not ours",)]  # nothing lost
    con.close()


def test_read_only_commands_never_create_a_database(tmp_path):
    typo = tmp_path / "nwes.duckdb"
    for args in (
        ["events"],
        ["code"],
        ["stats"],
        ["articles"],
        ["watch", "afghanistan-recognition"],
        ["report"],
    ):
        result = (
            cli(*args, "--db", str(typo), "--out", str(tmp_path / "r.html"))
            if args == ["report"]
            else cli(*args, "--db", str(typo))
        )
        assert result.one_line_error() and "no such database" in result.err, (args, result)
        assert not typo.exists(), args


def test_a_db_name_too_long_is_one_line(tmp_path):
    result = cli("ingest", str(tmp_path), "--db", str(tmp_path / ("x" * 300 + ".duckdb")))
    assert result.one_line_error(), result
    result = cli("ingest", str(tmp_path / ("y" * 300 + ".txt")), "--db", str(tmp_path / "ok.duckdb"))
    assert result.kind == "error" and result.exception is None or isinstance(result.exception, SystemExit)


# -- CLI options -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["yesterday", "notadate", "2021-13-01", "21-01-01", "2021/01/01", " "])
def test_since_and_until_refuse_anything_but_dates(tmp_path, bad):
    db = _ingested_db(tmp_path)
    for command in ("events", "articles"):
        for flag in ("--since", "--until"):
            result = cli(command, "--db", str(db), flag, bad)
            assert result.one_line_error() and "YYYY" in result.err, (command, flag, result)


@pytest.mark.parametrize("good", ["2021", "2021-09", "2021-09-07"])
def test_since_and_until_take_year_month_or_day(tmp_path, good):
    db = _ingested_db(tmp_path)
    result = cli("articles", "--db", str(db), "--since", good, "--format", "jsonl")
    assert result.code == 0 and len(result.out.splitlines()) == 1, result
    assert cli("events", "--db", str(db), "--until", good).code == 0


def test_bad_numbers_are_clear_errors(tmp_path, db_path):
    assert cli("serve", "--port", "70000", "--db", str(db_path)).kind == "error"
    result = cli("ingest", str(tmp_path), "--db", str(db_path), "--near-dup-threshold", "nan")
    assert result.one_line_error() and "nan" in result.err, result
    result = cli("ingest", str(tmp_path), "--db", str(db_path), "--timeout", "nan")
    assert result.one_line_error(), result
    assert not db_path.exists()


def test_empty_arguments_are_refused(tmp_path, monkeypatch):
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # before the fix, "" read the working folder
    db = tmp_path / "x.duckdb"
    result = cli("ingest", "", "--db", str(db))
    assert result.one_line_error() and "empty" in result.err, result
    assert not db.exists()
    assert cli("ingest", "story.txt", "--db", "").one_line_error()
    assert cli("watch", "", "--db", str(db)).one_line_error()
    assert (
        cli("watch", "new", "").one_line_error() and not (tmp_path / ".yaml").exists()
    )  # found by the fuzzer


def test_a_malformed_url_is_one_line(db_path, tmp_path):
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("ingest", "http://[::1", str(tmp_path / "ok.txt"), "--db", str(db_path))
    assert result.kind == "warning" and "skipped http://[::1: not a valid URL" in result.err, result


# -- inputs that dropped other inputs ------------------------------------------------------------------


def test_a_date_as_a_front_matter_key_does_not_abort_the_folder(tmp_path, db_path):
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "a.md").write_text(
        f"---\ntitle: Talks\n2021-09-07: a date as a key\n---\n\n{ARTICLE}", encoding="utf-8"
    )
    (folder / "b.md").write_text(
        "---\ntitle: Other\n---\n\nQatar sent a second aid flight to Kabul on Friday, officials said.\n",
        encoding="utf-8",
    )
    result = cli("ingest", str(folder), "--db", str(db_path))
    assert result.code == 0 and result.exception is None, result
    assert _count(db_path) == 2


def test_one_bad_jsonl_record_skips_only_itself(tmp_path, db_path):
    good = [
        {
            "id": f"g{i}",
            "text": f"Officials in Kabul announced aid plan number {i} for the northern provinces.",
        }
        for i in range(4)
    ]
    bad = [
        '{"id": "s", "text": "Lone \\ud800 surrogate in a story about Kabul and Doha talks."}',
        '{"id": "d", "text": "deep", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "n", "text": "A number too long to read", "count": ' + "9" * 5000 + "}",
    ]
    lines = [
        json.dumps(good[0]),
        bad[0],
        json.dumps(good[1]),
        bad[1],
        json.dumps(good[2]),
        bad[2],
        json.dumps(good[3]),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("ingest", str(path), "--db", str(db_path))
    assert result.kind == "warning", result
    for line_number in (2, 4, 6):
        assert f"{path}:{line_number}" in result.err, result.err
    assert _count(db_path) == 4
    assert "3 skipped" in result.out or "3 records skipped" in result.out or "3" in result.out


def test_dates_outside_1800_to_2100_are_flagged_and_kept_off_lanes(tmp_path, db_path):
    rows = [
        {
            "id": "old",
            "date": "0001-01-01",
            "text": "Officials in Kabul said the old archive was reopened for historians.",
        },
        {
            "id": "far",
            "date": "9999-12-31",
            "text": "Diplomats in Doha said the far-future talks would continue in spring.",
        },
        {
            "id": "epoch",
            "date": 253402300800,
            "text": "Envoys in Islamabad said the epoch record was read correctly.",
        },
        {
            "id": "fine",
            "date": "2021-09-07",
            "text": "Qatar sent a second aid flight to Kabul on Friday, officials said.",
        },
    ]
    path = tmp_path / "dates.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("ingest", str(path), "--db", str(db_path))
    assert result.kind == "warning"
    assert result.err.count("outside 1800-2100") == 3, result.err
    assert _count(db_path) == 4 and _count(db_path, "published IS NULL") == 3
    assert parse_date(253402300800) is None  # was 1978-01-11 (read as milliseconds)
    assert parse_date(1_630_000_000_000) == "2021-08-26"  # real milliseconds still read
    assert len(period_labels("2021-01-01", "9999-12-31", "month")) < 1300


@pytest.mark.slow  # builds a report and four pages
def test_an_old_database_with_year_one_still_gives_a_report_and_a_dashboard(tmp_path):
    from diplowatch.web.app import create_app
    from report_fixtures import make_db

    db = make_db(tmp_path / "w.duckdb")
    con = connect(db)
    con.execute("UPDATE articles SET published = DATE '0001-01-01' WHERE id = 'a02'")
    con.execute("UPDATE events SET date = DATE '0001-01-01' WHERE doc_id = 'a02'")
    con.execute("UPDATE evidence SET date = DATE '9999-12-31' WHERE doc_id = 'a04'")
    con.close()
    result = cli("report", "--db", str(db), "--out", str(tmp_path / "r.html"))
    assert result.code == 0 and result.exception is None, result
    client = TestClient(create_app(db))
    for url in ("/", "/evidence?condition=human_rights", "/api/scorecard", "/api/events"):
        assert client.get(url).status_code == 200, url
    periods = client.get("/api/scorecard").json()["periods"]
    assert periods[0] >= "2021" and periods[-1] <= "2023", periods  # the year-9999 row opens no lane


# -- --out --------------------------------------------------------------------------------------------------


def test_out_writes_through_a_symlink(tmp_path):
    db = _ingested_db(tmp_path)
    real = tmp_path / "reports" / "real.jsonl"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    assert cli("articles", "--db", str(db), "--format", "jsonl", "--out", str(link)).code == 0
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["id"]
    assert cli("report", "--db", str(db), "--out", str(link)).code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("<!")


def test_out_refuses_devices_and_fifos(tmp_path):
    db = _ingested_db(tmp_path)
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    except PermissionError:
        os.mkfifo(node)
    kind = stat.S_IFMT(node.stat().st_mode)
    for args in (["report"], ["articles", "--format", "jsonl"], ["events", "--format", "csv"]):
        result = cli(*args, "--db", str(db), "--out", str(node))
        assert result.one_line_error() and "not a regular file" in result.err, (args, result)
        assert stat.S_IFMT(node.stat().st_mode) == kind  # the node is still the node


def test_out_into_a_missing_or_unwritable_folder_is_one_line(tmp_path):
    db = _ingested_db(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for args in (["report"], ["articles", "--format", "csv"], ["events", "--format", "parquet"]):
        result = cli(*args, "--db", str(db), "--out", str(blocker / "sub" / "out.file"))
        assert result.one_line_error(), (args, result)
    made = tmp_path / "new" / "deeper" / "r.html"
    assert cli("report", "--db", str(db), "--out", str(made)).code == 0 and made.exists()


# -- network -------------------------------------------------------------------------------------------------


def test_private_and_metadata_addresses_are_refused():
    for url in ("http://127.0.0.1/x", "http://127.0.0.2:8080/", "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/", "http://192.168.0.1/", "http://[::1]/", "http://[fe80::1]/",
                "http://localhost/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"):  # fmt: skip
        with pytest.raises(Skip, match="address; not fetched|address \\(cloud metadata"):
            web.fetch(url, timeout=2, max_bytes=1000)


class _Redirector(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        targets = {"/to-loopback": "http://127.0.0.2:9/", "/to-metadata": "http://169.254.169.254/latest/",
                   "/to-file": "file:///etc/passwd"}  # fmt: skip
        self.send_response(302)
        self.send_header("Location", targets.get(self.path, "/"))
        self.end_headers()

    def log_message(self, *args):
        pass


def test_every_redirect_is_checked(monkeypatch):
    # Let the test's own server (127.0.0.1) through; every other address keeps the real rule.
    real_rule = web.address_problem
    monkeypatch.setattr(web, "address_problem", lambda a: None if a == "127.0.0.1" else real_rule(a))
    with http_server(_Redirector) as base:
        with pytest.raises(Skip, match="127.0.0.2 is a loopback address"):
            web.fetch(f"{base}/to-loopback", timeout=2, max_bytes=1000)
        with pytest.raises(Skip, match="169.254.169.254 is a link-local address"):
            web.fetch(f"{base}/to-metadata", timeout=2, max_bytes=1000)
        with pytest.raises(Skip, match="file:// URLs are not fetched"):
            web.fetch(f"{base}/to-file", timeout=2, max_bytes=1000)


def test_loopback_urls_need_allow_private(db_path):
    class _Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = ARTICLE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with http_server(_Page) as base:
        refused = cli("ingest", f"{base}/a.txt", "--db", str(db_path))
        assert refused.one_line_error() and "loopback address" in refused.err, refused
        allowed = cli("ingest", f"{base}/a.txt", "--db", str(db_path), "--allow-private")
        assert allowed.code == 0 and _count(db_path) == 1, allowed


# -- the dashboard ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def web_db(tmp_path_factory):
    from report_fixtures import make_db

    return make_db(tmp_path_factory.mktemp("web") / "w.duckdb")


def test_watch_parameter_never_reads_a_file(web_db, tmp_path):
    from diplowatch.web.app import create_app

    client = TestClient(create_app(web_db))
    secret = tmp_path / "secret.yaml"
    secret.write_text(BUNDLED.replace("afghanistan-recognition", "secret-watch"), encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)))
    for value in (str(secret), "/etc/passwd", "/etc", str(tmp_path / "binary.yaml"), "/nonexistent",
                  "../../etc/hostname", "README.md"):  # fmt: skip
        for path in ("/", "/evidence", "/api/scorecard", "/api/evidence", "/api/stances"):
            response = client.get(path, params={"watch": value})
            assert response.status_code == 404, (path, value, response.status_code)
            assert "secret-watch" not in response.text and "root:" not in response.text
    assert client.get("/", params={"watch": "afghanistan-recognition"}).status_code == 200
    assert client.get("/api/scorecard", params={"watch": "myanmar-asean"}).status_code == 200


def test_non_ascii_and_blank_tokens(web_db):
    from diplowatch.errors import DiplowatchError
    from diplowatch.web.app import create_app

    token = "sécret-ключ"
    client = TestClient(create_app(web_db, token=token))
    assert client.get("/api/facts").status_code == 401
    assert client.get("/api/facts", params={"token": "wrong"}).status_code == 401
    assert client.get("/api/facts", params={"token": token}).status_code == 200
    assert client.get("/api/facts", headers={"Authorization": f"Bearer {token}".encode()}).status_code == 200
    page = TestClient(create_app(web_db, token=token))
    assert page.get("/", params={"token": token}).status_code == 200
    assert page.get("/evidence").status_code == 200  # the cookie set by ?token= carries on
    for blank in (" ", "", "\t"):
        with pytest.raises(DiplowatchError, match="blank"):
            create_app(web_db, token=blank) if blank else create_app(web_db, token=blank)


def test_blank_token_refuses_to_serve(web_db, monkeypatch):
    monkeypatch.setenv("DIPLOWATCH_TOKEN", " ")
    result = cli("serve", "--db", str(web_db), "--host", "0.0.0.0")
    assert result.one_line_error() and "blank" in result.err, result


def test_huge_paging_values_are_4xx(web_db):
    from diplowatch.web.app import create_app

    client = TestClient(create_app(web_db))
    for url in ("/api/evidence?offset=99999999999999999999", "/api/events?offset=9223372036854775807",
                "/?page=9999999999999999", "/evidence?page=99999999999999999999999", "/sentence?doc=a01&i=9223372036854775807",
                "/api/events?since=99999-01-01", "/api/articles?limit=0", "/api/events?until=2021-02-30"):  # fmt: skip
        status = client.get(url).status_code
        assert 400 <= status < 500, (url, status)


def test_security_headers_on_every_response(web_db):
    from diplowatch.web.app import create_app

    client = TestClient(create_app(web_db))
    for url in ("/", "/api/facts", "/static/diplowatch.js", "/nope", "/docs"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"], url
        assert "unsafe-inline" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
