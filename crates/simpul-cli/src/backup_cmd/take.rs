//! Taking a backup (`simpul backup --out DIR` and `serve`'s schedule): the database snapshot
//! first, then the document files (content-addressed, so every file a snapshot row refers to
//! was written before that row committed and is still there), the signing key sealed with the
//! passphrase or left out, the audit checkpoints, and the manifest last: a directory without
//! `manifest.json` is an unfinished backup.

use super::manifest::{self, Blob, KeyState, Manifest, Part};
use super::sealed_key::SealedKey;
use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use simpul_app::platform::{audit::CHECKPOINT_FILE, signing::KEY_FILE};
use simpul_store::{Backend, Store};
use std::io::{Read, Write};
use std::path::Path;

/// What to do with the platform signing key.
pub enum KeyChoice {
    /// Seal it with this passphrase.
    Seal(String),
    /// Leave it out of the backup.
    Omit,
}

/// Where the backup is taken from.
pub struct Source<'a> {
    pub store: &'a Store,
    /// The URL `store` was opened with.
    pub url: &'a str,
    pub data_dir: &'a Path,
}

/// Writes a backup of `src` into `out` (absent or an empty directory) and returns its manifest.
pub async fn take(src: &Source<'_>, out: &Path, key: KeyChoice) -> Result<Manifest> {
    let started = std::time::Instant::now();
    prepare_out(out)?;
    let created_at = simpul_domain::now_str();
    let schema_version = src
        .store
        .schema_version()
        .await
        .context("reading the schema version")?;
    let snapshot = src
        .store
        .snapshot(src.url, out)
        .await
        .context("taking the database snapshot")?;
    let mut parts = vec![part(&snapshot, "database")?];

    let (from, to) = (
        src.data_dir.join(manifest::BLOBS),
        out.join(manifest::BLOBS),
    );
    let blobs = tokio::task::spawn_blocking(move || copy_blobs(&from, &to))
        .await
        .context("copying document files")??;
    if src.store.backend() == Backend::Sqlite {
        check_snapshot_blobs(&snapshot, &blobs).await?;
    }

    let key_path = src.data_dir.join(KEY_FILE);
    let signing_key = match (key_path.exists(), key) {
        (false, _) => KeyState::Absent,
        (true, KeyChoice::Omit) => KeyState::Omitted,
        (true, KeyChoice::Seal(pass)) => {
            let secret = std::fs::read(&key_path)
                .with_context(|| format!("reading {}", key_path.display()))?;
            let sealed = tokio::task::spawn_blocking(move || SealedKey::seal(&secret, &pass))
                .await
                .context("sealing the signing key")??;
            let path = out.join(manifest::SEALED_KEY);
            write_private(&path, serde_json::to_string_pretty(&sealed)?.as_bytes())?;
            parts.push(part(&path, "signing_key")?);
            KeyState::Sealed
        }
    };
    let checkpoints = src.data_dir.join(CHECKPOINT_FILE);
    if checkpoints.exists() {
        let dst = out.join(CHECKPOINT_FILE);
        std::fs::copy(&checkpoints, &dst)
            .with_context(|| format!("copying {}", checkpoints.display()))?;
        parts.push(part(&dst, "audit_checkpoints")?);
    }
    let m = Manifest {
        format: manifest::FORMAT.into(),
        format_version: 1,
        simpul_version: env!("CARGO_PKG_VERSION").into(),
        created_at,
        backend: match src.store.backend() {
            Backend::Sqlite => "sqlite".into(),
            Backend::Postgres => "postgres".into(),
        },
        schema_version,
        signing_key,
        parts,
        blobs,
        seconds: started.elapsed().as_secs_f64(),
    };
    m.write(out)?;
    Ok(m)
}

/// Creates `out` (mode 0700: the snapshot holds password hashes) or accepts it empty.
fn prepare_out(out: &Path) -> Result<()> {
    if out.exists() {
        let mut entries =
            std::fs::read_dir(out).with_context(|| format!("reading {}", out.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty: give a new directory for each backup",
                out.display()
            );
        }
    }
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

fn part(path: &Path, kind: &str) -> Result<Part> {
    let (sha256, size) =
        manifest::hash_file(path).with_context(|| format!("hashing {}", path.display()))?;
    Ok(Part {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        kind: kind.into(),
        sha256,
        size,
    })
}

/// Writes a file only its owner can read.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

/// Copies every document file under `from` to the same place under `to`, hashing it on the
/// way; temporary files of uploads in flight are skipped, and so is (with a warning) a file
/// whose content no longer matches its name.
pub fn copy_blobs(from: &Path, to: &Path) -> Result<Vec<Blob>> {
    let mut out = Vec::new();
    for path in
        manifest::files_under(from).with_context(|| format!("listing {}", from.display()))?
    {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !manifest::is_digest(&name) {
            continue;
        }
        let dst = manifest::blob_path(to, &name);
        let (sha, size) = match copy_hashing(&path, &dst) {
            Ok(x) => x,
            // Swept between the listing and the copy: no longer referenced.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("copying {}", path.display())),
        };
        if sha != name {
            tracing::warn!(file = %path.display(), "document file is damaged (content does not match its name); left out of the backup");
            std::fs::remove_file(&dst)?;
            continue;
        }
        out.push(Blob { sha256: sha, size });
    }
    Ok(out)
}

/// Copies `src` to `dst` (creating its directory) and returns the SHA-256 and size copied.
pub fn copy_hashing(src: &Path, dst: &Path) -> std::io::Result<(String, u64)> {
    let mut input = std::fs::File::open(src)?;
    if let Some(dir) = dst.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut output = std::fs::File::create(dst)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        output.write_all(&buf[..n])?;
        size += n as u64;
    }
    Ok((hex::encode(h.finalize()), size))
}

/// SQLite: every document file the snapshot refers to must have been copied.
async fn check_snapshot_blobs(snapshot: &Path, blobs: &[Blob]) -> Result<()> {
    let referenced = simpul_store::backup::sqlite_snapshot_references(snapshot)
        .await
        .context("reading the snapshot")?;
    let have: std::collections::HashSet<&str> = blobs.iter().map(|b| b.sha256.as_str()).collect();
    if let Some(missing) = referenced.iter().find(|r| !have.contains(r.as_str())) {
        bail!("the document file {missing} that the database refers to is missing from the data directory's blobs/");
    }
    Ok(())
}
