"""Each article's text is stored once: coded sentences keep their span of it, and the `sentences`
view gives back exactly the text the coder split, accents, emoji and repeated paragraphs included."""

from __future__ import annotations

import duckdb

from diplowatch.core.records import Article
from diplowatch.store import connect
from diplowatch.store.articles import write_batch
from diplowatch.store.connection import _migrations, migrate
from diplowatch.store.events import write_coded
from watch_db import _Coded, _Sentence

TEXT = (
    "Zabihullah Mujahid said the Islamic Emirate 🇦🇫 would reopen schools. "
    "Café owners in Kabul — naïvely — cheered. "
    "Zabihullah Mujahid said the Islamic Emirate 🇦🇫 would reopen schools. "
    "Girls were sent home."
)


def _sentences(text: str) -> list[str]:
    parts, start = [], 0
    for end in [i + 1 for i, c in enumerate(text) if c == "." and (i + 1 == len(text) or text[i + 1] == " ")]:
        parts.append(text[start:end].strip())
        start = end
    return parts


def _article(ident: str, text: str) -> Article:
    return Article(id=ident, text=text, published="2022-03-23", content_hash=ident, language="en")


def test_sentences_are_spans_of_the_article_text(db_path):
    con = connect(db_path)
    write_batch(con, [_article("a1", TEXT)], {}, [], "x", [])
    pieces = _sentences(TEXT) + ["A sentence the article does not hold."]
    coded = _Coded("a1", [_Sentence(i, s, "2022-03-23", []) for i, s in enumerate(pieces)])
    write_coded(con, [coded], "test")
    stored = con.execute("SELECT text FROM sentences WHERE doc_id = 'a1' ORDER BY sentence_index").fetchall()
    assert [t for (t,) in stored] == pieces
    kept = con.execute("SELECT sentence_index FROM sentence_spans WHERE text IS NOT NULL").fetchall()
    assert kept == [(len(pieces) - 1,)]  # only the sentence that is no piece of the article keeps its text
    con.close()


def test_the_coder_places_its_sentences_as_the_store_would(db_path):
    """The coder gives each sentence its span (the first occurrence, as the store's own search would):
    the writer keeps those spans without searching the text again, and the view reads the same text."""
    from diplowatch.events import EventCoder
    from diplowatch.store.articles import load_articles

    con = connect(db_path)
    write_batch(con, [_article("a1", TEXT)], {}, [], "x", [])
    coded = list(EventCoder(learned=False).code_articles(load_articles(con, ["a1"])))
    assert [s.start for s in coded[0].sentences] == [TEXT.find(s.text) for s in coded[0].sentences]
    assert coded[0].sentences[2].start == 0  # the repeated sentence: its first occurrence
    write_coded(con, coded, "test")
    stored = con.execute("SELECT text FROM sentences WHERE doc_id = 'a1' ORDER BY sentence_index").fetchall()
    assert [t for (t,) in stored] == [s.text for s in coded[0].sentences]
    assert con.execute("SELECT count(*) FROM sentence_spans WHERE text IS NOT NULL").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM coded_articles WHERE coded_at IS NOT NULL").fetchone() == (1,)
    con.close()


def test_the_migration_turns_stored_sentences_into_spans(db_path):
    con = duckdb.connect(str(db_path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    for number, name, sql in _migrations():
        if number < 7:
            con.execute(sql)
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [number, name])
    con.execute(
        "INSERT INTO articles (id, text, content_hash) VALUES ('a1', ?, 'h1'), ('a2', 'Short one.', 'h2')",
        [TEXT],
    )
    pieces = _sentences(TEXT)
    for index, sentence in enumerate(pieces):
        con.execute(
            "INSERT INTO sentences (doc_id, sentence_index, text) VALUES ('a1', ?, ?)", [index, sentence]
        )
    con.execute("INSERT INTO sentences (doc_id, sentence_index, text) VALUES ('a2', 0, 'Not in the text.')")
    migrate(con)
    stored = con.execute("SELECT doc_id, text FROM sentences ORDER BY doc_id, sentence_index").fetchall()
    assert stored == [("a1", s) for s in pieces] + [("a2", "Not in the text.")]
    nulls = con.execute("SELECT count(*) FROM sentence_spans WHERE text IS NULL").fetchall()[0][0]
    assert nulls == len(pieces)
    con.close()
