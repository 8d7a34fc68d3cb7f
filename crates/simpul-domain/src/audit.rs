//! The audit trail's hash chain (SEC-1 integrity). Each entry hashes the previous entry's
//! hash together with its own canonical content, so editing, deleting or reordering any
//! entry breaks every hash after it.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an audit entry that its hash covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditContent {
    pub seq: i64,
    pub region: Option<String>,
    pub at: String,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub role: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before_digest: Option<String>,
    pub after_digest: Option<String>,
}

impl AuditContent {
    /// Canonical byte form: a JSON array in fixed field order (no map-ordering ambiguity).
    pub fn canonical(&self) -> String {
        serde_json::to_string(&(
            self.seq,
            &self.region,
            &self.at,
            &self.actor_id,
            &self.actor_name,
            &self.role,
            &self.action,
            &self.entity_type,
            &self.entity_id,
            &self.before_digest,
            &self.after_digest,
        ))
        .unwrap_or_default()
    }

    /// The entry's hash given the previous entry's hash.
    pub fn chain_hash(&self, prev_hash: &str) -> String {
        let mut h = Sha256::new();
        h.update(prev_hash.as_bytes());
        h.update(b"\n");
        h.update(self.canonical().as_bytes());
        hex::encode(h.finalize())
    }
}

/// SHA-256 of a record snapshot's canonical JSON.
pub fn snapshot_digest(json: &str) -> String {
    hex::encode(Sha256::digest(json.as_bytes()))
}

/// A stored entry as read back for verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub content: AuditContent,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// Why the chain does not verify, naming the first bad entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq}: content or hash was edited")]
    Edited { seq: i64 },
    #[error("entry {seq}: does not link to the entry before it (edited or reordered)")]
    Unlinked { seq: i64 },
    #[error(
        "entry {missing}: missing (deleted) or entries reordered; found entry {found} in its place"
    )]
    Missing { missing: i64, found: i64 },
    #[error("entries after {last} were deleted: the chain head says {head}")]
    Truncated { last: i64, head: i64 },
    #[error("entry {seq}: stored snapshot does not match its digest")]
    SnapshotEdited { seq: i64 },
    #[error("the chain head (audit_head) is missing: it was deleted")]
    HeadMissing,
    #[error("checkpoint {seq} is not valid: {reason}")]
    BadCheckpoint { seq: i64, reason: String },
    #[error("entry {seq}: its hash differs from the signed checkpoint: the entry or one before it was changed and the chain recomputed")]
    CheckpointMismatch { seq: i64 },
    #[error("entry {seq} of the signed checkpoint is gone: the chain now ends at {last} (entries were removed)")]
    CheckpointMissing { seq: i64, last: i64 },
}

/// A signed statement of the chain head at a time (issue 9.7), kept outside the database
/// (`<data_dir>/audit-checkpoints.jsonl`, and by external witnesses), so that rewriting the
/// rows and `audit_head` together is still detected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Sequence number of the newest entry covered.
    pub seq: i64,
    /// That entry's chain hash (64 hex digits).
    pub hash: String,
    /// When the checkpoint was signed (RFC 3339, UTC).
    pub at: String,
    /// The platform's public key, 64 hex digits.
    pub public_key: String,
    /// Ed25519 signature over `simpul-audit-checkpoint/1\n{seq}\n{hash}\n{at}`, 128 hex digits.
    pub signature: String,
}

impl Checkpoint {
    fn message(seq: i64, hash: &str, at: &str) -> String {
        format!("simpul-audit-checkpoint/1\n{seq}\n{hash}\n{at}")
    }

    /// Signs the head `(seq, hash)` at `at`.
    pub fn sign(key: &crate::signing::PlatformKey, seq: i64, hash: &str, at: &str) -> Checkpoint {
        Checkpoint {
            seq,
            hash: hash.to_owned(),
            at: at.to_owned(),
            public_key: key.public_hex(),
            signature: key.sign_bytes(Self::message(seq, hash, at).as_bytes()),
        }
    }

