"""From a reader's RawDoc to a cleaned Article: clean the text, read the date, hash, name, detect language."""

from __future__ import annotations

import hashlib
import os

from diplowatch.clean.boilerplate import Boilerplate
from diplowatch.clean.dedupe import content_hash
from diplowatch.clean.language import detect_language
from diplowatch.clean.normalize import normalize_inline, to_paragraphs
from diplowatch.clean.repeats import drop_repeated, split_sentences
from diplowatch.core.dates import MAX_YEAR, MIN_YEAR, out_of_range, parse_date
from diplowatch.core.records import Article
from diplowatch.ingest.markup import hostname
from diplowatch.ingest.raw import Issue, RawDoc

TITLE_FROM_TEXT = 120  # a title made from the first sentence is cut to this many characters


class Assembler:
    """Turns raw documents into Articles with one set of cleaning rules."""

    def __init__(self, extra_boilerplate: list[str] | None = None):
        self.boilerplate = Boilerplate.from_patterns(extra_boilerplate or [])

    def clean_text(self, text: str) -> str:
        """Paragraphs normalised, boilerplate and repeated paragraphs removed, blank line between."""
        paragraphs = self.boilerplate.strip(to_paragraphs(text))
        return "\n\n".join(drop_repeated(paragraphs))

    def build(self, raw: RawDoc, id_basis: str) -> tuple[Article | None, list[Issue]]:
        """The article (None when no text is left) and any warnings about it.

        `id_basis` identifies the input regardless of the working directory (an absolute path or
        URL plus the record's line), so an article without an id of its own keeps the same id
        however and whenever the file is ingested.
        """
        issues: list[Issue] = []
        text = self.clean_text(raw.text)
        if not text:
            return None, [Issue(raw.source, "no text left after removing boilerplate")]
        published = parse_date(raw.date)
        if published is None and raw.date not in (None, ""):
            far = out_of_range(raw.date)
            problem = (
                f"date {far} is outside {MIN_YEAR}-{MAX_YEAR}"
                if far
                else f"unparseable date {str(raw.date)[:40]!r}"
            )
            issues.append(Issue(raw.source, f"{problem}; kept without a date", "warning"))
        published = published or raw.date_hint
        chash = content_hash(text)
        title = normalize_inline(raw.title)
        meta = dict(raw.meta)
        if not title:
            first = split_sentences(text.split("\n\n", 1)[0])[0]
            title = (
                first if len(first) <= TITLE_FROM_TEXT else first[: TITLE_FROM_TEXT - 1].rstrip() + "\u2026"
            )
            meta["title_from_text"] = True
        language, confidence = detect_language(text)
        meta["language_confidence"] = round(confidence, 3)
        url = normalize_inline(raw.url)
        article = Article(
            id=normalize_inline(raw.id) or stable_id(id_basis, chash),
            text=text,
            title=title,
            published=published,
            url=url,
            outlet=normalize_inline(raw.outlet) or hostname(url),
            language=language,
            content_hash=chash,
            source=raw.source,
            meta=meta,
        )
        return article, issues


def stable_id(basis: str, chash: str) -> str:
    return hashlib.sha1(f"{basis}\n{chash}".encode()).hexdigest()[:20]


def id_basis(source: str, display: str, absolute: str) -> str:
    """The record's source with its display path replaced by the absolute one (keeps :line / #n)."""
    if display and source.startswith(display):
        return absolute + source[len(display) :]
    return source if os.path.isabs(source) or "://" in source else absolute + source
