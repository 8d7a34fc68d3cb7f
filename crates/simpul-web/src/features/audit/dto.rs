//! The API bodies of the audit trail.

use crate::api::dto::response;
use simpul_domain::audit;
use simpul_store::audit as rows;

response! {
    /// An entry as shown in lists and histories.
    AuditRow from rows::AuditRow {
        seq: i64,
        region: Option<String>,
        at: String,
        actor_id: Option<String>,
        actor_name: String,
        role: String,
        action: String,
        entity_type: String,
        entity_id: String,
        before_json: Option<String>,
        after_json: Option<String>,
        hash: String,
    }
}

response! {
    /// A signed statement of the chain head at a time (issue 9.7), kept outside the database
    /// (`<data_dir>/audit-checkpoints.jsonl`, and by external witnesses), so that rewriting the
    /// rows and `audit_head` together is still detected.
    #[serde(deny_unknown_fields)]
    Checkpoint from audit::Checkpoint {
        /// Sequence number of the newest entry covered.
        seq: i64,
        /// That entry's chain hash (64 hex digits).
        hash: String,
        /// When the checkpoint was signed (RFC 3339, UTC).
        at: String,
        /// The platform's public key, 64 hex digits.
        public_key: String,
        /// Ed25519 signature over `simpul-audit-checkpoint/1\n{seq}\n{hash}\n{at}`, 128 hex digits.
        signature: String,
    }
}
