"""Event coding against the PLOVER gold set: type accuracy, event F1, per-type scores, confusions.

`python -m diplowatch.evaluate --only events [--gold FILE]`. The gold file is JSONL with `text`,
`event`, `source`/`target` lists of {code}. Codes are compared as countries (ISO3; the CAMEO
country codes that differ from ISO3 are mapped), with every IGO and NGO code folded to one key,
"IGO/NGO": the match is on countries, neither is one, and coders split bodies differently (the gold
codes Amnesty International and the Red Cross as IGOs, CAMEO's dictionaries as NGOs).

A match needs type + source + target; an empty gold target matches a null target. When the gold
gives several sources and no target for a mutual act ("X and Y agreed": marked SRC/TAR, or of type
AGREE, CONSULT or COOPERATE), X→Y counts as X→∅.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from diplowatch.core.records import Article
from diplowatch.errors import InputError
from diplowatch.events.plover import TYPES, normalise_type
from diplowatch.settings import setting

REPO = Path(__file__).resolve().parents[3]
DEFAULT_GOLD = REPO.parent / "shared" / "gold" / "plover-gsr.jsonl"
CAMEO_ONLY = {
    "JAP": "JPN",
    "ITL": "ITA",
    "GMY": "DEU",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
    "SER": "SRB",
}
IGO_NGO = ("IGO", "NGO")
MUTUAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})  # "X and Y met": each met the other
ORGANISATION = "IGO/NGO"


def find_gold(gold_path: Path | None = None) -> Path:
    path = gold_path or (Path(setting("gold")) if setting("gold") else DEFAULT_GOLD)
    if not path.exists():
        raise InputError(str(path), "gold file not found (set DIPLOWATCH_GOLD or pass --gold)")
    return path


def load_gold(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}", f"not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not row.get("text") or not row.get("event"):
            raise InputError(f"{path}:{n}", "each line needs text and event")
        rows.append(row)
    return rows


class CodeNormaliser:
    """Gold codes and predicted actors to one comparable country/IGO/NGO key."""

    def __init__(self, cameo_to_iso: dict[str, str]):
        self.cameo_to_iso = {**CAMEO_ONLY, **cameo_to_iso}

    def gold(self, code: str | None) -> str | None:
        if not code:
            return None
        code = code.strip().upper()
        if code.startswith(IGO_NGO):
            return ORGANISATION
        return self.cameo_to_iso.get(code[:3], code[:3])

    def predicted(self, actor) -> str | None:
        if actor is None:
            return None
        code = (actor.code or "").upper()
        if code.startswith(IGO_NGO) or (actor.sector or "").upper() in IGO_NGO and not actor.country:
            return ORGANISATION
        if actor.country:
            return actor.country
        return self.cameo_to_iso.get(code[:3], code[:3]) if code else None


def gold_triples(row: dict, norm: CodeNormaliser) -> tuple[set, set[str]]:
    etype = normalise_type(row["event"])
    sources = [norm.gold(a.get("code")) for a in row.get("source") or []]
    # a target with no code names no one we could match (one gold row holds a word split into letters)
    targets = [norm.gold(a["code"]) for a in row.get("target") or [] if a.get("code")]
    symmetric = set()
    if not targets and len(sources) > 1 and ("SRC/TAR" in (row.get("markup") or "") or etype in MUTUAL):
        symmetric = {s for s in sources if s}
    triples = {(etype, s, t) for s in sources or [None] for t in targets or [None]}
    return triples, symmetric


def predicted_triples(events, norm: CodeNormaliser, symmetric: set[str]) -> set:
    out = set()
    for e in events:
        if e.hypothetical or e.negated:
            continue
        s, t = norm.predicted(e.source), norm.predicted(e.target)
        if t in symmetric and s in symmetric:
            t = None
        out.add((e.type, s, t))
    return out


def top_type(events) -> str | None:
    real = [e for e in events if not e.hypothetical and not e.negated]
    return max(real, key=lambda e: e.confidence).type if real else None


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(rows: list[dict], coded: list[list], norm: CodeNormaliser) -> dict:
    per_text = Counter(r["text"] for r in rows)
    tp = fp = fn = 0
    by_type: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    confusion: Counter = Counter()
    right = total = 0
    for row, events in zip(rows, coded, strict=True):
        gold, symmetric = gold_triples(row, norm)
        pred = predicted_triples(events, norm, symmetric)
        for triple in pred | gold:
            key = "tp" if triple in pred and triple in gold else ("fp" if triple in pred else "fn")
            by_type.setdefault(triple[0], Counter())[key] += 1
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
        if per_text[row["text"]] == 1:
            total += 1
            gold_type, guess = normalise_type(row["event"]), top_type(events)
            right += guess == gold_type
            if guess != gold_type:
                confusion[(gold_type, guess or "none")] += 1
    precision, recall, f1 = _prf(tp, fp, fn)
    per_type = {}
    for t, c in by_type.items():
        p, r, f = _prf(c["tp"], c["fp"], c["fn"])
        per_type[t] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "gold": c["tp"] + c["fn"],
        }
    return {
        "sentences": len(rows),
        "type_accuracy": round(right / total, 3) if total else 0.0,
        "type_sentences": total,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "per_type": per_type,
        "confusion": [{"gold": g, "predicted": p, "n": n} for (g, p), n in confusion.most_common(15)],
    }


def _print(result: dict, path: Path) -> None:
    print(f"Event coding vs {path.name}: {result['sentences']} sentences")
    print(
        f"  type accuracy   {result['type_accuracy']:.3f}  (top non-hypothetical event, {result['type_sentences']} sentences)"
    )
    print(
        f"  event P/R/F1    {result['precision']:.3f} / {result['recall']:.3f} / {result['f1']:.3f}  (type + source + target)"
    )
    print(f"  {'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for t, s in result["per_type"].items():
        print(f"  {t:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {s['gold']:>5}")
    print("  most common confusions (gold -> predicted):")
    for c in result["confusion"]:
        print(f"    {c['gold']:<10} -> {c['predicted']:<10} {c['n']}")


def run(gold_path: Path | None = None, coder=None, quiet: bool = False) -> dict:
    """Code every gold sentence (no date) and score; prints the report unless `quiet`."""
    from diplowatch.events import EventCoder

    path = find_gold(gold_path)
    rows = load_gold(path)
    coder = coder or EventCoder()
    countries = getattr(coder.resolver.dictionaries, "countries", {})
    norm = CodeNormaliser({c.cameo: iso for iso, c in countries.items() if getattr(c, "cameo", None)})
    articles = [Article(id=str(r.get("id", n)), text=r["text"]) for n, r in enumerate(rows)]
    coded = [c.events for c in coder.code_articles(articles)]
    result = score(rows, coded, norm)
    if not quiet:
        _print(result, path)
    return result
