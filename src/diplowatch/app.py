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
    def connect(self, read_only: bool = False, create: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """An open connection, closed afterwards (one writer per database: DuckDB's rule). Only a stage
        that adds input (`create`) makes a new database: the others refuse a --db that does not exist."""
        from diplowatch.store import connect

        con = connect(self.settings.db, read_only=read_only, create=create)
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

        with self.connect(create=True) as con:
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
        """Write events (filters: since, until, actor, types, include_flagged, min_confidence, as_of) in
        `fmt`: table, csv, jsonl, parquet, or a standard shape (plover, icews, acled; docs/exports.md)."""
        from diplowatch.store.clusters import with_clusters
        from diplowatch.store.events import events_relation
        from diplowatch.store.export import export_relation
        from diplowatch.store.standard_exports import STANDARD_FORMATS, write_standard

        self.require_db()
        with self.connect() as con:
            if fmt in STANDARD_FORMATS:
                return write_standard(con, fmt, None if out is None else str(out), **filters)
            rel = events_relation(con, filters.get("since"), filters.get("until"), filters.get("actor"),
                                  filters.get("types") or (), filters.get("include_flagged", False),
                                  filters.get("min_confidence"), as_of=filters.get("as_of"))  # fmt: skip
            if fmt == "table":
                rel = rel.project(
                    "CAST(date AS VARCHAR) AS date, type, source.code AS source, target.code AS target, "
                    "round(intensity, 1) AS intensity, rule, sentence"
                )
            else:
                rel = with_clusters(con, rel, filters.get("as_of"))
            return export_relation(rel, fmt, None if out is None else str(out), title="events")

    def export_clusters(
        self, out: str | os.PathLike[str] | None, fmt: str = "jsonl", min_articles: int = 1,
        as_of: str | None = None,
    ) -> int:  # fmt: skip
        """Write the event clusters (independent acts, the most reported first) in `fmt`."""
        from diplowatch.store.clusters import clusters_relation
        from diplowatch.store.export import export_relation

        self.require_db()
        with self.connect() as con:
            rel = clusters_relation(con, min_articles, as_of)
            columns = [
                "cluster_id",
                "first_date",
                "type",
                "source",
                "target",
                "n_articles",
                "n_outlets",
                "sentence",
            ]
            return export_relation(rel, fmt, None if out is None else str(out), title="event clusters",
                                   table_columns=columns)  # fmt: skip

    # -- reviews -------------------------------------------------------------------------------
    def review(
        self, kind: str, verdict: str, *, doc_id: str | None = None, sentence_index: int | None = None,
        subject: str | None = None, watch: str | None = None, event_id: str | None = None,
        correct: str | None = None, reason: str | None = None, reviewer: str | None = None,
    ) -> bool:  # fmt: skip
        """Store an analyst's review of an event (by `event_id`, or doc, sentence and TYPE|SOURCE|TARGET),
        an evidence row (watch, condition as `subject`, doc, sentence) or a stance (watch, observer code as
        `subject`, doc, sentence). False when it repeats the review in force (nothing stored)."""
        from diplowatch.core.reviews import Review, ReviewError
        from diplowatch.store import reviews as store

        self.require_db()
        with self.connect() as con:
            if event_id is not None:
                found = store.event_by_id(con, event_id)
                if found is None:
                    raise DiplowatchError(f"no event {event_id!r} in {self.settings.db}")
                doc_id, sentence_index, subject = found
            if doc_id is None or sentence_index is None or not subject:
                raise DiplowatchError("a review names its article, sentence and subject (or an event id)")
            if kind != "event" and watch:
                watch = self.load_watch(watch).name if Path(str(watch)).suffix in (".yaml", ".yml") else watch
            machine, sentence, date = store.machine_row(con, kind, watch, doc_id, sentence_index, subject)
            if kind == "ledger":
                machine = self._ledger_step_status(con, str(watch), doc_id, sentence_index, subject)
            if sentence is None:
                raise DiplowatchError(
                    f"no sentence {sentence_index} in article {doc_id!r} in {self.settings.db}"
                )
            if verdict == "right" and machine is None:
                raise DiplowatchError(
                    f"the machine has no {kind} row {subject!r} in article {doc_id!r} sentence {sentence_index}: "
                    "mark it wrong with the correct value to add one"
                )
            review = Review(kind=kind, doc_id=doc_id, sentence_index=sentence_index, subject=subject,
                            verdict=verdict, watch=None if kind == "event" else watch, machine=machine,
                            correct=correct or None, reason=reason, reviewer=reviewer, sentence=sentence,
                            date=date)  # fmt: skip
            try:
                return store.add_review(con, review)
            except ReviewError as exc:
                raise DiplowatchError(f"review: {exc}") from None

    def _ledger_step_status(
        self, con: Any, watch: str, doc_id: str, sentence_index: int, entry_id: str
    ) -> str:
        """The machine's status at the step of ledger entry `entry_id` read from that sentence."""
        from diplowatch.ledger.build import build_ledger
        from diplowatch.ledger.read import ledger_rows

        definition = self.load_watch(watch)
        for entry in build_ledger(definition, ledger_rows(con, definition)):
            if entry.entry_id != entry_id:
                continue
            for step in entry.steps:
                if step.doc_id == doc_id and step.sentence_index == sentence_index:
                    return step.status
        raise DiplowatchError(
            f"the ledger of {watch} has no step of {entry_id!r} from article {doc_id!r} sentence {sentence_index}"
        )

    def export_reviews(self, out: str | os.PathLike[str] | None, fmt: str = "table") -> int:
        from diplowatch.store.export import export_relation
        from diplowatch.store.reviews import reviews_relation

        self.require_db()
        with self.connect() as con:
            columns = [
                "reviewed_at",
                "reviewer",
                "kind",
                "doc_id",
                "sentence_index",
                "subject",
                "verdict",
                "correct",
            ]
            return export_relation(reviews_relation(con), fmt, None if out is None else str(out), title="reviews",
                                   table_columns=columns)  # fmt: skip

    def export_review_gold(self, out: str | os.PathLike[str] | None, watch: str | None = None) -> int:
        """Write the reviews as gold lines (../shared/gold/GUIDELINES.md); returns the items written."""
        import json
        import sys

        from diplowatch.store.review_gold import gold_lines

        self.require_db()
        with self.connect() as con:
            lines = gold_lines(con, watch)
        text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        if out is None:
            sys.stdout.write(text)
        else:
            Path(out).write_text(text, encoding="utf-8")
        return max(0, len(lines) - 1)

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
