//! The `sessions` table: server-side browser sessions. Only the SHA-256 of the cookie value is
//! stored, so a database leak does not hand out live sessions.

use crate::insert::{self, table_insert};
use crate::query::Where;
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

table_insert! {
    const INSERT = "sessions" conflict "session";
    fn bind(s: &(&str, UserId, &str, &str, &str)) {
        id_hash = s.0, user_id = s.1.to_string(), csrf_token = s.2, created_at = s.3,
        expires_at = s.4,
    }
}

pub async fn insert(
    conn: &mut Conn,
    id_hash: &str,
    user: UserId,
    csrf: &str,
    now: &str,
    expires: &str,
) -> Result<()> {
    let row = (id_hash, user, csrf, now, expires);
    insert::one(conn, INSERT, &row, bind).await
}

/// The session with this id hash if it has not expired at `now`.
pub async fn get_live(conn: &mut Conn, id_hash: &str, now: &str) -> Result<Option<SessionRow>> {
    Where::new()
        .eq("id_hash", id_hash)
        .op("expires_at >", now)
        .optional(conn, "SELECT user_id, csrf_token, expires_at FROM sessions")
        .await
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
