//! `simpul restore DIR`: every hash checked first, then only into an empty database and an
//! empty data directory, the sealed key opened before anything is written, then the database,
//! the document files, the key and the audit checkpoints, and last the audit chain verified.

use super::manifest::{self, KeyState, Manifest};
use super::sealed_key::SealedKey;
use super::take::{copy_hashing, write_private};
use crate::config::{redact_url, Config};
use anyhow::{anyhow, bail, Context, Result};
use simpul_app::platform::{audit::CHECKPOINT_FILE, signing::KEY_FILE};
use simpul_store::backup::{self as db, BackupError};
use simpul_store::Backend;
use std::path::{Path, PathBuf};

pub async fn run(cfg: &Config, dir: &Path, passphrase_file: Option<&Path>) -> Result<i32> {
    let m = Manifest::read(dir)?;
    m.verify(dir)?;
    println!(
        "Cadangan {} utuh: {} bagian dan {} berkas dokumen cocok dengan manifest.json.",
        dir.display(),
        m.parts.len(),
        m.blobs.len()
    );
    let url = &cfg.database.url;
    let backend = db::backend_of(url).ok_or_else(|| anyhow!("unsupported database URL"))?;
    let backend_name = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    if m.backend != backend_name {
        bail!(
            "this is a {} backup; restore it into a {} database (the target {} is {backend_name})",
            m.backend,
            m.backend,
            redact_url(url)
        );
    }
    if let Some(v) = &m.schema_version {
        if !simpul_store::migrate::MIGRATIONS
            .iter()
            .any(|x| x.name == v)
        {
            bail!("the backup's schema ({v}) is newer than this Simpul knows: restore it with the Simpul version that made it ({}) or a later one", m.simpul_version);
        }
    }
    match db::ensure_empty_target(url).await {
        Err(BackupError::NotEmpty { tables }) => bail!(
            "refusing to restore: the database {} is not empty ({tables} tables); restore only into a new, empty database",
            redact_url(url)
        ),
        other => other.with_context(|| format!("checking {}", redact_url(url)))?,
    }
    let data_dir = PathBuf::from(&cfg.data.dir);
    ensure_empty_data_dir(&data_dir, url)?;

    // Open the key before writing anything: a wrong passphrase leaves the target untouched.
    let secret = match m.signing_key {
        KeyState::Sealed => {
            let part = m.part("signing_key").ok_or_else(|| {
                anyhow!("the manifest says the key is sealed but lists no key part")
            })?;
            let text = std::fs::read_to_string(dir.join(&part.name))?;
            let sealed: SealedKey = serde_json::from_str(&text)
                .map_err(|e| anyhow!("the sealed signing key is malformed: {e}"))?;
            let pass = super::read_passphrase(passphrase_file)?;
            let secret = tokio::task::spawn_blocking(move || sealed.open(&pass)).await??;
            Some(secret)
        }
        _ => None,
    };

    let started = std::time::Instant::now();
    let db_part = m
        .part("database")
        .ok_or_else(|| anyhow!("the manifest lists no database part"))?;
    db::restore_snapshot(url, &dir.join(&db_part.name))
        .await
        .context("restoring the database")?;
    std::fs::create_dir_all(&data_dir)?;
    let (from, to) = (dir.join(manifest::BLOBS), data_dir.join(manifest::BLOBS));
    let blobs = m.blobs.clone();
    tokio::task::spawn_blocking(move || -> Result<()> {
        for b in &blobs {
            copy_hashing(
                &manifest::blob_path(&from, &b.sha256),
                &manifest::blob_path(&to, &b.sha256),
            )
            .with_context(|| format!("restoring document file {}", b.sha256))?;
        }
        Ok(())
    })
    .await??;
    if let Some(secret) = &secret {
        write_private(&data_dir.join(KEY_FILE), secret)?;
    }
    let checkpoints = m.part("audit_checkpoints").map(|p| {
        let dst = data_dir.join(CHECKPOINT_FILE);
        std::fs::copy(dir.join(&p.name), &dst).map(|_| dst)
    });
    let checkpoints = checkpoints.transpose()?;
    println!(
        "Dipulihkan ke {} dan {} dalam {:.1} s: basis data (skema {}), {} berkas dokumen{}.",
        redact_url(url),
        data_dir.display(),
        started.elapsed().as_secs_f64(),
        m.schema_version.as_deref().unwrap_or("-"),
        m.blobs.len(),
        if secret.is_some() {
            ", kunci penandatangan"
        } else {
            ""
        }
    );

    // The signed checkpoints can only be checked against the restored key.
    let anchor = checkpoints.filter(|_| secret.is_some());
    println!("Memeriksa jejak audit (simpul audit verify):");
    let code = crate::audit_verify(cfg, anchor).await?;
    if m.signing_key != KeyState::Sealed {
        println!(
            "PERHATIAN: cadangan ini tidak memuat kunci penandatangan platform ({}). Salin berkas {KEY_FILE} platform ke {} (mode 0600) sebelum menjalankan `simpul serve`; tanpa kunci itu serve membuat kunci baru, dan keputusan serta titik periksa audit yang ditandatangani sebelumnya tidak cocok dengan kunci tersebut.",
            match m.signing_key {
                KeyState::Omitted => "ditinggalkan dengan --without-signing-key",
                _ => "direktori data sumber tidak punya kunci",
            },
            data_dir.display()
        );
    }
    Ok(code)
}

/// The data directory must be absent or empty; the target SQLite database's own files may be
/// in it (that database was found empty).
fn ensure_empty_data_dir(dir: &Path, url: &str) -> Result<()> {
    let own: Vec<PathBuf> = db::sqlite_path(url)
        .map(|p| db::sqlite_files(&p))
        .unwrap_or_default()
        .into_iter()
        .map(|p| std::path::absolute(&p).unwrap_or(p))
        .collect();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    for entry in entries {
        let path = entry?.path();
        let abs = std::path::absolute(&path).unwrap_or(path.clone());
        if !own.contains(&abs) {
            bail!(
                "refusing to restore: the data directory {} is not empty (it holds {}); restore only into an empty data directory",
                dir.display(),
                path.display()
            );
        }
    }
    Ok(())
}
