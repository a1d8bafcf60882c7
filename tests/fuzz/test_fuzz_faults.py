"""Faults: `ingest`, `code` (1 and 2 workers) and a watch run are killed with SIGKILL at random moments;
running the command again must give exactly the counts of an uninterrupted run, and a killed `code`
must leave no worker process behind."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diplowatch.store import connect

WATCH = "afghanistan-recognition"
SUBJECTS = ["The Taliban", "Taliban officials", "The interim government in Kabul", "Taliban fighters"]
ACTS = ["barred women from universities", "met envoys from Qatar", "released two foreign prisoners",
        "closed girls' secondary schools", "allowed aid agencies into the province", "detained a journalist",
        "held talks with Pakistan on border security", "promised an amnesty for former soldiers"]  # fmt: skip
OBSERVERS = ["The United States said it was in no rush to recognise the government",
             "Pakistan urged the world to engage with Kabul", "The European Union said aid would depend on rights",
             "China said it would keep its embassy open", "Russia hosted a Taliban delegation in Moscow"]  # fmt: skip
TABLES = ("articles", "sentences", "events", "evidence", "stances")


def _corpus(root: Path, n: int, seed: int = 16) -> Path:
    rng = random.Random(seed)
    root.mkdir()
    for i in range(n):
        lines = [f"{rng.choice(SUBJECTS)} {rng.choice(ACTS)} in district {i}-{k}, officials said on Tuesday."
                 for k in range(4)] + [f"{rng.choice(OBSERVERS)}, a spokesman said after meeting {i}."]  # fmt: skip
        day = f"2022-{1 + i % 12:02d}-{1 + i % 27:02d}"
        (root / f"{day}-report-{i:04d}.txt").write_text(
            f"Report {i}\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8"
        )
    return root


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "diplowatch", *args]


def _counts(db: Path) -> dict[str, int]:
    con = connect(db, read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] if t in names else 0 for t in TABLES
        }
    finally:
        con.close()


def _descendants(pid: int) -> set[int]:
    """Every process below `pid` (read from /proc: each process's parent)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {pid}
    while frontier:
        children = {p for p, parent in parents.items() if parent in frontier} - found
        found |= children
        frontier = children
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _run(args: list[str]) -> subprocess.CompletedProcess:
    done = subprocess.run(_cli(*args), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return done


def _kill_at(args: list[str], seconds: float) -> tuple[bool, set[int]]:
    """Start the command, SIGKILL it after `seconds`; (whether it was still running, its descendants)."""
    process = subprocess.Popen(_cli(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + seconds
    family: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        family |= _descendants(process.pid)
        time.sleep(0.05)
    running = process.poll() is None
    family |= _descendants(process.pid)
    if running:  # poll() has reaped a process that ended: there is nothing left to kill
        try:
            os.kill(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()
    return running, family


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """An uninterrupted ingest, code and watch run: the counts every interrupted run must reach."""
    root = tmp_path_factory.mktemp("faults")
    corpus = _corpus(root / "corpus", 240)
    db = root / "clean.duckdb"
    started = time.monotonic()
    _run(["ingest", str(corpus), "--db", str(db), "--quiet"])
    ingested = root / "ingested.duckdb"
    shutil.copy(db, ingested)
    t_code = time.monotonic()
    _run(["code", "--db", str(db), "--quiet"])
    coded = root / "coded.duckdb"
    shutil.copy(db, coded)
    t_watch = time.monotonic()
    _run(["watch", WATCH, "--db", str(db), "--quiet"])
    times = {"ingest": t_code - started, "code": t_watch - t_code, "watch": time.monotonic() - t_watch}
    return {"corpus": corpus, "counts": _counts(db), "ingested": ingested, "coded": coded, "times": times}


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_kill_ingest_then_rerun_gives_the_clean_counts(clean, tmp_path, seed):
    db = tmp_path / "ingest.duckdb"
    moment = random.Random(seed).uniform(0.3, max(0.6, clean["times"]["ingest"]))
    _kill_at(["ingest", str(clean["corpus"]), "--db", str(db), "--quiet"], moment)
    _run(["ingest", str(clean["corpus"]), "--db", str(db), "--quiet"])
    assert _counts(db)["articles"] == clean["counts"]["articles"]


@pytest.mark.slow
@pytest.mark.parametrize("workers, seed", [(1, 3), (2, 4), (2, 5)])
def test_kill_code_then_rerun_gives_the_clean_counts_and_no_orphans(clean, tmp_path, workers, seed):
    db = tmp_path / "code.duckdb"
    shutil.copy(clean["ingested"], db)
    moment = random.Random(seed).uniform(1.0, max(1.5, clean["times"]["code"]))
    _, family = _kill_at(["code", "--db", str(db), "--quiet", "--workers", str(workers)], moment)
    give_up = time.monotonic() + 15  # a worker notices its parent is gone within a few seconds
    while time.monotonic() < give_up and any(_alive(p) for p in family):
        time.sleep(0.2)
    orphans = sorted(p for p in family if _alive(p))
    for pid in orphans:  # never leave them running, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not orphans, f"worker processes outlived the killed `code`: {orphans}"
    _run(["code", "--db", str(db), "--quiet", "--workers", str(workers)])
    counts = _counts(db)
    assert (counts["sentences"], counts["events"]) == (
        clean["counts"]["sentences"],
        clean["counts"]["events"],
    )


@pytest.mark.slow
@pytest.mark.parametrize("seed", [6, 7])
def test_kill_a_watch_run_then_rerun_gives_the_clean_counts(clean, tmp_path, seed):
    db = tmp_path / "watch.duckdb"
    shutil.copy(clean["coded"], db)
    moment = random.Random(seed).uniform(0.5, max(1.0, clean["times"]["watch"]))
    _kill_at(["watch", WATCH, "--db", str(db), "--quiet"], moment)
    _run(["watch", WATCH, "--db", str(db), "--quiet"])
    counts = _counts(db)
    assert (counts["evidence"], counts["stances"]) == (
        clean["counts"]["evidence"],
        clean["counts"]["stances"],
    )
    assert counts == clean["counts"]
