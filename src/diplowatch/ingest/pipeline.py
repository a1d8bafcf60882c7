"""The public entry of the ingest stage: read every source, clean, de-duplicate, store in batches.

    from diplowatch.ingest.pipeline import ingest_sources
    summary = ingest_sources(["news/", "https://example.org/feed.xml", "-"], con)

Sources are files, folders (walked recursively), http(s) URLs (pages or feeds) and "-" for
standard input. Problems with one input become one Issue line and the run goes on.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from diplowatch.errors import DiplowatchError
from diplowatch.ingest import files, web
from diplowatch.ingest.assemble import Assembler, id_basis
from diplowatch.ingest.options import IngestOptions
from diplowatch.ingest.raw import Issue, RawDoc, Skip
from diplowatch.ingest.writer import ArticleWriter
from diplowatch.progress import ProgressReporter, reporter
from diplowatch.store import articles as store

__all__ = ["IngestOptions", "IngestSummary", "ingest_sources"]


@dataclass
class IngestSummary:
    new: int = 0  # canonical articles added
    already_stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    non_english: int = 0  # among the new ones
    skipped: int = 0  # inputs or records that could not be used
    warnings: int = 0
    inputs: int = 0
    inputs_unchanged: int = 0
    issues: list[Issue] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Articles this run added (canonical ones and folded duplicates)."""
        return self.new + self.exact_duplicates + self.near_duplicates

    @property
    def anything_read(self) -> bool:
        return self.stored > 0 or self.already_stored > 0

    def line(self) -> str:
        parts = [f"{self.new:,} new articles", f"{self.already_stored:,} already stored"]
        if self.exact_duplicates or self.near_duplicates:
            parts.append(
                f"{self.exact_duplicates:,} exact and {self.near_duplicates:,} near duplicates folded"
            )
        if self.non_english:
            parts.append(f"{self.non_english:,} not in English (stored, not coded)")
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped")
        if self.warnings:
            parts.append(f"{self.warnings:,} warnings")
        return "; ".join(parts)


@dataclass
class _Input:
    kind: str  # file | url | stdin
    display: str  # as the user wrote it (paths relative to where they ran the command)
    key: str  # absolute path or URL: the same whatever the working directory


