-- Catalogue list totals at the speed of a detail (issue 14.6): how many records there are per
-- (region, kind, PD, status, retired or not), kept up to date by triggers in the transaction
-- of every write to `records` (insert, update, retire, delete, bulk import, restore), so no
-- write path can forget it. A plain list (no search words, no data-field filter) sums a few
-- rows of this table instead of counting up to 10,000 index entries.
CREATE TABLE record_counts (
    region_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    pd_id TEXT NOT NULL,
    status TEXT NOT NULL,
    retired INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (region_id, kind, pd_id, status, retired)
);

INSERT INTO record_counts (region_id, kind, pd_id, status, retired, n)
SELECT region_id, kind, pd_id, status, CASE WHEN retired_reason IS NULL THEN 0 ELSE 1 END, COUNT(*)
FROM records GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER record_counts_insert AFTER INSERT ON records
BEGIN
    INSERT INTO record_counts (region_id, kind, pd_id, status, retired, n)
    VALUES (NEW.region_id, NEW.kind, NEW.pd_id, NEW.status, NEW.retired_reason IS NOT NULL, 1)
    ON CONFLICT (region_id, kind, pd_id, status, retired) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER record_counts_delete AFTER DELETE ON records
BEGIN
    UPDATE record_counts SET n = n - 1
    WHERE region_id = OLD.region_id AND kind = OLD.kind AND pd_id = OLD.pd_id
      AND status = OLD.status AND retired = (OLD.retired_reason IS NOT NULL);
END;

CREATE TRIGGER record_counts_update AFTER UPDATE OF region_id, kind, pd_id, status, retired_reason ON records
WHEN OLD.region_id IS NOT NEW.region_id OR OLD.kind IS NOT NEW.kind OR OLD.pd_id IS NOT NEW.pd_id
  OR OLD.status IS NOT NEW.status OR (OLD.retired_reason IS NULL) <> (NEW.retired_reason IS NULL)
BEGIN
    UPDATE record_counts SET n = n - 1
    WHERE region_id = OLD.region_id AND kind = OLD.kind AND pd_id = OLD.pd_id
      AND status = OLD.status AND retired = (OLD.retired_reason IS NOT NULL);
    INSERT INTO record_counts (region_id, kind, pd_id, status, retired, n)
    VALUES (NEW.region_id, NEW.kind, NEW.pd_id, NEW.status, NEW.retired_reason IS NOT NULL, 1)
    ON CONFLICT (region_id, kind, pd_id, status, retired) DO UPDATE SET n = n + 1;
END;
