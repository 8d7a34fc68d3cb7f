//! The `records` table (the SPBE catalogue), `record_links` and `ref_codes`.

use crate::rows::{opt_text, parsed, text};
use crate::{Backend, Conn, Page, Paging, Result, StoreError};
use serde::Serialize;
use simpul_domain::catalogue::refarch::RefCode;
use simpul_domain::catalogue::{EntityKind, Record, ValidRecord};
use simpul_domain::ids::{PdId, RecordId, RegionId};
use sqlx::Row;

pub(crate) const COLS: &str = "id, region_id, kind, pd_id, code, name, status, ref_code, description, data_json, retired_reason, created_at, updated_at";

/// At most this many matches are counted; lists show "more than" beyond it.
pub const COUNT_CAP: i64 = 10_000;

pub(crate) fn from_row(r: &sqlx::any::AnyRow) -> Result<Record> {
    let kind = text(r, "kind")?;
    let data = text(r, "data_json")?;
    Ok(Record {
        id: parsed(r, "id")?,
        region: RegionId::parse(&text(r, "region_id")?).map_err(StoreError::Corrupt)?,
        kind: EntityKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown kind {kind}")))?,
        pd_id: parsed(r, "pd_id")?,
        code: opt_text(r, "code")?,
        name: text(r, "name")?,
        status: text(r, "status")?,
        ref_code: opt_text(r, "ref_code")?,
        description: opt_text(r, "description")?,
        data: serde_json::from_str(&data).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        retired_reason: opt_text(r, "retired_reason")?,
        created_at: text(r, "created_at")?,
        updated_at: text(r, "updated_at")?,
    })
}

fn data_json(v: &ValidRecord) -> String {
    serde_json::Value::Object(v.data.clone()).to_string()
}

/// The word that confines a full-text search to one region: `zzr<region>`.
fn region_scope(region: &RegionId) -> String {
    format!("zzr{}", region.as_str())
}

/// The word that confines a full-text search to one kind in one region:
/// `zzk<kind without underscores>r<region>`.
fn kind_scope(region: &RegionId, kind: EntityKind) -> String {
    format!("zzk{}r{}", kind.code().replace('_', ""), region.as_str())
}

/// The same two scope words as an SQL expression over the row's own columns (for updates and
/// the migration that added them, `0003_list_indexes`).
const SCOPE_SQL: &str =
    "' zzr' || region_id || ' zzk' || replace(kind, '_', '') || 'r' || region_id";

/// The text stored in `search_text` and indexed for full-text search: the record's words
/// ([`ValidRecord::search_text`]) and its scope words. The full-text index spans every region
/// of the database; the scope words let a search ask the index for "these words in this
/// region and kind" instead of fetching every region's matches and filtering them afterwards.
pub fn stored_search_text(region: &RegionId, kind: EntityKind, v: &ValidRecord) -> String {
    format!(
        "{} {} {}",
        v.search_text(),
        region_scope(region),
        kind_scope(region, kind)
    )
}

/// Inserts a record; `created_at` and `updated_at` are given so that imports can keep them.
pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: RecordId,
    kind: EntityKind,
    v: &ValidRecord,
    created: &str,
    updated: &str,
) -> Result<()> {
    sqlx::query(&format!("INSERT INTO records ({COLS}, search_text) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,NULL,$11,$12,$13)"))
        .bind(id.to_string())
        .bind(region.as_str())
        .bind(kind.code())
        .bind(v.pd_id.to_string())
        .bind(&v.code)
        .bind(&v.name)
        .bind(&v.status)
        .bind(&v.ref_code)
        .bind(&v.description)
        .bind(data_json(v))
        .bind(created)
        .bind(updated)
        .bind(stored_search_text(region, kind, v))
        .execute(conn)
        .await
        .map_err(|e| StoreError::conflict_on(e, "code"))?;
    Ok(())
}

