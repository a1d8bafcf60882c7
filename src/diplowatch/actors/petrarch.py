"""Import PETRARCH/TABARI `.actors.txt` dictionaries into diplowatch's YAML schema.

The format, as the field's dictionaries (Phoenix.Countries.actors.txt, ...) use it:

    BARACK_OBAMA_            # an entry: words joined by "_", optionally followed by [CODE]
    +OBAMA                   # a synonym of the entry above
    +PRESIDENT_OBAMA_
        [USAELI 19610804-20090119]   # dated codes: from-to, >from (onwards), <to (until), or undated
        [USAGOV 20090120-20170120]
        [USAELI]

`#` starts a comment to the end of the line; `<!-- ... -->` comments may span lines; other lines
starting with `<` are skipped. Dates are YYYYMMDD or YYMMDD (two-digit years 00-30 are 20xx).

Entries with dated codes become `people`; undated ones with a single IGO/NGO code `igos`, other
undated ones `groups` (PETRARCH does not say which is which, and people are what carry dates).
Entries with the same name are merged. Unreadable codes and impossible dates are skipped with a
warning that names the line, so one odd line does not stop a 20,000-entry import. Entries whose only code is a bare country code (the
country's own synonyms) are skipped when the country is already known, as bundled names cover them.
A code is split into country (its first three letters when they are a known ISO3 code) and sector
(the next three letters); codes longer than that are kept whole in the role's `code`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from diplowatch.actors.schema import IGO_CODE
from diplowatch.errors import InputError

CODE_LINE = re.compile(r"\[\s*([A-Za-z0-9]+)\s*(?:([<>])?\s*(\d{6}|\d{8}))?\s*(?:-\s*(\d{6}|\d{8}))?\s*\]")
VOWELS = set("AEIOUY")


@dataclass
class _Entry:
    name: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def _date(raw: str) -> str | None:
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{2000 + year if year <= 30 else 1900 + year}{raw[2:]}"
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()
    except ValueError:
        return None


def _words(phrase: str) -> str:
    """BARACK_OBAMA_ → Barack Obama; acronyms and initials (U.N., R.K., ANSF) stay as written."""
    parts = [p for p in re.split(r"[_\s]+", phrase.strip()) if p]
    out = []
    for part in parts:
        keep = "." in part or not (set(part.upper()) & VOWELS) or (len(parts) == 1 and len(part) <= 4)
        out.append(part if keep else "-".join(w.capitalize() for w in part.split("-")))
    return " ".join(out)


def _strip_comments(lines: list[str]) -> list[tuple[int, str]]:
    out = []
    in_block = False
    for number, line in enumerate(lines, start=1):
        if in_block:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_block = False
        while "<!--" in line:
            before, _, rest = line.partition("<!--")
            if "-->" in rest:
                line = before + rest.split("-->", 1)[1]
            else:
                line, in_block = before, True
        line = line.split("#", 1)[0].rstrip()
        if line.strip() and not line.lstrip().startswith("<"):
            out.append((number, line))
    return out


def parse_actors(text: str, where: str) -> tuple[list[_Entry], list[str]]:
    """Entries in file order (same-name entries merged) and warnings for skipped codes."""
    entries: dict[str, _Entry] = {}
    current: _Entry | None = None
    warnings: list[str] = []
    for number, line in _strip_comments(text.splitlines()):
        here = f"{where}:{number}"
        stripped = line.strip()
        if stripped.startswith("+") or not stripped.startswith("["):
            words, _, rest = stripped.lstrip("+").partition("[")
            words = _words(words)
            if stripped.startswith("+") and current is not None and words:
                current.synonyms.append(words)
            elif stripped.startswith("+") or not words:
                warnings.append(
                    f"{here}: {'synonym before any entry' if words else 'entry without a name'} (skipped)"
                )
                continue
            else:
                current = entries.setdefault(words.casefold(), _Entry(words, number))
            stripped = "[" + rest if rest else ""
        if not stripped:
            continue
        if current is None:
            warnings.append(f"{here}: code before any entry (skipped)")
            continue
        codes = list(CODE_LINE.finditer(stripped))
        if not codes:
            warnings.append(f"{here}: cannot read the code {stripped!r} (skipped)")
        for match in codes:
            code, sign, first, second = match.groups()
            parsed = [_date(raw) for raw in (first, second) if raw]
            if None in parsed:
                warnings.append(
                    f"{here}: {match.group(0)} has a date that is not YYYYMMDD or YYMMDD (skipped)"
                )
                continue
            start = end = None
            if len(parsed) == 2:
                start, end = parsed
            elif parsed and sign == "<":
                end = parsed[0]
            elif parsed:
                start = parsed[0]
            current.codes.append((code.upper(), start, end))
    return list(entries.values()), warnings


def _role(code: str, start: str | None, end: str | None, countries: set[str]) -> dict[str, Any]:
    country = code[:3] if code[:3] in countries else None
    rest = code[3:] if country else code
    sector = rest[:3] if len(rest) >= 3 else None
    role: dict[str, Any] = {}
    if country:
        role["country"] = country
    if sector:
        role["sector"] = sector
    if len(rest) > 3 or not country:
        role["code"] = code
    if start:
        role["start"] = start
    if end:
        role["end"] = end
    return role


def to_yaml_data(entries: list[_Entry], countries: set[str]) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """(YAML-ready {igos, groups, people}, number of entries skipped)."""
    igos: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    skipped = 0
    for entry in entries:
        if not entry.codes or all(c[0] in countries and not c[1] and not c[2] for c in entry.codes):
            skipped += 1  # a country's own synonyms, or nothing to code
            continue
        dated = sorted((c for c in entry.codes if c[1] or c[2]), key=lambda c: c[1] or "")
        undated = [c for c in entry.codes if not (c[1] or c[2])]
        aliases = list(dict.fromkeys(s for s in entry.synonyms if s != entry.name))
        if not dated and len(undated) == 1 and IGO_CODE.match(undated[0][0]):
            igos.append({"name": entry.name, "code": undated[0][0], "aliases": aliases})
            continue
        item: dict[str, Any] = {"name": entry.name, "aliases": aliases}
        item["roles"] = [_role(c, s, e, countries) for c, s, e in [*dated, *undated]]
        (people if dated else groups).append(item)
    return {"igos": igos, "groups": groups, "people": people}, skipped


def import_file(path: Path, countries: set[str]) -> tuple[str, dict[str, int], list[str]]:
    """Read one .actors.txt file; returns (YAML text, counts, warnings naming skipped lines)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    entries, warnings = parse_actors(text, str(path))
    data, skipped = to_yaml_data(entries, countries)
    header = f"# Imported from PETRARCH dictionary {Path(path).name} by `diplowatch dict import-petrarch`.\n"
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=None)
    counts = {key: len(items) for key, items in data.items()} | {"skipped": skipped}
    return header + body, counts, warnings
