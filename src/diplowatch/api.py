"""The Python API: code a text, or drive a database through the whole pipeline (see `diplowatch.app`)."""

from __future__ import annotations

from functools import lru_cache

from diplowatch.app import Diplowatch
from diplowatch.core.records import Event

Pipeline = Diplowatch  # the name the first release documented: same object, same methods


@lru_cache(maxsize=1)
def _default_app() -> Diplowatch:
    return Diplowatch()


def code_text(text: str, date: str | None = None, doc_id: str = "text") -> list[Event]:
    """Code one text (an article or a sentence) into events, with the bundled dictionaries.

    `date` (YYYY-MM-DD) is the publication date: it dates the events and picks who held which office.
    """
    return _default_app().code_text(text, date=date, doc_id=doc_id)


def load_watch(name_or_path: str):
    """A bundled watch by name (e.g. "afghanistan-recognition") or a watch YAML file."""
    from diplowatch.watch import load_watch as _load

    return _load(name_or_path)
