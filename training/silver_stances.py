"""Silver stances from gold EVENT labels: how many of the stances the guidelines imply the watch finds.

`python training/silver_stances.py [FILE...] [--out DIR] [--show]`. Few news items carry stance labels
(afghanistan.jsonl: 12), but every item carries event labels, and by ../shared/gold/GUIDELINES.md ("Watch
labels") some events are stances: an event between an observer (a state, or UN/EU/NATO/OIC/SCO) and `AFG`,
dated after 2021-08-15, in an item whose text names the Taliban or the Afghan authorities, is
  * `engage` when it is a meeting, an agreement or joint work (CONSULT, AGREE, COOPERATE: either way round)
    or aid the observer gives (AID, observer -> AFG);
  * `reject` when the observer sanctions or strikes them (SANCTION, ASSAULT, observer -> AFG).
An item's own stance labels, where it has any, count too (as accepted stances, not as silver to find).

The watch runs on the items as `watch_eval.py` runs it (the whole pipeline). Printed: recall (silver
stances the watch gives the same observer, with that stance), precision (watch stances that neither a
silver stance nor the item's own labels support), for all items and per file. Default files: the world
training files and afghanistan.jsonl. It never reads a dev set.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
START = "2021-08-15"
ORGANISATIONS = {"UN", "EU", "NATO", "OIC", "SCO"}
TWO_SIDED = {"CONSULT", "AGREE", "COOPERATE"}
ONE_SIDED = {"AID": "engage", "SANCTION": "reject", "ASSAULT": "reject"}
# The text names the Taliban or the Afghan authorities (not Afghans, refugees or the country alone).
AUTHORITIES = re.compile(
    r"\bTaliban|\bTaleban|Islamic Emirate|\bAfghan(?:istan(?:'s)?)?\s+(?:\w+\s+)?(?:authorit\w*|government|"
    r"officials?|ministers?|ministry|delegation|envoy|rulers|leaders?|administration|embassy|diplomats?)\b"
    r"|\bKabul(?:'s)?\s+(?:authorit\w*|government|rulers|administration)|de facto authorities",
    re.IGNORECASE,
)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_observer(code: str, countries: set[str]) -> bool:
    return code in ORGANISATIONS or code in countries


def silver_of(item: dict, countries: set[str]) -> set[tuple[str, str]]:
    """The (observer, stance) pairs the item's gold events imply by the guidelines' definition."""
    if (item.get("date") or "") <= START or not AUTHORITIES.search(item["text"]):
        return set()
    found: set[tuple[str, str]] = set()
    for event in item.get("events") or []:
        source, target = event.get("source"), event.get("target")
        types = set(event.get("types") or [event.get("type")])
        for observer, other, doer in ((source, target, True), (target, source, False)):
            if other != "AFG" or observer == "AFG" or not is_observer(observer or "", countries):
                continue
            if types & TWO_SIDED:
                found.add((observer, "engage"))
            for type_ in types & set(ONE_SIDED) if doer else ():
                found.add((observer, ONE_SIDED[type_]))
    return found


def labelled_of(item: dict) -> set[tuple[str, str]]:
    return {(s["observer"], stance) for s in item.get("stances") or [] for stance in s["stance"]}


def main() -> int:
    from diplowatch.actors.dictionary import load_dictionaries
    from diplowatch.evaluate.realnews import predict

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, help="keep the watch's predictions in this folder")
    parser.add_argument("--show", action="store_true", help="print each miss and each unsupported stance")
    args = parser.parse_args()
    files = args.files or [
        *sorted((HERE / "realnews").glob("world-*.jsonl")),
        HERE / "realnews" / "afghanistan.jsonl",
    ]
    countries = set(load_dictionaries().countries)
    items = {r["id"]: (path.name, r) for path in files for r in read(path)}
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "out"
        rows = [{"id": r["id"], "date": r.get("date"), "text": r["text"]} for _, r in items.values()]
        paths = predict(rows, out)
        predicted: dict[str, set[tuple[str, str]]] = {}
        for line in paths["stances"].read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                predicted.setdefault(row["doc_id"], set()).add((row["observer_code"], row["stance"]))
    tally: Counter[tuple[str, str]] = Counter()
    for item_id, (name, item) in items.items():
        silver = silver_of(item, countries)
        accepted = silver | labelled_of(item)
        got = predicted.get(item_id, set())
        for key in ("all", name):
            tally[key, "silver"] += len(silver)
            tally[key, "found"] += len(silver & got)
            tally[key, "predicted"] += len(got)
            tally[key, "supported"] += len(got & accepted)
        if args.show:
            for observer, stance in sorted(silver - got):
                print(f"MISS {item_id} {observer} {stance} (watch: {sorted(got)}) | {item['text'][:200]}")
            for observer, stance in sorted(got - accepted):
                print(f"UNSUPPORTED {item_id} {observer} {stance} | {item['text'][:200]}")
    print(f"# silver stances from event labels of {len(items)} items in {len(files)} files")
    for key in ["all", *sorted({name for name, _ in items.values()})]:
        silver, found = tally[key, "silver"], tally[key, "found"]
        predicted_n, supported = tally[key, "predicted"], tally[key, "supported"]
        recall = found / silver if silver else 0.0
        precision = supported / predicted_n if predicted_n else 0.0
        print(f"{key}: silver={silver} found={found} recall={recall:.3f} "
              f"predicted={predicted_n} supported={supported} precision={precision:.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
