"""A spaCy pipeline component for people who already have an `nlp` pipeline.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("diplowatch_events", config={"date": "2021-09-23"})
    doc = nlp(text)            # or set doc._.published before calling the component
    doc._.events               # list[diplowatch.records.Event]

It reuses the pipeline's own sentences and parse (nothing is parsed twice) and needs a parser or a
dependency-parsed Doc: the verb patterns read subjects and objects from it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from diplowatch.records import Article

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


class EventsComponent:
    def __init__(self, date: str | None = None, dicts: list[str] | None = None):
        from diplowatch.engine import build_coder

        self.date = date
        self._dicts = tuple(dicts or ())
        self._coder = None
        self._build = lambda: build_coder(self._dicts)

    @property
    def coder(self):
        if self._coder is None:  # built on first use so that add_pipe stays cheap
            self._coder = self._build()
        return self._coder

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError("diplowatch_events needs a dependency parse: add it after the parser")
        published = doc._.published or self.date
        text = doc.text
        sents = list(doc.sents)
        spans = [(s.start_char, s.end_char) for s in sents]
        mentions = self.coder.resolver.find_in_article(text, spans, published) if spans else []
        by_sentence: dict[int, list] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence_index, []).append(mention)
        docs = {
            i: sents[i].as_doc()
            for i, (start, end) in enumerate(spans)
            if i in by_sentence and self.coder._worth_parsing(text[start:end], by_sentence[i])
        }
        article = Article(id=doc.user_data.get("doc_id", "doc"), text=text, published=published)
        doc._.events = self.coder._assemble(article, text, spans, by_sentence, docs).events
        return doc


@Language.factory("diplowatch_events", default_config={"date": None, "dicts": []})
def make_events_component(nlp: Language, name: str, date: str | None, dicts: list[str]) -> EventsComponent:
    return EventsComponent(date=date, dicts=dicts)
