-- Per-query answer time of an experiment's retrieval rows: the query's search among the representatives plus
-- building its ranking, in seconds. NULL for baselines (their ranking does not depend on the query) and for
-- aggregate rows.
ALTER TABLE experiment_results ADD COLUMN query_seconds DOUBLE PRECISION;
