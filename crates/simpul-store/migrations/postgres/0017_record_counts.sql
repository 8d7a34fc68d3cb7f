-- Catalogue list totals at the speed of a detail (issue 14.6): how many records there are per
-- (region, kind, PD, status, retired or not), kept up to date by a trigger in the transaction
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

-- One row's count moves by `delta`. An update that moves a record between two counts takes
-- the two rows' locks in key order, so two opposite moves never deadlock.
CREATE FUNCTION record_counts_add(r TEXT, k TEXT, p TEXT, s TEXT, ret INTEGER, delta INTEGER) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO record_counts (region_id, kind, pd_id, status, retired, n)
    VALUES (r, k, p, s, ret, delta)
    ON CONFLICT (region_id, kind, pd_id, status, retired) DO UPDATE SET n = record_counts.n + delta;
$$;

CREATE FUNCTION record_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_ret INTEGER;
    new_ret INTEGER;
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM record_counts_add(NEW.region_id, NEW.kind, NEW.pd_id, NEW.status, CASE WHEN NEW.retired_reason IS NULL THEN 0 ELSE 1 END, 1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM record_counts_add(OLD.region_id, OLD.kind, OLD.pd_id, OLD.status, CASE WHEN OLD.retired_reason IS NULL THEN 0 ELSE 1 END, -1);
    ELSE
        old_ret := CASE WHEN OLD.retired_reason IS NULL THEN 0 ELSE 1 END;
        new_ret := CASE WHEN NEW.retired_reason IS NULL THEN 0 ELSE 1 END;
        IF (OLD.region_id, OLD.kind, OLD.pd_id, OLD.status, old_ret) = (NEW.region_id, NEW.kind, NEW.pd_id, NEW.status, new_ret) THEN
            RETURN NULL;
        END IF;
        IF (OLD.region_id, OLD.kind, OLD.pd_id, OLD.status, old_ret) < (NEW.region_id, NEW.kind, NEW.pd_id, NEW.status, new_ret) THEN
            PERFORM record_counts_add(OLD.region_id, OLD.kind, OLD.pd_id, OLD.status, old_ret, -1);
            PERFORM record_counts_add(NEW.region_id, NEW.kind, NEW.pd_id, NEW.status, new_ret, 1);
        ELSE
            PERFORM record_counts_add(NEW.region_id, NEW.kind, NEW.pd_id, NEW.status, new_ret, 1);
            PERFORM record_counts_add(OLD.region_id, OLD.kind, OLD.pd_id, OLD.status, old_ret, -1);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER record_counts_write AFTER INSERT OR DELETE OR UPDATE OF region_id, kind, pd_id, status, retired_reason
ON records FOR EACH ROW EXECUTE FUNCTION record_counts_apply();
