"""Near duplicates found through the stored LSH band rows fold exactly the articles an in-memory index
of every stored signature folds (the way ingest worked before the band rows), whatever the batches."""

from __future__ import annotations

import pytest

from diplowatch.clean.dedupe import MIN_WORDS, SCHEME, NearDuplicates, band_scheme, word_count
from diplowatch.ingest.options import IngestOptions
from diplowatch.ingest.pipeline import ingest_sources
from diplowatch.store import connect


def _replay(con, threshold: float) -> list[tuple]:
    """What an in-memory index over all signatures decides, article by article in the order stored."""
    rows = con.execute(
        "SELECT id, text, duplicate_kind, duplicate_of FROM articles ORDER BY rowid"
    ).fetchall()
    index = NearDuplicates(threshold)
    decided = []
    for ident, text, kind, canonical in rows:
        if kind == "exact":  # exact copies never reach the index
            decided.append((ident, "exact", canonical))
            continue
        signature = index.signature(text)
        match = index.match(signature) if word_count(text) >= MIN_WORDS else None
        if match is not None:
            decided.append((ident, "near", match[0]))
            continue
        index.add(ident, signature)
        decided.append((ident, None, None))
    return decided


def _stored(con) -> list[tuple]:
    return con.execute("SELECT id, duplicate_kind, duplicate_of FROM articles ORDER BY rowid").fetchall()


def _ingest(db, sources, batch_size: int, threshold: float = 0.8):
    con = connect(db)
    try:
        options = IngestOptions(batch_size=batch_size, near_dup_threshold=threshold)
        ingest_sources([str(s) for s in sources], con, options, progress=False)
    finally:
        con.close()


def test_small_batches_over_two_runs_fold_what_an_in_memory_index_folds(tmp_path, sample_dir):
    files = sorted(p for p in sample_dir.iterdir() if p.name != "README.md")
    db = tmp_path / "bands.duckdb"
    _ingest(db, files[::2], batch_size=3)
    _ingest(db, files[1::2], batch_size=3)
    con = connect(db)
    try:
        stored = _stored(con)
        assert any(kind == "near" for _, kind, _ in stored)  # the sample holds rewritten wire copies
        assert stored == _replay(con, 0.8)
        # one band row per canonical article and band, none for the folded copies
        per_article = con.execute(
            "SELECT count(DISTINCT id), count(*) FROM article_lsh WHERE scheme = ?", [band_scheme(0.8)]
        ).fetchall()[0]
        canonical = con.execute("SELECT count(*) FROM article_minhash WHERE scheme = ?", [SCHEME]).fetchall()
        assert per_article[0] == canonical[0][0] and per_article[1] % per_article[0] == 0
    finally:
        con.close()


def test_another_threshold_fills_its_bands_from_the_stored_signatures(tmp_path, sample_dir):
    files = sorted(p for p in sample_dir.iterdir() if p.name != "README.md")
    db = tmp_path / "threshold.duckdb"
    _ingest(db, files[:20], batch_size=50)
    _ingest(db, files[20:], batch_size=50, threshold=0.6)
    con = connect(db)
    try:
        banded = con.execute(
            "SELECT count(DISTINCT id) FROM article_lsh WHERE scheme = ?", [band_scheme(0.6)]
        ).fetchall()[0][0]
        assert banded == con.execute("SELECT count(*) FROM article_minhash").fetchall()[0][0]
        assert band_scheme(0.6) != band_scheme(0.8)
    finally:
        con.close()


@pytest.mark.slow
def test_white_house_briefings_fold_as_an_in_memory_index_does(tmp_path, shared):
    briefings = shared / "corpora" / "wh-briefings-2021h2"
    db = tmp_path / "wh.duckdb"
    _ingest(db, [briefings / "disclosures", briefings / "presidential-actions"], batch_size=40)
    _ingest(db, [briefings / "statements-releases"], batch_size=40)
    con = connect(db)
    try:
        stored = _stored(con)
        assert sum(kind == "near" for _, kind, _ in stored) >= 5
        assert stored == _replay(con, 0.8)
    finally:
        con.close()
