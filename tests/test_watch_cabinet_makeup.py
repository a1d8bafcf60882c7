"""Who sits in the subject's cabinet, told without a judgement, is an act on inclusive government (polarity
0); women or minorities left out breach it and appointed meet it, as before. The sentences are written for
this test (none is from the training or dev items)."""

from __future__ import annotations

import pytest

DATE = "2021-09-09"


@pytest.fixture(scope="module")
def judge(watch_verdicts):
    verdict = watch_verdicts("afghanistan-recognition", DATE)
    return lambda text: {f.condition: f.polarity for f in verdict(text).evidence}


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("The Taliban's interim cabinet includes several ministers who served in their 1990s government.", 0),
        ("The new cabinet also includes two men held at Guantanamo Bay, the Taliban said.", 0),
        ("The Taliban's new cabinet includes no women and only one Hazara.", -1),
        ("The Taliban cabinet includes a Hazara as deputy minister of health.", 1),
    ],
)
def test_the_cabinets_make_up(judge, text, polarity):
    assert judge(text).get("inclusive_government") == polarity


def test_another_countrys_cabinet_is_not_the_subjects(judge):
    assert judge("Myanmar's new cabinet includes three generals.") == {}
