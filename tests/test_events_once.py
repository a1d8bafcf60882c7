"""An article that tells one act twice reports it once (events/once.py; GUIDELINES: each act once).

The sentences were written for the test in the style of news summaries; none is a training or dev item.
"""

from __future__ import annotations

from diplowatch.events import EventCoder
from diplowatch.events.learned import actor_key


def _acts(coder: EventCoder, text: str, date: str = "2021-12-20") -> list[tuple[str, str | None, str | None]]:
    return [
        (e.type, actor_key(e.source and e.source.to_dict()), actor_key(e.target and e.target.to_dict()))
        for e in coder.code_text(text, date=date)
        if not e.negated and not e.hypothetical
    ]


def test_a_measure_told_twice_is_one_event(rules_coder):
    text = (
        "Portugal bans all public gatherings over the new variant. "
        "The Portuguese government bans gatherings of more than ten people until January."
    )
    acts = _acts(rules_coder, text)
    assert acts.count(("COERCE", "PRT", "PRT")) == 1


def test_acts_of_different_doers_in_one_country_stay_apart(rules_coder):
    # protesters attack a soldier, then soldiers fire on the protesters: two acts between Afghans
    text = (
        "Protesters attack a Taliban fighter in Jalalabad during a rally. "
        "Taliban fighters open fire on the protesters, killing two people."
    )
    events = rules_coder.code_text(text, date="2021-08-19")
    doers = {
        (e.source.sector, e.target.sector) for e in events if e.type == "ASSAULT" and e.source and e.target
    }
    assert {("OPP", "GOV"), ("GOV", "OPP")} <= doers


def test_the_kept_event_is_the_most_confident_and_hypothetical_ones_are_left(rules_coder):
    text = (
        "Portugal bans all public gatherings. The Portuguese government bans gatherings of more than ten people. "
        "Portugal may ban travel to Spain."
    )
    events = rules_coder.code_text(text, date="2021-12-20")
    bans = [e for e in events if e.type == "COERCE" and not e.hypothetical and not e.negated]
    assert len(bans) == 1
    restated = rules_coder.code_text(
        "The Portuguese government bans gatherings of more than ten people.", date="2021-12-20"
    )
    assert bans[0].confidence >= max(e.confidence for e in restated if e.type == "COERCE")
