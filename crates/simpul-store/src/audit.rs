//! The `audit_log` table and its chain head (SEC-1). Entries are only ever appended, in the
//! same transaction as the change they record.

use crate::insert::{self, table_insert};
use crate::query::Where;
use crate::{like_pattern, Conn, Page, Paging, Result};
use serde::Serialize;
use simpul_domain::audit::{snapshot_digest, AuditContent, StoredEntry};

/// What happened, by whom, to which record.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub region: Option<String>,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub role: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// An entry as appended: its content, snapshots and place in the chain.
struct Appended<'a> {
    content: &'a AuditContent,
    before_json: Option<String>,
    after_json: Option<String>,
    prev_hash: &'a str,
    hash: &'a str,
}

table_insert! {
    const INSERT = "audit_log" conflict "seq";
    fn bind(a: &Appended<'_>) {
        seq = a.content.seq, region_id = &a.content.region, at = &a.content.at,
        actor_id = &a.content.actor_id, actor_name = &a.content.actor_name,
        role = &a.content.role, action = &a.content.action,
        entity_type = &a.content.entity_type, entity_id = &a.content.entity_id, before_json,
        after_json, before_digest = &a.content.before_digest,
        after_digest = &a.content.after_digest, prev_hash, hash,
    }
}

/// Appends an entry to the chain; returns its sequence number.
pub async fn append(conn: &mut Conn, e: NewEntry, at: &str) -> Result<i64> {
    // Lock the head row first: concurrent appends queue here instead of forking the chain.
    let (prev_seq, prev_hash): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut *conn)
            .await?;
    // serde_json maps are ordered by key, so the JSON text is canonical.
    let before_json = e.before.as_ref().map(|v| v.to_string());
    let after_json = e.after.as_ref().map(|v| v.to_string());
    let content = AuditContent {
        seq: prev_seq + 1,
        region: e.region,
        at: at.to_owned(),
        actor_id: e.actor_id,
        actor_name: e.actor_name,
        role: e.role,
        action: e.action,
        entity_type: e.entity_type,
        entity_id: e.entity_id,
        before_digest: before_json.as_deref().map(snapshot_digest),
        after_digest: after_json.as_deref().map(snapshot_digest),
    };
    let hash = content.chain_hash(&prev_hash);
    let row = Appended {
        content: &content,
        before_json,
        after_json,
        prev_hash: &prev_hash,
        hash: &hash,
    };
    insert::one(&mut *conn, INSERT, &row, bind).await?;
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(content.seq)
        .bind(&hash)
        .execute(conn)
        .await?;
    Ok(content.seq)
}

/// An entry as shown in lists and histories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditRow {
    pub seq: i64,
    #[sqlx(rename = "region_id")]
    pub region: Option<String>,
    pub at: String,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub role: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub hash: String,
}

const COLS: &str = "seq, region_id, at, actor_id, actor_name, role, action, entity_type, entity_id, before_json, after_json, hash";

fn select() -> String {
    format!("SELECT {COLS} FROM audit_log")
}

/// Filters of the audit log page.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    /// Inclusive lower bound, `YYYY-MM-DD`.
    pub from: String,
    /// Inclusive upper bound, `YYYY-MM-DD`.
    pub to: String,
}

pub async fn list(
    conn: &mut Conn,
    region: &str,
    f: &AuditFilter,
    paging: Paging,
) -> Result<Page<AuditRow>> {
    let action = f.action.trim();
    let action_pat = format!("{}%", like_pattern(&f.action).trim_matches('%'));
    Where::new()
        .eq("region_id", region)
        .contains(&["actor_name"], &f.actor)
        .like_when(!action.is_empty(), "action", action_pat)
        .eq_nonempty("entity_type", &f.entity_type)
        .eq_nonempty("entity_id", &f.entity_id)
        .op_nonempty("at >=", &f.from)
        .op_nonempty("at <", &next_day(&f.to))
        .page(conn, &select(), "audit_log", "seq DESC", paging)
        .await
}

/// `YYYY-MM-DD` → the next day, for an exclusive upper bound; empty stays empty.
fn next_day(d: &str) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(d.trim(), fmt)
        .ok()
        .and_then(|d| d.next_day())
        .and_then(|d| d.format(fmt).ok())
        .unwrap_or_default()
}

/// Every entry about one record, newest first.
pub async fn history(
    conn: &mut Conn,
    region: &str,
    entity_type: &str,
    entity_id: &str,
) -> Result<Vec<AuditRow>> {
    Where::new()
        .eq("region_id", region)
        .eq("entity_type", entity_type)
        .eq("entity_id", entity_id)
        .all(conn, &select(), "ORDER BY seq DESC LIMIT 200")
        .await
}

/// The recorded head: `(last seq, last hash)`; `None` when the row is gone (tampering).
pub async fn head(conn: &mut Conn) -> Result<Option<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(conn)
            .await?,
    )
}

/// Reads entries `after_seq+1 ..` in order, at most `limit`, for chain verification.
pub async fn chain_batch(conn: &mut Conn, after_seq: i64, limit: i64) -> Result<Vec<StoredEntry>> {
    let rows: Vec<ChainRow> = sqlx::query_as(&format!(
        "SELECT {COLS}, before_digest, after_digest, prev_hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
    ))
    .bind(after_seq)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(StoredEntry::from).collect())
}

/// An entry with what verifying the chain needs.
#[derive(sqlx::FromRow)]
struct ChainRow {
    #[sqlx(flatten)]
    row: AuditRow,
    before_digest: Option<String>,
    after_digest: Option<String>,
    prev_hash: String,
}

impl From<ChainRow> for StoredEntry {
    fn from(c: ChainRow) -> StoredEntry {
        let r = c.row;
        StoredEntry {
            content: AuditContent {
                seq: r.seq,
                region: r.region,
                at: r.at,
                actor_id: r.actor_id,
                actor_name: r.actor_name,
                role: r.role,
                action: r.action,
                entity_type: r.entity_type,
                entity_id: r.entity_id,
                before_digest: c.before_digest,
                after_digest: c.after_digest,
            },
            before_json: r.before_json,
            after_json: r.after_json,
            prev_hash: c.prev_hash,
            hash: r.hash,
        }
    }
}
