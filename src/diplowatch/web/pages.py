"""The dashboard's HTML pages. Every filter lives in the URL, so a link reproduces the view."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from diplowatch import __version__
from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.report import data, svg
from diplowatch.report.filters import BadFilter, Filters
from diplowatch.report.view import gather
from diplowatch.web import scorecards
from diplowatch.web.deps import NotFound, database, templates
from diplowatch.web.misdated import misdated_ids

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
Con = Annotated[duckdb.DuckDBPyConnection, Depends(database)]


# Past this the offset would overflow the database's integers (a 4xx, not a 503).
MAX_PAGE = 1_000_000


def _filters(request: Request) -> tuple[Filters, str | None, int, list[str]]:
    """Filters, period kind, page number and dyads from the query string (bad values: BadFilter)."""
    q = request.query_params
    polarity = q.get("polarity") or None
    if polarity is not None and polarity not in ("-1", "0", "1", "+1"):
        raise BadFilter(f"polarity={polarity}: expected -1, 0 or 1")
    by = q.get("by") or None  # None: what fits the range (report.verdict.default_by)
    if by is not None and by not in ("month", "quarter", "year"):
        raise BadFilter(f"by={by}: expected month, quarter or year")
    try:
        number = max(1, int(q.get("page") or 1))
    except ValueError:
        raise BadFilter(f"page={q.get('page')}: expected a whole number") from None
    if number > MAX_PAGE:
        raise BadFilter(f"page={number}: at most {MAX_PAGE:,}")
    f = Filters(
        watch=q.get("watch") or DEFAULT_WATCH,
        condition=q.get("condition"),
        polarity=None if polarity is None else int(polarity),
        actor=q.get("actor"),
        outlet=q.get("outlet"),
        since=q.get("since"),
        until=q.get("until"),
        q=q.get("q"),
        period=q.get("period"),
        type=q.get("type"),
        country=q.get("country"),
        observer=q.get("observer"),
        stance=q.get("stance"),
    )
    dyads = [part.strip().upper() for d in q.getlist("dyad") for part in d.split(",") if part.strip()]
    return f, by, number, dyads


def _linker(f: Filters, by: str | None, dyads: list[str]):
    """Builds links that keep the current filters and change some: every view is a permalink."""

    def link(path: str = "/", **changes: Any) -> str:
        params = {**f.as_query(), **({"by": by} if by else {})}
        for key, value in changes.items():
            if value in (None, ""):
                params.pop(key, None)
            else:
                params[key] = str(value)
        pairs = list(params.items()) + [("dyad", d) for d in dyads]
        return path + ("?" + urlencode(pairs) if pairs else "")

    return link


def sentence_link(doc_id: str, index: int) -> str:
    return "/sentence?" + urlencode({"doc": doc_id, "i": index})


def _render(name: str, request: Request | None = None, **context: Any) -> HTMLResponse:
    source = request.app.state.source if request is not None else None
    freshness = None
    if source is not None and source.taken_at is not None:
        freshness = dt.datetime.fromtimestamp(source.taken_at, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    html = templates().get_template(name).render(
        version=__version__, sentence_link=sentence_link, updating=bool(source and source.updating),
        data_as_of=freshness, **context,
    )  # fmt: skip
    return HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, con: Con) -> HTMLResponse:
    f, by, number, dyads = _filters(request)
    memo = request.state.memo
    page = gather(con, f.watch or DEFAULT_WATCH, by=by, dyads=dyads, filters=f, evidence_limit=PAGE_SIZE,
                  evidence_offset=(number - 1) * PAGE_SIZE,
                  scorecard=lambda con, watch, **how: scorecards.scorecard(con, memo, watch, **how),
                  misdated=lambda con: misdated_ids(con, memo))  # fmt: skip
    link = _linker(f, by, dyads)
    page["qa_link"] = link("/qa", page=None)
    return _render(
        "index.html.j2",
        request,
        page=page,
        link=link,
        pages=max(1, math.ceil(page["evidence_total"] / PAGE_SIZE)),
        number=number,
        ev_link=lambda condition, period: link(
            "/evidence", condition=condition, period=period, by=page["by"], page=None
        ),
        count_link=lambda condition, polarity: link(
            "/evidence", condition=condition, polarity=polarity, page=None
        ),
    )


@router.get("/evidence", response_class=HTMLResponse)
def evidence(request: Request, con: Con) -> HTMLResponse:
    """Drill-down: the evidence behind a condition (and period), every filter in the URL."""
    f, by, number, dyads = _filters(request)
    if f.watch not in data.known_watches(con):
        raise data.UnknownWatch(f"unknown watch {f.watch!r}: not bundled and no rows for it in this database")
    by = by or "month"
    rows, total = data.evidence_rows(con, f, by, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    for row in rows:
        row["pieces"] = data.highlight(row["sentence"], row.get("matched"))
    page = {
        "watch": f.watch,
        "filters": f,
        "evidence": rows,
        "evidence_total": total,
        "choices": data.evidence_choices(con, f.watch),
        "watches": data.known_watches(con),
        "by": by,
    }
    return _render(
        "evidence.html.j2",
        request,
        page=page,
        link=_linker(f, by, dyads),
        pages=max(1, math.ceil(total / PAGE_SIZE)),
        number=number,
    )


@router.get("/sentence", response_class=HTMLResponse)
def sentence(
    request: Request, con: Con, doc: str, i: Annotated[int, Query(ge=0, le=10_000_000)]
) -> HTMLResponse:
    """One sentence in its article, with its events, evidence and stances."""
    found = data.sentence_context(con, doc, i)
    if found is None:
        raise NotFound(f"no sentence {i} in article {doc!r} in this database")
    return _render("sentence.html.j2", request, found=found)


def _events_page(
    request: Request, con: duckdb.DuckDBPyConnection, dating: str, template: str
) -> HTMLResponse:
    f, by, number, dyads = _filters(request)
    misdated = misdated_ids(con, request.state.memo)
    rows, total = data.event_rows(
        con, f, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE, dating=dating, misdated=misdated
    )
    page = {
        "filters": f,
        "events": rows,
        "total": total,
        "facets": data.event_facets(con, f, dating, misdated),
    }
    if dating == "plausible":  # the map shows the selected events too
        page["map"] = svg.event_map(con, f, misdated=misdated)
    return _render(
        template, request, page=page, link=_linker(f, by, dyads),
        pages=max(1, math.ceil(total / PAGE_SIZE)), number=number,
    )  # fmt: skip


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, con: Con) -> HTMLResponse:
    """The events explorer: facet counts (type, actor, country, month), filters in the URL, paging."""
    return _events_page(request, con, "plausible", "events.html.j2")


@router.get("/qa", response_class=HTMLResponse)
def qa(request: Request, con: Con) -> HTMLResponse:
    """Events whose date is implausible for their article: kept off the timeline, listed to check."""
    return _events_page(request, con, "misdated", "qa.html.j2")


EXPORT_TYPES = {"csv": "text/csv", "json": "application/json", "parquet": "application/vnd.apache.parquet"}


@router.get("/export")
def export(request: Request, con: Con) -> Response:
    """Every row the view's filters select, as CSV, JSON or Parquet (view: events, qa, evidence, stances)."""
    f, by, _, _ = _filters(request)
    view = request.query_params.get("view") or "events"
    fmt = request.query_params.get("format") or "csv"
    if fmt not in EXPORT_TYPES:
        raise BadFilter(f"format={fmt}: expected csv, json or parquet")
    if view in ("evidence", "stances") and not f.watch:
        f.watch = DEFAULT_WATCH
    sql, params = data.export_rows(con, view, f, by or "month")
    name = f"diplowatch-{view}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if fmt == "parquet":
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / name
            con.sql(sql, params=params).write_parquet(str(target))  # DuckDB writes Parquet itself
            body = target.read_bytes()
        return Response(body, media_type=EXPORT_TYPES[fmt], headers=headers)
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, (data.jsonable(v) for v in row), strict=True)) for row in cursor.fetchall()]
    if fmt == "json":
        return Response(json.dumps(rows, ensure_ascii=False), media_type=EXPORT_TYPES[fmt], headers=headers)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                for k, v in row.items()
            }
        )
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/healthz", response_class=HTMLResponse)
def health(con: Con) -> HTMLResponse:
    """The database opens read-only: the dashboard can answer."""
    return HTMLResponse("ok")
