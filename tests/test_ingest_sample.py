"""The bundled sample corpus: near-duplicates folded, teasers, repeats and page furniture removed.

What is deliberate in the corpus is read from tests/data/sample_facts.yaml, not restated here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diplowatch.ingest.pipeline import ingest_sources
from diplowatch.store import connect
from diplowatch.store.articles import iter_articles

FACTS = Path(__file__).parent / "data" / "sample_facts.yaml"


@pytest.fixture(scope="module")
def sample(sample_dir, tmp_path_factory):
    if not sample_dir.is_dir() or not any(p.name != "README.md" for p in sample_dir.iterdir()):
        pytest.skip("the sample corpus is not there yet")
    if not FACTS.exists():
        pytest.skip("tests/data/sample_facts.yaml is not there yet")
    facts = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    con = connect(tmp_path_factory.mktemp("sample") / "sample.duckdb")
    summary = ingest_sources([str(sample_dir)], con, progress=False)
    stored = list(iter_articles(con))
    con.close()
    return facts, summary, stored


def _file_of(article) -> str:
    return Path(article.source.split(":")[0].split("#")[0]).name


def _find(stored, spec: dict):
    if "item" in spec:
        return next(a for a in stored if a.id == spec["item"])
    return next(a for a in stored if _file_of(a) == spec["file"])


def test_counts_and_no_problems(sample):
    facts, summary, stored = sample
    assert len(stored) == facts["counts"]["total_items"]
    assert summary.new == facts["counts"]["distinct_stories"]
    assert summary.skipped == 0 and summary.warnings == 0
    assert not any(_file_of(a) in facts["not_dispatches"] for a in stored)


def test_near_duplicates_are_folded_into_the_original(sample):
    facts, summary, stored = sample
    pairs = facts["mess"]["near_duplicates"]
    assert summary.near_duplicates == len(pairs)
    for pair in pairs:
        original, copy = _find(stored, pair["original"]), _find(stored, pair["duplicate"])
        assert copy.duplicate_of == original.id and original.duplicate_of is None
        assert copy.outlet == pair["duplicate"]["outlet"]
        assert {d["id"] for d in original.duplicates} == {copy.id}


def test_teasers_repeats_and_page_furniture_are_gone(sample):
    facts, _, stored = sample
    mess = facts["mess"]
    prefix = mess["teaser_lines"]["prefix"].strip()
    for article in stored:
        assert prefix not in article.text
        for phrase in mess["html_boilerplate"]["must_not_survive_extraction"]:
            assert phrase not in article.text, (article.source, phrase)
    for repeat in mess["repeated_paragraphs"]:
        article = _find(stored, repeat)
        assert article.text.count(repeat["paragraph_start"]) == 1


def test_dates_and_titles_follow_the_facts(sample):
    facts, _, stored = sample
    for item in facts["items"]:
        if item.get("format") == "rss":  # feed items are keyed by their guid, checked in test_ingest_http
            continue
        article = _find(stored, item)
        assert article.published == str(item["date"]), item["file"]
        assert article.title == item["title"], item["file"]
