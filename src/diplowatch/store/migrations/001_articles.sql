-- Articles as ingested and cleaned. `id` is the caller's id when the input had one.
-- A duplicate (exact or near) is stored too, pointing at its canonical article with duplicate_of,
-- so exports can show every outlet that carried a story; only canonical articles are coded.
CREATE TABLE articles (
    id             VARCHAR PRIMARY KEY,
    title          VARCHAR,
    text           VARCHAR NOT NULL,
    published      DATE,
    url            VARCHAR,
    outlet         VARCHAR,
    language       VARCHAR,
    content_hash   VARCHAR NOT NULL,
    source         VARCHAR,
    duplicate_of   VARCHAR,            -- NULL for a canonical article
    duplicate_kind VARCHAR,            -- 'exact' | 'near' for a duplicate
    similarity     DOUBLE,             -- estimated Jaccard similarity to the canonical (near only)
    n_outlets      INTEGER DEFAULT 1,  -- distinct outlets among the canonical article and its copies
    meta           JSON,
    ingested_at    TIMESTAMP DEFAULT current_timestamp
);
CREATE INDEX articles_hash ON articles (content_hash);

-- MinHash signatures of canonical articles (uint32 little-endian), so near-duplicate detection
-- spans runs. `scheme` names shingling and hashing; signatures of another scheme are not compared.
CREATE TABLE article_minhash (
    id         VARCHAR PRIMARY KEY,
    scheme     VARCHAR NOT NULL,
    signature  BLOB NOT NULL
);

-- Every input already read (path + size + mtime, or URL + content hash), so a re-run skips whole
-- files fast. A file is recorded in the same transaction as its last articles.
CREATE TABLE ingested_sources (
    source      VARCHAR PRIMARY KEY,
    fingerprint VARCHAR,
    articles    INTEGER,
    done_at     TIMESTAMP DEFAULT current_timestamp
);
