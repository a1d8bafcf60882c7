-- Feeds that `diplowatch follow` polls: the validators for a conditional GET (ETag, Last-Modified),
-- and the failures that push the next poll back (backoff), kept across runs.
CREATE TABLE followed_feeds (
    url             VARCHAR PRIMARY KEY,
    etag            VARCHAR,
    last_modified   VARCHAR,
    failures        INTEGER DEFAULT 0,
    next_poll       TIMESTAMP,          -- not before this time (after failures)
    last_status     VARCHAR,            -- "200", "304", or the one-line reason it failed
    polled_at       TIMESTAMP
);

-- Every change (ledger.changes) `follow` has seen, by its stable key, and when it went to the
-- webhook: each change is posted once, and one that could not be posted is tried again next cycle.
CREATE TABLE alerts (
    watch           VARCHAR NOT NULL,
    key             VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,   -- breach | ledger | stance
    date            DATE,
    change          JSON,
    seen_at         TIMESTAMP DEFAULT current_timestamp,
    posted_at       TIMESTAMP,          -- NULL: not (yet) posted
    PRIMARY KEY (watch, key)
);
