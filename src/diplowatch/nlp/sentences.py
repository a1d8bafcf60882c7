"""A cheap rule sentence splitter for whole articles, run before any parsing.

Splitting by rule lets the coder find actors and trigger words in every sentence and send only the
few that can hold an event through the parser. Good enough for news prose: breaks after . ! ? when
the next word starts like a sentence, never after common abbreviations, and always at line breaks
(Markdown paragraphs, list items, headings).
"""

from __future__ import annotations

import re

from diplowatch.lang import lexicon

ABBREVIATIONS = lexicon().words("sentences.abbreviations")
_BOUNDARY = re.compile(
    r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*(?:[-*#>|]|\d+[.)]\s))"""
)
_LINE = re.compile(r"\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.?[\"'”’)\]]*$")


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the period ending at `end` closes an abbreviation (Mr. / U.S. / Gen.)."""
    m = _WORD_BEFORE.search(text, max(0, end - 12), end)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # single capital letters ("J. Smith") and dotted acronyms ("U.S.A.")
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.end()
        if text[m.start()] == "." and _is_abbreviation(text, m.start() + 1) and "\n" not in m.group():
            continue
        _add(text, start, cut, spans)
        start = cut
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    # A single line break inside a paragraph is a wrap; split only where a line stands alone
    # (headings, table rows) — those are handled by the boundary pattern above.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
