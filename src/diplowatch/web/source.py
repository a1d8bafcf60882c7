"""Where the dashboard reads: a private snapshot of the database, held open, refreshed when the file changes.

DuckDB lets one process write a file, and a writer cannot start while another process holds it open.
So the dashboard never keeps the user's file open: when the file has changed it copies it (main file and
write-ahead log, under a brief read-only open that keeps writers out for the copy only) and serves from
the copy through one long-lived connection, a cursor per request. While a writer holds the file
(`ingest`, `code`, a watch run) the last copy keeps serving and the pages say the data is being updated.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from diplowatch.errors import DiplowatchError

CHECK_EVERY = 2.0  # seconds between looks at the file's modification time


# struct flock on Linux (64-bit): l_type, l_whence, (pad), l_start, l_len, l_pid, (pad).
_FLOCK = "hh4xqqi4x"


def writer_holds(path: Path) -> bool:
    """Whether another process holds a write lock on the file (DuckDB's writer does), asked with F_GETLK:
    nothing is locked by asking, so a writer starting at that moment is never refused."""
    if sys.platform != "linux":
        return False
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        probe = struct.pack(_FLOCK, fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
        return struct.unpack(_FLOCK, answer)[0] == fcntl.F_WRLCK
    except OSError:
        return False
    finally:
        os.close(fd)


class NotReady(DiplowatchError):
    """No copy of the database could be made yet (it is missing, or a writer held it from the start)."""


class Memo:
    """What requests derive from one copy (scorecards): the copy never changes, so neither do they.

    Each value is built once: a request that asks for one being built (by another request, or by the
    warm-up that follows a new copy) waits for that build instead of repeating it."""

    def __init__(self, most: int = 64):
        self.most = most  # distinct values kept (watches, periods and date ranges asked)
        self._lock = threading.Lock()
        self._values: dict[Hashable, Any] = {}
        self._building: dict[Hashable, threading.Event] = {}

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._values:
                return self._values[key]
            building = self._building.get(key)
            if building is None:
                building = self._building[key] = threading.Event()
                mine = True
            else:
                mine = False
        if not mine:
            building.wait()
            with self._lock:
                if key in self._values:
                    return self._values[key]
            return build()  # the other build failed: this one raises its error to its own request
        try:
            value = build()
            with self._lock:
                if len(self._values) >= self.most:
                    self._values.clear()
                self._values[key] = value
            return value
        finally:
            with self._lock:
                del self._building[key]
            building.set()


@dataclass
class Snapshot:
    con: duckdb.DuckDBPyConnection
    taken_at: float
    stamp: tuple
    memo: Memo = field(default_factory=Memo)


def _stamp(path: Path) -> tuple:
    wal = path.with_name(path.name + ".wal")
    parts: list[tuple[int, int] | None] = []
    for p in (path, wal):
        try:
            st = p.stat()
            parts.append((st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            parts.append(None)
    return tuple(parts)


CLOSE_WAIT = 30.0  # seconds a closing source waits for its copy's warm-up (a 1 M-event scorecard takes ~2 s)


class DataSource:
    """Serves cursors over the newest consistent copy of `path` it could make."""

    def __init__(self, path: Path, on_new_copy: Callable[[Snapshot], None] | None = None):
        """`on_new_copy` runs in a thread of its own each time a copy is taken (to build, before anyone
        asks, what its pages will want)."""
        self.path = Path(path)
        self.on_new_copy = on_new_copy
        self.warming: threading.Thread | None = None
        self._dir = tempfile.TemporaryDirectory(prefix="diplowatch-dashboard-")
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._generation = 0
        self._checked = float("-inf")
        self.updating = False

    def close(self) -> None:
        """Close the copy once its warm-up is done: a connection closed under a running query refuses
        (DuckDB), and the warm-up would fail on a closed one. A server stopping right after it started
        waits for the warm-up, at most CLOSE_WAIT seconds; after that the copy is left to the process's end."""
        warming = self.warming
        if warming is not None and warming is not threading.current_thread():
            warming.join(timeout=CLOSE_WAIT)
        with self._lock:
            if self._current is not None:
                try:
                    self._current.con.close()
                except duckdb.Error:
                    pass  # still busy past the wait: the copy goes with the process
                self._current = None
        self._dir.cleanup()

    @property
    def taken_at(self) -> float | None:
        return None if self._current is None else self._current.taken_at

    def changed(self) -> None:
        """This process has just written the file (a review): look at it again on the next request."""
        self._checked = float("-inf")

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor over the current copy (refreshing it first when the file changed)."""
        return self.read()[0]

    def read(self) -> tuple[duckdb.DuckDBPyConnection, Memo]:
        """A cursor over the current copy and that copy's memo, both of the same copy."""
        now = time.monotonic()
        if self._current is None or now - self._checked >= CHECK_EVERY:
            with self._lock:
                if self._current is None or now - self._checked >= CHECK_EVERY:
                    self._checked = now
                    self._refresh()
        current = self._current
        if current is None:
            raise NotReady(
                "the database is being written by another process; this page will load when it is done"
            )
        return current.con.cursor(), current.memo

    def _refresh(self) -> None:
        if not self.path.exists():
            if self._current is None:
                raise NotReady(
                    f"no such database: {self.path.name} (run `diplowatch ingest` first, or pass --db)"
                )
            return
        stamp = _stamp(self.path)
        if writer_holds(self.path):
            self.updating = True
            if self._current is None:
                self._first_copy_under_writer(Path(self._dir.name) / "snapshot-0.duckdb", stamp)
            return
        if self._current is not None and stamp == self._current.stamp:
            self.updating = False
            return
        self._generation += 1
        copy = Path(self._dir.name) / f"snapshot-{self._generation}.duckdb"
        try:
            # A read-only open fails while a writer holds the file, and keeps writers out while we copy.
            guard = duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error:
            self.updating = True
            if self._current is None:
                self._first_copy_under_writer(copy, stamp)
            return
        try:
            self._copy(copy)
        finally:
            guard.close()
        self._swap(copy, stamp)
        self.updating = False

    def _copy(self, copy: Path) -> None:
        shutil.copyfile(self.path, copy)
        wal = self.path.with_name(self.path.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))

    def _first_copy_under_writer(self, copy: Path, stamp: tuple) -> None:
        """Started while a writer runs: the main file alone holds the last checkpoint; try it."""
        try:
            shutil.copyfile(self.path, copy)
            self._swap(copy, stamp)
        except (OSError, duckdb.Error):
            copy.unlink(missing_ok=True)

    def _swap(self, copy: Path, stamp: tuple) -> None:
        # Replay the copied log into the copy once, so the held connection can be read-only.
        duckdb.connect(str(copy)).close()
        con = duckdb.connect(str(copy), read_only=True)
        old, self._current = self._current, Snapshot(con, time.time(), stamp)
        if self.on_new_copy is not None:
            self.warming = threading.Thread(
                target=self.on_new_copy, args=(self._current,), name="diplowatch-warm", daemon=True
            )
            self.warming.start()
        if old is not None:
            # Not closed: running requests may still read through its cursors (closing it would close
            # them); it goes when they drop it. Its file can be unlinked now, as open files stay readable.
            for leftover in Path(self._dir.name).glob("snapshot-*.duckdb*"):
                if not leftover.name.startswith(copy.name):
                    leftover.unlink(missing_ok=True)
