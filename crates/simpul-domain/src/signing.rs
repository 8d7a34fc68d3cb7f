//! Signed documents (SEC-1): canonical JSON, the platform's Ed25519 key, and the export
//! format `{ "decision": {...}, "signature": "<hex>", "public_key": "<hex>",
//! "algorithm": "Ed25519" }` that anyone can verify offline with the published public key.
//!
//! The signature covers the canonical form of `decision` (object keys sorted, no whitespace),
//! so a verifier re-canonicalises what it reads instead of trusting the file's formatting.
//! Pure: the caller supplies the random seed and does the file I/O.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The only algorithm the export format names.
pub const ALGORITHM: &str = "Ed25519";

/// Canonical JSON: object keys sorted by their UTF-8 bytes, no insignificant whitespace,
/// strings escaped as `serde_json` does. Independent of serde_json's map ordering features.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The platform's signing key. `Debug` never shows the secret.
#[derive(Clone)]
pub struct PlatformKey(SigningKey);

impl std::fmt::Debug for PlatformKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PlatformKey(public {})", self.public_hex())
    }
}

impl PlatformKey {
    /// The key for a 32-byte secret seed (from a CSPRNG, or read back from the key file).
    pub fn from_seed(seed: &[u8; 32]) -> PlatformKey {
        PlatformKey(SigningKey::from_bytes(seed))
    }

    /// The secret seed, for writing the key file.
    pub fn seed(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The public key as 64 lower-case hex digits (what is published).
    pub fn public_hex(&self) -> String {
        hex::encode(self.0.verifying_key().to_bytes())
    }

    /// Signs raw bytes; the signature as 128 lower-case hex digits.
    pub fn sign_bytes(&self, message: &[u8]) -> String {
        hex::encode(self.0.sign(message).to_bytes())
    }

    /// Signs the canonical form of `document` and returns the export envelope.
    pub fn sign(&self, document: &Value) -> SignedExport {
        let sig = self.0.sign(canonical_json(document).as_bytes());
        SignedExport {
            decision: document.clone(),
            signature: hex::encode(sig.to_bytes()),
            public_key: self.public_hex(),
            algorithm: ALGORITHM.to_owned(),
        }
    }
}

/// The signed export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedExport {
    /// The signed document.
    pub decision: Value,
    /// Ed25519 signature over the canonical JSON of `decision`, 128 lower-case hex digits.
    pub signature: String,
    /// The signer's public key, 64 lower-case hex digits.
    pub public_key: String,
    /// Always `Ed25519`.
    pub algorithm: String,
}

impl SignedExport {
    /// The file content: compact canonical JSON, so that every byte is significant.
    pub fn to_file(&self) -> String {
        canonical_json(&serde_json::to_value(self).unwrap_or(Value::Null))
    }
}

/// Why a signed file does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("the file is not a signed export (JSON with decision, signature, public_key, algorithm): {0}")]
    Malformed(String),
    #[error("unsupported algorithm `{0}` (expected Ed25519)")]
    Algorithm(String),
    #[error("{0} is not lower-case hex of the right length")]
    Encoding(&'static str),
    #[error("the public key in the file is not a valid Ed25519 key")]
    BadKey,
    #[error("the file was signed with key {found}, not with the expected key {expected}")]
    KeyMismatch { found: String, expected: String },
    #[error("the signature does not match the decision: the file was changed after signing")]
    Signature,
}

/// Parses lower-case hex of exactly `N` bytes (upper case is refused so that every byte of
/// the file matters).
fn strict_hex<const N: usize>(field: &'static str, s: &str) -> Result<[u8; N], VerifyError> {
    let ok = s.len() == N * 2 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let bytes = if ok { hex::decode(s).ok() } else { None };
    bytes
        .and_then(|b| b.try_into().ok())
        .ok_or(VerifyError::Encoding(field))
}

