"""Load and validate a watch YAML file; every error names the file and the line.

The YAML is read with node marks kept (`_Located` dicts and lists remember the line of each key and
item), so "conditions[2].indicators[0].act: unbalanced '('" becomes `watch.yaml:57: ...`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import yaml

from diplowatch.core.dates import MAX_YEAR, MIN_YEAR
from diplowatch.core.records import Observer
from diplowatch.core.safe_yaml import load_yaml
from diplowatch.core.scorecard import ConditionOutline, ObserverOutline, WatchOutline
from diplowatch.core.vocabulary import PLOVER_TYPES, STANCES
from diplowatch.errors import InputError
from diplowatch.lang import lexicon
from diplowatch.watch.patterns import NamePattern, PatternError, compile_pattern, names_pattern

# Determiners a {subject} or {place} name may take ("the Taliban"), in the order they are tried.
NAME_DETERMINERS = lexicon().phrases("watch-schema.name_determiners")
CONDITION_ID = re.compile(r"^[a-z][a-z0-9_]*$")
SCOPES = ("subject", "place")
# The stance an observer's coded act on the subject shows (GUIDELINES: meetings, talks, agreements, aid
# and cooperation engage, as praise does (PLOVER's SUPPORT); refused dealings, new sanctions and military
# strikes reject), used when a watch file does not give its own `stance_acts`. COERCE (arrests, expulsions,
# restrictions, border closures) is not among the guidelines' acts of rejection: it is no stance on the
# government.
DEFAULT_STANCE_ACTS: dict[str, tuple[str, ...]] = {
    "engage": ("CONSULT", "AGREE", "COOPERATE", "AID", "SUPPORT"),
    "reject": ("SANCTION", "REJECT", "ASSAULT"),
}
MAX_WATCH_BYTES = 2_000_000
# The keys each mapping may hold: anything else is a typo ("unles:") and is refused with a suggestion.
KEYS = {
    "watch": ("name", "title", "period", "subject", "observers", "conditions", "stances", "stance_acts"),
    "period": ("start", "end", "words_from"),
    "subject": ("name", "codes", "actors", "names", "places", "others"),
    "subject actor": ("group", "country", "sectors", "since"),
    "observer": ("code", "name", "country", "groups", "codes", "names"),
    "condition": ("id", "title", "description", "indicators"),
    "indicator": ("id", "polarity", "scope", "act", "with", "unless", "events", "topic", "deed"),
    "events": ("types", "target_sectors"),
}


class WatchError(InputError):
    """A watch file that cannot be used: `where` is `path:line`."""


class _Dict(dict):
    line: int = 0
    key_lines: dict[str, int]


class _List(list):
    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that remembers where each mapping key and list item sits (1-based lines)."""

    def construct_mapping(self, node, deep=False):
        mapping = _Dict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
        return mapping

    def construct_sequence(self, node, deep=False):
        seq = _List(super().construct_sequence(node, deep=True))
        seq.line = node.start_mark.line + 1
        seq.item_lines = [item.start_mark.line + 1 for item in node.value]
        return seq


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_sequence)


@dataclass
class Indicator:
    id: str
    polarity: int
    act: list[re.Pattern[str]]
    with_: list[list[re.Pattern[str]]]
    unless: list[re.Pattern[str]]
    scope: str = "subject"  # "subject": the subject must be named; "place": a subject place will do
    events: dict[str, list[str]] | None = None  # {types, target_sectors}: coded events that count
    line: int = 0
    # words that say a pledge or a deed is on this indicator's topic (the ledger's; default: act + with)
    topic: list[re.Pattern[str]] = field(default_factory=list)
    # polarity 0 only: the subject doing the act is a deed on the condition that neither meets nor
    # breaches it (naming a government); said, asked or negated it stays words
    deed: bool = False


@dataclass
class Condition:
    id: str
    title: str
    description: str
    indicators: list[Indicator]


@dataclass
class WatchObserver:
    code: str
    name: str
    country: str | None
    groups: list[str]
    codes: list[str]
    names: NamePattern

    def __post_init__(self) -> None:
        # read for every actor of every sentence: folded once here
        self.group_keys = frozenset(g.lower() for g in self.groups)
        self.code_prefixes = tuple(self.codes)

    def record(self) -> Observer:
        return Observer(name=self.name, code=self.code, country=self.country)


