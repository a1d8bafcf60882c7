"""The dashboard's HTML pages. Every filter lives in the URL, so a link reproduces the view."""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from diplowatch import __version__
from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.report import data
from diplowatch.report.filters import BadFilter, Filters
from diplowatch.report.view import gather
from diplowatch.web.deps import NotFound, database, templates

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
Con = Annotated[duckdb.DuckDBPyConnection, Depends(database)]


# Past this the offset would overflow the database's integers (a 4xx, not a 503).
MAX_PAGE = 1_000_000


def _filters(request: Request) -> tuple[Filters, str, int, list[str]]:
    """Filters, period kind, page number and dyads from the query string (bad values: BadFilter)."""
    q = request.query_params
    polarity = q.get("polarity") or None
    if polarity is not None and polarity not in ("-1", "0", "1", "+1"):
        raise BadFilter(f"polarity={polarity}: expected -1, 0 or 1")
    by = q.get("by") or "month"
    if by not in ("month", "quarter", "year"):
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
    )
    dyads = [part.strip().upper() for d in q.getlist("dyad") for part in d.split(",") if part.strip()]
    return f, by, number, dyads


def _linker(f: Filters, by: str, dyads: list[str]):
    """Builds links that keep the current filters and change some."""

    def link(path: str = "/", **changes: Any) -> str:
        params = {**f.as_query(), **({"by": by} if by != "month" else {})}
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


def _render(name: str, **context: Any) -> HTMLResponse:
    html = templates().get_template(name).render(version=__version__, sentence_link=sentence_link, **context)
    return HTMLResponse(html)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, con: Con) -> HTMLResponse:
    f, by, number, dyads = _filters(request)
    page = gather(con, f.watch or DEFAULT_WATCH, by=by, dyads=dyads, filters=f, evidence_limit=PAGE_SIZE,
                  evidence_offset=(number - 1) * PAGE_SIZE)  # fmt: skip
    link = _linker(f, by, dyads)
    return _render(
        "index.html.j2",
        page=page,
        link=link,
        pages=max(1, math.ceil(page["evidence_total"] / PAGE_SIZE)),
        number=number,
        ev_link=lambda condition, period: link("/evidence", condition=condition, period=period, page=None),
    )


@router.get("/evidence", response_class=HTMLResponse)
def evidence(request: Request, con: Con) -> HTMLResponse:
    """Drill-down: the evidence behind a condition (and period), every filter in the URL."""
    f, by, number, dyads = _filters(request)
    if f.watch not in data.known_watches(con):
        raise data.UnknownWatch(f"unknown watch {f.watch!r}: not bundled and no rows for it in this database")
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
        page=page,
        link=_linker(f, by, dyads),
        pages=max(1, math.ceil(total / PAGE_SIZE)),
        number=number,
    )


@router.get("/sentence", response_class=HTMLResponse)
def sentence(con: Con, doc: str, i: Annotated[int, Query(ge=0, le=10_000_000)]) -> HTMLResponse:
    """One sentence in its article, with its events, evidence and stances."""
    found = data.sentence_context(con, doc, i)
    if found is None:
        raise NotFound(f"no sentence {i} in article {doc!r} in this database")
    return _render("sentence.html.j2", found=found)


@router.get("/healthz", response_class=HTMLResponse)
def health(con: Con) -> HTMLResponse:
    """The database opens read-only: the dashboard can answer."""
    return HTMLResponse("ok")
