//! The `users` table: accounts, their role and PD binding, and password hashes.

use crate::rows::{code, flag, opt_parsed, opt_text, parsed, text};
use crate::{like_pattern, Conn, Page, Paging, Result, StoreError};
use simpul_domain::ids::{RegionId, UserId};
use simpul_domain::user::{Role, User, ValidUser};

const COLS: &str =
    "id, region_id, username, full_name, email, role, pd_id, active, created_at, updated_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<User> {
    Ok(User {
        id: parsed(row, "id")?,
        region: RegionId::parse(&text(row, "region_id")?).map_err(StoreError::Corrupt)?,
        username: text(row, "username")?,
        full_name: text(row, "full_name")?,
        email: opt_text(row, "email")?,
        role: code(row, "role", Role::from_code)?,
        pd_id: opt_parsed(row, "pd_id")?,
        active: flag(row, "active")?,
        created_at: text(row, "created_at")?,
        updated_at: text(row, "updated_at")?,
    })
}

pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: UserId,
    v: &ValidUser,
    password_hash: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, region_id, username, full_name, email, role, pd_id, password_hash, active, created_at, updated_at) \
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10)",
    )
    .bind(id.to_string())
    .bind(region.as_str())
    .bind(v.username.as_str())
    .bind(&v.full_name)
    .bind(&v.email)
    .bind(v.role.code())
    .bind(v.pd_id.map(|p| p.to_string()))
    .bind(password_hash)
    .bind(v.active)
    .bind(now)
    .execute(conn)
    .await
    .map_err(|e| StoreError::conflict_on(e, "username"))?;
    Ok(())
}

pub async fn update(
    conn: &mut Conn,
    region: &RegionId,
    id: UserId,
    v: &ValidUser,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE users SET username=$3, full_name=$4, email=$5, role=$6, pd_id=$7, active=$8, updated_at=$9 \
         WHERE region_id=$1 AND id=$2",
    )
    .bind(region.as_str())
    .bind(id.to_string())
    .bind(v.username.as_str())
    .bind(&v.full_name)
    .bind(&v.email)
    .bind(v.role.code())
    .bind(v.pd_id.map(|p| p.to_string()))
    .bind(v.active)
    .bind(now)
    .execute(conn)
    .await
    .map_err(|e| StoreError::conflict_on(e, "username"))?;
    Ok(())
}

pub async fn set_password(
    conn: &mut Conn,
    id: UserId,
    password_hash: &str,
    now: &str,
) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash=$2, updated_at=$3 WHERE id=$1")
        .bind(id.to_string())
        .bind(password_hash)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn get(conn: &mut Conn, id: UserId) -> Result<Option<User>> {
    let row = sqlx::query(&format!("SELECT {COLS} FROM users WHERE id = $1"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Looks an account up by login name, with its password hash.
pub async fn by_username(conn: &mut Conn, username: &str) -> Result<Option<(User, String)>> {
    let row = sqlx::query(&format!(
        "SELECT {COLS}, password_hash FROM users WHERE username = $1"
    ))
    .bind(username)
    .fetch_optional(conn)
    .await?;
    match row {
        None => Ok(None),
        Some(r) => Ok(Some((from_row(&r)?, text(&r, "password_hash")?))),
    }
}

pub async fn password_hash(conn: &mut Conn, id: UserId) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(conn)
            .await?,
    )
}

/// Filters of the account list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub q: String,
    pub role: Option<Role>,
    pub pd: Option<String>,
}

pub async fn list(
    conn: &mut Conn,
    region: &RegionId,
    f: &UserFilter,
    paging: Paging,
) -> Result<Page<User>> {
    let wh = "region_id = $1 AND ($2 = '' OR LOWER(username) LIKE $3 ESCAPE '\\' OR LOWER(full_name) LIKE $3 ESCAPE '\\') \
              AND ($4 = '' OR role = $4) AND ($5 = '' OR pd_id = $5)";
    let q = f.q.trim();
    let pattern = like_pattern(q);
    let role = f.role.map(Role::code).unwrap_or("");
    let pd = f.pd.as_deref().unwrap_or("");
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users WHERE {wh}"))
        .bind(region.as_str())
        .bind(q)
        .bind(&pattern)
        .bind(role)
        .bind(pd)
        .fetch_one(&mut *conn)
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM users WHERE {wh} ORDER BY username LIMIT $6 OFFSET $7"
    ))
    .bind(region.as_str())
    .bind(q)
    .bind(&pattern)
    .bind(role)
    .bind(pd)
    .bind(paging.per_page)
    .bind(paging.offset())
    .fetch_all(conn)
    .await?;
    let items = rows.iter().map(from_row).collect::<Result<_>>()?;
    Ok(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// Number of accounts in a region.
pub async fn count(conn: &mut Conn, region: &RegionId) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE region_id = $1")
            .bind(region.as_str())
            .fetch_one(conn)
            .await?,
    )
}

/// Active accounts of a region (recipients of reminders), by username.
pub async fn active(conn: &mut Conn, region: &RegionId) -> Result<Vec<User>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM users WHERE region_id = $1 AND active = $2 ORDER BY username"
    ))
    .bind(region.as_str())
    .bind(true)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}
