//! Scheduled backups of `serve` (`[backup] dir = …, every_hours = 24, keep = 7`): every ten
//! minutes `serve` looks at the newest finished backup in `dir` and takes a new one when it is
//! older than `every_hours` (so a restart neither skips nor doubles one), into
//! `.simpul-<time>.partial`, renamed to `simpul-<time>` once its manifest is written; then the
//! oldest finished backups beyond `keep` are deleted.

use super::manifest;
use super::take::{self, KeyChoice};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The `[backup]` section.
#[derive(serde::Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields, default)]
pub struct BackupConfig {
    /// Directory of the scheduled backups; empty (the default) means no scheduled backups.
    pub dir: String,
    /// Hours between two backups.
    pub every_hours: u64,
    /// Finished backups to keep; older ones are deleted.
    pub keep: usize,
    /// File with the passphrase that seals the signing key in each backup; empty leaves the
    /// key out of scheduled backups (keep a copy of it elsewhere).
    pub key_passphrase_file: String,
}

impl Default for BackupConfig {
    fn default() -> Self {
        BackupConfig {
            dir: String::new(),
            every_hours: 24,
            keep: 7,
            key_passphrase_file: String::new(),
        }
    }
}

const PREFIX: &str = "simpul-";

/// Starts the schedule when `cfg.dir` is set.
pub fn spawn(app: simpul_app::App, url: String, cfg: BackupConfig) {
    if cfg.dir.trim().is_empty() {
        return;
    }
    if cfg.key_passphrase_file.is_empty() {
        tracing::warn!("scheduled backups leave the signing key out (backup.key_passphrase_file is not set): keep a copy of signing.key elsewhere");
    }
    let every = Duration::from_secs(cfg.every_hours.max(1) * 3600);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600).min(every));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let dir = PathBuf::from(&cfg.dir);
            if !is_due(&dir, every) {
                continue;
            }
            match run_once(&app, &url, &cfg, &dir).await {
                Ok(path) => tracing::info!(backup = %path.display(), "scheduled backup written"),
                Err(e) => tracing::warn!(error = %format!("{e:#}"), "scheduled backup failed"),
            }
        }
    });
}

/// Whether the newest finished backup in `dir` is older than `every` (or there is none).
fn is_due(dir: &Path, every: Duration) -> bool {
    let newest = finished(dir).ok().and_then(|v| v.last().cloned());
    let age = newest
        .and_then(|p| std::fs::metadata(p.join(manifest::FILE)).ok())
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.elapsed().ok());
    age.is_none_or(|a| a >= every)
}

/// Takes one backup into `dir` and applies the retention; returns the new backup's path.
pub async fn run_once(
    app: &simpul_app::App,
    url: &str,
    cfg: &BackupConfig,
    dir: &Path,
) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    remove_partials(dir)?;
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .context("formatting the time")?;
    let partial = dir.join(format!(".{PREFIX}{stamp}.partial"));
    let done = dir.join(format!("{PREFIX}{stamp}"));
    let key = if cfg.key_passphrase_file.is_empty() {
        KeyChoice::Omit
    } else {
        KeyChoice::Seal(super::read_passphrase(Some(Path::new(
            &cfg.key_passphrase_file,
        )))?)
    };
    let src = take::Source {
        store: &app.store,
        url,
        data_dir: &app.config.data_dir,
    };
    take::take(&src, &partial, key).await?;
    std::fs::rename(&partial, &done)
        .with_context(|| format!("renaming {} to {}", partial.display(), done.display()))?;
    for old in prune(dir, cfg.keep)? {
        tracing::info!(backup = %old.display(), "old backup deleted (backup.keep)");
    }
    Ok(done)
}

/// The finished backups in `dir`, oldest first (their names sort by time).
fn finished(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX))
                && p.join(manifest::FILE).is_file()
        })
        .collect();
    out.sort();
    Ok(out)
}

/// Deletes the oldest finished backups beyond `keep` (at least one is always kept) and
/// returns them.
pub fn prune(dir: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let all = finished(dir)?;
    let excess = all.len().saturating_sub(keep.max(1));
    let old: Vec<PathBuf> = all.into_iter().take(excess).collect();
    for p in &old {
        std::fs::remove_dir_all(p).with_context(|| format!("deleting {}", p.display()))?;
    }
    Ok(old)
}

/// Removes unfinished backups left by an interrupted run.
fn remove_partials(dir: &Path) -> Result<()> {
    for e in std::fs::read_dir(dir)?.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&format!(".{PREFIX}")) && name.ends_with(".partial") {
            std::fs::remove_dir_all(e.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn retention_deletes_the_oldest_finished_backups_beyond_keep() {
        let dir = std::env::temp_dir().join(format!("simpul-prune-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for name in [
            "simpul-20261201T000000Z",
            "simpul-20261202T000000Z",
            "simpul-20261203T000000Z",
        ] {
            std::fs::create_dir_all(dir.join(name)).unwrap();
            std::fs::write(dir.join(name).join(super::manifest::FILE), "{}").unwrap();
        }
        // Unfinished and foreign directories are never counted or deleted by retention.
        std::fs::create_dir_all(dir.join("simpul-20261130T000000Z")).unwrap();
        std::fs::create_dir_all(dir.join("lain")).unwrap();
        let gone = super::prune(&dir, 2).unwrap();
        assert_eq!(gone, vec![dir.join("simpul-20261201T000000Z")]);
        assert!(dir.join("simpul-20261203T000000Z").exists());
        assert!(dir.join("simpul-20261130T000000Z").exists() && dir.join("lain").exists());
        assert!(
            super::prune(&dir, 0).unwrap().len() == 1,
            "keep 0 still keeps one"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
