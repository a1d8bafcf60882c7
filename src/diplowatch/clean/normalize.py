"""Unicode and whitespace normalisation, and re-flowing hard-wrapped paragraphs.

The cleaned text keeps one paragraph per line with a blank line between paragraphs, so later
stages (boilerplate, repeats, sentence splitting) can work on paragraphs without guessing.
Typographic quotes are kept as they are (evidence sentences are quoted as published); only
mis-decoded ones ("â€™") and exotic look-alikes are mapped back to the usual curly forms.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that only get in the way of matching words (zero-width, word joiner,
# soft hyphen, BOM); they are dropped, not replaced by a space.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e]")
# Spaces of every width become one plain space; line/paragraph separators become newlines.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\f\v]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085]")
# UTF-8 read as cp1252 (and stored again): the common shapes, repaired to what they meant.
_MOJIBAKE = {
    "â€™": "\u2019",
    "â€˜": "\u2018",
    "â€œ": "\u201c",
    "â€\x9d": "\u201d",
    "â€”": "\u2014",
    "â€“": "\u2013",
    "â€¦": "\u2026",
    "Â ": " ",
}
_MOJIBAKE_RE = re.compile("|".join(map(re.escape, _MOJIBAKE)))
# Control characters other than tab and newline (Unicode category Cc) are noise from bad exports.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Quote look-alikes (primes, reversed quotes) that tokenizers do not treat as quotes.
_LOOKALIKE = {"\u201b": "\u2018", "\u201f": "\u201c", "\u2032": "\u2019", "\u2033": "\u201d"}
_LOOKALIKE_RE = re.compile("[" + "".join(_LOOKALIKE) + "]")

_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
# A block whose lines are all this short was wrapped by an editor, not written line by line.
WRAP_WIDTH = 100


def normalize_unicode(text: str) -> str:
    """NFC, repaired mojibake, sane quotes and spaces, LF line endings."""
    if "â" in text:
        text = _MOJIBAKE_RE.sub(lambda m: _MOJIBAKE[m.group(0)], text)
    text = unicodedata.normalize("NFC", text)
    # Regexes rather than str.translate: translate with a dict walks every character in Python.
    text = _INVISIBLE.sub("", text)
    text = _LOOKALIKE_RE.sub(lambda m: _LOOKALIKE[m.group(0)], text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    return text


def normalize_line(line: str) -> str:
    """One line: collapse runs of any kind of space and trim."""
    return _SPACES.sub(" ", line).strip()


def normalize_inline(text: str | None) -> str | None:
    """Titles, outlets and other one-line fields: normalised and on one line; None when empty."""
    if text is None:
        return None
    flat = normalize_line(normalize_unicode(str(text)).replace("\n", " "))
    return flat or None


def paragraphs(text: str) -> list[list[str]]:
    """Split into blocks separated by blank lines; each block is its list of non-empty lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _looks_wrapped(block: list[str]) -> bool:
    if len(block) < 2:
        return False
    return max(len(line) for line in block[:-1]) <= WRAP_WIDTH


def unwrap_block(block: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped block back into paragraphs (list items stay apart).

    A block of long lines is taken as one paragraph per line (the way many .txt news files are
    written), so its lines are kept as they are.
    """
    if not _looks_wrapped(block):
        return block
    # Lines are gathered per paragraph and joined once: growing one string line by line costs the
    # square of the block's length (a 300,000-line file without blank lines took minutes).
    parts: list[list[str]] = []
    for line in block:
        starts_item = bool(_LIST_ITEM.match(line))
        if parts and not starts_item:
            parts[-1].append(line)
        else:
            parts.append([line])
    return [" ".join(lines) for lines in parts]


def to_paragraphs(text: str, unwrap: bool = True) -> list[str]:
    """Normalised text as a flat list of paragraphs (one string each, no newlines)."""
    out: list[str] = []
    for block in paragraphs(normalize_unicode(text)):
        out.extend(unwrap_block(block) if unwrap else block)
    return out
