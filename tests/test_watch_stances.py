"""Stances from the observer's own acts and words (issue 11, item 3), on news sentences run through the
real coder and actor resolver, then the watch matcher: who acted decides, not who is named."""

from __future__ import annotations

import pytest

from diplowatch.core.scorecard import WatchOutline
from diplowatch.evaluate.watch import _resolver, actors_of
from diplowatch.watch import load_watch
from diplowatch.watch.schema import DEFAULT_STANCE_ACTS, WatchError, parse_watch
from diplowatch.watch.scorecard import with_acting_observers
from watch_events import event_refs


@pytest.fixture(scope="module")
def resolver():
    return _resolver()


def stances_of(matcher, resolver, text: str, date: str) -> dict[str, tuple[str, str]]:
    """observer code -> (stance, rule), the sentence coded and resolved as the pipeline does."""
    verdict = matcher.judge(text, actors_of(resolver, text, date), date, events=event_refs(text, date))
    return {s.observer: (s.stance, s.rule) for s in verdict.stances}


@pytest.mark.parametrize(
    ("text", "date", "observer", "stance"),
    [
        ("Russia and the Taliban signed a provisional deal for Russia to supply Afghanistan with gasoline "
         "and wheat.", "2022-09-27", "RUS", "engage"),
        # dated in the watch period: before it no stance is taken (tests/test_watch_words_before.py)
        ("Chinese Foreign Minister Wang Yi met Taliban co-founder Abdul Ghani Baradar in Tianjin.",
         "2021-10-28", "CHN", "engage"),
        ("The U.S. State Department cancelled meetings with the Taliban in Doha after the Taliban barred girls "
         "from high school.", "2022-03-25", "USA", "reject"),
    ],
)  # fmt: skip
def test_an_observers_coded_act_on_the_subject_shows_its_stance(afghanistan, resolver, text, date, observer,
                                                                stance):  # fmt: skip
    found = stances_of(afghanistan, resolver, text, date)
    assert found[observer][0] == stance, found
    assert found[observer][1].startswith("acts."), found


def test_observers_appear_when_they_act_not_from_a_list(afghanistan, resolver):
    listed = {o.code for o in afghanistan.watch.observers}
    assert not {"OMN", "AUS", "TJK"} & listed
    met = stances_of(afghanistan, resolver,
                     "Oman's foreign minister met Taliban foreign minister Amir Khan Muttaqi in Muscat on Tuesday.",
                     "2023-05-02")  # fmt: skip
    assert met["OMN"][0] == "engage"
    sanctioned = stances_of(afghanistan, resolver,
                            "Australia imposed sanctions on four Taliban ministers over the treatment of women.",
                            "2025-03-10")  # fmt: skip
    assert sanctioned["AUS"][0] == "reject"
    # no coded event here: the parse finds who says it
    said = stances_of(afghanistan, resolver,
                      "Tajikistan's President Emomali Rahmon said his country would not recognise a Taliban "
                      "government formed through oppression.", "2021-09-20")  # fmt: skip
    assert said["TJK"][0] == "withhold"


def test_the_place_of_talks_gives_its_state_no_stance(afghanistan, resolver):
    found = stances_of(afghanistan, resolver,
                       "The Indian ambassador to Qatar met a Taliban representative in Doha to discuss the return "
                       "of Indian citizens.", "2021-08-31")  # fmt: skip
    assert found.get("IND", ("",))[0] == "engage"
    assert "QAT" not in found
    held = stances_of(afghanistan, resolver,
                      "Talks between American officials and a Taliban delegation were held in Doha on Saturday.",
                      "2021-10-09")  # fmt: skip
    assert held.get("USA", ("",))[0] == "engage" and "QAT" not in held


def test_withheld_recognition_in_words_outweighs_the_acts_beside_it(afghanistan, resolver):
    found = stances_of(afghanistan, resolver,
                       "German Chancellor Angela Merkel said Germany is not yet prepared to recognize the Taliban "
                       "government.", "2021-10-12")  # fmt: skip
    assert found["DEU"][0] == "withhold"


def test_talks_someone_else_held_give_a_named_state_no_engage(afghanistan, resolver):
    found = stances_of(afghanistan, resolver,
                       "Afghan politician Fatima Gailani, who took part in peace talks with the Taliban, blamed "
                       "former president Ashraf Ghani and U.S. president Joe Biden for the chaos.", "2021-08-27")  # fmt: skip
    assert found.get("USA", ("",))[0] != "engage"


