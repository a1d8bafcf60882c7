"""Read a watch's ledger from the database: its stored evidence rows (with the analyst's reviews in
force), the coded sentences that may state a pledge, and the deeds of others that reveal a breach,
through the one builder."""

from __future__ import annotations

import re
from typing import Any

import duckdb

from diplowatch.core.reviews import apply_to_evidence
from diplowatch.lang import lexicon
from diplowatch.ledger.build import build_ledger
from diplowatch.ledger.records import LedgerEntry
from diplowatch.ledger.reveals import presence_breaches, revealed_rows, strike_regex
from diplowatch.store import watch as store
from diplowatch.store.ledger_sentences import sentences_matching
from diplowatch.store.reviews import read_reviews
from diplowatch.watch.schema import Watch

LEX = lexicon()
# A sentence may hold a pledge when it has a pledge verb or noun, or a word of what will be.
_CUE_REGEX = "|".join(
    f"(?:{LEX.text(name)})" for name in ("ledger.pledge_verbs", "ledger.pledge_nouns", "ledger.future_words")
)
_CUE = re.compile(_CUE_REGEX, re.IGNORECASE)


def iso_day(value: Any) -> str | None:
    return None if value is None else str(value)[:10]


def watch_rows(con: duckdb.DuckDBPyConnection, watch: Watch) -> list[dict[str, Any]]:
    """The watch's evidence rows with ISO dates (the ledger compares days as text), reviews applied."""
    rows = [{**r, "date": iso_day(r.get("date"))} for r in store.read_evidence(con, watch.name)]
    return apply_to_evidence(rows, read_reviews(con, watch=watch.name))


def ledger_rows(
    con: duckdb.DuckDBPyConnection, watch: Watch, evidence: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Every row the ledger reads: the evidence; the other coded sentences that name the subject and
    have a pledge cue (rows without a condition: the pledge's words say its topic); and the deeds of
    others that reveal a presence breach (ledger.reveals)."""
    rows = list(watch_rows(con, watch) if evidence is None else evidence)
    have = {(r["doc_id"], r["sentence_index"]) for r in rows}
    reveals = bool(presence_breaches(watch))
    regex = f"{_CUE_REGEX}|{strike_regex()}" if reveals else _CUE_REGEX  # one pass over the sentences
    others = [
        s for s in sentences_matching(con, regex, watch.period.get("start"))
        if (s["doc_id"], s["sentence_index"]) not in have
    ]  # fmt: skip
    for sentence in others:
        # outside the evidence a stand-in ("they", "he") could be anyone: the subject must be named
        if _CUE.search(sentence["sentence"] or "") and watch.subject.names.search(sentence["sentence"] or ""):
            rows.append({**sentence, "condition": None, "polarity": 0, "kind": "word", "rule": None,
                         "reporter": None, "watch": watch.name})  # fmt: skip
    if reveals:
        rows.extend(revealed_rows(watch, others))
    return rows


def ledger_for(
    con: duckdb.DuckDBPyConnection,
    watch: Watch,
    as_of: str | None = None,
    evidence: list[dict[str, Any]] | None = None,
) -> list[LedgerEntry]:
    """The ledger of a watch from the database (run the watch first); `evidence`: its rows, when read."""
    return build_ledger(watch, ledger_rows(con, watch, evidence), as_of, read_reviews(con, watch=watch.name))
