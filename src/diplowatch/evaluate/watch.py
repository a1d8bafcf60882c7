"""Score the watch matcher on labelled sentences (tests/data/watch_labels.jsonl), without a database.

Each label: {"id", "text", "date", "conditions": [{"id", "polarity"}], "stances": [{"observer", "stance"}],
"split": "train" | "dev", "watch": name (default afghanistan-recognition)}. Pipeline per sentence:
resolver actors (when the actor dictionaries load) -> WatchMatcher.judge.
Figures: condition F1 (micro over (sentence, condition) pairs), polarity accuracy on the conditions
found correctly, stance accuracy on the labelled stances (observer and stance must both match).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from diplowatch.core.records import ActorMention
from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.errors import InputError
from diplowatch.watch.matcher import WatchMatcher
from diplowatch.watch.schema import load_watch

DEFAULT_LABELS = Path(__file__).resolve().parents[3] / "tests" / "data" / "watch_labels.jsonl"


def read_labels(path: Path) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                raise InputError(f"{path}:{number}", f"not JSON ({exc})") from None
    return rows


def _resolver():
    """The actor resolver when its dictionaries load; None means watch names alone find the actors."""
    try:
        from diplowatch.actors import ActorResolver, load_dictionaries

        return ActorResolver(load_dictionaries())
    except Exception:  # noqa: BLE001 - the evaluation still runs on the watch's own names
        return None


def actors_of(resolver, text: str, date: str | None) -> list[ActorMention]:
    if resolver is None:
        return []
    out: list[ActorMention] = []
    for mention in resolver.find(text, date):
        a = mention.actor
        out.append(
            ActorMention(
                text=a.text,
                name=a.name,
                code=a.code,
                country=a.country,
                sector=a.sector,
                group=a.group,
                kind=mention.kind,
                start=mention.start_char,
                end=mention.end_char,
            )
        )
    return out


def score(rows: list[dict[str, Any]], predictions: dict[str, Any]) -> dict[str, Any]:
    tp = fp = fn = 0
    polarity_right = polarity_total = 0
    stance_right = stance_total = 0
    errors = []
    for row in rows:
        pred = predictions[row["id"]]
        gold_c = {c["id"]: c["polarity"] for c in row.get("conditions", [])}
        pred_c = {f.condition: f.polarity for f in pred.evidence}
        for cid in gold_c.keys() | pred_c.keys():
            if cid in gold_c and cid in pred_c:
                tp += 1
                polarity_total += 1
                if gold_c[cid] == pred_c[cid]:
                    polarity_right += 1
                else:
                    errors.append((row["id"], f"{cid} polarity {pred_c[cid]} != {gold_c[cid]}"))
            elif cid in pred_c:
                fp += 1
                errors.append((row["id"], f"{cid} found, not labelled"))
            else:
                fn += 1
                errors.append((row["id"], f"{cid} missed"))
        pred_s = {s.observer: s.stance for s in pred.stances}
        for label in row.get("stances", []):
            stance_total += 1
            # a label lists every acceptable stance, as the real-news gold does (or names one)
            wanted = label["stance"] if isinstance(label["stance"], list) else [label["stance"]]
            if pred_s.get(label["observer"]) in wanted:
                stance_right += 1
            else:
                errors.append(
                    (
                        row["id"],
                        f"stance {label['observer']} {pred_s.get(label['observer'])} != {label['stance']}",
                    )
                )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(rows),
        "condition_precision": round(precision, 3),
        "condition_recall": round(recall, 3),
        "condition_f1": round(f1, 3),
        "polarity_accuracy": round(polarity_right / polarity_total, 3) if polarity_total else 0.0,
        "stance_accuracy": round(stance_right / stance_total, 3) if stance_total else 0.0,
        "pairs": {"tp": tp, "fp": fp, "fn": fn},
        "stances_labelled": stance_total,
        "errors": errors,
    }


def run(labels_path: Path | str | None = None, show: bool = True, split: str | None = None) -> dict[str, Any]:
    """Score the matcher on the labels (all splits, and per split); print a summary when `show`."""
    rows = read_labels(Path(labels_path) if labels_path else DEFAULT_LABELS)
    if split:
        rows = [r for r in rows if r.get("split", "train") == split]
    resolver = _resolver()
    matchers: dict[str, WatchMatcher] = {}
    predictions = {}
    for row in rows:
        name = row.get("watch", DEFAULT_WATCH)
        if name not in matchers:
            matchers[name] = WatchMatcher(load_watch(name))
        actors = actors_of(resolver, row["text"], row.get("date"))
        predictions[row["id"]] = matchers[name].judge(row["text"], actors, row.get("date"))
    result = score(rows, predictions)
    by_split: dict[str, list] = defaultdict(list)
    for row in rows:
        by_split[row.get("split", "train")].append(row)
    result["splits"] = {
        name: {k: v for k, v in score(part, predictions).items() if k != "errors"}
        for name, part in by_split.items()
    }
    result["resolver"] = resolver is not None
    if show:
        print(
            f"watch: {result['sentences']} sentences  condition F1 {result['condition_f1']:.3f} "
            f"(P {result['condition_precision']:.3f} R {result['condition_recall']:.3f})  "
            f"polarity accuracy {result['polarity_accuracy']:.3f}  stance accuracy {result['stance_accuracy']:.3f}"
            f"  [resolver {'on' if resolver else 'off'}]"
        )
        for name, part in sorted(result["splits"].items()):
            print(
                f"  {name:5} {part['sentences']:4} sentences  F1 {part['condition_f1']:.3f}  "
                f"polarity {part['polarity_accuracy']:.3f}  stance {part['stance_accuracy']:.3f}"
            )
    return result


if __name__ == "__main__":
    import sys

    out = run(sys.argv[1] if len(sys.argv) > 1 else None)
    for rid, problem in out["errors"]:
        print(f"  {rid}: {problem}")
