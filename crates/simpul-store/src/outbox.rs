//! `outbox`: side effects (in-app notifications, e-mail, later webhooks) written in the same
//! transaction as the change that causes them and delivered after commit, with retries. A
//! rolled-back change leaves no row; a crash after commit leaves a pending row that the next
//! delivery run takes. A row is leased before delivery so two workers (or nodes) never take
//! the same row at once.

use crate::insert::{self, table_insert};
use crate::query::Where;
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

/// A message to queue.
struct NewMessage<'a> {
    id: String,
    region_id: Option<&'a str>,
    kind: &'a str,
    payload_json: &'a str,
    created_at: &'a str,
}

table_insert! {
    const INSERT = "outbox" conflict "id";
    fn bind(m: &NewMessage<'_>) {
        id, region_id, kind, payload_json, created_at, next_attempt_at = m.created_at,
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
    let m = NewMessage {
        id: uuid::Uuid::now_v7().to_string(),
        region_id: region,
        kind,
        payload_json,
        created_at: now,
    };
    insert::one(conn, INSERT, &m, bind).await?;
    Ok(m.id)
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
    let done = sqlx::query(
        "UPDATE outbox SET lease_until = $3, attempts = attempts + 1 WHERE id = $1 \
         AND delivered_at IS NULL AND (lease_until IS NULL OR lease_until < $2)",
    )
    .bind(id)
    .bind(now)
    .bind(until)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a message delivered.
pub async fn delivered(conn: &mut Conn, id: &str, now: &str) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET delivered_at = $2, lease_until = NULL, last_error = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt; the next one is due at `retry_at`.
pub async fn failed(conn: &mut Conn, id: &str, error: &str, retry_at: &str) -> Result<()> {
    sqlx::query(
        "UPDATE outbox SET lease_until = NULL, last_error = $2, next_attempt_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .bind(retry_at)
    .execute(conn)
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
