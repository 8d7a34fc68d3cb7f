//! The `pds` table: the Perangkat Daerah register (ORG-2).

use crate::rows::{code, flag, opt_text, parsed, text};
use crate::{like_pattern, Conn, Page, Paging, Result, StoreError};
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::org::{PdKind, PerangkatDaerah, ValidPd};

pub(crate) const COLS: &str =
    "id, region_id, code, name, short_name, kind, head_name, head_title, tasks, is_kominfo, \
    is_planning, is_inspectorate, mandiri_tik, retired_reason, created_at, updated_at";

pub(crate) fn from_row(row: &sqlx::any::AnyRow) -> Result<PerangkatDaerah> {
    Ok(PerangkatDaerah {
        id: parsed(row, "id")?,
        region: RegionId::parse(&text(row, "region_id")?).map_err(StoreError::Corrupt)?,
        code: text(row, "code")?,
        name: text(row, "name")?,
        short_name: text(row, "short_name")?,
        kind: code(row, "kind", |s| {
            PdKind::ALL.into_iter().find(|k| k.code() == s)
        })?,
        head_name: opt_text(row, "head_name")?,
        head_title: opt_text(row, "head_title")?,
        tasks: opt_text(row, "tasks")?,
        is_kominfo: flag(row, "is_kominfo")?,
        is_planning: flag(row, "is_planning")?,
        is_inspectorate: flag(row, "is_inspectorate")?,
        mandiri_tik: flag(row, "mandiri_tik")?,
        retired_reason: opt_text(row, "retired_reason")?,
        created_at: text(row, "created_at")?,
        updated_at: text(row, "updated_at")?,
    })
}

pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: PdId,
    v: &ValidPd,
    now: &str,
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO pds ({COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,NULL,$14,$14)"
    ))
    .bind(id.to_string())
    .bind(region.as_str())
    .bind(v.code.as_str())
    .bind(&v.name)
    .bind(&v.short_name)
    .bind(v.kind.code())
    .bind(&v.head_name)
    .bind(&v.head_title)
    .bind(&v.tasks)
    .bind(v.is_kominfo)
    .bind(v.is_planning)
    .bind(v.is_inspectorate)
    .bind(v.mandiri_tik)
    .bind(now)
    .execute(conn)
    .await
    .map_err(|e| StoreError::conflict_on(e, "code"))?;
    Ok(())
}

pub async fn update(
    conn: &mut Conn,
    region: &RegionId,
    id: PdId,
    v: &ValidPd,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE pds SET code=$3, name=$4, short_name=$5, kind=$6, head_name=$7, head_title=$8, tasks=$9, \
         is_kominfo=$10, is_planning=$11, is_inspectorate=$12, mandiri_tik=$13, updated_at=$14 \
         WHERE region_id=$1 AND id=$2",
    )
    .bind(region.as_str())
    .bind(id.to_string())
    .bind(v.code.as_str())
    .bind(&v.name)
    .bind(&v.short_name)
    .bind(v.kind.code())
    .bind(&v.head_name)
    .bind(&v.head_title)
    .bind(&v.tasks)
    .bind(v.is_kominfo)
    .bind(v.is_planning)
    .bind(v.is_inspectorate)
    .bind(v.mandiri_tik)
    .bind(now)
    .execute(conn)
    .await
    .map_err(|e| StoreError::conflict_on(e, "code"))?;
    Ok(())
}

