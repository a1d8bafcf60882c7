"""Incremental at any size: ingest, code and watch 1,000 new items on a database of >= 100,000 articles
against the same on an empty database (time and peak memory of each step, each in a fresh process).

    python benchmarks/bench_scale.py [--copies 50] [--keep build/bench-scale.duckdb]

How the large database is built (said here because it is not 100,000 articles coded one by one):
  1. seed: 2,000 items of ../shared/corpora/current-events-2021-2022.jsonl (every 6th line) are
     ingested and coded for real;
  2. copies: each canonical seed article is copied `--copies` times (default 50: 102,000 articles)
     with id `<id>~k` and every date (article, sentences, events) moved k × 30 days later. A copy
     keeps its original's text and coded rows (sentences, actors, events), so the stored state is
     what ingest + code give for articles of that text; its content hash and MinHash signature are
     those of a distinct article (the original's, salted per copy: the hash re-hashed with k, the
     signature XOR-ed with a random mask), so no copy is a duplicate of another and the LSH band
     rows spread as a corpus of distinct texts does;
  3. the watch runs over all of it (a real, full run), so the measured run is an incremental one.
The new items are 1,000 other lines of the same corpus (every 12th line from the 4th), never in
the seed. Each step's figure is the median of `--runs` runs (BENCH_SCALE_RUNS, default 3), each on a
fresh empty database and a fresh copy of the large one, taking turns. After the first measured run, the
large database's watch is rebuilt in full and its evidence and stance rows compared with those the
incremental runs left.

`--keep PATH` keeps the built large database there and reuses it on the next run (the measured
steps always run on a copy). The goal (issue 17): each step within 1.5x of the empty database.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WATCH = "afghanistan-recognition"
SEED_ITEMS, NEW_ITEMS, SHIFT_DAYS = 2000, 1000, 30


def _shared() -> Path | None:
    for candidate in (os.environ.get("DIPLOWATCH_SHARED"), REPO.parent / "shared"):
        if candidate and Path(candidate, "corpora", "current-events-2021-2022.jsonl").is_file():
            return Path(candidate)
    return None


STEP = """
import json, resource, sys, time
from diplowatch.store import connect
step, db, arg = sys.argv[1:4]
con = connect(db)
start = time.perf_counter()
if step == "ingest":
    from diplowatch.ingest.pipeline import ingest_sources
    info = ingest_sources([arg], con, progress=False).line()
elif step == "code":
    from diplowatch.engine import code_database
    done = code_database(con, workers=1, progress=False)
    info = f"{done.articles:,} articles coded"
else:
    from diplowatch.watch import load_watch, run_watch
    done = run_watch(con, load_watch(arg), progress=False, force=step == "rebuild")
    info = f"{done['articles']:,} articles judged, {done['evidence']:,} evidence, {done['stances']:,} stances"
