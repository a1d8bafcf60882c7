"""The coded sentences the promise ledger reads beside a watch's evidence (table ledger_candidates,
kept by the watch run with its evidence): each shaped like an evidence row, with its article's url and
outlet, and whether it may state a pledge (`pledge`) or reveal a breach (`reveal`)."""

from __future__ import annotations

from typing import Any

import duckdb


def ledger_candidates(con: duckdb.DuckDBPyConnection, watch: str) -> list[dict[str, Any]]:
    """The watch's candidate sentences in date order."""
    rows = con.execute(
        "SELECT doc_id, sentence_index, sentence, date, url, outlet, pledge, reveal FROM ledger_candidates "
        "WHERE watch = ? ORDER BY date, doc_id, sentence_index",
        [watch],
    ).fetchall()
    return [
        {"doc_id": d, "sentence_index": i, "sentence": t, "date": None if day is None else str(day)[:10],
         "url": url, "outlet": outlet, "pledge": pledge, "reveal": reveal}
        for d, i, t, day, url, outlet, pledge, reveal in rows
    ]  # fmt: skip
