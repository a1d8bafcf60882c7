"""Run a watch over the coded sentences of a database and store its evidence and stances."""

from __future__ import annotations

from typing import Any

from diplowatch.core.records import Evidence, Stance
from diplowatch.lang import lexicon
from diplowatch.progress import ProgressReporter, reporter
from diplowatch.store import watch as store
from diplowatch.watch.matcher import WatchMatcher
from diplowatch.watch.mentions import find_mentions
from diplowatch.watch.patterns import normalise
from diplowatch.watch.schema import Watch


def run_watch(
    con, watch: Watch, progress: bool | ProgressReporter = True, force: bool = False, nlp=None
) -> dict[str, Any]:
    """(Re)compute this watch's evidence and stance rows; skipped when neither the watch, the lexicon
    (the word lists it reads) nor the coded data changed since the last run (watch_runs).
    Returns {"evidence", "stances", "sentences", "skipped"}."""
    state = store.coded_state(con)
    # The stored watch hash is the watch file's and the lexicon's: a changed word list re-runs the watch.
    run_hash = f"{watch.hash}:{lexicon().digest}"
    if not force and store.last_run(con, watch.name) == (run_hash, state):
        counts = con.execute(
            "SELECT (SELECT count(*) FROM evidence WHERE watch = ?), (SELECT count(*) FROM stances WHERE watch = ?)",
            [watch.name, watch.name],
        ).fetchall()[0]
        return {"evidence": counts[0], "stances": counts[1], "sentences": None, "skipped": True}
    total = store.count_sentences(con)
    events = store.events_by_sentence(con)
    matcher = WatchMatcher(watch, nlp=nlp)
    evidence: list[Evidence] = []
    stances: list[Stance] = []
    observers = {o.code: o.record() for o in watch.observers}
    current_doc, doc_context = None, False
    with reporter(progress).task(f"watch {watch.name}", total) as advance:
        for row in store.iter_sentences(con, watch.period.get("start"), watch.period.get("end")):
            if row["doc_id"] != current_doc:
                current_doc, doc_context = row["doc_id"], False
            key = (row["doc_id"], row["sentence_index"])
            verdict = matcher.judge(row["text"], row["actors"], row["date"], doc_context, events.get(key))
            common: dict[str, Any] = {
                "doc_id": row["doc_id"],
                "sentence_index": row["sentence_index"],
                "sentence": row["text"],
                "date": row["date"],
                "url": row["url"],
                "outlet": row["outlet"],
            }
            for f in verdict.evidence:
                evidence.append(
                    Evidence(watch=watch.name, condition=f.condition, polarity=f.polarity, kind=f.kind,
                             actor=f.actor, reporter=f.reporter, event_id=f.event_id, rule=f.rule,
                             confidence=f.confidence, matched=f.matched, **common)
                )  # fmt: skip
            for s in verdict.stances:
                stances.append(
                    Stance(watch=watch.name, observer=observers[s.observer], stance=s.stance, rule=s.rule,
                           confidence=s.confidence, matched=s.matched, **common)
                )  # fmt: skip
            if not doc_context:
                # Later sentences of an article that named the subject are read as about it.
                mentions = find_mentions(watch, normalise(row["text"]), row["actors"], row["date"])
                doc_context = bool(mentions.subject)
            advance(1, "")
    store.replace_watch_rows(con, watch.name, evidence, stances, run_hash, state, watch.text, watch.source)
    return {"evidence": len(evidence), "stances": len(stances), "sentences": total, "skipped": False}
