//! Reading and verifying the audit trail (SEC-1), and anchoring it outside the database
//! (issue 9.7): signed checkpoints of the chain head, appended to
//! `<data_dir>/audit-checkpoints.jsonl` (hourly by `serve`, and by `simpul audit checkpoint`)
//! and served to external witnesses, prove later that no entry up to them was changed or
//! removed, even by someone who rewrote the rows and `audit_head` together.

use crate::platform::metrics::{self, Job};
use crate::platform::policy;
use crate::{Actor, App, AppError, Result};
use simpul_domain::audit::{verify_anchored, ChainBreak, Checkpoint, StoredEntry};
use simpul_store::audit::{AuditFilter, AuditRow};
use simpul_store::{audit, Page, Paging};
use std::io::Write;
use std::time::Duration;

/// The append-only checkpoint file's name inside the data directory.
pub const CHECKPOINT_FILE: &str = "audit-checkpoints.jsonl";

/// Reads checkpoints: one JSON object per line (the checkpoint file, or what
/// `GET /api/v1/audit/checkpoint` returned). Empty lines are skipped.
pub fn parse_checkpoints(text: &str) -> std::result::Result<Vec<Checkpoint>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l.trim())
                .map_err(|e| format!("line {}: not a checkpoint: {e}", i + 1))
        })
        .collect()
}

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
        if crate::catalogue::documents::redact_snapshot(actor, &mut v) {
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
            actor.region().as_str(),
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
            .filter(|r| r.region.as_deref() == Some(actor.region().as_str()))
            .map(|mut r| {
                redact(actor, &mut r);
                r
            })
            .collect())
    }

    /// Recomputes the whole chain in batches. `Ok(n)` is the number of verified entries.
    pub async fn verify_audit_chain(&self) -> Result<Result<i64, ChainBreak>> {
        self.verify_audit_chain_against(&[]).await
    }

    /// Recomputes the whole chain and checks it against signed checkpoints: each must be
    /// signed by this platform's key, and its entry must exist with its hash.
    pub async fn verify_audit_chain_against(
        &self,
        checkpoints: &[Checkpoint],
    ) -> Result<Result<i64, ChainBreak>> {
        let mut anchors = Vec::with_capacity(checkpoints.len());
        if !checkpoints.is_empty() {
            let key = self.public_key_hex()?;
            for cp in checkpoints {
                if let Err(e) = cp.verify(&key) {
                    return Ok(Err(ChainBreak::BadCheckpoint {
                        seq: cp.seq,
                        reason: e.to_string(),
                    }));
                }
                anchors.push(cp.anchor());
            }
        }
        let mut c = self.store.read().await?;
        let Some(head) = audit::head(&mut c).await? else {
            return Ok(Err(ChainBreak::HeadMissing));
        };
        // Read in batches: the verifier is an iterator over all entries in order.
        let mut all: Vec<StoredEntry> = Vec::new();
        let mut after = 0;
        loop {
            let batch = audit::chain_batch(&mut c, after, 5000).await?;
            let Some(last) = batch.last() else { break };
            after = last.content.seq;
            all.extend(batch);
        }
        Ok(verify_anchored(all, Some(head), &anchors))
    }

    /// A checkpoint of the current head, signed now with the platform key (not stored).
    pub async fn sign_audit_head(&self) -> Result<Checkpoint> {
        let head = audit::head(&mut *self.store.read().await?).await?;
        let (seq, hash) = head.ok_or_else(|| AppError::Internal("audit_head is missing".into()))?;
        let key = self.platform_key()?;
        Ok(Checkpoint::sign(
            &key,
            seq,
            &hash,
            &simpul_domain::now_str(),
        ))
    }

    /// The current signed head, for an external witness to store (administrators, auditors).
    pub async fn audit_checkpoint(&self, actor: &Actor) -> Result<Checkpoint> {
        policy::view_audit_checkpoint(actor)?;
        self.sign_audit_head().await
    }

    /// Signs the current head and appends it to the checkpoint file.
    pub async fn write_audit_checkpoint(&self) -> Result<Checkpoint> {
        let cp = self.sign_audit_head().await?;
        let path = self.config.data_dir.join(CHECKPOINT_FILE);
        let line = serde_json::to_string(&cp).map_err(|e| AppError::Internal(e.to_string()))?;
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.config.data_dir)?;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)?;
            f.write_all(format!("{line}\n").as_bytes())?;
            f.sync_all()
        };
        write().map_err(|e| AppError::Internal(format!("writing {}: {e}", path.display())))?;
        Ok(cp)
    }

    /// Writes a checkpoint at start and then hourly when the head moved (started by `serve`).
    pub fn spawn_hourly_audit_checkpoints(&self) {
        let app = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(3600));
            let mut last: Option<i64> = None;
            loop {
                tick.tick().await;
                let head = match app.store.read().await {
                    Ok(mut c) => audit::head(&mut c).await.ok().flatten(),
                    Err(_) => None,
                };
                if head.as_ref().map(|h| h.0) == last {
                    continue;
                }
                match metrics::timed(Job::AuditCheckpoint, app.write_audit_checkpoint()).await {
                    Ok(cp) => {
                        last = Some(cp.seq);
                        tracing::info!(seq = cp.seq, hash = %cp.hash, "audit checkpoint written");
                    }
                    Err(e) => tracing::warn!(error = %e, "writing the audit checkpoint failed"),
                }
            }
        });
    }
}
