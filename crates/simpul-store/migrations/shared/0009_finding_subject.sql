-- A record's page lists its active findings (findings::of_subject, by region and subject).
-- The unique index (region_id, rule, subject_id) cannot serve that lookup without the rule,
-- and at --scale 25 the planner scanned all 22,000 findings for every record page.
CREATE INDEX findings_subject_id ON findings (subject_id, region_id);
