-- The coded sentences the promise ledger reads beside a watch's evidence (issue 17: each run costs what
-- is new): those in the watch's period that name the subject with a pledge cue (`pledge`), and strikes
-- by others that reveal a presence breach (`reveal`). Kept by the watch run article by article, with its
-- evidence rows, so the ledger reads this small table instead of scanning every coded sentence.
CREATE TABLE ledger_candidates (
    watch           VARCHAR NOT NULL,
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    date            DATE,
    url             VARCHAR,
    outlet          VARCHAR,
    pledge          BOOLEAN NOT NULL,
    reveal          BOOLEAN NOT NULL
);
CREATE INDEX ledger_candidates_watch ON ledger_candidates (watch);

-- Watches that ran before this table existed have none of their candidates: their next run rebuilds.
UPDATE watch_runs SET run_digest = NULL;
