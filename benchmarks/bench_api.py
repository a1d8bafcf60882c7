"""Queries at scale: the dashboard's API and the scorecard on a database of 1 M events.

The database is made here, in the benchmark only: a coded corpus (the one bench_code leaves in
build/bench/coded.duckdb, else the bundled sample coded now) is watched once, then every article,
sentence, event, evidence and stance row is copied with new ids and dates shifted by whole days until
the events table holds BENCH_EVENTS rows (default 1,000,000). Then, with the API served in process
(FastAPI's test client, so no network in the figures), each endpoint is asked BENCH_REQUESTS times
(default 40) with a few typical filters, then each page the dashboard's navigation links (the overview
`/` first), and the scorecard is built directly. Before those, the first
/api/scorecard request on a new dashboard is timed (asked at once, and once the started server has
built its copy's scorecard). Goals (issue 15): p99 < 200 ms per endpoint, scorecard < 2 s.

BENCH_API_SOURCE chooses the corpus grown: `auto` (the default: bench_code's coded news when present,
else the sample), `coded` (bench_code's; an error without it), `sample` (the bundled sample, nearly all
about the watch: an evidence-heavy database, ~470,000 evidence and ~420,000 stance rows at 1 M events),
or `both` (the API on the coded news as `auto`, then the scorecard's build time on a database grown
from each). The scorecard's build time is the median of BENCH_SCORECARD_RUNS builds (default 5), each
on a new read-only connection, with the fastest and slowest beside it.
"""

from __future__ import annotations

import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
CODED = REPO / "build" / "bench" / "coded.duckdb"
SAMPLE = REPO / "src" / "diplowatch" / "data" / "sample"
BIN = Path(sys.executable).parent
WATCH = "afghanistan-recognition"

# table -> (columns made unique per copy, date column shifted by the copy's number of days)
COPIED = {
    "articles": (("id", "content_hash"), "published"),
    "sentence_spans": (("doc_id",), "date"),  # sentences is a view over these (text stored once)
    "events": (("event_id", "doc_id"), "date"),
    "coded_articles": (("doc_id",), None),
    "evidence": (("doc_id", "event_id"), "date"),
    "stances": (("doc_id",), "date"),
}

ENDPOINTS = [
    "/api/facts",
    "/api/events",
    "/api/events?type=COERCE",
    "/api/events?actor=USA&since=2021-09",
    "/api/events?offset=5000",
    "/api/articles",
    f"/api/evidence?watch={WATCH}",
    f"/api/stances?watch={WATCH}",
    f"/api/scorecard?watch={WATCH}",
]

# The dashboard's pages, as its navigation bar links them (templates/base.html.j2).
PAGES = ["/", "/events", "/evidence", "/qa", "/reviews", "/docs"]


def _run(*args: str) -> None:
    subprocess.run([str(BIN / "diplowatch"), *args, "--quiet"], check=True, capture_output=True)


SOURCES = ("auto", "coded", "sample", "both")


def base_database(folder: Path, source: str = "auto") -> Path:
    """A coded and watched corpus to copy: bench_code's (`coded`; `auto` when it exists), else the bundled
    sample coded now (`sample`)."""
    db = folder / f"base-{source}.duckdb"
    if source == "coded" or (source == "auto" and CODED.exists()):
        if not CODED.exists():
            raise SystemExit(
                f"{CODED}: absent (run benchmarks/bench_code.py first, or BENCH_API_SOURCE=sample)"
            )
        shutil.copy(CODED, db)
    else:
        _run("run", str(SAMPLE), "--db", str(db))
    _run("watch", WATCH, "--db", str(db))
    return db


def grow(db: Path, target_events: int) -> dict[str, int]:
    """Copy every row with new ids and shifted dates until the events table holds `target_events`."""
    con = duckdb.connect(str(db))
    try:
        base = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        copies = max(0, math.ceil(target_events / max(base, 1)) - 1)
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for table, (unique, date_col) in COPIED.items():
            if table not in tables or copies == 0:
                continue
            replaced = [f"{c} || '~' || k AS {c}" for c in unique]
            if date_col:
                replaced.append(f"CAST({date_col} + to_days(CAST(k AS INTEGER)) AS DATE) AS {date_col}")
            if table == "articles":  # a copy's duplicate points at its own copy of the canonical
                replaced.append(
                    "CASE WHEN duplicate_of IS NULL THEN NULL ELSE duplicate_of || '~' || k END AS duplicate_of"
                )
            con.execute(
                f"INSERT INTO {table} SELECT * EXCLUDE (k) REPLACE ({', '.join(replaced)}) "
                f"FROM (SELECT * FROM {table} WHERE NOT contains(CAST({unique[0]} AS VARCHAR), '~')), "
                f"range(1, {copies + 1}) AS r(k)"
            )
        con.execute("CHECKPOINT")
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in COPIED if t in tables}
    finally:
        con.close()


