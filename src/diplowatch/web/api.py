"""The JSON API under /api/: filtered, paginated lists and the scorecard, described by OpenAPI."""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

import duckdb
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from diplowatch.report import data
from diplowatch.report.filters import Filters
from diplowatch.web.deps import database

router = APIRouter(prefix="/api", tags=["data"])
Con = Annotated[duckdb.DuckDBPyConnection, Depends(database)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page (at most 1000).")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]
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


class ActorOut(BaseModel):
    text: str | None = None
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    group: str | None = None


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


class EventOut(BaseModel):
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    type: str
    mode: str | None
    context: str | None
    cameo: str | None
    intensity: float | None
    quad_class: int | None
    source: ActorOut | None
    target: ActorOut | None
    location: dict[str, Any] | None
    negated: bool | None
    hypothetical: bool | None
    confidence: float | None
    rule: str | None
    trigger: str | None
    url: str | None
    outlet: str | None


class EvidenceOut(BaseModel):
    watch: str
    condition: str
    polarity: int = Field(description="+1 meets the condition, -1 breaches it, 0 words only.")
    kind: str
    actor: str | None
    reporter: str | None
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    event_id: str | None
    rule: str | None
    confidence: float | None
    matched: list[str] | None
    url: str | None
    outlet: str | None
    period: str | None


class StanceOut(BaseModel):
    watch: str
    observer: dict[str, Any] | None
    observer_code: str
    stance: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    rule: str | None
    confidence: float | None
    matched: list[str] | None
    url: str | None
    outlet: str | None


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


@router.get("/events", response_model=Page[EventOut], summary="Coded events")
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


@router.get("/evidence", response_model=Page[EvidenceOut], summary="Watch evidence, one sentence per row")
def evidence(
    con: Con,
    watch: Watch = data.DEFAULT_WATCH,
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


@router.get("/stances", response_model=Page[StanceOut], summary="Observers' stances toward the subject")
def stances(
    con: Con,
    watch: Watch = data.DEFAULT_WATCH,
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
    con: Con, watch: Watch = data.DEFAULT_WATCH, by: By = "month", since: Since = None, until: Until = None
) -> dict[str, Any]:
    f = Filters(since=since, until=until)  # validates the dates
    if not data.has_articles(con):
        return {
            "watch": {"name": watch},
            "by": by,
            "periods": [],
            "conditions": [],
            "observers": [],
            "empty": True,
        }
    return dict(data.scorecard(con, watch, by=by, since=f.since, until=f.until))
