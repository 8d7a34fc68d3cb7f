//! `outbox`: side effects (in-app notifications, e-mail, later webhooks) written in the same
//! transaction as the change that causes them and delivered after commit, with retries. A
//! rolled-back change leaves no row; a crash after commit leaves a pending row that the next
//! delivery run takes. A row is leased before delivery so two workers (or nodes) never take
//! the same row at once.

use crate::insert::{self, table_insert};
use crate::query::{Update, Where};
use crate::{Conn, Result};

/// One pending or delivered message.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: String,
    pub region_id: Option<String>,
    /// What to do, e.g. `notify`.
    pub kind: String,
    pub payload_json: String,
    pub created_at: String,
    pub attempts: i64,
    pub delivered_at: Option<String>,
    pub last_error: Option<String>,
}

const SELECT: &str = "SELECT id, region_id, kind, payload_json, created_at, attempts, \
    delivered_at, last_error FROM outbox";

table_insert! {
    const INSERT = "outbox" conflict "id";
    fn bind(m: &(String, Option<&str>, &str, &str, &str)) {
        id = &m.0, region_id = m.1, kind = m.2, payload_json = m.3, created_at = m.4,
        next_attempt_at = m.4,
    }
}

/// Queues a message (inside the caller's transaction); returns its id.
pub async fn push(
    conn: &mut Conn,
    region: Option<&str>,
    kind: &str,
    payload_json: &str,
    now: &str,
) -> Result<String> {
    let row = (
        uuid::Uuid::now_v7().to_string(),
        region,
        kind,
        payload_json,
        now,
    );
    insert::one(conn, INSERT, &row, bind).await?;
    Ok(row.0)
}

/// Up to `limit` messages due for delivery at `now`, oldest first.
pub async fn due(conn: &mut Conn, now: &str, limit: i64) -> Result<Vec<OutboxRow>> {
    let mut w = Where::new();
    let now = w.param(now);
    w.push(format!(
        "delivered_at IS NULL AND next_attempt_at <= {now} AND (lease_until IS NULL OR lease_until < {now})"
    ));
    let rest = format!("ORDER BY created_at, id LIMIT {}", w.param(limit));
    w.all(conn, SELECT, &rest).await
}

/// Takes the lease on one message until `until`; false when another worker holds it or it
/// was delivered meanwhile.
pub async fn lease(conn: &mut Conn, id: &str, now: &str, until: &str) -> Result<bool> {
    let mut u = Update::new("outbox")
        .set("lease_until", until)
        .set_sql("attempts = attempts + 1");
    let now = u.param(now);
    let free = format!("(lease_until IS NULL OR lease_until < {now})");
    let done = u
        .filter(|w| w.eq("id", id).and("delivered_at IS NULL").and(&free))
        .run(conn)
        .await?;
    Ok(done == 1)
}

/// Marks a message delivered.
pub async fn delivered(conn: &mut Conn, id: &str, now: &str) -> Result<()> {
    Update::new("outbox")
        .set("delivered_at", now)
        .set_sql("lease_until = NULL, last_error = NULL")
        .id(id)
        .run(conn)
        .await?;
    Ok(())
}

/// Records a failed attempt; the next one is due at `retry_at`.
pub async fn failed(conn: &mut Conn, id: &str, error: &str, retry_at: &str) -> Result<()> {
    Update::new("outbox")
        .set_sql("lease_until = NULL")
        .set("last_error", error)
        .set("next_attempt_at", retry_at)
        .id(id)
        .run(conn)
        .await?;
    Ok(())
}

/// How many messages wait for delivery (the backlog).
pub async fn backlog(conn: &mut Conn) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")
            .fetch_one(conn)
            .await?,
    )
}

/// Every message of a region, newest first (for tests and the operations view).
pub async fn recent(conn: &mut Conn, limit: i64) -> Result<Vec<OutboxRow>> {
    let mut w = Where::new();
    let rest = format!("ORDER BY created_at DESC, id DESC LIMIT {}", w.param(limit));
    w.all(conn, SELECT, &rest).await
}
