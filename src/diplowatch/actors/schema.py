"""The actor dictionary YAML schema, checked on the YAML node tree so every error names its line.

A dictionary file is a mapping with any of these sections (bundled files each hold one or two; a
user file may hold all of them):

    countries:      [{name, iso3, cameo?, aliases, demonyms, capitals, regions?, institutions: [{name, sector, aliases}]}]
    country_short:  [the country, ...]        short mentions that refer back to the last country
    igos:           [{name, code (IGO... or NGO...), aliases, short, sector?, country?}]
    groups:         [{name, aliases, short, roles: [role]}]
    people:         [{name, aliases, roles: [role], gender? (m|f, for he/she), note?, wikidata?}]
    sectors:        {CODE: {words: [...], weak: [...], titles: [...]}}
    modifiers:      {elite: [...], plain: [...]}
    pronouns:       {person: [he, she, ...]}
    voices:         [{name, sources: [host or outlet], country?, code?, sector?}]   who "we" is in a
                    document from one of `sources` (a government's own briefing room: its government)

    role:           {country?, sector?, title?, start?, end?, code?}   dates are YYYY-MM-DD

`parse_text` returns the plain data (lists of dicts, dates as ISO strings) and the list of errors,
each "where:line: problem"; callers decide whether errors are fatal.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

from diplowatch.core.safe_yaml import compose_yaml

ISO3 = re.compile(r"^[A-Z]{3}$")
SECTOR = re.compile(r"^[A-Z]{3}(?:[A-Za-z]{3})*$")
IGO_CODE = re.compile(r"^(?:IGO|NGO)[A-Z0-9]*$")

SECTIONS = (
    "countries",
    "country_short",
    "igos",
    "groups",
    "people",
    "sectors",
    "modifiers",
    "pronouns",
    "voices",
)
ROLE_KEYS = {"country", "sector", "title", "start", "end", "code"}
ENTRY_KEYS = {
    "countries": {"name", "iso3", "cameo", "aliases", "demonyms", "capitals", "regions", "institutions"},
    "igos": {"name", "code", "aliases", "short", "sector", "country"},
    "groups": {"name", "aliases", "short", "roles"},
    "people": {"name", "aliases", "roles", "gender", "note", "wikidata"},
    "voices": {"name", "sources", "country", "code", "sector"},
}
INSTITUTION_KEYS = {"name", "sector", "aliases"}
SECTOR_KEYS = {"words", "weak", "titles"}


class _Checker:
    """Walks composed YAML nodes, collecting "where:line: problem" errors instead of raising."""

    def __init__(self, where: str, known_countries: set[str] | None):
        self.where = where
        self.known = known_countries
        self.errors: list[str] = []

    def error(self, node: yaml.Node | None, problem: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.errors.append(f"{self.where}:{line}: {problem}")

    # -- scalars and lists ------------------------------------------------------------------
    def text(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
            self.error(node, f"{what} must be text")
            return None
        value = str(node.value).strip()
        if not value:
            self.error(node, f"{what} is empty")
            return None
        return value

    def texts(self, node: yaml.Node, what: str) -> list[str]:
        if isinstance(node, yaml.ScalarNode):  # a lone string is a one-item list
            one = self.text(node, what)
            return [one] if one else []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list of text")
            return []
        return [t for t in (self.text(item, what) for item in node.value) if t]

    def mapping(self, node: yaml.Node, what: str, allowed: set[str] | None) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping")
            return {}
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if allowed is not None and key not in allowed:
                self.error(
                    key_node, f"unknown key '{key}' in {what} (expected one of {', '.join(sorted(allowed))})"
                )
                continue
            out[key] = value_node
        return out

    def date(self, node: yaml.Node, what: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return None
        raw = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        try:
            return date.fromisoformat(raw).isoformat() if len(raw) == 10 else _bad_date()
        except ValueError:
            self.error(node, f"{what} {raw or node.tag} is not a date (YYYY-MM-DD)")
            return None

    def code(self, node: yaml.Node, what: str, pattern: re.Pattern[str], hint: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not pattern.match(value):
            self.error(node, f"{what} {value} is not {hint}")
            return None
        return value

    def country(self, node: yaml.Node, what: str = "country") -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return None
        value = self.code(node, what, ISO3, "an ISO3 code (three capital letters)")
        if value is not None and self.known is not None and value not in self.known:
            self.error(node, f"{what} {value} is not a known ISO3 country code")
        return value

    # -- entries ----------------------------------------------------------------------------
    def role(self, node: yaml.Node) -> dict[str, Any] | None:
        fields = self.mapping(node, "role", ROLE_KEYS)
        if not fields and not isinstance(node, yaml.MappingNode):
            return None
        role: dict[str, Any] = {"country": None, "sector": None, "title": None, "start": None, "end": None}
        role["code"] = None
        if "country" in fields:
            role["country"] = self.country(fields["country"], "role country")
        if "sector" in fields:
            role["sector"] = self.code(
                fields["sector"], "role sector", SECTOR, "a sector code like GOV or MIL"
            )
        if "code" in fields:
            role["code"] = self.code(fields["code"], "role code", SECTOR, "a CAMEO-style code like IMGINS")
        if "title" in fields:
            role["title"] = self.text(fields["title"], "role title")
        for key in ("start", "end"):
            if key in fields:
                role[key] = self.date(fields[key], f"role {key}")
        if role["start"] and role["end"] and role["start"] > role["end"]:
            self.error(node, f"role starts ({role['start']}) after it ends ({role['end']})")
        if role["country"] is None and role["sector"] is None and role["code"] is None:
            self.error(node, "role needs a country, a sector or a code")
        return role

    def entry(self, section: str, node: yaml.Node) -> dict[str, Any] | None:
        fields = self.mapping(node, f"{section} entry", ENTRY_KEYS[section])
        if "name" not in fields:
            if isinstance(node, yaml.MappingNode):
                self.error(node, f"{section} entry has no name")
            return None
        name = self.text(fields["name"], "name")
        if name is None:
            return None
        out: dict[str, Any] = {"name": name, "line": node.start_mark.line + 1}
        for key in ("aliases", "short", "demonyms", "capitals", "regions"):
            if key in ENTRY_KEYS[section]:
                out[key] = self.texts(fields[key], key) if key in fields else []
        if section == "countries":
            if "iso3" not in fields:
                self.error(node, f"country {name} has no iso3 code")
            out["iso3"] = self.country(fields["iso3"], "iso3") if "iso3" in fields else None
            out["cameo"] = (
                self.code(fields["cameo"], "cameo", ISO3, "a three-letter code")
                if "cameo" in fields
                else None
            )
            out["institutions"] = [
                self.institution(n) for n in self.items(fields.get("institutions"), "institutions")
            ]
            out["institutions"] = [i for i in out["institutions"] if i]
            if out["iso3"] is None:
                return None
        elif section == "voices":
            return self.voice(fields, node, out)
        elif section == "igos":
            if "code" not in fields:
                self.error(node, f"igo {name} has no code")
                return None
            out["code"] = self.code(fields["code"], "code", IGO_CODE, "a code starting with IGO or NGO")
            out["sector"] = (
                self.code(fields["sector"], "sector", SECTOR, "a sector code") if "sector" in fields else None
            )
            out["country"] = self.country(fields["country"]) if "country" in fields else None
            if out["code"] is None:
                return None
        else:
            roles = [self.role(n) for n in self.items(fields.get("roles"), "roles")]
            out["roles"] = [r for r in roles if r]
            if "gender" in fields:
                gender = (self.text(fields["gender"], "gender") or "").lower()[:1]
                if gender not in ("m", "f"):
                    self.error(fields["gender"], "gender must be m or f")
                out["gender"] = gender if gender in ("m", "f") else None
        return out

    def voice(
        self, fields: dict[str, yaml.Node], node: yaml.Node, out: dict[str, Any]
    ) -> dict[str, Any] | None:
        out["sources"] = self.texts(fields["sources"], "sources") if "sources" in fields else []
        out["country"] = self.country(fields["country"]) if "country" in fields else None
        out["code"] = (
            self.code(fields["code"], "code", SECTOR, "a code like IGOUNO") if "code" in fields else None
        )
        out["sector"] = (
            self.code(fields["sector"], "sector", SECTOR, "a sector code") if "sector" in fields else None
        )
        if not out["sources"]:
            self.error(node, f"voice {out['name']} has no sources (hosts or outlets)")
            return None
        if out["country"] is None and out["code"] is None:
            self.error(node, f"voice {out['name']} needs a country or a code")
            return None
        return out

    def institution(self, node: yaml.Node) -> dict[str, Any] | None:
        fields = self.mapping(node, "institution", INSTITUTION_KEYS)
        if "name" not in fields or "sector" not in fields:
            if isinstance(node, yaml.MappingNode):
                self.error(node, "institution needs a name and a sector")
            return None
        name = self.text(fields["name"], "institution name")
        sector = self.code(fields["sector"], "institution sector", SECTOR, "a sector code")
        aliases = self.texts(fields["aliases"], "aliases") if "aliases" in fields else []
        if name is None or sector is None:
            return None
        return {"name": name, "sector": sector, "aliases": aliases}

    def items(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list")
            return []
        return list(node.value)


def _bad_date() -> str:
    raise ValueError("not YYYY-MM-DD")


def empty_data() -> dict[str, Any]:
    return {
        "countries": [],
        "country_short": [],
        "igos": [],
        "groups": [],
        "people": [],
        "sectors": {},
        "modifiers": {},
        "pronouns": {},
        "voices": [],
    }


# libyaml when PyYAML was built with it: the bundled gazetteers parse in a tenth of the time
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_text(
    text: str, where: str, known_countries: set[str] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Parse and check one dictionary file's text; returns (data, errors)."""
    data = empty_data()
    check = _Checker(where, known_countries)
    try:
        root = compose_yaml(text, _LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return data, [f"{where}:{line}: not valid YAML: {problem}"]
    if root is None:
        return data, []
    top = check.mapping(root, "the file", set(SECTIONS))
    if check.known is not None and "countries" in top:  # countries defined here may be used here
        for node in check.items(top["countries"], "countries"):
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == "iso3" and isinstance(value, yaml.ScalarNode):
                        check.known = check.known | {str(value.value)}
    for section in ("countries", "igos", "groups", "people", "voices"):
        for node in check.items(top.get(section), section):
            entry = check.entry(section, node)
            if entry is not None:
                data[section].append(entry)
    if "country_short" in top:
        data["country_short"] = check.texts(top["country_short"], "country_short")
    if "sectors" in top:
        for key_node, spec in _pairs(check, top["sectors"], "sectors"):
            code = str(key_node.value)
            if not SECTOR.match(code):
                check.error(key_node, f"sector {code} is not a sector code like GOV or MIL")
                continue
            if isinstance(spec, yaml.SequenceNode):
                data["sectors"][code] = {"words": check.texts(spec, "words"), "weak": [], "titles": []}
                continue
            fields = check.mapping(spec, f"sector {code}", SECTOR_KEYS)
            data["sectors"][code] = {k: check.texts(fields[k], k) if k in fields else [] for k in SECTOR_KEYS}
    for section in ("modifiers", "pronouns"):
        if section in top:
            for key_node, words in _pairs(check, top[section], section):
                data[section][str(key_node.value)] = check.texts(words, str(key_node.value))
    return data, sorted(check.errors, key=_line_of)


def _line_of(error: str) -> int:
    found = re.search(r":(\d+): ", error)
    return int(found.group(1)) if found else 0


def _pairs(check: _Checker, node: yaml.Node, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        check.error(node, f"{what} must be a mapping")
        return []
    return list(node.value)
