//! The `users` table: accounts, their role and PD binding, and password hashes.

use crate::insert::{self, Insert, Query};
use crate::query::{bind_all, Arg, Update, Where};
use crate::rows::{domain_row, Flag, Text};
use crate::{Conn, Page, Paging, Result};
use simpul_domain::ids::{PdId, RegionId, UserId};
use simpul_domain::user::{Role, User, ValidUser};

/// The columns of [`UserRow`] (never the password hash).
pub(crate) const COLS: &str =
    "id, region_id, username, full_name, email, role, pd_id, active, created_at, updated_at";

domain_row! {
    /// An account as stored ([`COLS`]).
    pub(crate) struct UserRow => User {
        #[sqlx(try_from = "Text<UserId>")]
        id: UserId,
        #[sqlx(rename = "region_id", try_from = "Text<RegionId>")]
        region: RegionId,
        username: String,
        full_name: String,
        email: Option<String>,
        #[sqlx(try_from = "Text<Role>")]
        role: Role,
        #[sqlx(try_from = "Text<Option<PdId>>")]
        pd_id: Option<PdId>,
        #[sqlx(try_from = "Flag")]
        active: bool,
        created_at: String,
        updated_at: String,
    }
}

/// An account with its password hash.
#[derive(sqlx::FromRow)]
struct WithHash {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
}

/// An account to insert with its id, password hash and timestamps (kept as given by
/// restores).
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    pub region: &'a RegionId,
    pub id: UserId,
    pub user: &'a ValidUser,
    pub password_hash: &'a str,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

const INSERT: Insert = Insert {
    table: "users",
    cols: "id, region_id, username, full_name, email, role, pd_id, active, password_hash, created_at, updated_at",
    conflict_field: "username",
};

/// An account's fields, `username` to `active`, in the order of the insert (inserts and
/// updates).
fn fields(v: &ValidUser) -> [(&'static str, Arg); 6] {
    [
        ("username", v.username.as_str().into()),
        ("full_name", (&v.full_name).into()),
        ("email", (&v.email).into()),
        ("role", v.role.code().into()),
        ("pd_id", v.pd_id.map(|p| p.to_string()).into()),
        ("active", v.active.into()),
    ]
}

fn bind<'q>(q: Query<'q>, r: &'q NewUser<'_>) -> Query<'q> {
    let q = q.bind(r.id.to_string()).bind(r.region.as_str());
    bind_all(q, fields(r.user).map(|(_, v)| v))
        .bind(r.password_hash)
        .bind(r.created_at)
        .bind(r.updated_at)
}

/// Inserts an account: the one insert of the table (new accounts and restores).
pub async fn insert_row(conn: &mut Conn, row: &NewUser<'_>) -> Result<()> {
    insert::one(conn, INSERT, row, bind).await
}

/// Inserts a new account created `now`.
pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: UserId,
    v: &ValidUser,
    password_hash: &str,
    now: &str,
) -> Result<()> {
    let row = NewUser {
        region,
        id,
        user: v,
        password_hash,
        created_at: now,
        updated_at: now,
    };
    insert_row(conn, &row).await
}

pub async fn update(
    conn: &mut Conn,
    region: &RegionId,
    id: UserId,
    v: &ValidUser,
    now: &str,
) -> Result<()> {
    Update::new("users")
        .fields(fields(v))
        .set("updated_at", now)
        .in_region(region.as_str(), id.to_string())
        .run_unique(conn, "username")
        .await?;
    Ok(())
}

pub async fn set_password(
    conn: &mut Conn,
    id: UserId,
    password_hash: &str,
    now: &str,
) -> Result<()> {
    Update::new("users")
        .set("password_hash", password_hash)
        .set("updated_at", now)
        .id(id.to_string())
        .run(conn)
        .await?;
    Ok(())
}

fn select() -> String {
    format!("SELECT {COLS} FROM users")
}

pub async fn get(conn: &mut Conn, id: UserId) -> Result<Option<User>> {
    Where::new()
        .eq("id", id.to_string())
        .optional_into::<UserRow, _>(conn, &select())
        .await
}

/// Looks an account up by login name, with its password hash.
pub async fn by_username(conn: &mut Conn, username: &str) -> Result<Option<(User, String)>> {
    let row: Option<WithHash> = Where::new()
        .eq("username", username)
        .optional(conn, &format!("SELECT {COLS}, password_hash FROM users"))
        .await?;
    Ok(row.map(|r| (r.user.into(), r.password_hash)))
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
    let page: Page<UserRow> = Where::new()
        .eq("region_id", region.as_str())
        .contains(&["username", "full_name"], &f.q)
        .eq_some("role", f.role.map(Role::code))
        .eq_nonempty("pd_id", f.pd.as_deref().unwrap_or(""))
        .page(conn, &select(), "users", "username", paging)
        .await?;
    Ok(page.map(User::from))
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

/// Active accounts of a region with one of `roles` (the people who may take a step), by
/// username.
pub async fn active_with_roles(
    conn: &mut Conn,
    region: &RegionId,
    roles: &[&str],
) -> Result<Vec<User>> {
    if roles.is_empty() {
        return Ok(Vec::new());
    }
    Where::new()
        .eq("region_id", region.as_str())
        .eq("active", true)
        .one_of("role", roles)
        .all_into::<UserRow, _>(conn, &select(), "ORDER BY username")
        .await
}

/// Active accounts of a region (recipients of reminders), by username.
pub async fn active(conn: &mut Conn, region: &RegionId) -> Result<Vec<User>> {
    Where::new()
        .eq("region_id", region.as_str())
        .eq("active", true)
        .all_into::<UserRow, _>(conn, &select(), "ORDER BY username")
        .await
}
