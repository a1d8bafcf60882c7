"""`make fuzz`: run the whole campaign and print its figures (exit 1 on any traceback, hang or silent wrong).

python tests/fuzz [--sample N] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1])]

from campaign import campaign  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=1, help="run every N-th case (default: all)")
    parser.add_argument("--verbose", action="store_true", help="print each case's verdict")
    args = parser.parse_args()

    def show(case, verdict):
        if args.verbose or verdict.kind in ("traceback", "hang") or verdict.wrong:
            print(
                f"{case.family}/{case.name}: {verdict.kind}{' WRONG ' + verdict.wrong if verdict.wrong else ''} {verdict.detail[:200]}",
                flush=True,
            )

    with tempfile.TemporaryDirectory(prefix="diplowatch-fuzz-") as root:
        report = campaign(Path(root), sample=args.sample, on_case=show)
    print("\n".join(report.lines()))
    failed = report.counts["traceback"] + report.counts["hang"] + report.counts["silent wrong"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
