-- In-app notifications (issue 4 item 5): deadline reminders per user, deduplicated by a key
-- per user so the daily reminder job never notifies twice for the same deadline state;
-- `emailed_at` records that the e-mail copy went out.

CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    dedup_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT,
    emailed_at TEXT
);
CREATE UNIQUE INDEX notifications_dedup ON notifications (user_id, dedup_key);
CREATE INDEX notifications_user ON notifications (user_id, read_at, created_at);
