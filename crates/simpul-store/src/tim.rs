//! The `tim_members` table: the Tim Koordinasi SPBE (ORG-3). Members who leave are marked
//! removed, not deleted.

use crate::insert::{self, Insert, Query};
use crate::rows::Text;
use crate::{Conn, Result};
use simpul_domain::ids::{PdId, RegionId, TimMemberId};
use simpul_domain::org::{TimMember, TimPosition, ValidTimMember};

const COLS: &str = "id, region_id, person_name, position, office, pd_id, decree_ref, created_at";

/// A member as stored ([`COLS`]).
#[derive(sqlx::FromRow)]
struct MemberRow {
    id: Text<TimMemberId>,
    region_id: Text<RegionId>,
    person_name: String,
    position: Text<TimPosition>,
    office: String,
    pd_id: Text<Option<PdId>>,
    decree_ref: Option<String>,
    created_at: String,
}

impl From<MemberRow> for TimMember {
    fn from(r: MemberRow) -> TimMember {
        TimMember {
            id: r.id.0,
            region: r.region_id.0,
            person_name: r.person_name,
            position: r.position.0,
            office: r.office,
            pd_id: r.pd_id.0,
            user_id: None,
            decree_ref: r.decree_ref,
            created_at: r.created_at,
        }
    }
}

/// A member to insert with its id, time and removal (kept as given by restores).
#[derive(Debug, Clone, Copy)]
pub struct NewMember<'a> {
    pub region: &'a RegionId,
    pub id: TimMemberId,
    pub member: &'a ValidTimMember,
    pub created_at: &'a str,
    pub removed_at: Option<&'a str>,
    pub removed_reason: Option<&'a str>,
}

const INSERT: Insert = Insert {
    table: "tim_members",
    cols: "id, region_id, person_name, position, office, pd_id, decree_ref, created_at, removed_at, removed_reason",
    conflict_field: "id",
};

fn bind<'q>(q: Query<'q>, r: &'q NewMember<'_>) -> Query<'q> {
    let v = r.member;
    q.bind(r.id.to_string())
        .bind(r.region.as_str())
        .bind(&v.person_name)
        .bind(v.position.code())
        .bind(&v.office)
        .bind(v.pd_id.map(|p| p.to_string()))
        .bind(&v.decree_ref)
        .bind(r.created_at)
        .bind(r.removed_at)
        .bind(r.removed_reason)
}

/// Inserts a member: the one insert of the table (new members and restores).
pub async fn insert_row(conn: &mut Conn, row: &NewMember<'_>) -> Result<()> {
    insert::one(conn, INSERT, row, bind).await
}

/// Inserts a current member appointed `now`.
pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: TimMemberId,
    v: &ValidTimMember,
    now: &str,
) -> Result<()> {
    let row = NewMember {
        region,
        id,
        member: v,
        created_at: now,
        removed_at: None,
        removed_reason: None,
    };
    insert_row(conn, &row).await
}

/// Current (not removed) members, chair first.
pub async fn current(conn: &mut Conn, region: &RegionId) -> Result<Vec<TimMember>> {
    let rows: Vec<MemberRow> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM tim_members WHERE region_id = $1 AND removed_at IS NULL \
         ORDER BY CASE position WHEN 'ketua' THEN 0 WHEN 'sekretaris' THEN 1 ELSE 2 END, person_name"
    ))
    .bind(region.as_str())
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(TimMember::from).collect())
}

pub async fn get_current(
    conn: &mut Conn,
    region: &RegionId,
    id: TimMemberId,
) -> Result<Option<TimMember>> {
    let r: Option<MemberRow> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM tim_members WHERE region_id = $1 AND id = $2 AND removed_at IS NULL"
    ))
    .bind(region.as_str())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    Ok(r.map(TimMember::from))
}

pub async fn remove(
    conn: &mut Conn,
    region: &RegionId,
    id: TimMemberId,
    reason: &str,
    now: &str,
) -> Result<()> {
    sqlx::query("UPDATE tim_members SET removed_at = $3, removed_reason = $4 WHERE region_id = $1 AND id = $2")
        .bind(region.as_str())
        .bind(id.to_string())
        .bind(now)
        .bind(reason)
        .execute(conn)
        .await?;
    Ok(())
}
