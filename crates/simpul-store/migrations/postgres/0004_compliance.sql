-- Compliance engine (issue 4): findings of the rules, their history, and the daily tally
-- behind "compliance over time".

-- The region pack whose rules apply (default: the region's own, by id).
ALTER TABLE regions ADD COLUMN rule_pack TEXT;

CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    rule TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    subject_name TEXT NOT NULL,
    pd_id TEXT REFERENCES pds(id),
    severity TEXT NOT NULL,
    detail_json TEXT NOT NULL,
    status TEXT NOT NULL,
    grace_until TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    resolved_at TEXT,
    note TEXT,
    decided_by TEXT,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX findings_subject ON findings (region_id, rule, subject_id);
CREATE INDEX findings_open ON findings (region_id, status, pd_id);
CREATE INDEX findings_pd ON findings (pd_id, status);

CREATE TABLE finding_events (
    id TEXT PRIMARY KEY,
    finding_id TEXT NOT NULL REFERENCES findings(id),
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    actor TEXT,
    note TEXT
);
CREATE INDEX finding_events_finding ON finding_events (finding_id, at);

-- One row per region, day and scope: '' (the region), 'pd:<id>' (a PD) or 'rule:<id>' (a rule;
-- state 'checked', 'no_data' or 'transition').
CREATE TABLE compliance_daily (
    region_id TEXT NOT NULL REFERENCES regions(id),
    day TEXT NOT NULL,
    scope TEXT NOT NULL,
    applicable BIGINT NOT NULL,
    met BIGINT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (region_id, day, scope)
);
