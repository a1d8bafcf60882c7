"""`python -m diplowatch.evaluate [--only events|watch|realnews] [--gold FILE] [--watch-labels FILE] [--gold-dir DIR]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPORTS = ("realnews", "events", "watch")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m diplowatch.evaluate", description=__doc__)
    parser.add_argument(
        "--gold", type=Path, help="PLOVER gold JSONL (default: ../shared/gold/plover-gsr.jsonl)"
    )
    parser.add_argument("--watch-labels", type=Path, help="labelled watch sentences (default: tests/data)")
    parser.add_argument(
        "--gold-dir",
        type=Path,
        help="folder of the real-news dev sets and score_real.py (default: ../shared/gold)",
    )
    parser.add_argument("--only", choices=REPORTS, help="run one of the reports")
    args = parser.parse_args(argv)
    if args.only in (None, "realnews"):
        from diplowatch.evaluate import realnews

        realnews.run(args.gold_dir)
    if args.only in (None, "events"):
        from diplowatch.evaluate import events

        print("== PLOVER gold standard (CAMEO-manual sentences)")
        events.run(args.gold)
    if args.only in (None, "watch"):
        from diplowatch.evaluate import watch

        print("== watch labels written for the project (not real news: a regression check only)")
        watch.run(args.watch_labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
