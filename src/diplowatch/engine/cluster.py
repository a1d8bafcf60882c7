"""Code articles on a Dask cluster: a `LocalCluster` on this machine or an existing scheduler.

The client (this process) stays the one DuckDB writer: it reads a chunk of articles, sends it to a
worker, and stores the rows that come back in one transaction per chunk, so a killed run resumes like a
local one. Each worker builds the coder once, in a worker plugin; a worker lost mid-run costs only the
chunks it held, which the scheduler gives to another worker.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from diplowatch.errors import DiplowatchError
from diplowatch.store import events as event_store

PLUGIN_NAME = "diplowatch-coder"
_LOCAL = re.compile(r"^local(?::(\d+))?$")


def parse_cluster(spec: str) -> tuple[str, int | None]:
    """('local', N or None) for `local[:N]`, ('remote', address) for a scheduler's address; else an error."""
    spec = spec.strip()
    local = _LOCAL.match(spec)
    if local:
        n = int(local.group(1)) if local.group(1) else None
        if n is not None and n < 1:
            raise DiplowatchError(f"--cluster {spec}: a local cluster needs at least one worker")
        return "local", n
    if re.match(r"^(tcp|tls|ws|wss|inproc)://\S+$", spec):
        return "remote", None
    raise DiplowatchError(
        f"--cluster {spec}: expected local, local:N or a scheduler address like tcp://HOST:8786"
    )


class CoderPlugin(WorkerPlugin):
    """Builds the event coder once per worker (a Dask worker plugin). User dictionaries travel as their
    contents, so a remote worker needs no shared disk.

    The plugin is idempotent so that a long-running cluster keeps its coders warm from one run to the
    next; its name carries a digest of the dictionaries and the model, so a run with other dictionaries
    registers (and builds) its own coder instead of reusing one built for different ones."""

    idempotent = True

    def __init__(self, dict_paths: Sequence[str], model: str | None):
        self.dictionaries = [(Path(p).name, Path(p).read_bytes()) for p in dict_paths]
        self.model = model
        digest = hashlib.sha1(repr(model).encode("utf-8"))
        for name, data in self.dictionaries:
            digest.update(name.encode("utf-8") + b"\0" + data)
        self.name = f"{PLUGIN_NAME}-{digest.hexdigest()[:12]}"
        self.coder: Any = None
        self.folder: Path | None = None

    def setup(self, worker: Any = None) -> None:
        from diplowatch.engine.coder import build_coder

        # The user's dictionaries are written where this worker can read them; the coder's hash is of
        # their contents, so it matches the client's.
        self.folder = Path(tempfile.mkdtemp(prefix="diplowatch-dicts-"))
        paths = []
        for i, (name, data) in enumerate(self.dictionaries):
            path = self.folder / f"{i:02d}-{name}"
            path.write_bytes(data)
            paths.append(str(path))
        self.coder = build_coder(paths, self.model).warm()

    def teardown(self, worker: Any = None) -> None:
        self.coder = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def code_chunk_on_worker(articles: list[Any], plugin_name: str) -> event_store.PreparedRows:
    """One chunk, coded by the worker's coder of this run's configuration; rows are serialised here,
    not in the client."""
    from distributed import get_worker

    plugin: Any = get_worker().plugins[plugin_name]
    coder = plugin.coder
    return event_store.prepare_coded(list(coder.code_articles(articles)), coder.dictionary_hash)


@contextmanager
def connect_cluster(spec: str, dict_paths: Sequence[str], model: str | None) -> Iterator[tuple[Any, str]]:
    """A Dask client whose every worker holds a coder, and the name of that coder's plugin (for
    `code_on_cluster`); a local cluster is started and stopped here."""
    from distributed import Client, LocalCluster

    kind, n_workers = parse_cluster(spec)
    # Dask's own start-up and shutdown chatter would bury the progress bar.
    for logger in ("distributed", "bokeh", "tornado"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    plugin = CoderPlugin(dict_paths, model)
    cluster = None
    try:
        if kind == "local":
            cluster = LocalCluster(
                n_workers=n_workers or os.cpu_count() or 1,  # `local`: one worker per core
                threads_per_worker=1,  # spaCy and the rules hold the GIL: one coder per process
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            _probe(spec)
            try:
                client = Client(spec, timeout="15s")
            except (OSError, TimeoutError) as exc:
                raise DiplowatchError(f"--cluster {spec}: no Dask scheduler answers there ({exc})") from None
        try:
            if not client.nthreads():
                try:
                    client.wait_for_workers(1, timeout=60)
                except TimeoutError:
                    raise DiplowatchError(
                        f"--cluster {spec}: no worker joined the scheduler in 60 s"
                    ) from None
            client.register_plugin(plugin, name=plugin.name)
            yield client, plugin.name
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _probe(spec: str) -> None:
    """Fail at once, in one line, when nothing listens at a tcp:// address (Dask would retry for long)."""
    match = re.match(r"^tcp://\[?([^\]]+?)\]?:(\d+)$", spec.strip())
    if not match:
        return
    try:
        socket.create_connection((match.group(1), int(match.group(2))), timeout=10).close()
    except OSError as exc:
        raise DiplowatchError(f"--cluster {spec}: no Dask scheduler answers there ({exc})") from None


def code_on_cluster(
    client: Any,
    plugin_name: str,
    chunks: Iterable[list[Any]],
    store: Callable[[event_store.PreparedRows], None],
) -> None:
    """Send chunks of articles to the cluster, a bounded number at a time, and store each result.

    `chunks` yields lists of articles (read by the caller from the database as they are needed)."""
    from distributed import as_completed

    limit = max(2, 2 * sum(client.nthreads().values()))  # bounded, so memory stays flat on any corpus
    pending = iter(chunks)
    finished = as_completed()

    def submit_next() -> bool:
        articles = next(pending, None)
        if articles is None:
            return False
        finished.add(client.submit(code_chunk_on_worker, articles, plugin_name, pure=False))
        return True

    for _ in range(limit):
        if not submit_next():
            break
    for future in finished:
        rows = future.result()
        future.release()
        store(rows)
        submit_next()
