"""Settings of one ingest run, with the defaults the CLI shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from diplowatch.clean.dedupe import DEFAULT_THRESHOLD
from diplowatch.ingest.raw import Issue

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 20.0
DEFAULT_BATCH = 500
ARTICLE_FIELDS = ("id", "text", "date", "title", "url", "outlet")


@dataclass
class IngestOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    near_dup_threshold: float = DEFAULT_THRESHOLD
    fields: dict[str, str] = field(default_factory=dict)  # our field name -> column in the input
    boilerplate: list[str] = field(default_factory=list)  # extra line patterns
    timeout: float = DEFAULT_TIMEOUT
    batch_size: int = DEFAULT_BATCH
    max_redirects: int = 5
    allow_private: bool = False  # fetch from loopback/private/link-local hosts (tests, intranets)
    on_issue: Callable[[Issue], None] | None = None  # called as each problem is met
    prefetched: dict[str, Any] = field(default_factory=dict)  # URL -> web.Fetched already downloaded (follow)


def parse_field_map(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`--field text=body --field date=published_at` -> {"text": "body", "date": "published_at"}."""
    from diplowatch.errors import DiplowatchError

    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        name, column = name.strip(), column.strip()
        if not sep or not name or not column:
            raise DiplowatchError(f"--field {pair!r}: write it as NAME=COLUMN, e.g. --field text=body")
        if name not in ARTICLE_FIELDS:
            raise DiplowatchError(f"--field {pair!r}: NAME must be one of {', '.join(ARTICLE_FIELDS)}")
        mapping[name] = column
    return mapping
