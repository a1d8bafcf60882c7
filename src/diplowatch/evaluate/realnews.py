"""The yardstick on real news: code the blind-annotated dev sets and print `score_real.py`'s lines as they are.

`python -m diplowatch.evaluate --only realnews [--gold-dir DIR]`. For each real-news dev set in the gold
folder (`realnews-dev-*.jsonl`, default `../shared/gold/`) the items go through the pipeline a user runs:
ingest (ids and dates kept, near-duplicates not folded: each item is scored on its own), code, and the
bundled watch. The events, evidence and stances are exported as JSON Lines beside each other under
`build/eval/` and handed to the scorer that ships with the gold sets, unchanged, in a subprocess: its
output is the figure, not a number we recompute.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.errors import InputError

REPO = Path(__file__).resolve().parents[3]
DEFAULT_GOLD_DIR = REPO.parent / "shared" / "gold"
SCORER = "score_real.py"
DEV_SETS = ("realnews-dev-events.jsonl", "realnews-dev-watch.jsonl")
REVIEWED = "reviewed-*.jsonl"


def dev_sets(gold_dir: Path | None = None) -> list[Path]:
    """The real-news dev sets present in `gold_dir`, and any reviewed-*.jsonl gold exported from reviews
    (none when the folder or its scorer is absent)."""
    folder = gold_dir or DEFAULT_GOLD_DIR
    if not (folder / SCORER).is_file():
        return []
    # An organisation's own gold (`diplowatch review export --out DIR/reviewed-NAME.jsonl`) is scored too.
    return [folder / name for name in DEV_SETS if (folder / name).is_file()] + sorted(folder.glob(REVIEWED))


def items_of(gold: Path) -> list[dict]:
    """The news items of a gold file (its first line holds the actor aliases, not an item)."""
    from diplowatch.evaluate.watch import read_labels  # one JSONL reader with line-numbered errors

    rows = read_labels(gold)
    return [{"id": r["id"], "date": r.get("date"), "text": r["text"]} for r in rows if "aliases" not in r]


def predict(items: list[dict], out_dir: Path, watch: str = DEFAULT_WATCH) -> dict[str, Path]:
    """Run the pipeline on `items`; write events, evidence and stances JSONL into `out_dir`."""
    from diplowatch.app import Diplowatch
    from diplowatch.ingest.options import IngestOptions

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / f"{name}.jsonl" for name in ("events", "evidence", "stances")}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "items.jsonl"
        source.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        app = Diplowatch(db=Path(tmp) / "eval.duckdb", progress=False)
        app.ingest([str(source)], IngestOptions(near_dup_threshold=1.0))
        app.code()
        app.run_watch(watch)
        app.export_events(paths["events"], include_flagged=True)
        app.export_watch_rows(watch, "evidence", paths["evidence"])
        app.export_watch_rows(watch, "stances", paths["stances"])
    return paths


def score(gold: Path, paths: dict[str, Path]) -> str:
    """`score_real.py`'s output for these predictions, as it printed it."""
    scorer = gold.parent / SCORER
    command = [sys.executable, str(scorer), str(gold), str(paths["events"]), str(paths["evidence"]),
               str(paths["stances"])]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise InputError(str(scorer), f"the scorer failed: {done.stderr.strip().splitlines()[-1:]}")
    return done.stdout


CONFIDENT = 0.8


def confident_only(paths: dict[str, Path], at_least: float = CONFIDENT) -> dict[str, Path]:
    """The same predictions with only the events at least `at_least` confident (for the calibration line)."""
    kept = [line for line in paths["events"].read_text(encoding="utf-8").splitlines()
            if line and json.loads(line).get("confidence", 0.0) >= at_least]  # fmt: skip
    confident = paths["events"].with_name(f"events-confidence-{at_least}.jsonl")
    confident.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    return {**paths, "events": confident}


def run(gold_dir: Path | None = None, out_root: Path | None = None, quiet: bool = False) -> dict[str, str]:
    """Score every real-news dev set found; returns {set name: scorer output}."""
    found = dev_sets(gold_dir)
    results: dict[str, str] = {}
    if not found:
        if not quiet:
            print(f"real-news dev sets: none found in {gold_dir or DEFAULT_GOLD_DIR} (skipped)")
        return results
    out_root = out_root or REPO / "build" / "eval"
    for gold in found:
        name = gold.name.removesuffix(".jsonl")
        paths = predict(items_of(gold), out_root / name)
        results[name] = score(gold, paths)
        confident = score(gold, confident_only(paths)).splitlines()[0]
        results[f"{name}@{CONFIDENT}"] = confident
        if not quiet:
            print(f"== {name} ({gold}) scored by {SCORER}; predictions in {out_root / name}")
            print(results[name], end="")
            print(
                f"-- only events with confidence >= {CONFIDENT} (their precision is how often such an event is right):"
            )
            print(confident)
    return results


def figures(output: str) -> dict[str, float]:
    """The scorer's last line (`events_p=.. events_r=..`) as numbers."""
    last = output.strip().splitlines()[-1]
    return {key: float(value) for key, value in (pair.split("=") for pair in last.split())}
