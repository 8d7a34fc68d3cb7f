//! `login_failures`: the failed sign-in counters of the database login throttle, shared by
//! every node on one database (issue 14 item 3). A counter is keyed by a digest of its scope
//! (the caller hashes account + address, or address); it restarts at one when a failure
//! comes after its window expired, and expired rows are purged with the sessions.

use crate::{Conn, Result};

/// A counter: failures so far, the last one's time and when the counter is forgotten.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Counter {
    pub failures: i64,
    pub last_at: String,
    pub expires_at: String,
}

/// The live counter under `key` at `now` (none when absent or expired).
pub async fn get(conn: &mut Conn, key: &str, now: &str) -> Result<Option<Counter>> {
    Ok(sqlx::query_as(
        "SELECT failures, last_at, expires_at FROM login_failures \
         WHERE key = $1 AND expires_at > $2",
    )
    .bind(key)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Counts one failure under `key` at `now`, forgotten at `expires` unless another follows;
/// one statement, so concurrent failures on several nodes are all counted.
pub async fn fail(conn: &mut Conn, key: &str, now: &str, expires: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO login_failures (key, failures, last_at, expires_at) VALUES ($1, 1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET \
         failures = CASE WHEN login_failures.expires_at <= excluded.last_at THEN 1 \
         ELSE login_failures.failures + 1 END, \
         last_at = excluded.last_at, expires_at = excluded.expires_at",
    )
    .bind(key)
    .bind(now)
    .bind(expires)
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets the counter under `key` (a successful sign-in).
pub async fn clear(conn: &mut Conn, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes the counters expired at `now`.
pub async fn purge_expired(conn: &mut Conn, now: &str) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM login_failures WHERE expires_at <= $1")
            .bind(now)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
