//! Reading and verifying the audit trail (SEC-1).

use crate::{policy, Actor, App, Result};
use simpul_domain::audit::{verify_chain, ChainBreak, StoredEntry};
use simpul_store::audit::{AuditFilter, AuditRow};
use simpul_store::{audit, Page, Paging};

impl App {
    /// The region's audit log with filters.
    pub async fn audit_log(
        &self,
        actor: &Actor,
        f: &AuditFilter,
        paging: Paging,
    ) -> Result<Page<AuditRow>> {
        policy::view_audit_log(actor)?;
        Ok(audit::list(
            &mut *self.store.read().await?,
            actor.region.as_str(),
            f,
            paging,
        )
        .await?)
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
