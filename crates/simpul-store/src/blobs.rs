//! Content-addressed blob store for documents: each file lives under its SHA-256 in the data
//! directory (`blobs/ab/cd/abcd…`), written atomically, never at a guessable public path.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

impl BlobStore {
    pub fn new(data_dir: &Path) -> BlobStore {
        BlobStore {
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

    /// Stores `bytes` and returns their SHA-256; storing the same content twice is a no-op.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = hex::encode(Sha256::digest(bytes));
        let path = self
            .path(&sha)
            .ok_or_else(|| std::io::Error::other("bad digest"))?;
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(sha);
        }
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let tmp = path.with_extension(format!("tmp{}", uuid::Uuid::now_v7().simple()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await?;
        Ok(sha)
    }

    /// Reads a blob, verifying its content still matches its address.
    pub async fn get(&self, sha: &str) -> std::io::Result<Vec<u8>> {
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

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn blobs_round_trip_by_content_address() {
        let dir =
            std::env::temp_dir().join(format!("simpul-blobs-{}", uuid::Uuid::now_v7().simple()));
        let b = super::BlobStore::new(&dir);
        let sha = b.put(b"halo").await.unwrap();
        assert_eq!(sha.len(), 64);
        assert_eq!(b.put(b"halo").await.unwrap(), sha);
        assert_eq!(b.get(&sha).await.unwrap(), b"halo");
        assert!(b.get("../../etc/passwd").await.is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