def test_the_myanmar_watch_reads_acts_the_same_way(myanmar, resolver):
    found = stances_of(myanmar, resolver,
                       "Russia signed an agreement with Myanmar's junta to build a nuclear power plant.",
                       "2023-02-06")  # fmt: skip
    assert found["RUS"] == ("engage", "acts.engage:AGREE")
    assert myanmar.watch.stance_acts == afghanistan_acts()


def afghanistan_acts():
    return load_watch("afghanistan-recognition").stance_acts


def test_stance_acts_default_and_errors():
    text = load_watch("afghanistan-recognition").text
    without = "\n".join(line for line in text.splitlines() if not line.startswith(("stance_acts:", "  engage: [C",
                                                                                  "  reject: [S")))  # fmt: skip
    assert parse_watch(without, "w.yaml").stance_acts == DEFAULT_STANCE_ACTS
    bad = text.replace("  reject: [SANCTION,", "  reject: [SANCTIONS,")
    with pytest.raises(WatchError, match="unknown event type 'SANCTIONS'"):
        parse_watch(bad, "w.yaml")
    twice = text.replace("  reject: [SANCTION,", "  reject: [AID, SANCTION,")
    with pytest.raises(WatchError, match="AID shows two stances"):
        parse_watch(twice, "w.yaml")


def test_the_scorecard_gives_an_acting_observer_its_lane():
    outline = load_watch("afghanistan-recognition").outline()
    rows = [{"observer_code": "OMN", "observer": {"name": "Oman", "code": "OMN", "country": "OMN"}},
            {"observer_code": "USA", "observer": {"name": "United States", "code": "USA", "country": "USA"}}]  # fmt: skip
    widened = with_acting_observers(outline, rows)
    assert isinstance(widened, WatchOutline)
    assert [o.code for o in widened.observers] == [o.code for o in outline.observers] + ["OMN"]
    assert with_acting_observers(outline, rows[1:]) is outline


def test_an_engage_cue_goes_to_the_doer_of_its_clause(afghanistan, resolver):
    found = stances_of(afghanistan, resolver,
                       "China became the first country to name a new ambassador to Kabul since the Taliban "
                       "takeover.", "2023-09-13")  # fmt: skip
    assert found["CHN"][0] == "engage"


def _event(type_: str, source: dict, target: dict, rule: str) -> dict:
    return {"event_id": "e1", "type": type_, "source": source, "target": target, "negated": False,
            "hypothetical": False, "trigger": None, "rule": rule, "confidence": 0.6}  # fmt: skip


def _actor(resolver, text: str, date: str, said: str) -> dict:
    return next(a for a in actors_of(resolver, text, date) if a.get("text") == said)


def test_an_act_only_the_model_read_needs_the_observer_as_its_doer(afghanistan, resolver):
    """The trained model's reading alone (rule "learned:...") does not make the other party of a
    two-sided act engage, nor the one who only tells of the subject's act; a rule-coded act does."""
    text, date = (
        "A Taliban spokesman said the movement wants good relations with the United States.",
        "2021-09-05",
    )
    taliban, usa = (
        _actor(resolver, text, date, "Taliban spokesman"),
        _actor(resolver, text, date, "United States"),
    )
    actors = actors_of(resolver, text, date)
    learned = afghanistan.judge(
        text, actors, date, events=[_event("AGREE", taliban, usa, "learned:types+roles")]
    )
    assert "USA" not in {s.observer for s in learned.stances}
    ruled = afghanistan.judge(
        text, actors, date, events=[_event("AGREE", taliban, usa, "verbs.yaml:AGREE/x")]
    )
    assert {s.observer: s.stance for s in ruled.stances}.get("USA") == "engage"

    text, date = "Uzbekistan says the Taliban will help build a railway to Pakistan.", "2022-02-03"
    uzbekistan, taliban = _actor(resolver, text, date, "Uzbekistan"), _actor(resolver, text, date, "Taliban")
    actors = actors_of(resolver, text, date)
    told = afghanistan.judge(
        text, actors, date, events=[_event("AID", uzbekistan, taliban, "learned:types+roles")]
    )
    assert "UZB" not in {s.observer for s in told.stances}


