"""Inter-annotator agreement on the items annotated twice, measured by the project's yardstick.

`python training/agreement.py [--scorer ../shared/gold/score_real.py]`: the first annotator's labels
(realnews/world-*.jsonl, afghanistan.jsonl, briefings*.jsonl) are taken as gold, the second annotators'
(every realnews/second-annotator*.jsonl) are turned into the rows diplowatch exports (events, evidence,
stances) and scored with `score_real.py`, unchanged, for each file of second labels and for all of them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SCORER = HERE.parent.parent / "shared" / "gold" / "score_real.py"
SECOND_PREFIX = "second-annotator"  # realnews/second-annotator*.jsonl hold the second labels


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def first_annotations() -> dict[str, dict]:
    rows = {}
    for path in sorted((HERE / "realnews").glob("*.jsonl")):
        if not path.name.startswith(SECOND_PREFIX):
            rows.update({r["id"]: r for r in read(path)})
    return rows


def as_predictions(items: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """The second annotator's labels in the shape of diplowatch's exported rows (best type first)."""
    events, evidence, stances = [], [], []
    for item in items:
        for e in item["events"]:
            target = {"code": e["target"]} if e.get("target") else None
            events.append({"doc_id": item["id"], "type": e["types"][0], "source": {"code": e["source"]},
                           "target": target})  # fmt: skip
        for c in item.get("conditions") or []:
            evidence.append({"doc_id": item["id"], "condition": c["id"], "polarity": c["polarity"]})
        for s in item.get("stances") or []:
            stances.append(
                {"doc_id": item["id"], "observer": {"code": s["observer"]}, "stance": s["stance"][0]}
            )
    return events, evidence, stances


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = parser.parse_args()
    if not args.scorer.is_file():
        print(f"{args.scorer}: no scorer there (it ships with ../shared/gold)", file=sys.stderr)
        return 2
    first = first_annotations()
    seconds = sorted((HERE / "realnews").glob(SECOND_PREFIX + "*.jsonl"))
    worst = 0
    for name, second in [
        *((p.name, read(p)) for p in seconds),
        ("all of them", [r for p in seconds for r in read(p)]),
    ]:
        print(f"# {name}: {len(second)} items")
        code, out = score(second, [first[r["id"]] for r in second], args.scorer)
        print(out, end="")
        worst = max(worst, code)
    return worst


def score(second: list[dict], gold_items: list[dict], scorer: Path) -> tuple[int, str]:
    keys = sorted({k for r in gold_items + second for e in r["events"] for k in (e["source"], e["target"]) if k}
                  | {s["observer"] for r in gold_items + second for s in r.get("stances") or []})  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / n for n in ("gold.jsonl", "events.jsonl", "evidence.jsonl", "stances.jsonl")]
        paths[0].write_text(
            "\n".join(json.dumps(r) for r in [{"aliases": {k: [k] for k in keys}}, *gold_items])
        )
        for path, rows in zip(paths[1:], as_predictions(second), strict=True):
            path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        done = subprocess.run([sys.executable, str(scorer), *map(str, paths)], capture_output=True, text=True)
    return done.returncode, done.stdout


if __name__ == "__main__":
    sys.exit(main())