@dataclass
class Subject:
    name: str
    codes: list[str]
    actors: list[dict[str, Any]]
    names: NamePattern
    places: NamePattern
    others: NamePattern

    def is_actor(self, actor: Mapping[str, Any], date: str | None) -> bool:
        """Does a resolved actor (dict with code/country/sector/group) count as the subject on `date`?

        An actor whose group is one of the watch's `others` never does, whatever its country and sector
        ("ISIS-K gunmen" resolved as Afghan insurgents are Islamic State, not the Taliban)."""
        group = actor.get("group") or ""
        if group and self.others.search(group):
            return False
        for rule in self.actors:
            if "group" in rule and (actor.get("group") or "").lower() == rule["group"].lower():
                return True
            if "country" in rule and actor.get("country") == rule["country"]:
                sectors = rule.get("sectors")
                if sectors and actor.get("sector") not in sectors:
                    continue
                since = rule.get("since")
                if since and date and str(date) < str(since):
                    continue
                return True
        return False

    def is_state(self, actor: Mapping[str, Any], date: str | None) -> bool:
        """Is a resolved actor the subject's country as a whole ("Afghanistan", "Kabul", no sector) on a
        date the subject rules it? Only a government meets, visits or signs for a country, so in such
        acts the country is its rulers (aid to a country is to its people: not this)."""
        if actor.get("sector") or actor.get("group") or actor.get("code") != actor.get("country"):
            return False
        return any(
            "country" in rule
            and actor.get("country") == rule["country"]
            and rule.get("since")
            and date
            and str(date) >= str(rule["since"])
            for rule in self.actors
        )


@dataclass
class Watch:
    name: str
    title: str
    period: dict[str, str | None]
    subject: Subject
    observers: list[WatchObserver]
    stances: dict[str, list[re.Pattern[str]]]
    conditions: list[Condition]
    source: str
    hash: str = ""
    raw: dict[str, Any] = field(default_factory=dict)
    text: str = ""  # the YAML as written: stored with each run so the report rebuilds the same scorecard
    stance_acts: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_STANCE_ACTS))

    def outline(self) -> WatchOutline:
        """Names and order of conditions and observers: what the scorecard needs of this watch."""
        return WatchOutline(
            name=self.name,
            title=self.title,
            subject_name=self.subject.name,
            subject_codes=tuple(self.subject.codes),
            period=dict(self.period),
            conditions=tuple(ConditionOutline(c.id, c.title, c.description) for c in self.conditions),
            observers=tuple(ObserverOutline(o.code, o.name, o.country) for o in self.observers),
        )

    def condition(self, condition_id: str) -> Condition:
        for condition in self.conditions:
            if condition.id == condition_id:
                return condition
        raise KeyError(condition_id)


# Made by the resolver, not by a role word: former officials ("former president X").
RESOLVER_SECTORS = ("ELI",)


@lru_cache(maxsize=1)
def sector_codes() -> frozenset[str]:
    """The sector codes actors can carry: the actor dictionaries' (data/actors/sectors.yaml), CAMEO's."""
    path = resources.files("diplowatch") / "data" / "actors" / "sectors.yaml"
    return frozenset(load_yaml(path.read_text(encoding="utf-8"))["sectors"]) | frozenset(RESOLVER_SECTORS)


def _bundled_dir():
    return resources.files("diplowatch") / "data" / "watches"


def list_watches() -> list[str]:
    """Names of the watches shipped with diplowatch."""
    return sorted(p.name[:-5] for p in _bundled_dir().iterdir() if p.name.endswith(".yaml"))


