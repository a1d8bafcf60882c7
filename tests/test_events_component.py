"""The spaCy component codes events from a pipeline the user already has, reusing its parse."""

from __future__ import annotations

import spacy

import diplowatch.component  # noqa: F401  (registers the factory)
from diplowatch.nlp import model_name


def test_component_codes_consult_from_users_pipeline():
    nlp = spacy.load(model_name())
    nlp.add_pipe("diplowatch_events", config={"date": "2021-09-23"})
    doc = nlp(
        "US Secretary of State Antony Blinken met Pakistani Foreign Minister Shah Mehmood Qureshi "
        "in New York on Thursday. The weather was mild."
    )
    pairs = {(e.type, e.source.code, e.target.code if e.target else None) for e in doc._.events}
    assert ("CONSULT", "USAGOV", "PAKGOV") in pairs
    assert all(e.sentence_index == 0 and e.rule for e in doc._.events)


def test_component_reads_published_date_from_doc():
    nlp = spacy.load(model_name())
    nlp.add_pipe("diplowatch_events")
    doc = nlp.make_doc("Taliban fighters attacked Afghan soldiers in Kandahar.")
    for _, proc in nlp.pipeline:
        if proc is nlp.get_pipe("diplowatch_events"):
            doc._.published = "2021-05-01"
        doc = proc(doc)
    sources = {e.source.code for e in doc._.events if e.source}
    assert sources and all(code.startswith("AFG") for code in sources)
    assert "AFGINS" in sources  # before 15 Aug 2021 the Taliban are insurgents


def _signature(events) -> list[tuple]:
    return sorted(
        (e.sentence_index, e.type, e.source.code if e.source else None, e.target.code if e.target else None,
         e.rule, e.negated, e.hypothetical)
        for e in events
    )  # fmt: skip


def test_component_and_code_text_agree_on_a_corpus():
    """One composition root: the component and code_text give the same events for the same text."""
    import json
    from pathlib import Path

    from diplowatch import code_text

    sample = Path(diplowatch.component.__file__).parent / "data" / "sample"
    items = [
        json.loads(line)
        for p in sorted(sample.glob("*.jsonl"))
        for line in p.read_text().splitlines()
        if line
    ]
    items += [{"text": p.read_text(), "date": p.name[:10]} for p in sorted(sample.glob("*.txt"))]
    assert len(items) >= 20
    nlp = spacy.load(model_name(), exclude=["ner"])  # the coder's own pipeline has no NER either
    nlp.add_pipe("diplowatch_events")
    compared = 0
    for item in items:
        doc = nlp.make_doc(item["text"])
        doc._.published = item.get("date")
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        expected = code_text(item["text"], date=item.get("date"))
        assert _signature(doc._.events) == _signature(expected), item["text"][:80]
        compared += len(expected)
    assert compared > 0


def test_component_sees_ethnic_communities_as_code_text_does():
    sentence = "Serbian police arrested ethnic Albanians in Pristina."
    from diplowatch import code_text

    nlp = spacy.load(model_name())
    nlp.add_pipe("diplowatch_events", config={"date": "1998-06-01"})
    assert _signature(nlp(sentence)._.events) == _signature(code_text(sentence, date="1998-06-01"))
