"""What readers hand to the pipeline: raw documents and the problems met on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawDoc:
    """One document as a reader found it, before cleaning.

    `text` is plain text with paragraphs separated by blank lines (readers of markup convert);
    `date` is whatever the source gave (parsed later, so an unreadable one becomes a warning);
    `date_hint` is a fallback the reader inferred (e.g. from the file name).
    """

    text: str
    source: str
    id: str | None = None
    title: str | None = None
    date: Any = None
    date_hint: str | None = None
    url: str | None = None
    outlet: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Issue:
    """A problem with one input: `skipped` means nothing of it was stored, `warning` means it was."""

    where: str
    problem: str
    kind: str = "skipped"  # skipped | warning

    def __str__(self) -> str:
        return f"{self.kind} {self.where}: {self.problem}"


class Skip(Exception):
    """Raised by a reader when a whole input cannot be used; becomes one `skipped` line."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem
