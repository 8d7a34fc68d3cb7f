//! The `evaluation_*` tables: SPBE evaluation periods, indicator assignments to PDs, answers
//! (claimed and validated levels kept apart) and evidence files.

use crate::rows::{flag, opt_text, text};
use crate::{Conn, Result, StoreError};
use serde::{Deserialize, Serialize};
use simpul_domain::evaluation::AnswerState;
use simpul_domain::ids::{EvaluationId, RegionId};
use simpul_domain::workflow::Code;
use sqlx::Row;

/// One evaluation year of a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PeriodRow {
    pub id: String,
    pub region: String,
    pub year: i64,
    /// Framework code, e.g. `spbe-2020`.
    pub framework: String,
    /// `terbuka` (in progress) or `arsip` (imported results of an earlier year).
    pub status: String,
    pub self_assessment_due: Option<String>,
    pub validation_due: Option<String>,
    pub imported: bool,
    pub created_at: String,
    pub updated_at: String,
}

const PERIOD_COLS: &str = "id, region_id, year, framework, status, self_assessment_due, \
    validation_due, imported, created_at, updated_at";

fn period(r: &sqlx::any::AnyRow) -> Result<PeriodRow> {
    Ok(PeriodRow {
        id: text(r, "id")?,
        region: text(r, "region_id")?,
        year: r.try_get("year")?,
        framework: text(r, "framework")?,
        status: text(r, "status")?,
        self_assessment_due: opt_text(r, "self_assessment_due")?,
        validation_due: opt_text(r, "validation_due")?,
        imported: flag(r, "imported")?,
        created_at: text(r, "created_at")?,
        updated_at: text(r, "updated_at")?,
    })
}

pub async fn insert_period(conn: &mut Conn, p: &PeriodRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO evaluation_periods ({PERIOD_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)"
    ))
    .bind(&p.id)
    .bind(&p.region)
    .bind(p.year)
    .bind(&p.framework)
    .bind(&p.status)
    .bind(&p.self_assessment_due)
    .bind(&p.validation_due)
    .bind(p.imported)
    .bind(&p.created_at)
    .bind(&p.updated_at)
    .execute(conn)
    .await
    .map_err(|e| StoreError::conflict_on(e, "year"))?;
    Ok(())
}

pub async fn get_period(
    conn: &mut Conn,
    region: &RegionId,
    id: EvaluationId,
) -> Result<Option<PeriodRow>> {
    let row = sqlx::query(&format!(
        "SELECT {PERIOD_COLS} FROM evaluation_periods WHERE region_id = $1 AND id = $2"
    ))
    .bind(region.as_str())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(period).transpose()
}

/// Periods of a region, newest year first.
pub async fn periods(conn: &mut Conn, region: &RegionId) -> Result<Vec<PeriodRow>> {
    let rows = sqlx::query(&format!(
        "SELECT {PERIOD_COLS} FROM evaluation_periods WHERE region_id = $1 ORDER BY year DESC"
    ))
    .bind(region.as_str())
    .fetch_all(conn)
    .await?;
    rows.iter().map(period).collect()
}

/// An indicator's responsible PD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AssignmentRow {
    pub indicator: i64,
    pub pd_id: String,
    pub pd_name: String,
}

/// Assigns an indicator to a PD (replacing an earlier assignment), or unassigns it.
pub async fn assign(
    conn: &mut Conn,
    period: &str,
    indicator: i64,
    pd: Option<&str>,
    now: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM evaluation_assignments WHERE period_id = $1 AND indicator = $2")
        .bind(period)
        .bind(indicator)
        .execute(&mut *conn)
        .await?;
    if let Some(pd) = pd {
        sqlx::query(
            "INSERT INTO evaluation_assignments (period_id, indicator, pd_id, assigned_at) \
             VALUES ($1,$2,$3,$4)",
        )
        .bind(period)
        .bind(indicator)
        .bind(pd)
        .bind(now)
        .execute(conn)
        .await?;
    }
    Ok(())
}

