"""Articles in the store: batch writes (one transaction each) and the queries other stages use."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import duckdb

from diplowatch.core.records import Article

CHUNK = 1000
_COLUMNS = (
    "id, title, text, published, url, outlet, language, content_hash, source, "
    "duplicate_of, duplicate_kind, similarity, meta"
)
_SELECT = (
    "SELECT id, title, text, CAST(published AS VARCHAR), url, outlet, language, content_hash, source, "
    "duplicate_of, CAST(meta AS VARCHAR), n_outlets FROM articles"
)


def known_sources(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str | None, int]]:
    """source -> (fingerprint, number of articles) for every input fully read before."""
    rows = con.execute("SELECT source, fingerprint, articles FROM ingested_sources").fetchall()
    return {source: (fp, n or 0) for source, fp, n in rows}


def existing_hashes(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    """id -> content_hash for those of `ids` already stored."""
    if not ids:
        return {}
    rows = con.execute(
        "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
    ).fetchall()
    return dict(rows)


def canonical_by_hash(con: duckdb.DuckDBPyConnection, hashes: Sequence[str]) -> dict[str, str]:
    """content_hash -> id of the stored canonical article with that text."""
    if not hashes:
        return {}
    rows = con.execute(
        "SELECT content_hash, min(id) FROM articles WHERE duplicate_of IS NULL "
        "AND content_hash IN (SELECT unnest(?::VARCHAR[])) GROUP BY content_hash",
        [list(hashes)],
    ).fetchall()
    return dict(rows)


def stored_signatures(con: duckdb.DuckDBPyConnection, scheme: str) -> list[tuple[str, bytes]]:
    return con.execute("SELECT id, signature FROM article_minhash WHERE scheme = ?", [scheme]).fetchall()


def fill_bands(
    con: duckdb.DuckDBPyConnection, scheme: str, band_scheme: str, keys_of: Callable[[bytes], list[int]]
) -> int:
    """Add the LSH band rows of `band_scheme` for stored signatures that lack them (a database from
    before the band index, or one last read with another threshold). Returns how many were added.
    A quick count tells when nothing is missing, so an ordinary run pays two counts."""
    signatures = con.execute("SELECT count(*) FROM article_minhash WHERE scheme = ?", [scheme]).fetchall()[0][
        0
    ]
    banded = con.execute(
        "SELECT count(*) FROM article_lsh WHERE scheme = ? AND band = 0", [band_scheme]
    ).fetchall()[0][0]
    if signatures == banded:
        return 0
    missing = con.execute(
        "SELECT id, signature FROM article_minhash m WHERE scheme = ? AND NOT EXISTS "
        "(SELECT 1 FROM article_lsh l WHERE l.scheme = ? AND l.band = 0 AND l.id = m.id) ORDER BY id",
        [scheme, band_scheme],
    ).fetchall()
    for start in range(0, len(missing), CHUNK * 10):
        chunk = missing[start : start + CHUNK * 10]
        con.execute("BEGIN TRANSACTION")
        try:
            _insert_bands(con, band_scheme, [(ident, keys_of(blob)) for ident, blob in chunk])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return len(missing)


def band_candidates(
    con: duckdb.DuckDBPyConnection, scheme: str, band_scheme: str, queries: Sequence[tuple[int, list[int]]]
) -> dict[int, dict[str, bytes]]:
    """For each (query number, band keys): the stored canonical articles sharing a band key, with
    their signatures. One indexed look-up for the whole batch."""
    who = [q for q, keys in queries for _ in keys]
    bands = [band for _, keys in queries for band in range(len(keys))]
    keys = [key for _, ks in queries for key in ks]
    if not keys:
        return {}
    pairs = con.execute(
        "WITH q AS (SELECT unnest(?::INTEGER[]) AS who, unnest(?::SMALLINT[]) AS band, unnest(?::BIGINT[]) AS key) "
        "SELECT DISTINCT q.who, l.id FROM q JOIN article_lsh l ON l.key = q.key AND l.band = q.band "
        "WHERE l.scheme = ?",
        [who, bands, keys, band_scheme],
    ).fetchall()
    # The few candidates' signatures by primary key, one point look-up each: a join would read every
    # stored signature.
    signatures: dict[str, bytes] = {}
    for ident in sorted({ident for _, ident in pairs}):
        rows = con.execute(
            "SELECT signature FROM article_minhash WHERE id = ? AND scheme = ?", [ident, scheme]
        ).fetchall()  # fetchall: DuckDB holds the connection until a result is read to its end
        if rows:
            signatures[ident] = rows[0][0]
    found: dict[int, dict[str, bytes]] = {}
    for q, ident in pairs:
        if ident in signatures:
            found.setdefault(q, {})[ident] = signatures[ident]
    return found


def _insert_bands(
    con: duckdb.DuckDBPyConnection, band_scheme: str, bands: Sequence[tuple[str, list[int]]]
) -> None:
    rows = [(ident, band, key) for ident, keys in bands for band, key in enumerate(keys)]
    if rows:
        con.execute(
            "INSERT INTO article_lsh (scheme, band, key, id) "
            "SELECT ?, unnest(?::SMALLINT[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[])",
            [band_scheme, [b for _, b, _ in rows], [k for _, _, k in rows], [i for i, _, _ in rows]],
        )


def write_batch(
    con: duckdb.DuckDBPyConnection,
    articles: Sequence[Article],
    duplicates: dict[str, tuple[str, float | None]],
    signatures: Sequence[tuple[str, bytes]],
    scheme: str,
    sources: Sequence[tuple[str, str | None, int]],
    bands: Sequence[tuple[str, list[int]]] = (),
    band_scheme: str | None = None,
) -> None:
    """Insert articles, signatures (with their LSH band keys) and finished sources in ONE
    transaction, then fix n_outlets.

    A crash before COMMIT loses this batch only; the re-run finds its articles missing and adds them.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        if articles:
            columns = list(zip(*(_row(a, duplicates) for a in articles), strict=True))
            con.execute(
                f"INSERT INTO articles ({_COLUMNS}) SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                "unnest(?::VARCHAR[]), unnest(?::DATE[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                "unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                "unnest(?::VARCHAR[]), unnest(?::DOUBLE[]), unnest(?::JSON[])",
                [list(c) for c in columns],
            )
            touched = sorted({a.duplicate_of for a in articles if a.duplicate_of})
            if touched:
                con.execute(
                    "UPDATE articles SET n_outlets = greatest(1, (SELECT count(DISTINCT d.outlet) FROM articles d "
                    "WHERE d.id = articles.id OR d.duplicate_of = articles.id)) "
                    "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [touched],
                )
        if signatures:
            con.execute(
                "INSERT OR REPLACE INTO article_minhash (id, scheme, signature) "
                "SELECT unnest(?::VARCHAR[]), ?, unnest(?::BLOB[])",
                [[i for i, _ in signatures], scheme, [s for _, s in signatures]],
            )
        if bands and band_scheme:
            _insert_bands(con, band_scheme, bands)
        if sources:
            con.execute(
                "INSERT OR REPLACE INTO ingested_sources (source, fingerprint, articles) "
                "SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[])",
                [[s for s, _, _ in sources], [f for _, f, _ in sources], [n for _, _, n in sources]],
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _row(article: Article, duplicates: dict[str, tuple[str, float | None]]) -> tuple[Any, ...]:
    kind, similarity = duplicates.get(article.id, (None, None))
    meta = article.meta
    return (
        article.id,
        article.title,
        article.text,
        article.published,
        article.url,
        article.outlet,
        article.language,
        article.content_hash,
        article.source,
        article.duplicate_of,
        kind,
        similarity,
        json.dumps(meta, ensure_ascii=False, default=str) if meta else None,
    )


def iter_articles(
    con: duckdb.DuckDBPyConnection, where: str = "TRUE", params: Sequence[Any] = (), chunk: int = CHUNK
) -> Iterator[Article]:
    """Articles matching the SQL condition `where` (on table articles), in id order, streamed in chunks.

    Pages by id (keyset), so memory stays flat however large the table is.
    """
    last = ""
    while True:
        rows = con.execute(
            f"{_SELECT} WHERE ({where}) AND id > ? ORDER BY id LIMIT {int(chunk)}", [*params, last]
        ).fetchall()
        if not rows:
            return
        articles = [_article(row) for row in rows]
        _attach_duplicates(con, articles)
        yield from articles
        last = rows[-1][0]


def load_articles(
    con: duckdb.DuckDBPyConnection,
    ids: Iterable[str] | None = None,
    english_only: bool = True,
    canonical_only: bool = True,
) -> Iterator[Article]:
    """Articles to code: by default the canonical English ones. `ids` narrows to those articles."""
    conditions, params = [], []
    if english_only:
        conditions.append("language = 'en'")
    if canonical_only:
        conditions.append("duplicate_of IS NULL")
    if ids is not None:
        conditions.append("id IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(ids))
    yield from iter_articles(con, " AND ".join(conditions) or "TRUE", params)


def uncoded_articles(con: duckdb.DuckDBPyConnection, dictionary_hash: str | None = None) -> Iterator[Article]:
    """Canonical English articles not coded yet (or coded with other dictionaries than `dictionary_hash`)."""
    if dictionary_hash is None:
        condition, params = "id NOT IN (SELECT doc_id FROM coded_articles)", []
    else:
        condition = "id NOT IN (SELECT doc_id FROM coded_articles WHERE dictionary_hash = ?)"
        params = [dictionary_hash]
    yield from iter_articles(con, f"language = 'en' AND duplicate_of IS NULL AND {condition}", params)


def _article(row: tuple[Any, ...]) -> Article:
    (ident, title, text, published, url, outlet, language, chash, source, dup_of, meta, n_outlets) = row
    extra = json.loads(meta) if meta else {}
    extra["n_outlets"] = n_outlets
    return Article(
        id=ident,
        text=text,
        title=title,
        published=published,
        url=url,
        outlet=outlet,
        language=language,
        content_hash=chash,
        source=source,
        duplicate_of=dup_of,
        meta=extra,
    )


def _attach_duplicates(con: duckdb.DuckDBPyConnection, articles: list[Article]) -> None:
    canonical = [a.id for a in articles if a.duplicate_of is None]
    if not canonical:
        return
    rows = con.execute(
        "SELECT duplicate_of, id, outlet, url, duplicate_kind, similarity FROM articles "
        "WHERE duplicate_of IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
        [canonical],
    ).fetchall()
    by_id = {a.id: a for a in articles}
    for dup_of, ident, outlet, url, kind, similarity in rows:
        by_id[dup_of].duplicates.append(
            {"id": ident, "outlet": outlet, "url": url, "kind": kind, "similarity": similarity}
        )
