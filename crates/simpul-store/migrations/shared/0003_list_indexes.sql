-- Catalogue lists at scale (issue 3, `simpul demo --scale`; see docs/BENCHMARKS.md).
--
-- Lists show active records (retired_reason IS NULL) unless asked otherwise. Partial indexes,
-- one per sort order, let the capped count and the offset of a page be read from the index
-- alone. Lists that include retired records use records_list.
DROP INDEX records_pd;
DROP INDEX records_status;
DROP INDEX records_updated;
CREATE INDEX records_active_name ON records (region_id, kind, name, id) WHERE retired_reason IS NULL;
CREATE INDEX records_active_code ON records (region_id, kind, code, id) WHERE retired_reason IS NULL;
CREATE INDEX records_active_pd ON records (region_id, kind, pd_id, name, id) WHERE retired_reason IS NULL;
CREATE INDEX records_active_status ON records (region_id, kind, status, name, id) WHERE retired_reason IS NULL;
CREATE INDEX records_active_updated ON records (region_id, kind, updated_at DESC, id) WHERE retired_reason IS NULL;

-- Scope words in the indexed search text (records::stored_search_text): a search asks the
-- full-text index for its words AND `zzk<kind>r<region>` (or `zzr<region>`), so matches of
-- other regions are never fetched.
UPDATE records SET search_text = search_text || ' zzr' || region_id || ' zzk' || replace(kind, '_', '') || 'r' || region_id;
