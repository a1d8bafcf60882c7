"""The fourth round of rules of English news read from the rules' misses on the training data (issue 10).

Each sentence here was written for the test, in the style of a news summary; none is a training or dev item.
"""

from __future__ import annotations

import pytest

from diplowatch.events import EventCoder


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(learned=False)  # the rules alone


def _keys(coder: EventCoder, text: str) -> set[tuple[str, str | None, str | None]]:
    events = coder.code_text(text, date="2022-05-01")
    return {
        (e.type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
        if not e.negated and not e.hypothetical
    }


def test_an_announced_withdrawal_is_the_withdrawal(coder):
    keys = _keys(coder, "Portugal announces that it will pull its remaining soldiers out of Mozambique.")
    assert ("RETREAT", "PRT", "MOZ") in keys
    assert ("AGREE", "PRT", "MOZ") not in keys
    keys = _keys(coder, "The Danish premier says she plans to withdraw the country's troops from Iraq.")
    assert ("RETREAT", "DNK", "IRQ") in keys


def test_announced_aid_is_the_aid(coder):
    keys = _keys(coder, "Estonia announces that it will send field hospitals and ammunition to Ukraine.")
    assert ("AID", "EST", "UKR") in keys
    assert ("AGREE", "EST", "UKR") not in keys


def test_a_willingness_stays_a_pledge(coder):
    # said as a readiness, or quoted after the act, it is an undertaking (AGREE), as the guidelines type it
    keys = _keys(coder, "Chile is ready to withdraw its observers from Haiti, the foreign minister said.")
    assert ("AGREE", "CHL", "HTI") in keys
    assert ("RETREAT", "CHL", "HTI") not in keys
