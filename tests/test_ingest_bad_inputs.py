"""Bad input never stops a run: one line names the file (and line) and the reason; stored data survives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplowatch.cli import main
from diplowatch.store import connect

GOOD = (
    "Taliban name interim cabinet\nPublished: 2021-09-07\n\nKABUL — The Taliban named an interim cabinet "
    "on Tuesday with no women among its members, and Western governments said they would judge the "
    "new authorities by their actions.\n"
)
LATER = GOOD.replace("Tuesday", "Wednesday").replace("2021-09-07", "2021-09-08").replace("cabinet", "council")


def _run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output + result.stderr
    return result


def _count(db: Path) -> int:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    finally:
        con.close()


@pytest.fixture
def stored_db(tmp_path) -> Path:
    """A database that already holds one article, to show that bad input leaves it alone."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "cabinet.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    assert _run("ingest", str(first), "--db", str(db), "--quiet").exit_code == 0
    return db


def _messy_folder(root: Path) -> dict[str, str]:
    """Write one file per kind of bad input; returns file -> the reason its line must give."""
    root.mkdir()
    (root / "council.txt").write_text(LATER, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text("   \n\n  ", encoding="utf-8")
    (root / "x.bin").write_bytes(b"\x7fELF\x00\x01\x02\x00binary")
    (root / "cp1252.txt").write_bytes("Caf\u00e9 talks in Doha were postponed.".encode("cp1252"))
    (root / "huge.txt").write_text("The envoy spoke. " * 200, encoding="utf-8")
    (root / "lines.jsonl").write_text(
        '{"id": "ok1", "text": "Pakistan urged the world to engage with the Taliban government on Thursday.", "date": "2021-09-23"}\n'
        '{"id": "bad", "text": "unterminated\n'
        '{"id": "ok2", "text": "Qatar said it would keep Kabul airport running with Turkish help.", "date": "the day after"}\n',
        encoding="utf-8",
    )
    (root / "notext.jsonl").write_text('{"id": "n1", "body_html": "<p>hi</p>"}\n', encoding="utf-8")
    (root / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    )
    (root / "page.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (root / "table.xlsx").write_text("not really a spreadsheet", encoding="utf-8")
    (root / "gone.txt").symlink_to(root / "deleted-target.txt")  # a link whose file was removed
    os.mkfifo(root / "pipe.txt")  # would block a naive reader forever
    return {
        "gone.txt": "no such file or directory",
        "pipe.txt": "not a regular file",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "x.bin": "binary file",
        "cp1252.txt": "not UTF-8 text",
        "huge.txt": "too large",
        "lines.jsonl:2": "malformed JSON",
        "lines.jsonl:3": "unparseable date 'the day after'; kept without a date",
        "notext.jsonl:1": "no text",
        "feed.rss": "the feed has no entries",
        "page.html": "no article text",
        "table.xlsx": "unsupported file type (.xlsx)",
    }


def test_each_bad_input_gets_one_line_and_the_run_goes_on(tmp_path, stored_db):
    messy = tmp_path / "messy"
    expected = _messy_folder(messy)
    result = _run("ingest", str(messy), "--db", str(stored_db), "--max-bytes", "2000")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    for name, reason in expected.items():
        matching = [line for line in lines if f"{messy / name}: " in line]
        assert len(matching) == 1, (name, lines)
        assert reason in matching[0], (name, matching[0])
        kind = "warning" if "kept without a date" in reason else "skipped"
        assert matching[0].startswith(f"{kind} {messy / name}: ")
    assert len(lines) == len(expected)
    # council.txt, ok1 and ok2 are stored; the article stored before is untouched.
    assert _count(stored_db) == 4
    assert "3 new articles" in result.stdout


def test_strict_exits_non_zero_when_anything_was_skipped(tmp_path, stored_db):
    messy = tmp_path / "messy"
    _messy_folder(messy)
    result = _run("ingest", str(messy), "--db", str(stored_db), "--strict", "--quiet", "--max-bytes", "2000")
    assert result.exit_code != 0
    assert _count(stored_db) == 4


def test_nothing_readable_is_an_error_and_missing_paths_are_named(tmp_path, stored_db):
    result = _run("ingest", str(tmp_path / "nope.txt"), "ftp://example.org/a.txt", "--db", str(stored_db))
    assert result.exit_code == 1
    assert f"skipped {tmp_path / 'nope.txt'}: no such file or directory" in result.stderr
    assert "skipped ftp://example.org/a.txt: ftp:// URLs are not fetched" in result.stderr
    assert "nothing could be read" in result.stderr
    assert _count(stored_db) == 1


def test_bad_flags_are_one_line_errors(tmp_path, stored_db):
    result = _run("ingest", str(tmp_path), "--db", str(stored_db), "--field", "body")
    assert result.exit_code == 1 and "NAME=COLUMN" in result.stderr
    result = _run("ingest", str(tmp_path), "--db", str(stored_db), "--field", "color=c")
    assert result.exit_code == 1 and "NAME must be one of" in result.stderr
    result = _run("ingest", str(tmp_path), "--db", str(stored_db), "--boilerplate", "(unclosed")
    assert result.exit_code == 1 and "not a valid regular expression" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its permissions")
def test_unreadable_file_is_skipped_with_permission_denied():
    work = Path(tempfile.mkdtemp(prefix="diplowatch-perm-"))
    try:
        (work / "ok.txt").write_text(GOOD, encoding="utf-8")
        secret = work / "secret.txt"
        secret.write_text(LATER, encoding="utf-8")
        secret.chmod(0o000)
        db = work / "db.duckdb"
        command = [sys.executable, "-m", "diplowatch", "ingest", str(work), "--db", str(db), "--quiet"]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=work)
        assert completed.returncode == 0, completed.stderr
        assert f"skipped {secret}: permission denied" in completed.stderr.splitlines()
        assert "Traceback" not in completed.stderr
        assert "1 new articles" in completed.stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)
