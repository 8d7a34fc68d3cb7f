//! Content-addressed blob store for documents, behind the [`BlobStore`] trait so that object
//! storage (S3-compatible) can be added as another implementation (issue 14). The one
//! implementation today, [`DirBlobStore`], keeps each file under its SHA-256 in the data
//! directory (`blobs/ab/cd/abcd…`), written atomically (temporary file, then rename), never at
//! a guessable public path. Several nodes share it by mounting one directory (NFS or similar)
//! as their data directory: content addressing makes concurrent writes of one file harmless.

use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::{Duration, SystemTime};

/// The future a [`BlobStore`] method returns.
pub type BlobFuture<'a, T> = Pin<Box<dyn Future<Output = std::io::Result<T>> + Send + 'a>>;

/// Where document contents live, addressed by their SHA-256 (lower-case hex).
pub trait BlobStore: Send + Sync {
    /// Stores `bytes` and returns their SHA-256; storing the same content twice is a no-op
    /// that refreshes the blob's age (see [`BlobStore::sweep`]).
    fn put<'a>(&'a self, bytes: &'a [u8]) -> BlobFuture<'a, String>;
    /// Reads a blob, verifying its content still matches its address.
    fn get<'a>(&'a self, sha: &'a str) -> BlobFuture<'a, Vec<u8>>;
    /// Removes blobs that are not in `referenced` and older than `grace`.
    fn sweep<'a>(
        &'a self,
        referenced: &'a HashSet<String>,
        grace: Duration,
    ) -> BlobFuture<'a, SweepReport>;
}

/// What a sweep removed and kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub removed: u64,
    pub removed_bytes: u64,
    /// Unreferenced but younger than the grace period (an upload may be in flight).
    pub kept_young: u64,
    pub referenced: u64,
}

/// Blobs as files under `<data_dir>/blobs`.
#[derive(Debug, Clone)]
pub struct DirBlobStore {
    root: PathBuf,
}

impl BlobStore for DirBlobStore {
    fn put<'a>(&'a self, bytes: &'a [u8]) -> BlobFuture<'a, String> {
        Box::pin(self.put_file(bytes))
    }

    fn get<'a>(&'a self, sha: &'a str) -> BlobFuture<'a, Vec<u8>> {
        Box::pin(self.get_file(sha))
    }

    fn sweep<'a>(
        &'a self,
        referenced: &'a HashSet<String>,
        grace: Duration,
    ) -> BlobFuture<'a, SweepReport> {
        Box::pin(self.sweep_files(referenced, grace))
    }
}

impl DirBlobStore {
    pub fn new(data_dir: &Path) -> DirBlobStore {
        DirBlobStore {
            root: data_dir.join("blobs"),
        }
    }

    fn path(&self, sha: &str) -> Option<PathBuf> {
        let ok = sha.len() == 64
            && sha
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        ok.then(|| self.root.join(&sha[..2]).join(&sha[2..4]).join(sha))
    }

    async fn put_file(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = hex::encode(Sha256::digest(bytes));
        let path = self
            .path(&sha)
            .ok_or_else(|| std::io::Error::other("bad digest"))?;
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            // Refresh its age so that a sweep running before this upload commits keeps it.
            let p = path.clone();
            let touched = tokio::task::spawn_blocking(move || {
                std::fs::File::options()
                    .write(true)
                    .open(&p)
                    .and_then(|f| f.set_modified(SystemTime::now()))
            })
            .await;
            if matches!(touched, Ok(Ok(()))) {
                return Ok(sha);
            }
        }
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let tmp = path.with_extension(format!("tmp{}", uuid::Uuid::now_v7().simple()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await?;
        Ok(sha)
    }

    async fn get_file(&self, sha: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path(sha)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "bad digest"))?;
        let bytes = tokio::fs::read(path).await?;
        if hex::encode(Sha256::digest(&bytes)) != sha {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "blob content does not match its digest",
            ));
        }
        Ok(bytes)
    }
}