    /// Checks the signature, and that it was made by `expected_key` (the platform's).
    pub fn verify(&self, expected_key: &str) -> Result<(), crate::signing::VerifyError> {
        if !self.public_key.eq_ignore_ascii_case(expected_key) {
            return Err(crate::signing::VerifyError::KeyMismatch {
                found: self.public_key.clone(),
                expected: expected_key.to_owned(),
            });
        }
        crate::signing::verify_bytes(
            &self.public_key,
            Self::message(self.seq, &self.hash, &self.at).as_bytes(),
            &self.signature,
        )
    }

    /// The entry this checkpoint pins.
    pub fn anchor(&self) -> (i64, String) {
        (self.seq, self.hash.clone())
    }
}

/// Like [`verify_chain`], and every anchor `(seq, hash)` (from verified checkpoints) must be
/// an entry of the chain with exactly that hash.
pub fn verify_anchored<I>(
    entries: I,
    head: Option<(i64, String)>,
    anchors: &[(i64, String)],
) -> Result<i64, ChainBreak>
where
    I: IntoIterator<Item = StoredEntry>,
{
    let mut bad: Option<ChainBreak> = None;
    let checked = entries.into_iter().inspect(|e| {
        if bad.is_none() {
            if let Some((_, h)) = anchors.iter().find(|(s, _)| *s == e.content.seq) {
                if *h != e.hash {
                    bad = Some(ChainBreak::CheckpointMismatch { seq: e.content.seq });
                }
            }
        }
    });
    let result = verify_chain(checked, head);
    if let Some(b) = bad {
        return Err(b);
    }
    let last = result?;
    if let Some((seq, _)) = anchors
        .iter()
        .filter(|(s, _)| *s > last)
        .min_by_key(|(s, _)| *s)
    {
        return Err(ChainBreak::CheckpointMissing { seq: *seq, last });
    }
    Ok(last)
}

