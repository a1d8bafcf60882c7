"""The subject acting against its own members for abusing people meets the human-rights condition; its
arrests of the people themselves stay reprisals. The sentences are written for this test (none is from the
training or dev items)."""

from __future__ import annotations

import pytest

DATE = "2022-01-20"


@pytest.fixture(scope="module")
def judge(watch_verdicts):
    verdict = watch_verdicts("afghanistan-recognition", DATE)
    return lambda text: {f.condition: (f.polarity, f.kind) for f in verdict(text).evidence}


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban said they had expelled nearly 3,000 of their own members for misconduct and abuse.",
        "A Taliban governor ordered a crackdown on Taliban fighters who harass shopkeepers in the bazaar.",
    ],
)
def test_disciplining_its_own_abusers_meets_human_rights(judge, text):
    assert judge(text)["human_rights"] == (1, "deed")


@pytest.mark.parametrize(
    "text",
    [
        "Taliban fighters arrested activists who had criticised the ban on girls' schooling.",
        "Taliban gunmen detained and beat a reporter who had filmed a protest in Kabul.",
    ],
)
def test_arresting_the_people_is_still_a_reprisal(judge, text):
    assert judge(text)["human_rights"] == (-1, "deed")
