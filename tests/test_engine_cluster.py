"""Coding on a Dask cluster gives exactly the events of a local run: a LocalCluster, a real `dask
scheduler` with two `dask worker` processes on 127.0.0.1, and the same with one worker killed mid-run."""

from __future__ import annotations

import shutil
import signal
import subprocess
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dask_cluster import free_port, tcp_cluster
from diplowatch.cli import main
from diplowatch.engine import code_database
from diplowatch.engine.cluster import parse_cluster
from diplowatch.errors import DiplowatchError
from diplowatch.store import connect


def _invoke(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _coded(db: Path) -> tuple[list[tuple], list[tuple]]:
    """Every stored event (ids, types, actors, sentences, everything) and every coded sentence."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        events = con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
        sentences = con.execute("SELECT * FROM sentences ORDER BY doc_id, sentence_index").fetchall()
    finally:
        con.close()
    return events, sentences


@pytest.fixture(scope="module")
def local_db(tmp_path_factory, sample_dir) -> Path:
    """The sample corpus coded in this process: the reference every cluster run must equal."""
    db = tmp_path_factory.mktemp("cluster") / "local.duckdb"
    _invoke("run", str(sample_dir), "--db", str(db), "--quiet")
    return db


def _uncoded_copy(local_db: Path, tmp_path: Path, name: str) -> Path:
    db = tmp_path / name
    shutil.copy(local_db, db)
    con = duckdb.connect(str(db))
    for table in ("events", "sentence_spans", "coded_articles"):  # sentences is a view over the spans
        con.execute(f"DELETE FROM {table}")
    con.close()
    return db


def test_cluster_spec_is_parsed_and_a_bad_one_is_a_one_line_error(local_db):
    assert parse_cluster("local") == ("local", None)
    assert parse_cluster("local:3") == ("local", 3)
    assert parse_cluster("tcp://10.0.0.5:8786") == ("remote", None)
    for bad in ("local:0", "cluster", "10.0.0.5:8786"):
        with pytest.raises(DiplowatchError):
            parse_cluster(bad)
    result = CliRunner().invoke(main, ["code", "--db", str(local_db), "--cluster", "nowhere"])
    assert result.exit_code == 1 and "--cluster nowhere" in result.output and "Traceback" not in result.output


def test_an_unreachable_scheduler_is_a_one_line_error_and_stores_nothing(local_db, tmp_path):
    db = _uncoded_copy(local_db, tmp_path, "unreachable.duckdb")
    port = free_port()
    result = CliRunner().invoke(main, ["code", "--db", str(db), "--cluster", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1 and "no Dask scheduler answers" in result.output
    assert "Traceback" not in result.output
    assert _coded(db) == ([], [])


@pytest.mark.slow  # starts a LocalCluster of two worker processes, each loading spaCy
def test_local_cluster_gives_the_same_events_as_one_process(local_db, tmp_path, monkeypatch):
    db = _uncoded_copy(local_db, tmp_path, "local-cluster.duckdb")
    monkeypatch.setenv("DIPLOWATCH_CLUSTER", "local:2")  # the environment variable alone selects it
    out = _invoke("code", "--db", str(db), "--quiet")
    assert "2 worker(s)" in " ".join(out.output.split())  # rich wraps the line at 80 columns
    events, sentences = _coded(db)
    assert events and (events, sentences) == _coded(local_db)


@pytest.mark.slow  # starts a dask scheduler and two dask workers
def test_tcp_cluster_gives_the_same_events_as_one_process(local_db, tmp_path):
    db = _uncoded_copy(local_db, tmp_path, "tcp.duckdb")
    with tcp_cluster() as (address, _):
        out = _invoke("code", "--db", str(db), "--cluster", address, "--quiet")
    assert "2 worker(s)" in " ".join(out.output.split())  # rich wraps the line at 80 columns
    events, sentences = _coded(db)
    assert events and (events, sentences) == _coded(local_db)


class _KillAfterFirstChunk:
    """A progress reporter that kills one worker once the first chunk is stored, the rest in flight."""

    def __init__(self, victim: subprocess.Popen):
        self.victim = victim
        self.steps: list[int] = []

    @contextmanager
    def task(self, label, total):
        def advance(steps, note=""):
            self.steps.append(steps)
            if len(self.steps) == 1:
                self.victim.send_signal(signal.SIGKILL)
                self.victim.wait()

        yield advance


@pytest.mark.slow  # starts a dask scheduler and two dask workers, and kills one
def test_a_worker_killed_mid_run_costs_only_its_chunks(local_db, tmp_path):
    db = _uncoded_copy(local_db, tmp_path, "killed.duckdb")
    with tcp_cluster() as (address, workers):
        killer = _KillAfterFirstChunk(workers[0])
        con = connect(str(db))
        try:
            summary = code_database(con, cluster=address, chunk=2, progress=killer)
        finally:
            con.close()
        assert workers[0].returncode == -signal.SIGKILL and workers[1].poll() is None
    assert len(killer.steps) > 3, "the worker must die while chunks are still to be coded"
    assert summary.articles == sum(killer.steps)
    events, sentences = _coded(db)
    assert events and (events, sentences) == _coded(local_db)


@pytest.mark.slow  # starts a dask scheduler and two dask workers
def test_a_long_running_cluster_codes_a_later_run_with_that_runs_dictionaries(local_db, tmp_path):
    """The workers keep their coder between runs; a run with other dictionaries must not get it."""
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "groups:\n  - name: Taliban\n    aliases: [Taleban]\n    roles:\n"
        "      - {country: PAK, sector: INS}\n",
        encoding="utf-8",
    )
    reference = _uncoded_copy(local_db, tmp_path, "reference.duckdb")
    _invoke("code", "--db", str(reference), "--dict", str(mine), "--quiet")
    db = _uncoded_copy(local_db, tmp_path, "tcp.duckdb")
    with tcp_cluster() as (address, _):
        _invoke("code", "--db", str(db), "--cluster", address, "--quiet")
        assert _coded(db) == _coded(local_db)
        _invoke("code", "--db", str(db), "--cluster", address, "--recode", "--dict", str(mine), "--quiet")
    events, sentences = _coded(db)
    assert (events, sentences) == _coded(reference) != _coded(local_db)
