"""The event coder a run uses: the bundled dictionaries plus the user's, and the chosen spaCy model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def build_coder(dict_paths: Sequence[str] = (), model: str | None = None):
    """The event coder with the bundled dictionaries plus the user's (which override them)."""
    from diplowatch.nlp.lean_import import import_spacy

    import_spacy()  # first, before the modules below import spaCy with its command line
    from diplowatch.actors import ActorResolver, load_dictionaries
    from diplowatch.events import EventCoder
    from diplowatch.nlp import load_nlp

    resolver = ActorResolver(load_dictionaries(extra=[Path(p) for p in dict_paths]))
    # With no model named, the coder loads spaCy on its first parse: a pool's parent never does.
    return EventCoder(nlp=load_nlp(model) if model else None, resolver=resolver)
