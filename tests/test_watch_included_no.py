"""A government that "includes no" women or minorities breaches inclusiveness; a text or a deal that "included
no requirement" says nothing of who governs. The sentences are written for this test (none is from the
training or dev items)."""

from __future__ import annotations

import pytest

DATE = "2021-09-20"


@pytest.fixture(scope="module")
def judge(watch_verdicts):
    verdict = watch_verdicts("afghanistan-recognition", DATE)
    return lambda text: {f.condition: (f.polarity, f.kind) for f in verdict(text).evidence}


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban's new cabinet includes no women and only one Hazara.",
        "The line-up includes no members of the former government, a Taliban spokesman confirmed.",
    ],
)
def test_a_government_without_women_or_others_is_exclusive(judge, text):
    assert judge(text)["inclusive_government"] == (-1, "deed")


def test_a_deal_lacking_a_clause_is_not_an_exclusive_government(judge):
    found = judge(
        "The accord included no requirement that the Taliban form a government with other factions."
    )
    assert found.get("inclusive_government", (0, "word"))[0] == 0, found
