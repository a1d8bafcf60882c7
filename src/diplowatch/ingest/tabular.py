"""Tables of articles: JSON Lines, a JSON array (or an object holding one), and CSV.

Fields: id, text, date, title, url, outlet. A few common column names are recognised
(body/content for text, published/published_at for date, headline for title, link for url,
source/publisher for outlet); `--field NAME=COLUMN` maps any other. Columns not used stay in `meta`.
Each record's source is `path:line` (the line a JSONL record or CSV row starts on) or `path:#N`
(the N-th item of a JSON array).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from diplowatch.ingest.raw import Issue, RawDoc, Skip

ALIASES = {
    "id": ("id", "doc_id", "article_id", "guid"),
    "text": ("text", "body", "content", "article", "story", "full_text"),
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "datetime", "timestamp"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "publisher", "site", "domain"),
}
_LIST_KEYS = ("articles", "items", "data", "records", "results", "documents")


def _columns(fields: dict[str, str]) -> dict[str, tuple[str, ...]]:
    return {name: (fields[name],) if name in fields else aliases for name, aliases in ALIASES.items()}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:120]


def _has_lone_surrogate(value: Any) -> bool:
    """JSON may escape half of a UTF-16 pair ("\\ud800"): such text cannot be stored as UTF-8."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def _record(row: Any, where: str, columns: dict[str, tuple[str, ...]]) -> RawDoc | Issue:
    try:
        if _has_lone_surrogate(row):
            return Issue(where, "text holds a lone UTF-16 surrogate (\\ud800-\\udfff), not valid Unicode")
    except RecursionError:
        return Issue(where, "nested too deeply to read")
    if not isinstance(row, dict):
        return Issue(where, f"expected an object with a text field, found {type(row).__name__}")
    picked: dict[str, Any] = {}
    used: set[str] = set()
    for name, candidates in columns.items():
        for column in candidates:
            value = row.get(column)
            if value not in (None, ""):
                picked[name] = value
                used.add(column)
                break
    text = picked.get("text")
    if not isinstance(text, str) or not text.strip():
        wanted = " or ".join(repr(c) for c in columns["text"][:3])
        return Issue(where, f"no text (looked for field {wanted}; map another with --field text=COLUMN)")
    meta = {k: v for k, v in row.items() if k not in used and v not in (None, "")}
    ident = picked.get("id")
    return RawDoc(
        text=text,
        source=where,
        id=str(ident) if ident is not None else None,
        title=str(picked["title"]) if "title" in picked else None,
        date=picked.get("date"),
        url=str(picked["url"]) if "url" in picked else None,
        outlet=str(picked["outlet"]) if "outlet" in picked else None,
        meta=meta,
    )


def _jsonl(text: str, source: str, columns) -> Iterator[RawDoc | Issue]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Issue(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting past Python's limit
            yield Issue(where, f"unreadable JSON record ({_first_line(exc)})")
            continue
        yield _record(row, where, columns)


def _json(text: str, source: str, columns) -> Iterator[RawDoc | Issue]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if not isinstance(exc, json.JSONDecodeError):
            raise Skip(f"unreadable JSON ({_first_line(exc)})") from None
        if exc.lineno > 1 and text.lstrip().startswith("{"):
            # Several objects one per line in a .json file: read it as JSON Lines.
            yield from _jsonl(text, source, columns)
            return
        raise Skip(f"malformed JSON at line {exc.lineno} ({exc.msg})") from None
    if isinstance(data, dict):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        raise Skip("JSON holds neither an object nor a list of objects")
    for number, row in enumerate(data, start=1):
        yield _record(row, f"{source}:#{number}", columns)


def _csv(text: str, source: str, columns) -> Iterator[RawDoc | Issue]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames:
        raise Skip("CSV without a header row")
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Issue(f"{source}:{start}", f"malformed CSV ({exc})")
            start = reader.line_num + 1
            continue
        where = f"{source}:{start}"
        start = reader.line_num + 1
        if None in row:  # more cells than the header names
            row.pop(None)
        yield _record(row, where, columns)


def read_table(text: str, kind: str, source: str, fields: dict[str, str]) -> Iterator[RawDoc | Issue]:
    columns = _columns(fields)
    reader = {"jsonl": _jsonl, "json": _json, "csv": _csv}[kind]
    yield from reader(text, source, columns)
