//! Reading and verifying the audit trail (SEC-1).

use crate::{policy, Actor, App, Result};
use simpul_domain::audit::{verify_chain, ChainBreak, StoredEntry};
use simpul_store::audit::{AuditFilter, AuditRow};
use simpul_store::{audit, Page, Paging};

/// An entry as `actor` may read it: snapshots of documents they may not see lose the
/// document's metadata (issue 9.6). The stored entry and its hash are untouched.
fn redact(actor: &Actor, row: &mut AuditRow) {
    for snapshot in [&mut row.before_json, &mut row.after_json] {
        let Some(text) = snapshot.as_deref() else {
            continue;
        };
        let Ok(mut v) = serde_json::from_str::<serde_json::Value>(text) else {
            continue;
        };
        if crate::documents::redact_snapshot(actor, &mut v) {
            *snapshot = Some(v.to_string());
        }
    }
}

impl App {
    /// The region's audit log with filters.
    pub async fn audit_log(
        &self,
        actor: &Actor,
        f: &AuditFilter,
        paging: Paging,
    ) -> Result<Page<AuditRow>> {
        policy::view_audit_log(actor)?;
        let mut page = audit::list(
            &mut *self.store.read().await?,
            actor.region.as_str(),
            f,
            paging,
        )
        .await?;
        for row in &mut page.items {
            redact(actor, row);
        }
        Ok(page)
    }

    /// History of one record, shown on its page. Entries of other regions are never shown.
    pub async fn history(
        &self,
        actor: &Actor,
        entity_type: &str,
        entity_id: &str,
    ) -> Result<Vec<AuditRow>> {
        let rows = audit::history(&mut *self.store.read().await?, entity_type, entity_id).await?;
        Ok(rows
            .into_iter()
            .filter(|r| r.region.as_deref() == Some(actor.region.as_str()))
            .map(|mut r| {
                redact(actor, &mut r);
                r
            })
            .collect())
    }

    /// Recomputes the whole chain in batches. `Ok(n)` is the number of verified entries.
    pub async fn verify_audit_chain(&self) -> Result<Result<i64, ChainBreak>> {
        let mut c = self.store.read().await?;
        let head = audit::head(&mut c).await?;
        // Stream in batches: the verifier is an iterator over all entries in order.
        let mut all: Vec<StoredEntry> = Vec::new();
        let mut after = 0;
        loop {
            let batch = audit::chain_batch(&mut c, after, 5000).await?;
            let Some(last) = batch.last() else { break };
            after = last.content.seq;
            all.extend(batch);
        }
        Ok(verify_chain(all, Some(head)))
    }
}
