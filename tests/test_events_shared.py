"""The event coder on the shared corpora: seeds, White House briefings, current events, gold set."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from diplowatch.core.records import Article
from diplowatch.events import EventCoder

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def _seed_events(coder, shared: Path):
    arts = [
        Article(id=p.stem, text=p.read_text(encoding="utf-8"), published="2021-09-23")
        for p in sorted((shared / "seeds").glob("*.txt"))
    ]
    return [e for coded in coder.code_articles(arts) for e in coded.events]


def test_seeds_blinken_consults_qureshi(coder, shared):
    events = _seed_events(coder, shared)
    assert any(
        e.type == "CONSULT"
        and e.source.code == "USAGOV"
        and e.target is not None
        and e.target.country == "PAK"
        and e.target.sector == "GOV"
        for e in events
    )


def test_seeds_us_request_on_taliban(shared):
    # The rules' reading: the trained judge, held to precision 0.75 on real news, scores this
    # sentence's conditions-as-request 0.41 and leaves it out (docs/events.md, "The trained judge").
    events = _seed_events(EventCoder(learned=False), shared)
    assert any(
        e.type == "REQUEST"
        and e.source.country == "USA"
        and e.target is not None
        and e.target.group == "Taliban"
        for e in events
    )


def test_taliban_code_follows_the_date(coder):
    before = coder.code_text("The Taliban attacked Afghan soldiers in Kunduz.", date="2021-05-01")
    after = coder.code_text("The Taliban attacked Afghan soldiers in Kunduz.", date="2021-10-01")
    assert before and after
    assert before[0].source.group == after[0].source.group == "Taliban"
    assert before[0].source.code != after[0].source.code


def _wh_articles(shared: Path, n: int) -> list[Article]:
    files = sorted((shared / "corpora" / "wh-briefings-2021h2").rglob("*.md"))
    random.Random(11).shuffle(files)
    out = []
    for path in files[:n]:
        text = path.read_text(encoding="utf-8")
        m = re.match(r"---\n(.*?)\n---\n", text, re.S)
        date = re.search(r"date:\s*['\"]?(\d{4}-\d\d-\d\d)", m.group(1)) if m else None
        out.append(
            Article(id=path.stem, text=text[m.end() :] if m else text, published=date and date.group(1))
        )
    return out


def test_white_house_sample_gives_many_events_with_evidence(coder, shared):
    arts = _wh_articles(shared, 50)
    coded = list(coder.code_articles(arts))
    assert [c.doc_id for c in coded] == [a.id for a in arts]
    events = [e for c in coded for e in c.events]
    assert len(events) >= 50
    by_id = {a.id: a for a in arts}
    for c in coded:
        for e in c.events:
            assert e.sentence in by_id[e.doc_id].text
            assert e.sentence == c.sentences[e.sentence_index].text
            assert e.rule and e.source is not None
            assert e.trigger or e.rule.startswith("learned:")  # the trained models find no trigger words
    assert len({e.type for e in events}) >= 6
    assert len({e.event_id for e in events}) == len(events)


def test_current_events_sample(coder, shared):
    lines = (shared / "corpora" / "current-events-2021-2022.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in random.Random(5).sample(lines, 60)]
    arts = [Article(id=r["id"], text=r["text"], published=r["date"]) for r in rows]
    events = [e for c in coder.code_articles(arts) for e in c.events]
    assert len(events) >= 10
    assert all(e.date for e in events)


def test_gold_evaluation_runs_and_reports(coder, shared):
    from diplowatch.evaluate import events as evaluation

    result = evaluation.run(shared / "gold" / "plover-gsr.jsonl", coder=coder, quiet=True)
    assert result["sentences"] == 322
    assert 0 <= result["f1"] <= 1 and 0 <= result["type_accuracy"] <= 1
    assert set(result["per_type"]) >= {"AGREE", "ASSAULT"}
    # a floor well under the current figures, so a broken coder shows up here
    assert result["type_accuracy"] > 0.4 and result["f1"] > 0.25
