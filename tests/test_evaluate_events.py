"""The event scorer's matching rules, on small hand-made gold rows (the gold file itself is not needed)."""

from __future__ import annotations

from diplowatch.core.records import Actor, Event
from diplowatch.evaluate.events import CodeNormaliser, gold_triples, predicted_triples, score

NORM = CodeNormaliser({"JAP": "JPN"})


def _event(etype, source, target=None, **flags):
    return Event(
        event_id="e",
        doc_id="d",
        sentence_index=0,
        sentence="s",
        date=None,
        type=etype,
        source=source,
        target=target,
        **flags,
    )


def test_organisations_match_whichever_of_igo_and_ngo_the_gold_says():
    row = {"event": "DISAPPROVE", "source": [{"code": "IGO"}], "target": [{"code": "USA"}]}
    gold, symmetric = gold_triples(row, NORM)
    amnesty = Actor(text="Amnesty International", code="NGOAMN", sector="NGO")
    usa = Actor(text="the United States", code="USA", country="USA")
    assert predicted_triples([_event("ACCUSE", amnesty, usa)], NORM, symmetric) == gold


def test_a_gold_target_without_a_code_is_no_target_and_mutual_parties_are_symmetric():
    row = {
        "event": "AGREE",
        "source": [{"code": "TUR"}, {"code": "GRC"}],
        "target": [{"text": "d", "code": None}],
        "markup": "(SRC: Turkish) and (SRC: Greek) sides agreed",
    }
    gold, symmetric = gold_triples(row, NORM)
    assert gold == {("AGREE", "TUR", None), ("AGREE", "GRC", None)}
    tur = Actor(text="Turkish", code="TUR", country="TUR")
    grc = Actor(text="Greek", code="GRC", country="GRC")
    predicted = predicted_triples([_event("AGREE", tur, grc), _event("AGREE", grc, tur)], NORM, symmetric)
    assert predicted == gold


def test_hypothetical_events_do_not_count_and_cameo_codes_map_to_iso():
    rows = [{"text": "a", "event": "CONSULT", "source": [{"code": "JAP"}], "target": []}]
    japan = Actor(text="Japan", code="JPN", country="JPN")
    hit = score(rows, [[_event("CONSULT", japan)]], NORM)
    miss = score(rows, [[_event("CONSULT", japan, hypothetical=True)]], NORM)
    assert (hit["f1"], hit["type_accuracy"]) == (1.0, 1.0)
    assert (miss["f1"], miss["type_accuracy"]) == (0.0, 0.0)
