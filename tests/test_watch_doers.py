"""Who acted decides (issue 11): a deed counts for the watch's subject only when its doer is the subject.

The sentences are written for this test in the style of news summaries (none is from the training or
dev items)."""

from __future__ import annotations

import pytest

DATE = "2022-05-10"


def _judge_with(watch_verdicts, watch: str):
    """condition -> polarity of each piece of evidence `watch` finds in a sentence of DATE."""
    verdict = watch_verdicts(watch, DATE)
    return lambda text: {f.condition: f.polarity for f in verdict(text).evidence}


@pytest.fixture(scope="module")
def judge(watch_verdicts):
    return _judge_with(watch_verdicts, "afghanistan-recognition")


@pytest.mark.parametrize(
    "text",
    [
        # the doer of a passive act is its "by" phrase
        "Two Taliban fighters and a shopkeeper are killed by suspected Islamic State gunmen in Kunduz.",
        # a participle takes the doer of the clause it hangs on
        "Islamic State militants ambush a Taliban patrol near Jalalabad, killing three Taliban members.",
        # the subject only suffers the act
        "A Taliban commander is shot dead outside his home in Herat.",
        # another party claimed the attack
        "Islamic State claimed responsibility for the bombing that killed worshippers at a Kabul mosque.",
        # an attacker the text does not identify
        "Unidentified gunmen kill four health workers in Kandahar, a Taliban spokesman says.",
        # an act word glued to the subject's name is an attribute, not an act
        "The Taliban-appointed bank chief tells reporters that women's rights will differ from the 1990s.",
        # the subject named in another clause; in this one it is among the freed, not the one who frees
        "The deal set no terms for the Taliban, but it did order the release of 5,000 prisoners, including "
        "Taliban commanders.",
    ],
)
def test_acts_of_others_are_not_the_subjects_deeds(judge, text):
    found = judge(text)
    assert not any(polarity for polarity in found.values()), found


@pytest.mark.parametrize(
    ("text", "condition", "polarity"),
    [
        ("Taliban fighters beat journalists covering a women's protest in Kabul.", "human_rights", -1),
        ("Human rights activists are detained by Taliban intelligence officers in Mazar-i-Sharif.",
         "human_rights", -1),
        ("The Taliban say their forces killed five Islamic State fighters in a raid in Nangarhar.",
         "counter_terrorism", 1),
        # another party's report of a deed is its finding: words, polarity 0
        ("A report by Human Rights Watch says the Taliban executed former police officers in Ghazni.",
         "human_rights", 0),
        # a wish to tell is about the telling: the act told was done
        ("We want to note that the Taliban facilitated the departure of American citizens.", "safe_passage", 1),
        # an obligation the subject lays on others is its rule; one laid on the subject is a demand
        ("The Taliban announce that women must be accompanied by a male relative on long journeys.", "human_rights", -1),
        ("The EU says the Taliban must let women work in government offices.", "human_rights", 0),
        # a decade named to compare ("their 1990s rule") does not make the sentence history
        ("The Taliban order women out of parks and gyms, as under their 1990s rule.", "human_rights", -1),
        ("Taliban fighters detain a former Afghan army commander in Baghlan.", "human_rights", -1),
        ("Taliban fighters kill a folk singer at his home in Baghlan.", "human_rights", -1),
        ("Amnesty International says the Taliban killed nine Hazara villagers in Daykundi.", "human_rights", 0),
        ("The Taliban publicly flog three men in a stadium in Logar province.", "human_rights", -1),
        ("The Taliban let the World Food Programme deliver food to remote districts.", "humanitarian_access", 1),
        ("The Taliban fill the last posts in their cabinet with loyalists, again leaving out women.",
         "inclusive_government", -1),
        ("Taliban fighters search door to door for Afghans who worked for foreign embassies.", "human_rights", -1),
        ("A UN report finds that the Taliban and al-Qaeda remain closely aligned.", "counter_terrorism", 0),
        # a quoted phrase is still the words of the pattern
        ('Uzbekistan asks the Taliban to make a "clean break" with terrorist groups.', "counter_terrorism", 0),
    ],
)  # fmt: skip
def test_the_subjects_own_deeds_and_others_findings(judge, text, condition, polarity):
    found = judge(text)
    assert found.get(condition) == polarity, found


def test_a_documented_count_in_the_sample_is_the_uns_finding(judge, sample_dir):
    from test_watch_matcher import sample_sentence

    text, _ = sample_sentence(sample_dir, "extrajudicial killings of former government officials")
    assert judge(text).get("human_rights") == 0  # "the UN said it had documented ... killings"


@pytest.mark.parametrize(
    "text",
    [
        "Pakistani officials are in talks with the Taliban to ensure safe passage for Afghans with visas.",
        "British officials held talks with the Taliban about safe passage for their remaining nationals.",
        # the subject is the doer of the clause the other party's act hangs in
        "The Taliban have been cooperating with Qatar so that Qatari officials can get people out.",
    ],
)
def test_another_partys_dealings_with_the_subject_on_a_condition_are_words(judge, text):
    assert judge(text).get("safe_passage") == 0


@pytest.mark.parametrize(
    "text",
    [
        # the subject is named in a clause of its own, or as a time, not as a party to the act
        "As the Taliban entered Kabul, the United States evacuated its citizens from Afghanistan.",
        "After the Taliban takeover, Germany evacuated hundreds of Afghans from Kabul.",
        "Canada got people out of Kabul on Monday, while the Taliban held the city.",
    ],
)
def test_another_partys_own_evacuation_is_no_evidence(judge, text):
    assert "safe_passage" not in judge(text)


@pytest.fixture(scope="module")
def judge_myanmar(watch_verdicts):
    return _judge_with(watch_verdicts, "myanmar-asean")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Myanmar's military airstrikes kill 30 villagers in Sagaing Region.", {"cessation_of_violence": -1}),
        ("Fighters of the People's Defence Force ambush a junta convoy in Sagaing Region, killing twelve soldiers.", {}),
        ("Unidentified gunmen kill a village administrator appointed by the junta in Mandalay.", {}),
        ("A report by Amnesty International says the Myanmar military killed civilians in Kayah State.",
         {"cessation_of_violence": 0}),
        ("The junta releases 5,000 prisoners, including some opponents of the military.", {"cessation_of_violence": 1}),
    ],
)  # fmt: skip
def test_the_myanmar_watch_follows_the_same_design(judge_myanmar, text, expected):
    assert judge_myanmar(text) == expected
