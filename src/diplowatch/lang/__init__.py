"""Language data: the English words and patterns the rules read, kept as YAML under `lang/en/`.

    from diplowatch.lang import lexicon
    LEX = lexicon()
    LEX.words("modality.hedges")        # frozenset of words
    LEX.pattern("speech.attribution")   # compiled regular expression

See `lang/lexicon.py` for the format; the lexicon's digest joins the dictionary hash, so editing a
word list invites `diplowatch code --recode` like editing an actor dictionary does.
"""

from diplowatch.lang.lexicon import Lexicon, LexiconError, lexicon

__all__ = ["Lexicon", "LexiconError", "lexicon"]
