"""Coded sentences the promise ledger reads beside a watch's evidence: those whose text matches a regular
expression (RE2, as DuckDB reads it), dated from a day. Each comes with its article's url and outlet,
shaped like an evidence row."""

from __future__ import annotations

from typing import Any

import duckdb


def sentences_matching(
    con: duckdb.DuckDBPyConnection,
    regex: str,
    since: str | None = None,
) -> list[dict[str, Any]]:
    """Sentences whose text matches `regex` (case-insensitive), dated `since` or later."""
    where = ["regexp_matches(s.text, ?, 'i')"]
    params: list[Any] = [regex]
    if since:
        where.append("s.date >= CAST(? AS DATE)")
        params.append(since)
    rows = con.execute(
        "SELECT s.doc_id, s.sentence_index, s.text, s.date, a.url, a.outlet FROM sentences s "
        "LEFT JOIN articles a ON a.id = s.doc_id WHERE "
        + " AND ".join(where)
        + " ORDER BY s.date, s.doc_id, s.sentence_index",
        params,
    ).fetchall()
    return [
        {"doc_id": d, "sentence_index": i, "sentence": t, "date": None if day is None else str(day)[:10],
         "url": url, "outlet": outlet}
        for d, i, t, day, url, outlet in rows
    ]  # fmt: skip
