-- An analyst's reviews of the machine's rows: an event, an evidence row or a stance marked right or
-- wrong, with the correct value and a reason. Keyed by what the row is about (article, sentence and
-- subject), never by a row id, so a review survives `code --recode` and watch re-runs. Append-only:
-- the latest review of a key is the one in force, the earlier ones are its history.
CREATE TABLE reviews (
    review_id       VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,   -- event | evidence | stance
    watch           VARCHAR,            -- evidence and stances: the watch; events: NULL
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    subject         VARCHAR NOT NULL,   -- evidence: condition id; stance: observer code; event: TYPE|SOURCE|TARGET
    verdict         VARCHAR NOT NULL,   -- right | wrong
    machine         VARCHAR,            -- the machine's value when reviewed (polarity, stance, TYPE|SOURCE|TARGET)
    correct         VARCHAR,            -- the right value; 'none' when the row should not exist
    reason          VARCHAR,
    reviewer        VARCHAR,
    sentence        VARCHAR,            -- the sentence as reviewed, kept for the gold export
    date            DATE,
    reviewed_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX reviews_key ON reviews (kind, watch, doc_id, sentence_index, subject);