pub async fn update(
    conn: &mut Conn,
    region: &RegionId,
    id: RecordId,
    v: &ValidRecord,
    now: &str,
) -> Result<()> {
    sqlx::query(&format!(
        "UPDATE records SET pd_id=$3, code=$4, name=$5, status=$6, ref_code=$7, description=$8, data_json=$9, \
         search_text=$10 || {SCOPE_SQL}, updated_at=$11 WHERE region_id=$1 AND id=$2",
    ))
    .bind(region.as_str())
    .bind(id.to_string())
    .bind(v.pd_id.to_string())
    .bind(&v.code)
    .bind(&v.name)
    .bind(&v.status)
    .bind(&v.ref_code)
    .bind(&v.description)
    .bind(data_json(v))
    .bind(v.search_text())
    .bind(now)
    .execute(conn)
    .await
    .map_err(|e| StoreError::conflict_on(e, "code"))?;
    Ok(())
}

/// Retires a record (status and reason), or reactivates it with `reason = None`.
pub async fn set_retired(
    conn: &mut Conn,
    region: &RegionId,
    id: RecordId,
    status: &str,
    reason: Option<&str>,
    now: &str,
) -> Result<()> {
    sqlx::query("UPDATE records SET status=$3, retired_reason=$4, updated_at=$5 WHERE region_id=$1 AND id=$2")
        .bind(region.as_str())
        .bind(id.to_string())
        .bind(status)
        .bind(reason)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn get(conn: &mut Conn, region: &RegionId, id: RecordId) -> Result<Option<Record>> {
    let r = sqlx::query(&format!(
        "SELECT {COLS} FROM records WHERE region_id = $1 AND id = $2"
    ))
    .bind(region.as_str())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    r.as_ref().map(from_row).transpose()
}

pub async fn get_by_code(
    conn: &mut Conn,
    region: &RegionId,
    kind: EntityKind,
    code: &str,
) -> Result<Option<Record>> {
    let r = sqlx::query(&format!(
        "SELECT {COLS} FROM records WHERE region_id = $1 AND kind = $2 AND code = $3"
    ))
    .bind(region.as_str())
    .bind(kind.code())
    .bind(code)
    .fetch_optional(conn)
    .await?;
    r.as_ref().map(from_row).transpose()
}

/// Sort orders of record lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RecordSort {
    #[default]
    Name,
    Code,
    Status,
    Updated,
}

impl RecordSort {
    pub fn parse(s: &str) -> Option<RecordSort> {
        match s {
            "name" => Some(RecordSort::Name),
            "code" => Some(RecordSort::Code),
            "status" => Some(RecordSort::Status),
            "updated" => Some(RecordSort::Updated),
            _ => None,
        }
    }

    fn sql(self) -> &'static str {
        match self {
            RecordSort::Name => "name, id",
            RecordSort::Code => "code, id",
            RecordSort::Status => "status, name, id",
            RecordSort::Updated => "updated_at DESC, id",
        }
    }
}

/// Filters of a record list.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    pub kind: Option<EntityKind>,
    pub pd: Option<PdId>,
    pub status: Option<String>,
    /// Words to search for (each matches as a word prefix).
    pub q: String,
    pub include_retired: bool,
    pub sort: RecordSort,
}

/// Lower-case word tokens of a search query (letters and digits only).
pub fn search_tokens(q: &str) -> Vec<String> {
    q.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(8)
        .map(|t| t.chars().take(40).collect())
        .collect()
}

fn search_clause(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => {
            format!("rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ${n})")
        }
        Backend::Postgres => {
            format!("to_tsvector('simple', search_text) @@ to_tsquery('simple', ${n})")
        }
    }
}

