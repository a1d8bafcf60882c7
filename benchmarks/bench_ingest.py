"""Ingest throughput on ../shared/corpora: documents/s, MB/s and peak memory.

    python benchmarks/bench_ingest.py

Ingests the Current Events JSONL and the White House Markdown folder, each into a fresh temporary
database, then re-runs both (everything already stored) to show the cost of an idempotent re-run.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _shared() -> Path | None:
    for candidate in (os.environ.get("DIPLOWATCH_SHARED"), REPO.parent / "shared"):
        if candidate and Path(candidate, "corpora").is_dir():
            return Path(candidate)
    return None


def _size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        total += sum(f.stat().st_size for f in files if f.is_file())
    return total


def _measure(label: str, sources: list[Path], db: Path) -> tuple[str, int, float, float]:
    from diplowatch.ingest.pipeline import ingest_sources
    from diplowatch.store import connect

    con = connect(db)
    start = time.perf_counter()
    summary = ingest_sources([str(s) for s in sources], con, progress=False)
    seconds = time.perf_counter() - start
    con.close()
    documents = summary.stored + summary.already_stored
    return label, documents, seconds, _size(sources) / 1e6


def main() -> None:
    shared = _shared()
    if shared is None:
        print("bench_ingest: skipped (../shared/corpora is not beside this checkout)")
        return
    corpora = shared / "corpora"
    jsonl = sorted(corpora.glob("*.jsonl"))
    markdown = sorted(p for p in corpora.iterdir() if p.is_dir())
    rows = []
    with tempfile.TemporaryDirectory(prefix="diplowatch-bench-") as tmp:
        rows.append(_measure("JSONL summaries", jsonl, Path(tmp, "jsonl.duckdb")))
        rows.append(_measure("Markdown briefings", markdown, Path(tmp, "md.duckdb")))
        both = Path(tmp, "both.duckdb")
        rows.append(_measure("both, first run", jsonl + markdown, both))
        rows.append(_measure("both, re-run (nothing new)", jsonl + markdown, both))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print("ingest benchmark (../shared/corpora, one process, temporary DuckDB files)")
    print(f"{'input':<28} {'documents':>10} {'seconds':>8} {'docs/s':>8} {'MB':>7} {'MB/s':>6}")
    for label, documents, seconds, megabytes in rows:
        print(
            f"{label:<28} {documents:>10,} {seconds:>8.1f} {documents / seconds:>8,.0f} "
            f"{megabytes:>7.1f} {megabytes / seconds:>6.2f}"
        )
    print(f"peak memory (max RSS of the process): {peak_mb:,.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
