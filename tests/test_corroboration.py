"""The folding rule itself, on event rows shaped as the store gives them (the sentences paraphrase real
2022 reports): what folds, what stays apart, and ids that do not depend on row order."""

from __future__ import annotations

import random

from diplowatch.core.corroboration import cluster_events, evidence_acts


def _event(
    event_id,
    doc,
    date,
    kind="ASSAULT",
    source="RUS",
    target="UKR",
    place=None,
    outlet="AP",
    sentence=None,
    **flags,
):
    return {"event_id": event_id, "doc_id": doc, "date": date, "type": kind, "source": {"code": source},
            "target": {"code": target} if target else None, "location": {"name": place} if place else None,
            "outlet": outlet, "sentence": sentence, **flags}  # fmt: skip


def _groups(rows) -> set[frozenset[str]]:
    return {frozenset(c.event_ids) for c in cluster_events(rows)}


def test_reports_of_one_strike_fold_and_a_strike_elsewhere_does_not():
    rows = [
        _event("a", "d1", "2022-07-10", place="Chasiv Yar", outlet="AP"),  # airstrike on an apartment block
        _event("b", "d2", "2022-07-11", place="Chasiv Yar", outlet="Reuters"),  # the death toll rises
        _event("c", "d3", "2022-07-11", place="Kharkiv", outlet="BBC"),  # shelling of another city
        _event("d", "d4", "2022-07-11", outlet="DW"),  # no place named: nothing says which act it tells
    ]
    assert _groups(rows) == {frozenset("ab"), frozenset("c"), frozenset("d")}


def test_the_window_is_anchored_at_the_first_report_not_chained():
    rows = [_event(k, f"d{k}", f"2022-03-0{day}", kind="CONSULT", source="USA", target="PAK", place="Islamabad")
            for k, day in zip("abcd", (1, 2, 3, 4), strict=True)]  # fmt: skip
    assert _groups(rows) == {frozenset("abc"), frozenset("d")}


def test_a_meeting_is_one_act_whichever_side_is_named_first_but_an_attack_is_not():
    meet = [_event("a", "d1", "2021-09-23", kind="CONSULT", source="USA", target="PAK", place="New York"),
            _event("b", "d2", "2021-09-24", kind="CONSULT", source="PAK", target="USA", place="New York")]  # fmt: skip
    assert _groups(meet) == {frozenset("ab")}
    fight = [_event("a", "d1", "2022-03-01", source="RUS", target="UKR", place="Kharkiv"),
             _event("b", "d2", "2022-03-01", source="UKR", target="RUS", place="Kharkiv")]  # fmt: skip
    assert len(_groups(fight)) == 2


def test_flags_and_missing_parts_keep_events_apart():
    rows = [
        _event("a", "d1", "2022-01-10"),
        _event("b", "d2", "2022-01-10", negated=True),  # "did not attack" is not a report of the attack
        _event("c", "d3", None),  # undated
        _event("d", "d4", "2022-01-10", target=None),  # an act on no one says nothing about which act
        _event("e", "d5", "2022-01-10", target=None),
    ]
    assert len(_groups(rows)) == 5


def test_a_missing_place_is_not_agreement():
    # Real reports (Wikipedia current events, 2021; not in any gold set): the Taliban's entries into
    # provincial capitals, coded AFGINS ASSAULT AFGINS with no place found, each its own act. The old
    # rule folded each into whichever act of the same actors was open in the window.
    rows = [
        _event("a", "wce-2021-07-30-005165", "2021-07-30", source="AFGINS", target="AFGINS",
               sentence="The Taliban enters Lashkargah, the provincial capital of Helmand Province, capturing "
               "large areas of the city, according to a provincial government spokesman."),
        _event("b", "wce-2021-07-31-005186", "2021-07-31", source="AFGINS", target="AFGINS",
               sentence="The Taliban enters Kandahar as intense fighting is reported in three major cities."),
        _event("c", "wce-2021-08-12-005476", "2021-08-12", source="AFGINS", target="AFGINS",
               sentence="The Taliban captures the provincial capitals of Ghazni, Qala e Naw, Kandahar and "
               "Herat, bringing the number of provincial capitals taken in the past seven days to thirteen."),
        _event("d", "wce-2021-08-13-005503", "2021-08-13", source="AFGINS", target="AFGINS",
               sentence="The Taliban captures the provincial capitals of Lashkargah, Chaghcharan, Puli Alam, "
               "Qalati Ghilji and Tarinkot, bringing the number of provincial capitals taken in the past "
               "seven days to eighteen."),
    ]  # fmt: skip
    assert len(_groups(rows)) == 4
    # A second sentence of the same article that restates the act still folds without a place.
    restated = _event("e", "wce-2021-07-31-005186", "2021-07-31", source="AFGINS", target="AFGINS",
                      sentence="Kandahar MP Gul Ahmad Kamin says the fighting there is the worst in 20 years.")  # fmt: skip
    assert frozenset("be") in _groups([*rows, restated])


