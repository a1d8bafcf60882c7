"""Words said before the subject ruled (period.words_from): pledges, demands and findings about the Taliban
before 15 August 2021 are words on the conditions, as the annotation guidelines label them; deeds and
observers' stances count only from the period's start.

The sentences are written for this test (none is from the training or dev items)."""

from __future__ import annotations

import pytest

from diplowatch.evaluate.watch import _resolver, actors_of
from diplowatch.watch import WatchError, WatchMatcher, load_watch, parse_watch
from diplowatch.watch import runner as watch_runner
from diplowatch.watch.template import template

BEFORE, DURING = "2021-05-03", "2022-05-03"


@pytest.fixture(scope="module")
def judge():
    matcher, resolver = WatchMatcher(load_watch("afghanistan-recognition")), _resolver()

    def run(text: str, date: str):
        return matcher.judge(text, actors_of(resolver, text, date), date)

    return run


def _found(verdict) -> dict[str, tuple[int, str]]:
    return {f.condition: (f.polarity, f.kind) for f in verdict.evidence}


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        # the subject's own pledge
        ("A Taliban negotiator says the movement will never let al-Qaeda use Afghan soil against any country.",
         "counter_terrorism"),
        # another party's demand on the subject
        ("Norway's envoy asks the Taliban to respect the rights of women and girls in areas they hold.",
         "human_rights"),
    ],
)  # fmt: skip
def test_words_before_the_period_are_kept_as_words(judge, text, condition):
    assert _found(judge(text, BEFORE)) == {condition: (0, "word")}


def test_deeds_before_the_period_are_not_conduct(judge):
    text = "Taliban fighters beat journalists who were filming a protest in Kabul."
    assert _found(judge(text, DURING)) == {"human_rights": (-1, "deed")}
    assert _found(judge(text, BEFORE)) == {}


def test_no_stance_before_the_period(judge):
    text = "Uzbekistan's foreign minister met a Taliban delegation in Tashkent to discuss trade."
    assert judge(text, DURING).stances
    assert judge(text, BEFORE).stances == []


def test_words_from_is_checked_against_the_start():
    good = template("x")
    assert "words_from" not in parse_watch(good, "w.yaml").period
    early = good.replace("period: {start: 2021-01-01,", "period: {start: 2021-01-01, words_from: 2020-06-01,")
    assert parse_watch(early, "w.yaml").period["words_from"] == "2020-06-01"
    late = good.replace("period: {start: 2021-01-01,", "period: {start: 2021-01-01, words_from: 2021-06-01,")
    with pytest.raises(WatchError, match="words_from must fall on or before period.start"):
        parse_watch(late, "w.yaml")


def test_without_words_from_a_watch_judges_as_before():
    # the Myanmar watch has no words_from: a sentence handed to the matcher is judged whatever its date
    matcher = WatchMatcher(load_watch("myanmar-asean"))
    assert not matcher._before_period("2020-01-01")


def test_the_runner_reads_from_words_from(monkeypatch):
    asked = []
    monkeypatch.setattr(watch_runner.store, "events_by_sentence", lambda con, ids: {})
    monkeypatch.setattr(
        watch_runner.store,
        "iter_sentences",
        lambda con, start, end, ids: asked.append((start, end)) or iter(()),
    )
    watch = load_watch("afghanistan-recognition")
    watch_runner.judge_articles(None, watch, WatchMatcher(watch), ["d1"])
    assert asked == [(watch.period["words_from"], watch.period["end"])]
