"""Finding dictionary words in text: one regex tokenisation and a token trie, no parser.

Every name, alias, demonym, capital, role word, pronoun and short mention is compiled into a trie of
lowercased tokens. Scanning is one pass over the tokens with dict lookups (longest match wins), then
a case check on the few hits, so cost grows with the text, not with the size of the dictionaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from diplowatch.actors.dictionary import ActorDictionary
from diplowatch.lang import lexicon

# Words and single punctuation marks. Dictionary phrases are tokenised the same way, so "U.S." and
# "Lt. Gen." match as token sequences (U . S .) without a cleverer, slower pattern.
TOKEN = re.compile(r"\w+|[^\w\s]")
# The same tokens with the whitespace before them: their lengths add up to character offsets.
SPACED_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])")
# Articles dropped from a short mention to find the role word it also is ("the rebels" -> "rebels").
SHORT_MENTION_ARTICLES = lexicon().words("actors-matcher.short_mention_articles")

# Kinds of atom, in order of preference when one token sequence means several things.
PERSON, GROUP, IGO, COUNTRY, INSTITUTION, DEMONYM, CAPITAL, ROLE, MODIFIER, PRONOUN, SHORT, COUNTRY_SHORT = (
    "P",
    "G",
    "O",
    "C",
    "I",
    "D",
    "K",
    "R",
    "M",
    "N",
    "S",
    "X",
)
PRIORITY = {
    k: i
    for i, k in enumerate(
        (
            PERSON,
            GROUP,
            IGO,
            COUNTRY,
            INSTITUTION,
            DEMONYM,
            CAPITAL,
            ROLE,
            MODIFIER,
            SHORT,
            COUNTRY_SHORT,
            PRONOUN,
        )
    )
}

ANY_CASE, CAPITALISED, EXACT = 0, 1, 2


@dataclass(eq=False)
class Atom:
    """One dictionary word or phrase as compiled: what it means and how its case must look."""

    kind: str
    ref: Any = None  # Country, Entry, (Country, Institution), sector code, short phrase...
    weak: bool = False  # a generic role word ("officials") that yields to a specific one
    elite: bool = False  # a modifier like "former" that makes the role ELI
    case: int = ANY_CASE
    caps: tuple[int, ...] = ()  # token positions that must start with a capital letter
    exact: tuple[str, ...] = ()  # the tokens as written, for EXACT (acronyms)
    fallback: str | None = None  # a short mention's sector when nothing earlier fits ("the rebels")
    attributive: bool = False  # an adjective before a lowercase noun ("official recognition")


def tokens_of(text: str) -> list[str]:
    return TOKEN.findall(text)


def _case_rule(tokens: list[str], proper: bool) -> tuple[int, tuple[int, ...], tuple[str, ...]]:
    if not proper:
        return ANY_CASE, (), ()
    letters = "".join(t for t in tokens if t[:1].isalpha())
    if (letters.isupper() and len(letters) <= 6) or any(
        not t[1:].islower() and t[1:].isalpha() for t in tokens
    ):
        return EXACT, (), tuple(tokens)  # US, UN, NATO, ISKP, LeT: never "us", "nato", "let"
    caps = tuple(i for i, t in enumerate(tokens) if t[:1].isupper())
    return CAPITALISED, caps or (0,), ()


class Trie:
    """Lowercased token sequences → atoms; `scan` returns (first token, end token, atom) hits."""

    def __init__(self) -> None:
        self.root: dict[Any, Any] = {}

    def add(self, surface: str, atom_kind: str, ref: Any = None, *, proper: bool, **flags: Any) -> None:
        tokens = tokens_of(surface)
        if not tokens:
            return
        case, caps, exact = _case_rule(tokens, proper)
        if flags.pop("capitalised", False) and case == ANY_CASE:
            case, caps = CAPITALISED, (0,)
        atom = Atom(atom_kind, ref, case=case, caps=caps, exact=exact, **flags)
        node = self.root
        for token in tokens:
            node = node.setdefault(token.lower(), {})
        bucket = node.setdefault(None, [])
        bucket.append(atom)
        bucket.sort(key=lambda a: (PRIORITY[a.kind], -a.case))

    def scan(self, toks: list[str], low: list[str]) -> list[tuple[int, int, Atom]]:
        root_get = self.root.get
        hits: list[tuple[int, int, Atom]] = []
        n = len(low)
        i = 0
        while i < n:
            node = root_get(low[i])
            if node is None:
                i += 1
                continue
            ends = []
            if None in node:
                ends.append((i + 1, node[None]))
            j = i + 1
            while j < n:
                node = node.get(low[j])
                if node is None:
                    break
                j += 1
                if None in node:
                    ends.append((j, node[None]))
            hit = None
            for end, atoms in reversed(ends):  # longest first; shorter if case rules reject it
                hit = next((a for a in atoms if _case_ok(a, toks, i)), None)
                if hit is not None:
                    hits.append((i, end, hit))
                    i = end
                    break
            if hit is None:
                i += 1
        return hits


def _case_ok(atom: Atom, toks: list[str], start: int) -> bool:
    if atom.case == ANY_CASE:
        return True
    if atom.case == EXACT:
        return tuple(toks[start : start + len(atom.exact)]) == atom.exact
    return all(toks[start + k][:1].isupper() for k in atom.caps)


def compile_trie(d: ActorDictionary) -> Trie:
    """Every surface form of the dictionaries, as atoms in one trie."""
    trie = Trie()
    for country in d.countries.values():
        for name in dict.fromkeys((country.name, *country.aliases)):
            trie.add(name, COUNTRY, country, proper=True)
        for demonym in country.demonyms:
            trie.add(demonym, DEMONYM, country, proper=True)
        for capital in country.capitals:
            trie.add(capital, CAPITAL, country, proper=True)
        for inst in country.institutions:
            for name in dict.fromkeys((inst.name, *inst.aliases)):
                trie.add(name, INSTITUTION, (country, inst), proper=True)
    role_words: dict[str, str] = {}
    for sector, words in d.sectors.items():
        for word in (*words.words, *words.weak):
            role_words.setdefault(word.lower(), sector)
    shorts: set[str] = set()
    for kind, entries in ((IGO, d.igos), (GROUP, d.groups), (PERSON, d.people)):
        for entry in entries:
            for name in dict.fromkeys((entry.name, *entry.aliases)):
                trie.add(name, kind, entry, proper=True)
            shorts.update(phrase.lower() for phrase in entry.short)
    for phrase in sorted(shorts):
        article, space, rest = phrase.partition(" ")
        bare = rest if space and article in SHORT_MENTION_ARTICLES else phrase
        trie.add(phrase, SHORT, phrase, proper=False, fallback=role_words.get(bare))
    for phrase in d.country_short:
        trie.add(phrase, COUNTRY_SHORT, phrase.lower(), proper=False)
    attributive = {w.lower() for w in d.modifiers.get("attributive", ())}
    for sector, words in d.sectors.items():
        for word in words.words:
            trie.add(word, ROLE, sector, proper=False, attributive=word.lower() in attributive)
        for word in words.weak:
            trie.add(word, ROLE, sector, proper=False, weak=True, attributive=word.lower() in attributive)
        for word in words.titles:
            trie.add(word, ROLE, sector, proper=False, capitalised=True)
    for word in d.modifiers.get("elite", ()):
        trie.add(word, MODIFIER, None, proper=False, elite=True)
    for word in d.modifiers.get("plain", ()):
        trie.add(word, MODIFIER, None, proper=False)
    for word in d.modifiers.get("portfolio", ()):  # "Labour Minister", but not "labour" alone
        trie.add(word, MODIFIER, None, proper=False, capitalised=True)
    for pronouns in d.pronouns.values():
        for word in pronouns:
            trie.add(word, PRONOUN, word.lower(), proper=False)
    return trie
