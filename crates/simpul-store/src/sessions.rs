//! The `sessions` table: server-side browser sessions. Only the SHA-256 of the cookie value is
//! stored, so a database leak does not hand out live sessions.

use crate::rows::Text;
use crate::{Conn, Result};
use simpul_domain::ids::UserId;

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    #[sqlx(try_from = "Text<UserId>")]
    pub user_id: UserId,
    pub csrf_token: String,
    pub expires_at: String,
}

pub async fn insert(
    conn: &mut Conn,
    id_hash: &str,
    user: UserId,
    csrf: &str,
    now: &str,
    expires: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1,$2,$3,$4,$5)")
        .bind(id_hash)
        .bind(user.to_string())
        .bind(csrf)
        .bind(now)
        .bind(expires)
        .execute(conn)
        .await?;
    Ok(())
}

/// The session with this id hash if it has not expired at `now`.
pub async fn get_live(conn: &mut Conn, id_hash: &str, now: &str) -> Result<Option<SessionRow>> {
    Ok(sqlx::query_as("SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2")
        .bind(id_hash)
        .bind(now)
        .fetch_optional(conn)
        .await?)
}

pub async fn delete(conn: &mut Conn, id_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends every session of a user (password change, deactivation).
pub async fn delete_for_user(conn: &mut Conn, user: UserId) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.to_string())
        .execute(conn)
        .await?
        .rows_affected())
}

/// Removes expired sessions.
pub async fn purge_expired(conn: &mut Conn, now: &str) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(conn)
        .await?
        .rows_affected())
}
