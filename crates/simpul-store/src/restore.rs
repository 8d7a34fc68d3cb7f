//! Whole-region reads and writes for the region bundle (`simpul export` / `simpul import`):
//! every row of a region including retired PDs and removed Tim Koordinasi members, in id order,
//! and inserts that keep the ids and timestamps they are given, so that a bundle survives a
//! round trip through another database unchanged.

use crate::query::of_region;
use crate::regions::RegionRow;
use crate::rows::Text;
use crate::{pds, tim, users, Conn, Result};
use simpul_domain::ids::{PdId, RegionId, TimMemberId, UserId};
use simpul_domain::org::{PerangkatDaerah, TimPosition, ValidPd, ValidTimMember};
use simpul_domain::user::{User, ValidUser};

/// Inserts the region row or, when it exists (seeded from its pack), overwrites every column
/// with the given values, timestamps included.
pub async fn put_region(conn: &mut Conn, r: &RegionRow) -> Result<()> {
    crate::regions::put(conn, r).await
}

/// Number of rows of `table` in a region (`pds`, `users`, `tim_members`, `records`).
pub async fn count_in_region(
    conn: &mut Conn,
    table: RegionTable,
    region: &RegionId,
) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM {} WHERE region_id = $1",
        table.name()
    ))
    .bind(region.as_str())
    .fetch_one(conn)
    .await?)
}

/// Tables counted by [`count_in_region`]; a closed list so no caller builds SQL from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionTable {
    Pds,
    Users,
    TimMembers,
    Records,
}

impl RegionTable {
    fn name(self) -> &'static str {
        match self {
            RegionTable::Pds => "pds",
            RegionTable::Users => "users",
            RegionTable::TimMembers => "tim_members",
            RegionTable::Records => "records",
        }
    }
}

/// Every PD of a region, retired ones included, by id (the register's own columns and
/// decoding, so a restore cannot drift from them).
pub async fn all_pds(conn: &mut Conn, region: &RegionId) -> Result<Vec<PerangkatDaerah>> {
    let sql = format!("SELECT {} FROM pds", pds::COLS);
    of_region::<pds::PdRow, _>(conn, &sql, region.as_str(), "ORDER BY id").await
}

/// Inserts a PD with the given id, retirement and timestamps.
#[allow(clippy::too_many_arguments)]
pub async fn insert_pd(
    conn: &mut Conn,
    region: &RegionId,
    id: PdId,
    v: &ValidPd,
    retired_reason: Option<&str>,
    created_at: &str,
    updated_at: &str,
) -> Result<()> {
    let row = pds::NewPd {
        region,
        id,
        pd: v,
        retired_reason,
        created_at,
        updated_at,
    };
    pds::insert_rows(conn, &[row]).await?;
    Ok(())
}

/// Every account of a region, by id (without password hashes).
pub async fn all_users(conn: &mut Conn, region: &RegionId) -> Result<Vec<User>> {
    let sql = format!("SELECT {} FROM users", users::COLS);
    of_region::<users::UserRow, _>(conn, &sql, region.as_str(), "ORDER BY id").await
}

/// Inserts an account with the given id, password hash and timestamps.
#[allow(clippy::too_many_arguments)]
pub async fn insert_user(
    conn: &mut Conn,
    region: &RegionId,
    id: UserId,
    v: &ValidUser,
    password_hash: &str,
    created_at: &str,
    updated_at: &str,
) -> Result<()> {
    let row = users::NewUser {
        region,
        id,
        user: v,
        password_hash,
        created_at,
        updated_at,
    };
    users::insert_row(conn, &row).await
}

/// Whether a login name is taken in any region (usernames are unique per deployment).
pub async fn username_taken(conn: &mut Conn, username: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// A Tim Koordinasi member with its removal, if any.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TimRow {
    #[sqlx(try_from = "Text<TimMemberId>")]
    pub id: TimMemberId,
    pub person_name: String,
    #[sqlx(try_from = "Text<TimPosition>")]
    pub position: TimPosition,
    pub office: String,
    #[sqlx(try_from = "Text<Option<PdId>>")]
    pub pd_id: Option<PdId>,
    pub decree_ref: Option<String>,
    pub created_at: String,
    pub removed_at: Option<String>,
    pub removed_reason: Option<String>,
}

/// Every Tim Koordinasi member of a region, removed ones included, by id.
pub async fn all_tim(conn: &mut Conn, region: &RegionId) -> Result<Vec<TimRow>> {
    let sql = "SELECT id, person_name, position, office, pd_id, decree_ref, created_at, \
               removed_at, removed_reason FROM tim_members";
    of_region::<TimRow, _>(conn, sql, region.as_str(), "ORDER BY id").await
}

/// Inserts a Tim Koordinasi member with the given id, time and removal.
#[allow(clippy::too_many_arguments)]
pub async fn insert_tim(
    conn: &mut Conn,
    region: &RegionId,
    id: TimMemberId,
    v: &ValidTimMember,
    created_at: &str,
    removed_at: Option<&str>,
    removed_reason: Option<&str>,
) -> Result<()> {
    let row = tim::NewMember {
        region,
        id,
        member: v,
        created_at,
        removed_at,
        removed_reason,
    };
    tim::insert_row(conn, &row).await
}

/// A read-only transaction on the read pool that sees one snapshot of the database (a
/// consistent export while others keep writing). Drop it when done.
pub async fn begin_snapshot(store: &crate::Store) -> Result<crate::Tx> {
    let mut tx = store.read.begin().await?;
    if let Some(sql) = store.dialect().snapshot_transaction() {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    Ok(tx)
}
