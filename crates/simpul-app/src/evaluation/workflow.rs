//! The answer workflow of one indicator: claim and submit (PD operator), return or accept
//! (internal assessor), document assessment and interview, objection (sanggah), final
//! validated level with its signature (evaluator). Every step is one audited transaction.

use super::{framework_of, period};
use crate::{policy, Actor, App, AppError, Result};
use serde::{Deserialize, Serialize};
use simpul_domain::evaluation::Level;
use simpul_domain::ids::{EvaluationId, PdId};
use simpul_domain::text::{optional, required};
use simpul_domain::{now_str, FieldError, Invalid};
use simpul_store::evaluation::{self as store, AnswerRow, PeriodRow};
use simpul_store::{audit, commit};

/// One step of the workflow, as posted by a form or the API.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// PD operator: the claimed level (1..5) and its explanation; keeps the answer a draft.
    Claim {
        #[schema(minimum = 1, maximum = 5)]
        level: i64,
        explanation: String,
    },
    /// PD operator: hand the claim to the internal assessor.
    Submit,
    /// Internal assessor: send back to the PD with a note.
    Return { note: String },
    /// Internal assessor: accept the claim for validation.
    Accept {
        #[serde(default)]
        note: Option<String>,
    },
    /// Evaluator: the level the documents support, and the interview notes.
    Assess {
        #[schema(minimum = 1, maximum = 5)]
        document_level: i64,
        #[serde(default)]
        interview_note: Option<String>,
    },
    /// PD operator: an objection to the document assessment.
    Sanggah { text: String },
    /// Evaluator: the final validated level (signed; cannot be changed afterwards).
    Validate {
        #[schema(minimum = 1, maximum = 5)]
        level: i64,
    },
}

impl Step {
    pub fn code(&self) -> &'static str {
        match self {
            Step::Claim { .. } => "claim",
            Step::Submit => "submit",
            Step::Return { .. } => "return",
            Step::Accept { .. } => "accept",
            Step::Assess { .. } => "assess",
            Step::Sanggah { .. } => "sanggah",
            Step::Validate { .. } => "validate",
        }
    }
}

/// A level 1..5, else "Tingkat harus 1 sampai 5." on `field`.
pub(crate) fn level(field: &str, n: i64) -> Result<i64> {
    u8::try_from(n)
        .ok()
        .and_then(|n| Level::new(n).ok())
        .map(|l| i64::from(l.get()))
        .ok_or_else(|| Invalid(vec![FieldError::new(field, "level_range")]).into())
}

fn rule(code: &'static str) -> AppError {
    AppError::Rule(FieldError::new("status", code))
}

fn invalid(e: FieldError) -> AppError {
    Invalid(vec![e]).into()
}

/// The PD may still change its claim.
fn editable(a: &AnswerRow) -> Result<()> {
    match a.review_status.as_str() {
        "draf" | "dikembalikan" => Ok(()),
        _ => Err(rule("eval_locked")),
    }
}

/// Accepted by the internal assessor and not yet final.
fn in_validation(a: &AnswerRow) -> Result<()> {
    if a.review_status != "diterima" {
        return Err(rule("eval_not_accepted"));
    }
    if a.validated_level.is_some() {
        return Err(rule("eval_final"));
    }
    Ok(())
}

/// The canonical document of a final level (sorted keys, no spaces when serialised).
pub fn final_level_document(p: &PeriodRow, a: &AnswerRow) -> serde_json::Value {
    let canonical: std::collections::BTreeMap<&str, serde_json::Value> = [
        ("framework", p.framework.clone().into()),
        ("indicator", a.indicator.into()),
        ("period", p.id.clone().into()),
        ("region", p.region.clone().into()),
        ("validated_at", a.validated_at.clone().into()),
        ("validated_by", a.validated_by.clone().into()),
        ("validated_level", a.validated_level.into()),
        ("year", p.year.into()),
    ]
    .into_iter()
    .collect();
    serde_json::to_value(canonical).unwrap_or_default()
}

/// `ed25519:<public key hex>:<signature hex>`: the platform's Ed25519 signature over the
/// canonical JSON of the final level ([`final_level_document`]), verifiable offline with the
/// key published at `/.well-known/simpul-signing-key`.
pub fn signature(
    p: &PeriodRow,
    a: &AnswerRow,
    key: &simpul_domain::signing::PlatformKey,
) -> String {
    let signed = key.sign(&final_level_document(p, a));
    format!("ed25519:{}:{}", signed.public_key, signed.signature)
}

