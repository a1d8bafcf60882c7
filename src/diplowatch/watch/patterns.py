"""The small pattern language of watch files, compiled to regular expressions.

A pattern is what a reader would type: `recogni* ... {subject}`, `(no|not in a) (rush|hurry)`.
  word      the word itself, case-insensitive, on word boundaries
  word*     the word with any ending
  (a|b c)   alternatives (each may hold several words); `(...)?` makes the group optional
  ...       a gap of up to eight words
  {subject} any name of the watch's subject; {place} any of its places
  ALLCAPS   acronyms (US, UN, NGO*) match case-sensitively, so "us" the pronoun is not the US
"""

from __future__ import annotations

import re
from functools import lru_cache

# A gap does not cross clause punctuation: "hosting X in Kabul, the Taliban" is not "hosting the Taliban".
GAP = r'"?(?:\s+[^\s,;:]+){0,8}?\s+"?'
# The space between two words of a pattern: news quotes words ('a "clean break" with'), so a quotation
# mark (normalise() makes every kind a plain one) may stand on either side of it.
SPACE = r'"?\s+"?'
_WORD_END = "[\\w'-]*"


class PatternError(ValueError):
    """The pattern cannot be read; the message says why."""


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("-", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _word(word: str) -> str:
    star = word.endswith("*")
    stem = word[:-1] if star else word
    if not stem:
        raise PatternError("a lone '*' has no word to extend")
    body = re.escape(stem)
    if _is_acronym(stem):
        body = f"(?-i:{body})"
    start = r"(?<![\w])" if stem[0].isalnum() else ""
    if star:
        end = _WORD_END
    else:
        end = r"(?![\w])" if stem[-1].isalnum() else ""
    return f"{start}{body}{end}"


def _split_alternatives(inner: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in inner:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def to_regex(src: str, macros: dict[str, str]) -> str:
    """The regular expression (a string) for one pattern; PatternError when it cannot be read."""
    src = src.strip()
    if not src:
        raise PatternError("empty pattern")
    if src.startswith("...") or src.endswith("..."):
        raise PatternError("'...' must stand between two words")
    out: list[str] = []
    i = 0
    while i < len(src):
        char = src[i]
        if char.isspace():
            j = i
            while j < len(src) and src[j].isspace():
                j += 1
            if src.startswith("...", j):
                j += 3
                while j < len(src) and src[j].isspace():
                    j += 1
                out.append(GAP)
            else:
                out.append(SPACE)
            i = j
        elif src.startswith("...", i):
            raise PatternError("'...' needs a space on each side")
        elif char == "(":
            depth, j = 0, i
            while j < len(src):
                if src[j] == "(":
                    depth += 1
                elif src[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if depth != 0:
                raise PatternError("unbalanced '('")
            alternatives = _split_alternatives(src[i + 1 : j])
            if any(not a.strip() for a in alternatives):
                raise PatternError("empty alternative in '(...)'")
            # A trailing space inside an optional group ("(new )?") is the gap before the next word.
            compiled = [to_regex(a, macros) + (SPACE if a.endswith(" ") else "") for a in alternatives]
            out.append("(?:" + "|".join(compiled) + ")")
            i = j + 1
            if i < len(src) and src[i] == "?":
                out.append("?")
                i += 1
            if i < len(src) and src[j - 1].isalnum() and src[i].isalnum():
                # "(flight|plane)s" reads "s" as a word of its own, glued to the last: it never matches
                raise PatternError(
                    f"'{src[i]}' right after ')': put a space, or write each word with its ending"
                )
        elif char == ")":
            raise PatternError("unbalanced ')'")
        elif char == "{":
            j = src.find("}", i)
            if j < 0:
                raise PatternError("unclosed '{'")
            name = src[i + 1 : j]
            if name not in macros:
                raise PatternError(f"unknown name {{{name}}}: use {{subject}} or {{place}}")
            out.append(macros[name])
            i = j + 1
        else:
            j = i
            while j < len(src) and not src[j].isspace() and src[j] not in "(){}|":
                j += 1
            word = src[i:j]
            if "..." in word:
                raise PatternError("'...' needs a space on each side")
            if "?" in word:
                # "behaviou?r" would look for a question mark and never match: only a group is optional
                raise PatternError(f"'?' in {word!r}: only a group is made optional, write (a|b) or (word )?")
            out.append(_word(word))
            i = j
    return "".join(out)


def alternation(patterns: list[str]) -> str:
    """One non-capturing group matching any of the patterns (used for the {subject} and {place} macros)."""
    if not patterns:
        return r"(?!x)x"
    return "(?:" + "|".join(to_regex(p, {}) for p in patterns) + ")"


def compile_pattern(src: str, macros: dict[str, str]) -> re.Pattern[str]:
    try:
        regex = re.compile(to_regex(src, macros), re.IGNORECASE)
    except re.error as exc:  # pragma: no cover - to_regex escapes words, so this is a bug guard
        raise PatternError(f"not a valid pattern ({exc})") from None
    lead = re.match(r"\{(\w+)\}", src.strip())
    if lead and lead.group(1) in macros:
        return MacroLed(regex, _starts_of(macros[lead.group(1)]))  # type: ignore[return-value]
    return regex


class _Starts:
    """Where a macro ({subject}: "the Taliban", "Haqqani"...) can begin in a text: every position its
    regex matches at, overlapping or not, found with one scan of the text. The last text's positions are
    kept, since every pattern that opens with the macro asks about the same sentence in turn."""

    def __init__(self, macro: str):
        self._finder = re.compile(f"(?={macro})", re.IGNORECASE)
        self._last: tuple[str, list[int]] = ("", [])

    def of(self, text: str) -> list[int]:
        last_text, positions = self._last
        if text is not last_text and text != last_text:
            positions = [m.start() for m in self._finder.finditer(text)]
            self._last = (text, positions)
        return positions


@lru_cache(maxsize=64)
def _starts_of(macro: str) -> _Starts:
    return _Starts(macro)


class MacroLed:
    """A pattern that opens with {subject} or {place}, matched the fast way: it can only match where the
    macro can begin, so it is tried (`match`) at those positions alone, in order and without overlaps, as
    `finditer` would find it, instead of at every position of the text (a macro is an alternation of
    dozens of names, and a watch has many such patterns). Anything else goes to the regex itself."""

    def __init__(self, regex: re.Pattern[str], starts: _Starts):
        self.regex = regex
        self.pattern = regex.pattern
        self._starts = starts

    def finditer(self, text: str, *args: int):
        if args:
            return self.regex.finditer(text, *args)
        return self._scan(text)

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        if args:
            return self.regex.search(text, *args)
        return next(self._scan(text), None)

    def _scan(self, text: str):
        end = 0
        for pos in self._starts.of(text):
            if pos < end:
                continue
            m = self.regex.match(text, pos)
            if m is not None:
                end = m.end() if m.end() > m.start() else m.end() + 1
                yield m

    def __getattr__(self, name: str):
        return getattr(self.regex, name)


def normalise(text: str) -> str:
    """Typographic quotes to plain ones, so `girls'` matches however the outlet typed it, and a dash
    inside a word to a hyphen ("IS–K" is IS-K). The length is kept: offsets stay those of the text."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _INNER_DASH.sub("-", text)


_INNER_DASH = re.compile(r"(?<=\w)[\u2010\u2011\u2013](?=\w)")


# Characters that IGNORECASE matches to an ASCII letter although lower() does not make them one
# (Kelvin sign, long s, dotless i, dotted capital I): text holding one takes the plain regex path.
_FOLD_SURPRISES = frozenset("\u212a\u017f\u0131\u0130")
_WORD_START = re.compile(r"(?<!\w)\w")


class NamePattern:
    """A list of names compiled to one case-insensitive alternation, matched the fast way.

    Python's `re` tries every alternative at every position of the text; with hundreds of names that
    is the cost of a watch. Every name here begins with a word, so a match can only start where a
    word starts and the text (lower-cased) begins with the name's first word there: those few places
    are tried with the same regex (`match` at that position), in order and without overlaps, which
    is what `finditer` does. Names that do not fit (a group, a gap, a leading symbol, non-ASCII
    letters) and text that case-folds in surprising ways keep the plain `finditer`.
    """

    def __init__(self, regex: re.Pattern[str], names: list[str]):
        self.regex = regex
        self.pattern = regex.pattern
        self._by_initial: dict[str, tuple[str, ...]] | None = _first_words(names)

    def finditer(self, text: str):
        if self._by_initial is None:
            return self.regex.finditer(text)
        lowered = text.lower()
        if len(lowered) != len(text) or not _FOLD_SURPRISES.isdisjoint(text):
            return self.regex.finditer(text)
        return self._scan(text, lowered)

    def search(self, text: str) -> re.Match[str] | None:
        return next(iter(self.finditer(text)), None)

    def _scan(self, text: str, lowered: str):
        assert self._by_initial is not None
        end = 0
        for start in _WORD_START.finditer(text):
            pos = start.start()
            if pos < end:
                continue
            words = self._by_initial.get(lowered[pos])
            if not words or not lowered.startswith(words, pos):
                continue
            m = self.regex.match(text, pos)
            if m is not None:
                end = m.end()
                yield m


def _first_words(names: list[str]) -> dict[str, tuple[str, ...]] | None:
    """Lower-cased first words of the names, by initial; None when a name does not start with a
    plain ASCII word (then every position must be tried)."""
    by_initial: dict[str, set[str]] = {}
    for name in names:
        first = name.strip().split()[0] if name.strip() else ""
        stem = first[:-1] if first.endswith("*") else first
        if (
            not stem
            or not stem[0].isalnum()
            or any(c in stem for c in "(){}|*")
            or not all(map(_plain, stem))
        ):
            return None
        by_initial.setdefault(stem[0].lower(), set()).add(stem.lower())
    return {initial: tuple(sorted(words)) for initial, words in by_initial.items()}


def _plain(char: str) -> bool:
    """ASCII or a Latin letter whose case-insensitive matches are exactly its lower-case equals."""
    return char.isascii() or ("\u00c0" <= char <= "\u017e" and char != "\u0131")


def names_pattern(names: list[str]) -> NamePattern:
    """`alternation` of the names, compiled case-insensitively, with the fast matcher."""
    return NamePattern(re.compile(alternation(names), re.IGNORECASE), names)


_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}\s[—–-]+\s")


def dateline_end(text: str) -> int:
    """Where a dateline ("KABUL — ...") ends, 0 when the text has none: it says where the report was
    filed, not who acted."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def blank_dateline(text: str) -> str:
    """A dateline parses as the subject of the sentence: blank it, keep the offsets."""
    end = dateline_end(text)
    return " " * end + text[end:]