def latencies(db: Path, requests: int, paths: list[str]) -> dict[str, tuple[float, float]]:
    """(p50, p99) in milliseconds per path, served in process."""
    from fastapi.testclient import TestClient

    from diplowatch.web.app import create_app

    client = TestClient(create_app(str(db)))
    out = {}
    for path in paths:
        client.get(path)  # the first request warms caches; it is not counted
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code, response.text[:200])
        times.sort()
        p99 = times[min(len(times) - 1, math.ceil(0.99 * len(times)) - 1)]
        out[path] = (statistics.median(times), p99)
    return out


def first_scorecard_request(db: Path) -> dict[str, float]:
    """Milliseconds of the first /api/scorecard request on a new dashboard (run first, in a process that
    has not yet imported the watch package or parsed the watch): asked at once, the request takes the
    copy and waits for the scorecard's build; asked once the server has started and warmed its copy, the
    card is there. Also how long that warm-up took from the server's start."""
    from fastapi.testclient import TestClient

    from diplowatch.web.app import create_app

    path = f"/api/scorecard?watch={WATCH}"
    out = {}
    client = TestClient(create_app(str(db)))  # no start-up: the request itself takes the first copy
    start = time.perf_counter()
    assert client.get(path).status_code == 200
    out["asked at once"] = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    with TestClient(create_app(str(db))) as client:  # a started server takes its copy and warms it
        source = client.app.state.source
        while source.warming is None:
            time.sleep(0.01)
        source.warming.join()
        out["warm-up after the server starts"] = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        assert client.get(path).status_code == 200
        out["asked after the warm-up"] = (time.perf_counter() - start) * 1000
    return out


def scorecard_seconds(db: Path, runs: int) -> list[float]:
    """Seconds of each of `runs` scorecard builds (by month, no dates), each on a new connection."""
    from diplowatch.report import data
    from diplowatch.store import connect

    times = []
    for _ in range(runs):
        con = connect(str(db), read_only=True)
        try:
            start = time.perf_counter()
            data.scorecard(con, WATCH, by="month")
            times.append(time.perf_counter() - start)
        finally:
            con.close()
    return times


def print_scorecard(db: Path, runs: int, what: str) -> None:
    times = scorecard_seconds(db, runs)
    print(
        f"scorecard ({WATCH}, by month) on {what}: median {statistics.median(times):.2f}s over {runs} builds"
        f" (fastest {min(times):.2f}s, slowest {max(times):.2f}s; goal < 2 s)"
    )


def grown(folder: Path, source: str, target: int) -> tuple[Path, dict[str, int]]:
    db = base_database(folder, source)
    start = time.perf_counter()
    counts = grow(db, target)
    built = time.perf_counter() - start
    print(
        f"database ({_kind(source)}): {counts['events']:,} events, {counts['articles']:,} articles, "
        f"{counts.get('evidence', 0):,} evidence and {counts.get('stances', 0):,} stance rows "
        f"(copied in {built:.0f}s; {os.path.getsize(db) / 1e6:,.0f} MB)"
    )
    return db, counts


def _kind(source: str) -> str:
    if source == "coded" or (source == "auto" and CODED.exists()):
        return "coded news"
    return "the sample, evidence-heavy"


def main() -> int:
    target = int(os.environ.get("BENCH_EVENTS", "1000000"))
    requests = int(os.environ.get("BENCH_REQUESTS", "40"))
    runs = int(os.environ.get("BENCH_SCORECARD_RUNS", "5"))
    source = os.environ.get("BENCH_API_SOURCE", "auto")
    if source not in SOURCES:
        raise SystemExit(f"BENCH_API_SOURCE={source}: expected one of {', '.join(SOURCES)}")
    with tempfile.TemporaryDirectory() as tmp:
        db, _ = grown(Path(tmp), "auto" if source == "both" else source, target)
        print("first /api/scorecard request on a new dashboard:")
        for what, ms in first_scorecard_request(db).items():
            print(f"  {what:<45} {ms:9.1f} ms")
        print(f"API latency over {requests} requests each (in process, goal p99 < 200 ms):")
        for path, (p50, p99) in latencies(db, requests, ENDPOINTS).items():
            flag = "" if p99 < 200 else "   <- over the goal"
            print(f"  {path:<45} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms{flag}")
        print(f"dashboard pages over {requests} requests each (in process, whole HTML pages):")
        for path, (p50, p99) in latencies(db, requests, PAGES).items():
            print(f"  {path:<45} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms")
        print_scorecard(db, runs, _kind("auto" if source == "both" else source))
        if source == "both":
            other = "sample" if CODED.exists() else None
            if other is None:
                print(f"(no coded news at {CODED}: the sample's database was the one above)")
            else:
                db.unlink()
                sample_db, _ = grown(Path(tmp), other, target)
                print_scorecard(sample_db, runs, _kind(other))
    return 0


if __name__ == "__main__":
    sys.exit(main())
