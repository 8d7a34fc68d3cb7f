//! The `pds` table: the Perangkat Daerah register (ORG-2).

use crate::insert::{self, Insert, Query};
use crate::query::{bind_all, Arg, Update, Where};
use crate::rows::{domain_row, Flag, Text};
use crate::{Conn, Page, Paging, Result};
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

impl<'a> NewPd<'a> {
    /// A new, active PD created `now`.
    pub fn active(region: &'a RegionId, id: PdId, pd: &'a ValidPd, now: &'a str) -> NewPd<'a> {
        NewPd {
            region,
            id,
            pd,
            retired_reason: None,
            created_at: now,
            updated_at: now,
        }
    }
}

const INSERT: Insert = Insert {
    table: "pds",
    cols: COLS,
    conflict_field: "code",
};

/// The register's fields, `code` to `mandiri_tik`, in the order of [`COLS`] (inserts and
/// updates).
fn fields(v: &ValidPd) -> [(&'static str, Arg); 11] {
    [
        ("code", v.code.as_str().into()),
        ("name", (&v.name).into()),
        ("short_name", (&v.short_name).into()),
        ("kind", v.kind.code().into()),
        ("head_name", (&v.head_name).into()),
        ("head_title", (&v.head_title).into()),
        ("tasks", (&v.tasks).into()),
        ("is_kominfo", v.is_kominfo.into()),
        ("is_planning", v.is_planning.into()),
        ("is_inspectorate", v.is_inspectorate.into()),
        ("mandiri_tik", v.mandiri_tik.into()),
    ]
}

/// Binds one row in the order of [`COLS`].
fn bind<'q>(q: Query<'q>, r: &'q NewPd<'_>) -> Query<'q> {
    let q = q.bind(r.id.to_string()).bind(r.region.as_str());
    bind_all(q, fields(r.pd).map(|(_, v)| v))
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
    insert::one(conn, INSERT, &NewPd::active(region, id, v, now), bind).await
}

pub async fn update(
    conn: &mut Conn,
    region: &RegionId,
    id: PdId,
    v: &ValidPd,
    now: &str,
) -> Result<()> {
    Update::new("pds")
        .fields(fields(v))
        .set("updated_at", now)
        .in_region(region.as_str(), id.to_string())
        .run_unique(conn, "code")
        .await?;
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
    Update::new("pds")
        .set("retired_reason", reason)
        .set("updated_at", now)
        .in_region(region.as_str(), id.to_string())
        .run(conn)
        .await?;
    Ok(())
}

pub async fn get(conn: &mut Conn, region: &RegionId, id: PdId) -> Result<Option<PerangkatDaerah>> {
    let sql = select();
    crate::query::one_in_region::<PdRow, _>(conn, &sql, region.as_str(), id.to_string()).await
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
    Where::new()
        .eq("region_id", region.as_str())
        .and("retired_reason IS NULL")
        .all_into::<PdRow, _>(conn, &select(), "ORDER BY name")
        .await
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
