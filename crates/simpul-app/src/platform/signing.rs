//! The platform's Ed25519 signing key (SEC-1): generated on first start into
//! `<data_dir>/signing.key` (64 hex digits of the secret seed, mode 0600), loaded after that.
//! The secret is never logged; only the public key is published.

use crate::{App, AppError, Result};
use rand_core::{OsRng, RngCore};
use simpul_domain::signing::PlatformKey;
use std::io::Write;
use std::path::Path;

/// The key file's name inside the data directory.
pub const KEY_FILE: &str = "signing.key";

impl App {
    /// The platform key, loaded (or created) once per process.
    pub fn platform_key(&self) -> Result<PlatformKey> {
        let mut slot = self
            .signer
            .lock()
            .map_err(|_| AppError::Internal("signing key lock poisoned".into()))?;
        if let Some(k) = slot.as_ref() {
            return Ok(k.clone());
        }
        let k = load_or_create(&self.config.data_dir.join(KEY_FILE))?;
        *slot = Some(k.clone());
        Ok(k)
    }

    /// The published public key, 64 lower-case hex digits.
    pub fn public_key_hex(&self) -> Result<String> {
        Ok(self.platform_key()?.public_hex())
    }
}

fn internal(path: &Path, what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("signing key {}: {what}: {e}", path.display()))
}

fn read_key(path: &Path) -> Result<PlatformKey> {
    let text = std::fs::read_to_string(path).map_err(|e| internal(path, "cannot read", e))?;
    let bytes = hex::decode(text.trim()).map_err(|e| internal(path, "not hex", e))?;
    let seed: [u8; 32] = bytes
        .try_into()
        .map_err(|_| internal(path, "wrong length", "expected 64 hex digits"))?;
    warn_if_readable_by_others(path);
    Ok(PlatformKey::from_seed(&seed))
}

/// Loads the key at `path` if there is one (never creates it): for offline verification.
pub fn load_existing(path: &Path) -> Result<Option<PlatformKey>> {
    if path.exists() {
        read_key(path).map(Some)
    } else {
        Ok(None)
    }
}

/// Loads the key at `path`, or creates it there with a fresh random seed.
pub fn load_or_create(path: &Path) -> Result<PlatformKey> {
    if path.exists() {
        return read_key(path);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| internal(path, "cannot create directory", e))?;
    }
    let mut seed = [0u8; 32];
    OsRng.fill_bytes(&mut seed);
    let key = PlatformKey::from_seed(&seed);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(path) {
        Ok(mut f) => {
            f.write_all(format!("{}\n", hex::encode(seed)).as_bytes())
                .and_then(|_| f.sync_all())
                .map_err(|e| internal(path, "cannot write", e))?;
            tracing::info!(public_key = %key.public_hex(), "generated the platform signing key");
            Ok(key)
        }
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_key(path),
        Err(e) => Err(internal(path, "cannot create", e)),
    }
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(m) = std::fs::metadata(path) {
        if m.permissions().mode() & 0o077 != 0 {
            tracing::warn!(path = %path.display(), "the signing key file is readable by others; chmod 600 it");
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_: &Path) {}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_is_created_once_with_mode_0600_and_loaded_after() {
        let dir = std::env::temp_dir().join(format!("simpul-key-{}", uuid::Uuid::now_v7()));
        let path = dir.join(super::KEY_FILE);
        let a = super::load_or_create(&path).unwrap();
        let b = super::load_or_create(&path).unwrap();
        assert_eq!(a.public_hex(), b.public_hex());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}
