"""Plain text (.txt) and Markdown (.md) articles, with an optional YAML front matter.

Front matter (between `---` lines at the top) may give: id, title, date (or published,
published_time), source_url (or url, link), outlet (or source, publisher); other keys go to `meta`.
Without it, a .txt file follows the common convention: the first line is the headline when it
reads like one, a `Published:` / `Date:` line near the top gives the date, and otherwise a date in
the file name (2021-09-23-story.txt) does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import yaml

from diplowatch.core.dates import date_in_name
from diplowatch.core.safe_yaml import load_yaml
from diplowatch.ingest.raw import Issue, RawDoc

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADER_LINE = re.compile(
    r"^(?P<key>published|date|posted|dateline|url|link|source|outlet|by|author)\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_HEADER_SCAN = 6  # header lines are looked for among the first few lines only
_HEADLINE_MAX = 200
_SENTENCE_INSIDE = re.compile(r"[.!?][\"\u201d\u2019]?\s+[A-Z\"\u201c]")
FIELD_ALIASES = {
    "id": ("id",),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "published_time", "pubdate"),
    "url": ("source_url", "url", "link", "canonical_url"),
    "outlet": ("outlet", "publisher", "site", "source"),
}

# Markdown that should not reach the text: the words of links stay, the syntax goes.
# These may span lines (editors wrap inside links and tags), so they run over the whole body.
_MD_SPANS = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
]
_MD_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s*"), ""),
    (re.compile(r"^\s{0,3}>\s?"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
]
_MD_SYNTAX = frozenset("#>*_`\\")  # a line with none of these has no inline markdown left
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MD_RULE_LINE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """(front matter or None, body, problem with the front matter or None)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, None
    body = text[match.end() :]
    try:
        data = load_yaml(match.group(1), _YAML_LOADER)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "unreadable"
        return None, body, f"malformed front matter ({first}); read the text without it"
    if not isinstance(data, dict):
        return None, body, "front matter is not a mapping of keys to values; read the text without it"
    return data, body, None


def _pick(data: dict[str, Any], name: str) -> Any:
    for key in FIELD_ALIASES[name]:
        value = data.get(key)
        if value not in (None, ""):
            return value
    return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def markdown_to_text(body: str) -> str:
    """Markdown as plain paragraphs: syntax removed, each list item its own paragraph."""
    for pattern, replacement in _MD_SPANS:
        body = pattern.sub(replacement, body)
    out: list[str] = []
    for line in body.splitlines():
        if _MD_RULE_LINE.match(line):
            out.append("")
            continue
        item = _MD_LIST_ITEM.match(line)
        heading = _MD_HEADING.match(line)
        if item:
            out.append("")
            line = line[item.end() :]
        if not _MD_SYNTAX.isdisjoint(line):
            for pattern, replacement in _MD_RULES:
                line = pattern.sub(replacement, line)
        out.append(line)
        if heading:
            out.append("")  # a heading is a paragraph of its own, never joined to the next line
    return "\n".join(out)


def _looks_like_headline(line: str) -> bool:
    return len(line) <= _HEADLINE_MAX and not _SENTENCE_INSIDE.search(line)


def _text_conventions(body: str, name: str) -> tuple[str, dict[str, Any]]:
    """Headline, date and url lines at the top of a plain .txt article, taken out of the body."""
    lines = body.splitlines()
    found: dict[str, Any] = {}
    seen = 0
    index = 0
    content_indexes = [i for i, line in enumerate(lines) if line.strip()]
    for index in content_indexes[:_HEADER_SCAN]:
        match = _HEADER_LINE.match(lines[index].strip())
        if not match:
            continue
        key = match["key"].lower()
        value = match["value"].strip()
        target = {
            "published": "date",
            "date": "date",
            "posted": "date",
            "dateline": "date",
            "url": "url",
            "link": "url",
            "source": "url",
            "outlet": "outlet",
            "by": "author",
            "author": "author",
        }[key]
        if target == "url" and not value.startswith(("http://", "https://")):
            continue
        found.setdefault(target, value)
        lines[index] = ""
        seen += 1
    remaining = [i for i in content_indexes if lines[i].strip()]
    # The first line is the headline when it reads like one, stands alone (a blank or header line
    # follows, so it is not the first line of a wrapped paragraph) and a body follows it.
    first = remaining[0] if remaining else 0
    stands_alone = first + 1 < len(lines) and not lines[first + 1].strip()
    if len(remaining) >= 2 and stands_alone and _looks_like_headline(lines[first].strip()):
        found["title"] = lines[first].strip()
        lines[first] = ""
    if "date" not in found:
        found["date_hint"] = date_in_name(name)
    return "\n".join(lines), found


def read_text(text: str, source: str, name: str, markdown: bool = False) -> Iterator[RawDoc | Issue]:
    """One article from a .txt or .md file."""
    front, body, problem = split_front_matter(text)
    if problem:
        yield Issue(source, problem, "warning")
    doc = RawDoc(text="", source=source)
    if front:
        doc.id = str(_pick(front, "id")) if _pick(front, "id") is not None else None
        doc.title = _pick(front, "title")
        doc.date = _pick(front, "date")
        doc.url = _pick(front, "url")
        doc.outlet = _pick(front, "outlet")
        used = {key for keys in FIELD_ALIASES.values() for key in keys}
        doc.meta = {str(k): _jsonable(v) for k, v in front.items() if k not in used}  # a date may be a key
    if markdown or front is not None:
        if doc.title is None:
            for line in body.splitlines():
                heading = _MD_HEADING.match(line)
                if heading:
                    doc.title = markdown_to_text(heading.group(1)).strip()
                    break
                if line.strip():
                    break
            if doc.title is not None:
                body = body.replace(line, "", 1)
        body = markdown_to_text(body) if markdown else body
        if doc.date is None:
            doc.date_hint = date_in_name(name)
    else:
        body, found = _text_conventions(body, name)
        doc.title = found.get("title")
        doc.date = found.get("date")
        doc.date_hint = found.get("date_hint")
        doc.url = found.get("url")
        doc.outlet = found.get("outlet")
        if found.get("author"):
            doc.meta["author"] = found["author"]
    doc.text = body
    yield doc
