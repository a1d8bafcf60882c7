-- Sentences of coded articles, with the actors resolved in each (pronouns and short names included),
-- so watches can judge sentences that hold no coded event without parsing the corpus again.
CREATE TABLE sentences (
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    date            DATE,
    actors          JSON,          -- [{text, name, code, country, sector, group, start, end}]
    PRIMARY KEY (doc_id, sentence_index)
);

-- Coded events: one row per source-target-type triple; nested records stay nested for Parquet.
CREATE TABLE events (
    event_id        VARCHAR PRIMARY KEY,
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    date            DATE,
    type            VARCHAR NOT NULL,
    mode            VARCHAR,
    context         VARCHAR,
    cameo           VARCHAR,
    intensity       DOUBLE,
    quad_class      INTEGER,
    source          STRUCT(text VARCHAR, name VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, "group" VARCHAR),
    target          STRUCT(text VARCHAR, name VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, "group" VARCHAR),
    location        STRUCT(name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE),
    negated         BOOLEAN DEFAULT false,
    hypothetical    BOOLEAN DEFAULT false,
    confidence      DOUBLE,
    rule            VARCHAR,
    trigger         VARCHAR,
    url             VARCHAR,
    outlet          VARCHAR
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_date ON events (date);

-- Which articles are coded, and with which dictionaries (a dictionary change invites --recode).
CREATE TABLE coded_articles (
    doc_id          VARCHAR PRIMARY KEY,
    dictionary_hash VARCHAR,
    n_sentences     INTEGER,
    n_events        INTEGER,
    coded_at        TIMESTAMP DEFAULT current_timestamp
);
