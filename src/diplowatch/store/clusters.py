"""Event clusters from the database: the events as stored, folded by `core.corroboration`.

Clusters are computed when asked for, never stored: they follow from the events, so they cannot go
stale after `code --recode`, and a read-only dashboard computes the same ids the CLI does. The outlets
of an article's folded copies count as outlets that reported the act.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import duckdb

from diplowatch.core.corroboration import Cluster, cluster_events
from diplowatch.store.bulk import insert_rows

CLUSTER_COLUMNS = {
    "cluster_id": "VARCHAR", "type": "VARCHAR", "source": "VARCHAR", "target": "VARCHAR",
    "first_date": "DATE", "last_date": "DATE", "first_reported": "DATE", "last_reported": "DATE",
    "place": "VARCHAR", "n_events": "INTEGER", "n_articles": "INTEGER", "n_outlets": "INTEGER",
    "outlets": "VARCHAR[]", "event_ids": "VARCHAR[]", "doc_ids": "VARCHAR[]", "sentence": "VARCHAR",
    "sentences": "VARCHAR[]",
}  # fmt: skip


def snapshot_where(as_of: str | None, alias: str = "e") -> tuple[str, list[Any]]:
    """SQL that keeps only what the database held at the end of `as_of`: events dated on or before it
    of articles ingested and coded on or before it. Empty when `as_of` is None."""
    if not as_of:
        return "", []
    sql = (
        f" AND ({alias}.date IS NULL OR {alias}.date <= CAST(? AS DATE))"
        f" AND {alias}.doc_id IN (SELECT c.doc_id FROM coded_articles c JOIN articles a ON a.id = c.doc_id"
        " WHERE CAST(c.coded_at AS DATE) <= CAST(? AS DATE) AND CAST(a.ingested_at AS DATE) <= CAST(? AS DATE))"
    )
    return sql, [as_of, as_of, as_of]


def event_rows(con: duckdb.DuckDBPyConnection, as_of: str | None = None) -> list[dict[str, Any]]:
    """Every stored event with what clustering needs, including the outlets of its article's copies."""
    where, params = snapshot_where(as_of)
    sql = (
        "WITH outlets AS ("
        "  SELECT coalesce(duplicate_of, id) AS doc_id, list(DISTINCT outlet) FILTER (WHERE outlet IS NOT NULL) AS outlets"
        "  FROM articles GROUP BY 1)"
        " SELECT e.event_id, e.doc_id, e.type, e.source, e.target, CAST(e.date AS VARCHAR), e.location,"
        " e.outlet, e.negated, e.hypothetical, CAST(a.published AS VARCHAR), o.outlets, e.sentence, e.trigger"
        " FROM events e LEFT JOIN articles a ON a.id = e.doc_id LEFT JOIN outlets o ON o.doc_id = e.doc_id"
        f" WHERE true{where}"
    )
    names = ("event_id", "doc_id", "type", "source", "target", "date", "location", "outlet", "negated",
             "hypothetical", "published", "outlets", "sentence", "trigger")  # fmt: skip
    rows = []
    for values in con.execute(sql, params).fetchall():
        row = dict(zip(names, values, strict=True))
        if isinstance(row["outlets"], str):
            row["outlets"] = json.loads(row["outlets"])
        if not row["outlets"] and row["outlet"]:
            row["outlets"] = [row["outlet"]]
        rows.append(row)
    return rows


def clusters(con: duckdb.DuckDBPyConnection, as_of: str | None = None) -> list[Cluster]:
    """The event clusters of the database (as it stood at the end of `as_of`, when given)."""
    return cluster_events(event_rows(con, as_of))


def cluster_rows(found: Sequence[Cluster]) -> list[dict[str, Any]]:
    """Clusters as flat records for the `clusters` export, the largest first."""
    ordered = sorted(found, key=lambda c: (-c.n_articles, -c.n_events, c.first_date or "", c.cluster_id))
    return [
        {
            "cluster_id": c.cluster_id,
            "type": c.type,
            "source": c.source,
            "target": c.target,
            "first_date": c.first_date,
            "last_date": c.last_date,
            "first_reported": c.first_reported,
            "last_reported": c.last_reported,
            "place": c.place,
            "n_events": c.n_events,
            "n_articles": c.n_articles,
            "n_outlets": c.n_outlets,
            "outlets": list(c.outlets),
            "event_ids": list(c.event_ids),
            "doc_ids": list(c.doc_ids),
        }
        for c in ordered
    ]


def clusters_relation(
    con: duckdb.DuckDBPyConnection, min_articles: int = 1, as_of: str | None = None
) -> duckdb.DuckDBPyRelation:
    """The clusters reported by at least `min_articles` articles, with every evidence sentence, as a
    relation over a temporary table (so the plain exporters write it in any format)."""
    rows = [r for r in cluster_rows(clusters(con, as_of)) if r["n_articles"] >= min_articles]
    sentences = dict(con.execute("SELECT event_id, sentence FROM events").fetchall())
    for row in rows:
        # each evidence sentence once: a meeting coded both ways round is two events of one sentence
        row["sentences"] = list(dict.fromkeys(sentences.get(e) for e in row["event_ids"]))
        row["sentence"] = row["sentences"][0] if row["sentences"] else None
    spec = ", ".join(f'"{name}" {dtype}' for name, dtype in CLUSTER_COLUMNS.items())
    con.execute(f"CREATE OR REPLACE TEMP TABLE cluster_export ({spec})")
    insert_rows(con, "cluster_export", rows, columns=CLUSTER_COLUMNS)
    return con.sql(
        "SELECT * FROM cluster_export ORDER BY n_articles DESC, n_events DESC, first_date, cluster_id"
    )


def with_clusters(
    con: duckdb.DuckDBPyConnection, rel: duckdb.DuckDBPyRelation, as_of: str | None = None
) -> duckdb.DuckDBPyRelation:
    """`rel` (events) with each event's cluster_id, cluster_sources (articles) and cluster_outlets, in
    the same order: the plain exports carry the corroboration the standard ones do."""
    columns = {"event_id": "VARCHAR", "cluster_id": "VARCHAR", "cluster_sources": "INTEGER",
               "cluster_outlets": "INTEGER"}  # fmt: skip
    rows = [
        {
            "event_id": e,
            "cluster_id": c.cluster_id,
            "cluster_sources": c.n_articles,
            "cluster_outlets": c.n_outlets,
        }
        for c in clusters(con, as_of)
        for e in c.event_ids
    ]
    spec = ", ".join(f'"{name}" {dtype}' for name, dtype in columns.items())
    con.execute(f"CREATE OR REPLACE TEMP TABLE event_cluster_of ({spec})")
    insert_rows(con, "event_cluster_of", rows, columns=columns)
    return rel.join(con.table("event_cluster_of"), "event_id", how="left").order(
        "date, doc_id, sentence_index, event_id"
    )
