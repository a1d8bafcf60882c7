"""Offline language identification with py3langid.

The identifier is limited to languages news is commonly written in: with all 97 of langid's
languages, short English news summaries were often labelled Nigerian Pidgin or Latin. A short text
whose best guess is a low-confidence non-English language but which is built of English function
words is called English. Texts of fewer than three words get "und" (undetermined).
"""

from __future__ import annotations

import re
from functools import lru_cache

from diplowatch.lang import lexicon

NEWS_LANGUAGES = (
    "en fr de es pt it nl ru uk pl cs sk sl hr sr bg ro hu el tr ar fa ps ur hi bn zh ja ko vi th id "
    "ms tl sw am he sv no da fi et lv lt ga cy ca eu sq mk ka hy az kk uz ky mn ta te ml kn mr gu pa "
    "ne si km lo my af zu xh so ha yo ig"
).split()
_ENGLISH_FUNCTION_WORDS = lexicon().words("clean-language.function_words")
_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 1500  # the start of a long text decides; reading all of it changes nothing
LOW_CONFIDENCE = 0.7
MIN_WORDS = 3  # fewer words than this say nothing reliable about the language


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([lang for lang in NEWS_LANGUAGES if lang in set(identifier.nb_classes)])
    return identifier


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code (or "und") and the identifier's confidence in [0, 1]."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if len(words) < MIN_WORDS:
        return "und", 0.0
    lang, confidence = _identifier().classify(sample)
    if lang != "en" and confidence < LOW_CONFIDENCE:
        english = sum(1 for w in words if w.casefold() in _ENGLISH_FUNCTION_WORDS)
        if english / len(words) >= 0.1:
            return "en", confidence
    return lang, float(confidence)