pub async fn assignments(conn: &mut Conn, period: &str) -> Result<Vec<AssignmentRow>> {
    let rows = sqlx::query(
        "SELECT a.indicator, a.pd_id, p.name FROM evaluation_assignments a \
         JOIN pds p ON p.id = a.pd_id WHERE a.period_id = $1 ORDER BY a.indicator",
    )
    .bind(period)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AssignmentRow {
                indicator: r.try_get("indicator")?,
                pd_id: text(r, "pd_id")?,
                pd_name: text(r, "name")?,
            })
        })
        .collect()
}

/// The answer to one indicator: the PD's claim, the internal review, the evaluator's
/// document assessment, interview and objection, and the final validated level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AnswerRow {
    pub period_id: String,
    pub indicator: i64,
    pub claimed_level: Option<i64>,
    pub explanation: Option<String>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<String>,
    /// Where the answer is in its workflow: `draf`, `diajukan`, `dikembalikan`, `diterima` or
    /// `divalidasi` (rows validated before the workflow kernel say `diterima` in the column
    /// and are read as `divalidasi`).
    #[schema(value_type = String)]
    pub review_status: AnswerState,
    pub reviewer_note: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub document_level: Option<i64>,
    pub interview_note: Option<String>,
    pub sanggah: Option<String>,
    pub sanggah_at: Option<String>,
    pub validated_level: Option<i64>,
    pub validated_by: Option<String>,
    pub validated_at: Option<String>,
    /// `ed25519:<public key hex>:<signature hex>`: the platform's Ed25519 signature over the
    /// canonical JSON of the final level, verifiable with the key published at
    /// `/.well-known/simpul-signing-key`.
    pub signature: Option<String>,
    pub updated_at: String,
}

const ANSWER_COLS: &str = "period_id, indicator, claimed_level, explanation, submitted_by, \
    submitted_at, review_status, reviewer_note, reviewed_by, reviewed_at, document_level, \
    interview_note, sanggah, sanggah_at, validated_level, validated_by, validated_at, signature, \
    updated_at";

/// The answer's state; `diterima` with a validated level is the final state (as written
/// before the final state had its own code).
fn review_status(r: &sqlx::any::AnyRow) -> Result<AnswerState> {
    let raw = text(r, "review_status")?;
    let state = AnswerState::from_code(&raw).ok_or(StoreError::Corrupt(raw))?;
    let validated: Option<i64> = r.try_get("validated_level")?;
    Ok(match (state, validated) {
        (AnswerState::Diterima, Some(_)) => AnswerState::Divalidasi,
        (s, _) => s,
    })
}

fn answer(r: &sqlx::any::AnyRow) -> Result<AnswerRow> {
    Ok(AnswerRow {
        period_id: text(r, "period_id")?,
        indicator: r.try_get("indicator")?,
        claimed_level: r.try_get("claimed_level")?,
        explanation: opt_text(r, "explanation")?,
        submitted_by: opt_text(r, "submitted_by")?,
        submitted_at: opt_text(r, "submitted_at")?,
        review_status: review_status(r)?,
        reviewer_note: opt_text(r, "reviewer_note")?,
        reviewed_by: opt_text(r, "reviewed_by")?,
        reviewed_at: opt_text(r, "reviewed_at")?,
        document_level: r.try_get("document_level")?,
        interview_note: opt_text(r, "interview_note")?,
        sanggah: opt_text(r, "sanggah")?,
        sanggah_at: opt_text(r, "sanggah_at")?,
        validated_level: r.try_get("validated_level")?,
        validated_by: opt_text(r, "validated_by")?,
        validated_at: opt_text(r, "validated_at")?,
        signature: opt_text(r, "signature")?,
        updated_at: text(r, "updated_at")?,
    })
}