def test_a_rejection_only_the_model_read_is_no_stance(afghanistan, resolver):
    # a strike, not a border clash (no clash is a rejection: test_watch_stances_presence.py)
    text, date = "Tajikistan's air force struck Taliban fighters overnight.", "2022-06-10"
    actors = actors_of(resolver, text, date)
    guards = next(a for a in actors if a.get("country") == "TJK")
    taliban = _actor(resolver, text, date, "Taliban fighters")
    learned = afghanistan.judge(
        text, actors, date, events=[_event("ASSAULT", guards, taliban, "learned:types+roles")]
    )
    assert "TJK" not in {s.observer for s in learned.stances}
    ruled = afghanistan.judge(
        text, actors, date, events=[_event("ASSAULT", guards, taliban, "verbs.yaml:ASSAULT/x")]
    )
    assert {s.observer: s.stance for s in ruled.stances}.get("TJK") == "reject"


@pytest.mark.parametrize(
    ("text", "date", "observer", "stance"),
    [
        ("Kazakhstan agrees to supply wheat to Afghanistan under a deal signed with the Taliban.", "2022-03-10",
         "KAZ", "engage"),
        ("Speaking in Doha, Secretary of State Antony Blinken told reporters the Taliban would have to earn "
         "whatever legitimacy they get.", "2021-09-08", "USA", "withhold"),
    ],
)  # fmt: skip
def test_an_observers_words_show_its_stance(afghanistan, resolver, text, date, observer, stance):
    found = stances_of(afghanistan, resolver, text, date)
    assert found.get(observer, ("",))[0] == stance, found


@pytest.mark.parametrize(
    ("text", "observer"),
    [
        ("Pakistan's intelligence chief visits Kabul.", "PAK"),
        ("Kazakhstan and Afghanistan sign a trade agreement worth $3 billion.", "KAZ"),
        ("Afghan and Pakistani officials hold talks on reopening the Torkham border crossing.", "PAK"),
    ],
)  # fmt: skip
def test_meeting_or_signing_with_the_country_is_dealing_with_its_rulers(
    afghanistan, resolver, text, observer
):
    """Only a government visits, meets or signs for a country: once the Taliban rule it, such an act with
    "Afghanistan" or "Kabul" is with them (issue 11). Before the takeover it is not."""
    stance, rule = stances_of(afghanistan, resolver, text, "2022-05-04")[observer]
    assert stance == "engage" and rule.startswith("acts."), rule
    assert observer not in stances_of(afghanistan, resolver, text, "2021-05-04")


def test_a_country_only_talked_about_or_given_aid_is_not_its_rulers(afghanistan, resolver):
    date = "2022-05-04"
    assert "RUS" not in stances_of(
        afghanistan, resolver, "Russia hosts talks on Afghanistan in Moscow.", date
    )
    country_as_people = _actor(resolver, "Japan sends aid to Afghanistan.", date, "Afghanistan")
    japan = _actor(resolver, "Japan sends aid to Afghanistan.", date, "Japan")
    # the model's reading of an agreement with the country is not enough: "Afghan allies" are not the rulers
    learned = afghanistan.judge("Japan sends aid to Afghanistan.", [japan, country_as_people], date,
                                events=[_event("AGREE", japan, country_as_people, "learned:types+roles"),
                                        _event("AID", japan, country_as_people, "verbs.yaml:AID/x")])  # fmt: skip
    assert "JPN" not in {s.observer for s in learned.stances}


def test_a_rejection_the_model_read_beside_a_ruled_meeting_is_no_stance(afghanistan, resolver):
    text, date = (
        "Russian foreign minister Sergey Lavrov hosts the Taliban's foreign minister in Moscow.",
        "2022-11-10",
    )
    actors = actors_of(resolver, text, date)
    lavrov = next(a for a in actors if a.get("country") == "RUS")
    taliban = next(a for a in actors if afghanistan.watch.subject.is_actor(a, date))
    verdict = afghanistan.judge(text, actors, date, events=[
        _event("CONSULT", lavrov, taliban, "verbs.yaml:CONSULT/host"),
        _event("SANCTION", lavrov, taliban, "learned:types+roles")])  # fmt: skip
    assert {s.observer: s.stance for s in verdict.stances}["RUS"] == "engage"