/// Verifies entries given in storage order against the recorded chain head
/// `(last seq, last hash)`. Returns the number of verified entries.
pub fn verify_chain<I>(entries: I, head: Option<(i64, String)>) -> Result<i64, ChainBreak>
where
    I: IntoIterator<Item = StoredEntry>,
{
    let mut prev_hash = GENESIS.to_owned();
    let mut expected = 1i64;
    for e in entries {
        let seq = e.content.seq;
        if seq != expected {
            return Err(ChainBreak::Missing {
                missing: expected,
                found: seq,
            });
        }
        if e.prev_hash != prev_hash {
            return Err(ChainBreak::Unlinked { seq });
        }
        if e.content.chain_hash(&e.prev_hash) != e.hash {
            return Err(ChainBreak::Edited { seq });
        }
        for (json, digest) in [
            (&e.before_json, &e.content.before_digest),
            (&e.after_json, &e.content.after_digest),
        ] {
            if json.as_deref().map(snapshot_digest) != *digest {
                return Err(ChainBreak::SnapshotEdited { seq });
            }
        }
        prev_hash = e.hash;
        expected += 1;
    }
    let last = expected - 1;
    match head {
        Some((head_seq, head_hash)) if head_seq != last || (last > 0 && head_hash != prev_hash) => {
            if head_seq > last {
                Err(ChainBreak::Truncated {
                    last,
                    head: head_seq,
                })
            } else {
                Err(ChainBreak::Edited { seq: last })
            }
        }
        _ => Ok(last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<StoredEntry> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let after = format!("{{\"name\":\"PD {seq}\"}}");
                let content = AuditContent {
                    seq,
                    region: Some("metro".into()),
                    at: "2026-11-23T10:00:00Z".into(),
                    actor_id: None,
                    actor_name: "admin".into(),
                    role: "admin_kominfo".into(),
                    action: "pd.create".into(),
                    entity_type: "pd".into(),
                    entity_id: seq.to_string(),
                    before_digest: None,
                    after_digest: Some(snapshot_digest(&after)),
                };
                let hash = content.chain_hash(&prev);
                let e = StoredEntry {
                    content,
                    before_json: None,
                    after_json: Some(after),
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn head(c: &[StoredEntry]) -> Option<(i64, String)> {
        c.last().map(|e| (e.content.seq, e.hash.clone()))
    }

    #[test]
    fn untouched_chain_verifies() {
        let c = chain(5);
        let h = head(&c);
        assert_eq!(verify_chain(c, h), Ok(5));
        assert_eq!(verify_chain(Vec::new(), None), Ok(0));
    }

    #[test]
    fn edited_entry_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        c[2].content.actor_name = "someone else".into();
        assert_eq!(verify_chain(c, h), Err(ChainBreak::Edited { seq: 3 }));
    }

    #[test]
    fn edited_snapshot_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        c[1].after_json = Some("{\"name\":\"forged\"}".into());
        assert_eq!(
            verify_chain(c, h),
            Err(ChainBreak::SnapshotEdited { seq: 2 })
        );
    }

    #[test]
    fn deleted_entry_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        c.remove(3);
        assert_eq!(
            verify_chain(c, h),
            Err(ChainBreak::Missing {
                missing: 4,
                found: 5
            })
        );
    }

    #[test]
    fn deleted_last_entry_is_caught_by_the_head() {
        let mut c = chain(5);
        let h = head(&c);
        c.pop();
        assert_eq!(
            verify_chain(c, h),
            Err(ChainBreak::Truncated { last: 4, head: 5 })
        );
    }

    #[test]
    fn reordered_entries_are_caught() {
        let mut c = chain(5);
        let h = head(&c);
        // Swap two rows' contents but keep their sequence numbers in place.
        let (a, b) = (c[1].clone(), c[2].clone());
        c[1] = StoredEntry {
            content: AuditContent {
                seq: 2,
                ..b.content.clone()
            },
            ..b
        };
        c[2] = StoredEntry {
            content: AuditContent {
                seq: 3,
                ..a.content.clone()
            },
            ..a
        };
        assert!(matches!(
            verify_chain(c, h),
            Err(ChainBreak::Unlinked { seq: 2 }) | Err(ChainBreak::Edited { seq: 2 })
        ));
    }

    #[test]
    fn a_truncated_chain_with_a_rewritten_head_fails_against_a_checkpoint() {
        let c = chain(20);
        let anchor = (20, c[19].hash.clone());
        let mut cut = c.clone();
        cut.truncate(10);
        let h = head(&cut);
        assert_eq!(
            verify_chain(cut.clone(), h.clone()),
            Ok(10),
            "the head alone is fooled"
        );
        assert_eq!(
            verify_anchored(cut, h, &[anchor]),
            Err(ChainBreak::CheckpointMissing { seq: 20, last: 10 })
        );
    }

    #[test]
    fn a_recomputed_chain_fails_against_a_checkpoint() {
        let c = chain(8);
        let anchor = (6, c[5].hash.clone());
        // Edit entry 3 and recompute every hash after it, as someone with write access could.
        let mut forged = c.clone();
        forged[2].content.actor_name = "mallory".into();
        let mut prev = forged[1].hash.clone();
        for e in forged.iter_mut().skip(2) {
            e.prev_hash = prev.clone();
            e.hash = e.content.chain_hash(&prev);
            prev = e.hash.clone();
        }
        let h = head(&forged);
        assert_eq!(verify_chain(forged.clone(), h.clone()), Ok(8));
        assert_eq!(
            verify_anchored(forged, h, std::slice::from_ref(&anchor)),
            Err(ChainBreak::CheckpointMismatch { seq: 6 })
        );
        let h = head(&c);
        assert_eq!(verify_anchored(c, h, &[anchor]), Ok(8));
    }

    #[test]
    fn checkpoints_verify_only_with_the_platform_key() {
        let key = crate::signing::PlatformKey::from_seed(&[9u8; 32]);
        let cp = Checkpoint::sign(&key, 42, &"ab".repeat(32), "2026-12-03T09:00:00Z");
        assert!(cp.verify(&key.public_hex()).is_ok());
        let other = crate::signing::PlatformKey::from_seed(&[1u8; 32]);
        assert!(cp.verify(&other.public_hex()).is_err());
        let moved = Checkpoint {
            seq: 41,
            ..cp.clone()
        };
        assert!(moved.verify(&key.public_hex()).is_err());
    }
}