def test_placeless_reports_of_one_statement_fold_on_the_same_day_and_topic():
    said = dict(kind="ACCUSE", source="USA", target="AFGGOV")
    rows = [
        _event("a", "d1", "2022-12-21", sentence="The United States condemned the Taliban's ban on women "
               "attending universities.", outlet="AP", **said),
        _event("b", "d2", "2022-12-21", sentence="Washington condemned the Taliban ban barring women from "
               "universities, the State Department said.", outlet="Reuters", **said),
        # the same words a day later: a report dated by its own day, not the same day's statement
        _event("c", "d3", "2022-12-22", sentence="The United States again condemned the ban on women at "
               "universities.", outlet="BBC", **said),
        # the same actors, the same day, another matter
        _event("d", "d4", "2022-12-21", sentence="The United States condemned the Taliban's detention of "
               "two journalists in Kabul.", outlet="DW", **said),
    ]  # fmt: skip
    for row, source in zip(rows, ("The United States", "Washington", "The United States", "The United States"),
                           strict=True):  # fmt: skip
        # as the coder stores them: the words naming the actors and the act are not the topic
        row["source"]["text"], row["target"]["text"], row["trigger"] = source, "Taliban", "condemned"
    assert _groups(rows) == {frozenset("ab"), frozenset("c"), frozenset("d")}


def test_counts_and_ids_do_not_depend_on_row_order():
    rows = [_event("a", "d1", "2022-05-04", place="Mariupol", outlet="AP"),
            _event("b", "d2", "2022-05-04", place="Mariupol", outlet="Reuters"),
            _event("c", "d2", "2022-05-05", place="Mariupol", outlet="Reuters")]  # fmt: skip
    first = cluster_events(rows)
    shuffled = rows[:]
    random.Random(1).shuffle(shuffled)
    again = cluster_events(shuffled)
    assert [(c.cluster_id, sorted(c.event_ids)) for c in first] == [
        (c.cluster_id, sorted(c.event_ids)) for c in again
    ]
    (act,) = first
    assert (act.n_events, act.n_articles, act.n_outlets) == (3, 2, 2)


def test_evidence_of_one_deed_folds_by_indicator_not_by_event_type():
    ban = "human_rights.girls_women_education:deed (act; subject named)"
    beating = "human_rights.reprisals_and_violence:deed (act; subject named)"
    rows = [
        {"doc_id": "bbc", "condition": "human_rights", "polarity": -1, "actor": "AFG", "date": "2022-12-20",
         "rule": ban, "event_id": "e0"},
        {"doc_id": "rt", "condition": "human_rights", "polarity": -1, "actor": "AFG", "date": "2022-12-21",
         "rule": ban, "event_id": "e1"},
        {"doc_id": "ap", "condition": "human_rights", "polarity": -1, "actor": "AFG", "date": "2022-12-21",
         "rule": beating, "event_id": "e2"},
        {"doc_id": "afp", "condition": "human_rights", "polarity": -1, "actor": "AFG", "date": "2022-12-21",
         "rule": ban, "event_id": "e3"},
    ]  # fmt: skip
    events = {
        "e0": ("REJECT", "AFG"),
        "e1": ("COERCE", "AFG"),
        "e2": ("ASSAULT", "AFG"),
        "e3": ("COERCE", "USA"),
    }
    acts = evidence_acts(rows, events)
    # one ban typed two ways by the coder is one act; a beating the same day is another deed
    assert acts[0] == acts[1] and acts[2] != acts[1]
    # the same words about a different target are another act
    assert acts[3] != acts[1]
