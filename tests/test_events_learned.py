"""The trained side of the coder: actor keys, marked texts, and the shipped models' judgement on sentences
written for these tests (not taken from any gold set)."""

from __future__ import annotations

import pytest

from diplowatch.core.records import Actor, Event, Location
from diplowatch.events.learned import (
    Party,
    actor_key,
    bundled_judge,
    calibrated,
    isotonic,
    layout,
    marked,
    origin_of,
    role_text,
    select,
    verifier_text,
    with_target,
)


@pytest.mark.parametrize(
    "actor, key",
    [
        ({"code": "RUSMIL", "country": "RUS", "sector": "MIL"}, "RUS"),
        ({"code": "IGOUNOSEC", "name": "United Nations Security Council"}, "UN"),
        ({"code": "IGOUNOIAE", "name": "International Atomic Energy Agency"}, "IAEA"),
        ({"code": "IGOEEC", "name": "European Union"}, "EU"),
        ({"code": "IGONAT", "name": "NATO"}, "NATO"),
        ({"code": "NGOAMN", "name": "Amnesty International"}, "NGO"),
        ({"code": "IMGINS", "group": "Islamic State"}, "ISIS"),
        ({"code": "SOMINS", "country": "SOM", "group": "al-Shabaab"}, "AQ"),
        ({"code": "CVL", "sector": "CVL"}, None),
        (None, None),
    ],
)
def test_actor_keys_follow_the_guidelines(actor, key):
    assert actor_key(actor) == key


def test_marked_texts_hide_names_and_show_roles():
    sentence = "Russian troops shelled Kharkiv as Ukraine asked NATO for help."
    found = [Party("RUS", {"code": "RUSMIL"}, [(0, 14)]), Party("UKR", {"code": "UKR"}, [(23, 30), (34, 41)]),
             Party("NATO", {"code": "IGONAT"}, [(48, 52)])]  # fmt: skip
    assert marked("abc def", [((4, 7), "X")]) == "abc X"
    assert role_text(sentence, found, "UKR") == "XOTHER shelled XSUBJ as XSUBJ asked XOTHER for help."
    text = verifier_text(sentence, found, "ASSAULT", "RUS", "UKR", "MODEL")
    assert text.startswith("TYPE_ASSAULT FROM_MODEL LEN_15 NPARTY_3 SRC_OPENS SRC_FIRST GAP_1 .")
    assert "XSRC_ASSAULT shelled XTGT_ASSAULT" in text and "XOTHER for help" in text
    assert "NOTARGET" in verifier_text(sentence, found, "PROTEST", "UKR", None, "RULE_VERBS")


def test_the_verifier_is_told_which_rule_found_the_event_and_how():
    tokens = origin_of("verbs.yaml:ASSAULT/kill>fallback+unidentified", 0.65).split()
    assert tokens == ["RULE_VERBS", "PAT_ASSAULT_KILL", "HOW_FALLBACK", "HOW_UNIDENTIFIED", "CONF_65"]
    assert origin_of("nominal.yaml:SANCTION/sanctions").split() == ["RULE_NOMINAL", "PAT_SANCTION_SANCTIONS"]


def test_the_verifier_is_told_where_the_doer_target_and_trigger_stand():
    sentence = "After weeks of talks in Geneva, Iran agreed to let inspectors from the IAEA return."
    found = [Party("IRN", {"code": "IRN"}, [(32, 36)]), Party("IAEA", {"code": "IGOUNOIAE"}, [(71, 75)]),
             Party("CHE", {"code": "CHE"}, [(23, 29)])]  # fmt: skip
    tokens = layout(sentence, found, "IRN", "IAEA", "agreed")
    assert tokens[:6] == ["LEN_15", "NPARTY_3", "SRC_INSIDE", "SRC_FIRST", "GAP_6", "TRIG_AGREED"]
    assert tokens[6:] == ["SRC_BEFORE_TRIG_0", "TGT_AFTER_TRIG_5"]
    assert "TGT_FIRST" in layout(sentence, found, "IAEA", "IRN")
    assert "SRC_UNSEEN" in layout(sentence, [Party("FRA", {"code": "FRA"})], "FRA", None)
    assert not [t for t in layout(sentence, found, "IRN", None, "refused") if "TRIG" in t]  # not in the text


