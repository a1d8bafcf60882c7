"""The watch measured on the training items that carry watch labels (not the dev sets).

`python training/watch_eval.py [FILE...] [--half a|b] [--scorer ../shared/gold/score_real.py]`: runs the whole pipeline
(ingest, code, the afghanistan-recognition watch) on realnews/afghanistan.jsonl and the briefing files, and
scores events, condition evidence and stances with `score_real.py`, unchanged, as `make eval` does for the
dev sets. This is where a change to the watch is tried before anyone looks at the dev figures: the
dev sets then say whether it holds on items nobody looked at.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SCORER = HERE.parent.parent / "shared" / "gold" / "score_real.py"
WATCH_FILES = ("afghanistan.jsonl", "briefings.jsonl", "briefings-2.jsonl")
# How a key is recognised in a coded actor (code prefix, country, group or name): the scorer's convention
# for keys that are not a country code.
NAMED_KEYS = {
    "AQ": ["al-Qaeda", "Al Qaeda", "al-Qaida", "AQAP", "AQIM", "IMGMUSALQ"],
    "ISIS": ["Islamic State", "ISIS", "ISIL", "IS-K", "ISKP", "ISK", "IMGMUSISI", "Daesh"],
    "EU": ["EU", "IGOEEC", "IGOEU", "European Union", "European Commission"],
    "UN": [
        "UN",
        "IGOUNO",
        "IGOUN",
        "United Nations",
        "Security Council",
        "General Assembly",
        "UNAMA",
        "UNICEF",
        "UNHCR",
        "WFP",
        "World Food Programme",
        "OCHA",
        "UNESCO",
        "UNRWA",
    ],  # fmt: skip
    "NGO": ["NGO", "Amnesty", "Human Rights Watch", "Red Cross", "ICRC", "Médecins Sans Frontières", "MSF"],
    "NATO": ["NATO", "IGONAT"],
}


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


SPLIT_SEED = "watch-halves-20261207"


def half_of(item_id: str) -> str:
    """The half ("a" or "b") an item falls in: a fixed hash of its id, so the halves never change. Rules are
    developed on half a and checked on half b, as cross-validation does (issue 11)."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{item_id}".encode()).digest()
    return "a" if digest[0] % 2 == 0 else "b"


def gold_file(items: list[dict], out: Path) -> Path:
    keys = {k for r in items for e in r["events"] for k in (e["source"], e["target"]) if k}
    keys |= {s["observer"] for r in items for s in r.get("stances") or []}
    aliases = {k: NAMED_KEYS.get(k, [k]) for k in sorted(keys)}
    out.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [{"aliases": aliases}, *items]) + "\n",
                   encoding="utf-8")  # fmt: skip
    return out


def main() -> int:
    from rule_misses import source_url

    from diplowatch.evaluate.realnews import predict, score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument(
        "--out", type=Path, help="keep the predictions (events, evidence, stances) in this folder"
    )
    parser.add_argument("--half", choices=("a", "b"), help="only the items of this half (see half_of)")
    args = parser.parse_args()
    if not args.scorer.is_file():
        print(f"{args.scorer}: no scorer there (it ships with ../shared/gold)", file=sys.stderr)
        return 2
    files = args.files or [HERE / "realnews" / name for name in WATCH_FILES]
    items = [r for path in files for r in read(path)]
    if args.half:
        items = [r for r in items if half_of(r["id"]) == args.half]
    with tempfile.TemporaryDirectory() as tmp:
        gold = gold_file(items, Path(tmp) / "gold.jsonl")
        (Path(tmp) / "score_real.py").write_bytes(
            args.scorer.read_bytes()
        )  # score() runs the scorer beside the gold
        out = args.out or Path(tmp) / "out"
        # A briefing sentence carries its briefing room's address, as ingesting the briefings gives it,
        # so that the document voice ("we" = the government) applies as it does in use.
        rows = [
            {"id": r["id"], "date": r.get("date"), "text": r["text"], "url": source_url(r)} for r in items
        ]
        paths = predict(rows, out)
        half = f" (half {args.half})" if args.half else ""
        print(f"# {len(items)} items{half} from {', '.join(p.name for p in files)}")
        print(score(gold, paths), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
