-- The watch definition (its YAML) stored with its run: the report and the dashboard rebuild the very
-- scorecard the terminal showed, for user-written watches too.
ALTER TABLE watch_runs ADD COLUMN definition VARCHAR;
ALTER TABLE watch_runs ADD COLUMN source VARCHAR;