@pytest.mark.parametrize(
    ("text", "observer", "stance"),
    [
        ("Saudi Arabia resumes consular services at its embassy in Kabul.", "SAU", "engage"),
        ("The United States designates the Taliban's leaders as terrorists.", "USA", "reject"),
        ("The US Treasury adds Taliban leaders to its sanctions list.", "USA", "reject"),
        ("The United States and the Taliban held their first round of direct talks since the withdrawal.", "USA",
         "engage"),
        ("The UN General Assembly again declines to let the Taliban take Afghanistan's seat.", "UN", "withhold"),
    ],
)  # fmt: skip
def test_news_wording_of_dealings_and_refusals(afghanistan, resolver, text, observer, stance):
    assert stances_of(afghanistan, resolver, text, "2022-06-01")[observer][0] == stance


def test_recognition_asked_of_others_or_of_someone_else_is_no_stance(afghanistan, resolver):
    date = "2022-06-01"
    asked = stances_of(afghanistan, resolver,
                       "Pakistan calls on the international community to recognise the Taliban government.", date)  # fmt: skip
    assert asked.get("PAK", ("",))[0] != "withhold"
    elsewhere = stances_of(afghanistan, resolver,
                           "Belarus says it will not follow Moscow's recognition of Abkhazia.", date)  # fmt: skip
    assert elsewhere == {}


def test_recognition_ruled_out_is_withheld(afghanistan, resolver):
    found = stances_of(afghanistan, resolver,
                       "The United States rules out recognising the Taliban government any time soon.", "2022-01-20")  # fmt: skip
    assert found["USA"][0] == "withhold"


def test_an_act_denied_to_the_subject_is_no_dealing_with_it(afghanistan, resolver):
    text, date = ("The United States offers $308 million in aid, which will go through independent organisations "
                  "rather than the Taliban.", "2022-01-11")  # fmt: skip
    actors = actors_of(resolver, text, date)
    usa = next(a for a in actors if a.get("country") == "USA")
    taliban = next(a for a in actors if afghanistan.watch.subject.is_actor(a, date))
    verdict = afghanistan.judge(text, actors, date, events=[_event("AID", usa, taliban, "verbs.yaml:AID/x")])
    assert "USA" not in {s.observer for s in verdict.stances}


def test_the_host_of_a_gathering_the_subject_attends_engages(afghanistan, resolver):
    found = stances_of(afghanistan, resolver,
                       "Taliban representatives took part in a regional meeting organised by Iran in Tehran.",
                       "2022-04-02")  # fmt: skip
    assert found["IRN"][0] == "engage"


def test_the_organisation_of_islamic_cooperation_is_an_observer_by_its_full_name(afghanistan, resolver):
    """Spelled out with "the", the OIC is not taken for the UN's short "the organisation"."""
    found = stances_of(afghanistan, resolver,
                       "The Organisation of Islamic Cooperation holds a meeting in Islamabad, attended by the "
                       "Taliban's foreign minister.", "2021-12-19")  # fmt: skip
    assert found["OIC"][0] == "engage"
    assert "UN" not in found


@pytest.mark.parametrize(
    ("text", "observer"),
    [
        ("Pakistan says it will recognise the Taliban government only in consultation with regional countries.",
         "PAK"),
        ("Tajikistan says it will not recognise any government in Afghanistan that does not include Tajiks.", "TJK"),
        ("The United Kingdom says it will judge the Taliban on their actions rather than their words.", "GBR"),
    ],
)  # fmt: skip
def test_recognition_promised_on_a_condition_or_refused_to_any_government_is_withheld(
    afghanistan, resolver, text, observer
):
    assert stances_of(afghanistan, resolver, text, "2021-09-20")[observer][0] == "withhold"


def test_dealings_the_subject_refuses_give_the_refused_observer_no_engage(afghanistan, resolver):
    date = "2022-03-02"
    refused = stances_of(afghanistan, resolver,
                         "The Taliban government declined cooperation with the United States on border security.",
                         date)  # fmt: skip
    assert refused.get("USA", ("",))[0] != "engage"
    had = stances_of(afghanistan, resolver,
                     "A Taliban spokesman said the movement would keep working with the United States on flights.",
                     date)  # fmt: skip
    assert had.get("USA", ("",))[0] != "withhold"
