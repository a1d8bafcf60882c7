"""The articles store on a real DuckDB file: atomic batches, streaming loads, filters, duplicates."""

from __future__ import annotations

import duckdb
import pytest

from diplowatch.core.records import Article
from diplowatch.store import articles as store
from diplowatch.store import connect


def _article(
    n: int, language: str = "en", outlet: str = "Kabul Ledger", dup_of: str | None = None
) -> Article:
    return Article(
        id=f"id{n:04d}",
        text=f"Story number {n} about talks in Doha.",
        published=f"2021-09-{1 + n % 28:02d}",
        outlet=outlet,
        language=language,
        content_hash=f"h{n}",
        source=f"file.jsonl:{n}",
        duplicate_of=dup_of,
        meta={"n": n},
    )


def test_batch_is_one_transaction(db_path):
    con = connect(db_path)
    store.write_batch(con, [_article(1)], {}, [("id0001", b"\x00" * 8)], "s", [("file.jsonl", "1:2", 1)])
    with pytest.raises(duckdb.ConstraintException):
        # The second article repeats a stored id: nothing of this batch may remain.
        store.write_batch(con, [_article(2), _article(1)], {}, [], "s", [("other.jsonl", "3:4", 2)])
    assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 1
    assert set(store.known_sources(con)) == {"file.jsonl"}
    con.close()


def test_load_articles_streams_filters_and_attaches_duplicates(db_path):
    con = connect(db_path)
    batch = [_article(n) for n in range(2500)]
    batch.append(_article(9000, language="fr"))
    batch.append(_article(9001, outlet="Steppe Wire", dup_of="id0007"))
    store.write_batch(con, batch, {"id9001": ("near", 0.91)}, [], "s", [])
    loaded = list(store.load_articles(con))
    assert len(loaded) == 2500 and loaded == sorted(loaded, key=lambda a: a.id)
    seven = next(a for a in loaded if a.id == "id0007")
    assert seven.duplicates == [
        {"id": "id9001", "outlet": "Steppe Wire", "url": None, "kind": "near", "similarity": 0.91}
    ]
    assert seven.meta["n_outlets"] == 2 and seven.meta["n"] == 7
    everything = list(store.load_articles(con, english_only=False, canonical_only=False))
    assert len(everything) == 2502
    chosen = list(store.load_articles(con, ids=["id0003", "id9000", "id9001"]))
    assert [a.id for a in chosen] == ["id0003"]
    con.close()


def test_uncoded_articles_skip_coded_ones(db_path):
    con = connect(db_path)
    store.write_batch(con, [_article(n) for n in range(5)], {}, [], "s", [])
    con.execute(
        "INSERT INTO coded_articles (doc_id, dictionary_hash) VALUES ('id0001', 'd1'), ('id0002', 'd0')"
    )
    assert [a.id for a in store.uncoded_articles(con)] == ["id0000", "id0003", "id0004"]
    assert [a.id for a in store.uncoded_articles(con, "d1")] == ["id0000", "id0002", "id0003", "id0004"]
    con.close()