/// The full-text query: every token as a word prefix, and the scope word (exact).
fn search_query(backend: Backend, tokens: &[String], scope: &str) -> String {
    match backend {
        // FTS5: each token a quoted string with prefix match; tokens hold no quotes.
        Backend::Sqlite => tokens
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .chain(std::iter::once(format!("\"{scope}\"")))
            .collect::<Vec<_>>()
            .join(" AND "),
        Backend::Postgres => tokens
            .iter()
            .map(|t| format!("{t}:*"))
            .chain(std::iter::once(scope.to_owned()))
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

/// A page of records and the capped count of all matches.
///
/// The WHERE clause holds only the filters that are set, so that each is an index constraint:
/// `region_id` and `kind` lead every index, and the default list of active records reads the
/// partial `records_active_*` indexes (migration `0003_list_indexes`), one per sort order, from
/// which both the capped count and the page's ids come without reading table rows. When
/// searching on SQLite, the columns are written `+col` so that the scoped full-text match
/// drives the query (a few rowid lookups) instead of a scan of the region's index probing it,
/// and the page carries the count of matches.
pub async fn list(
    conn: &mut Conn,
    backend: Backend,
    region: &RegionId,
    f: &RecordFilter,
    paging: Paging,
) -> Result<Page<Record>> {
    let tokens = search_tokens(&f.q);
    let searching = !tokens.is_empty();
    let col = |c: &str| {
        if searching && backend == Backend::Sqlite {
            format!("+{c}")
        } else {
            c.to_owned()
        }
    };
    let mut binds: Vec<String> = vec![region.as_str().to_owned()];
    let mut wh = format!("{} = $1", col("region_id"));
    let mut filter = |column: &str, value: String| {
        binds.push(value);
        wh.push_str(&format!(" AND {} = ${}", col(column), binds.len()));
    };
    if let Some(k) = f.kind {
        filter("kind", k.code().to_owned());
    }
    if let Some(pd) = f.pd {
        filter("pd_id", pd.to_string());
    }
    if let Some(st) = &f.status {
        filter("status", st.clone());
    }
    if !f.include_retired {
        wh.push_str(" AND retired_reason IS NULL");
    }
    if searching {
        let scope = match f.kind {
            Some(k) => kind_scope(region, k),
            None => region_scope(region),
        };
        binds.push(search_query(backend, &tokens, &scope));
        wh.push_str(" AND ");
        wh.push_str(&search_clause(backend, binds.len()));
    }
    let count_sql = format!(
        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM records WHERE {wh} LIMIT {}) AS capped",
        COUNT_CAP + 1
    );
    // The page's ids come first, from the index alone for a plain list (deep offsets skip index
    // entries, not table rows), then only those rows are read. A search reads and sorts every
    // match anyway, so it takes its count from the same evaluation of the full-text query (a
    // window count); a plain list counts from the index.
    let window = if searching {
        ", COUNT(*) OVER () AS matches"
    } else {
        ""
    };
    let matches = if searching { ", page.matches" } else { "" };
    let (limit, offset) = (binds.len() + 1, binds.len() + 2);
    let sort = f.sort.sql();
    let list_sql = format!(
        "WITH page AS (SELECT id AS page_id{window} FROM records WHERE {wh} ORDER BY {sort} LIMIT ${limit} OFFSET ${offset}) \
         SELECT {COLS}{matches} FROM page JOIN records ON records.id = page.page_id ORDER BY {sort}"
    );
    let mut page = sqlx::query(&list_sql);
    for b in &binds {
        page = page.bind(b.as_str());
    }
    let rows = page
        .bind(paging.per_page)
        .bind(paging.offset())
        .fetch_all(&mut *conn)
        .await?;
    let total: i64 = match rows.first() {
        Some(r) if searching => r.try_get::<i64, _>("matches")?.min(COUNT_CAP + 1),
        _ => {
            let mut count = sqlx::query(&count_sql);
            for b in &binds {
                count = count.bind(b.as_str());
            }
            count.fetch_one(conn).await?.try_get("n")?
        }
    };
    let items = rows.iter().map(from_row).collect::<Result<_>>()?;
    Ok(Page {
        items,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}

/// Every record of a kind in a region, by name (export).
pub async fn all_of_kind(
    conn: &mut Conn,
    region: &RegionId,
    kind: EntityKind,
) -> Result<Vec<Record>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM records WHERE region_id = $1 AND kind = $2 ORDER BY name, id"
    ))
    .bind(region.as_str())
    .bind(kind.code())
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Active records per kind, optionally for one PD.
pub async fn count_by_kind(
    conn: &mut Conn,
    region: &RegionId,
    pd: Option<PdId>,
) -> Result<Vec<(EntityKind, i64)>> {
    let rows = sqlx::query("SELECT kind, COUNT(*) AS n FROM records WHERE region_id = $1 AND ($2 = '' OR pd_id = $2) AND retired_reason IS NULL GROUP BY kind")
        .bind(region.as_str())
        .bind(pd.map(|p| p.to_string()).unwrap_or_default())
        .fetch_all(conn)
        .await?;
    let mut out = Vec::new();
    for r in &rows {
        if let Some(k) = EntityKind::from_code(&text(r, "kind")?) {
            out.push((k, r.try_get::<i64, _>("n")?));
        }
    }
    Ok(out)
}

/// A link seen from one of its ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LinkView {
    pub relation: String,
    /// The record at the other end.
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub status: String,
    pub pd_id: String,
}

