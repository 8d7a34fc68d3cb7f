-- When a region-wide evaluation last confirmed the region's findings (findings::mark_evaluated).
-- An open finding's "last seen" is derived from it on read instead of the daily run rewriting
-- every open finding's row.
CREATE TABLE compliance_state (
    region_id TEXT PRIMARY KEY REFERENCES regions(id),
    evaluated_at TEXT NOT NULL
);
INSERT INTO compliance_state (region_id, evaluated_at)
SELECT region_id, MAX(last_seen) FROM findings GROUP BY region_id;
