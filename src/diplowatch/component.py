"""A spaCy pipeline component for people who already have an `nlp` pipeline.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("diplowatch_events", config={"date": "2021-09-23"})
    doc = nlp(text)            # or set doc._.published before calling the component
    doc._.events               # list[diplowatch.core.records.Event]

It codes through the same application object and the same steps as `diplowatch.code_text`: one
sentence splitter, the same actors, and each sentence that can hold an event parsed on its own by the
components that stand before this one in the user's pipeline. With the same model, the component and
`code_text` give the same events for the same text (tests/test_component.py checks it on a corpus).
The pipeline must have a parser before the component: the verb patterns read subjects and objects.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from diplowatch.app import Diplowatch

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


class EventsComponent:
    def __init__(self, nlp: Language, name: str, date: str | None = None, dicts: list[str] | None = None):
        self.nlp, self.name, self.date = nlp, name, date
        self.app = Diplowatch(dict_paths=dicts or ())

    def _parse(self, sentence: str) -> Doc:
        """One sentence through the pipeline's components that come before this one."""
        doc = self.nlp.make_doc(sentence)
        for name, component in self.nlp.pipeline:
            if name == self.name:
                break
            doc = component(doc)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError("diplowatch_events needs a dependency parse: add it after the parser")
        published = doc._.published or self.date
        doc_id = doc.user_data.get("doc_id", "doc")
        doc._.events = self.app.coder.code_parsed(doc.text, self._parse, published, doc_id).events
        return doc


@Language.factory("diplowatch_events", default_config={"date": None, "dicts": []})
def make_events_component(nlp: Language, name: str, date: str | None, dicts: list[str]) -> EventsComponent:
    return EventsComponent(nlp, name, date=date, dicts=dicts)
