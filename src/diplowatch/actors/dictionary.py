"""Actor dictionaries: the bundled YAML in data/actors/ plus user files, merged into one object.

User files override and extend: an entry whose name (case-insensitive) matches a bundled entry of the
same section replaces it, anything else is added; sector words and modifiers are merged word by word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from diplowatch.actors.schema import empty_data, parse_text
from diplowatch.core.diskcache import load_or_build, source_key
from diplowatch.errors import InputError

COMPANY_SECTORS = frozenset({"BUS", "MED"})
STATE_OWNED_TITLE = re.compile(r"\b(?:state|public|government|flag carrier|national)\b")

BUNDLED_FILES = (
    "countries.yaml",
    "igos.yaml",
    "groups.yaml",
    "people.yaml",
    "leaders.yaml",
    "officials.yaml",
    "companies.yaml",
    "sectors.yaml",
    "voices.yaml",
)


@dataclass(frozen=True)
class Role:
    """One dated role of a person or group; dates are ISO strings, None meaning open-ended."""

    country: str | None = None
    sector: str | None = None
    title: str | None = None
    start: str | None = None
    end: str | None = None
    code: str | None = None


@dataclass
class Entry:
    """A named actor: a person, a group, or an IGO/NGO (whose single undated role is its code)."""

    kind: str  # "person" | "group" | "igo"
    name: str
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    code: str | None = None  # IGO/NGO code (IGOUNO, NGOAMN, ...)
    sector: str | None = None  # IGO/NGO default sector
    country: str | None = None
    gender: str | None = None  # "m" | "f" when known: lets "he"/"she" skip the wrong person

    def role_on(self, day: str | None) -> tuple[Role | None, bool]:
        """The role held on `day` and whether it is an exact (in-date) match.

        No role covers the day: the latest role that started before it (not exact); none started
        before it: the earliest role (not exact), so at least the country is known. With no day,
        the open-ended (current) role, else the latest.
        """
        if not self.roles:
            return None, False
        if day is None:
            current = [r for r in self.roles if r.end is None]
            return (current or sorted(self.roles, key=_role_order))[-1], True
        day = day[:10]
        for role in self.roles:
            if (role.start is None or role.start <= day) and (role.end is None or day <= role.end):
                return role, True
        before = [r for r in self.roles if r.start is not None and r.start <= day]
        if before:
            return max(before, key=_role_order), False
        return min(self.roles, key=_role_order), False


def _role_order(role: Role) -> tuple[str, str]:
    return (role.start or "", role.end or "9999")


@dataclass(frozen=True)
class Institution:
    name: str
    sector: str
    aliases: tuple[str, ...] = ()


@dataclass
class Country:
    name: str
    iso3: str
    cameo: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    institutions: tuple[Institution, ...] = ()


@dataclass(frozen=True)
class Voice:
    """Who speaks in the first person in documents from `sources` (hosts or outlet names): a
    government's own briefing room speaks for that government."""

    name: str
    sources: tuple[str, ...]
    code: str
    country: str | None = None
    sector: str | None = None


@dataclass
class SectorWords:
    """Role words of one sector: `words` any case, `titles` only capitalised, `weak` yield to others."""

    words: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass
class ActorDictionary:
    countries: dict[str, Country] = field(default_factory=dict)  # by ISO3
    people: list[Entry] = field(default_factory=list)
    groups: list[Entry] = field(default_factory=list)
    igos: list[Entry] = field(default_factory=list)
    sectors: dict[str, SectorWords] = field(default_factory=dict)
    modifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pronouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    country_short: tuple[str, ...] = ()
    voices: list[Voice] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def cameo_country(self, iso3: str | None) -> str | None:
        """The CAMEO country code where it differs from ISO3 (Japan JAP), else the ISO3 itself."""
        country = self.countries.get(iso3 or "")
        return (country.cameo or country.iso3) if country else iso3

    def companies(self) -> dict[str, bool]:
        """Named companies and news outlets (groups whose every role is sector BUS or MED), each with whether
        the state owns it: a role title that names the state ("state airline", "public broadcaster",
        "state-controlled oil company", "flag carrier") says so (companies.yaml)."""
        out = {}
        for entry in self.groups:
            if entry.roles and all(r.sector in COMPANY_SECTORS for r in entry.roles):
                titles = " ".join(r.title or "" for r in entry.roles).lower()
                out[entry.name] = STATE_OWNED_TITLE.search(titles) is not None
        return out

    def counts(self) -> dict[str, int]:
        return {
            "countries": len(self.countries),
            "igos": len(self.igos),
            "groups": len(self.groups),
            "people": len(self.people),
            "sector words": sum(len(s.words) + len(s.weak) + len(s.titles) for s in self.sectors.values()),
        }


