"""The ledger page of a watch (each pledge with its timeline of evidence), its JSON, and an Atom feed of
the watch's changes (new breaches, ledger status changes, stance shifts), all read-only."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from diplowatch import __version__
from diplowatch.core.dates import parse_bound
from diplowatch.report import data
from diplowatch.report.filters import BadFilter
from diplowatch.web.deps import database, templates
from diplowatch.web.pages import sentence_link

router = APIRouter()
Con = Annotated[duckdb.DuckDBPyConnection, Depends(database)]
ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 200


def _watch(con: duckdb.DuckDBPyConnection, name: str):
    # The watch package loads spaCy: imported when a ledger is asked for, not when the app starts.
    from diplowatch.watch import watch_for

    if name not in data.known_watches(con) or "evidence" not in data.tables(con):
        raise data.UnknownWatch(f"unknown watch {name!r}: not bundled and no rows for it in this database")
    return watch_for(con, name)


def _entries(con: duckdb.DuckDBPyConnection, name: str) -> list[Any]:
    from diplowatch.ledger import ledger_for

    return ledger_for(con, _watch(con, name))


@router.get("/ledger/{watch}", response_class=HTMLResponse, include_in_schema=False)
def ledger_page(watch: str, con: Con) -> HTMLResponse:
    """Every pledge of the watch's subject, its status and its timeline of evidence."""
    entries = _entries(con, watch)
    html = (
        templates()
        .get_template("ledger.html.j2")
        .render(version=__version__, watch=watch, entries=entries, sentence_link=sentence_link)
    )
    return HTMLResponse(html)


@router.get("/api/ledger/{watch}", summary="The promise ledger of a watch")
def ledger_json(watch: str, con: Con) -> list[dict[str, Any]]:
    return [e.to_dict() for e in _entries(con, watch)]


@router.get("/ledger/{watch}/changes.atom", include_in_schema=False)
def changes_feed(watch: str, request: Request, con: Con) -> Response:
    """An Atom feed of the watch's changes, newest first (`?since=YYYY-MM-DD` to start later)."""
    from diplowatch.ledger import changes_since

    try:
        since = parse_bound(request.query_params.get("since"))
    except ValueError:
        raise BadFilter(
            f"since={request.query_params.get('since')}: expected a date like 2022-01-31"
        ) from None
    changes = list(reversed(changes_since(con, _watch(con, watch), since)))[:FEED_SIZE]
    base = str(request.base_url).rstrip("/")
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "title").text = f"diplowatch: changes in {watch}"
    ET.SubElement(feed, "id").text = f"urn:diplowatch:{watch}:changes"
    ET.SubElement(feed, "updated").text = _stamp(changes[0].date if changes else None)
    ET.SubElement(feed, "link", rel="self", href=f"{base}/ledger/{watch}/changes.atom")
    ET.SubElement(feed, "link", rel="alternate", href=f"{base}/ledger/{watch}")
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = "diplowatch"
    for change in changes:
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "title").text = f"{change.kind}: {change.summary}"
        ET.SubElement(entry, "id").text = f"urn:diplowatch:{watch}:{change.key}"
        ET.SubElement(entry, "updated").text = _stamp(change.date)
        ET.SubElement(entry, "category", term=change.kind)
        if change.doc_id is not None and change.sentence_index is not None:
            ET.SubElement(entry, "link", href=base + sentence_link(change.doc_id, change.sentence_index))
        said = f" — {change.outlet}" if change.outlet else ""
        ET.SubElement(entry, "summary").text = (change.sentence or change.summary) + said
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml")


def _stamp(day: str | None) -> str:
    return f"{day or '1970-01-01'}T00:00:00Z"