impl App {
    /// Applies one workflow step to indicator `n` of period `id`.
    pub async fn evaluation_step(
        &self,
        actor: &Actor,
        id: EvaluationId,
        n: u16,
        step: &Step,
    ) -> Result<AnswerRow> {
        let now = now_str();
        let mut tx = self.store.begin().await?;
        let p = period(&mut tx, actor, id).await?;
        framework_of(&p)?.indicator(n).ok_or(AppError::NotFound)?;
        let assigned: Option<PdId> = store::assignments(&mut tx, &p.id)
            .await?
            .into_iter()
            .find(|a| a.indicator == i64::from(n))
            .and_then(|a| a.pd_id.parse().ok());
        let before = store::get_answer(&mut tx, &p.id, i64::from(n)).await?;
        let mut a = before.clone().unwrap_or_else(|| AnswerRow {
            period_id: p.id.clone(),
            indicator: i64::from(n),
            review_status: "draf".into(),
            ..AnswerRow::default()
        });
        let who = Some(actor.username.clone());
        match step {
            Step::Claim { .. } | Step::Submit | Step::Sanggah { .. } => {
                policy::answer_indicator(actor, assigned)?
            }
            Step::Return { .. } | Step::Accept { .. } => policy::review_evaluation(actor)?,
            Step::Assess { .. } | Step::Validate { .. } => policy::validate_evaluation(actor)?,
        }
        if p.imported {
            return Err(rule("eval_archived"));
        }
        match step {
            Step::Claim {
                level: l,
                explanation,
            } => {
                editable(&a)?;
                let l = level("level", *l)?;
                let e = required("explanation", explanation, 5000, true).map_err(invalid)?;
                a.claimed_level = Some(l);
                a.explanation = Some(e);
                a.review_status = "draf".into();
            }
            Step::Submit => {
                editable(&a)?;
                if a.claimed_level.is_none() {
                    return Err(AppError::Rule(FieldError::new("level", "eval_no_claim")));
                }
                a.review_status = "diajukan".into();
                (a.submitted_by, a.submitted_at) = (who, Some(now.clone()));
            }
            Step::Return { note } => {
                if a.review_status != "diajukan" {
                    return Err(rule("eval_not_submitted"));
                }
                let note = required("note", note, 2000, true).map_err(invalid)?;
                a.review_status = "dikembalikan".into();
                a.reviewer_note = Some(note);
                (a.reviewed_by, a.reviewed_at) = (who, Some(now.clone()));
            }
            Step::Accept { note } => {
                if a.review_status != "diajukan" {
                    return Err(rule("eval_not_submitted"));
                }
                a.reviewer_note = optional("note", note.as_deref(), 2000, true).map_err(invalid)?;
                a.review_status = "diterima".into();
                (a.reviewed_by, a.reviewed_at) = (who, Some(now.clone()));
            }
            Step::Assess {
                document_level,
                interview_note,
            } => {
                in_validation(&a)?;
                a.document_level = Some(level("document_level", *document_level)?);
                a.interview_note =
                    optional("interview_note", interview_note.as_deref(), 5000, true)
                        .map_err(invalid)?;
            }
            Step::Sanggah { text } => {
                in_validation(&a)?;
                if a.document_level.is_none() {
                    return Err(rule("eval_no_assessment"));
                }
                a.sanggah = Some(required("text", text, 5000, true).map_err(invalid)?);
                a.sanggah_at = Some(now.clone());
            }
            Step::Validate { level: l } => {
                in_validation(&a)?;
                if a.document_level.is_none() {
                    return Err(rule("eval_no_assessment"));
                }
                a.validated_level = Some(level("level", *l)?);
                (a.validated_by, a.validated_at) = (who, Some(now.clone()));
                a.signature = Some(signature(&p, &a, &self.platform_key()?));
            }
        }
        a.updated_at = now.clone();
        store::put_answer(&mut tx, &a).await?;
        let action = format!("evaluation.{}", step.code());
        audit::append(
            &mut tx,
            actor.audit(&action, "evaluation", &p.id, before.as_ref(), Some(&a)),
            &now,
        )
        .await?;
        commit(tx).await?;
        Ok(a)
    }
}
