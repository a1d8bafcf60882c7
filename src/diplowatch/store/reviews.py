"""Reviews in DuckDB: append one (a repeat of the review in force is not stored twice), read them back.

A database made before reviews existed has no `reviews` table until a writer opens it; readers (the
read-only dashboard) then see no reviews rather than an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import duckdb

from diplowatch.core.reviews import Review, check_review, event_subject, latest

COLUMNS = (
    "kind", "watch", "doc_id", "sentence_index", "subject", "verdict", "machine", "correct", "reason",
    "reviewer", "sentence", "date",
)  # fmt: skip


def has_reviews_table(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'reviews'").fetchall()[
            0
        ][0]
    )


def read_reviews(
    con: duckdb.DuckDBPyConnection, kind: str | None = None, watch: str | None = None
) -> list[Review]:
    """Every review (oldest first), of one kind and watch when given."""
    if not has_reviews_table(con):
        return []
    where, params = ["true"], []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if watch:
        where.append("(watch = ? OR watch IS NULL)")
        params.append(watch)
    rows = con.execute(
        f"SELECT {', '.join(COLUMNS)}, CAST(date AS VARCHAR), CAST(reviewed_at AS VARCHAR) FROM reviews"
        f" WHERE {' AND '.join(where)} ORDER BY reviewed_at, review_id",
        params,
    ).fetchall()
    return [
        Review(**{**dict(zip(COLUMNS, r[: len(COLUMNS)], strict=True)), "date": r[-2], "reviewed_at": r[-1]})
        for r in rows
    ]


def add_review(con: duckdb.DuckDBPyConnection, review: Review) -> bool:
    """Store `review`; False (nothing stored) when it repeats the review in force for its key."""
    check_review(review)
    current = latest(read_reviews(con, review.kind, review.watch)).get(review.key)
    same = ("verdict", "correct", "reason", "reviewer")
    if current is not None and all(getattr(current, f) == getattr(review, f) for f in same):
        return False
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    raw = "|".join(str(v) for v in (*review.key, review.verdict, review.correct, now.isoformat()))
    values: list[Any] = [getattr(review, c) for c in COLUMNS]
    con.execute(
        f"INSERT INTO reviews (review_id, {', '.join(COLUMNS)}, reviewed_at) VALUES (?, {', '.join('?' * len(COLUMNS))}, ?)",
        ["rev-" + hashlib.sha1(raw.encode()).hexdigest()[:16], *values, now],
    )
    return True


def reviews_relation(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
    """Every review with its time, newest first (for `diplowatch review list`)."""
    return con.sql(
        "SELECT CAST(reviewed_at AS VARCHAR) AS reviewed_at, reviewer, kind, watch, doc_id, sentence_index,"
        " subject, verdict, machine, correct, reason, sentence FROM reviews ORDER BY reviewed_at DESC"
    )


def machine_row(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    watch: str | None,
    doc_id: str,
    sentence_index: int,
    subject: str,
) -> tuple[str | None, str | None, str | None]:
    """The machine's value of the row a review is about, its sentence and its date; the value is None
    when the machine has no such row (a review then adds one)."""
    value = None
    if kind == "evidence":
        found = con.execute(
            "SELECT CAST(polarity AS VARCHAR) FROM evidence WHERE watch = ? AND condition = ? AND doc_id = ?"
            " AND sentence_index = ?",
            [watch, subject, doc_id, sentence_index],
        ).fetchall()
        value = found[0][0] if found else None
    elif kind == "stance":
        found = con.execute(
            "SELECT stance FROM stances WHERE watch = ? AND observer_code = ? AND doc_id = ? AND sentence_index = ?",
            [watch, subject, doc_id, sentence_index],
        ).fetchall()
        value = found[0][0] if found else None
    else:
        value = subject if subject in event_subjects(con, doc_id, sentence_index) else None
    sentence = con.execute(
        "SELECT text, CAST(date AS VARCHAR) FROM sentences WHERE doc_id = ? AND sentence_index = ?",
        [doc_id, sentence_index],
    ).fetchall()
    return value, *(sentence[0] if sentence else (None, None))


def event_subjects(con: duckdb.DuckDBPyConnection, doc_id: str, sentence_index: int) -> list[str]:
    """TYPE|SOURCE|TARGET of the events coded from one sentence (an actor by its country, else its code)."""
    rows = con.execute(
        "SELECT type, coalesce(source.country, source.code), coalesce(target.country, target.code) FROM events"
        " WHERE doc_id = ? AND sentence_index = ? ORDER BY event_id",
        [doc_id, sentence_index],
    ).fetchall()
    return [event_subject(*row) for row in rows]


def event_by_id(con: duckdb.DuckDBPyConnection, event_id: str) -> tuple[str, int, str] | None:
    """(doc_id, sentence_index, TYPE|SOURCE|TARGET) of a stored event."""
    rows = con.execute(
        "SELECT doc_id, sentence_index, type, coalesce(source.country, source.code),"
        " coalesce(target.country, target.code) FROM events WHERE event_id = ?",
        [event_id],
    ).fetchall()
    if not rows:
        return None
    doc_id, index, *subject = rows[0]
    return doc_id, index, event_subject(*subject)
