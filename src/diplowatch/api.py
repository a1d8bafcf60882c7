"""The Python API behind the CLI: code a text, or drive a database through the whole pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from diplowatch.records import Event


@lru_cache(maxsize=1)
def _default_coder():
    from diplowatch.engine import build_coder

    return build_coder()


def code_text(text: str, date: str | None = None, doc_id: str = "text") -> list[Event]:
    """Code one text (an article or a sentence) into events, with the bundled dictionaries.

    `date` (YYYY-MM-DD) is the publication date: it dates the events and picks who held which office.
    """
    return _default_coder().code_text(text, date=date, doc_id=doc_id)


def load_watch(name_or_path: str):
    """A bundled watch by name (e.g. "afghanistan-recognition") or a watch YAML file."""
    from diplowatch.watch import load_watch as _load

    return _load(name_or_path)


class Pipeline:
    """One database, driven from Python as the CLI drives it: ingest → code → watch.

    >>> p = Pipeline("news.duckdb")
    >>> p.ingest(["articles/"]); p.code(); p.watch("afghanistan-recognition")
    """

    def __init__(self, db: str | None = None, dict_paths: Sequence[str] = (), workers: int = 1):
        self.db = db
        self.dict_paths = tuple(dict_paths)
        self.workers = workers

    def _connect(self):
        from diplowatch.store import connect

        return connect(self.db)

    def ingest(self, sources: Sequence[str], progress: bool = False) -> Any:
        from diplowatch.ingest.pipeline import ingest_sources

        con = self._connect()
        try:
            return ingest_sources(list(sources), con, progress=progress)
        finally:
            con.close()

    def code(self, recode: bool = False, progress: bool = False) -> Any:
        from diplowatch.engine import code_database

        con = self._connect()
        try:
            return code_database(
                con, workers=self.workers, recode=recode, progress=progress, dict_paths=self.dict_paths
            )
        finally:
            con.close()

    def watch(self, name_or_path: str, by: str = "month", progress: bool = False) -> dict:
        """Run a watch and return its scorecard (see diplowatch.watch.build_scorecard)."""
        from diplowatch.watch import build_scorecard, run_watch

        watch = load_watch(name_or_path)
        con = self._connect()
        try:
            run_watch(con, watch, progress=progress)
            return build_scorecard(con, watch, by=by)
        finally:
            con.close()

    def run(self, sources: Sequence[str]) -> Any:
        self.ingest(sources)
        return self.code()
