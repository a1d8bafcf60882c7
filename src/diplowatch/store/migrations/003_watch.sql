-- Evidence: one row per sentence and condition of a watch.
CREATE TABLE evidence (
    watch           VARCHAR NOT NULL,
    condition       VARCHAR NOT NULL,
    polarity        INTEGER NOT NULL,   -- +1 meets, -1 breaches, 0 words only
    kind            VARCHAR NOT NULL,   -- deed | word
    actor           VARCHAR,
    reporter        VARCHAR,
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    date            DATE,
    event_id        VARCHAR,
    rule            VARCHAR,
    confidence      DOUBLE,
    matched         VARCHAR[],
    url             VARCHAR,
    outlet          VARCHAR,
    PRIMARY KEY (watch, condition, doc_id, sentence_index)
);

-- Stances of observers toward the subject, one row per sentence and observer.
CREATE TABLE stances (
    watch           VARCHAR NOT NULL,
    observer        STRUCT(name VARCHAR, code VARCHAR, country VARCHAR),
    observer_code   VARCHAR NOT NULL,
    stance          VARCHAR NOT NULL,   -- recognize | engage | withhold | reject
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    date            DATE,
    rule            VARCHAR,
    confidence      DOUBLE,
    matched         VARCHAR[],
    url             VARCHAR,
    outlet          VARCHAR,
    PRIMARY KEY (watch, observer_code, doc_id, sentence_index)
);

-- When each watch last ran, and over which coded state, so `watch` re-runs only when needed.
CREATE TABLE watch_runs (
    watch           VARCHAR PRIMARY KEY,
    watch_hash      VARCHAR,
    coded_state     VARCHAR,
    ran_at          TIMESTAMP DEFAULT current_timestamp
);
