-- Several nodes on one database (issue 14 item 3).

-- Background jobs that run once across nodes: one lease per job, taken by one node at a time
-- (holder, until when), and what the last run did.
CREATE TABLE job_leases (
    job TEXT PRIMARY KEY,
    holder TEXT,
    lease_until TEXT,
    slot TEXT,
    last_started_at TEXT,
    last_finished_at TEXT,
    last_outcome TEXT,
    last_holder TEXT
);

-- One row per job and run slot (a region's day, an hour): the primary key forbids a second
-- run of a slot. `attempts` counts the nodes that started it (more than one after a node died
-- holding the lease, or after a failed run was retried).
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    slot TEXT NOT NULL,
    node TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    detail TEXT,
    PRIMARY KEY (job, slot)
);
CREATE INDEX job_runs_started ON job_runs (started_at);

-- Failed sign-ins shared by every node (the database login throttle): the key is the SHA-256
-- of the counter's scope (account + address, or address), never the name or address itself.
CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX login_failures_expiry ON login_failures (expires_at);