seconds = time.perf_counter() - start
con.close()
try:  # this process's own high-water mark (ru_maxrss would include the parent's, kept across exec)
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "info": info}))
"""


def _step(step: str, db: Path, arg: str) -> dict:
    """One step in a fresh interpreter, so its peak memory is its own."""
    done = subprocess.run([sys.executable, "-c", STEP, step, str(db), arg], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"bench_scale: step {step} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _write_items(corpus: Path, out: Path, start: int, every: int, count: int) -> None:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(lines[start::every][:count]) + "\n", encoding="utf-8")


def _copy_rows(con, table: str, copies: int, replace: dict[str, str], where: str) -> None:
    """Insert `copies` copies of the seed rows of `table`, with some columns rewritten (k = copy no.)."""
    from diplowatch.store.bulk import table_columns

    columns = list(table_columns(con, table))
    select = ", ".join(replace.get(c, f't."{c}"') for c in columns)
    quoted = ", ".join(f'"{c}"' for c in columns)
    con.execute(
        f"INSERT INTO {table} ({quoted}) SELECT {select} FROM {table} t, range(1, ?) r(k) WHERE {where}",
        [copies + 1],
    )


def _shifted(column: str) -> str:
    return f"t.{column} + CAST(k * {SHIFT_DAYS} AS INTEGER)"


def _replicate(con, copies: int) -> None:
    """Copies of every coded seed article (see the module docstring), in one transaction."""
    import numpy as np

    from diplowatch.clean.dedupe import DEFAULT_THRESHOLD, SCHEME, band_keys_of, band_scheme

    seed = "t.id NOT LIKE '%~%' AND t.duplicate_of IS NULL"
    by_doc = "t.doc_id NOT LIKE '%~%'"
    suffix = "|| '~' || k"
    con.execute("BEGIN TRANSACTION")
    _copy_rows(
        con,
        "articles",
        copies,
        {
            "id": f"t.id {suffix}",
            "published": _shifted("published"),
            "content_hash": "substr(md5(t.content_hash || '~' || k), 1, 32)",
        },
        seed,
    )
    _copy_rows(
        con, "sentence_spans", copies, {"doc_id": f"t.doc_id {suffix}", "date": _shifted("date")}, by_doc
    )
    _copy_rows(
        con,
        "events",
        copies,
        {"event_id": f"t.event_id {suffix}", "doc_id": f"t.doc_id {suffix}", "date": _shifted("date")},
        by_doc,
    )
    _copy_rows(
        con,
        "coded_articles",
        copies,
        {"doc_id": f"t.doc_id {suffix}", "coded_at": "current_timestamp"},
        by_doc,
    )
    signatures = con.execute(
        "SELECT id, signature FROM article_minhash WHERE scheme = ? AND id NOT LIKE '%~%' ORDER BY id",
        [SCHEME],
    ).fetchall()
    rng = np.random.default_rng(17)
    scheme = band_scheme(DEFAULT_THRESHOLD)
    for k in range(1, copies + 1):
        mask = rng.integers(0, 2**32, size=128, dtype=np.uint32)
        ids, blobs, lsh = [], [], ([], [], [])
        for ident, blob in signatures:
            values = np.frombuffer(blob, dtype="<u4") ^ mask
            ids.append(f"{ident}~{k}")
            blobs.append(values.astype("<u4").tobytes())
            for band, key in enumerate(band_keys_of(values, DEFAULT_THRESHOLD)):
                lsh[0].append(band)
                lsh[1].append(key)
                lsh[2].append(f"{ident}~{k}")
        con.execute(
            "INSERT INTO article_minhash (id, scheme, signature) SELECT unnest(?::VARCHAR[]), ?, unnest(?::BLOB[])",
            [ids, SCHEME, blobs],
        )
        con.execute(
            "INSERT INTO article_lsh (scheme, band, key, id) "
            "SELECT ?, unnest(?::SMALLINT[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[])",
            [scheme, *lsh],
        )
    con.execute("COMMIT")


def _build(db: Path, seed_file: Path, copies: int) -> None:
    from diplowatch.engine import code_database
    from diplowatch.ingest.pipeline import ingest_sources
    from diplowatch.store import connect
    from diplowatch.watch import load_watch, run_watch

    con = connect(db)
    try:
        started = time.perf_counter()
        ingest_sources([str(seed_file)], con, progress=False)
        code_database(con, workers=1, progress=False)
        seeded = time.perf_counter()
        _replicate(con, copies)
        copied = time.perf_counter()
        run_watch(con, load_watch(WATCH), progress=False)
        watched = time.perf_counter()
        n = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        print(
            f"built {n:,} articles: seed ingest+code {seeded - started:.0f} s, copies {copied - seeded:.0f} s, "
            f"full watch {watched - copied:.0f} s"
        )
    finally:
        con.close()


def _rows_digest(db: Path) -> str:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        digest = hashlib.sha256()
        for table in ("evidence", "stances"):
            for row in con.execute(f"SELECT * FROM {table} WHERE watch = ? ORDER BY ALL", [WATCH]).fetchall():
                digest.update(repr(row).encode())
        return digest.hexdigest()[:16]
    finally:
        con.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="copies of the 2,000 seed articles")
    parser.add_argument("--keep", type=Path, default=None, help="keep (and reuse) the large database here")
    # A step takes one to five seconds, so one run is at the mercy of a busy second: medians of 3.
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("BENCH_SCALE_RUNS", "3")),
        help="measured runs per step (default 3, or BENCH_SCALE_RUNS); each figure their median",
    )
    args = parser.parse_args(argv or [])
    shared = _shared()
    if shared is None:
        print("bench_scale: skipped (../shared/corpora is not beside this checkout)")
        return
    corpus = shared / "corpora" / "current-events-2021-2022.jsonl"
    with tempfile.TemporaryDirectory(prefix="diplowatch-scale-") as tmp:
        work = Path(tmp)
        seed_file, new_file = work / "seed.jsonl", work / "new-items.jsonl"
        _write_items(corpus, seed_file, 0, 6, SEED_ITEMS)
        _write_items(corpus, new_file, 3, 12, NEW_ITEMS)
        large = args.keep or work / "large.duckdb"
        if not large.exists():
            _build(large, seed_file, args.copies)
        runs: dict[str, dict[str, list[dict]]] = {"empty": {}, "large": {}}
        for k in range(args.runs):  # empty and large take turns: a slow minute falls on both alike
            for label in runs:
                db = work / f"{label}-{k}.duckdb"
                if label == "large":
                    shutil.copyfile(large, db)
                for step, arg in (("ingest", str(new_file)), ("code", ""), ("watch", WATCH)):
                    runs[label].setdefault(step, []).append(_step(step, db, arg))
                if label == "large" and k == 0:
                    incremental = _rows_digest(db)
                    rebuild = _step("rebuild", db, WATCH)
                    rebuilt = _rows_digest(db)
                db.unlink()
        results = {
            label: {step: _median(found) for step, found in steps.items()} for label, steps in runs.items()
        }
    _report(results, rebuild, incremental == rebuilt, args.runs)


def _median(runs: list[dict]) -> dict:
    """The run with the median time (the lower middle of an even count)."""
    return sorted(runs, key=lambda run: run["seconds"])[(len(runs) - 1) // 2]


def _report(results: dict[str, dict[str, dict]], rebuild: dict, identical: bool, runs: int) -> None:
    print(
        "1,000 new items: empty database vs the large one (each step in a fresh process, on a fresh copy; "
        f"the median of {runs} run(s); goal <= 1.5x)"
    )
    print(
        f"{'step':<8} {'empty s':>8} {'large s':>8} {'ratio':>6} {'empty MB':>9} {'large MB':>9} {'ratio':>6}"
    )
    total = {"empty": 0.0, "large": 0.0}
    for step in ("ingest", "code", "watch"):
        empty, large = results["empty"][step], results["large"][step]
        total["empty"] += empty["seconds"]
        total["large"] += large["seconds"]
        print(
            f"{step:<8} {empty['seconds']:>8.1f} {large['seconds']:>8.1f} {large['seconds'] / empty['seconds']:>6.2f} "
            f"{empty['peak_mb']:>9,.0f} {large['peak_mb']:>9,.0f} {large['peak_mb'] / empty['peak_mb']:>6.2f}"
        )
    print(
        f"{'total':<8} {total['empty']:>8.1f} {total['large']:>8.1f} {total['large'] / total['empty']:>6.2f}"
    )
    for step in ("ingest", "watch"):
        print(f"  {step} on the large database: {results['large'][step]['info']}")
    print(f"full rebuild of the watch on the large database: {rebuild['seconds']:.0f} s ({rebuild['info']})")
    print(f"rebuild vs incremental evidence and stances: {'identical' if identical else 'DIFFERENT'}")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
