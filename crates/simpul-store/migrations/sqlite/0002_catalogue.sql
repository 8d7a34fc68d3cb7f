-- The SPBE catalogue: records of every kind, the links between them, reference
-- architecture codes, documents, and full-text search.
CREATE TABLE ref_codes (
    code TEXT PRIMARY KEY,
    tree TEXT NOT NULL,
    parent TEXT,
    name TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE records (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    kind TEXT NOT NULL,
    pd_id TEXT NOT NULL REFERENCES pds(id),
    code TEXT,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    ref_code TEXT,
    description TEXT,
    data_json TEXT NOT NULL,
    search_text TEXT NOT NULL,
    retired_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX records_code ON records (region_id, kind, code) WHERE code IS NOT NULL;
CREATE INDEX records_list ON records (region_id, kind, name, id);
CREATE INDEX records_pd ON records (region_id, kind, pd_id, name, id);
CREATE INDEX records_status ON records (region_id, kind, status, name, id);
CREATE INDEX records_updated ON records (region_id, kind, updated_at);

CREATE TABLE record_links (
    region_id TEXT NOT NULL REFERENCES regions(id),
    from_id TEXT NOT NULL REFERENCES records(id),
    to_id TEXT NOT NULL REFERENCES records(id),
    relation TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (from_id, to_id, relation)
);
CREATE INDEX record_links_to ON record_links (to_id);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    record_id TEXT NOT NULL REFERENCES records(id),
    pd_id TEXT NOT NULL REFERENCES pds(id),
    doc_type TEXT NOT NULL,
    title TEXT NOT NULL,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    classification TEXT NOT NULL,
    uploaded_by TEXT,
    created_at TEXT NOT NULL,
    retired_reason TEXT
);
CREATE INDEX documents_record ON documents (record_id);
CREATE INDEX documents_sha ON documents (sha256);

CREATE VIRTUAL TABLE records_fts USING fts5(search_text, content='records', content_rowid='rowid');
CREATE TRIGGER records_fts_ai AFTER INSERT ON records BEGIN
  INSERT INTO records_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER records_fts_ad AFTER DELETE ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER records_fts_au AFTER UPDATE OF search_text ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  INSERT INTO records_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
