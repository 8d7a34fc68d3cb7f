//! The `tim_members` table: the Tim Koordinasi SPBE (ORG-3). Members who leave are marked
//! removed, not deleted.

use crate::insert::{self, Insert, Query};
use crate::query::{Update, Where};
use crate::rows::{domain_row, Text};
use crate::{Conn, Result};
use simpul_domain::ids::{PdId, RegionId, TimMemberId};
use simpul_domain::org::{TimMember, TimPosition, ValidTimMember};

const COLS: &str = "id, region_id, person_name, position, office, pd_id, decree_ref, created_at";

domain_row! {
    /// A member as stored ([`COLS`]).
    struct MemberRow => TimMember {
        #[sqlx(try_from = "Text<TimMemberId>")]
        id: TimMemberId,
        #[sqlx(rename = "region_id", try_from = "Text<RegionId>")]
        region: RegionId,
        person_name: String,
        #[sqlx(try_from = "Text<TimPosition>")]
        position: TimPosition,
        office: String,
        #[sqlx(try_from = "Text<Option<PdId>>")]
        pd_id: Option<PdId>,
        decree_ref: Option<String>,
        created_at: String,
    }
    also { user_id: None }
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

/// Current (not removed) members of `region` that `w` selects, in `rest`'s order.
async fn current_where(
    conn: &mut Conn,
    region: &RegionId,
    w: Where,
    rest: &str,
) -> Result<Vec<TimMember>> {
    w.eq("region_id", region.as_str())
        .and("removed_at IS NULL")
        .all_into::<MemberRow, _>(conn, &format!("SELECT {COLS} FROM tim_members"), rest)
        .await
}

/// Current (not removed) members, chair first.
pub async fn current(conn: &mut Conn, region: &RegionId) -> Result<Vec<TimMember>> {
    let order = "ORDER BY CASE position WHEN 'ketua' THEN 0 WHEN 'sekretaris' THEN 1 ELSE 2 END, \
                 person_name";
    current_where(conn, region, Where::new(), order).await
}

pub async fn get_current(
    conn: &mut Conn,
    region: &RegionId,
    id: TimMemberId,
) -> Result<Option<TimMember>> {
    let w = Where::new().eq("id", id.to_string());
    Ok(current_where(conn, region, w, "").await?.pop())
}

pub async fn remove(
    conn: &mut Conn,
    region: &RegionId,
    id: TimMemberId,
    reason: &str,
    now: &str,
) -> Result<()> {
    Update::new("tim_members")
        .set("removed_at", now)
        .set("removed_reason", reason)
        .in_region(region.as_str(), id.to_string())
        .run(conn)
        .await?;
    Ok(())
}
