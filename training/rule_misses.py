"""The rules alone on a fixed sample of the training data: precision, recall and the misses to read.

`python training/rule_misses.py [--out DIR]` codes 2,000 world items (a seeded sample) plus the Afghanistan
and briefings files with `EventCoder(learned=False)` and matches each event's key (type, source, target
country) against the item's gold as `score_real.py` and training/train.py do. It writes the wrong events
and the missed gold events, with their sentences, so rule changes are read against real news (never the
dev sets). Prints rule precision, recall and F1.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from diplowatch.core.records import Article
from diplowatch.events.coder import EventCoder
from diplowatch.events.learned import actor_key, with_target

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from train import matches_gold, source_url  # noqa: E402  (the same key rule and sources as the training)

DATA = HERE / "realnews"
SEED = 20261207
WORLD = 2000


def sample() -> list[dict]:
    world = [json.loads(line) for p in sorted(DATA.glob("world-*.jsonl"))
             for line in p.read_text(encoding="utf-8").splitlines() if line]  # fmt: skip
    random.Random(SEED).shuffle(world)
    rest = [json.loads(line) for name in ("afghanistan", "briefings", "briefings-2")
            for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]  # fmt: skip
    return world[:WORLD] + rest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / ".cache" / "rules")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    rows = sample()
    if args.limit:
        rows = rows[: args.limit]
    coder = EventCoder(learned=False)
    articles = [Article(id=r["id"], text=r["text"], published=r.get("date"), url=source_url(r)) for r in rows]
    n_pred = n_right = n_gold = n_found = 0
    wrong, missed, right = [], [], []
    for row, coded in zip(rows, coder.code_articles(articles), strict=True):
        gold = row.get("events") or []
        keys = {}
        for e in coded.events:
            if e.negated or e.hypothetical:
                continue
            e, _ = with_target(e)
            src = actor_key(e.source and e.source.to_dict())
            if src is None:
                continue
            key = (e.type, src, actor_key(e.target and e.target.to_dict()))
            keys.setdefault(
                key,
                (
                    e.rule,
                    coded.sentences[e.sentence_index].text
                    if e.sentence_index is not None and e.sentence_index < len(coded.sentences)
                    else "",
                ),
            )
        for key, (rule, sent) in keys.items():
            n_pred += 1
            if matches_gold(key, gold):
                n_right += 1
                right.append({"id": row["id"], "key": key, "rule": rule, "sentence": sent})
            else:
                wrong.append({"id": row["id"], "key": key, "rule": rule, "sentence": sent, "gold": gold})
        n_gold += len(gold)
        for g in gold:
            if any(matches_gold(k, [g]) for k in keys):
                n_found += 1
            else:
                missed.append({"id": row["id"], "gold": g, "coded": list(keys), "text": row["text"][:600]})
    p = n_right / n_pred if n_pred else 0.0
    r = n_found / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows_out in (("wrong", wrong), ("missed", missed), ("right", right)):
        text = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows_out)
        (args.out / f"{name}.jsonl").write_text(text, encoding="utf-8")
    print(f"items {len(rows)} predicted {n_pred} right {n_right} gold {n_gold} found {n_found}")
    print(f"rules P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
