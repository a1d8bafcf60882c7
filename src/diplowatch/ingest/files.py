"""Local inputs: walk folders, read files under a size cap, check the encoding, pick a reader.

Encoding policy (documented in `diplowatch ingest --help`): text must be UTF-8 (a UTF-8 BOM is
fine) or UTF-16/32 with a BOM. Anything else is skipped with "not UTF-8 text" rather than guessed,
because a wrong guess silently corrupts names and quotes. HTML is the exception: its own declared
charset is honoured (trafilatura reads the bytes).
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from diplowatch.ingest.raw import Issue, RawDoc, Skip

SUFFIX_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",  # the CSV reader sniffs the delimiter
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SNIFF_BYTES = 8192
# A folder's own documentation is not news: skipped when walking (still read if named explicitly).
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "copying", "notice")


def human_bytes(size: int) -> str:
    amount = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{size} bytes"  # pragma: no cover


def walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, sorted, without hidden ones (.git, .DS_Store) or README/LICENSE files."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().startswith(_NOT_ARTICLES):
                yield Path(root, name)


def fingerprint(path: Path) -> str | None:
    """Size and modification time: cheap, and enough to know a file is unchanged since last run."""
    try:
        info = path.stat()
    except OSError:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or Skip with the reason it cannot be used."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Skip("no such file or directory") from None
    except PermissionError:
        raise Skip("permission denied") from None
    except OSError as exc:
        raise Skip(f"cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise Skip("not a regular file")
    if info.st_size == 0:
        raise Skip("empty file")
    if info.st_size > max_bytes:
        raise Skip(
            f"too large ({human_bytes(info.st_size)}; the cap is {human_bytes(max_bytes)}, raise it with --max-bytes)"
        )
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except PermissionError:
        raise Skip("permission denied") from None
    except OSError as exc:
        raise Skip(f"cannot read ({exc.strerror or exc})") from None


def is_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    return b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS)


def decode(data: bytes) -> str:
    """Text of UTF-8 (BOM optional) or BOM-marked UTF-16/32 bytes; Skip otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise Skip(f"not valid {encoding.upper()} text despite its byte-order mark") from None
    if is_binary(data):
        raise Skip("binary file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Skip(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save it as UTF-8"
        ) from None
    if not text.strip():
        raise Skip("empty file")
    return text


def decode_lines(data: bytes, source: str) -> tuple[str, list[Issue]]:
    """JSON Lines decoded line by line: a line with a NUL or bytes that are not UTF-8 is one skipped
    record (named), not the whole file - unless most lines are like that (then it is a binary file)."""
    try:
        return decode(data), []
    except Skip:
        if any(data.startswith(bom) for bom, _ in _BOMS) or not data.strip():
            raise
    lines = data.split(b"\n")
    issues: list[Issue] = []
    out: list[str] = []
    for number, raw in enumerate(lines, start=1):
        try:
            if b"\x00" in raw:
                raise UnicodeDecodeError("utf-8", raw, raw.index(b"\x00"), raw.index(b"\x00") + 1, "NUL")
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            issues.append(
                Issue(f"{source}:{number}", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); record skipped")
            )
            out.append("")  # keeps the line numbers of the records after it
    if len(issues) * 2 > len([line for line in lines if line.strip()]):
        raise Skip("binary file" if b"\x00" in data[:SNIFF_BYTES] else "not UTF-8 text; re-save it as UTF-8")
    return "\n".join(out), issues


def sniff(data: bytes, content_type: str | None = None) -> str | None:
    """The kind of a document without a telling file name (stdin, URLs, odd extensions)."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if "rss" in ctype or "atom" in ctype:
        return "feed"
    head = data[:SNIFF_BYTES].lstrip(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        if b"<html" in head:
            return "html"
        return "feed" if ctype.endswith("xml") else None
    if ctype in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<") and b"<body" in head:
        return "html"
    if ctype in ("application/json",) or head.startswith((b"{", b"[")):
        first_line = head.split(b"\n", 1)[0].strip()
        if head.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in head:
            return "jsonl"
        return "json"
    if ctype == "text/csv":
        return "csv"
    if ctype == "text/markdown" or head.startswith(b"---"):
        return "markdown"
    return "text"


def kind_of(path: Path) -> str | None:
    return SUFFIX_KINDS.get(path.suffix.lower())


def read_as(kind: str, data: bytes, source: str, name: str, options) -> Iterator[RawDoc | Issue]:
    """Dispatch the bytes of one input to the reader for its kind."""
    from diplowatch.ingest import feeds, markup, tabular, text

    if kind == "html":
        if is_binary(data):
            raise Skip("binary file")
        yield from markup.read_html(data, source, url=options_url(source))
        return
    if kind == "feed":
        if is_binary(data):
            raise Skip("binary file")
        yield from feeds.read_feed(data, source)
        return
    if kind == "jsonl":
        decoded, bad_lines = decode_lines(data, source)
        yield from bad_lines
        yield from tabular.read_table(decoded, kind, source, options.fields)
        return
    decoded = decode(data)
    if kind in ("json", "csv"):
        yield from tabular.read_table(decoded, kind, source, options.fields)
    elif kind in ("text", "markdown"):
        yield from text.read_text(decoded, source, name, markdown=kind == "markdown")
    else:  # pragma: no cover - kinds are closed
        raise Skip(f"no reader for {kind}")


def options_url(source: str) -> str | None:
    return source if source.startswith(("http://", "https://")) else None