/// Verifies an Ed25519 signature (hex) over `message` by the public key `public_hex`.
pub fn verify_bytes(
    public_hex: &str,
    message: &[u8],
    signature_hex: &str,
) -> Result<(), VerifyError> {
    let key: [u8; 32] = strict_hex("public_key", public_hex)?;
    let sig: [u8; 64] = strict_hex("signature", signature_hex)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| VerifyError::BadKey)?;
    key.verify(message, &Signature::from_bytes(&sig))
        .map_err(|_| VerifyError::Signature)
}

/// Verifies a signed export file. With `expected_key` (hex), the file must also be signed by
/// that key; without it, the key embedded in the file is used (which proves only integrity,
/// not who signed). Returns the verified envelope.
pub fn verify_file(text: &str, expected_key: Option<&str>) -> Result<SignedExport, VerifyError> {
    let env: SignedExport =
        serde_json::from_str(text).map_err(|e| VerifyError::Malformed(e.to_string()))?;
    if env.algorithm != ALGORITHM {
        return Err(VerifyError::Algorithm(env.algorithm));
    }
    let key: [u8; 32] = strict_hex("public_key", &env.public_key)?;
    let sig: [u8; 64] = strict_hex("signature", &env.signature)?;
    if let Some(expected) = expected_key {
        let expected = expected.trim().to_ascii_lowercase();
        strict_hex::<32>("expected public key", &expected)?;
        if expected != env.public_key {
            return Err(VerifyError::KeyMismatch {
                found: env.public_key,
                expected,
            });
        }
    }
    let key = VerifyingKey::from_bytes(&key).map_err(|_| VerifyError::BadKey)?;
    key.verify(
        canonical_json(&env.decision).as_bytes(),
        &Signature::from_bytes(&sig),
    )
    .map_err(|_| VerifyError::Signature)?;
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key() -> PlatformKey {
        PlatformKey::from_seed(&[7u8; 32])
    }

    fn doc() -> Value {
        json!({"region": "metro", "kind": "teguran_tertulis", "findings": [{"rule": "APP-2", "citation": "Pasal 17 ayat (1) — “Pembangunan …”"}], "note": "baris\nkedua"})
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let v = json!({"b": 1, "a": {"d": [true, null], "c": "x"}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":"x","d":[true,null]},"b":1}"#
        );
    }

    #[test]
    fn a_signed_file_verifies_with_and_without_the_expected_key() {
        let k = key();
        let file = k.sign(&doc()).to_file();
        assert_eq!(verify_file(&file, None).unwrap().decision, doc());
        assert!(verify_file(&file, Some(&k.public_hex())).is_ok());
        assert!(verify_file(&file, Some(&k.public_hex().to_uppercase())).is_ok());
        // Reformatting the file does not matter: the decision is re-canonicalised.
        let pretty = serde_json::to_string_pretty(&k.sign(&doc())).unwrap();
        assert!(verify_file(&pretty, None).is_ok());
    }

    #[test]
    fn flipping_any_one_byte_of_the_file_makes_verification_fail() {
        let file = key().sign(&doc()).to_file().into_bytes();
        for i in 0..file.len() {
            for mask in [0x01u8, 0x20] {
                let mut bad = file.clone();
                bad[i] ^= mask;
                let text = String::from_utf8_lossy(&bad);
                assert!(
                    verify_file(&text, None).is_err(),
                    "byte {i} ^ {mask:#x} still verifies: {text}"
                );
            }
        }
    }

    #[test]
    fn another_key_is_named_as_a_mismatch() {
        let file = key().sign(&doc()).to_file();
        let other = PlatformKey::from_seed(&[8u8; 32]).public_hex();
        assert!(matches!(
            verify_file(&file, Some(&other)),
            Err(VerifyError::KeyMismatch { .. })
        ));
        assert!(matches!(
            verify_file(&file, Some("zz")),
            Err(VerifyError::Encoding(_))
        ));
    }

    #[test]
    fn a_changed_decision_is_a_signature_failure() {
        let mut env = key().sign(&doc());
        env.decision["kind"] = json!("teguran_lisan");
        assert_eq!(
            verify_file(&env.to_file(), None),
            Err(VerifyError::Signature)
        );
        assert!(!format!("{:?}", key()).contains(&hex::encode([7u8; 32])));
    }
}
