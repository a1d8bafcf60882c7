-- The per-day counts of a watch's evidence and stances (007) were kept on every watch run and never
-- read: the scorecard counts independent acts (one deed reported by several articles counts once) and
-- applies reviews, which per-day counts cannot give; it tallies the rows themselves in SQL instead
-- (store/tallies.py). Dropped so a watch run no longer pays for them.
DROP TABLE IF EXISTS evidence_daily;
DROP TABLE IF EXISTS stance_daily;
