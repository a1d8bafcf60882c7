"""Incremental watches: judging articles batch by batch gives the rows a full rebuild gives.

The sample corpus is ingested and coded in three batches with a watch run after each; the rows the
incremental runs leave must equal those of a rebuild from every coded sentence (the ledger's candidate
sentences included).
"""

from __future__ import annotations

import pytest

from diplowatch.ledger import ledger_for
from diplowatch.store import connect
from diplowatch.store import watch as store
from diplowatch.store.articles import load_articles
from diplowatch.store.events import write_coded
from diplowatch.watch import load_watch, parse_watch, run_watch
from diplowatch.watch.ledger_candidates import LedgerCandidates
from watch_db import _code, fill_db

WATCH = "afghanistan-recognition"


def _rows(con, name=WATCH):
    def key(row):
        return tuple(str(v) for v in row.values())

    evidence = sorted((store.read_evidence(con, name)), key=key)
    stances = sorted((store.read_stances(con, name)), key=key)
    return evidence, stances


def _candidates(con, name=WATCH):
    return con.execute(
        "SELECT doc_id, sentence_index, sentence, date, url, outlet, pledge, reveal FROM ledger_candidates "
        "WHERE watch = ? ORDER BY ALL",
        [name],
    ).fetchall()


def _ledger(con):
    return [entry.to_dict() for entry in ledger_for(con, load_watch(WATCH))]


@pytest.fixture(scope="module")
def batches(sample_dir):
    files = sorted(p for p in sample_dir.iterdir() if p.name != "README.md")
    return [files[0::3], files[1::3], files[2::3]]


@pytest.fixture(scope="module")
def incremental_db(tmp_path_factory, batches):
    """The sample in three batches, the watch run after each; returns (path, what each run did)."""
    path = tmp_path_factory.mktemp("incremental") / "inc.duckdb"
    watch = load_watch(WATCH)
    runs = []
    for batch in batches:
        con = fill_db(path, batch)
        runs.append(run_watch(con, watch, progress=False))
        con.close()
    return path, runs


def test_batches_then_rebuild_give_identical_rows(incremental_db):
    path, runs = incremental_db
    assert [r["full"] for r in runs] == [True, False, False]
    assert all(r["articles"] > 0 for r in runs)
    con = connect(path)
    try:
        coded = con.execute("SELECT count(*) FROM coded_articles").fetchall()[0][0]
        assert sum(r["articles"] for r in runs) == coded  # each article judged once
        evidence, stances = _rows(con)
        assert evidence and stances
        # the ledger's candidate sentences, kept batch by batch, are those a scan of every sentence picks
        candidates, ledger = _candidates(con), _ledger(con)
        picker = LedgerCandidates(load_watch(WATCH))
        scanned = [picker.pick(s) for s in store.iter_sentences(con)]
        assert sorted((c["doc_id"], c["sentence_index"], c["pledge"], c["reveal"]) for c in scanned if c) == [
            (c[0], c[1], c[6], c[7]) for c in candidates
        ]
        assert any(c[6] for c in candidates) and any(c[7] for c in candidates)
        assert ledger and any(s["kind"] == "deed" for e in ledger for s in e["steps"])
        rebuilt = run_watch(con, load_watch(WATCH), progress=False, force=True)
        assert rebuilt["full"] and rebuilt["articles"] == coded
        assert _rows(con) == (evidence, stances)
        assert _candidates(con) == candidates and _ledger(con) == ledger
        again = run_watch(con, load_watch(WATCH), progress=False)
        assert again["skipped"] and again["articles"] == 0
    finally:
        con.close()


def test_a_recoded_article_is_judged_again(incremental_db):
    path, _ = incremental_db
    con = connect(path)
    try:
        before = _rows(con)
        doc = con.execute(
            "SELECT doc_id FROM evidence WHERE watch = ? ORDER BY doc_id LIMIT 1", [WATCH]
        ).fetchall()
        (doc_id,) = doc[0]
        write_coded(con, _code(list(load_articles(con, [doc_id]))), "test")
        run = run_watch(con, load_watch(WATCH), progress=False)
        assert not run["full"] and run["articles"] == 1
        assert _rows(con) == before
        # an article whose coded rows are gone loses its evidence
        con.execute("DELETE FROM coded_articles WHERE doc_id = ?", [doc_id])
        run = run_watch(con, load_watch(WATCH), progress=False)
        assert not run["skipped"] and run["articles"] == 0
        evidence, _ = _rows(con)
        assert evidence and doc_id not in {r["doc_id"] for r in evidence}
    finally:
        con.close()


def test_a_changed_watch_definition_rebuilds(incremental_db, tmp_path):
    path, _ = incremental_db
    con = connect(path)
    try:
        watch = load_watch(WATCH)
        edited = parse_watch(watch.text.replace("title:", "title: (edited)", 1), "edited.yaml")
        run = run_watch(con, edited, progress=False)
        assert run["full"] and run["articles"] > 0
        run = run_watch(con, edited, progress=False)
        assert run["skipped"]
    finally:
        con.close()
