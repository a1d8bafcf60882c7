"""The fifth round of rules of English news (precision), read from the rules' wrong events on the training data.

Each sentence here was written for the test, in the style of a news summary or a briefing; none is a training or
dev item.
"""

from __future__ import annotations

import pytest

from diplowatch.core.records import Article
from diplowatch.events import EventCoder
from diplowatch.events.learned import actor_key
from rule_keys import annotator_keys as _keys


@pytest.fixture(scope="module")
def coder(rules_coder: EventCoder) -> EventCoder:
    return rules_coder


BRIEFING_ROOM = "https://bidenwhitehouse.archives.gov/briefing-room/"  # "we" is the US government there


def _briefing_keys(coder: EventCoder, text: str) -> set[tuple[str, str | None, str | None]]:
    article = Article(id="briefing", text=text, published="2021-09-01", url=BRIEFING_ROOM)
    return {
        (e.type, actor_key(e.source and e.source.to_dict()), actor_key(e.target and e.target.to_dict()))
        for e in next(coder.code_articles([article])).events
        if not e.negated and not e.hypothetical
    }


def test_a_question_reports_no_act(coder):
    # a reporter's question asks whether something happened; it is not news that it did
    assert not _keys(coder, "Why did Ghana expel the Nigerian envoy?")
    assert ("SANCTION", "GHA", "NGA") in _keys(coder, "Ghana expels the Nigerian envoy.")


def test_a_mission_is_no_visit(coder):
    # a diplomatic, UN or military mission is a body or an operation, not a visit (CONSULT)
    for text in (
        "Denmark ends its military mission in Iraq.",
        "A report by the African Union mission in Somalia blames Kenyan troops.",
    ):
        assert not any(k[0] == "CONSULT" for k in _keys(coder, text))
    assert ("CONSULT", "ITA", "LBY") in _keys(coder, "The Italian foreign minister makes a trip to Libya.")


def test_the_speakers_own_duty_is_no_request(coder):
    # "we had to", "we must": an obligation the speaker puts on itself asks no one anything
    for text in (
        "The Secretary said that we had to protect our diplomats in Sudan.",
        "We believe that we must keep our embassy in Yemen open.",
    ):
        assert not any(k[0] == "REQUEST" for k in _briefing_keys(coder, text))
    keys = _briefing_keys(coder, "The Secretary said that Iran must release the detained sailors.")
    assert ("REQUEST", "USA", "IRN") in keys
    # the country written "US" is no pronoun
    keys = _keys(coder, "The Jordanian king said the US must press Israel to halt the raids.")
    assert ("REQUEST", "JOR", "USA") in keys


def test_an_ability_is_no_deed(coder):
    # "the ability/capability to strike": what someone could do, not what was done
    for text in (
        "The ministry stresses the Houthis' ability to strike Saudi oil facilities.",
        "The minister said Hezbollah has the capability to strike Haifa.",
    ):
        assert not any(k[0] == "ASSAULT" for k in _keys(coder, text))


def test_a_pardon_is_no_praise(coder):
    # pardoning frees the convicted (RETREAT, with the people freed named); it is no SUPPORT, and announced
    # for the future no pledge (AGREE)
    keys = _keys(coder, "The Kenyan president says he will pardon those convicted of petty offences.")
    assert not any(k[0] in ("SUPPORT", "AGREE") for k in keys)
    assert ("RETREAT", "GHA", "GHA") in _keys(coder, "The Ghanaian president pardons 300 prisoners.")


def _untargeted(coder: EventCoder, text: str) -> set[str]:
    return {e.type for e in coder.code_text(text, date="2022-05-01") if e.target is None}


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Bolivian officials warn that the drought could spread to the capital.", "THREATEN"),
        ("The Norwegian premier talks about the energy crisis at a party congress.", "CONSULT"),
        ("The Nepali government helped to fund the new airport.", "AID"),
    ],
)
def test_a_partner_act_with_no_one_is_no_event(coder, text, etype):
    # a meeting, aid, joint work or a threat is done with, for or at someone: with no one named the verb was
    # misread (a topic talked about, a danger warned of), and GUIDELINES leave a target null only when there
    # is no recipient at all
    assert etype not in _untargeted(coder, text)
    # named, the one it is done at stays
    assert ("THREATEN", "EST", "RUS") in _keys(
        coder, "Estonia warns Russia against further airspace violations."
    )


def test_an_act_dated_years_ago_is_background(coder):
    # GUIDELINES: what happened years ago is background, not this item's news (the items are of 2022)
    assert not any(k[0] == "COERCE" for k in _keys(coder, "Morocco annexed the territory in 1975."))
    keys = _keys(coder, "The 2015 agreement between Iran and the United States collapses.")
    assert ("AGREE", "IRN", "USA") not in keys
    # undated, or a year that dates another thing (the riot), the act is news
    assert ("COERCE", "MAR", "MAR") in _keys(coder, "Morocco annexes the territory.")
    keys = _keys(
        coder, "Seven people are sentenced for the killing of a judge during a 2019 riot in Lagos, Nigeria."
    )
    assert ("SANCTION", "NGA", "NGA") in keys


def test_a_government_instructing_its_own_officials_is_no_request(coder):
    # how a government works inside ("instructs the army", "asks the police"), no request between parties
    for text in (
        "The Ghanaian defence minister instructs the Ghanaian army to prepare evacuation plans.",
        "President Ruto asks the Kenyan police to investigate the killings.",
    ):
        assert not any(k[0] == "REQUEST" for k in _keys(coder, text))
    # another government asked stays a request
    keys = _keys(coder, "The Chilean president asks the Bolivian government to reopen the border.")
    assert ("REQUEST", "CHL", "BOL") in keys


def test_no_pledge_of_a_partner_act_with_no_one(coder):
    # "will talk about X" names no one to talk with: neither the talk nor the pledge read from it is an event
    text = "The Norwegian premier says he will talk about the energy crisis at a party congress."
    assert not any(k[0] in ("AGREE", "CONSULT") for k in _keys(coder, text))


def test_a_purchase_deal_is_business(coder):
    # GUIDELINES: business is no event; an agreement to buy with no state named as the other party is a purchase
    for text in (
        "Jordan signs a deal to buy 500,000 doses of the Moderna vaccine.",
        "The Kenyan government finalizes an agreement to purchase 30 buses from a Chinese manufacturer.",
    ):
        assert not any(k[0] == "AGREE" for k in _keys(coder, text))
    # with a state as the other party it is an agreement between them
    keys = _keys(coder, "Poland signs a deal with the United States to purchase 250 tanks.")
    assert ("AGREE", "POL", "USA") in keys
