"""Train the coder's three classifiers (types, roles, verifier) from the blind-annotated real news here.

`make train` (= `python training/train.py`): about ten minutes on two cores. Reads `training/realnews/*.jsonl`
(not the second annotator's copy, not the dev sets), codes every item with the rules alone, and writes
`src/diplowatch/data/models/{event-types,event-roles,event-verifier}/` plus `decision.json` (thresholds
and the cross-validated figures that chose them). See src/diplowatch/events/learned.py for the design.

The verifier learns from the events the rules and the two models propose. So that it sees the models'
proposals as they are on text the models never saw, those proposals are cross-fitted: the items are cut
in K folds, and each fold's proposals come from models trained on the other folds. The decision threshold
is chosen the same way, on held-out folds of the training data, never on a dev set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import minibatch

from diplowatch.core.records import Article
from diplowatch.core.vocabulary import PLOVER_TYPES
from diplowatch.events.coder import EventCoder
from diplowatch.events.learned import (
    COVER,
    FILLED,
    HINTED,
    MODELS,
    ROLES,
    VERIFIED,
    LearnedModels,
    Party,
    Reading,
    actor_key,
    calibrated,
    isotonic,
    origin_of,
    parties,
    proposals,
    role_text,
    select,
    type_text,
    verifier_text,
    with_target,
)

HERE = Path(__file__).resolve().parent
DATA = HERE / "realnews"
OUT = HERE.parent / "src" / "diplowatch" / "data" / "models"
CACHE = HERE / ".cache" / "held-out.jsonl"  # the cross-validated candidates, for --decide (not committed)
SECOND_ANNOTATOR = "second-annotator"  # realnews/second-annotator*.jsonl: second labels, for agreement only
MIN_TYPE = 0.15  # a type the type model gives at least this is proposed; the verifier decides
BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "no_output_layer": False}
SHAPES = {"event-types": (2, 2**16), "event-roles": (3, 2**17), "event-verifier": (3, 2**17)}  # ngrams, rows
# Passes over the training data (`--epochs`). Five overfit less than ten: cross-validated 0.714 / 0.522 / 0.603
# against 0.682 / 0.526 / 0.594 on the seventh round's rules; two gave 0.700 / 0.537 / 0.608 and three
# 0.721 / 0.522 / 0.606. Twenty, dropout 0.4, a 3-gram type model and a tok2vec verifier gained nothing.
EPOCHS = 5
# Whether the type model reads trigger hints (`--hints`, `learned.type_text`) and the verifier whether a trigger
# could give the event's type. Cross-validated with hints: 0.728 / 0.544 / 0.623 (two passes), 0.685 / 0.556 /
# 0.614 (five); but on the dev sets events F1 moved -0.021 and +0.009 (two passes) or +0.003 and +0.003 (five)
# while the Afghanistan set's precision fell 0.688 -> 0.65: not shipped (docs/events.md).
HINTS = False
# The decision wants the best F1 among the settings whose cross-validated precision reaches this; 0 = the
# best F1 of all. Issue 10's bar (0.75) was tried: it cost the PLOVER gold set a third of its type accuracy
# (docs/events.md), so the default is the best F1 and precision is the user's choice by confidence.
TARGET_PRECISION = 0.0
# Settings whose cross-validated F1 is within this of the best count as equal, and the most precise of them
# is taken. 0.005 was tried: it took threshold 0.3 and rule floor 0.3 (P 0.682, F1 0.529 in the folds) and
# the PLOVER gold set's type accuracy fell from 0.63 to 0.53 (the rules' events dropped), so it is off.
F1_TOLERANCE = 0.0
# Issue 10: the PLOVER gold set (CAMEO-manual sentences, `make eval`) may not fall below "today's" figures.
# These are the judge's at the start of the round that brought this guard in (7 December 2026). The decision
# takes the best cross-validated F1 among the settings whose GSR keeps both, trying them best first (each try
# codes the 310 GSR sentences with the new models: seconds). Only the rule floor and the thresholds are
# chosen this way; the models are trained on the real-news items alone.
GSR_FLOOR = {"type_accuracy": 0.629, "f1": 0.621}
GSR_TRIES = 60


@dataclass
class Sentence:
    text: str
    found: list[Party]
    rule_events: list[tuple[str, str, str | None, str, str | None]]  # type, source, target, origin, trigger
    gold: list[dict[str, Any]] = field(default_factory=list)  # the item's events assigned to this sentence


@dataclass
class Item:
    id: str
    gold: list[dict[str, Any]]
    sentences: list[Sentence]


BRIEFINGS = ("whb-", "whb2-")  # sentences of the White House briefing-room corpus (briefings*.jsonl)
BRIEFING_ROOM = "https://bidenwhitehouse.archives.gov/briefing-room/"


def source_url(row: dict) -> str | None:
    """Where an item was published, as ingesting it would record: a briefing sentence comes from the
    White House briefing room (its documents' `source_url`), a current-events item carries no URL."""
    return row.get("url") or (BRIEFING_ROOM if row["id"].startswith(BRIEFINGS) else None)


def read_items() -> list[dict[str, Any]]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        if not path.name.startswith(SECOND_ANNOTATOR):
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows


def prepare(rows: list[dict[str, Any]], coder: EventCoder) -> list[Item]:
    """Each item coded by the rules, with its sentences' parties and the gold events given to sentences."""
    articles = [Article(id=r["id"], text=r["text"], published=r.get("date"), url=source_url(r)) for r in rows]
    items = []
    for row, coded in zip(rows, coder.code_articles(articles), strict=True):
        countries = sorted({a["country"] for s in coded.sentences for a in s.actors if a.get("country")})
        sentences = []
        for s in coded.sentences:
            place = coder.geocoder.locate(s.text, countries) if coder.geocoder else None
            rules = []
            for e in coded.events:
                if e.sentence_index != s.index or e.negated or e.hypothetical:
                    continue
                e, filled = with_target(e)  # as the judge does
                origin = origin_of(e.rule, e.confidence) + (f" {FILLED}" if filled else "")
                rules.append((e.type, actor_key(e.source and e.source.to_dict()),
                              actor_key(e.target and e.target.to_dict()), origin, e.trigger))  # fmt: skip
            rules = [r for r in rules if r[1] is not None]
            sentences.append(Sentence(s.text, parties(s.text, s.actors, place), rules))  # type: ignore[arg-type]
        item = Item(row["id"], row.get("events") or [], sentences)
        _assign_gold(item)
        items.append(item)
    return items


def _assign_gold(item: Item) -> None:
    """A gold event belongs to the first sentence naming its source (else its target, else the first)."""
    if not item.sentences:
        return
    for event in item.gold:
        keys = [{p.key for p in s.found} for s in item.sentences]
        index = next((i for i, k in enumerate(keys) if event["source"] in k), None)
        if index is None:
            index = next((i for i, k in enumerate(keys) if event["target"] in k), 0)
        item.sentences[index].gold.append(event)


def type_examples(items: Sequence[Item]) -> list[tuple[str, dict[str, float]]]:
    return [(type_text(s.text) if HINTS else s.text, {t: float(any(g["types"][0] == t for g in s.gold))
                                                      for t in PLOVER_TYPES})
            for item in items for s in item.sentences]  # fmt: skip


def role_examples(items: Sequence[Item]) -> list[tuple[str, dict[str, float]]]:
    out = []
    for item in items:
        for s in item.sentences:
            for p in s.found:
                cats = {"SOURCE": float(any(g["source"] == p.key for g in s.gold)),
                        "TARGET": float(any(g["target"] == p.key for g in s.gold))}  # fmt: skip
                out.append((role_text(s.text, s.found, p.key), cats))
    return out


def train_textcat(
    name: str, pairs: list[tuple[str, dict[str, float]]], labels: Sequence[str], seed: int
) -> Language:
    ngrams, rows = SHAPES[name]
    spacy.util.fix_random_seed(
        seed
    )  # the same data and seed give the same weights: `make train` reproduces them
    nlp = spacy.blank("en")
    model = {**BOW, "ngram_size": ngrams, "length": rows}
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": model})
    for label in labels:
        textcat.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for text, cats in pairs]
    rng = random.Random(seed)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for batch in minibatch(examples, 32):
            nlp.update(batch, drop=0.2, sgd=optimizer)
    nlp.meta.update({"name": name.replace("-", "_"), "version": "1.0.0",
                     "description": f"diplowatch {name} classifier (training/train.py)"})  # fmt: skip
    return nlp


