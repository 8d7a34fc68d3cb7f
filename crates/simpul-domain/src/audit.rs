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
}
