"""Code every pending article of a database, in this process or in a pool of worker processes.

Workers only run the pure coder (articles in, coded articles out); the parent alone writes to
DuckDB, one transaction per chunk, so a killed run keeps every finished chunk and a re-run does the rest.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import multiprocessing.connection
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass

import duckdb

from diplowatch.engine.coder import build_coder
from diplowatch.progress import Advance, ProgressReporter, reporter
from diplowatch.store import articles as article_store
from diplowatch.store import events as event_store

# Chunks are cut by text length, not by count: 40 briefings are a thousand times the work of 40
# one-line news items. A chunk is one transaction of the single writer and one task of a worker: big
# enough that the writer's per-chunk cost stays small beside the coding, small enough for a smooth
# progress bar and for workers that finish together.
CHUNK_CHARS = 60_000  # about 9,000 words: in one process a chunk only sets how often the writer commits
CHUNK_MOST_ARTICLES = 200
# A pool or a cluster gets smaller tasks: the last one does not keep the other workers waiting. The
# parent still reads and commits about CHUNK_CHARS at a time, several tasks per query and per
# transaction: a read or a commit costs about as much for 10 short articles as for 60, and the parent's
# time comes out of the cores the workers code on.
POOL_CHUNK_CHARS = 12_000
TASKS_PER_TRANSACTION = CHUNK_CHARS // POOL_CHUNK_CHARS
# The last round of a pool's tasks (about one per worker) is cut this many times finer: a worker that
# finishes first then waits for a quarter of a task, not a whole one.
TAIL_SPLIT = 4


@dataclass
class CodeSummary:
    articles: int = 0
    sentences: int = 0
    events: int = 0
    workers: int = 1
    seconds: float = 0.0
    stale: int = 0  # articles coded earlier with other dictionaries (a hint to --recode)
    words: int = 0
    loading: float = 0.0  # of `seconds`, those spent making the coder ready (models, dictionaries, workers)


_worker_coder = None


def _init_worker(dict_paths: Sequence[str], model: str | None) -> None:
    """Build the coder and load what its first chunk would otherwise wait for (spaCy, gazetteer)."""
    global _worker_coder
    _exit_with_parent()
    _worker_coder = build_coder(dict_paths, model).warm()


def _exit_with_parent() -> None:
    """A worker whose parent is killed (SIGKILL, OOM) exits too instead of lingering as an orphan:
    a thread waits on the parent's sentinel, which closes when the parent dies."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _ready() -> bool:
    return True


def _code_chunk(articles) -> event_store.PreparedRows:
    # Rows are serialised here, in the worker: the parent, which alone writes DuckDB, only loads them.
    coder = _worker_coder
    assert coder is not None, "the pool's initializer builds the coder"
    return event_store.prepare_coded(list(coder.code_articles(articles)), coder.dictionary_hash)