@dataclass
class Candidate:
    item: str
    sentence: int
    text: str  # what the verifier reads
    key: tuple[str, str, str | None]  # type, source, target
    right: bool
    from_rules: bool
    score: float = 0.0
    fold: int = 0


def candidates(items: Sequence[Item], models: LearnedModels | None) -> list[Candidate]:
    """Every event the rules and (when given) the type and role models propose, labelled against the gold."""
    out = []
    asked = [(s.text, s.found) for item in items for s in item.sentences]
    readings = iter(models.read_many(asked, MIN_TYPE) if models is not None else [Reading() for _ in asked])
    for item in items:
        seen: set[tuple[str, str, str | None]] = set()
        for index, s in enumerate(item.sentences):
            reading = next(readings)
            proposed = list(s.rule_events)
            proposed += [(p.type, p.source, p.target, "MODEL", None) for p in proposals(reading, MIN_TYPE)]
            for type_, source, target, origin, trigger in proposed:
                key = (type_, source, target)
                if key in seen:
                    continue
                seen.add(key)
                text = verifier_text(s.text, s.found, type_, source, target, origin, trigger, reading)
                out.append(
                    Candidate(item.id, index, text, key, matches_gold(key, item.gold), origin != "MODEL")
                )
    return out


def matches_gold(key: tuple[str, str, str | None], gold: list[dict[str, Any]]) -> bool:
    """The scorer's rule on keys: the type accepted, the source and target the same (a mutual act either way)."""
    type_, source, target = key
    for g in gold:
        if type_ not in g["types"]:
            continue
        if g["source"] == source and (g["target"] is None or g["target"] == target):
            return True
        if g["source"] == target and g["target"] == source:
            return True
    return False


