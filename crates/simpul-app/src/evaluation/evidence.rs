//! Evidence files (bukti dukung) of an indicator's answer: uploaded by the operator of the
//! responsible PD while the claim is editable, stored in the document blob store, audited.

use super::{framework_of, period};
use crate::{Actor, App, AppError, Result};
use simpul_domain::catalogue::document;
use simpul_domain::ids::{EvaluationId, EvidenceId};
use simpul_domain::now_str;
use simpul_store::evaluation::{self as store, EvidenceRow};
use simpul_store::{audit, commit};

impl App {
    /// Attaches an evidence file to indicator `n` (operator of the assigned PD, claim editable).
    pub async fn upload_evidence(
        &self,
        actor: &Actor,
        id: EvaluationId,
        n: u16,
        title: &str,
        filename: &str,
        content: &[u8],
    ) -> Result<EvidenceRow> {
        let p = period(&mut *self.store.read().await?, actor, id).await?;
        framework_of(&p)?.indicator(n).ok_or(AppError::NotFound)?;
        // Permission and editability first: nothing is written for someone who may not
        // attach here (issue 9.4). Checked again in the transaction below.
        self.may_attach_evidence(&mut *self.store.read().await?, actor, &p, n)
            .await?;
        let v = document::validate("lainnya", title, filename, "terbuka", content)?;
        let sha = self
            .blobs
            .put(content)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let row = EvidenceRow {
            id: EvidenceId::new().to_string(),
            period_id: p.id.clone(),
            indicator: i64::from(n),
            title: v.title,
            filename: v.filename,
            media_type: v.media_type.to_owned(),
            size_bytes: content.len() as i64,
            sha256: sha,
            uploaded_by: Some(actor.username().to_owned()),
            created_at: now_str(),
        };
        let mut tx = self.store.begin().await?;
        self.may_attach_evidence(&mut tx, actor, &p, n).await?;
        store::insert_evidence(&mut tx, &row).await?;
        audit::append(
            &mut tx,
            actor.audit("evaluation.evidence", "evaluation", &p.id, None, Some(&row)),
            &row.created_at,
        )
        .await?;
        commit(tx).await?;
        Ok(row)
    }

    /// An evidence file's metadata and content; every role of the region may read it.
    pub async fn download_evidence(
        &self,
        actor: &Actor,
        id: EvaluationId,
        evidence: EvidenceId,
    ) -> Result<(EvidenceRow, Vec<u8>)> {
        let mut c = self.store.read().await?;
        let p = period(&mut c, actor, id).await?;
        let e = store::get_evidence(&mut c, &p.id, &evidence.to_string())
            .await?
            .ok_or(AppError::NotFound)?;
        let bytes = self
            .blobs
            .get(&e.sha256)
            .await
            .map_err(|err| AppError::Internal(format!("evidence {}: {err}", e.id)))?;
        Ok((e, bytes))
    }
}