def test_confidence_is_the_rate_right_of_held_out_events_so_scored():
    pairs = [(i / 1000, i % 10 < i // 100) for i in range(1000)]  # the higher the score, the more are right
    knots = isotonic(pairs, min_size=100)
    rates = [rate for _, rate in knots]
    assert rates == sorted(rates) and len(knots) >= 5 and knots[0][1] < 0.1 and knots[-1][1] > 0.8
    assert calibrated(0.0, knots) == knots[0][1] and calibrated(1.0, knots) == knots[-1][1]
    middle = (knots[1][0] + knots[2][0]) / 2
    assert knots[1][1] <= calibrated(middle, knots) <= knots[2][1]
    assert calibrated(0.37, None) == 0.37  # no table: the score itself


def _event(source: Actor, location: Location | None = None, **flags: bool) -> Event:
    sentence = "Militants attacked a prison in Al-Hasakah, freeing dozens of inmates."
    return Event("", "d", 0, sentence, None, "ASSAULT", source=source, location=location, **flags)


def test_an_event_with_no_target_is_aimed_at_its_place_else_the_doers_own_country():
    isis = Actor("Islamic State militants", group="Islamic State", code="IMGINS")
    filled, supplied = with_target(_event(isis, Location("Al-Hasakah", "SYR")))
    assert supplied and filled.target is not None and filled.target.country == "SYR"
    minister = Actor("Argentine Health Minister", code="ARGGOV", country="ARG", sector="GOV")
    filled, supplied = with_target(_event(minister))
    assert supplied and filled.target is not None and filled.target.country == "ARG"
    kept, supplied = with_target(_event(minister, negated=True))
    assert not supplied and kept.target is None
    assert with_target(_event(isis)) == (_event(isis), False)  # no place, no country: nothing to supply


def test_a_standing_rule_event_covers_its_doer_when_the_decision_says_so():
    rule = (("ASSAULT", "RUS", "UKR"), True, 0.8)
    same_doer = (("COERCE", "RUS", "UKR"), False, 0.9)
    other_doer = (("REQUEST", "UKR", "NATO"), False, 0.9)
    assert select([rule, same_doer, other_doer], 0.5, 0.5) == [0, 1, 2]
    assert select([rule, same_doer, other_doer], 0.5, 0.5, "source") == [0, 2]
    assert select([rule, same_doer, other_doer], 0.5, 0.5, "pair") == [0, 2]
    dropped_rule = (rule[0], True, 0.3)  # below the floor: it covers nothing
    assert select([dropped_rule, same_doer], 0.5, 0.5, "source") == [1]


judge = bundled_judge()
needs_models = pytest.mark.skipif(judge is None, reason="no trained models in this installation (make train)")


@needs_models
def test_shipped_models_code_an_attack_and_skip_a_disaster():
    from diplowatch import code_text

    attack = code_text("Russian forces shelled the Ukrainian city of Kharkiv on Monday, killing four civilians.",
                       date="2022-03-07")  # fmt: skip
    assert any(e.type == "ASSAULT" and e.source and e.source.country == "RUS" for e in attack)
    quake = code_text(
        "An earthquake shook the hills around Bitlis in eastern Turkey overnight, killing five villagers.",
        date="2022-03-07",
    )
    assert not [e for e in quake if not (e.negated or e.hypothetical)]


@needs_models
def test_confidence_is_the_calibrated_score_and_events_below_the_threshold_are_dropped():
    from diplowatch import code_text

    events = code_text("The United States imposes new sanctions on Iranian oil exports.", date="2021-06-01")
    # calibration is monotone: a score at or above the floor is a confidence at or above the floor's
    floor = min(judge.confidence(judge.rule_floor, True), judge.confidence(judge.threshold, False))
    assert events and all(floor <= e.confidence <= 1.0 for e in events if not e.negated)


@needs_models
def test_a_batch_of_articles_is_coded_as_each_article_alone():
    """The classifiers run once over a whole batch of sentences: each text must still be scored on its own."""
    from diplowatch.core.records import Article
    from diplowatch.events import EventCoder

    texts = [
        "Russian forces shelled the Ukrainian city of Kharkiv on Monday, killing four civilians.",
        "The United States imposes new sanctions on Iranian oil exports.",
        "China and Russia agreed to hold joint naval drills. Japan protested to Beijing over the drills.",
        "An earthquake shook the hills around Bitlis in eastern Turkey overnight, killing five villagers.",
        "France urged Iran to return to the nuclear talks, and Germany called on Tehran to stop enrichment.",
    ]
    articles = [Article(id=f"a{i}", text=t, published="2022-03-07") for i, t in enumerate(texts)]
    coder = EventCoder()
    together = [c.events for c in coder.code_articles(articles)]
    alone = [next(coder.code_articles([a])).events for a in articles]
    assert together == alone
    assert sum(len(e) for e in together) >= 4


def test_organisations_outside_the_guidelines_list_key_by_acronym():
    from diplowatch.actors import ActorResolver, load_dictionaries

    resolver = ActorResolver(load_dictionaries())
    text = "The WTO, the OECD, FIFA, the IOC and Mercosur met Amnesty International."
    keys = [actor_key(m.actor.to_dict()) for m in resolver.find(text)]
    assert keys == ["WTO", "OECD", "FIFA", "IOC", "MERCOSUR", "NGO"]
