-- Incremental watches and near-duplicate lookups that cost what is new, not all of history.

-- Which coded articles each watch has judged, and the article's coded mark at the time (dictionary
-- hash, counts and coding time): a new article or a recoded one has no matching row and is judged
-- (again) on the next run; the other articles' evidence and stances stay as they are.
CREATE TABLE watch_docs (
    watch       VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    coded_mark  VARCHAR,
    PRIMARY KEY (watch, doc_id)
);

-- The digest a watch last ran under (its definition and the word lists it reads): another digest
-- means a full rebuild. Kept beside coded_state so old readers of watch_runs are undisturbed.
ALTER TABLE watch_runs ADD COLUMN run_digest VARCHAR;

-- Per-day counts of a watch's evidence and stances, kept up to date with its rows: the scorecard
-- sums days into periods instead of re-reading every row. `date` is NULL for undated sentences.
CREATE TABLE evidence_daily (
    watch       VARCHAR NOT NULL,
    condition   VARCHAR NOT NULL,
    date        DATE,
    polarity    INTEGER NOT NULL,
    n           INTEGER NOT NULL
);
CREATE INDEX evidence_daily_watch ON evidence_daily (watch);

-- last_doc_id/last_sentence_index: the newest stance row of that day (for "latest" and decisions).
CREATE TABLE stance_daily (
    watch               VARCHAR NOT NULL,
    observer_code       VARCHAR NOT NULL,
    date                DATE,
    stance              VARCHAR NOT NULL,
    n                   INTEGER NOT NULL,
    last_doc_id         VARCHAR NOT NULL,
    last_sentence_index INTEGER NOT NULL
);
CREATE INDEX stance_daily_watch ON stance_daily (watch);

-- The MinHash LSH index of canonical articles as rows: one per article and band, looked up by
-- (scheme, band, key) for a batch of new articles in one join, so ingest never loads the stored
-- signatures. Filled from article_minhash on first use (clean.dedupe decides the banding).
-- No ART index on purpose: DuckDB holds an ART index wholly in memory once used (about 75 MB at
-- 1.4 M band rows), which would make ingest memory grow with the corpus; the join reads the key
-- column instead (8 bytes a row, streamed).
CREATE TABLE article_lsh (
    scheme      VARCHAR NOT NULL,
    band        SMALLINT NOT NULL,
    key         BIGINT NOT NULL,
    id          VARCHAR NOT NULL
);

-- Each article's text stored once: a coded sentence is kept as its span of the article text
-- (characters, 0-based, end exclusive); `text` is kept only for a sentence that is not a piece of
-- its article's text. The view `sentences` reads as the table did, text included.
CREATE TABLE sentence_spans (
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    start           INTEGER,
    "end"           INTEGER,
    text            VARCHAR,
    date            DATE,
    actors          JSON,
    PRIMARY KEY (doc_id, sentence_index)
);
INSERT INTO sentence_spans
SELECT doc_id, sentence_index,
       CASE WHEN p > 0 THEN p - 1 END, CASE WHEN p > 0 THEN p - 1 + length(text) END,
       CASE WHEN p > 0 THEN NULL ELSE text END, date, actors
FROM (SELECT s.*, instr(a.text, s.text) AS p FROM sentences s LEFT JOIN articles a ON a.id = s.doc_id);
DROP TABLE sentences;
CREATE VIEW sentences AS
SELECT sp.doc_id, sp.sentence_index,
       coalesce(sp.text, substr(a.text, sp.start + 1, sp."end" - sp.start)) AS text, sp.date, sp.actors
FROM sentence_spans sp LEFT JOIN articles a ON a.id = sp.doc_id;
