"""Fill a real DuckDB file for the watch tests: ingest, then sentences with resolved actors.

Uses the real pipeline where it exists: `ingest_sources` for the articles, the EventCoder when the
events package provides it, else spaCy sentences + the actor resolver (the `sentences` table is all a
watch needs), written through `store.events.write_coded` either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from diplowatch.store import connect
from diplowatch.store.articles import load_articles
from diplowatch.store.events import pending_ids, write_coded


@dataclass
class _Sentence:
    index: int
    text: str
    date: str | None
    actors: list[dict[str, Any]]


@dataclass
class _Coded:
    doc_id: str
    sentences: list[_Sentence]
    events: list[Any] = field(default_factory=list)


def _code_with_resolver(articles) -> list[_Coded]:
    from diplowatch.actors import ActorResolver, load_dictionaries
    from diplowatch.nlp import load_nlp

    nlp, resolver = load_nlp(), ActorResolver(load_dictionaries())
    coded = []
    for article in articles:
        doc = nlp(article.text)
        spans = [(s.start_char, s.end_char) for s in doc.sents]
        mentions = resolver.find_in_article(article.text, spans, article.published)
        sentences = []
        for index, (start, end) in enumerate(spans):
            actors = [
                {
                    **m.actor.to_dict(),
                    "kind": m.kind,
                    "start": m.start_char - start,
                    "end": m.end_char - start,
                }
                for m in mentions
                if m.sentence_index == index
            ]
            sentences.append(_Sentence(index, article.text[start:end], article.published, actors))
        coded.append(_Coded(article.id, sentences))
    return coded


def _code(articles) -> list[Any]:
    try:
        from diplowatch.events import EventCoder
    except ImportError:
        return _code_with_resolver(articles)
    return list(EventCoder().code_articles(articles))


def fill_db(db_path, sources: list[str]):
    """Ingest `sources` into db_path and code them; returns an open connection."""
    from diplowatch.ingest.pipeline import ingest_sources

    con = connect(db_path)
    ingest_sources([str(s) for s in sources], con, progress=False)
    articles = list(load_articles(con, pending_ids(con)))
    write_coded(con, _code(articles), "test")
    return con
