//! The platform signing key as a backup holds it: encrypted with a key derived from the
//! operator's passphrase by argon2id (64 MiB, 3 passes, salt of 16 random bytes), sealed with
//! XChaCha20-Poly1305 (random 24-byte nonce), the parameters bound in as associated data so
//! that none of them can be changed without the open failing.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "simpul-sealed-key";
/// The shortest passphrase a backup accepts.
pub const MIN_PASSPHRASE: usize = 12;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("wrong passphrase for the signing key in this backup")]
    WrongPassphrase,
    #[error("the sealed signing key is malformed: {0}")]
    Malformed(String),
    #[error("the passphrase must have at least {MIN_PASSPHRASE} characters")]
    ShortPassphrase,
    #[error("no randomness from the operating system: {0}")]
    Random(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SealedKey {
    pub format: String,
    pub kdf: String,
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    pub salt: String,
    pub cipher: String,
    pub nonce: String,
    pub ciphertext: String,
}

impl SealedKey {
    /// Encrypts `secret` under `passphrase`.
    pub fn seal(secret: &[u8], passphrase: &str) -> Result<SealedKey, SealError> {
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Err(SealError::ShortPassphrase);
        }
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 24];
        getrandom::getrandom(&mut salt).map_err(|e| SealError::Random(e.to_string()))?;
        getrandom::getrandom(&mut nonce).map_err(|e| SealError::Random(e.to_string()))?;
        let mut sealed = SealedKey {
            format: FORMAT.into(),
            kdf: "argon2id".into(),
            m_cost_kib: 64 * 1024,
            t_cost: 3,
            p_cost: 1,
            salt: hex::encode(salt),
            cipher: "xchacha20poly1305".into(),
            nonce: hex::encode(nonce),
            ciphertext: String::new(),
        };
        let cipher = sealed.cipher_for(passphrase)?;
        let aad = sealed.associated_data();
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: secret,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| SealError::Malformed("encryption failed".into()))?;
        sealed.ciphertext = hex::encode(ct);
        Ok(sealed)
    }

    /// Decrypts the key; a wrong passphrase (or any changed byte) is [`SealError::WrongPassphrase`].
    pub fn open(&self, passphrase: &str) -> Result<Vec<u8>, SealError> {
        if self.format != FORMAT || self.kdf != "argon2id" || self.cipher != "xchacha20poly1305" {
            return Err(SealError::Malformed(format!(
                "unknown format {} / {} / {}",
                self.format, self.kdf, self.cipher
            )));
        }
        // Bounds on what a file may ask the KDF for (at most 1 GiB, 10 passes).
        if self.m_cost_kib > 1024 * 1024 || self.t_cost > 10 || self.p_cost > 8 {
            return Err(SealError::Malformed(
                "key derivation parameters too large".into(),
            ));
        }
        let nonce = decode(&self.nonce, "nonce")?;
        if nonce.len() != 24 {
            return Err(SealError::Malformed("nonce is not 24 bytes".into()));
        }
        let ct = decode(&self.ciphertext, "ciphertext")?;
        let cipher = self.cipher_for(passphrase)?;
        let aad = self.associated_data();
        cipher
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &ct,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| SealError::WrongPassphrase)
    }

    fn associated_data(&self) -> String {
        format!(
            "{}|{}|m={},t={},p={}|{}|{}|{}",
            self.format,
            self.kdf,
            self.m_cost_kib,
            self.t_cost,
            self.p_cost,
            self.salt,
            self.cipher,
            self.nonce
        )
    }

    fn cipher_for(&self, passphrase: &str) -> Result<XChaCha20Poly1305, SealError> {
        let salt = decode(&self.salt, "salt")?;
        let params = Params::new(self.m_cost_kib, self.t_cost, self.p_cost, Some(32))
            .map_err(|e| SealError::Malformed(e.to_string()))?;
        let mut key = [0u8; 32];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), &salt, &mut key)
            .map_err(|e| SealError::Malformed(e.to_string()))?;
        let cipher = XChaCha20Poly1305::new(Key::from_slice(&key));
        key.fill(0);
        Ok(cipher)
    }
}

fn decode(text: &str, what: &str) -> Result<Vec<u8>, SealError> {
    hex::decode(text).map_err(|_| SealError::Malformed(format!("{what} is not hex")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_opens_with_its_passphrase_only() {
        let s = SealedKey::seal(b"0123abcd", "kata sandi panjang").unwrap();
        assert_eq!(s.open("kata sandi panjang").unwrap(), b"0123abcd");
        assert!(matches!(
            s.open("kata sandi salah!!"),
            Err(SealError::WrongPassphrase)
        ));
        let mut changed = s.clone();
        changed.t_cost = 2;
        assert!(changed.open("kata sandi panjang").is_err());
        assert!(matches!(
            SealedKey::seal(b"x", "pendek"),
            Err(SealError::ShortPassphrase)
        ));
    }
}
