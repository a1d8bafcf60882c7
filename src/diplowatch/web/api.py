"""The JSON API under /api/: filtered, paginated lists and the scorecard, described by OpenAPI.

Events, evidence and stances are served as the core records themselves (pydantic reads the dataclasses),
so the API's schema is the pipeline's and cannot drift from it."""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from diplowatch.core.records import Event, EvidenceRow, StanceRow
from diplowatch.core.vocabulary import DEFAULT_WATCH
from diplowatch.report import data
from diplowatch.report.filters import Filters
from diplowatch.report.verdict import default_by
from diplowatch.web import scorecards
from diplowatch.web.deps import database

router = APIRouter(prefix="/api", tags=["data"])
Con = Annotated[duckdb.DuckDBPyConnection, Depends(database)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page (at most 1000).")]
Offset = Annotated[int, Query(ge=0, le=2**31, description="Rows to skip.")]
Since = Annotated[str | None, Query(description="First date, inclusive (YYYY-MM-DD, YYYY-MM or YYYY).")]
Until = Annotated[str | None, Query(description="Last date, inclusive.")]
Text = Annotated[str | None, Query(description="Words the text must contain (case-insensitive).")]
Watch = Annotated[str, Query(description="Watch name.")]
By = Annotated[Literal["month", "quarter", "year"], Query(description="Scorecard periods.")]

Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    """One page of a filtered list."""

    total: int = Field(description="Rows matching the filters, over all pages.")
    limit: int
    offset: int
    items: list[Item]


class ArticleOut(BaseModel):
    id: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None
    language: str | None
    n_outlets: int | None
    source: str | None
    text: str


class FactsOut(BaseModel):
    articles: int
    duplicates: int
    first: str | None
    last: str | None
    outlets: int
    sentences: int
    events: int
    evidence: int
    stances: int
    watches: list[str]


def _page(rows_total: tuple[list[dict], int], limit: int, offset: int) -> dict[str, Any]:
    rows, total = rows_total
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


@router.get("/facts", response_model=FactsOut, summary="Corpus facts")
def facts(con: Con) -> dict[str, Any]:
    return {**data.corpus_facts(con), "watches": data.known_watches(con)}


@router.get("/articles", response_model=Page[ArticleOut], summary="Canonical articles (duplicates folded)")
def articles(
    con: Con,
    outlet: str | None = None,
    q: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    f = Filters(outlet=outlet, q=q, since=since, until=until)
    return _page(data.article_rows(con, f, limit, offset), limit, offset)


@router.get("/events", response_model=Page[Event], summary="Coded events")
def events(
    con: Con,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. COERCE.")] = None,
    actor: Annotated[str | None, Query(description="Actor or country code on either side.")] = None,
    outlet: str | None = None,
    q: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    f = Filters(type=type, actor=actor, outlet=outlet, q=q, since=since, until=until)
    return _page(data.event_rows(con, f, limit, offset), limit, offset)


@router.get("/evidence", response_model=Page[EvidenceRow], summary="Watch evidence, one sentence per row")
def evidence(
    con: Con,
    watch: Watch = DEFAULT_WATCH,
    condition: str | None = None,
    polarity: Annotated[int | None, Query(ge=-1, le=1)] = None,
    actor: str | None = None,
    outlet: str | None = None,
    q: Text = None,
    period: Annotated[
        str | None, Query(description="A scorecard period label, e.g. 2022-03 (see `by`).")
    ] = None,
    by: By = "month",
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    f = Filters(watch=watch, condition=condition, polarity=polarity, actor=actor, outlet=outlet, q=q,
                period=period, since=since, until=until)  # fmt: skip
    return _page(data.evidence_rows(con, f, by, limit, offset), limit, offset)


@router.get("/stances", response_model=Page[StanceRow], summary="Observers' stances toward the subject")
def stances(
    con: Con,
    watch: Watch = DEFAULT_WATCH,
    observer: Annotated[str | None, Query(description="Observer code, e.g. USA.")] = None,
    stance: Annotated[Literal["recognize", "engage", "withhold", "reject"] | None, Query()] = None,
    outlet: str | None = None,
    q: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    f = Filters(watch=watch, observer=observer, stance=stance, outlet=outlet, q=q, since=since, until=until)
    return _page(data.stance_rows(con, f, limit, offset), limit, offset)


@router.get("/scorecard", summary="The watch's scorecard: conditions by period, and observers' lanes")
def scorecard(
    request: Request,
    con: Con,
    watch: Watch = DEFAULT_WATCH,
    by: By | None = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    f = Filters(since=since, until=until)  # validates the dates
    # Without by=, what the report and the pages choose: what fits the range (quarters past two years).
    periods = by or default_by(con, watch, f.since, f.until)
    if not data.has_articles(con):
        return {
            "watch": {"name": watch},
            "by": periods,
            "periods": [],
            "conditions": [],
            "observers": [],
            "empty": True,
        }
    # Built once per copy of the database the dashboard serves, the default one as the copy is taken.
    return dict(scorecards.scorecard(con, request.state.memo, watch, periods, f.since, f.until))