pub async fn add_link(
    conn: &mut Conn,
    region: &RegionId,
    from: RecordId,
    to: RecordId,
    relation: &str,
    now: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO record_links (region_id, from_id, to_id, relation, created_at) VALUES ($1,$2,$3,$4,$5)")
        .bind(region.as_str())
        .bind(from.to_string())
        .bind(to.to_string())
        .bind(relation)
        .bind(now)
        .execute(conn)
        .await
        .map_err(|e| StoreError::conflict_on(e, "link"))?;
    Ok(())
}

pub async fn remove_link(
    conn: &mut Conn,
    region: &RegionId,
    from: RecordId,
    to: RecordId,
    relation: &str,
) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM record_links WHERE region_id = $1 AND from_id = $2 AND to_id = $3 AND relation = $4")
        .bind(region.as_str())
        .bind(from.to_string())
        .bind(to.to_string())
        .bind(relation)
        .execute(conn)
        .await?
        .rows_affected())
}

async fn links(conn: &mut Conn, id: RecordId, outgoing: bool) -> Result<Vec<LinkView>> {
    let (mine, other) = if outgoing {
        ("from_id", "to_id")
    } else {
        ("to_id", "from_id")
    };
    let rows = sqlx::query(&format!(
        "SELECT l.relation, r.id, r.kind, r.name, r.status, r.pd_id FROM record_links l JOIN records r ON r.id = l.{other} \
         WHERE l.{mine} = $1 ORDER BY r.kind, r.name"
    ))
    .bind(id.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let kind = text(r, "kind")?;
            Ok(LinkView {
                relation: text(r, "relation")?,
                id: text(r, "id")?,
                kind: EntityKind::from_code(&kind).ok_or_else(|| StoreError::Corrupt(kind))?,
                name: text(r, "name")?,
                status: text(r, "status")?,
                pd_id: text(r, "pd_id")?,
            })
        })
        .collect()
}

/// What this record depends on.
pub async fn links_from(conn: &mut Conn, id: RecordId) -> Result<Vec<LinkView>> {
    links(conn, id, true).await
}

/// What depends on this record.
pub async fn links_to(conn: &mut Conn, id: RecordId) -> Result<Vec<LinkView>> {
    links(conn, id, false).await
}

/// Every link of a region (export).
pub async fn all_links(
    conn: &mut Conn,
    region: &RegionId,
) -> Result<Vec<(String, String, String, String)>> {
    let rows = sqlx::query("SELECT from_id, to_id, relation, created_at FROM record_links WHERE region_id = $1 ORDER BY from_id, to_id, relation")
        .bind(region.as_str())
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                text(r, "from_id")?,
                text(r, "to_id")?,
                text(r, "relation")?,
                text(r, "created_at")?,
            ))
        })
        .collect()
}

/// Inserts or renames a reference code.
pub async fn upsert_ref(conn: &mut Conn, c: &RefCode, now: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO ref_codes (code, tree, parent, name, updated_at) VALUES ($1,$2,$3,$4,$5) \
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at",
    )
    .bind(&c.code)
    .bind(c.tree())
    .bind(c.parent())
    .bind(&c.name)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Reference codes, optionally of one tree, in code order.
pub async fn refs(conn: &mut Conn, tree: Option<&str>) -> Result<Vec<RefCode>> {
    let rows =
        sqlx::query("SELECT code, name FROM ref_codes WHERE ($1 = '' OR tree = $1) ORDER BY code")
            .bind(tree.unwrap_or(""))
            .fetch_all(conn)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(RefCode {
                code: text(r, "code")?,
                name: text(r, "name")?,
            })
        })
        .collect()
}

pub async fn ref_count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM ref_codes")
        .fetch_one(conn)
        .await?)
}
