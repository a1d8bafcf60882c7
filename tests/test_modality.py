"""The one modality reader (nlp.modality) as the coder and the watch use it.

The sentences are written for this test. The coder reads the act's `modality()`; the watch judges the
same sentence against the Afghanistan watch. A deed for one is a deed for the other, and an act that is
only owed, planned, promised, asked for or threatened is words for both.
"""

from __future__ import annotations

import pytest

from diplowatch.evaluate.watch import _resolver, actors_of
from diplowatch.nlp import load_nlp
from diplowatch.nlp.modality import modality
from diplowatch.watch import WatchMatcher, load_watch

DATE = "2022-05-01"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def watch():
    return WatchMatcher(load_watch("afghanistan-recognition"))


@pytest.fixture(scope="module")
def resolver():
    return _resolver()


def watch_reading(watch, resolver, text: str):
    verdict = watch.judge(text, actors_of(resolver, text, DATE), DATE)
    found = {f.condition: f for f in verdict.evidence}
    assert "human_rights" in found, text
    return found["human_rights"]


def coder_reading(nlp, text: str, act: str):
    doc = nlp(text)
    return modality(next(t for t in doc if t.lemma_ == act))


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban ought to reopen girls' schools.",
        "The Taliban are going to reopen girls' schools.",
    ],
)
def test_an_owed_or_coming_reopening_is_no_deed_for_the_watch(watch, resolver, text):
    finding = watch_reading(watch, resolver, text)
    assert (finding.kind, finding.polarity) == ("word", 0)


@pytest.mark.parametrize(
    ("text", "said_only"),
    [
        ("The Taliban reopened girls' schools.", False),
        ("The Taliban ought to reopen girls' schools.", True),
        ("The Taliban are going to reopen girls' schools.", True),
        ("The Taliban will reopen girls' schools next month.", True),
        ("The Taliban could reopen girls' schools.", True),
        ("The Taliban must reopen girls' schools.", True),
        ("The Taliban promised to reopen girls' schools.", True),
        ("The Taliban plan to reopen girls' schools.", True),
        ("The Taliban are ready to reopen girls' schools.", True),
        ("The Taliban have been urged to reopen girls' schools.", True),
    ],
)
def test_coder_and_watch_agree_on_modal_sentences(nlp, watch, resolver, text, said_only):
    coded = coder_reading(nlp, text, "reopen")
    finding = watch_reading(watch, resolver, text)
    assert coded.hypothetical is said_only
    assert (finding.kind == "word") is said_only
    assert not coded.negated


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban did not reopen girls' schools.",
        "The Taliban refused to reopen girls' schools.",
    ],
)
def test_coder_and_watch_agree_on_denied_deeds(nlp, watch, resolver, text):
    coded = coder_reading(nlp, text, "reopen")
    finding = watch_reading(watch, resolver, text)
    assert coded.negated
    assert (finding.kind, finding.polarity) == ("deed", -1)