def fit_models(items: Sequence[Item], seed: int) -> LearnedModels:
    models = LearnedModels.__new__(LearnedModels)
    models.types = train_textcat("event-types", type_examples(items), PLOVER_TYPES, seed)
    if HINTS:
        models.types.meta["diplowatch_input"] = HINTED  # it reads `type_text`: so must the coder
    models.hinted = HINTS
    models.roles = train_textcat("event-roles", role_examples(items), ROLES, seed)
    return models


def verifier_examples(cands: Sequence[Candidate]) -> list[tuple[str, dict[str, float]]]:
    return [(c.text, {VERIFIED: float(c.right)}) for c in cands]


def ranked_thresholds(
    cands: Sequence[Candidate], n_gold: int
) -> list[tuple[float, float, str, dict[str, float]]]:
    """The verifier thresholds (for the models' proposals, and the floor under the rules' events) and cover
    policies (`learned.select`) with their F1 on held-out candidates, best first: those reaching
    TARGET_PRECISION before the rest, then by F1 (within F1_TOLERANCE of the best counting as equal), then
    the most precise."""
    steps = [s / 100 for s in range(0, 96, 5)]
    by_sentence: dict[tuple[str, int], list[Candidate]] = {}
    for c in cands:
        by_sentence.setdefault((c.item, c.sentence), []).append(c)
    groups = [[(c.key, c.from_rules, c.score) for c in group] for group in by_sentence.values()]
    rights = [[c.right for c in group] for group in by_sentence.values()]
    results = []
    for cover in COVER:
        for threshold in steps[2:]:
            for floor in steps:
                kept = tp = 0
                for group, right in zip(groups, rights, strict=True):
                    chosen = select(group, threshold, floor, cover)
                    kept += len(chosen)
                    tp += sum(right[i] for i in chosen)
                p = tp / kept if kept else 0.0
                r = tp / n_gold if n_gold else 0.0
                f1 = 2 * p * r / (p + r) if p + r else 0.0
                results.append((threshold, floor, cover, {"precision": round(p, 3), "recall": round(r, 3),
                                                          "f1": round(f1, 3)}))  # fmt: skip
    precise = [x for x in results if x[3]["precision"] >= TARGET_PRECISION] or results
    level = max(x[3]["f1"] for x in precise) - F1_TOLERANCE  # at or above it, F1s count as equal

    def rank(x: tuple[float, float, str, dict[str, float]]) -> tuple:
        f = x[3]
        return (
            f["precision"] >= TARGET_PRECISION,
            min(f["f1"], level),
            f["precision"],
            f["f1"],
            -COVER.index(x[2]),
        )

    return sorted(results, key=rank, reverse=True)


