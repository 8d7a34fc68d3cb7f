//! Documents attached to catalogue records: upload (validated, content-addressed, audited)
//! and download through an access check (SEC-1 confidentiality).

use crate::platform::policy;
use crate::{Actor, App, AppError, Result};
use simpul_domain::catalogue::document;
use simpul_domain::catalogue::Classification;
use simpul_domain::ids::{DocumentId, RecordId};
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

/// Whether `actor` may see (and download) a document: [`policy::may_see_document`].
pub fn may_see(actor: &Actor, d: &DocumentRow) -> bool {
    policy::may_see_document(actor, &d.classification, d.pd_id)
}

/// The documents of a record the caller may see, and how many others there are (shown only
/// as "n dokumen terbatas").
#[derive(Debug, Default)]
pub struct RecordDocuments {
    pub visible: Vec<DocumentRow>,
    pub restricted: usize,
}

/// Removes what a document snapshot in an audit entry tells about a document `actor` may not
/// see (title, file name, size, SHA-256, type, withdrawal reason); marks it `restricted`.
/// Returns whether it changed anything.
pub fn redact_snapshot(actor: &Actor, v: &mut serde_json::Value) -> bool {
    let serde_json::Value::Object(m) = v else {
        return false;
    };
    let is_document = m.contains_key("sha256") && m.contains_key("record_id");
    let classification = m.get("classification").and_then(|c| c.as_str());
    let pd = m
        .get("pd_id")
        .and_then(|p| p.as_str())
        .and_then(|p| p.parse().ok());
    match (is_document, classification, pd) {
        (true, Some(c), Some(pd)) if policy::may_see_document(actor, c, pd) => return false,
        (true, Some(c), None) if c != Classification::Rahasia.code() => return false,
        (true, _, _) => {}
        _ => return false,
    }
    for key in [
        "title",
        "filename",
        "media_type",
        "size_bytes",
        "sha256",
        "doc_type",
        "retired_reason",
    ] {
        if let Some(x) = m.get_mut(key) {
            *x = serde_json::Value::Null;
        }
    }
    m.insert("restricted".into(), serde_json::Value::Bool(true));
    true
}

impl App {
    /// Attaches a document to a record; needs the right to edit the record.
    pub async fn upload_document(
        &self,
        actor: &Actor,
        record: RecordId,
        up: Upload<'_>,
    ) -> Result<DocumentRow> {
        let r = records::get(&mut *self.store.read().await?, actor.region(), record)
            .await?
            .ok_or(AppError::NotFound)?;
        crate::catalogue::policy::write_record_of(actor, r.kind, r.pd_id)?;
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
            region: actor.region().clone(),
            record_id: record,
            pd_id: r.pd_id,
            doc_type: v.doc_type.code().to_owned(),
            title: v.title,
            filename: v.filename,
            media_type: v.media_type.to_owned(),
            size_bytes: up.content.len() as i64,
            sha256: sha,
            classification: v.classification.code().to_owned(),
            uploaded_by: actor.id().map(|i| i.to_string()),
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

    /// Documents of a record (metadata only) that the caller may see; the others only counted.
    pub async fn record_documents(
        &self,
        actor: &Actor,
        record: RecordId,
    ) -> Result<RecordDocuments> {
        let mut c = self.store.read().await?;
        records::get(&mut c, actor.region(), record)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut out = RecordDocuments::default();
        for d in documents::for_record(&mut c, record).await? {
            if may_see(actor, &d) {
                out.visible.push(d);
            } else {
                out.restricted += 1;
            }
        }
        Ok(out)
    }

    /// A document's metadata and content, after the access check. A `rahasia` document of
    /// another PD is "not found" for those who may not see it.
    pub async fn download_document(
        &self,
        actor: &Actor,
        id: DocumentId,
    ) -> Result<(DocumentRow, Vec<u8>)> {
        let d = documents::get(&mut *self.store.read().await?, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !may_see(actor, &d) {
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
        let mut tx = self.write(actor).await?;
        let before = documents::get(&mut tx, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        let r = records::get(&mut tx, actor.region(), before.record_id)
            .await?
            .ok_or(AppError::NotFound)?;
        crate::catalogue::policy::write_record_of(actor, r.kind, r.pd_id)?;
        documents::set_retired(&mut tx, actor.region(), id, &reason).await?;
        let after = documents::get(&mut tx, actor.region(), id).await?;
        tx.audit(
            "document.retire",
            r.kind.code(),
            &r.id.to_string(),
            Some(&before),
            after.as_ref(),
        )
        .await?;
        tx.commit(self).await?;
        self.after_record_change(actor, &[&r]).await;
        Ok(())
    }
}
