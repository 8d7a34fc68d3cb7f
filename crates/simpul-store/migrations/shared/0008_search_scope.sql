-- Scoped search words (records::stored_search_text): every indexed word is stored prefixed
-- with the key of its record's region and kind (`s` + 8 hex digits of SHA-256), replacing the
-- words + `zzr…`/`zzk…` scope words of 0003_list_indexes, so that a prefix search reads only
-- its own region's matches.
--
-- Tokenising and hashing cannot be done in SQL: this records that existing rows must be
-- rewritten, and Store::migrate then rewrites them in batches (migrate::run_data_migrations),
-- keeping the last id done in `after_id` so that an interrupted run resumes, and deletes the
-- row when done. Until then, old-format rows are not found by searches.
CREATE TABLE data_migrations (
    name TEXT PRIMARY KEY,
    after_id TEXT NOT NULL
);
INSERT INTO data_migrations (name, after_id) VALUES ('search_scope', '');