def gsr_guarded(ranked: Sequence[tuple[float, float, str, dict[str, float]]], out: Path):
    """The first of the ranked settings whose PLOVER GSR figures reach GSR_FLOOR with the models in `out`
    (the shipped folder: the coder loads its judge from there), and its GSR figures; the first setting and
    None when `out` is elsewhere, when the GSR file is absent, or when none of GSR_TRIES settings keeps it."""
    from diplowatch.evaluate import events as gsr
    from diplowatch.events.learned import bundled_judge, models_folder

    try:
        gold = gsr.find_gold()
    except Exception:
        print("GSR guard: no PLOVER gold file here; the best cross-validated setting is taken", flush=True)
        return ranked[0], None
    if out.resolve() != models_folder().resolve():
        print(f"GSR guard: models written to {out}, not the shipped folder; not applied", flush=True)
        return ranked[0], None
    bundled_judge.cache_clear()
    coder = EventCoder()
    judge = coder.judge
    if judge is None:
        return ranked[0], None
    for setting in ranked[:GSR_TRIES]:
        judge.threshold, judge.rule_floor, judge.cover = setting[0], setting[1], setting[2]
        result = gsr.run(gold, coder=coder, quiet=True)
        figures = {"type_accuracy": result["type_accuracy"], "f1": result["f1"]}
        print(f"  threshold {setting[0]}, rule floor {setting[1]}, cover {setting[2]}: cross-validated "
              f"{setting[3]}, GSR {figures}", flush=True)  # fmt: skip
        if all(figures[k] >= v for k, v in GSR_FLOOR.items()):
            return setting, figures
    print(
        f"GSR guard: none of the {GSR_TRIES} best settings keeps {GSR_FLOOR}; the best is taken", flush=True
    )
    return ranked[0], None


def save_held_out(cands: Sequence[Candidate], n_gold: int) -> None:
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"n_gold": n_gold})]
    lines += [
        json.dumps([c.item, c.sentence, list(c.key), c.right, c.from_rules, c.score, c.fold]) for c in cands
    ]
    CACHE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load_held_out() -> tuple[list[Candidate], int]:
    head, *rows = CACHE.read_text(encoding="utf-8").splitlines()
    cands = [Candidate(item, sentence, "", tuple(key), right, from_rules, score, fold)
             for item, sentence, key, right, from_rules, score, fold in map(json.loads, rows)]  # fmt: skip
    return cands, int(json.loads(head)["n_gold"])


def decide(scored: Sequence[Candidate], n_gold: int, extra: dict[str, Any], out: Path) -> dict[str, Any]:
    ranked = ranked_thresholds(scored, n_gold)
    print(f"cross-validated best: threshold {ranked[0][0]}, rule floor {ranked[0][1]}, cover {ranked[0][2]} -> "
          f"{ranked[0][3]}; checking the GSR", flush=True)  # fmt: skip
    (threshold, floor, cover, figures), gsr_figures = gsr_guarded(ranked, out)
    print(
        f"chosen: threshold {threshold}, rule floor {floor}, cover {cover} -> {figures}, GSR {gsr_figures}",
        flush=True,
    )
    decision = {"min_type": MIN_TYPE, "threshold": threshold, "rule_floor": floor, "cover": cover, **extra,
                "target_precision": TARGET_PRECISION, "f1_tolerance": F1_TOLERANCE, "gsr_floor": GSR_FLOOR,
                "gsr": gsr_figures, "cross_validated": figures,
                "confidence": confidence_maps(scored), "calibration": calibration(scored, cross_calibrated(scored)),
                "calibration_raw": calibration(scored, [c.score for c in scored])}  # fmt: skip
    return decision


