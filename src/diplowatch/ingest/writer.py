"""Batches articles into the store: skips those already stored, folds duplicates, commits per batch."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
from datasketch import MinHash

from diplowatch.clean.dedupe import MIN_WORDS, SCHEME, BandIndex, band_scheme, word_count
from diplowatch.core.records import Article
from diplowatch.ingest.raw import Issue
from diplowatch.store import articles as store


class ArticleWriter:
    """Collects articles and finished sources; each `flush` is one transaction.

    An article whose id is already stored (this run or before) is counted as already stored; an
    article whose text equals a canonical one is an exact duplicate; one whose MinHash is close to
    a canonical one is a near duplicate. Both kinds are stored pointing at their canonical article.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        summary,
        threshold: float,
        batch_size: int,
        report: Callable[[Issue], None],
    ):
        self.con = con
        self.summary = summary
        self.threshold = threshold
        self.batch_size = batch_size
        self.report = report
        self.pending: list[Article] = []
        self.pending_sources: list[tuple[str, str | None, int]] = []
        self.run_ids: dict[str, str] = {}  # id -> content hash, for articles handled this run
        self.run_hashes: dict[str, str] = {}  # content hash -> canonical id, this run
        self._near: BandIndex | None = None

    def add(self, article: Article) -> None:
        self.pending.append(article)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def source_done(self, source: str, fingerprint: str | None, n_articles: int) -> None:
        """Record a fully read input; it is committed with (or after) its last articles."""
        self.pending_sources.append((source, fingerprint, n_articles))
        if len(self.pending_sources) >= self.batch_size:
            self.flush()

    def near(self) -> BandIndex:
        """The near-duplicate matcher; the stored band rows are brought up to date on first use."""
        if self._near is None:
            self._near = BandIndex(self.threshold)
            near = self._near
            store.fill_bands(
                self.con,
                SCHEME,
                band_scheme(self.threshold),
                lambda blob: near.keys(near.near.from_bytes(blob)),
            )
        return self._near

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        sources, self.pending_sources = self.pending_sources, []
        if not batch and not sources:
            return
        stored = store.existing_hashes(self.con, [a.id for a in batch if a.id not in self.run_ids])
        fresh: list[Article] = []
        for article in batch:
            prior = self.run_ids.get(article.id) or stored.get(article.id)
            if prior is None:
                self.run_ids[article.id] = _hash_of(article)
                fresh.append(article)
            elif prior == article.content_hash:
                self.summary.already_stored += 1
            else:
                self.summary.skipped += 1
                self.report(
                    Issue(article.source or article.id, f"id {article.id!r} is already used by another text")
                )
        lookup = [_hash_of(a) for a in fresh if a.content_hash not in self.run_hashes]
        stored_hashes = store.canonical_by_hash(self.con, sorted(set(lookup)))
        # Signatures and band keys of the articles that may be new, and the stored articles sharing a
        # band with them: one look-up per batch, nothing of the stored corpus held in memory.
        maybe_new = [
            a for a in fresh if _hash_of(a) not in self.run_hashes and _hash_of(a) not in stored_hashes
        ]
        index = self.near() if maybe_new else None
        signed: dict[str, tuple[MinHash, list[int]]] = {}
        if index is not None:
            for article in maybe_new:
                signature = index.near.signature(article.text)
                signed[article.id] = (signature, index.keys(signature))
        numbered = list(signed)
        found = store.band_candidates(
            self.con, SCHEME, band_scheme(self.threshold), [(n, signed[i][1]) for n, i in enumerate(numbered)]
        )
        candidates = {numbered[n]: blobs for n, blobs in found.items()}
        duplicates: dict[str, tuple[str, float | None]] = {}
        signatures: list[tuple[str, bytes]] = []
        bands: list[tuple[str, list[int]]] = []
        for article in fresh:
            canonical = self.run_hashes.get(_hash_of(article)) or stored_hashes.get(_hash_of(article))
            if canonical is not None:
                article.duplicate_of = canonical
                duplicates[article.id] = ("exact", 1.0)
                self.summary.exact_duplicates += 1
                continue
            assert index is not None  # every article not an exact copy was signed above
            signature, keys = signed[article.id]
            match = None
            # Short texts are indexed (a long copy may match them later) but never folded.
            if word_count(article.text) >= MIN_WORDS:
                stored_near = {i: index.near.from_bytes(b) for i, b in candidates.get(article.id, {}).items()}
                match = index.match(signature, keys, stored_near)
            if match is not None:
                article.duplicate_of = match[0]
                duplicates[article.id] = ("near", round(match[1], 4))
                self.summary.near_duplicates += 1
                continue
            index.add_recent(article.id, signature, keys)
            signatures.append((article.id, index.near.to_bytes(signature)))
            bands.append((article.id, keys))
            self.run_hashes[_hash_of(article)] = article.id
            self.summary.new += 1
            if article.language != "en":
                self.summary.non_english += 1
        store.write_batch(
            self.con, fresh, duplicates, signatures, SCHEME, sources, bands, band_scheme(self.threshold)
        )
        if index is not None:
            index.forget_recent()


def _hash_of(article: Article) -> str:
    """The content hash every assembled article carries (assemble sets it before the writer sees it)."""
    if article.content_hash is None:
        raise ValueError(f"article {article.id!r} reached the writer without a content hash")
    return article.content_hash
