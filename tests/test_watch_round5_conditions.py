"""Conduct in the wording of news (the fifth round): foreigners kept from leaving and people let through to the
airport (safe passage), food deliveries allowed (humanitarian access), and policewomen among the people the
subject kills in reprisal (human rights). The sentences are written for this test (none is from the training or
dev items)."""

from __future__ import annotations

import pytest

DATE = "2021-09-14"


@pytest.fixture(scope="module")
def conditions(watch_verdicts):
    verdict = watch_verdicts("afghanistan-recognition", DATE)
    return lambda text: {(f.condition, f.polarity) for f in verdict(text).evidence}


@pytest.mark.parametrize(
    ("text", "condition", "polarity"),
    [
        ("Taliban guards prevented a group of Americans from boarding a flight at Kandahar airport.",
         "safe_passage", -1),
        ("Taliban commanders let hundreds of families holding passports reach the Torkham border.",
         "safe_passage", 1),
        ("The Taliban allowed the WFP to bring food to villages in Badghis.", "humanitarian_access", 1),
        ("Taliban fighters shot dead a policewoman outside her home in Herat.", "human_rights", -1),
    ],
)  # fmt: skip
def test_conduct_in_news_wording(conditions, text, condition, polarity):
    assert (condition, polarity) in conditions(text)
