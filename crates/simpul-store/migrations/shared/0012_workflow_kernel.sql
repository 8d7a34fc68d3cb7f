-- The workflow kernel (issue 10): the history of every case of every workflow, and the
-- outbox of side effects written in the same transaction as the step that causes them.
CREATE TABLE case_events (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL,
    workflow TEXT NOT NULL,
    case_id TEXT NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT NOT NULL,
    role TEXT NOT NULL,
    step TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    comment TEXT,
    fields_json TEXT NOT NULL DEFAULT '[]',
    documents_json TEXT NOT NULL DEFAULT '[]',
    signed_json TEXT,
    signature TEXT
);
CREATE INDEX case_events_case ON case_events (workflow, case_id, at);
CREATE INDEX case_events_region ON case_events (region_id, at);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    region_id TEXT,
    kind TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    delivered_at TEXT,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (delivered_at, next_attempt_at);
