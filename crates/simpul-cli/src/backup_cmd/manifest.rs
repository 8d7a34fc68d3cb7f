//! `manifest.json` of a backup directory: what it holds (the database snapshot, the sealed
//! signing key, the audit checkpoints, every document file) with the SHA-256 and size of each,
//! and what made it; and the check of a directory against it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

pub const FILE: &str = "manifest.json";
pub const FORMAT: &str = "simpul-backup";
/// The directory of the document files inside a backup (the data directory's layout).
pub const BLOBS: &str = "blobs";
pub const SEALED_KEY: &str = "signing.key.sealed";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub simpul_version: String,
    /// When the snapshot was taken (UTC, RFC 3339).
    pub created_at: String,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// The last schema migration the database had applied.
    pub schema_version: Option<String>,
    /// `sealed` (in the part `signing.key.sealed`), `omitted` (left out on request) or
    /// `absent` (the data directory had none).
    pub signing_key: KeyState,
    /// The database snapshot, the sealed key and the audit checkpoints (when present).
    pub parts: Vec<Part>,
    /// Every document file, by its content address.
    pub blobs: Vec<Blob>,
    /// Seconds the backup took.
    pub seconds: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyState {
    Sealed,
    Omitted,
    Absent,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Part {
    /// File name inside the backup directory.
    pub name: String,
    /// `database`, `signing_key` or `audit_checkpoints`.
    pub kind: String,
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Blob {
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("{0} has no manifest.json: not a finished Simpul backup")]
    Missing(PathBuf),
    #[error("manifest.json is not a Simpul backup manifest: {0}")]
    Invalid(String),
    #[error("part `{name}` of the backup has been altered or damaged ({what})")]
    Altered { name: String, what: String },
    #[error("part `{0}` of the backup is missing")]
    PartMissing(String),
    #[error("the backup holds a file its manifest does not list: {0}")]
    Unlisted(String),
    #[error("I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ManifestError + '_ {
    move |source| ManifestError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// SHA-256 (hex) and size of a file, read in chunks.
pub fn hash_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        size += n as u64;
    }
    Ok((hex::encode(h.finalize()), size))
}

/// Where a blob lives under a root (`<root>/ab/cd/abcd…`).
pub fn blob_path(root: &Path, sha: &str) -> PathBuf {
    root.join(&sha[..2]).join(&sha[2..4]).join(sha)
}

/// Whether `name` is a blob's content address (64 lower-case hex digits).
pub fn is_digest(name: &str) -> bool {
    name.len() == 64
        && name
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Every file under `root` (relative paths, `/`-separated); an absent root has none.
pub fn files_under(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

impl Manifest {
    pub fn read(dir: &Path) -> Result<Manifest, ManifestError> {
        let path = dir.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ManifestError::Missing(dir.to_path_buf()))
            }
            Err(e) => return Err(io(&path)(e)),
        };
        let m: Manifest =
            serde_json::from_str(&text).map_err(|e| ManifestError::Invalid(e.to_string()))?;
        if m.format != FORMAT || m.format_version != 1 {
            return Err(ManifestError::Invalid(format!(
                "format {} version {}",
                m.format, m.format_version
            )));
        }
        if m.blobs.iter().any(|b| !is_digest(&b.sha256)) {
            return Err(ManifestError::Invalid("a blob name is not a digest".into()));
        }
        if m.parts
            .iter()
            .any(|p| p.name.contains(['/', '\\']) || p.name.starts_with('.'))
        {
            return Err(ManifestError::Invalid(
                "a part name is not a plain file name".into(),
            ));
        }
        Ok(m)
    }

    pub fn write(&self, dir: &Path) -> Result<(), ManifestError> {
        let path = dir.join(FILE);
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| ManifestError::Invalid(e.to_string()))?;
        std::fs::write(&path, format!("{text}\n")).map_err(io(&path))
    }

    pub fn part(&self, kind: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.kind == kind)
    }

    /// Bytes of every part and blob.
    pub fn total_bytes(&self) -> u64 {
        self.parts.iter().map(|p| p.size).sum::<u64>()
            + self.blobs.iter().map(|b| b.size).sum::<u64>()
    }

    /// Checks every part and every document file of `dir` against the manifest, naming the
    /// first one that differs, is missing, or is not listed.
    pub fn verify(&self, dir: &Path) -> Result<(), ManifestError> {
        for p in &self.parts {
            let path = dir.join(&p.name);
            let (sha, size) = match hash_file(&path) {
                Ok(x) => x,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(ManifestError::PartMissing(p.name.clone()))
                }
                Err(e) => return Err(io(&path)(e)),
            };
            if sha != p.sha256 || size != p.size {
                return Err(ManifestError::Altered {
                    name: p.name.clone(),
                    what: format!(
                        "SHA-256 {sha} and {size} bytes, manifest says {} and {} bytes",
                        p.sha256, p.size
                    ),
                });
            }
        }
        let root = dir.join(BLOBS);
        let listed: BTreeSet<&str> = self.blobs.iter().map(|b| b.sha256.as_str()).collect();
        for f in files_under(&root).map_err(io(&root))? {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !listed.contains(name.as_str()) || f != blob_path(&root, &name) {
                return Err(ManifestError::Unlisted(rel(dir, &f)));
            }
        }
        for b in &self.blobs {
            let path = blob_path(&root, &b.sha256);
            let name = rel(dir, &path);
            let (sha, size) = match hash_file(&path) {
                Ok(x) => x,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(ManifestError::PartMissing(name))
                }
                Err(e) => return Err(io(&path)(e)),
            };
            if sha != b.sha256 || size != b.size {
                return Err(ManifestError::Altered {
                    name,
                    what: format!("its content hashes to {sha}"),
                });
            }
        }
        Ok(())
    }
}

fn rel(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir).unwrap_or(path).display().to_string()
}
