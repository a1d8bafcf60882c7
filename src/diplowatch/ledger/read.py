"""Read a watch's ledger from the database: its stored evidence rows (with the analyst's reviews in
force), the coded sentences that may state a pledge, and the deeds of others that reveal a breach,
through the one builder."""

from __future__ import annotations

from typing import Any

import duckdb

from diplowatch.core.periods import iso_day
from diplowatch.core.reviews import apply_to_evidence
from diplowatch.ledger.build import build_ledger
from diplowatch.ledger.records import LedgerEntry
from diplowatch.store import watch as store
from diplowatch.store.ledger_sentences import ledger_candidates
from diplowatch.store.reviews import read_reviews
from diplowatch.watch.reveals import revealed_rows
from diplowatch.watch.schema import Watch

SENTENCE_KEYS = ("doc_id", "sentence_index", "sentence", "date", "url", "outlet")


def watch_rows(con: duckdb.DuckDBPyConnection, watch: Watch) -> list[dict[str, Any]]:
    """The watch's evidence rows with ISO dates (the ledger compares days as text), reviews applied."""
    rows = [{**r, "date": iso_day(r.get("date"))} for r in store.read_evidence(con, watch.name)]
    return apply_to_evidence(rows, read_reviews(con, watch=watch.name))


def ledger_rows(
    con: duckdb.DuckDBPyConnection, watch: Watch, evidence: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Every row the ledger reads: the evidence; the other coded sentences that name the subject and
    have a pledge cue (rows without a condition: the pledge's words say its topic); and the deeds of
    others that reveal a presence breach (watch.reveals). The last two come from the candidates the
    watch run kept (watch.ledger_candidates), so the cost is that of the candidates, not of all history."""
    rows = list(watch_rows(con, watch) if evidence is None else evidence)
    have = {(r["doc_id"], r["sentence_index"]) for r in rows}
    others = [c for c in ledger_candidates(con, watch.name) if (c["doc_id"], c["sentence_index"]) not in have]
    for sentence in others:
        if sentence["pledge"]:
            rows.append({**{k: sentence[k] for k in SENTENCE_KEYS}, "condition": None, "polarity": 0,
                         "kind": "word", "rule": None, "reporter": None, "watch": watch.name})  # fmt: skip
    rows.extend(revealed_rows(watch, [{k: c[k] for k in SENTENCE_KEYS} for c in others if c["reveal"]]))
    return rows


def ledger_for(
    con: duckdb.DuckDBPyConnection,
    watch: Watch,
    as_of: str | None = None,
    evidence: list[dict[str, Any]] | None = None,
) -> list[LedgerEntry]:
    """The ledger of a watch from the database (run the watch first); `evidence`: its rows, when read."""
    return build_ledger(watch, ledger_rows(con, watch, evidence), as_of, read_reviews(con, watch=watch.name))
