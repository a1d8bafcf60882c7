"""Reviews as gold lines in the format of the real-news gold sets (../shared/gold/GUIDELINES.md).

One line per reviewed article: its id, date and text, the events the analyst confirmed or corrected,
the conditions of confirmed or corrected evidence rows (one polarity per condition: the majority of its
reviewed rows, deeds before words on a tie) and the observers' stances. The first line maps every actor
key to itself, so `score_real.py` compares a coded actor's code prefix with it. An item's gold lists what
was reviewed: review every event of an article for its precision to mean what it says.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import duckdb

from diplowatch.core.reviews import Review, latest, parse_event_subject
from diplowatch.store.reviews import read_reviews


def _value(review: Review) -> str | None:
    """The value in force: the machine's when confirmed, the analyst's when corrected, None when removed."""
    if review.removes:
        return None
    return review.machine if review.verdict == "right" else review.correct


def gold_lines(con: duckdb.DuckDBPyConnection, watch: str | None = None) -> list[dict[str, Any]]:
    in_force = [r for r in latest(read_reviews(con, watch=watch)).values()]
    by_doc: dict[str, list[Review]] = defaultdict(list)
    for review in in_force:
        by_doc[review.doc_id].append(review)
    articles = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT id, CAST(published AS VARCHAR), text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(by_doc)],
        ).fetchall()
    }
    keys: set[str] = set()
    items = []
    for doc_id in sorted(by_doc):
        date, text = articles.get(doc_id, (None, None))
        events, polarities, stances = [], defaultdict(list), []
        for review in sorted(by_doc[doc_id], key=lambda r: (r.sentence_index, r.kind, r.subject)):
            value = _value(review)
            if value is None:
                continue
            if review.kind == "event":
                kind, source, target = parse_event_subject(value)
                events.append({"source": source, "types": [kind], "target": target})
                keys.update(k for k in (source, target) if k)
            elif review.kind == "evidence":
                polarities[review.subject].append(int(value))
            elif review.kind == "stance":
                stances.append({"observer": review.subject, "stance": [value]})
                keys.add(review.subject)
        conditions = []
        for condition, values in polarities.items():
            counts = Counter(values)
            conditions.append({"id": condition, "polarity": max(counts, key=lambda v: (counts[v], v != 0))})
        items.append(
            {
                "id": doc_id,
                "date": date or by_doc[doc_id][0].date,
                "text": text or " ".join(r.sentence or "" for r in by_doc[doc_id]),
                "events": events,
                "conditions": conditions,
                "optional_conditions": [],
                "stances": stances,
            }
        )
    return [{"aliases": {k: [k] for k in sorted(keys)}}, *items] if items else []
