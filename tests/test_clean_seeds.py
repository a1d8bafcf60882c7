"""Cleaning the two real seed reports: teasers and the repeated paragraph go, every other sentence stays."""

from __future__ import annotations

import re

import pytest

from diplowatch.ingest.pipeline import ingest_sources
from diplowatch.store import connect
from diplowatch.store.articles import iter_articles

# Split sentences here independently of the code under test.
_SPLIT = re.compile(r"(?<=[.!?])[\"\u201d]?\s+(?=[\"\u201c]?[A-Z])")
_TEASER = re.compile(r"^\s*Also Read\s*\|")


def _sentences(text: str) -> list[str]:
    return [s.strip() for line in text.splitlines() for s in _SPLIT.split(line) if s.strip()]


def _tail(sentence: str) -> tuple[str, ...]:
    """Words after the first: a lede repeated as "He went on..." for "Blinken went on..." keeps its tail."""
    return tuple(w.lower() for w in re.findall(r"\w+", sentence))[1:]


@pytest.fixture(scope="module")
def seeds_db(shared, tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    con = connect(db)
    summary = ingest_sources([str(shared / "seeds")], con, progress=False)
    stored = {a.source: a for a in iter_articles(con)}
    con.close()
    return summary, stored


def test_every_seed_is_stored_as_one_article(shared, seeds_db):
    summary, stored = seeds_db
    files = sorted((shared / "seeds").glob("*.txt"))
    assert summary.new == len(files)
    assert {str(f) for f in files} == set(stored)


def test_teaser_lines_and_condensed_note_are_gone(shared, seeds_db):
    _, stored = seeds_db
    teasers = 0
    for path in sorted((shared / "seeds").glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        teasers += sum(1 for line in original.splitlines() if _TEASER.match(line))
        article = stored[str(path)]
        assert not any(_TEASER.match(line) for line in article.text.splitlines())
        assert "condensed version" not in article.text
    assert teasers > 0, "the seeds are known to hold teaser lines"


def test_repeated_paragraph_is_folded_and_nothing_else_is_lost(shared, seeds_db):
    _, stored = seeds_db
    folded = 0
    for path in sorted((shared / "seeds").glob("*.txt")):
        original = path.read_text(encoding="utf-8")
        article = stored[str(path)]
        kept = f"{article.title}\n{article.text}" if article.title else article.text
        kept_sentences = _sentences(kept)
        kept_tails = {_tail(s) for s in kept_sentences}
        body = "\n".join(line for line in original.splitlines() if not _TEASER.match(line))
        said = [s for s in _sentences(body) if "condensed version" not in s]
        for sentence in said:
            # Present word for word, or folded into its repeat, which is present.
            assert sentence in kept or _tail(sentence) in kept_tails, sentence
        # No sentence is said twice any more.
        assert len(kept_tails) == len(kept_sentences)
        folded += len(said) - len(kept_sentences)
    assert folded > 0, "the seeds are known to repeat a paragraph"