def code_database(
    con: duckdb.DuckDBPyConnection,
    workers: int = 1,
    recode: bool = False,
    progress: bool | ProgressReporter = True,
    dict_paths: Sequence[str] = (),
    model: str | None = None,
    chunk: int | None = None,
    cluster: str | None = None,
) -> CodeSummary:
    """Code the pending articles here, in a pool of `workers` processes, or on a Dask `cluster`
    (`local[:N]` or a scheduler's address); the results are the same either way."""
    started = time.perf_counter()
    summary = CodeSummary(workers=max(1, workers))
    if cluster:
        from diplowatch.engine.cluster import parse_cluster

        parse_cluster(cluster)  # a bad address is an error even when nothing is left to code
    with ExitStack() as stack:
        # in one process, or in a pool's parent, which loads the coder for its workers (`_pool`)
        collector = stack.enter_context(_Collector(active=not cluster))
        coder = build_coder(dict_paths, model)  # on a cluster: for its dictionary hash only
        pool = None
        if not cluster and summary.workers > 1:
            pool = stack.enter_context(_pool(summary.workers, coder, dict_paths, model, collector))
            summary.loading = time.perf_counter() - started
        sized = event_store.pending_sizes(con, recode=recode)
        if not recode:
            summary.stale = event_store.stale_count(con, coder.dictionary_hash)
        if chunk:  # a fixed number of articles per chunk (tests)
            chunks = list(event_store.iter_id_chunks([i for i, _ in sized], chunk))
        elif pool is not None:
            chunks = _pool_tasks(sized, summary.workers)
        else:
            budget = POOL_CHUNK_CHARS if cluster else CHUNK_CHARS
            chunks = list(event_store.iter_sized_chunks(sized, budget, CHUNK_MOST_ARTICLES))
        columns = event_store.coded_columns(con)
        # Tests fix the chunk to see one transaction per chunk; otherwise a pool's or a cluster's tasks
        # are read and written in groups (TASKS_PER_TRANSACTION).
        group = TASKS_PER_TRANSACTION if (pool is not None or cluster) and not chunk else 1

        def load(id_chunks: list[list[str]]) -> Iterator[list]:
            """The articles of each chunk, read with one query for the whole group of chunks."""
            found = {a.id: a for a in article_store.load_articles(con, [i for c in id_chunks for i in c])}
            summary.words += sum(len(a.text.split()) for a in found.values())
            for id_chunk in id_chunks:
                yield [found[i] for i in id_chunk if i in found]

        def store(batch: event_store.PreparedRows) -> None:
            # Without --recode every pending article is uncoded: nothing of theirs to delete first.
            n_sentences, n_events = event_store.write_prepared(con, batch, fresh=not recode, columns=columns)
            summary.articles += len(batch.doc_ids)
            summary.sentences += n_sentences
            summary.events += n_events

        tasks = (
            articles
            for start in range(0, len(chunks), group)
            for articles in load(chunks[start : start + group])
        )
        with reporter(progress).task("coding", len(sized)) as advance:
            writer = _GroupedWriter(store, advance, group)
            if cluster and chunks:
                from diplowatch.engine.cluster import code_on_cluster, connect_cluster

                client, plugin_name = stack.enter_context(connect_cluster(cluster, dict_paths, model))
                summary.loading = time.perf_counter() - started
                summary.workers = len(client.nthreads())
                code_on_cluster(client, plugin_name, tasks, writer.add)
            elif pool is None:
                if chunks:
                    coder.warm()  # what the first chunk would load anyway, timed apart from the coding
                    collector.loaded()
                    summary.loading = time.perf_counter() - started
                for articles in tasks:
                    writer.add(
                        event_store.prepare_coded(list(coder.code_articles(articles)), coder.dictionary_hash)
                    )
            else:
                _code_in_pool(pool, tasks, summary.workers, writer.add)
            writer.flush()
    summary.seconds = time.perf_counter() - started
    return summary


# While the coder loads, a full collection runs only after this many younger ones (instead of 10).
LOADING_FULL_COLLECTION_EVERY = 1_000


class _Collector:
    """The garbage collector during a run in one process or in a pool's parent (`active`). While the
    coder loads (spaCy, the model, dictionaries, gazetteer, judge: most of the process's objects, all of
    them kept), no full collection: each would walk everything loaded so far to free next to nothing. Once it is loaded
    (`loaded`), it is frozen out of the collector's reach while coding: each full collection the parse's
    many small objects set off would otherwise walk it all again. All is as before at the end, so that a
    process coding again and again (`follow`) keeps collecting what it drops; left alone if something
    froze objects before."""

    def __init__(self, active: bool):
        self.owned = active and not gc.get_freeze_count()

    def __enter__(self) -> _Collector:
        self.threshold = gc.get_threshold()
        if self.owned:
            _freeze_at_exit()
            every = max(self.threshold[2], LOADING_FULL_COLLECTION_EVERY)
            gc.set_threshold(self.threshold[0], self.threshold[1], every)
        return self

    def loaded(self) -> None:
        if self.owned:
            gc.freeze()
            gc.set_threshold(*self.threshold)

    def __exit__(self, *_: object) -> None:
        if self.owned:
            gc.set_threshold(*self.threshold)
            gc.unfreeze()


