"""The whole of ../shared/corpora ingested once: counts, dates, titles, and an idempotent second run."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from diplowatch.ingest.pipeline import ingest_sources
from diplowatch.store import connect

pytestmark = pytest.mark.shared
SAMPLE = 60


def _plain(text: str) -> str:
    """Compare text the way a reader does: compatibility forms, no invisible characters, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def corpora(shared, tmp_path_factory):
    root = shared / "corpora"
    db = tmp_path_factory.mktemp("corpora") / "corpora.duckdb"
    con = connect(db)
    first = ingest_sources([str(root)], con, progress=False)
    second = ingest_sources([str(root)], con, progress=False)
    yield root, con, first, second
    con.close()


def _jsonl_rows(root: Path) -> list[dict]:
    path = next(root.glob("*.jsonl"))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _markdown_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.md"))


def test_every_item_is_stored_once(corpora):
    root, con, first, _ = corpora
    rows = _jsonl_rows(root)
    md_files = _markdown_files(root)
    expected = len({r["id"] for r in rows}) + len(md_files)
    total, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchall()[0]
    assert total == distinct == expected
    # canonical + folded copies = everything read
    assert first.new + first.exact_duplicates + first.near_duplicates == expected
    assert first.skipped == 0
    stored_ids = {
        r[0] for r in con.execute("SELECT id FROM articles WHERE source LIKE '%.jsonl:%'").fetchall()
    }
    assert stored_ids == {r["id"] for r in rows}
    # Exact duplicate texts in the JSONL are folded, not lost.
    texts = [" ".join(r["text"].casefold().split()) for r in rows]
    assert con.execute("SELECT count(*) FROM articles WHERE duplicate_kind = 'exact'").fetchall()[0][
        0
    ] >= len(texts) - len(set(texts))


def test_jsonl_dates_outlets_and_text_match_the_source(corpora):
    root, con, _, _ = corpora
    rows = random.Random(2021).sample(_jsonl_rows(root), SAMPLE)
    stored = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT id, CAST(published AS VARCHAR), outlet, url, text FROM articles WHERE id IN (SELECT unnest(?))",
            [[r["id"] for r in rows]],
        ).fetchall()
    }
    for row in rows:
        published, outlet, url, text = stored[row["id"]]
        assert published == row["date"]
        assert outlet == row["outlet"] and url == row["url"]
        assert _plain(text) == _plain(row["text"])


def test_markdown_dates_titles_and_urls_match_the_front_matter(corpora):
    root, con, _, _ = corpora
    files = random.Random(2022).sample(_markdown_files(root), SAMPLE)
    for path in files:
        raw = path.read_text(encoding="utf-8")
        front = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", raw, re.DOTALL).group(1))
        row = con.execute(
            "SELECT CAST(published AS VARCHAR), title, url, text FROM articles WHERE source = ?", [str(path)]
        ).fetchall()
        assert len(row) == 1, path
        published, title, url, text = row[0]
        assert published == str(front["date"])
        assert _plain(title) == _plain(front["title"])
        assert url == front["source_url"]
        assert len(text.split()) > 0.5 * len(raw.split("---", 2)[2].split())


def test_second_run_adds_nothing(corpora):
    _, con, first, second = corpora
    assert second.new == second.stored == 0
    assert second.already_stored == first.stored
    assert second.inputs_unchanged == second.inputs
    assert second.line().startswith(f"0 new articles; {first.stored:,} already stored")
