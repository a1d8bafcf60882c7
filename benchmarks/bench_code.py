"""Coding throughput: plain spaCy (full en_core_web_sm pipeline) against `diplowatch code`, same run.

Ingests the White House Markdown corpus from ../shared into a temporary database, then measures, each
in a fresh process so memory figures are honest:
  1. words/s of `nlp.pipe` over every article with the full small English pipeline;
  2. words/s of `diplowatch code` end to end (one process);
  3. the same with `--workers 2`, and the peak memory of the largest process.
Prints the ratios the event-coding issue sets as goals (>= 2.0x plain spaCy; near-linear with 2 workers).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "wh-briefings-2021h2"
BIN = Path(sys.executable).parent


def _child(code: str, *args: str) -> dict:
    """Run a measurement in a fresh interpreter; it prints one JSON line."""
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


PLAIN_SPACY = """
import json, resource, sys, time, duckdb
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
print(json.dumps({"words": words, "seconds": seconds,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


CODE = """
import json, resource, sys, time
from diplowatch.cli import main
start = time.perf_counter()
try:
    main(["code", "--db", sys.argv[1], "--recode", "--quiet", "--workers", sys.argv[2]])
except SystemExit:
    pass
print(json.dumps({"seconds": time.perf_counter() - start,
                  "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _diplowatch_code(db: str, workers: int) -> dict:
    """`diplowatch code` in a fresh process; its own peak and its workers' peak are reported apart."""
    return _child(CODE, db, str(workers))


def main() -> int:
    if not CORPUS.exists():
        print(f"bench_code: skipped, {CORPUS} is absent")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.duckdb")
        subprocess.run([str(BIN / "diplowatch"), "ingest", str(CORPUS), "--db", db, "--quiet"], check=True)
        plain = _child(PLAIN_SPACY, db)
        one = _diplowatch_code(db, 1)
        two = _diplowatch_code(db, 2)
    words = plain["words"]
    plain_rate = words / plain["seconds"]
    one_rate = words / one["seconds"]
    two_rate = words / two["seconds"]
    print(f"corpus: {CORPUS.name}, {words:,} words")
    print(
        f"peak memory: one process {one['parent_mb']:.0f} MB; with 2 workers, parent {two['parent_mb']:.0f} MB, "
        f"largest worker {two['worker_mb']:.0f} MB"
    )
    print(
        f"plain spaCy nlp.pipe (full en_core_web_sm): {plain_rate:>10,.0f} words/s  peak {plain['maxrss_mb']:.0f} MB"
    )
    print(
        f"diplowatch code, 1 worker (end to end):     {one_rate:>10,.0f} words/s  ({one_rate / plain_rate:.2f}x plain spaCy)"
    )
    print(
        f"diplowatch code, 2 workers:                 {two_rate:>10,.0f} words/s  "
        f"({two_rate / one_rate:.2f}x one worker)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
