//! `simpul backup --out DIR`, `simpul backup verify DIR` and `simpul restore DIR`, and the
//! scheduled backups of `serve` (`[backup]`). A backup is one directory: the database snapshot,
//! the document files under `blobs/`, the signing key sealed with a passphrase (or left out),
//! the audit checkpoints and `manifest.json` with the SHA-256 and size of each.

pub mod manifest;
mod restore;
pub mod schedule;
pub mod sealed_key;
pub mod take;

use crate::config::Config;
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use manifest::{KeyState, Manifest};
use simpul_store::Store;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    /// New (or empty) directory to write the backup to.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Leave the platform signing key out of the backup (it must then be kept elsewhere).
    #[arg(long)]
    without_signing_key: bool,
    /// File holding the passphrase that seals the signing key (default: one line on stdin).
    #[arg(long)]
    key_passphrase_file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum BackupCommand {
    /// Check a backup's manifest and the hash of every part without restoring it (exit 1 when
    /// a part is missing or altered).
    Verify { dir: PathBuf },
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup directory (with manifest.json).
    dir: PathBuf,
    /// File holding the passphrase of the sealed signing key (default: one line on stdin).
    #[arg(long)]
    key_passphrase_file: Option<PathBuf>,
}

/// Reads the key passphrase from `file`, or one line from standard input.
pub fn read_passphrase(file: Option<&Path>) -> Result<String> {
    let raw = match file {
        Some(f) => {
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
        }
        None => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("reading the key passphrase from standard input")?;
            line
        }
    };
    let pass = raw.trim_end_matches(['\r', '\n']).to_owned();
    if pass.is_empty() {
        bail!("no key passphrase: pipe one line into standard input or give --key-passphrase-file (a backup can also leave the key out with --without-signing-key)");
    }
    Ok(pass)
}

pub async fn backup(cfg: &Config, args: BackupArgs) -> Result<i32> {
    if let Some(BackupCommand::Verify { dir }) = args.command {
        return Ok(verify(&dir));
    }
    let Some(out) = args.out else {
        bail!("give --out DIR (or `simpul backup verify DIR`)");
    };
    let data_dir = PathBuf::from(&cfg.data.dir);
    let key = if args.without_signing_key
        || !data_dir
            .join(simpul_app::platform::signing::KEY_FILE)
            .exists()
    {
        take::KeyChoice::Omit
    } else {
        take::KeyChoice::Seal(read_passphrase(args.key_passphrase_file.as_deref())?)
    };
    let url = &cfg.database.url;
    let store = Store::connect(url, false)
        .await
        .with_context(|| format!("opening {}", crate::config::redact_url(url)))?;
    let src = take::Source {
        store: &store,
        url,
        data_dir: &data_dir,
    };
    let m = take::take(&src, &out, key).await;
    store.close().await;
    let m = m?;
    print_summary(&out, &m);
    Ok(0)
}

fn print_summary(out: &Path, m: &Manifest) {
    println!(
        "Cadangan ditulis ke {} dalam {:.1} s: {} bita ({} basis data {}, skema {}, {} berkas dokumen, kunci penandatangan {}).",
        out.display(),
        m.seconds,
        m.total_bytes(),
        m.backend,
        m.part("database").map(|p| p.size).unwrap_or(0),
        m.schema_version.as_deref().unwrap_or("-"),
        m.blobs.len(),
        match m.signing_key {
            KeyState::Sealed => "terenkripsi",
            KeyState::Omitted => "tidak disertakan",
            KeyState::Absent => "belum ada",
        }
    );
    if let Ok((sha, _)) = manifest::hash_file(&out.join(manifest::FILE)) {
        println!("SHA-256 manifest.json: {sha} (catat di luar server untuk membuktikan cadangan tidak diganti)");
    }
}

/// `simpul backup verify DIR`: 0 when every part matches, 1 otherwise.
pub fn verify(dir: &Path) -> i32 {
    match Manifest::read(dir).and_then(|m| m.verify(dir).map(|()| m)) {
        Ok(m) => {
            println!(
                "OK: cadangan {} utuh ({}, skema {}, dibuat {} oleh Simpul {}; {} bagian, {} berkas dokumen, {} bita).",
                dir.display(),
                m.backend,
                m.schema_version.as_deref().unwrap_or("-"),
                m.created_at,
                m.simpul_version,
                m.parts.len(),
                m.blobs.len(),
                m.total_bytes()
            );
            0
        }
        Err(e) => {
            eprintln!("GAGAL: {e}");
            1
        }
    }
}

pub async fn restore(cfg: &Config, args: RestoreArgs) -> Result<i32> {
    restore::run(cfg, &args.dir, args.key_passphrase_file.as_deref()).await
}
