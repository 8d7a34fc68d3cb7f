//! Documents attached to catalogue records: upload (validated, content-addressed, audited)
//! and download through an access check (SEC-1 confidentiality).

use crate::{policy, Actor, App, AppError, Result};
use simpul_domain::catalogue::document;
use simpul_domain::catalogue::Classification;
use simpul_domain::ids::{DocumentId, RecordId};
use simpul_domain::user::Role;
use simpul_domain::{now_str, Invalid};
use simpul_store::documents::{self, DocumentRow};
use simpul_store::{audit, commit, records};

/// An uploaded file.
pub struct Upload<'a> {
    pub doc_type: &'a str,
    pub title: &'a str,
    pub filename: &'a str,
    pub classification: &'a str,
    pub content: &'a [u8],
}

/// Whether `actor` may download a document: `rahasia` documents only by administrators,
/// auditors and the owning PD's operators; others by every signed-in user of the region.
pub fn may_download(actor: &Actor, d: &DocumentRow) -> bool {
    if d.classification != Classification::Rahasia.code() {
        return true;
    }
    policy::is_admin(actor)
        || actor.role == Role::Auditor
        || (actor.role == Role::OperatorPd && actor.pd == Some(d.pd_id))
}

impl App {
    /// Attaches a document to a record; needs the right to edit the record.
    pub async fn upload_document(
        &self,
        actor: &Actor,
        record: RecordId,
        up: Upload<'_>,
    ) -> Result<DocumentRow> {
        let r = records::get(&mut *self.store.read().await?, &actor.region, record)
            .await?
            .ok_or(AppError::NotFound)?;
        policy::write_record_of(actor, r.kind, r.pd_id)?;
        let v = document::validate(
            up.doc_type,
            up.title,
            up.filename,
            up.classification,
            up.content,
        )?;
        // The blob is written first; an aborted transaction leaves an unreferenced blob, never
        // a row without its file.
        let sha = self
            .blobs
            .put(up.content)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let row = DocumentRow {
            id: DocumentId::new(),
            region: actor.region.clone(),
            record_id: record,
            pd_id: r.pd_id,
            doc_type: v.doc_type.code().to_owned(),
            title: v.title,
            filename: v.filename,
            media_type: v.media_type.to_owned(),
            size_bytes: up.content.len() as i64,
            sha256: sha,
            classification: v.classification.code().to_owned(),
            uploaded_by: actor.id.map(|i| i.to_string()),
            created_at: now_str(),
            retired_reason: None,
        };
        let mut tx = self.store.begin().await?;
        documents::insert(&mut tx, &row).await?;
        audit::append(
            &mut tx,
            actor.audit(
                "document.upload",
                r.kind.code(),
                &record.to_string(),
                None,
                Some(&row),
            ),
            &row.created_at,
        )
        .await?;
        commit(tx).await?;
        self.after_record_change(actor, &[&r]).await;
        Ok(row)
    }

    /// Documents of a record (metadata only).
    pub async fn record_documents(
        &self,
        actor: &Actor,
        record: RecordId,
    ) -> Result<Vec<DocumentRow>> {
        let mut c = self.store.read().await?;
        records::get(&mut c, &actor.region, record)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(documents::for_record(&mut c, record).await?)
    }

    /// A document's metadata and content, after the access check. A `rahasia` document of
    /// another PD is "not found" for those who may not see it.
    pub async fn download_document(
        &self,
        actor: &Actor,
        id: DocumentId,
    ) -> Result<(DocumentRow, Vec<u8>)> {
        let d = documents::get(&mut *self.store.read().await?, &actor.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !may_download(actor, &d) {
            return Err(AppError::NotFound);
        }
        let bytes = self
            .blobs
            .get(&d.sha256)
            .await
            .map_err(|e| AppError::Internal(format!("document {id}: {e}")))?;
        Ok((d, bytes))
    }

    /// Marks a document as withdrawn (kept for the record).
    pub async fn retire_document(&self, actor: &Actor, id: DocumentId, reason: &str) -> Result<()> {
        let reason = simpul_domain::text::required("reason", reason, 500, true)
            .map_err(|e| Invalid(vec![e]))?;
        let now = now_str();
        let mut tx = self.store.begin().await?;
        let before = documents::get(&mut tx, &actor.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let r = records::get(&mut tx, &actor.region, before.record_id)
            .await?
            .ok_or(AppError::NotFound)?;
        policy::write_record_of(actor, r.kind, r.pd_id)?;
        documents::set_retired(&mut tx, &actor.region, id, &reason).await?;
        let after = documents::get(&mut tx, &actor.region, id).await?;
        audit::append(
            &mut tx,
            actor.audit(
                "document.retire",
                r.kind.code(),
                &r.id.to_string(),
                Some(&before),
                after.as_ref(),
            ),
            &now,
        )
        .await?;
        commit(tx).await?;
        self.after_record_change(actor, &[&r]).await;
        Ok(())
    }
}
