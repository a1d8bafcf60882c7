"""RSS and Atom feeds (files or URLs): one article per entry, from its content or summary."""

from __future__ import annotations

from collections.abc import Iterator

from diplowatch.ingest.markup import fragment_to_text, hostname
from diplowatch.ingest.raw import Issue, RawDoc, Skip


def read_feed(data: bytes, source: str) -> Iterator[RawDoc | Issue]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception", "")).splitlines()[0][:120]
            raise Skip(f"not a readable RSS/Atom feed ({reason})")
        if parsed.get("version"):
            raise Skip("the feed has no entries")
        raise Skip("not an RSS/Atom feed")
    if parsed.get("bozo"):
        reason = str(parsed.get("bozo_exception", "")).splitlines()[0][:120]
        yield Issue(
            source,
            f"malformed feed ({reason}); kept the {len(parsed.entries)} entries it could read",
            "warning",
        )
    outlet = parsed.feed.get("title") or hostname(parsed.feed.get("link"))
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{number}"
        body = ""
        if entry.get("content"):
            body = max((c.get("value", "") for c in entry.content), key=len)
        body = body or entry.get("summary", "") or entry.get("description", "")
        text = fragment_to_text(body).strip()
        if not text:
            yield Issue(where, "feed entry has no text")
            continue
        link = entry.get("link")
        yield RawDoc(
            text=text,
            source=where,
            id=entry.get("id") or link or None,  # the guid, else the link: stable across runs
            title=entry.get("title"),
            date=entry.get("published") or entry.get("updated") or entry.get("created"),
            url=link,
            outlet=outlet or hostname(link),
            meta={"feed": source},
        )
