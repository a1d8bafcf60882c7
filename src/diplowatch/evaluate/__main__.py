"""`python -m diplowatch.evaluate [--gold FILE] [--watch-labels FILE] [--only events|watch]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m diplowatch.evaluate", description=__doc__)
    parser.add_argument(
        "--gold", type=Path, help="PLOVER gold JSONL (default: ../shared/gold/plover-gsr.jsonl)"
    )
    parser.add_argument("--watch-labels", type=Path, help="labelled watch sentences (default: tests/data)")
    parser.add_argument("--only", choices=["events", "watch"], help="run one of the two reports")
    args = parser.parse_args(argv)
    if args.only in (None, "events"):
        from diplowatch.evaluate import events

        events.run(args.gold)
    if args.only in (None, "watch"):
        from diplowatch.evaluate import watch

        watch.run(args.watch_labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