def confidence_maps(cands: Sequence[Candidate]) -> dict[str, list[list[float]]]:
    """The judge's map from verifier score to confidence, one for the rules' events and one for the models'
    proposals (the same score means a different rate of being right for each): isotonic, on held-out scores."""
    return {origin: isotonic((c.score, c.right) for c in cands if c.from_rules == (origin == "rules"))
            for origin in ("rules", "model")}  # fmt: skip


def cross_calibrated(cands: Sequence[Candidate]) -> list[float]:
    """Each candidate's confidence by maps fitted on the other folds: what the calibration table measures."""
    folds = sorted({c.fold for c in cands})
    maps = {k: confidence_maps([c for c in cands if c.fold != k]) for k in folds}
    return [calibrated(c.score, maps[c.fold]["rules" if c.from_rules else "model"]) for c in cands]


def calibration(cands: Sequence[Candidate], confidences: Sequence[float]) -> list[dict[str, float]]:
    """Of the held-out candidates at or above each confidence, how many were right."""
    rows = []
    for step in (50, 60, 70, 80, 90):
        kept = [c for c, conf in zip(cands, confidences, strict=True) if conf >= step / 100]
        rows.append({"at_least": step / 100, "n": len(kept),
                     "right": round(sum(c.right for c in kept) / len(kept), 3) if kept else None})  # fmt: skip
    return rows


def redecide(out: Path) -> int:
    """Re-run the decision on the cached held-out candidates, keeping the rest of decision.json."""
    path = out / "decision.json"
    old = json.loads(path.read_text(encoding="utf-8"))
    scored, n_gold = load_held_out()
    keep = {k: old[k] for k in ("data", "items", "gold_events", "seconds") if k in old}
    decision = decide(scored, n_gold, keep, out)
    path.write_text(json.dumps(decision, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(decision, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    global EPOCHS, HINTS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"passes over the data (default {EPOCHS})")
    parser.add_argument("--hints", action="store_true", help="the type model reads trigger hints (type_text)")
    parser.add_argument(
        "--decide",
        action="store_true",
        help="choose the thresholds again from the last run's held-out candidates (no training)",
    )
    args = parser.parse_args(argv)
    EPOCHS, HINTS = args.epochs, args.hints
    started = time.perf_counter()
    if args.decide:
        return redecide(args.out)
    rows = read_items()
    digest = hashlib.sha256("".join(json.dumps(r, sort_keys=True) for r in rows).encode()).hexdigest()[:16]
    print(f"{len(rows)} annotated items ({digest}); coding them with the rules", flush=True)
    items = prepare(rows, EventCoder(learned=False))
    order = list(range(len(items)))
    random.Random(args.seed).shuffle(order)
    folds = [[items[i] for i in order[k :: args.folds]] for k in range(args.folds)]
    held_out: list[list[Candidate]] = []
    for k, fold in enumerate(folds):
        rest = [it for j, f in enumerate(folds) if j != k for it in f]
        print(f"fold {k + 1}/{args.folds}: types and roles on {len(rest)} items", flush=True)
        held_out.append(candidates(fold, fit_models(rest, args.seed)))
    # The verifier's threshold and calibration, each fold scored by a verifier that never saw it.
    scored: list[Candidate] = []
    for k, fold_cands in enumerate(held_out):
        rest = [c for j, f in enumerate(held_out) if j != k for c in f]
        verifier = train_textcat("event-verifier", verifier_examples(rest), (VERIFIED,), args.seed)
        for c, doc in zip(fold_cands, verifier.pipe(c.text for c in fold_cands), strict=True):
            c.score, c.fold = doc.cats[VERIFIED], k
        scored += fold_cands
    n_gold = sum(len(it.gold) for it in items)
    save_held_out(scored, n_gold)
    print("final models on all items", flush=True)
    final = fit_models(items, args.seed)
    verifier = train_textcat("event-verifier", verifier_examples([c for f in held_out for c in f]), (VERIFIED,),
                             args.seed)  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    for name, nlp in zip(MODELS, (final.types, final.roles, verifier), strict=True):
        nlp.to_disk(args.out / name)
    extra = {"data": digest, "items": len(items), "gold_events": n_gold}
    decision = decide(scored, n_gold, extra, args.out)
    decision["seconds"] = round(time.perf_counter() - started)
    (args.out / "decision.json").write_text(json.dumps(decision, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(decision, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
