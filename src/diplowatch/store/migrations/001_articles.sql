-- Articles as ingested and cleaned. `id` is the caller's id when the input had one.
CREATE TABLE articles (
    id            VARCHAR PRIMARY KEY,
    title         VARCHAR,
    text          VARCHAR NOT NULL,
    published     DATE,
    url           VARCHAR,
    outlet        VARCHAR,
    language      VARCHAR,
    content_hash  VARCHAR NOT NULL,
    source        VARCHAR,
    duplicate_of  VARCHAR,            -- NULL for a canonical article
    n_outlets     INTEGER DEFAULT 1,  -- distinct outlets among the canonical article and its copies
    meta          JSON,
    ingested_at   TIMESTAMP DEFAULT current_timestamp
);
CREATE INDEX articles_hash ON articles (content_hash);

-- MinHash signatures of canonical articles, so near-duplicate detection spans runs.
CREATE TABLE article_minhash (
    id        VARCHAR PRIMARY KEY,
    hashvalues UBIGINT[] NOT NULL
);

-- Every input already read (path + size + mtime, or URL), so a re-run skips whole files fast.
CREATE TABLE ingested_sources (
    source      VARCHAR PRIMARY KEY,
    fingerprint VARCHAR,
    articles    INTEGER,
    done_at     TIMESTAMP DEFAULT current_timestamp
);
