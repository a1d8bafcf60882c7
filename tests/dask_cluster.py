"""A real Dask cluster on 127.0.0.1 for the cluster tests and the coding benchmark: one `dask scheduler`
and single-threaded `dask worker` processes, started as a user would start them (docs/scale.md)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DASK = Path(sys.executable).parent / "dask"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def tcp_cluster(workers: int = 2) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """Yields the scheduler's address and the worker processes, once every worker has joined. The workers
    run without a nanny, so one that is killed stays dead (the tests kill one mid-run)."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "error"}
    quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    common = ["--no-dashboard", "--host", "127.0.0.1"]
    started = [subprocess.Popen([str(DASK), "scheduler", "--port", str(port), *common], **quiet)]
    try:
        worker = [str(DASK), "worker", address, "--nthreads", "1", "--no-nanny", *common]
        procs = [subprocess.Popen(worker, **quiet) for _ in range(workers)]
        started.extend(procs)
        _wait_for_workers(address, workers)
        yield address, procs
    finally:
        for proc in reversed(started):
            proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_for_workers(address: str, workers: int) -> None:
    from distributed import Client

    deadline = time.monotonic() + 60
    while True:  # the scheduler may not listen yet
        try:
            with Client(address, timeout="5s") as client:
                client.wait_for_workers(workers, timeout=90)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
