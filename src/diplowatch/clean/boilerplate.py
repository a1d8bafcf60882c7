"""Teaser and boilerplate lines that news sites wrap around a story.

Two kinds of rules:
- line patterns: a paragraph (line) that matches is dropped whole ("Also Read | ...");
- note patterns: a sentence that matches is cut out of its paragraph, the rest of the paragraph
  stays ("... This is a condensed version of the information.").
Users add line patterns with `diplowatch ingest --boilerplate REGEX` (case-insensitive).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from diplowatch.lang import lexicon

# Line patterns drop a paragraph whole; note patterns cut a sentence out of one (English, in lang/en).
DEFAULT_LINE_PATTERNS = lexicon().phrases("clean-boilerplate.line_patterns")
DEFAULT_NOTE_PATTERNS = lexicon().phrases("clean-boilerplate.note_patterns")


@dataclass
class Boilerplate:
    """Compiled rules; `strip(paragraphs)` returns the paragraphs without boilerplate."""

    line_patterns: list[re.Pattern] = field(default_factory=list)
    note_patterns: list[re.Pattern] = field(default_factory=list)

    @classmethod
    def from_patterns(cls, extra_lines: Iterable[str] = (), defaults: bool = True) -> Boilerplate:
        lines = [*(DEFAULT_LINE_PATTERNS if defaults else ()), *extra_lines]
        notes = DEFAULT_NOTE_PATTERNS if defaults else ()
        return cls(
            [re.compile(p, re.IGNORECASE) for p in lines],
            [re.compile(r"(?:(?<=[.!?\"\u201d])\s+|^)" + p, re.IGNORECASE) for p in notes],
        )

    def is_boilerplate(self, paragraph: str) -> bool:
        return any(p.search(paragraph) for p in self.line_patterns)

    def strip_notes(self, paragraph: str) -> str:
        for pattern in self.note_patterns:
            paragraph = pattern.sub("", paragraph)
        return paragraph.strip()

    def strip(self, paragraphs: Iterable[str]) -> list[str]:
        kept = []
        for paragraph in paragraphs:
            if self.is_boilerplate(paragraph):
                continue
            paragraph = self.strip_notes(paragraph)
            if paragraph:
                kept.append(paragraph)
        return kept


def compile_user_patterns(patterns: Iterable[str]) -> list[str]:
    """Check user regexes early, so a typo is one clear line rather than a traceback mid-run."""
    from diplowatch.errors import DiplowatchError

    checked = []
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise DiplowatchError(
                f"--boilerplate {pattern!r}: not a valid regular expression ({exc})"
            ) from None
        checked.append(pattern)
    return checked
