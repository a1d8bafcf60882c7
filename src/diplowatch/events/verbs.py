"""Load and check the verb dictionary (data/verbs/*.yaml): verb patterns, nominal events, noun
classes and context keywords, compiled into lookups the matcher uses.

A bad entry stops loading with one line naming the file, the pattern and the problem.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from diplowatch.core.diskcache import parsed_yaml
from diplowatch.core.safe_yaml import load_yaml
from diplowatch.errors import InputError
from diplowatch.events.inflect import all_forms, verb_forms
from diplowatch.events.plover import TYPES

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "verbs"
PATTERN_KEYS = {
    "id",
    "lemmas",
    "particle",
    "prep",
    "needs_prep",
    "needs_clause",
    "object",
    "object_target",
    "receiver",
    "subject",
    "mode",
    "cameo",
    "context",
    "confidence",
}
NOMINAL_KEYS = {"id", "type", "nouns", "prep", "needs_prep", "mode", "cameo", "context", "confidence"}
NOMINAL_KEYS |= {"object"}  # what a measure's noun must be "of" ("the closure of schools")


@dataclass(frozen=True)
class VerbPattern:
    """One predicate: a verb lemma with optional particle, prepositions and object class."""

    rule: str  # "verbs.yaml:TYPE/id"
    type: str
    lemmas: tuple[str, ...]
    particle: str | None = None
    prep: tuple[str, ...] = ()
    needs_prep: bool = False
    needs_clause: bool = False  # only with a clause below the verb ("declined to attend")
    object_class: str | None = None  # a class name, "actor", or None
    object_lemmas: frozenset[str] = frozenset()
    object_target: bool = False  # the object's owner is the target ("demolished Palestinian homes")
    receiver: bool = False  # the subject receives: the giver is the "from" phrase or the object's owner
    subject: frozenset[str] = frozenset()  # sectors the source must have ("troops arrived": MIL)
    mode: str | None = None
    cameo: str | None = None
    context: str | None = None
    confidence: float = 0.8


@dataclass(frozen=True)
class NominalPattern:
    """An event carried by a noun ("talks", "visit", "sanctions") under a weak verb."""

    rule: str
    type: str
    nouns: tuple[str, ...]
    prep: tuple[str, ...] = ()
    mode: str | None = None
    cameo: str | None = None
    context: str | None = None
    confidence: float = 0.6
    needs_prep: bool = False  # an event only with one of its prepositions ("in contact with X")
    # what the noun's "of" phrase must name ("the closure of schools", "the lifting of restrictions"); empty: anything
    object_lemmas: frozenset[str] = frozenset()


@dataclass
class VerbDictionary:
    """Every pattern, indexed by lemma, plus the surface forms that let a sentence through."""

    verbs: dict[str, list[VerbPattern]] = field(default_factory=dict)
    nominals: dict[str, list[NominalPattern]] = field(default_factory=dict)
    weak_verbs: frozenset[str] = frozenset()
    contexts: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    trigger_forms: frozenset[str] = frozenset()
    lemma_of: dict[str, str] = field(default_factory=dict)  # inflected verb form -> dictionary lemma
    # surface form -> what else a sentence needs for some pattern of that form to fire:
    # (object forms or None, particle or None, prepositions if needed); None means nothing else
    needs: dict[str, list[tuple[frozenset[str] | None, str | None, tuple[str, ...]] | None]] = field(
        default_factory=dict
    )
    digest: str = ""

    def could_match(self, words: set[str]) -> bool:
        """Whether some pattern could fire on a sentence with these lower-case words (a cheap,
        lossless-by-design prefilter: a verb with an object class also needs one of its nouns)."""
        for w in words:
            for need in self.needs.get(w, ()):
                if need is None:
                    return True
                objects, particle, preps = need
                if objects is not None and not (objects & words):
                    continue
                if particle is not None and particle not in words:
                    continue
                if preps and not any(p in words for p in preps):
                    continue
                return True
        return False

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nominals.values())


class _WordLoader(yaml.SafeLoader):
    """YAML 1.1 reads on/off/yes/no as booleans; in a word list "on" is a preposition."""


_WordLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _read(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    try:
        data = parsed_yaml(
            "verbs", text, lambda: load_yaml(text, _WordLoader) or {}, Path(__file__).read_bytes()
        )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise InputError(where, f"not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise InputError(str(path), "expected a mapping at the top level")
    return data


def _words(value, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(where, f"{what} must be a word or a list of words")
    return tuple(v.strip().lower() for v in value)


def _check_keys(entry: dict, allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise InputError(where, f"unknown key(s) {', '.join(sorted(unknown))}")
    if not entry.get("id"):
        raise InputError(where, "every pattern needs an id")


def _confidence(entry: dict, where: str, default: float) -> float:
    value = entry.get("confidence", default)
    if not isinstance(value, int | float) or not 0 < value <= 1:
        raise InputError(where, "confidence must be a number in (0, 1]")
    return float(value)


def _verb_pattern(entry: dict, etype: str, fname: str, classes: dict[str, frozenset[str]]) -> VerbPattern:
    where = f"{fname} {etype}/{entry.get('id', '?')}"
    if not isinstance(entry, dict):
        raise InputError(f"{fname} {etype}", "each pattern must be a mapping")
    _check_keys(entry, PATTERN_KEYS, where)
    lemmas = _words(entry.get("lemmas"), where, "lemmas")
    if not lemmas:
        raise InputError(where, "lemmas is required")
    obj = entry.get("object")
    object_class: str | None = None
    object_lemmas: frozenset[str] = frozenset()
    if isinstance(obj, list):
        object_class, object_lemmas = "listed", frozenset(_words(obj, where, "object"))
    elif isinstance(obj, str):
        if obj != "actor" and obj not in classes:
            raise InputError(where, f"object class {obj!r} is not defined in classes.yaml")
        object_class, object_lemmas = obj, classes.get(obj, frozenset())
    elif obj is not None:
        raise InputError(where, "object must be a class name or a list of lemmas")
    return VerbPattern(
        rule=f"{fname}:{etype}/{entry['id']}",
        type=etype,
        lemmas=lemmas,
        particle=(entry.get("particle") or None),
        prep=_words(entry.get("prep"), where, "prep"),
        needs_prep=bool(entry.get("needs_prep", False)),
        needs_clause=bool(entry.get("needs_clause", False)),
        object_class=object_class,
        object_lemmas=object_lemmas,
        object_target=bool(entry.get("object_target", False)),
        receiver=bool(entry.get("receiver", False)),
        subject=frozenset(w.upper() for w in _words(entry.get("subject"), where, "subject")),
        mode=entry.get("mode") or None,
        cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
        context=entry.get("context") or None,
        confidence=_confidence(entry, where, 0.8),
    )


def _nominal_pattern(
    entry: dict, fname: str, classes: dict[str, frozenset[str]] | None = None
) -> NominalPattern:
    where = f"{fname} {entry.get('id', '?') if isinstance(entry, dict) else '?'}"
    if not isinstance(entry, dict):
        raise InputError(where, "each pattern must be a mapping")
    _check_keys(entry, NOMINAL_KEYS, where)
    etype = str(entry.get("type", "")).upper()
    if etype not in TYPES:
        raise InputError(where, f"type {etype!r} is not one of the 16 PLOVER types")
    nouns = _words(entry.get("nouns"), where, "nouns")
    if not nouns:
        raise InputError(where, "nouns is required")
    obj = entry.get("object")
    object_lemmas: frozenset[str] = frozenset()
    if isinstance(obj, list):
        object_lemmas = frozenset(_words(obj, where, "object"))
    elif obj:
        if obj not in (classes or {}):
            raise InputError(where, f"object class {obj!r} is not defined in classes.yaml")
        object_lemmas = (classes or {})[obj]
    return NominalPattern(
        object_lemmas=object_lemmas,
        rule=f"{fname}:{etype}/{entry['id']}",
        type=etype,
        nouns=nouns,
        prep=_words(entry.get("prep"), where, "prep"),
        mode=entry.get("mode") or None,
        cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
        context=entry.get("context") or None,
        confidence=_confidence(entry, where, 0.6),
        needs_prep=bool(entry.get("needs_prep", False)),
    )


def load_verbs(paths: list[Path] | None = None) -> VerbDictionary:
    """Read the bundled verb files (or `paths`): classes first, then verbs, nominals and contexts."""
    files = sorted(paths) if paths else sorted(DATA_DIR.glob("*.yaml"))
    docs = {p: _read(p) for p in files}
    digest = hashlib.sha256()
    for p in files:
        digest.update(p.name.encode())
        digest.update(p.read_bytes())
    classes: dict[str, frozenset[str]] = {}
    for p, doc in docs.items():
        for name, lemmas in (doc.get("classes") or {}).items():
            classes[name] = frozenset(_words(lemmas, f"{p.name} classes/{name}", "class"))
    vd = VerbDictionary(digest=digest.hexdigest()[:16])
    seen: set[str] = set()
    weak: set[str] = set()
    for p, doc in docs.items():
        for key, value in doc.items():
            if key in ("classes", "contexts"):
                continue
            if key == "weak_verbs":
                weak.update(_words(value, f"{p.name} weak_verbs", "weak_verbs"))
            elif key == "patterns":
                for entry in value or []:
                    nominal = _nominal_pattern(entry, p.name, classes)
                    if nominal.rule in seen:
                        raise InputError(p.name, f"duplicate pattern id {nominal.rule}")
                    seen.add(nominal.rule)
                    for noun in nominal.nouns:
                        vd.nominals.setdefault(noun, []).append(nominal)
            elif key.upper() in TYPES:
                for entry in value or []:
                    pat = _verb_pattern(entry, key.upper(), p.name, classes)
                    if pat.rule in seen:
                        raise InputError(p.name, f"duplicate pattern id {pat.rule}")
                    seen.add(pat.rule)
                    for lemma in pat.lemmas:
                        vd.verbs.setdefault(lemma, []).append(pat)
            else:
                raise InputError(p.name, f"unknown section {key!r} (a PLOVER type, patterns, classes...)")
        for name, words in (doc.get("contexts") or {}).items():
            vd.contexts.append((name, _words(words, f"{p.name} contexts/{name}", "keywords")))
    vd.weak_verbs = frozenset(weak)
    forms: set[str] = set()
    # spaCy's lemmatizer slips on some forms ("staged" -> "stag"); our own inflections back it up
    for lemma in vd.verbs:
        for form in verb_forms(lemma):
            vd.lemma_of.setdefault(form, lemma)
    for lemma in list(vd.verbs) + list(vd.nominals):
        forms |= all_forms(lemma)
        forms.update(part for part in lemma.split("-") if len(part) > 2)
    vd.trigger_forms = frozenset(forms)
    for lemma, pats in vd.verbs.items():
        for verb in pats:
            objects = None
            if verb.object_class not in (None, "actor"):
                objects = frozenset(f for noun in verb.object_lemmas for f in all_forms(noun))
            need = None
            if objects is not None or verb.particle or verb.needs_prep:
                need = (objects, verb.particle, verb.prep if verb.needs_prep else ())
            for form in all_forms(lemma):
                vd.needs.setdefault(form, []).append(need)
    for noun in vd.nominals:
        for form in all_forms(noun) | {p for p in noun.split("-") if len(p) > 2}:
            vd.needs.setdefault(form, []).append(None)
    return vd
