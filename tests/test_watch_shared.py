"""Watches on the real corpora beside the checkout (skipped without ../shared)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from diplowatch.watch import WatchMatcher, load_watch

pytestmark = pytest.mark.shared


def _taliban_sentences(root):
    """Sentences naming the Taliban in the White House briefings (the 53 documents that mention them)."""
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "Taliban" not in text:
            continue
        found = re.search(r"^date:\s*['\"]?(\d{4}-\d{2}-\d{2})", text, re.M)
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if "Taliban" in sentence and len(sentence) < 600:
                yield " ".join(sentence.split()), found.group(1) if found else None


def test_white_house_briefings(shared):
    matcher = WatchMatcher(load_watch("afghanistan-recognition"))
    evidence, stances = Counter(), Counter()
    for sentence, date in _taliban_sentences(shared / "corpora" / "wh-briefings-2021h2"):
        verdict = matcher.judge(sentence, [], date)
        evidence.update(f.condition for f in verdict.evidence)
        stances.update((s.observer, s.stance) for s in verdict.stances)
    assert evidence["safe_passage"] >= 5
    assert evidence["counter_terrorism"] >= 1
    assert stances[("USA", "withhold")] >= 1
    assert not stances[("USA", "recognize")]


def test_myanmar_watch_over_a_database(shared, tmp_path):
    """The YAML-only watch runs end to end: ingest sampled Myanmar items, code, run, scorecard."""
    import json
    import random

    from diplowatch.watch import build_scorecard, run_watch
    from watch_db import fill_db

    items = []
    with open(shared / "corpora" / "current-events-2021-2022.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if "Myanmar" in line or "Tatmadaw" in line:
                item = json.loads(line)
                if item["date"] >= "2021-04-24":
                    items.append(item)
    random.Random(11).shuffle(items)
    source = tmp_path / "myanmar.jsonl"
    source.write_text("\n".join(json.dumps(i) for i in items[:60]), encoding="utf-8")
    con = fill_db(tmp_path / "m.duckdb", [source])
    watch = load_watch("myanmar-asean")
    counts = run_watch(con, watch, progress=False)
    assert counts["evidence"] >= 3
    rows = con.execute("SELECT condition, sentence FROM evidence WHERE watch = 'myanmar-asean'").fetchall()
    assert {c for c, _ in rows} <= {c.id for c in watch.conditions}
    assert all(re.search(r"Myanmar|junta|Tatmadaw|Burm|military|Suu Kyi", s) for _, s in rows)
    card = build_scorecard(con, watch, by="quarter")
    assert any(c["plus"] + c["minus"] for c in card["conditions"])
    con.close()
