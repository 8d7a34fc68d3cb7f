//! The `evaluation_*` tables: SPBE evaluation periods, indicator assignments to PDs, answers
//! (claimed and validated levels kept apart) and evidence files.

use crate::insert::{self, table_insert};
use crate::query::Where;
use crate::rows::{Flag, Text};
use crate::{Conn, Result};
use serde::{Deserialize, Serialize};
use simpul_domain::evaluation::AnswerState;
use simpul_domain::ids::{EvaluationId, RegionId};
use simpul_domain::workflow::Code;

/// One evaluation year of a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PeriodRow {
    pub id: String,
    #[sqlx(rename = "region_id")]
    pub region: String,
    pub year: i64,
    /// Framework code, e.g. `spbe-2020`.
    pub framework: String,
    /// `terbuka` (in progress) or `arsip` (imported results of an earlier year).
    pub status: String,
    pub self_assessment_due: Option<String>,
    pub validation_due: Option<String>,
    #[sqlx(try_from = "Flag")]
    pub imported: bool,
    pub created_at: String,
    pub updated_at: String,
}

table_insert! {
    const PERIOD_INSERT = "evaluation_periods" conflict "year", select PERIOD_SELECT;
    fn bind_period(p: &PeriodRow) {
        id, region_id = &p.region, year, framework, status, self_assessment_due, validation_due,
        imported, created_at, updated_at,
    }
}

pub async fn insert_period(conn: &mut Conn, p: &PeriodRow) -> Result<()> {
    insert::one(conn, PERIOD_INSERT, p, bind_period).await
}

pub async fn get_period(
    conn: &mut Conn,
    region: &RegionId,
    id: EvaluationId,
) -> Result<Option<PeriodRow>> {
    let (region, id) = (region.as_str(), id.to_string());
    crate::query::one_in_region::<PeriodRow, _>(conn, PERIOD_SELECT, region, id).await
}

/// Periods of a region, newest year first.
pub async fn periods(conn: &mut Conn, region: &RegionId) -> Result<Vec<PeriodRow>> {
    Where::new()
        .eq("region_id", region.as_str())
        .all(conn, PERIOD_SELECT, "ORDER BY year DESC")
        .await
}

/// An indicator's responsible PD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AssignmentRow {
    pub indicator: i64,
    pub pd_id: String,
    pub pd_name: String,
}

table_insert! {
    const ASSIGNMENT_INSERT = "evaluation_assignments" conflict "indicator";
    fn bind_assignment(a: &(&str, i64, &str, &str)) {
        period_id = a.0, indicator = a.1, pd_id = a.2, assigned_at = a.3,
    }
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
        let row = (period, indicator, pd, now);
        insert::one(conn, ASSIGNMENT_INSERT, &row, bind_assignment).await?;
    }
    Ok(())
}

pub async fn assignments(conn: &mut Conn, period: &str) -> Result<Vec<AssignmentRow>> {
    Where::new()
        .eq("a.period_id", period)
        .all(
            conn,
            "SELECT a.indicator, a.pd_id, p.name AS pd_name FROM evaluation_assignments a \
             JOIN pds p ON p.id = a.pd_id",
            "ORDER BY a.indicator",
        )
        .await
}

/// The answer to one indicator: the PD's claim, the internal review, the evaluator's
/// document assessment, interview and objection, and the final validated level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
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
    #[sqlx(try_from = "Text<AnswerState>")]
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

table_insert! {
    const ANSWER_INSERT = "evaluation_answers" conflict "indicator", select ANSWER_SELECT;
    fn bind_answer(a: &AnswerRow) {
        period_id, indicator, claimed_level, explanation, submitted_by, submitted_at,
        review_status = a.review_status.code(), reviewer_note, reviewed_by, reviewed_at,
        document_level, interview_note, sanggah, sanggah_at, validated_level, validated_by,
        validated_at, signature, updated_at,
    }
}

/// The answer as read: `diterima` with a validated level is the final state (as written
/// before the final state had its own code).
fn settled(mut a: AnswerRow) -> AnswerRow {
    if a.review_status == AnswerState::Diterima && a.validated_level.is_some() {
        a.review_status = AnswerState::Divalidasi;
    }
    a
}

/// The answers of `period`, `w` narrowing them, in indicator order.
async fn answers_where(conn: &mut Conn, period: &str, w: Where) -> Result<Vec<AnswerRow>> {
    let rows: Vec<AnswerRow> = w
        .eq("period_id", period)
        .all(conn, ANSWER_SELECT, "ORDER BY indicator")
        .await?;
    Ok(rows.into_iter().map(settled).collect())
}

/// Writes the whole answer row (insert or replace).
pub async fn put_answer(conn: &mut Conn, a: &AnswerRow) -> Result<()> {
    sqlx::query("DELETE FROM evaluation_answers WHERE period_id = $1 AND indicator = $2")
        .bind(&a.period_id)
        .bind(a.indicator)
        .execute(&mut *conn)
        .await?;
    insert::one(conn, ANSWER_INSERT, a, bind_answer).await
}

pub async fn get_answer(
    conn: &mut Conn,
    period: &str,
    indicator: i64,
) -> Result<Option<AnswerRow>> {
    let w = Where::new().eq("indicator", indicator);
    Ok(answers_where(conn, period, w).await?.pop())
}

pub async fn answers(conn: &mut Conn, period: &str) -> Result<Vec<AnswerRow>> {
    answers_where(conn, period, Where::new()).await
}

/// An evidence file's metadata; the content is a blob addressed by `sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
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

table_insert! {
    const EVIDENCE_INSERT = "evaluation_evidence" conflict "id", select EVIDENCE_SELECT;
    fn bind_evidence(e: &EvidenceRow) {
        id, period_id, indicator, title, filename, media_type, size_bytes, sha256, uploaded_by,
        created_at,
    }
}

pub async fn insert_evidence(conn: &mut Conn, e: &EvidenceRow) -> Result<()> {
    insert::one(conn, EVIDENCE_INSERT, e, bind_evidence).await
}

/// Evidence of a period, by indicator then upload time.
pub async fn evidence(conn: &mut Conn, period: &str) -> Result<Vec<EvidenceRow>> {
    Where::new()
        .eq("period_id", period)
        .all(conn, EVIDENCE_SELECT, "ORDER BY indicator, created_at, id")
        .await
}

pub async fn get_evidence(conn: &mut Conn, period: &str, id: &str) -> Result<Option<EvidenceRow>> {
    Where::new()
        .eq("period_id", period)
        .eq("id", id)
        .optional(conn, EVIDENCE_SELECT)
        .await
}