/// Marks a PD as no longer active (PDs are never hard-deleted), or reactivates it with `None`.
pub async fn set_retired(
    conn: &mut Conn,
    region: &RegionId,
    id: PdId,
    reason: Option<&str>,
    now: &str,
) -> Result<()> {
    sqlx::query("UPDATE pds SET retired_reason=$3, updated_at=$4 WHERE region_id=$1 AND id=$2")
        .bind(region.as_str())
        .bind(id.to_string())
        .bind(reason)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn get(conn: &mut Conn, region: &RegionId, id: PdId) -> Result<Option<PerangkatDaerah>> {
    let row = sqlx::query(&format!(
        "SELECT {COLS} FROM pds WHERE region_id = $1 AND id = $2"
    ))
    .bind(region.as_str())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Sort orders offered on the PD list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdSort {
    #[default]
    Name,
    Code,
    Kind,
    Updated,
}

impl PdSort {
    pub fn parse(s: &str) -> Option<PdSort> {
        match s {
            "name" => Some(PdSort::Name),
            "code" => Some(PdSort::Code),
            "kind" => Some(PdSort::Kind),
            "updated" => Some(PdSort::Updated),
            _ => None,
        }
    }

    fn sql(self) -> &'static str {
        match self {
            PdSort::Name => "name, id",
            PdSort::Code => "code, id",
            PdSort::Kind => "kind, name, id",
            PdSort::Updated => "updated_at DESC, id",
        }
    }
}

/// Filters of the PD list.
#[derive(Debug, Clone, Default)]
pub struct PdFilter {
    pub q: String,
    pub kind: Option<PdKind>,
    pub include_retired: bool,
    pub sort: PdSort,
}

pub async fn list(
    conn: &mut Conn,
    region: &RegionId,
    f: &PdFilter,
    paging: Paging,
) -> Result<Page<PerangkatDaerah>> {
    let wh = "region_id = $1 AND ($2 = '' OR LOWER(name) LIKE $3 ESCAPE '\\' OR LOWER(short_name) LIKE $3 ESCAPE '\\' \
              OR LOWER(code) LIKE $3 ESCAPE '\\') AND ($4 = '' OR kind = $4) AND ($5 OR retired_reason IS NULL)";
    let q = f.q.trim();
    let pattern = like_pattern(q);
    let kind = f.kind.map(PdKind::code).unwrap_or("");
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM pds WHERE {wh}"))
        .bind(region.as_str())
        .bind(q)
        .bind(&pattern)
        .bind(kind)
        .bind(f.include_retired)
        .fetch_one(&mut *conn)
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM pds WHERE {wh} ORDER BY {} LIMIT $6 OFFSET $7",
        f.sort.sql()
    ))
    .bind(region.as_str())
    .bind(q)
    .bind(&pattern)
    .bind(kind)
    .bind(f.include_retired)
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

/// All active PDs of a region, by name (for pickers).
pub async fn all(conn: &mut Conn, region: &RegionId) -> Result<Vec<PerangkatDaerah>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM pds WHERE region_id = $1 AND retired_reason IS NULL ORDER BY name"
    ))
    .bind(region.as_str())
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Per-PD counts for the dashboard: accounts and Tim Koordinasi seats.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PdCounts {
    pub id: String,
    pub code: String,
    pub name: String,
    pub users: i64,
    pub tim_members: i64,
}

pub async fn counts(conn: &mut Conn, region: &RegionId) -> Result<Vec<PdCounts>> {
    let rows = sqlx::query(
        "SELECT p.id, p.code, p.name, \
           (SELECT COUNT(*) FROM users u WHERE u.pd_id = p.id AND u.active) AS users, \
           (SELECT COUNT(*) FROM tim_members t WHERE t.pd_id = p.id AND t.removed_at IS NULL) AS tim_members \
         FROM pds p WHERE p.region_id = $1 AND p.retired_reason IS NULL ORDER BY p.name",
    )
    .bind(region.as_str())
    .fetch_all(conn)
    .await?;
    use sqlx::Row;
    rows.iter()
        .map(|r| {
            Ok(PdCounts {
                id: text(r, "id")?,
                code: text(r, "code")?,
                name: text(r, "name")?,
                users: r.try_get::<i64, _>("users")?,
                tim_members: r.try_get::<i64, _>("tim_members")?,
            })
        })
        .collect()
}
