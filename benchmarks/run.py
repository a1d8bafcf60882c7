"""Run every benchmark that is present: `make bench` (or `python benchmarks/run.py`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
# bench_code leaves its coded news in build/bench for bench_api (1 M events), which runs after it.
BENCHMARKS = ("bench_ingest", "bench_code", "bench_api", "bench_scale", "bench_actors", "bench_pages")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    for name in BENCHMARKS:
        if not (HERE / f"{name}.py").exists():
            print(f"{name}: not present, skipped")
            continue
        print(f"== {name}")
        _load(name).main()
        print()


if __name__ == "__main__":
    main()