def _database_files(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The store's own file and WAL: `diplowatch ingest .` must not read its database as input."""
    rows = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()
    paths = {os.path.abspath(row[0]) for row in rows if row[0]}
    return paths | {f"{p}.wal" for p in paths}


def _expand(sources: Iterable[str], report, exclude: set[str]) -> Iterator[_Input]:
    seen: set[str] = set(exclude)
    for source in sources:
        if source == "-":
            yield _Input("stdin", "stdin", "stdin")
            continue
        if web.is_url(source):
            try:
                web.check_scheme(source)
            except Skip as exc:
                report(Issue(source, exc.problem))
                continue
            if source not in seen:
                seen.add(source)
                yield _Input("url", source, source)
            continue
        path = Path(source)
        if not path.exists() and not path.is_symlink():
            report(Issue(source, "no such file or directory"))
            continue
        found = files.walk(path) if path.is_dir() else [path]
        for file in found:
            key = os.path.abspath(file)
            if key not in seen:
                seen.add(key)
                yield _Input("file", str(file), key)


def ingest_sources(
    sources: list[str],
    con: duckdb.DuckDBPyConnection,
    options: IngestOptions | None = None,
    progress: bool | ProgressReporter = True,
) -> IngestSummary:
    """Read, clean, de-duplicate and store the articles of `sources`; returns what happened."""
    options = options or IngestOptions()
    summary = IngestSummary()

    def report(issue: Issue) -> None:
        summary.issues.append(issue)
        if issue.kind == "warning":
            summary.warnings += 1
        else:
            summary.skipped += 1
        if options.on_issue is not None:
            options.on_issue(issue)

    def report_counted(issue: Issue) -> None:
        # The writer counts its own skips; only forward the line.
        summary.issues.append(issue)
        if options.on_issue is not None:
            options.on_issue(issue)

    reader = _Reader(con, options, summary, report)
    writer = ArticleWriter(con, summary, options.near_dup_threshold, options.batch_size, report_counted)
    inputs = list(_expand(sources, report, _database_files(con)))
    summary.inputs = len(inputs)
    try:
        with reporter(progress).task("ingest", len(inputs)) as advance:
            for item in inputs:
                reader.ingest(item, writer)
                advance(1, f"{reader.articles_read:,} articles · {item.display}")
        writer.flush()
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DiplowatchError(f"could not store articles ({first}); what was committed is kept") from exc
    return summary


class _Reader:
    """Reads one input at a time into the writer, turning every failure into one Issue."""

    def __init__(self, con, options: IngestOptions, summary: IngestSummary, report):
        self.options = options
        self.summary = summary
        self.report = report
        self.known = store.known_sources(con)
        self.assembler = Assembler(options.boilerplate)
        self.articles_read = 0  # for the progress bar: the writer only counts at each commit

    def ingest(self, item: _Input, writer: ArticleWriter) -> None:
        try:
            if item.kind == "file":
                self._file(item, writer)
            elif item.kind == "url":
                self._url(item, writer)
            else:
                self._stdin(item, writer)
        except Skip as exc:
            self.report(Issue(item.display, exc.problem))
        except duckdb.Error:
            raise  # the store failing is not a problem of this input: stop the run
        except Exception as exc:  # a reader library failing on odd input must not stop the run
            message = str(exc).splitlines()[0][:160] if str(exc) else ""
            self.report(
                Issue(
                    item.display, f"could not read ({type(exc).__name__}{': ' + message if message else ''})"
                )
            )

    def _unchanged(self, key: str, fingerprint: str | None) -> bool:
        known = self.known.get(key)
        if fingerprint is not None and known is not None and known[0] == fingerprint:
            self.summary.already_stored += known[1]
            self.summary.inputs_unchanged += 1
            self.articles_read += known[1]
            return True
        return False

    def _file(self, item: _Input, writer: ArticleWriter) -> None:
        path = Path(item.display)
        fingerprint = files.fingerprint(path)
        if self._unchanged(item.key, fingerprint):
            return
        data = files.read_bytes(path, self.options.max_bytes)
        kind = files.kind_of(path)
        if kind is None:
            if files.is_binary(data):
                raise Skip("binary file")
            if path.suffix:
                raise Skip(
                    f"unsupported file type ({path.suffix}); readable: {', '.join(sorted(files.SUFFIX_KINDS))}"
                )
            kind = files.sniff(data)
            if kind is None:
                raise Skip("not a recognised kind of document")
        docs = files.read_as(kind, data, item.display, path.name, self.options)
        self._store(docs, item, writer, fingerprint)

    def _url(self, item: _Input, writer: ArticleWriter) -> None:
        options = self.options
        fetched = options.prefetched.get(item.key) or web.fetch(
            item.key, options.timeout, options.max_bytes, options.max_redirects, options.allow_private
        )
        fingerprint = hashlib.sha256(fetched.data).hexdigest()[:32]
        if self._unchanged(item.key, fingerprint):
            return
        kind = files.sniff(fetched.data, fetched.content_type)
        if kind is None:
            raise Skip(f"unsupported content type ({fetched.content_type or 'unknown'})")
        if kind == "html":
            from diplowatch.ingest.markup import read_html

            if files.is_binary(fetched.data):
                raise Skip("binary content")
            docs = read_html(fetched.data, item.display, url=fetched.url)
        else:
            docs = files.read_as(kind, fetched.data, item.display, Path(fetched.url).name, options)
        self._store(docs, item, writer, fingerprint)

    def _stdin(self, item: _Input, writer: ArticleWriter) -> None:
        data = sys.stdin.buffer.read(self.options.max_bytes + 1)
        if not data.strip():
            raise Skip("empty input")
        if len(data) > self.options.max_bytes:
            raise Skip(
                f"too large (over {files.human_bytes(self.options.max_bytes)}; raise the cap with --max-bytes)"
            )
        kind = files.sniff(data) or "text"
        self._store(files.read_as(kind, data, item.display, "stdin", self.options), item, writer, None)

    def _store(
        self, docs: Iterator[RawDoc | Issue], item: _Input, writer: ArticleWriter, fingerprint
    ) -> None:
        count = reported = 0
        for doc in docs:
            if isinstance(doc, Issue):
                self.report(doc)
                reported += 1
                continue
            article, issues = self.assembler.build(doc, id_basis(doc.source, item.display, item.key))
            for issue in issues:
                self.report(issue)
                reported += 1
            if article is not None:
                writer.add(article)
                count += 1
                self.articles_read += 1
        if count and item.kind != "stdin":
            writer.source_done(item.key, fingerprint, count)
        if not count and not reported:  # a CSV with a header only, an empty list: say so, never silence
            self.report(Issue(item.display, "no articles in it (no records, or none with text)"))
