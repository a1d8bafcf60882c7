"""Language processing shared by every stage: the spaCy model (loaded once), the one sentence splitter,
the one date reader for sentences. Imported lazily, so that `diplowatch.nlp.sentences` costs no spaCy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["load_nlp", "model_name"]

if TYPE_CHECKING:
    from diplowatch.nlp.model import load_nlp, model_name


def __getattr__(name: str) -> Any:
    if name in __all__:
        from diplowatch.nlp import model

        return getattr(model, name)
    raise AttributeError(f"module 'diplowatch.nlp' has no attribute {name!r}")
