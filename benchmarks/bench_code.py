"""Coding throughput, in one run: diplowatch against plain spaCy, 1 worker against 2, a Dask cluster
against the local pool, and peak memory per worker.

Two corpora from ../shared, each ingested once into its own database:
  - short news: BENCH_NEWS current-events items (default 2,000), taken evenly across 2021-22;
  - briefings: the first BENCH_BRIEFINGS White House briefing-room documents (default 200).
On each, every measurement runs in a fresh process (so memory figures are honest) on a fresh copy of
the uncoded database:
  1. plain spaCy: `nlp.pipe` over every text with the full en_core_web_sm pipeline (NER included),
     as a whole process (start, load the model, read the texts, parse, exit: as issue 15 measured it)
     and, stricter, its `nlp.pipe` alone with the model loaded;
  2. `diplowatch code` in one process; 3. with `--workers 2`;
  4. with `--cluster tcp://...`: a real `dask scheduler` and two `dask worker` processes on 127.0.0.1,
     first cold (the workers build their coders inside the run), then warm (a second run on the same
     long-running cluster, whose workers kept their coders).
Every words/s figure of `diplowatch code` is a whole process too (spawn to exit); each run also says its
rate once the coder is loaded (`CodeSummary.loading` apart). Each figure is the median of BENCH_RUNS runs
on short news (default 3, taking turns) and of BENCH_BRIEFING_RUNS on the briefings (default 1); a fresh
TCP cluster is measured once, its warm runs as many times.
Goals (issue 15): >= 2.0x plain spaCy; 2 workers >= 1.8x one; the TCP cluster within 15% of the local
pool; <= 1 GB per worker. The coded news database is left in build/bench/coded.duckdb for bench_api.
Figures from a busy machine are noisy: compare ratios measured in the same run. Each local figure
says how many cores other processes kept busy during its run (from /proc/stat): on 2 cores, two workers
beside another job that holds a core are no faster than one.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DIPLOWATCH_SHARED") or REPO.parent / "shared")
NEWS = SHARED / "corpora" / "current-events-2021-2022.jsonl"
BRIEFINGS = SHARED / "corpora" / "wh-briefings-2021h2"
BIN = Path(sys.executable).parent
CODED = REPO / "build" / "bench" / "coded.duckdb"


def _busy_seconds() -> float:
    """CPU seconds the machine has been busy since boot, all processes and cores (0 without /proc)."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(v) for v in stat.readline().split()[1:9]]  # user ... steal (guest is in user)
    except OSError:
        return 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _child(code: str, *args: str) -> dict:
    """Run a measurement in a fresh interpreter; it prints one JSON line last. `whole` is the process's
    wall time from spawn to exit: the issue's "whole processes", the same clock for spaCy and diplowatch.
    `others` is how many cores other processes kept busy meanwhile: two workers gain nothing on a 2-core
    machine where something else holds a core, so a ratio is only worth what its runs' `others` allow."""
    busy, own, start = _busy_seconds(), _own_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    whole = time.perf_counter() - start
    others = max(0.0, _busy_seconds() - busy - (_own_cpu() - own)) / whole
    if done.returncode != 0:
        raise SystemExit(f"bench_code: a measurement failed:\n{done.stderr[-2000:]}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "whole": whole, "others": others}


# Peak memory is each process's own high-water mark (VmHWM): ru_maxrss would carry over the size of the
# process that started it (Linux keeps it across fork and exec).
PEAK = """
def own_peak_mb(pid="self"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0
"""

PLAIN_SPACY = (
    PEAK
    + """
import json, sys, time, duckdb
from diplowatch.nlp import load_nlp
con = duckdb.connect(sys.argv[1], read_only=True)
texts = [r[0] for r in con.execute(
    "SELECT text FROM articles WHERE duplicate_of IS NULL AND language='en'").fetchall()]
con.close()
nlp = load_nlp(full=True)
words = sum(len(t.split()) for t in texts)
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=32):
    pass
seconds = time.perf_counter() - start
print(json.dumps({"words": words, "seconds": seconds, "worker_mb": own_peak_mb()}))
"""
)

# Whole `diplowatch code` runs, start-up included: what a user waits for. A thread samples the pool
# workers' high-water marks while they live; CPU seconds (this process and its children) show the
# work done whatever the machine's load.
CODE = (
    PEAK
    + """
import json, os, resource, sys, threading, time
import diplowatch.engine
from diplowatch.cli import main
summaries = []
def recorded(*args, _code=diplowatch.engine.code_database, **kwargs):
    summaries.append(_code(*args, **kwargs))  # the run's own account: how long loading the coder took
    return summaries[-1]
diplowatch.engine.code_database = recorded
peaks, done = {}, threading.Event()
def sample():
    while not done.wait(0.2):
        for pid in os.listdir("/proc"):
            try:
                if pid.isdigit() and int(open(f"/proc/{pid}/stat").read().split(") ")[1].split()[1]) == os.getpid():
                    peaks[pid] = max(peaks.get(pid, 0.0), own_peak_mb(pid))
            except (OSError, IndexError, ValueError):
                pass
threading.Thread(target=sample, daemon=True).start()
start = time.perf_counter()
try:
    main(["code", "--db", sys.argv[1], "--quiet", *sys.argv[2:]])
except SystemExit as exc:
    if exc.code:
        raise
seconds = time.perf_counter() - start
done.set()
cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
          for f in ("ru_utime", "ru_stime"))
parent = own_peak_mb()
print(json.dumps({"seconds": seconds, "cpu": cpu, "parent_mb": parent, "loading": summaries[-1].loading,
                  "coding": summaries[-1].seconds - summaries[-1].loading,
                  "worker_mb": max(peaks.values()) if peaks else parent}))
"""
)

WORKER_FIGURES = (
    PEAK
    + """
import json, sys
from distributed import Client
def figures():
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return own_peak_mb(), usage.ru_utime + usage.ru_stime
with Client(sys.argv[1], timeout="10s") as client:
    found = client.run(figures)
print(json.dumps({"worker_mb": max(m for m, _ in found.values()), "cpu": sum(c for _, c in found.values())}))
"""
)


def _ingest_news(db: str, count: int, tmp: Path) -> None:
    """`count` items spread evenly over the corpus (its years and topics, not one January)."""
    lines = NEWS.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // count)
    sample = tmp / "news-sample.jsonl"
    sample.write_text("\n".join(lines[::step][:count]) + "\n", encoding="utf-8")
    subprocess.run([str(BIN / "diplowatch"), "ingest", str(sample), "--db", db, "--quiet"], check=True)


def _ingest_briefings(db: str, count: int, tmp: Path) -> None:
    folder = tmp / "briefings-sample"
    folder.mkdir()
    every = sorted(BRIEFINGS.rglob("*.md"))
    step = max(1, len(every) // count)  # across the folders (briefings, statements, speeches...)
    for i, path in enumerate(every[::step][:count]):
        shutil.copy(path, folder / f"{i:04d}-{path.name}")
    subprocess.run([str(BIN / "diplowatch"), "ingest", str(folder), "--db", db, "--quiet"], check=True)


def _median(runs: list[dict], key: str = "whole") -> dict:
    """The run with the median `key` (the lower middle of an even count)."""
    return sorted(runs, key=lambda run: run[key])[(len(runs) - 1) // 2]


def measure(label: str, ingested: str, tmp: Path, keep: Path | None = None, repeats: int = 1) -> None:
    """Each figure is the median of `repeats` runs; plain spaCy, one worker and two take turns, so that a
    slow minute of a shared machine falls on all three alike."""
    plains: list[dict] = []
    local: dict[str, list[dict]] = {"1 worker": [], "2 workers": []}
    for k in range(repeats):
        plains.append(_child(PLAIN_SPACY, ingested))
        for name, args in (("1 worker", []), ("2 workers", ["--workers", "2"])):
            db = str(tmp / f"{label}-{name.replace(' ', '')}-{k}.duckdb")
            shutil.copy(ingested, db)
            local[name].append(_child(CODE, db, *args))
            if name == "1 worker" and keep is not None and k == 0:
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(db, keep)
            Path(db).unlink()
    plain = {**_median(plains), "seconds": _median(plains, "seconds")["seconds"]}
    words = plain["words"]
    runs = {name: _median(found) for name, found in local.items()}
    sys.path.insert(0, str(REPO / "tests"))
    from dask_cluster import tcp_cluster  # the cluster the tests start, started the same way

    with tcp_cluster(2) as (address, _):
        db = str(tmp / f"{label}-tcp.duckdb")
        shutil.copy(ingested, db)
        run = _child(CODE, db, "--cluster", address)
        workers = _child(WORKER_FIGURES, address)
        run["worker_mb"], run["cpu"] = workers["worker_mb"], run["cpu"] + workers["cpu"]
        runs["2-worker TCP cluster"] = run  # fresh workers: once only
        # A long-running cluster keeps its coders between runs (the plugin is idempotent per dictionaries):
        # the next run on it pays no worker start-up, as a deployment that codes every hour would see.
        warm_runs = []
        for k in range(repeats):
            db = str(tmp / f"{label}-tcp-warm-{k}.duckdb")
            shutil.copy(ingested, db)
            warm = _child(CODE, db, "--cluster", address)
            after = _child(WORKER_FIGURES, address)  # the workers' CPU is cumulative: take this run's share
            warm["worker_mb"], warm["cpu"] = after["worker_mb"], warm["cpu"] + after["cpu"] - workers["cpu"]
            workers = after
            warm_runs.append(warm)
        runs["2-worker TCP cluster, warm"] = _median(warm_runs)
    # Both sides as whole processes (start, load, read, work, exit), as issue 15 measured them; spaCy's
    # parse alone (its model already loaded) is printed too, the stricter yardstick.
    plain_rate = words / plain["whole"]
    parse_rate = words / plain["seconds"]
    print(f"{label}: {words:,} words; each figure the median of {repeats} run(s) (a fresh TCP cluster: 1)")
    print(
        f"  plain spaCy, full en_core_web_sm, 1 process:       {plain_rate:>8,.0f} words/s whole process, "
        f"{parse_rate:,.0f} words/s its nlp.pipe alone; peak {plain['worker_mb']:,.0f} MB; "
        f"other processes {plain['others']:.1f} cores"
    )
    one = words / runs["1 worker"]["whole"]
    one_coding = words / runs["1 worker"]["coding"]
    for name, run in runs.items():
        rate = words / run["whole"]
        ratio = (f"{rate / plain_rate:.2f}x plain spaCy, {rate / parse_rate:.2f}x its nlp.pipe alone, "
                 f"{rate / one:.2f}x one worker")  # fmt: skip
        if name.startswith("2-worker TCP cluster"):
            local = words / runs["2 workers"]["whole"]
            ratio += f", {rate / local:.2f}x the local pool"
        # A cluster's workers are not this run's children: they count among the other processes.
        others = (
            "" if name.startswith("2-worker TCP cluster") else f"; other processes {run['others']:.1f} cores"
        )
        print(
            f"  diplowatch code, {name:<28} {rate:>8,.0f} words/s  ({ratio}); "
            f"peak per worker {run['worker_mb']:,.0f} MB; {1000 * run['cpu'] / words:.2f} CPU s per 1,000 words"
            f"{others}"
        )
        # The same run once its coder is loaded (models, dictionaries and, for a pool, its workers: the
        # same seconds with 1 worker or 2): how coding itself scales, which a long corpus approaches.
        coding = words / run["coding"]
        print(
            f"      once the coder is loaded ({run['loading']:.1f} s, then {run['coding']:.1f} s): "
            f"{coding:,.0f} words/s, {coding / one_coding:.2f}x one worker's"
        )


def main() -> int:
    if not NEWS.exists() or not BRIEFINGS.exists():
        print(f"bench_code: skipped, the corpora are absent from {SHARED / 'corpora'}")
        return 0
    news_n = int(os.environ.get("BENCH_NEWS", "2000"))
    briefings_n = int(os.environ.get("BENCH_BRIEFINGS", "200"))
    # Short news is coded in seconds, so one run is at the mercy of a busy minute: medians of 3 by default.
    # A briefings run is long enough (and plain spaCy takes a minute and a half on it) for one.
    news_runs = int(os.environ.get("BENCH_RUNS", "3"))
    briefing_runs = int(os.environ.get("BENCH_BRIEFING_RUNS", "1"))
    print("(whole `diplowatch code` runs, start-up included, each in a fresh process)")
    # The first coder on a machine builds the on-disk cache (gazetteer, dictionaries): not measured.
    _child("from diplowatch.engine import build_coder\nbuild_coder().warm()\nprint('{}')")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        news, briefings = str(tmp / "news.duckdb"), str(tmp / "briefings.duckdb")
        _ingest_news(news, news_n, tmp)
        _ingest_briefings(briefings, briefings_n, tmp)
        measure(f"short news ({news_n:,} current-events items)", news, tmp, keep=CODED, repeats=news_runs)
        measure(f"briefings ({briefings_n:,} White House documents)", briefings, tmp, repeats=briefing_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