def load_watch(name_or_path: str | Path) -> Watch:
    """A bundled watch by name, or a watch file by path. WatchError (one line) when it cannot be used."""
    text_path = str(name_or_path)
    path = Path(text_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise WatchError(text_path, "no such watch file")
        return parse_watch(_read_watch_text(path), str(path))
    bundled = _bundled_dir() / f"{text_path}.yaml"
    if not bundled.is_file():
        known = ", ".join(list_watches())
        raise WatchError(text_path, f"no such watch (bundled watches: {known}; or give a YAML file)")
    return parse_watch(bundled.read_text(encoding="utf-8"), f"{text_path}.yaml")


def _short(text: str, limit: int = 160) -> str:
    """One line of at most `limit` characters: an error message never repeats a huge input."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _read_watch_text(path: Path) -> str:
    """The file as UTF-8 text, or WatchError naming what it is instead (a folder, binary, UTF-16...)."""
    if not path.is_file():
        raise WatchError(str(path), "not a regular file")
    if path.stat().st_size > MAX_WATCH_BYTES:
        raise WatchError(str(path), f"too large for a watch file (over {MAX_WATCH_BYTES // 1_000_000} MB)")
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in raw:
        raise WatchError(str(path), "not a text file (binary or UTF-16); save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WatchError(str(path), f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


class _Checker:
    """Reads one watch document, raising WatchError at the first problem with its line."""

    def __init__(self, source: str, stored: bool = False):
        self.source = source
        # a definition that already ran in a database is read as it ran: checks added since (sector
        # codes) do not lock a user out of what is stored
        self.stored = stored

    def sectors(self, codes: Any, line: int, what: str) -> None:
        """Refuse a sector code no actor carries ("POL" is Poland; the police are COP): it would silently
        match nothing."""
        unknown = [str(c) for c in codes or [] if str(c) not in sector_codes()]
        if unknown and not self.stored:
            self.fail(
                line, f"unknown sector {unknown[0]!r} in {what}: use {', '.join(sorted(sector_codes()))}"
            )

    def fail(self, line: int, problem: str) -> NoReturn:
        raise WatchError(f"{self.source}:{line}", _short(problem, 300))

    def known_keys(self, mapping: Any, what: str) -> None:
        """Refuse a key the schema does not know, suggesting the nearest one it does."""
        if not isinstance(mapping, dict):
            return
        allowed = KEYS[what]
        for key in mapping:
            if key in allowed:
                continue
            near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else f"use {', '.join(allowed)}"
            self.fail(self.line_of(mapping, str(key)), f"unknown key {str(key)!r} in {what}: {hint}")

    def need(self, mapping: _Dict, key: str, kind: type | tuple, where: str):
        if not isinstance(mapping, dict):
            self.fail(getattr(mapping, "line", 1), f"{where} must be a mapping")
        if key not in mapping:
            self.fail(mapping.line, f"{where}: missing '{key}'")
        value = mapping[key]
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.fail(mapping.key_lines.get(key, mapping.line), f"{where}.{key} must be a {names}")
        return value

    def line_of(self, mapping: Any, key: str) -> int:
        return mapping.key_lines.get(key, mapping.line) if isinstance(mapping, _Dict) else 1

    def patterns(self, items: Any, line: int, where: str, macros: dict[str, str]) -> list[re.Pattern[str]]:
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not items:
            self.fail(line, f"{where} must be a non-empty list of patterns")
        compiled = []
        lines = getattr(items, "item_lines", [line] * len(items))
        for item, item_line in zip(items, lines, strict=True):
            if not isinstance(item, str):
                self.fail(item_line, f"{where}: {item!r} is not a pattern (quote it)")
            try:
                compiled.append(compile_pattern(item, macros))
            except PatternError as exc:
                self.fail(item_line, f"{where}: pattern {item!r}: {exc}")
        return compiled

    def names(self, items: Any, line: int, where: str) -> NamePattern:
        if items is None:
            items = []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            self.fail(line, f"{where} must be a list of names")
        try:
            return names_pattern(list(items))
        except PatternError as exc:
            self.fail(line, f"{where}: {exc}")


def parse_watch(text: str, source: str, stored: bool = False) -> Watch:
    """Validate and compile a watch document; `stored`: one that already ran in a database."""
    check = _Checker(source, stored)
    try:
        doc = load_yaml(text, _Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
        check.fail(line, f"not valid YAML: {_short(str(problem))}")
    if not isinstance(doc, _Dict):
        check.fail(1, "a watch file is a mapping with name, subject, observers, conditions, stances")
    check.known_keys(doc, "watch")
    name = check.need(doc, "name", str, "watch")
    title = doc.get("title") or name
    period = _period(check, doc)

    raw_subject = check.need(doc, "subject", dict, "watch")
    check.known_keys(raw_subject, "subject")
    subject_names = check.names(
        raw_subject.get("names"), check.line_of(raw_subject, "names"), "subject.names"
    )
    places = check.names(raw_subject.get("places"), check.line_of(raw_subject, "places"), "subject.places")
    others = check.names(raw_subject.get("others"), check.line_of(raw_subject, "others"), "subject.others")
    actor_rules = raw_subject.get("actors") or []
    if not isinstance(actor_rules, list) or not all(isinstance(r, dict) for r in actor_rules):
        check.fail(
            check.line_of(raw_subject, "actors"),
            "subject.actors must be a list of {group} or {country, sectors, since}",
        )
    for rule, line in zip(actor_rules, getattr(actor_rules, "item_lines", []), strict=False):
        check.known_keys(rule, "subject actor")
        if not ({"group", "country"} & set(rule)):
            check.fail(line, "each subject actor needs 'group' or 'country'")
        check.sectors(rule.get("sectors"), line, "subject.actors")
        if "since" in rule:
            rule["since"] = str(rule["since"])
    if not actor_rules and not raw_subject.get("names"):
        check.fail(raw_subject.line, "subject needs 'actors' or 'names' (how else to know it?)")
    subject = Subject(
        name=check.need(raw_subject, "name", str, "subject"),
        codes=list(raw_subject.get("codes") or []),
        actors=[dict(r) for r in actor_rules],
        names=subject_names,
        places=places,
        others=others,
    )
    # "{subject}" reads "the Taliban" as well as "Taliban"
    determiners = "|".join(re.escape(word) for word in NAME_DETERMINERS)
    article = rf"(?:(?:{determiners})\s+)?"
    macros = {"subject": article + subject_names.pattern, "place": article + places.pattern}

    observers = []
    raw_observers = check.need(doc, "observers", list, "watch")
    seen: set[str] = set()
    for raw, line in zip(raw_observers, raw_observers.item_lines, strict=True):
        if not isinstance(raw, _Dict):
            check.fail(line, "each observer is a mapping {code, name, country, names}")
        check.known_keys(raw, "observer")
        code = check.need(raw, "code", str, "observer")
        if code in seen:
            check.fail(line, f"observer {code} is listed twice")
        seen.add(code)
        observers.append(
            WatchObserver(
                code=code,
                name=check.need(raw, "name", str, f"observer {code}"),
                country=raw.get("country"),
                groups=[str(g) for g in raw.get("groups") or []],
                codes=[str(c) for c in raw.get("codes") or []],
                names=check.names(raw.get("names") or [raw["name"]], line, f"observer {code}.names"),
            )
        )

    raw_stances = check.need(doc, "stances", dict, "watch")
    stances = {}
    for stance, cues in raw_stances.items():
        line = check.line_of(raw_stances, stance)
        if stance not in STANCES:
            check.fail(line, f"unknown stance {stance!r}: use {', '.join(STANCES)}")
        stances[stance] = check.patterns(cues, line, f"stances.{stance}", macros)
    stance_acts = _stance_acts(check, doc)

    conditions = []
    raw_conditions = check.need(doc, "conditions", list, "watch")
    if not raw_conditions:
        check.fail(check.line_of(doc, "conditions"), "a watch needs at least one condition")
    for raw, line in zip(raw_conditions, raw_conditions.item_lines, strict=True):
        conditions.append(_condition(check, raw, line, macros))
    ids = [c.id for c in conditions]
    for condition, line in zip(conditions, raw_conditions.item_lines, strict=True):
        if ids.count(condition.id) > 1:
            check.fail(line, f"condition id {condition.id!r} is used twice")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return Watch(name, title, period, subject, observers, stances, conditions, source, digest, doc, text,
                 stance_acts)  # fmt: skip


def _stance_acts(check: _Checker, doc: _Dict) -> dict[str, tuple[str, ...]]:
    """`stance_acts: {engage: [CONSULT, ...], reject: [...]}`: which coded acts of an observer on the
    subject show which stance (default DEFAULT_STANCE_ACTS); each type shows one stance at most."""
    raw = doc.get("stance_acts")
    if raw is None:
        return dict(DEFAULT_STANCE_ACTS)
    line = check.line_of(doc, "stance_acts")
    if not isinstance(raw, dict):
        check.fail(line, "stance_acts is a mapping {stance: [PLOVER types]}")
    out: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    for stance, types in raw.items():
        where = check.line_of(raw, stance)
        if stance not in STANCES:
            check.fail(where, f"unknown stance {stance!r} in stance_acts: use {', '.join(STANCES)}")
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            check.fail(where, f"stance_acts.{stance} must be a list of PLOVER types")
        for type_ in types:
            if type_ not in PLOVER_TYPES:
                check.fail(
                    where,
                    f"unknown event type {type_!r} in stance_acts.{stance}: use {', '.join(PLOVER_TYPES)}",
                )
            if type_ in seen:
                check.fail(where, f"event type {type_} shows two stances in stance_acts")
            seen.add(type_)
        out[stance] = tuple(types)
    return out


def _period(check: _Checker, doc: _Dict) -> dict[str, str | None]:
    """{start, end, words_from} as ISO dates (any may be null); a bad date, an end before the start or words
    read from after the start are refused."""
    raw = doc.get("period") or {}
    line = check.line_of(doc, "period")
    if not isinstance(raw, dict):
        check.fail(line, "period must be a mapping {start, end}")
    check.known_keys(raw, "period")
    period: dict[str, str | None] = {}
    for key in ("start", "end", "words_from"):
        value = raw.get(key)
        if value is None:
            period[key] = None
            continue
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            check.fail(check.line_of(raw, key), f"period.{key}: {text!r} is not a date (YYYY-MM-DD)")
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            check.fail(check.line_of(raw, key), f"period.{key}: {text} is outside {MIN_YEAR}-{MAX_YEAR}")
        period[key] = text
    if period["start"] and period["end"] and period["end"] < period["start"]:
        check.fail(line, f"period ends ({period['end']}) before it starts ({period['start']})")
    if period["words_from"] and not (period["start"] and period["words_from"] <= period["start"]):
        check.fail(check.line_of(raw, "words_from"), "period.words_from must fall on or before period.start")
    if period["words_from"] is None:
        del period["words_from"]  # a watch without it keeps the {start, end} it always had
    return period


def _condition(check: _Checker, raw: Any, line: int, macros: dict[str, str]) -> Condition:
    if not isinstance(raw, _Dict):
        check.fail(line, "each condition is a mapping {id, title, description, indicators}")
    check.known_keys(raw, "condition")
    cid = check.need(raw, "id", str, "condition")
    if not CONDITION_ID.match(cid):
        check.fail(check.line_of(raw, "id"), f"condition id {cid!r}: use lower_case_with_underscores")
    indicators = []
    raw_indicators = check.need(raw, "indicators", list, f"condition {cid}")
    if not raw_indicators:
        check.fail(check.line_of(raw, "indicators"), f"condition {cid} has no indicators")
    for item, item_line in zip(raw_indicators, raw_indicators.item_lines, strict=True):
        indicators.append(_indicator(check, item, item_line, cid, macros))
    return Condition(
        id=cid,
        title=str(raw.get("title") or cid),
        description=" ".join(str(raw.get("description") or "").split()),
        indicators=indicators,
    )


def _indicator(check: _Checker, raw: Any, line: int, cid: str, macros: dict[str, str]) -> Indicator:
    if not isinstance(raw, _Dict):
        check.fail(line, f"condition {cid}: each indicator is a mapping {{id, polarity, act, with}}")
    check.known_keys(raw, "indicator")
    iid = check.need(raw, "id", str, f"condition {cid} indicator")
    where = f"{cid}.{iid}"
    polarity = check.need(raw, "polarity", int, where)
    if polarity not in (-1, 0, 1):
        check.fail(check.line_of(raw, "polarity"), f"{where}: polarity must be -1, 0 or 1")
    scope = raw.get("scope", "subject")
    if scope not in SCOPES:
        check.fail(check.line_of(raw, "scope"), f"{where}: scope must be one of {', '.join(SCOPES)}")
    events = raw.get("events")
    if events is not None and not (isinstance(events, dict) and events.get("types")):
        check.fail(check.line_of(raw, "events"), f"{where}: events needs 'types' (PLOVER types)")
    if events is not None:
        check.known_keys(events, "events")
        unknown = [t for t in events["types"] if t not in PLOVER_TYPES]
        if unknown:
            check.fail(check.line_of(raw, "events"), f"{where}: unknown event type(s) {', '.join(unknown)}")
        check.sectors(events.get("target_sectors"), check.line_of(raw, "events"), f"{where}.events")
    if "act" not in raw and events is None:
        check.fail(raw.line, f"{where}: an indicator needs 'act' patterns (or 'events')")
    act = (
        check.patterns(raw["act"], check.line_of(raw, "act"), f"{where}.act", macros) if "act" in raw else []
    )
    with_groups = []
    raw_with = raw.get("with") or []
    if not isinstance(raw_with, list):
        check.fail(check.line_of(raw, "with"), f"{where}.with must be a list of pattern lists")
    for group, group_line in zip(raw_with, getattr(raw_with, "item_lines", []), strict=False):
        with_groups.append(check.patterns(group, group_line, f"{where}.with", macros))
    unless = []
    if raw.get("unless"):
        unless = check.patterns(raw["unless"], check.line_of(raw, "unless"), f"{where}.unless", macros)
    topic = []
    if raw.get("topic"):
        topic = check.patterns(raw["topic"], check.line_of(raw, "topic"), f"{where}.topic", macros)
    deed = raw.get("deed", False)
    if not isinstance(deed, bool) or (deed and polarity != 0):
        check.fail(
            check.line_of(raw, "deed"), f"{where}: deed is true or false, and true only with polarity 0"
        )
    return Indicator(iid, polarity, act, with_groups, unless, scope, events, line, topic, deed)
