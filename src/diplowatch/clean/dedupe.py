"""Exact and near-duplicate detection.

Exact duplicates share a content hash (the cleaned text, case-folded, spaces collapsed). Near
duplicates (the same wire story rewritten lightly by another outlet) are found with MinHash over
word 3-shingles and datasketch's LSH index, confirmed by the estimated Jaccard similarity. The
signatures of canonical articles are stored (table article_minhash) so detection spans runs; the
signature scheme is fixed, only the threshold is a per-run choice.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 3
SEED = 1
SCHEME = f"w{SHINGLE}crc-affine32-{NUM_PERM}-s{SEED}"  # stored beside each signature
DEFAULT_THRESHOLD = 0.8
_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """Hash of the text as a reader sees it: case and spacing do not make a new article."""
    canonical = " ".join(text.casefold().split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


MIN_WORDS = 40  # shorter texts are only folded when identical: one-line reports differ in a name
_MIX = (np.uint64(0x9E3779B1), np.uint64(0x85EBCA77))  # odd multipliers that mix word hashes in order


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the distinct word 3-shingles of `text`.

    Words are hashed once (CRC-32) and combined with numpy; building every shingle as a string
    and hashing it with SHA-1 cost three times as much on the White House corpus.
    """
    words = np.fromiter(
        (zlib.crc32(w.casefold().encode("utf-8")) for w in _WORD.findall(text)), dtype=np.uint64
    )
    if len(words) < SHINGLE:
        return np.unique(words)
    mixed = words[:-2] * _MIX[0] + words[1:-1] * _MIX[1] + words[2:]
    return np.unique(mixed & np.uint64(0xFFFFFFFF))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


class NearDuplicates:
    """An LSH index of canonical articles; `match` finds the closest one above the threshold."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD):
        if not 0.0 < threshold <= 1.0:
            raise ValueError("the near-duplicate threshold must be in (0, 1]")
        self.threshold = threshold
        # Weighted against false negatives: candidates are cheap to verify, a missed copy is not.
        # Above 0.9 LSH cannot form enough bands; candidates are checked against `threshold` anyway.
        self._lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=NUM_PERM, weights=(0.1, 0.9))
        self._signatures: dict[str, MinHash] = {}
        # Permutations are drawn once; building them per MinHash would dominate the cost.
        self._permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, text: str) -> MinHash:
        minhash = MinHash(
            num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=self._permutations, scheme="affine32"
        )
        minhash.update_batch(shingle_hashes(text).tolist())
        return minhash

    def from_bytes(self, blob: bytes) -> MinHash:
        values = np.frombuffer(blob, dtype="<u4").astype(np.uint32)
        return MinHash(seed=SEED, hashvalues=values, permutations=self._permutations, scheme="affine32")

    @staticmethod
    def to_bytes(minhash: MinHash) -> bytes:
        return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()

    def load(self, stored: Iterable[tuple[str, bytes]]) -> None:
        """Add signatures kept from earlier runs."""
        for article_id, blob in stored:
            self.add(article_id, self.from_bytes(blob))

    def match(self, minhash: MinHash) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for candidate in self._lsh.query(minhash):
            similarity = float(minhash.jaccard(self._signatures[candidate]))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        return best

    def add(self, article_id: str, minhash: MinHash) -> None:
        if article_id in self._signatures:
            return
        self._signatures[article_id] = minhash
        self._lsh.insert(article_id, minhash)


@lru_cache(maxsize=8)
def banding(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) of the LSH index for this threshold: datasketch's choice, weighted
    against false negatives as NearDuplicates is, so the stored index finds the same candidates."""
    lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=NUM_PERM, weights=(0.1, 0.9))
    return lsh.b, lsh.r


def band_scheme(threshold: float) -> str:
    """Names the signature scheme and the banding: stored band rows of another banding are not used."""
    bands, rows = banding(threshold)
    return f"{SCHEME}:b{bands}r{rows}"


def band_keys(minhash: MinHash, threshold: float) -> list[int]:
    """One signed 64-bit key per band (a digest of the band's hash values): two articles are LSH
    candidates when they share a key in the same band."""
    return band_keys_of(np.asarray(minhash.hashvalues, dtype="<u4"), threshold)


def band_keys_of(values: np.ndarray, threshold: float) -> list[int]:
    """`band_keys` of a signature's hash values (uint32, as stored)."""
    bands, rows = banding(threshold)
    values = np.asarray(values, dtype="<u4")
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(values[band * rows : (band + 1) * rows].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


class BandIndex:
    """Near-duplicate matching against an LSH index kept elsewhere (the store's band rows).

    `match` takes the candidate signatures the caller looked up by `band_keys`, plus the articles
    added since that look-up (held here, so matches within one batch are found as before).
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD):
        self.near = NearDuplicates(threshold)  # signatures and the threshold check
        self.threshold = threshold
        self._recent: dict[tuple[int, int], list[str]] = {}
        self._recent_signatures: dict[str, MinHash] = {}

    def keys(self, minhash: MinHash) -> list[int]:
        return band_keys(minhash, self.threshold)

    def match(
        self, minhash: MinHash, keys: list[int], stored: dict[str, MinHash]
    ) -> tuple[str, float] | None:
        """The most similar article at or above the threshold among `stored` (the stored candidates)
        and the recent articles sharing a band; a tie goes to the smaller id."""
        candidates = dict(stored)
        for band, key in enumerate(keys):
            for article_id in self._recent.get((band, key), ()):
                candidates[article_id] = self._recent_signatures[article_id]
        best: tuple[str, float] | None = None
        for article_id in sorted(candidates):
            similarity = float(minhash.jaccard(candidates[article_id]))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (article_id, similarity)
        return best

    def add_recent(self, article_id: str, minhash: MinHash, keys: list[int]) -> None:
        if article_id in self._recent_signatures:
            return
        self._recent_signatures[article_id] = minhash
        for band, key in enumerate(keys):
            self._recent.setdefault((band, key), []).append(article_id)

    def forget_recent(self) -> None:
        """The recent articles are stored now: later look-ups find them there."""
        self._recent.clear()
        self._recent_signatures.clear()
