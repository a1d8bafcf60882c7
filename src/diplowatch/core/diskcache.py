"""Read-only data that is slow to build (the gazetteer, the compiled dictionaries), cached on disk.

Each entry is a pickle named after what it was built from (a hash of its sources), so a changed
source builds a fresh one and a stale entry is never read. Every worker of a pool or a cluster then
loads in a fraction of a second what it would otherwise rebuild. The cache is only an accelerator:
an unreadable or unwritable cache falls back to building, silently.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from diplowatch.settings import setting

T = TypeVar("T")
_OFF = {"off", "none", "0", "false"}


def cache_dir() -> Path | None:
    """DIPLOWATCH_CACHE, else $XDG_CACHE_HOME/diplowatch, else ~/.cache/diplowatch; None when off."""
    chosen = setting("cache")
    if chosen and str(chosen).strip().lower() in _OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "diplowatch"


def source_key(parts: Iterable[bytes | str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode())
        h.update(b"\0")
    return h.hexdigest()[:20]


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The cached value of `name` built from sources hashed to `key`, or `build()` (then cached)."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle" if folder else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except Exception:  # a truncated or foreign file: rebuild and overwrite it
            pass
    value = build()
    if path is not None:
        _store(path, name, value)
    return value


def _store(path: Path, name: str, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed: parallel workers never read a half-written file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        # Entries of older sources go after a month unused (not at once: two dictionary sets may
        # be in use side by side).
        month_ago = time.time() - 30 * 86400
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path and old.stat().st_atime < month_ago and old.stat().st_mtime < month_ago:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def parsed_yaml(name: str, text: bytes | str, parse: Callable[[], T], parser_source: bytes | str = b"") -> T:
    """`parse()` of a YAML text, cached under a hash of the text and of the parser's own source (its
    loader's rules): parsing YAML in pure Python is a worker's slowest start-up step after spaCy."""
    return load_or_build(f"yaml-{name}", source_key([text, parser_source]), parse)
