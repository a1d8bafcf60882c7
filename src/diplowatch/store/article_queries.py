"""Read-only views of the articles table: the export relation and the summary behind `stats`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from diplowatch.errors import DiplowatchError
from diplowatch.store.filters import date_range

TOP_OUTLETS = 10
EXPORT_COLUMNS = (
    "a.id, a.published, a.outlet, a.language, a.n_outlets, a.title, a.url, a.source, a.duplicate_of, "
    "a.duplicate_kind, a.similarity, a.content_hash, a.text, a.meta"
)


def _iso(value: str | None, flag: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise DiplowatchError(f"{flag} {value!r}: write the date as YYYY-MM-DD") from None


def articles_relation(
    con: duckdb.DuckDBPyConnection,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    include_duplicates: bool = False,
) -> duckdb.DuckDBPyRelation:
    """Articles in date order, filtered; canonical only unless `include_duplicates`."""
    conditions, params = [], []
    if not include_duplicates:
        conditions.append("a.duplicate_of IS NULL")
    dates, date_params = date_range("a.published", _iso(since, "--since"), _iso(until, "--until"))
    conditions += dates
    params += date_params
    if outlet:
        conditions.append("lower(a.outlet) = lower(?)")
        params.append(outlet)
    if language:
        conditions.append("a.language = lower(?)")
        params.append(language)
    where = " AND ".join(conditions) or "TRUE"
    return con.sql(
        f"SELECT {EXPORT_COLUMNS} FROM articles a WHERE {where} ORDER BY a.published NULLS LAST, a.id",
        params=params or None,
    )


def article_stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts for `diplowatch stats`."""
    one = con.execute(
        "SELECT count(*) FILTER (WHERE duplicate_of IS NULL), "
        "count(*) FILTER (WHERE duplicate_kind = 'exact'), count(*) FILTER (WHERE duplicate_kind = 'near'), "
        "count(*) FILTER (WHERE duplicate_of IS NULL AND coalesce(language, 'und') <> 'en'), "
        "min(published), max(published), count(*) FILTER (WHERE duplicate_of IS NULL AND published IS NULL), "
        "count(*) FILTER (WHERE n_outlets > 1) "
        "FROM articles"
    ).fetchall()[0]
    languages = con.execute(
        "SELECT coalesce(language, 'und'), count(*) FROM articles WHERE duplicate_of IS NULL "
        "GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    outlets = con.execute(
        "SELECT coalesce(outlet, '(unknown)'), count(*) FILTER (WHERE duplicate_of IS NULL), count(*) "
        f"FROM articles GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT {TOP_OUTLETS}"
    ).fetchall()
    n_outlets = con.execute("SELECT count(DISTINCT outlet) FROM articles").fetchall()[0][0]
    sources = con.execute(
        "SELECT CASE WHEN source LIKE 'http://%' OR source LIKE 'https://%' THEN 'URLs' ELSE 'files' END, "
        "count(*), sum(articles) FROM ingested_sources GROUP BY 1 ORDER BY 1"
    ).fetchall()
    return {
        "articles": one[0],
        "exact_duplicates": one[1],
        "near_duplicates": one[2],
        "non_english": one[3],
        "first_date": one[4].isoformat() if one[4] else None,
        "last_date": one[5].isoformat() if one[5] else None,
        "undated": one[6],
        "multi_outlet": one[7],
        "languages": languages,
        "outlets": outlets,
        "n_outlets": n_outlets,
        "sources": sources,
    }