_freezes_at_exit = False


def _freeze_at_exit() -> None:
    """When this process exits, what it still holds (the coder above all) is frozen first: the
    interpreter's last collections then skip it and the system takes the memory back at once, instead of
    Python walking and freeing it object by object (about 0.35 s CPU after a run on short news)."""
    global _freezes_at_exit
    if not _freezes_at_exit:
        atexit.register(gc.freeze)
        _freezes_at_exit = True


def _pool_tasks(sized: Sequence[tuple[str, int]], workers: int) -> list[list[str]]:
    """A pool's tasks, ordered so that its workers finish together: an article longer than a task (a
    long briefing, a task of its own) goes first, the largest first, while the others still have work
    to share; the rest follow in order, and the last `workers` tasks' worth of text is cut TAIL_SPLIT
    times finer."""
    long = sorted((item for item in sized if item[1] > POOL_CHUNK_CHARS), key=lambda item: -item[1])
    rest = [item for item in sized if item[1] <= POOL_CHUNK_CHARS]
    cut, tail = len(rest), 0
    while cut and tail + rest[cut - 1][1] <= workers * POOL_CHUNK_CHARS:
        cut -= 1
        tail += rest[cut][1]
    return [
        *([ident] for ident, _ in long),
        *event_store.iter_sized_chunks(rest[:cut], POOL_CHUNK_CHARS, CHUNK_MOST_ARTICLES),
        *event_store.iter_sized_chunks(rest[cut:], POOL_CHUNK_CHARS // TAIL_SPLIT, CHUNK_MOST_ARTICLES),
    ]


def _pool(
    workers: int, coder, dict_paths: Sequence[str], model: str | None, collector: _Collector
) -> ProcessPoolExecutor:
    """Worker processes holding the coder. Where the system can fork, they are forked from this process
    once it has loaded the coder: they start at once, share its memory until they write to it, and the
    start-up (spaCy, the classifiers, the gazetteer) is paid once rather than once per worker, on cores
    the workers need. Elsewhere each worker is spawned and loads the coder itself."""
    global _worker_coder
    if "fork" in multiprocessing.get_all_start_methods():
        # The workers are forked before this process reads or writes a row, with DuckDB idle; a worker
        # never touches the database (DuckDB's threads are not copied into it), it only codes.
        _worker_coder = coder.warm()
        collector.loaded()  # before the fork: the workers collect as usual
        # The coder's objects move to the collector's permanent generation: a collection in a worker
        # would otherwise write to every one of them and so copy every page the fork shares.
        gc.freeze()
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_exit_with_parent
        )
    else:
        collector.loaded()
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(list(dict_paths), model),
        )
    for _ in range(workers):
        pool.submit(_ready)  # starts every worker now rather than on the first chunk
    return pool


class _GroupedWriter:
    """Stores coded chunks `every` at a time, in one transaction, and advances the progress by the
    articles stored: what a killed run keeps is what the progress showed."""

    def __init__(self, store: Callable[[event_store.PreparedRows], None], advance: Advance, every: int):
        self._store, self._advance, self._every = store, advance, every
        self._waiting: list[event_store.PreparedRows] = []

    def add(self, rows: event_store.PreparedRows) -> None:
        self._waiting.append(rows)
        if len(self._waiting) >= self._every:
            self.flush()

    def flush(self) -> None:
        if self._waiting:
            batch = event_store.merge_prepared(self._waiting)
            self._waiting = []
            self._store(batch)
            self._advance(len(batch.doc_ids), "")


def _code_in_pool(pool: ProcessPoolExecutor, chunks: Iterator[list], workers: int, store: Callable) -> None:
    in_flight: deque[Future] = deque()
    limit = workers * 2  # bounded, so memory stays flat on any corpus size
    while True:
        while len(in_flight) < limit:
            articles = next(chunks, None)
            if articles is None:
                break
            in_flight.append(pool.submit(_code_chunk, articles))
        if not in_flight:
            break
        store(in_flight.popleft().result())
