"""Words on how the subject treats people (its promises, others' fears and descriptions) are words on human
rights, and a pledge that terrorists will not strike from the country, however the threat is worded, is
words on counter-terrorism. The sentences are written for this test (none is from the training or dev items)."""

from __future__ import annotations

import pytest

from diplowatch.evaluate.watch import _resolver, actors_of
from diplowatch.watch import WatchMatcher, load_watch

DATE = "2021-11-02"


@pytest.fixture(scope="module")
def judge():
    matcher, resolver = WatchMatcher(load_watch("afghanistan-recognition")), _resolver()

    def run(text: str, doc_context: bool = False) -> dict[str, tuple[int, str]]:
        verdict = matcher.judge(text, actors_of(resolver, text, DATE), DATE, doc_context)
        return {f.condition: (f.polarity, f.kind) for f in verdict.evidence}

    return run


@pytest.mark.parametrize(
    ("text", "doc_context", "condition"),
    [
        ("Rights groups voiced alarm over the Taliban's treatment of women and religious minorities.", False,
         "human_rights"),
        # named by a pronoun, in an article that named the subject
        ("The movement's spokesman said its fighters would treat prisoners humanely.", True, "human_rights"),
        ("A UN envoy said life under the Taliban had grown harder for Hazaras in Bamiyan.", False, "human_rights"),
        ("Canada's minister said she feared for girls living under Taliban rule.", False, "human_rights"),
        ("Washington says it will not let terrorist groups plot attacks on America from Afghanistan.", False,
         "counter_terrorism"),
        ("The Taliban said they would not allow any militant group to threaten neighbours from Afghan soil.",
         False, "counter_terrorism"),
    ],
)  # fmt: skip
def test_words_on_treatment_and_on_threats_from_the_soil(judge, text, doc_context, condition):
    assert judge(text, doc_context) == {condition: (0, "word")}


@pytest.mark.parametrize(
    "text",
    [
        "Doctors in Kabul treated the wounded women at a hospital.",  # medical care, not treatment of people
        "Myanmar's junta was criticised for its treatment of detainees.",  # another country's rulers
    ],
)
def test_other_treatment_is_not_the_subjects(judge, text):
    assert judge(text) == {}


def test_living_under_its_protection_is_shelter_not_treatment(judge):
    found = judge(
        "Investigators said two al-Qaeda figures were living under Taliban protection near Kandahar."
    )
    assert "human_rights" not in found and "counter_terrorism" in found, found
