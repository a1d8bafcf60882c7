"""Code every pending article of a database, in this process or in a pool of worker processes.

Workers only run the pure coder (articles in, coded articles out); the parent alone writes to
DuckDB, one transaction per chunk, so a killed run keeps every finished chunk and a re-run does the rest.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass

import duckdb

from diplowatch.engine.coder import build_coder
from diplowatch.progress import Advance, ProgressReporter, reporter
from diplowatch.store import articles as article_store
from diplowatch.store import events as event_store

CHUNK_ARTICLES = 40  # small enough for a smooth progress bar, large enough to batch the parser
# A pool gets smaller chunks: workers finish together instead of one waiting on the last big chunk.
POOL_CHUNK_ARTICLES = 10
# A cluster's chunk also crosses the network and the scheduler: larger, to keep that overhead small.
CLUSTER_CHUNK_ARTICLES = 20


@dataclass
class CodeSummary:
    articles: int = 0
    sentences: int = 0
    events: int = 0
    workers: int = 1
    seconds: float = 0.0
    stale: int = 0  # articles coded earlier with other dictionaries (a hint to --recode)
    words: int = 0


_worker_coder = None


def _init_worker(dict_paths: Sequence[str], model: str | None) -> None:
    """Build the coder and load what its first chunk would otherwise wait for (spaCy, gazetteer)."""
    global _worker_coder
    _worker_coder = build_coder(dict_paths, model).warm()


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
        return _code_on_cluster(con, cluster, recode, progress, dict_paths, model, chunk, summary, started)
    with ExitStack() as stack:
        # A pool is started first, so that its workers load spaCy while this process prepares.
        pool = stack.enter_context(_pool(summary.workers, dict_paths, model)) if summary.workers > 1 else None
        coder = build_coder(dict_paths, model)
        ids = event_store.pending_ids(con, recode=recode)
        if not recode:
            summary.stale = event_store.stale_count(con, coder.dictionary_hash)
        chunk = chunk or (CHUNK_ARTICLES if pool is None else POOL_CHUNK_ARTICLES)
        chunks = list(event_store.iter_id_chunks(ids, chunk))

        def store(batch: event_store.PreparedRows) -> None:
            n_sentences, n_events = event_store.write_prepared(con, batch)
            summary.articles += len(batch.doc_ids)
            summary.sentences += n_sentences
            summary.events += n_events

        with reporter(progress).task("coding", len(ids)) as advance:
            if pool is None:
                for id_chunk in chunks:
                    articles = list(article_store.load_articles(con, id_chunk))
                    summary.words += sum(len(a.text.split()) for a in articles)
                    store(
                        event_store.prepare_coded(list(coder.code_articles(articles)), coder.dictionary_hash)
                    )
                    advance(len(id_chunk), "")
            else:
                _code_in_pool(con, pool, chunks, summary, store, advance)
    summary.seconds = time.perf_counter() - started
    return summary


def _code_on_cluster(
    con, cluster, recode, progress, dict_paths, model, chunk, summary, started
) -> CodeSummary:
    from diplowatch.engine.cluster import code_on_cluster, connect_cluster, parse_cluster

    parse_cluster(cluster)  # a bad address is an error even when nothing is left to code
    coder = build_coder(dict_paths, model)  # its dictionary hash only: the workers parse
    ids = event_store.pending_ids(con, recode=recode)
    if not recode:
        summary.stale = event_store.stale_count(con, coder.dictionary_hash)
    if not ids:
        summary.seconds = time.perf_counter() - started
        return summary
    with connect_cluster(cluster, dict_paths, model) as client:
        summary.workers = len(client.nthreads())

        def articles_by_chunk():
            for id_chunk in event_store.iter_id_chunks(ids, chunk or CLUSTER_CHUNK_ARTICLES):
                articles = list(article_store.load_articles(con, id_chunk))
                summary.words += sum(len(a.text.split()) for a in articles)
                yield articles

        def store(batch: event_store.PreparedRows) -> None:
            n_sentences, n_events = event_store.write_prepared(con, batch)
            summary.articles += len(batch.doc_ids)
            summary.sentences += n_sentences
            summary.events += n_events

        with reporter(progress).task("coding", len(ids)) as advance:
            code_on_cluster(client, articles_by_chunk(), store, lambda n: advance(n, ""))
    summary.seconds = time.perf_counter() - started
    return summary


def _pool(workers: int, dict_paths: Sequence[str], model: str | None) -> ProcessPoolExecutor:
    # spawn, not fork: the parent holds DuckDB's threads, which a forked child must not inherit.
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(list(dict_paths), model),
    )
    for _ in range(workers):
        pool.submit(_ready)  # starts every worker now rather than on the first chunk
    return pool


def _code_in_pool(con, pool: ProcessPoolExecutor, chunks, summary, store: Callable, advance: Advance) -> None:
    in_flight: deque[tuple[Future, int]] = deque()
    pending = iter(chunks)
    limit = summary.workers * 2  # bounded, so memory stays flat on any corpus size
    while True:
        while len(in_flight) < limit:
            id_chunk = next(pending, None)
            if id_chunk is None:
                break
            articles = list(article_store.load_articles(con, id_chunk))
            summary.words += sum(len(a.text.split()) for a in articles)
            in_flight.append((pool.submit(_code_chunk, articles), len(id_chunk)))
        if not in_flight:
            break
        future, size = in_flight.popleft()
        store(future.result())
        advance(size, "")
