//! Sweeping unreferenced blob files (issue 9.4): a file that no `documents` or
//! `evaluation_evidence` row references (an aborted upload, a refused import) is removed once
//! it is older than a grace period, so an upload between writing its file and committing its
//! row is never swept. Run by `simpul blobs gc` and daily by `serve`.

use crate::platform::metrics::{self, Job};
use crate::{App, AppError, Result};
use simpul_store::blobs::{self, SweepReport};
use std::time::Duration;

/// The default grace period: far longer than any upload takes.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(3600);

impl App {
    /// Removes blob files referenced by no row and older than `grace`.
    pub async fn sweep_blobs(&self, grace: Duration) -> Result<SweepReport> {
        // References first, files second: a row committed after this read belongs to a file
        // written after it too, which the grace period keeps.
        let referenced = blobs::referenced(&mut *self.store.read().await?).await?;
        self.blobs
            .sweep(&referenced, grace)
            .await
            .map_err(|e| AppError::Internal(format!("sweeping blobs: {e}")))
    }

    /// Sweeps once a day with [`DEFAULT_GRACE`] (started by `serve`).
    pub fn spawn_daily_blob_sweep(&self) {
        let app = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(24 * 3600));
            loop {
                tick.tick().await;
                match metrics::timed(Job::BlobSweep, app.sweep_blobs(DEFAULT_GRACE)).await {
                    Ok(r) => tracing::info!(
                        removed = r.removed,
                        removed_bytes = r.removed_bytes,
                        kept_young = r.kept_young,
                        referenced = r.referenced,
                        "unreferenced blobs swept"
                    ),
                    Err(e) => tracing::warn!(error = %e, "sweeping unreferenced blobs failed"),
                }
            }
        });
    }
}
