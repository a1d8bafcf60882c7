"""Run a watch over the coded sentences of a database and store its evidence and stances.

Runs are incremental: only articles coded (or recoded) since the watch last judged them are read,
and their rows are swapped in place, with the sentences the promise ledger reads beside the evidence
(watch.ledger_candidates). A change of the watch's definition or of the word lists it reads
(the run digest) rebuilds it from every coded sentence, and so does `full=True`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diplowatch.core.records import Evidence, Stance
from diplowatch.lang import lexicon
from diplowatch.progress import ProgressReporter, reporter
from diplowatch.store import watch as store
from diplowatch.watch.ledger_candidates import LedgerCandidates
from diplowatch.watch.matcher import WatchMatcher
from diplowatch.watch.schema import Watch
from diplowatch.watch.stances import document_voice

DOCS_PER_COMMIT = 500  # articles judged per transaction: a crash loses at most this much work


def run_digest(watch: Watch) -> str:
    """What the stored rows depend on besides the coded data: the watch file and the lexicon."""
    return f"{watch.hash}:{lexicon().digest}"


def run_watch(
    con, watch: Watch, progress: bool | ProgressReporter = True, force: bool = False, nlp=None
) -> dict[str, Any]:
    """Judge what is new since the watch last ran (everything when `force`, or when the watch or the
    lexicon changed) and store its evidence and stance rows.
    Returns {"evidence", "stances", "sentences" (judged now, None when nothing was new), "skipped",
    "articles" (judged now), "full"}."""
    digest = run_digest(watch)
    full = force or store.run_digest(con, watch.name) != digest
    if full:
        store.reset_watch(con, watch.name)
    changed, gone = store.pending_docs(con, watch.name)
    sentences = 0
    if changed or gone:
        sentences = _judge(con, watch, changed, gone, progress, nlp)
    store.finish_run(con, watch.name, digest, store.coded_state(con), watch.text, watch.source)
    counts = con.execute(
        "SELECT (SELECT count(*) FROM evidence WHERE watch = ?), (SELECT count(*) FROM stances WHERE watch = ?)",
        [watch.name, watch.name],
    ).fetchall()[0]
    skipped = not (full or changed or gone)
    return {
        "evidence": counts[0],
        "stances": counts[1],
        "sentences": None if skipped else sentences,
        "articles": len(changed),
        "skipped": skipped,
        "full": full,
    }


def _judge(con, watch: Watch, changed: dict[str, str], gone: list[str], progress, nlp) -> int:
    """Judge the articles in `changed` (whole articles: an article's earlier sentences give context)
    and drop the rows of those in `gone`, one transaction per chunk. Returns the sentences judged."""
    matcher = WatchMatcher(watch, nlp=nlp)
    picker = LedgerCandidates(watch)
    ids = list(changed)
    judged = 0
    if gone:
        store.replace_doc_rows(con, watch.name, dict.fromkeys(gone), [], [], [])
    with reporter(progress).task(f"watch {watch.name}", len(ids)) as advance:
        for start in range(0, len(ids), DOCS_PER_COMMIT):
            chunk = ids[start : start + DOCS_PER_COMMIT]
            evidence, stances, ledger, n = judge_articles(con, watch, matcher, chunk, picker)
            store.replace_doc_rows(con, watch.name, {d: changed[d] for d in chunk}, evidence, stances, ledger)
            judged += n
            advance(len(chunk), f"{judged:,} sentences")
    return judged


def judge_articles(
    con, watch: Watch, matcher: WatchMatcher, doc_ids: Sequence[str], picker: LedgerCandidates | None = None
) -> tuple[list[Evidence], list[Stance], list[dict[str, Any]], int]:
    """Evidence and stance rows of these articles' sentences, their ledger candidates, and the number
    of sentences read."""
    events = store.events_by_sentence(con, doc_ids)
    picker = picker or LedgerCandidates(watch)
    evidence: list[Evidence] = []
    stances: list[Stance] = []
    ledger: list[dict[str, Any]] = []
    current_doc, doc_context = None, False
    n = 0
    # From `words_from` when the watch has it: the words said before its period count (matcher.judge).
    first = watch.period.get("words_from") or watch.period.get("start")
    for row in store.iter_sentences(con, first, watch.period.get("end"), doc_ids):
        n += 1
        if row["doc_id"] != current_doc:
            current_doc, doc_context = row["doc_id"], False
        key = (row["doc_id"], row["sentence_index"])
        verdict = matcher.judge(row["text"], row["actors"], row["date"], doc_context, events.get(key),
                                voice=document_voice(row.get("url"), row.get("outlet")))  # fmt: skip
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
                Stance(watch=watch.name, observer=s.record(), stance=s.stance, rule=s.rule,
                       confidence=s.confidence, matched=s.matched, **common)
            )  # fmt: skip
        candidate = picker.pick(row)
        if candidate is not None:
            ledger.append(candidate)
        # Later sentences of an article that named the subject are read as about it.
        doc_context = doc_context or verdict.names_subject
    return evidence, stances, ledger, n