def _bundled_texts() -> list[tuple[str, str]]:
    folder = resources.files("diplowatch") / "data" / "actors"
    out = []
    for name in BUNDLED_FILES:
        item = folder / name
        if item.is_file():
            out.append((f"data/actors/{name}", item.read_text(encoding="utf-8")))
    return out


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    """Merge one file's data into the running total; same-name entries replace earlier ones."""
    for section in ("countries", "igos", "groups", "people", "voices"):
        key = "iso3" if section == "countries" else "name"
        index = {_fold(e[key]): i for i, e in enumerate(into[section])}
        for entry in data[section]:
            at = index.get(_fold(entry[key]))
            if at is None and section == "countries":  # a country may also be replaced by its name
                at = next(
                    (i for i, e in enumerate(into[section]) if _fold(e["name"]) == _fold(entry["name"])), None
                )
            if at is None:
                index[_fold(entry[key])] = len(into[section])
                into[section].append(entry)
            else:
                into[section][at] = entry
    for code, spec in data["sectors"].items():
        have = into["sectors"].setdefault(code, {"words": [], "weak": [], "titles": []})
        for kind, words in spec.items():
            have[kind] = list(dict.fromkeys([*have[kind], *words]))
    for section in ("modifiers", "pronouns"):
        for key, words in data[section].items():
            into[section][key] = list(dict.fromkeys([*into[section].get(key, []), *words]))
    into["country_short"] = list(dict.fromkeys([*into["country_short"], *data["country_short"]]))


def _fold(name: str | None) -> str:
    return (name or "").casefold()


def read_file(path: Path, known_countries: set[str] | None = None) -> tuple[dict[str, Any], list[str]]:
    """Parse and check one user dictionary file; returns (data, errors)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return empty_data(), [f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}"]
    return parse_text(text, str(path), known_countries)


def bundled_country_codes() -> set[str]:
    codes: set[str] = set()
    for where, text in _bundled_texts():
        if where.endswith("countries.yaml"):
            data, _ = parse_text(text, where)
            codes.update(c["iso3"] for c in data["countries"])
    return codes


def load_dictionaries(extra: Iterable[Path | str] = (), bundled: bool = True) -> ActorDictionary:
    """Bundled YAML plus user files (later files override earlier); a bad file raises InputError.

    Parsed once per machine: the result is cached on disk under a hash of every file's text (and of
    this parser's own source), so each worker of a pool loads it instead of parsing YAML again."""
    paths = [Path(p) for p in extra]
    try:
        user = [f"{p}\0".encode() + p.read_bytes() for p in paths]
    except OSError:
        return _load_dictionaries(paths, bundled)  # the parser gives the one-line error
    here = Path(__file__).parent
    sources: list[bytes | str] = [(here / "dictionary.py").read_bytes(), (here / "schema.py").read_bytes()]
    sources.append(str(bundled))
    sources += [name + "\0" + text for name, text in _bundled_texts()] if bundled else []
    return load_or_build(
        "dictionaries", source_key([*sources, *user]), lambda: _load_dictionaries(paths, bundled)
    )


def _load_dictionaries(extra: Iterable[Path | str], bundled: bool) -> ActorDictionary:
    total = empty_data()
    sources: list[str] = []
    if bundled:
        for where, text in _bundled_texts():
            data, errors = parse_text(text, where)
            if errors:
                raise InputError(errors[0].split(":", 1)[0], errors[0].split(":", 1)[1].strip())
            _merge(total, data)
            sources.append(where)
    known = {c["iso3"] for c in total["countries"]} or None
    for path in extra:
        data, errors = read_file(Path(path), known)
        if errors:
            where, _, problem = errors[0].partition(": ")
            raise InputError(where, problem + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
        _merge(total, data)
        sources.append(str(path))
    return build(total, sources)


def build(data: dict[str, Any], sources: list[str] | None = None) -> ActorDictionary:
    """Turn merged plain data into the typed dictionary the resolver compiles."""
    countries = {}
    for c in data["countries"]:
        institutions = tuple(
            Institution(i["name"], i["sector"], tuple(i["aliases"])) for i in c["institutions"]
        )
        countries[c["iso3"]] = Country(
            c["name"],
            c["iso3"],
            c.get("cameo"),
            tuple(c["aliases"]),
            tuple(c["demonyms"]),
            # a state, province or dependency acting or acted on is its country, as a capital is
            # (GUIDELINES: "a dependency takes its sovereign state"; "California requires masks": USA)
            tuple(c["capitals"]) + tuple(c.get("regions", ())),
            institutions,
        )

    def roles(items: list[dict[str, Any]]) -> tuple[Role, ...]:
        return tuple(
            Role(r["country"], r["sector"], r["title"], r["start"], r["end"], r.get("code")) for r in items
        )

    people = [
        Entry("person", p["name"], tuple(p["aliases"]), (), roles(p["roles"]), gender=p.get("gender"))
        for p in data["people"]
    ]
    groups = [
        Entry("group", g["name"], tuple(g["aliases"]), tuple(g["short"]), roles(g["roles"]))
        for g in data["groups"]
    ]
    igos = [
        Entry(
            "igo",
            i["name"],
            tuple(i["aliases"]),
            tuple(i["short"]),
            code=i["code"],
            sector=i["sector"] or i["code"][:3],
            country=i["country"],
        )
        for i in data["igos"]
    ]
    sectors = {
        code: SectorWords(tuple(s.get("words", ())), tuple(s.get("weak", ())), tuple(s.get("titles", ())))
        for code, s in data["sectors"].items()
    }
    voices = [
        Voice(
            v["name"],
            tuple(v["sources"]),
            v["code"] or v["country"] + (v["sector"] or ""),
            v["country"],
            v["sector"],
        )  # fmt: skip
        for v in data["voices"]
    ]
    return ActorDictionary(
        countries=countries,
        people=people,
        groups=groups,
        igos=igos,
        sectors=sectors,
        modifiers={k: tuple(v) for k, v in data["modifiers"].items()},
        pronouns={k: tuple(v) for k, v in data["pronouns"].items()},
        country_short=tuple(data["country_short"]),
        voices=voices,
        sources=list(sources or []),
    )
