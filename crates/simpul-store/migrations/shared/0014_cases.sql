-- Generic case storage (issue 10): the current state of a case of any workflow whose data
-- is one JSON document. The history is in case_events; tasks are the cases in the states
-- that wait for someone, so the task query is by (region, workflow, state, pd).
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL,
    workflow TEXT NOT NULL,
    state TEXT NOT NULL,
    pd_id TEXT,
    assignee_id TEXT,
    title TEXT NOT NULL,
    data_json TEXT NOT NULL DEFAULT '{}',
    opened_by TEXT,
    opened_at TEXT NOT NULL,
    state_since TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX cases_tasks ON cases (region_id, workflow, state, pd_id, state_since);
CREATE INDEX cases_assignee ON cases (region_id, workflow, assignee_id, state);
