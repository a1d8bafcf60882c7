"""The composition root: one object wires settings, the store, the coder, watches and progress.

The CLI, the Python API (`diplowatch.Diplowatch`, `diplowatch.code_text`) and the spaCy component all go
through it, so a stage is wired in one place and behaves the same whichever door a user comes in by.

    app = Diplowatch("news.duckdb")
    app.ingest(["articles/"]); app.code(); app.run_watch("afghanistan-recognition")
    card = app.scorecard("afghanistan-recognition", by="quarter")
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplowatch.core.records import Event
from diplowatch.core.scorecard import Scorecard
from diplowatch.errors import DiplowatchError
from diplowatch.progress import ProgressReporter, reporter
from diplowatch.settings import Settings

if TYPE_CHECKING:
    import duckdb

    from diplowatch.engine.local import CodeSummary
    from diplowatch.events.coder import EventCoder
    from diplowatch.ingest.options import IngestOptions
    from diplowatch.ingest.pipeline import IngestSummary
    from diplowatch.watch.schema import Watch


class Diplowatch:
    """One database and one configuration, driven through the whole pipeline."""

    def __init__(
        self,
        db: str | os.PathLike[str] | None = None,
        *,
        dict_paths: Sequence[str | os.PathLike[str]] = (),
        model: str | None = None,
        workers: int | None = None,
        cluster: str | None = None,
        progress: bool | ProgressReporter = False,
        settings: Settings | None = None,
    ):
        given = {
            "db": db,
            "model": model,
            "workers": workers,
            "cluster": cluster,
            "dict_paths": tuple(map(str, dict_paths)),
        }
        self.settings = settings or Settings.from_env(**given)
        self.progress = reporter(progress)

    # -- the store -----------------------------------------------------------------------------
    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """An open connection, closed afterwards (one writer per database: DuckDB's rule)."""
        from diplowatch.store import connect

        con = connect(self.settings.db, read_only=read_only)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside one transaction: all of it is stored, or none."""
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def require_db(self) -> None:
        if not Path(self.settings.db).exists():
            raise DiplowatchError(
                f"{self.settings.db}: no such database (run `diplowatch run FILES --db {self.settings.db}` first)"
            )

    # -- stages --------------------------------------------------------------------------------
    @cached_property
    def coder(self) -> EventCoder:
        """The event coder with the bundled dictionaries plus the user's (built once, on first use)."""
        from diplowatch.engine import build_coder

        return build_coder(self.settings.dict_paths, self.settings.model)

    def code_text(self, text: str, date: str | None = None, doc_id: str = "text") -> list[Event]:
        """Events of one text (an article or a sentence); `date` (YYYY-MM-DD) dates them and picks offices."""
        return self.coder.code_text(text, date=date, doc_id=doc_id)

    def ingest(self, sources: Sequence[str], options: IngestOptions | None = None) -> IngestSummary:
        from diplowatch.ingest.pipeline import ingest_sources

        with self.connect() as con:
            return ingest_sources(list(sources), con, options, progress=self.progress)

    def code(self, recode: bool = False) -> CodeSummary:
        from diplowatch.engine import code_database

        s = self.settings
        with self.connect() as con:
            return code_database(con, workers=s.workers, recode=recode, progress=self.progress,
                                 dict_paths=s.dict_paths, model=s.model, cluster=s.cluster)  # fmt: skip

    def run(
        self, sources: Sequence[str], options: IngestOptions | None = None
    ) -> tuple[IngestSummary, CodeSummary]:
        """`ingest` then `code`."""
        return self.ingest(sources, options), self.code()

    def load_watch(self, name_or_path: str | Watch) -> Watch:
        """A bundled watch by name, a watch file, or the watch as it last ran in this database."""
        from diplowatch.watch import Watch, WatchError, load_watch, watch_for

        if isinstance(name_or_path, Watch):
            return name_or_path
        try:
            return load_watch(name_or_path)
        except WatchError:
            if not Path(self.settings.db).exists():
                raise
            with self.connect() as con:
                return watch_for(con, str(name_or_path))

    def run_watch(self, watch: str | Watch, force: bool = False) -> dict[str, Any]:
        """Judge the coded sentences against the watch; re-runs only when the watch or the data changed."""
        from diplowatch.watch import run_watch

        definition = self.load_watch(watch)
        with self.connect() as con:
            return run_watch(con, definition, progress=self.progress, force=force)

    def scorecard(
        self, watch: str | Watch, by: str = "month", since: str | None = None, until: str | None = None
    ) -> Scorecard:
        """The one scorecard of the watch's stored rows (the terminal, report and dashboard all show it)."""
        from diplowatch.watch import build_scorecard

        definition = self.load_watch(watch)
        with self.connect() as con:
            return build_scorecard(con, definition, by=by, since=since, until=until)

    def watch(self, watch: str | Watch, by: str = "month", force: bool = False) -> Scorecard:
        """Run the watch and return its scorecard."""
        self.run_watch(watch, force=force)
        return self.scorecard(watch, by=by)

    # -- exports -------------------------------------------------------------------------------
    def export_events(self, out: str | os.PathLike[str] | None, fmt: str = "jsonl", **filters: Any) -> int:
        """Write events (filters: since, until, actor, types, include_flagged, min_confidence) in `fmt`."""
        from diplowatch.store.events import events_relation
        from diplowatch.store.export import export_relation

        with self.connect() as con:
            rel = events_relation(con, filters.get("since"), filters.get("until"), filters.get("actor"),
                                  filters.get("types") or (), filters.get("include_flagged", False),
                                  filters.get("min_confidence"))  # fmt: skip
            if fmt == "table":
                rel = rel.project(
                    "CAST(date AS VARCHAR) AS date, type, source.code AS source, target.code AS target, "
                    "round(intensity, 1) AS intensity, rule, sentence"
                )
            return export_relation(rel, fmt, None if out is None else str(out), title="events")

    def export_watch_rows(
        self, watch: str | Watch, what: str, out: str | os.PathLike[str] | None, fmt: str = "jsonl",
        since: str | None = None, until: str | None = None,
    ) -> int:  # fmt: skip
        """Write a watch's `evidence` or `stances` rows in `fmt`; returns the count."""
        from diplowatch.store import watch as store
        from diplowatch.store.export import export_relation

        name = self.load_watch(watch).name
        relation = {"evidence": store.evidence_relation, "stances": store.stances_relation}[what]
        with self.connect() as con:
            return export_relation(relation(con, name, since, until), fmt, None if out is None else str(out))