/// Writes the whole answer row (insert or replace).
pub async fn put_answer(conn: &mut Conn, a: &AnswerRow) -> Result<()> {
    sqlx::query("DELETE FROM evaluation_answers WHERE period_id = $1 AND indicator = $2")
        .bind(&a.period_id)
        .bind(a.indicator)
        .execute(&mut *conn)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO evaluation_answers ({ANSWER_COLS}) VALUES \
         ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)"
    ))
    .bind(&a.period_id)
    .bind(a.indicator)
    .bind(a.claimed_level)
    .bind(&a.explanation)
    .bind(&a.submitted_by)
    .bind(&a.submitted_at)
    .bind(a.review_status.code())
    .bind(&a.reviewer_note)
    .bind(&a.reviewed_by)
    .bind(&a.reviewed_at)
    .bind(a.document_level)
    .bind(&a.interview_note)
    .bind(&a.sanggah)
    .bind(&a.sanggah_at)
    .bind(a.validated_level)
    .bind(&a.validated_by)
    .bind(&a.validated_at)
    .bind(&a.signature)
    .bind(&a.updated_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn get_answer(
    conn: &mut Conn,
    period: &str,
    indicator: i64,
) -> Result<Option<AnswerRow>> {
    let row = sqlx::query(&format!(
        "SELECT {ANSWER_COLS} FROM evaluation_answers WHERE period_id = $1 AND indicator = $2"
    ))
    .bind(period)
    .bind(indicator)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(answer).transpose()
}

pub async fn answers(conn: &mut Conn, period: &str) -> Result<Vec<AnswerRow>> {
    let rows = sqlx::query(&format!(
        "SELECT {ANSWER_COLS} FROM evaluation_answers WHERE period_id = $1 ORDER BY indicator"
    ))
    .bind(period)
    .fetch_all(conn)
    .await?;
    rows.iter().map(answer).collect()
}

/// An evidence file's metadata; the content is a blob addressed by `sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct EvidenceRow {
    pub id: String,
    pub period_id: String,
    pub indicator: i64,
    pub title: String,
    pub filename: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<String>,
    pub created_at: String,
}

const EVIDENCE_COLS: &str = "id, period_id, indicator, title, filename, media_type, size_bytes, \
    sha256, uploaded_by, created_at";

fn evidence_row(r: &sqlx::any::AnyRow) -> Result<EvidenceRow> {
    Ok(EvidenceRow {
        id: text(r, "id")?,
        period_id: text(r, "period_id")?,
        indicator: r.try_get("indicator")?,
        title: text(r, "title")?,
        filename: text(r, "filename")?,
        media_type: text(r, "media_type")?,
        size_bytes: r.try_get("size_bytes")?,
        sha256: text(r, "sha256")?,
        uploaded_by: opt_text(r, "uploaded_by")?,
        created_at: text(r, "created_at")?,
    })
}

pub async fn insert_evidence(conn: &mut Conn, e: &EvidenceRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO evaluation_evidence ({EVIDENCE_COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)"
    ))
    .bind(&e.id)
    .bind(&e.period_id)
    .bind(e.indicator)
    .bind(&e.title)
    .bind(&e.filename)
    .bind(&e.media_type)
    .bind(e.size_bytes)
    .bind(&e.sha256)
    .bind(&e.uploaded_by)
    .bind(&e.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Evidence of a period, by indicator then upload time.
pub async fn evidence(conn: &mut Conn, period: &str) -> Result<Vec<EvidenceRow>> {
    let rows = sqlx::query(&format!(
        "SELECT {EVIDENCE_COLS} FROM evaluation_evidence WHERE period_id = $1 \
         ORDER BY indicator, created_at, id"
    ))
    .bind(period)
    .fetch_all(conn)
    .await?;
    rows.iter().map(evidence_row).collect()
}

pub async fn get_evidence(conn: &mut Conn, period: &str, id: &str) -> Result<Option<EvidenceRow>> {
    let row = sqlx::query(&format!(
        "SELECT {EVIDENCE_COLS} FROM evaluation_evidence WHERE period_id = $1 AND id = $2"
    ))
    .bind(period)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(evidence_row).transpose()
}
