"""Stances in the wording of news (the fifth round): refusing "to deal" with the subject, visa and travel bans
on its members, its diplomats let into an embassy, recognition kept off the agenda or "out of the question",
conditions set for engagement, legitimacy that "must be earned", headline verbs of hosting ("welcomes",
"receives"), a consulate opened in the country, trade with the subject, and dealings only asked of others.
The sentences are written for this test (none is from the training or dev items)."""

from __future__ import annotations

import pytest

DATE = "2022-05-17"


@pytest.fixture(scope="module")
def stances(afghanistan_stances):
    return afghanistan_stances(DATE)


@pytest.mark.parametrize(
    ("text", "observer", "stance"),
    [
        # refused dealings are a rejection, with "to" between the refusal and the dealing
        ("Kyrgyzstan refused to work with the Taliban authorities on the border.", "KGZ", "reject"),
        ("Canada slaps travel bans on five Taliban ministers.", "CAN", "reject"),
        ("Washington puts two Taliban governors on a visa restriction list.", "USA", "reject"),
        # the subject's diplomats let into the country's embassy: the embassy handed over
        ("Turkmenistan lets Taliban envoys take control of the Afghan consulate in Ashgabat.", "TKM",
         "recognize"),
        # recognition kept off the agenda, or out of the question, for now
        ("Mongolia says recognising the Taliban is not yet on the agenda.", "MNG", "withhold"),
        ("Spain said formal recognition of the Taliban was out of the question at present.", "ESP", "withhold"),
        # engagement made conditional
        ("The Netherlands laid out four conditions for any engagement with the Taliban.", "NLD", "withhold"),
        ("Belgium said legitimacy for the Taliban is yet to be earned.", "BEL", "withhold"),
        # dealings worded as news headlines do
        ("Tashkent receives the Taliban's acting commerce minister for talks on a railway.", "UZB", "engage"),
        ("Turkmenistan opens a consulate-general in Herat.", "TKM", "engage"),
        ("Kyrgyzstan expands trade with the Taliban through a new border market.", "KGZ", "engage"),
    ],
)  # fmt: skip
def test_news_wording_of_stances(stances, text, observer, stance):
    assert (observer, stance) in stances(text)


def test_dealings_asked_of_others_are_no_ones(stances):
    # the one who asks does not deal with them yet, and those asked have not either
    assert stances("Malaysia urged donor countries to engage with the Taliban's new ministers.") == set()


@pytest.mark.parametrize(
    ("text", "observers"),
    [
        # a headline verb the parser reads as a noun ("launch"): the names before it are its doers
        ("The WFP and UNICEF launch a school meals project in Balkh backed by the Taliban.", {"UN"}),
        # people named in a clause on the subject do not stand in for the one who runs the drive
        ("UNICEF started a measles drive backed by the Taliban, which wants to reach two million children.",
         {"UN"}),
    ],
)  # fmt: skip
def test_a_drive_the_subject_backs_is_its_runners_dealing(stances, text, observers):
    assert {(code, "engage") for code in observers} <= stances(text)


@pytest.mark.parametrize(
    ("text", "observer", "stance"),
    [
        # dealings said not to give the subject legitimacy
        ("Finland's envoy said the visit to Kabul does not confer legitimacy on the Taliban.", "FIN", "withhold"),
        ("Denmark said the talks don't imply any legitimacy for the Islamic Emirate.", "DNK", "withhold"),
    ],
)  # fmt: skip
def test_legitimacy_denied(stances, text, observer, stance):
    assert (observer, stance) in stances(text)


@pytest.mark.parametrize(
    "text",
    [
        # dealings among others about the subject: the subject is their topic, not a party to them
        "Kyrgyz and Kazakh ministers met in Bishkek for talks on the Taliban's border policy.",
        "Canada's foreign minister discussed the Taliban with her Australian counterpart.",
        "Swedish and Danish diplomats met in Copenhagen to discuss their approach toward the Taliban.",
    ],
)
def test_dealings_about_the_subject_are_not_with_it(stances, text):
    assert stances(text) == set(), stances(text)


def test_talks_with_the_subject_on_a_topic_still_count(stances):
    # the same words with the subject as the other party are dealings with it
    assert stances("Kazakh ministers held talks on the Taliban's trade rules.") == set()
    assert ("KAZ", "engage") in stances("Kazakh ministers held talks with the Taliban on trade rules.")


@pytest.mark.parametrize(
    "text",
    [
        "ASEAN foreign ministers agree on a shared approach to the Taliban.",
        "The European Union and Japan agree on a common position toward the Taliban.",
        "Britain and France coordinate their policy on the Taliban.",
    ],
)
def test_coded_acts_among_others_about_the_subject_show_no_stance(watch_verdicts, text):
    """The coder reads these as agreements or joint work with the Taliban; the Taliban are their topic."""
    verdict = watch_verdicts("afghanistan-recognition", DATE, coded=True)(text)
    assert verdict.stances == [], verdict.stances


@pytest.mark.parametrize(
    ("text", "observer"),
    [
        # relations refused, worded as their normalisation
        ("Austria's chancellor said there would be no normalisation of relations with the Taliban.", "AUT"),
        # the subject's envoys sent away
        ("The Swedish government expelled three Taliban-appointed diplomats.", "SWE"),
        ("Kazakhstan has expelled the Taliban's envoy in Astana.", "KAZ"),
    ],
)
def test_relations_refused_and_envoys_expelled_are_rejection(stances, text, observer):
    assert (observer, "reject") in stances(text)
