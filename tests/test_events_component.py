"""The spaCy component codes events from a pipeline the user already has, reusing its parse."""

from __future__ import annotations

import spacy

import diplowatch.events.component  # noqa: F401  (registers the factory)
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
