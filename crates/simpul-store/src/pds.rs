//! The `pds` table: the Perangkat Daerah register (ORG-2).

use crate::insert::{self, Insert, Query};
use crate::rows::{Flag, Text};
use crate::{like_pattern, Conn, Page, Paging, Result, StoreError};
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::org::{PdKind, PerangkatDaerah, ValidPd};

pub(crate) const COLS: &str =
    "id, region_id, code, name, short_name, kind, head_name, head_title, tasks, is_kominfo, \
    is_planning, is_inspectorate, mandiri_tik, retired_reason, created_at, updated_at";

/// A PD as stored ([`COLS`]).
#[derive(sqlx::FromRow)]
pub(crate) struct PdRow {
    id: Text<PdId>,
    region_id: Text<RegionId>,
    code: String,
    name: String,
    short_name: String,
    kind: Text<PdKind>,
    head_name: Option<String>,
    head_title: Option<String>,
    tasks: Option<String>,
    is_kominfo: Flag,
    is_planning: Flag,
    is_inspectorate: Flag,
    mandiri_tik: Flag,
    retired_reason: Option<String>,
    created_at: String,
    updated_at: String,
}

impl From<PdRow> for PerangkatDaerah {
    fn from(r: PdRow) -> PerangkatDaerah {
        PerangkatDaerah {
            id: r.id.0,
            region: r.region_id.0,
            code: r.code,
            name: r.name,
            short_name: r.short_name,
            kind: r.kind.0,
            head_name: r.head_name,
            head_title: r.head_title,
            tasks: r.tasks,
            is_kominfo: r.is_kominfo.0,
            is_planning: r.is_planning.0,
            is_inspectorate: r.is_inspectorate.0,
            mandiri_tik: r.mandiri_tik.0,
            retired_reason: r.retired_reason,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Every PD the query selects ([`COLS`]).
pub(crate) async fn fetch_all<'q>(
    q: sqlx::query::QueryAs<'q, sqlx::Any, PdRow, sqlx::any::AnyArguments<'q>>,
    conn: &mut Conn,
) -> Result<Vec<PerangkatDaerah>> {
    Ok(q.fetch_all(conn)
        .await?
        .into_iter()
        .map(PerangkatDaerah::from)
        .collect())
}

/// A PD to insert with its id, retirement and timestamps (kept as given by restores).
#[derive(Debug, Clone, Copy)]
pub struct NewPd<'a> {
    pub region: &'a RegionId,
    pub id: PdId,
    pub pd: &'a ValidPd,
    pub retired_reason: Option<&'a str>,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

const INSERT: Insert = Insert {
    table: "pds",
    cols: COLS,
    conflict_field: "code",
};

/// Binds the register's fields, `code` to `mandiri_tik` (inserts and updates).
fn bind_fields<'q>(q: Query<'q>, v: &'q ValidPd) -> Query<'q> {
    q.bind(v.code.as_str())
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
}

/// Binds one row in the order of [`COLS`].
fn bind<'q>(q: Query<'q>, r: &'q NewPd<'_>) -> Query<'q> {
    bind_fields(q.bind(r.id.to_string()).bind(r.region.as_str()), r.pd)
        .bind(r.retired_reason)
        .bind(r.created_at)
        .bind(r.updated_at)
}

/// Inserts PDs, many per statement: the one insert of the table (new PDs, bulk loads,
/// restores).
pub async fn insert_rows(conn: &mut Conn, rows: &[NewPd<'_>]) -> Result<u64> {
    insert::rows(conn, INSERT, rows, insert::ROWS_PER_STATEMENT, bind).await
}

/// Inserts a new, active PD.
pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: PdId,
    v: &ValidPd,
    now: &str,
) -> Result<()> {
    let row = NewPd {
        region,
        id,
        pd: v,
        retired_reason: None,
        created_at: now,
        updated_at: now,
    };
    insert::one(conn, INSERT, &row, bind).await
}

pub async fn update(
    conn: &mut Conn,
    region: &RegionId,
    id: PdId,
    v: &ValidPd,
    now: &str,
) -> Result<()> {
    let q = sqlx::query(
        "UPDATE pds SET code=$3, name=$4, short_name=$5, kind=$6, head_name=$7, head_title=$8, tasks=$9, \
         is_kominfo=$10, is_planning=$11, is_inspectorate=$12, mandiri_tik=$13, updated_at=$14 \
         WHERE region_id=$1 AND id=$2",
    );
    bind_fields(q.bind(region.as_str()).bind(id.to_string()), v)
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
    let row: Option<PdRow> = sqlx::query_as(&format!(
        "SELECT {COLS} FROM pds WHERE region_id = $1 AND id = $2"
    ))
    .bind(region.as_str())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(PerangkatDaerah::from))
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
    let sql = format!(
        "SELECT {COLS} FROM pds WHERE {wh} ORDER BY {} LIMIT $6 OFFSET $7",
        f.sort.sql()
    );
    let page = sqlx::query_as(&sql)
        .bind(region.as_str())
        .bind(q)
        .bind(&pattern)
        .bind(kind)
        .bind(f.include_retired)
        .bind(paging.per_page)
        .bind(paging.offset());
    let items = fetch_all(page, conn).await?;
    Ok(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// All active PDs of a region, by name (for pickers).
pub async fn all(conn: &mut Conn, region: &RegionId) -> Result<Vec<PerangkatDaerah>> {
    let sql = format!(
        "SELECT {COLS} FROM pds WHERE region_id = $1 AND retired_reason IS NULL ORDER BY name"
    );
    fetch_all(sqlx::query_as(&sql).bind(region.as_str()), conn).await
}

/// Per-PD counts for the dashboard: accounts and Tim Koordinasi seats.
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct PdCounts {
    pub id: String,
    pub code: String,
    pub name: String,
    pub users: i64,
    pub tim_members: i64,
}

pub async fn counts(conn: &mut Conn, region: &RegionId) -> Result<Vec<PdCounts>> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.code, p.name, \
           (SELECT COUNT(*) FROM users u WHERE u.pd_id = p.id AND u.active) AS users, \
           (SELECT COUNT(*) FROM tim_members t WHERE t.pd_id = p.id AND t.removed_at IS NULL) AS tim_members \
         FROM pds p WHERE p.region_id = $1 AND p.retired_reason IS NULL ORDER BY p.name",
    )
    .bind(region.as_str())
    .fetch_all(conn)
    .await?)
}
