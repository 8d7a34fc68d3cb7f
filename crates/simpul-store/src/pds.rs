//! The `pds` table: the Perangkat Daerah register (ORG-2).

use crate::insert::{self, Insert, Query};
use crate::rows::{domain_row, Flag, Text};
use crate::query::Where;
use crate::{Conn, Page, Paging, Result, StoreError};
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::org::{PdKind, PerangkatDaerah, ValidPd};

pub(crate) const COLS: &str =
    "id, region_id, code, name, short_name, kind, head_name, head_title, tasks, is_kominfo, \
    is_planning, is_inspectorate, mandiri_tik, retired_reason, created_at, updated_at";

domain_row! {
    /// A PD as stored ([`COLS`]).
    pub(crate) struct PdRow => PerangkatDaerah {
        #[sqlx(try_from = "Text<PdId>")]
        id: PdId,
        #[sqlx(rename = "region_id", try_from = "Text<RegionId>")]
        region: RegionId,
        code: String,
        name: String,
        short_name: String,
        #[sqlx(try_from = "Text<PdKind>")]
        kind: PdKind,
        head_name: Option<String>,
        head_title: Option<String>,
        tasks: Option<String>,
        #[sqlx(try_from = "Flag")]
        is_kominfo: bool,
        #[sqlx(try_from = "Flag")]
        is_planning: bool,
        #[sqlx(try_from = "Flag")]
        is_inspectorate: bool,
        #[sqlx(try_from = "Flag")]
        mandiri_tik: bool,
        retired_reason: Option<String>,
        created_at: String,
        updated_at: String,
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
    let row: Option<PdRow> = crate::query::in_region(region.as_str(), id.to_string())
        .optional(conn, &select())
        .await?;
    Ok(row.map(PerangkatDaerah::from))
}

fn select() -> String {
    format!("SELECT {COLS} FROM pds")
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
    let page: Page<PdRow> = Where::new()
        .eq("region_id", region.as_str())
        .contains(&["name", "short_name", "code"], &f.q)
        .eq_some("kind", f.kind.map(PdKind::code))
        .when(!f.include_retired, "retired_reason IS NULL")
        .page(conn, &select(), "pds", f.sort.sql(), paging)
        .await?;
    Ok(page.map(PerangkatDaerah::from))
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
