-- Foundation schema: regions (tenants), Perangkat Daerah, accounts, sessions, API tokens,
-- Tim Koordinasi SPBE and the hash-chained audit log.
CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    province TEXT NOT NULL,
    kode_wilayah TEXT NOT NULL UNIQUE,
    head_title TEXT NOT NULL,
    capital TEXT NOT NULL,
    official_domain TEXT NOT NULL,
    domain_article TEXT,
    instrument_json TEXT NOT NULL,
    head_name TEXT,
    sekda_name TEXT,
    address TEXT,
    contact_email TEXT,
    tim_decree_ref TEXT,
    tim_decree_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE pds (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    head_name TEXT,
    head_title TEXT,
    tasks TEXT,
    is_kominfo BOOLEAN NOT NULL DEFAULT FALSE,
    is_planning BOOLEAN NOT NULL DEFAULT FALSE,
    is_inspectorate BOOLEAN NOT NULL DEFAULT FALSE,
    mandiri_tik BOOLEAN NOT NULL DEFAULT FALSE,
    retired_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (region_id, code)
);
CREATE INDEX pds_region_name ON pds (region_id, name);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL,
    pd_id TEXT REFERENCES pds(id),
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX users_region ON users (region_id, username);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE tim_members (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    person_name TEXT NOT NULL,
    position TEXT NOT NULL,
    office TEXT NOT NULL,
    pd_id TEXT REFERENCES pds(id),
    decree_ref TEXT,
    created_at TEXT NOT NULL,
    removed_at TEXT,
    removed_reason TEXT
);
CREATE INDEX tim_members_region ON tim_members (region_id);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    region_id TEXT,
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    before_digest TEXT,
    after_digest TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log (entity_type, entity_id, seq);
CREATE INDEX audit_region ON audit_log (region_id, seq);

-- The chain head: last sequence number and hash. Appends lock this row, so the chain never
-- forks; a deleted last entry is detected against it.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
