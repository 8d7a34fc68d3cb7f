//! The `tim_members` table: the Tim Koordinasi SPBE (ORG-3). Members who leave are marked
//! removed, not deleted.

use crate::rows::{code, opt_parsed, opt_text, parsed, text};
use crate::{Conn, Result, StoreError};
use simpul_domain::ids::{RegionId, TimMemberId};
use simpul_domain::org::{TimMember, TimPosition, ValidTimMember};

const COLS: &str = "id, region_id, person_name, position, office, pd_id, decree_ref, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<TimMember> {
    Ok(TimMember {
        id: parsed(r, "id")?,
        region: RegionId::parse(&text(r, "region_id")?).map_err(StoreError::Corrupt)?,
        person_name: text(r, "person_name")?,
        position: code(r, "position", |s| {
            TimPosition::ALL.into_iter().find(|p| p.code() == s)
        })?,
        office: text(r, "office")?,
        pd_id: opt_parsed(r, "pd_id")?,
        user_id: None,
        decree_ref: opt_text(r, "decree_ref")?,
        created_at: text(r, "created_at")?,
    })
}

pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: TimMemberId,
    v: &ValidTimMember,
    now: &str,
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO tim_members ({COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"
    ))
    .bind(id.to_string())
    .bind(region.as_str())
    .bind(&v.person_name)
    .bind(v.position.code())
    .bind(&v.office)
    .bind(v.pd_id.map(|p| p.to_string()))
    .bind(&v.decree_ref)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Current (not removed) members, chair first.
pub async fn current(conn: &mut Conn, region: &RegionId) -> Result<Vec<TimMember>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM tim_members WHERE region_id = $1 AND removed_at IS NULL \
         ORDER BY CASE position WHEN 'ketua' THEN 0 WHEN 'sekretaris' THEN 1 ELSE 2 END, person_name"
    ))
    .bind(region.as_str())
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

pub async fn get_current(
    conn: &mut Conn,
    region: &RegionId,
    id: TimMemberId,
) -> Result<Option<TimMember>> {
    let r = sqlx::query(&format!(
        "SELECT {COLS} FROM tim_members WHERE region_id = $1 AND id = $2 AND removed_at IS NULL"
    ))
    .bind(region.as_str())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    r.as_ref().map(from_row).transpose()
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
