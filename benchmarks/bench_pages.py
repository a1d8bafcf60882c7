"""What a reader downloads and waits for: the one-file report and the dashboard's pages.

    python benchmarks/bench_pages.py [DB]

On DB (default build/demo.duckdb, made by `make demo`; a synthetic 100,000-event database when absent)
prints the report's size (raw and gzipped) and build time, and for the dashboard's pages their bytes on
the wire (gzip) and the median of five answer times, with the time a 1.5 Mbit/s link takes for them.
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = (
    "/", "/events", "/qa", "/evidence", "/api/scorecard",
    "/ledger/afghanistan-recognition", "/ledger/afghanistan-recognition/changes.atom",
)  # fmt: skip
LINK_BYTES_PER_S = 1_500_000 / 8


def _database(folder: Path) -> Path:
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "build" / "demo.duckdb"
    if given.exists():
        return given
    sys.path.insert(0, str(REPO / "tests"))
    from report_fixtures import make_big_db

    print(f"{given} not found: a synthetic database of 100,000 events")
    return make_big_db(folder / "big.duckdb", events=100_000, evidence=20_000)


def main() -> None:
    from diplowatch.report import write_report
    from diplowatch.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = _database(folder)
        started = time.perf_counter()
        out = folder / "report.html"
        write_report(db, out, "afghanistan-recognition", command="bench")
        took = time.perf_counter() - started
        raw = out.read_bytes()
        packed = len(gzip.compress(raw))
        print(f"report: {len(raw) / 1e6:.2f} MB ({packed / 1e6:.2f} MB gzipped), built in {took:.1f}s")
        with TestClient(create_app(db)) as client:
            client.get("/")  # the first request makes the dashboard's copy of the database
            for path in PAGES:
                times, size = [], 0
                for _ in range(5):
                    started = time.perf_counter()
                    answer = client.get(path, headers={"Accept-Encoding": "gzip"})
                    times.append(time.perf_counter() - started)
                    size = int(answer.headers.get("content-length") or len(answer.content))
                median = statistics.median(times)
                wire = size / LINK_BYTES_PER_S
                print(f"{path:16} {answer.status_code}  {size / 1000:8.1f} kB on the wire  "
                      f"{median * 1000:7.0f} ms to answer  {wire:5.1f}s at 1.5 Mbit/s")  # fmt: skip


if __name__ == "__main__":
    main()
