-- SPBE evaluation (issue 5): periods per region and year naming their framework, indicators
-- assigned to PDs, one answer per indicator keeping the PD's claimed level apart from the
-- evaluator's validated level, and evidence files (blobs in the document blob store).

CREATE TABLE evaluation_periods (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    year INTEGER NOT NULL,
    framework TEXT NOT NULL,
    status TEXT NOT NULL,
    self_assessment_due TEXT,
    validation_due TEXT,
    imported INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX evaluation_periods_year ON evaluation_periods (region_id, year);

CREATE TABLE evaluation_assignments (
    period_id TEXT NOT NULL REFERENCES evaluation_periods(id),
    indicator INTEGER NOT NULL,
    pd_id TEXT NOT NULL REFERENCES pds(id),
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (period_id, indicator)
);
CREATE INDEX evaluation_assignments_pd ON evaluation_assignments (pd_id);

-- review_status: draf, diajukan, dikembalikan, diterima.
CREATE TABLE evaluation_answers (
    period_id TEXT NOT NULL REFERENCES evaluation_periods(id),
    indicator INTEGER NOT NULL,
    claimed_level INTEGER,
    explanation TEXT,
    submitted_by TEXT,
    submitted_at TEXT,
    review_status TEXT NOT NULL,
    reviewer_note TEXT,
    reviewed_by TEXT,
    reviewed_at TEXT,
    document_level INTEGER,
    interview_note TEXT,
    sanggah TEXT,
    sanggah_at TEXT,
    validated_level INTEGER,
    validated_by TEXT,
    validated_at TEXT,
    signature TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (period_id, indicator)
);

CREATE TABLE evaluation_evidence (
    id TEXT PRIMARY KEY,
    period_id TEXT NOT NULL REFERENCES evaluation_periods(id),
    indicator INTEGER NOT NULL,
    title TEXT NOT NULL,
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX evaluation_evidence_indicator ON evaluation_evidence (period_id, indicator);
