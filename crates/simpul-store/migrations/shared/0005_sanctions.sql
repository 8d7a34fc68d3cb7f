-- Administrative sanctions (SAN-1): proposed by the Dinas Kominfo from findings, decided by
-- the head of region; the decision is stored as the signed canonical JSON and its signature.

CREATE TABLE sanctions (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    pd_id TEXT NOT NULL REFERENCES pds(id),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    decision_note TEXT,
    decision_json TEXT,
    signature TEXT,
    signer_key TEXT
);
CREATE INDEX sanctions_region ON sanctions (region_id, status, proposed_at);
CREATE INDEX sanctions_pd ON sanctions (pd_id, proposed_at);

CREATE TABLE sanction_findings (
    sanction_id TEXT NOT NULL REFERENCES sanctions(id),
    finding_id TEXT NOT NULL REFERENCES findings(id),
    PRIMARY KEY (sanction_id, finding_id)
);
CREATE INDEX sanction_findings_finding ON sanction_findings (finding_id);
