"""Load a language's word lists and patterns (YAML files under `lang/<language>/`) into one frozen Lexicon.

Each YAML file holds named entries; an entry's full name is `<file stem>.<key>`. An entry is one of:
- a list of words or phrases  -> `words(name)` (a frozenset, lower-cased) or `phrases(name)` (a tuple, in order)
- a string                    -> `pattern(name)` (a regular expression, compiled once) or `text(name)`
- a mapping of strings        -> `mapping(name)` (read-only)
A key starting with `_` is a comment for people (`_doc: what these words are for`) and is not loaded.
The lexicon is immutable once loaded; its `digest` covers every file, so a changed word changes it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from functools import cache, partial
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from diplowatch.core.diskcache import parsed_yaml
from diplowatch.core.safe_yaml import load_yaml
from diplowatch.errors import InputError


class LexiconError(InputError):
    """A lexicon file or entry that cannot be used (named, with the problem)."""


class Lexicon:
    """A language's words and patterns, read-only, with a digest of their text."""

    def __init__(self, language: str, entries: Mapping[str, Any], digest: str):
        self.language = language
        self._entries = MappingProxyType(dict(entries))
        self.digest = digest
        self._compiled: dict[tuple[str, int], re.Pattern[str]] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def names(self) -> list[str]:
        return sorted(self._entries)

    def _get(self, name: str, kind: type | tuple[type, ...]) -> Any:
        try:
            value = self._entries[name]
        except KeyError:
            raise LexiconError(f"lang/{self.language}", f"no entry {name!r}") from None
        if not isinstance(value, kind):
            raise LexiconError(f"lang/{self.language}", f"entry {name!r} is not a {kind}")
        return value

    def words(self, name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in self._get(name, tuple))

    def phrases(self, name: str) -> tuple[str, ...]:
        return tuple(str(w) for w in self._get(name, tuple))

    def text(self, name: str) -> str:
        return self._get(name, str)

    def mapping(self, name: str) -> Mapping[str, Any]:
        return self._get(name, MappingProxyType)

    def pattern(self, name: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        key = (name, flags)
        if key not in self._compiled:
            try:
                self._compiled[key] = re.compile(self.text(name), flags)
            except re.error as exc:
                raise LexiconError(f"lang/{self.language}", f"entry {name!r}: bad pattern ({exc})") from None
        return self._compiled[key]

    def alternation(self, name: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        """A list entry as one pattern matching any of its phrases as whole words, longest first."""
        key = (f"{name}|alternation", flags)
        if key not in self._compiled:
            phrases = sorted(self.phrases(name), key=len, reverse=True)
            body = "|".join(re.escape(p) for p in phrases) or r"(?!)"
            self._compiled[key] = re.compile(rf"\b(?:{body})\b", flags)
        return self._compiled[key]


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    return value


def _parse(raw: bytes) -> Any:
    return load_yaml(raw.decode("utf-8")) or {}


@cache
def lexicon(language: str = "en") -> Lexicon:
    """The bundled lexicon of `language` (loaded once per process)."""
    folder = resources.files("diplowatch.lang") / language
    digest = hashlib.sha256(language.encode())
    entries: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        raw = entry.read_bytes()
        digest.update(entry.name.encode() + b"\0" + raw)
        try:
            doc: Any = parsed_yaml("lexicon", raw, partial(_parse, raw), yaml.__version__)
        except yaml.YAMLError as exc:
            raise LexiconError(f"lang/{language}/{entry.name}", f"not YAML ({exc})") from None
        if not isinstance(doc, dict):
            raise LexiconError(f"lang/{language}/{entry.name}", "expected a mapping of named entries")
        stem = entry.name.removesuffix(".yaml")
        for key, value in doc.items():
            if not str(key).startswith("_"):
                entries[f"{stem}.{key}"] = _freeze(value)
    return Lexicon(language, entries, digest.hexdigest()[:16])