impl DirBlobStore {
    /// Removes blob files (and left-over temporary files) that no row references and that
    /// are older than `grace`, so that an upload between its `put` and its commit is never
    /// swept. `referenced` must be read from the database before the sweep starts.
    async fn sweep_files(
        &self,
        referenced: &HashSet<String>,
        grace: Duration,
    ) -> std::io::Result<SweepReport> {
        let root = self.root.clone();
        let referenced = referenced.clone();
        tokio::task::spawn_blocking(move || sweep_dir(&root, &referenced, grace))
            .await
            .map_err(std::io::Error::other)?
    }
}

fn sweep_dir(
    root: &Path,
    referenced: &HashSet<String>,
    grace: Duration,
) -> std::io::Result<SweepReport> {
    let mut rep = SweepReport::default();
    let now = SystemTime::now();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let meta = entry.metadata()?;
            if meta.is_dir() {
                stack.push(entry.path());
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if referenced.contains(&name) {
                rep.referenced += 1;
                continue;
            }
            let age = meta
                .modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .unwrap_or_default();
            if age < grace {
                rep.kept_young += 1;
                continue;
            }
            match std::fs::remove_file(entry.path()) {
                Ok(()) => {
                    rep.removed += 1;
                    rep.removed_bytes += meta.len();
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(rep)
}

/// Every blob digest a row refers to (documents and evaluation evidence).
pub async fn referenced(conn: &mut crate::Conn) -> crate::Result<HashSet<String>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT sha256 FROM documents UNION SELECT sha256 FROM evaluation_evidence",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::BlobStore;

    #[tokio::test]
    async fn blobs_round_trip_by_content_address() {
        let dir =
            std::env::temp_dir().join(format!("simpul-blobs-{}", uuid::Uuid::now_v7().simple()));
        let b = super::DirBlobStore::new(&dir);
        let sha = b.put(b"halo").await.unwrap();
        assert_eq!(sha.len(), 64);
        assert_eq!(b.put(b"halo").await.unwrap(), sha);
        assert_eq!(b.get(&sha).await.unwrap(), b"halo");
        assert!(b.get("../../etc/passwd").await.is_err());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn the_sweep_removes_only_old_unreferenced_blobs() {
        use std::time::{Duration, SystemTime};
        let dir =
            std::env::temp_dir().join(format!("simpul-sweep-{}", uuid::Uuid::now_v7().simple()));
        let b = super::DirBlobStore::new(&dir);
        let kept = b.put(b"dirujuk").await.unwrap();
        let orphan = b.put(b"yatim").await.unwrap();
        let young = b.put(b"baru diunggah").await.unwrap();
        let two_hours_ago = SystemTime::now() - Duration::from_secs(7200);
        for sha in [&kept, &orphan] {
            let f = std::fs::File::options()
                .write(true)
                .open(b.path(sha).unwrap())
                .unwrap();
            f.set_modified(two_hours_ago).unwrap();
        }
        let refs = std::collections::HashSet::from([kept.clone()]);
        let rep = b.sweep(&refs, Duration::from_secs(3600)).await.unwrap();
        assert_eq!((rep.removed, rep.kept_young, rep.referenced), (1, 1, 1));
        assert_eq!(rep.removed_bytes, 5);
        assert!(b.get(&orphan).await.is_err(), "the old orphan is gone");
        assert_eq!(b.get(&kept).await.unwrap(), b"dirujuk");
        assert_eq!(
            b.get(&young).await.unwrap(),
            b"baru diunggah",
            "in-flight upload kept"
        );
        // Storing an old orphan's content again makes it young: a sweep before the commit keeps it.
        let again = b.put(b"yatim").await.unwrap();
        std::fs::File::options()
            .write(true)
            .open(b.path(&young).unwrap())
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        let rep = b.sweep(&refs, Duration::from_secs(3600)).await.unwrap();
        assert_eq!(rep.removed, 1, "only the now old young one");
        assert!(b.get(&again).await.is_ok());
        let _ = std::fs::remove_dir_all(dir);
    }
}
