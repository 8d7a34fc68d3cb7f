//! The `api_tokens` table: bearer tokens for the JSON API, stored as SHA-256 hashes.

use crate::insert::{self, table_insert};
use crate::query::{Update, Where};
use crate::rows::Text;
use crate::{Conn, Result};
use serde::Serialize;
use simpul_domain::ids::{TokenId, UserId};

/// A token's metadata (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TokenRow {
    #[sqlx(try_from = "Text<TokenId>")]
    pub id: TokenId,
    #[sqlx(try_from = "Text<UserId>")]
    pub user_id: UserId,
    pub name: String,
    /// First characters of the token, to recognise it.
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

const SELECT: &str = "SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at \
    FROM api_tokens";

table_insert! {
    const INSERT = "api_tokens" conflict "token";
    fn bind(t: &(TokenId, UserId, &str, &str, &str, &str)) {
        id = t.0.to_string(), user_id = t.1.to_string(), name = t.2, token_hash = t.3,
        prefix = t.4, created_at = t.5,
    }
}

pub async fn insert(
    conn: &mut Conn,
    id: TokenId,
    user: UserId,
    name: &str,
    hash: &str,
    prefix: &str,
    now: &str,
) -> Result<()> {
    let row = (id, user, name, hash, prefix, now);
    insert::one(conn, INSERT, &row, bind).await
}

/// The live (not revoked) token with this hash.
pub async fn by_hash(conn: &mut Conn, hash: &str) -> Result<Option<TokenRow>> {
    Where::new()
        .eq("token_hash", hash)
        .and("revoked_at IS NULL")
        .optional(conn, SELECT)
        .await
}

pub async fn touch(conn: &mut Conn, id: TokenId, now: &str) -> Result<()> {
    Update::new("api_tokens")
        .set("last_used_at", now)
        .id(id.to_string())
        .run(conn)
        .await?;
    Ok(())
}

pub async fn get(conn: &mut Conn, id: TokenId) -> Result<Option<TokenRow>> {
    Where::new()
        .eq("id", id.to_string())
        .optional(conn, SELECT)
        .await
}

pub async fn for_user(conn: &mut Conn, user: UserId) -> Result<Vec<TokenRow>> {
    Where::new()
        .eq("user_id", user.to_string())
        .all(conn, SELECT, "ORDER BY created_at DESC")
        .await
}

pub async fn revoke(conn: &mut Conn, id: TokenId, now: &str) -> Result<()> {
    Update::new("api_tokens")
        .set("revoked_at", now)
        .id(id.to_string())
        .filter(|w| w.and("revoked_at IS NULL"))
        .run(conn)
        .await?;
    Ok(())
}

/// Revokes every live token of an account (its password changed or was reset); returns the
/// revoked tokens' ids.
pub async fn revoke_all_for_user(conn: &mut Conn, user: UserId, now: &str) -> Result<Vec<String>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id",
    )
    .bind(user.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Update::new("api_tokens")
        .set("revoked_at", now)
        .filter(|w| w.eq("user_id", user.to_string()).and("revoked_at IS NULL"))
        .run(conn)
        .await?;
    Ok(ids)
}
