//! The `records` table (the SPBE catalogue), `record_links` and `ref_codes`.

use crate::insert::{self, Insert, Query};
use crate::query::{bind_all, Arg, Update, Where};
use crate::rows::{domain_row, JsonText, Text};
use crate::{Conn, Dialect, Page, Paging, Result};
use serde::Serialize;
use serde_json::{Map, Value};
use simpul_domain::catalogue::refarch::RefCode;
use simpul_domain::catalogue::{EntityKind, Record, ValidRecord};
use simpul_domain::ids::{PdId, RecordId, RegionId};

pub(crate) const COLS: &str = "id, region_id, kind, pd_id, code, name, status, ref_code, description, data_json, retired_reason, created_at, updated_at";

/// At most this many matches are counted; lists show "more than" beyond it.
pub const COUNT_CAP: i64 = 10_000;

domain_row! {
    /// A record as stored ([`COLS`]).
    pub(crate) struct RecordRow => Record {
        #[sqlx(try_from = "Text<RecordId>")]
        id: RecordId,
        #[sqlx(rename = "region_id", try_from = "Text<RegionId>")]
        region: RegionId,
        #[sqlx(try_from = "Text<EntityKind>")]
        kind: EntityKind,
        #[sqlx(try_from = "Text<PdId>")]
        pd_id: PdId,
        code: Option<String>,
        name: String,
        status: String,
        ref_code: Option<String>,
        description: Option<String>,
        #[sqlx(rename = "data_json", try_from = "JsonText<Map<String, Value>>")]
        data: Map<String, Value>,
        retired_reason: Option<String>,
        created_at: String,
        updated_at: String,
    }
}

fn records(rows: Vec<RecordRow>) -> Vec<Record> {
    rows.into_iter().map(Record::from).collect()
}

fn data_json(v: &ValidRecord) -> String {
    serde_json::Value::Object(v.data.clone()).to_string()
}

/// The key of one region and kind in the full-text index: `s` and the first 8 hex digits of
/// SHA-256 of `{region}/{kind}`. Every indexed word is stored prefixed with its record's key
/// ([`stored_search_text`]), so the index holds a separate vocabulary per region and kind and a
/// prefix search reads only its own scope's doclists. The fixed length makes one scope's words
/// never a prefix of another scope's. Two scopes may share a key (2⁻³² per pair): that costs
/// reading the other scope's matches, which the query's `region_id` and `kind` filters then drop.
pub fn scope_key(region: &RegionId, kind: EntityKind) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{}/{}", region.as_str(), kind.code()));
    format!("s{}", &hex::encode(digest)[..8])
}

/// Lower-case word tokens of `text` (letters and digits only): how both the stored search text
/// and the query are split, so that a query token is a prefix of the stored token it matches.
fn word_tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The text stored in `search_text` and indexed for full-text search: every word of the
/// record ([`ValidRecord::search_text`]) prefixed with its scope key ([`scope_key`]), e.g.
/// `s1a2b3c4dserver s1a2b3c4dpusat`. The full-text index spans every region of the database;
/// scoped words let a search ask it for "these word prefixes in this region and kind" without
/// merging the prefix matches of every other region (FTS5 `fts5MergePrefixLists`, PostgreSQL's
/// GIN prefix scan). Every writer of `search_text` uses this function.
pub fn stored_search_text(region: &RegionId, kind: EntityKind, v: &ValidRecord) -> String {
    let key = scope_key(region, kind);
    word_tokens(&v.search_text())
        .iter()
        .map(|w| format!("{key}{w}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a stored record as they were validated, to recompute its search text (the
/// data migration); no check is repeated, the row was validated when written.
fn stored_words(r: &Record) -> ValidRecord {
    ValidRecord {
        pd_id: r.pd_id,
        name: r.name.clone(),
        code: r.code.clone(),
        status: r.status.clone(),
        ref_code: r.ref_code.clone(),
        description: r.description.clone(),
        data: r.data.clone(),
    }
}

/// Recomputes [`stored_search_text`] for up to `limit` records with ids after `after`, in id
/// order, with one UPDATE; returns the last id rewritten and the number of rows, or `None` when
/// none is left. For the
/// data migration of existing rows ([`crate::migrate`]): the words and their scope come from
/// the row itself, which SQL alone cannot tokenise and hash.
pub async fn rewrite_search_text(
    conn: &mut Conn,
    after: &str,
    limit: i64,
) -> Result<Option<(String, u64)>> {
    let rows = sqlx::query_as(&format!(
        "SELECT {COLS} FROM records WHERE id > $1 ORDER BY id LIMIT $2"
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let records = records(rows);
    let Some(last) = records.last().map(|r| r.id.to_string()) else {
        return Ok(None);
    };
    // VALUES columns are named column1, column2 on both backends.
    let sql = format!(
        "UPDATE records SET search_text = v.column2 FROM (VALUES {}) AS v WHERE records.id = v.column1",
        Dialect::of(conn).values_rows(records.len(), 2)
    );
    let mut q = sqlx::query(&sql);
    for r in &records {
        q = q
            .bind(r.id.to_string())
            .bind(stored_search_text(&r.region, r.kind, &stored_words(r)));
    }
    let n = q.execute(conn).await?.rows_affected();
    Ok(Some((last, n)))
}

/// A record to insert with its id, retirement and timestamps (kept as given by imports).
#[derive(Debug, Clone, Copy)]
pub struct NewRecord<'a> {
    pub region: &'a RegionId,
    pub id: RecordId,
    pub kind: EntityKind,
    pub record: &'a ValidRecord,
    pub retired_reason: Option<&'a str>,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

const INSERT: Insert = Insert {
    table: "records",
    cols: "id, region_id, kind, pd_id, code, name, status, ref_code, description, data_json, retired_reason, \
           created_at, updated_at, search_text",
    conflict_field: "code",
};

/// A record's fields, `pd_id` to `data_json`, in the order of the insert (inserts and
/// updates).
fn fields(v: &ValidRecord) -> [(&'static str, Arg); 7] {
    [
        ("pd_id", v.pd_id.to_string().into()),
        ("code", (&v.code).into()),
        ("name", (&v.name).into()),
        ("status", (&v.status).into()),
        ("ref_code", (&v.ref_code).into()),
        ("description", (&v.description).into()),
        ("data_json", data_json(v).into()),
    ]
}

fn bind<'q>(q: Query<'q>, r: &'q NewRecord<'_>) -> Query<'q> {
    let v = r.record;
    let q = q
        .bind(r.id.to_string())
        .bind(r.region.as_str())
        .bind(r.kind.code());
    bind_all(q, fields(v).map(|(_, v)| v))
        .bind(r.retired_reason)
        .bind(r.created_at)
        .bind(r.updated_at)
        .bind(stored_search_text(r.region, r.kind, v))
}

/// Inserts records, many per statement: the one insert of the table (records written one by
/// one, imports, bulk loads). The search text is [`stored_search_text`].
pub async fn insert_rows(conn: &mut Conn, rows: &[NewRecord<'_>]) -> Result<u64> {
    insert::rows(conn, INSERT, rows, insert::ROWS_PER_STATEMENT, bind).await
}

/// Inserts an active record; `created_at` and `updated_at` are given so that imports can
/// keep them.
pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: RecordId,
    kind: EntityKind,
    v: &ValidRecord,
    created: &str,
    updated: &str,
) -> Result<()> {
    let row = NewRecord {
        region,
        id,
        kind,
        record: v,
        retired_reason: None,
        created_at: created,
        updated_at: updated,
    };
    insert::one(conn, INSERT, &row, bind).await
}

/// Updates a record of kind `kind` (its kind never changes; it scopes the search text).
pub async fn update(
    conn: &mut Conn,
    region: &RegionId,
    id: RecordId,
    kind: EntityKind,
    v: &ValidRecord,
    now: &str,
) -> Result<()> {
    Update::new("records")
        .fields(fields(v))
        .set("search_text", stored_search_text(region, kind, v))
        .set("updated_at", now)
        .in_region(region.as_str(), id.to_string())
        .run_unique(conn, "code")
        .await?;
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
    Update::new("records")
        .set("status", status)
        .set("retired_reason", reason)
        .set("updated_at", now)
        .in_region(region.as_str(), id.to_string())
        .run(conn)
        .await?;
    Ok(())
}

fn select() -> String {
    format!("SELECT {COLS} FROM records")
}

pub async fn get(conn: &mut Conn, region: &RegionId, id: RecordId) -> Result<Option<Record>> {
    let sql = select();
    crate::query::one_in_region::<RecordRow, _>(conn, &sql, region.as_str(), id.to_string()).await
}

pub async fn get_by_code(
    conn: &mut Conn,
    region: &RegionId,
    kind: EntityKind,
    code: &str,
) -> Result<Option<Record>> {
    Where::new()
        .eq("region_id", region.as_str())
        .eq("kind", kind.code())
        .eq("code", code)
        .optional_into::<RecordRow, _>(conn, &select())
        .await
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
    /// Fields of `data` that must have a value: `(field, value)`; the names come from the
    /// kind's field list (never from input).
    pub data_eq: Vec<(&'static str, String)>,
    /// A date field of `data` before a date, or never set: `(field, YYYY-MM-DD)`.
    pub data_before: Option<(&'static str, String)>,
}

/// The SQL expression reading the text field `name` of `data_json`.
fn data_field(dialect: Dialect, name: &str) -> Option<String> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    Some(dialect.json_text_field("data_json", name))
}

/// Lower-case word tokens of a search query (letters and digits only).
pub fn search_tokens(q: &str) -> Vec<String> {
    word_tokens(q)
        .into_iter()
        .take(8)
        .map(|t| t.chars().take(40).collect())
        .collect()
}

/// The full-text query: every token as a prefix of a scoped word ([`stored_search_text`]) of
/// one of `keys` (the scope keys of the searched kinds in the region), all tokens required.
fn search_query(dialect: Dialect, tokens: &[String], keys: &[String]) -> String {
    // Tokens and keys are letters and digits only, so they need no quoting or escaping.
    let any_scope = |t: &String| {
        let alternatives: Vec<String> = keys
            .iter()
            .map(|k| dialect.text_prefix(&format!("{k}{t}")))
            .collect();
        match alternatives.as_slice() {
            [one] => one.clone(),
            _ => format!("({})", alternatives.join(dialect.text_any())),
        }
    };
    tokens
        .iter()
        .map(any_scope)
        .collect::<Vec<_>>()
        .join(dialect.text_all())
}

/// A page of records and the capped count of all matches.
///
/// The WHERE clause holds only the filters that are set, so that each is an index constraint:
/// `region_id` and `kind` lead every index, and the default list of active records reads the
/// partial `records_active_*` indexes (migration `0003_list_indexes`), one per sort order, from
/// which both the capped count and the page's ids come without reading table rows. When
/// searching on SQLite, the columns are written `+col` so that the scoped full-text match
/// drives the query (a few rowid lookups) instead of a scan of the region's index probing it,
/// and the page carries the count of matches. The full-text query only matches words of this
/// region (and kind) through their scope keys ([`stored_search_text`]); the `region_id` and
/// `kind` filters stay in the WHERE clause so that a shared key could never leak another
/// scope's records.
pub async fn list(
    conn: &mut Conn,
    region: &RegionId,
    f: &RecordFilter,
    paging: Paging,
) -> Result<Page<Record>> {
    let tokens = search_tokens(&f.q);
    let searching = !tokens.is_empty();
    let dialect = Dialect::of(conn);
    let col = |c: &str| {
        if searching {
            dialect.without_index(c)
        } else {
            c.to_owned()
        }
    };
    let mut w = Where::new()
        .eq(&col("region_id"), region.as_str())
        .eq_some(&col("kind"), f.kind.map(EntityKind::code))
        .eq_some(&col("pd_id"), f.pd.map(|p| p.to_string()))
        .eq_some(&col("status"), f.status.clone())
        .when(!f.include_retired, "retired_reason IS NULL");
    for (name, value) in &f.data_eq {
        if let Some(e) = data_field(dialect, name) {
            w = w.eq(&e, value.clone());
        }
    }
    if let Some((name, day)) = &f.data_before {
        if let Some(e) = data_field(dialect, name) {
            let p = w.param(day.clone());
            w.push(format!("({e} IS NULL OR {e} < {p})"));
        }
    }
    if searching {
        // A region-wide search (no kind) asks for the words in any kind of the region.
        let keys: Vec<String> = match f.kind {
            Some(k) => vec![scope_key(region, k)],
            None => EntityKind::ALL
                .iter()
                .map(|&k| scope_key(region, k))
                .collect(),
        };
        let p = w.param(search_query(dialect, &tokens, &keys));
        w.push(dialect.records_text_match(&p));
    }
    let wh = w.sql();
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
    let (limit, offset) = (w.next_param(1), w.next_param(2));
    let sort = f.sort.sql();
    let list_sql = format!(
        "WITH page AS (SELECT id AS page_id{window} FROM records WHERE {wh} ORDER BY {sort} LIMIT {limit} OFFSET {offset}) \
         SELECT {COLS}{matches} FROM page JOIN records ON records.id = page.page_id ORDER BY {sort}"
    );
    let extra = [Arg::Int(paging.per_page), Arg::Int(paging.offset())];
    let rows: Vec<ListRow> = sqlx::query_as_with(&list_sql, w.args(&extra))
        .fetch_all(&mut *conn)
        .await?;
    let kept = !searching && f.data_eq.is_empty() && f.data_before.is_none();
    let (total, capped) = match rows.first() {
        Some(r) if searching => (r.matches, false),
        _ if kept => (kept_count(conn, region, f).await?, false),
        _ => {
            let n: i64 = sqlx::query_scalar_with(&count_sql, w.args(&[]))
                .fetch_one(conn)
                .await?;
            (n.min(COUNT_CAP + 1), n > COUNT_CAP)
        }
    };
    let items = rows.into_iter().map(|r| r.record.into()).collect();
    let mut page = Page::of(items, total, paging);
    page.more = capped;
    Ok(page)
}

/// The exact number of records a plain list (no search, no data-field filter) shows, from the
/// counts the triggers of migration `0017_record_counts` keep: a sum of a few rows of
/// `record_counts` instead of a count of up to [`COUNT_CAP`] index entries.
async fn kept_count(conn: &mut Conn, region: &RegionId, f: &RecordFilter) -> Result<i64> {
    let w = Where::new()
        .eq("region_id", region.as_str())
        .eq_some("kind", f.kind.map(EntityKind::code))
        .eq_some("pd_id", f.pd.map(|p| p.to_string()))
        .eq_some("status", f.status.clone())
        .when(!f.include_retired, "retired = 0");
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM record_counts WHERE {}",
        w.sql()
    );
    Ok(sqlx::query_scalar_with(&sql, w.args(&[]))
        .fetch_one(conn)
        .await?)
}

/// A row of a record list: the record and, when searching, the count of all matches.
#[derive(sqlx::FromRow)]
struct ListRow {
    #[sqlx(flatten)]
    record: RecordRow,
    #[sqlx(default)]
    matches: i64,
}

/// Every record of a kind in a region, by name (export).
pub async fn all_of_kind(
    conn: &mut Conn,
    region: &RegionId,
    kind: EntityKind,
) -> Result<Vec<Record>> {
    Where::new()
        .eq("region_id", region.as_str())
        .eq("kind", kind.code())
        .all_into::<RecordRow, _>(conn, &select(), "ORDER BY name, id")
        .await
}

/// Active records per kind, optionally for one PD.
pub async fn count_by_kind(
    conn: &mut Conn,
    region: &RegionId,
    pd: Option<PdId>,
) -> Result<Vec<(EntityKind, i64)>> {
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT kind, COUNT(*) AS n FROM records WHERE region_id = $1 AND ($2 = '' OR pd_id = $2) AND retired_reason IS NULL GROUP BY kind")
        .bind(region.as_str())
        .bind(pd.map(|p| p.to_string()).unwrap_or_default())
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, n)| Some((EntityKind::from_code(&kind)?, n)))
        .collect())
}

/// A link seen from one of its ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LinkView {
    pub relation: String,
    /// The record at the other end.
    pub id: String,
    #[sqlx(try_from = "Text<EntityKind>")]
    pub kind: EntityKind,
    pub name: String,
    pub status: String,
    pub pd_id: String,
}

/// A link to insert: `from` depends on `to` through `relation`.
#[derive(Debug, Clone, Copy)]
pub struct NewLink<'a> {
    pub region: &'a RegionId,
    pub from: RecordId,
    pub to: RecordId,
    pub relation: &'a str,
    pub created_at: &'a str,
}

const LINK_INSERT: Insert = Insert {
    table: "record_links",
    cols: "region_id, from_id, to_id, relation, created_at",
    conflict_field: "link",
};

fn bind_link<'q>(q: Query<'q>, l: &'q NewLink<'_>) -> Query<'q> {
    q.bind(l.region.as_str())
        .bind(l.from.to_string())
        .bind(l.to.to_string())
        .bind(l.relation)
        .bind(l.created_at)
}

/// Inserts links, many per statement: the one insert of the table (links added one by one,
/// bulk loads).
pub async fn insert_links(conn: &mut Conn, rows: &[NewLink<'_>]) -> Result<u64> {
    // Five columns a row: twice the rows of a records statement.
    insert::rows(
        conn,
        LINK_INSERT,
        rows,
        2 * insert::ROWS_PER_STATEMENT,
        bind_link,
    )
    .await
}

pub async fn add_link(
    conn: &mut Conn,
    region: &RegionId,
    from: RecordId,
    to: RecordId,
    relation: &str,
    now: &str,
) -> Result<()> {
    let link = NewLink {
        region,
        from,
        to,
        relation,
        created_at: now,
    };
    insert::one(conn, LINK_INSERT, &link, bind_link).await
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
    Ok(sqlx::query_as(&format!(
        "SELECT l.relation, r.id, r.kind, r.name, r.status, r.pd_id FROM record_links l JOIN records r ON r.id = l.{other} \
         WHERE l.{mine} = $1 ORDER BY r.kind, r.name"
    ))
    .bind(id.to_string())
    .fetch_all(conn)
    .await?)
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
    Ok(sqlx::query_as("SELECT from_id, to_id, relation, created_at FROM record_links WHERE region_id = $1 ORDER BY from_id, to_id, relation")
        .bind(region.as_str())
        .fetch_all(conn)
        .await?)
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
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT code, name FROM ref_codes WHERE ($1 = '' OR tree = $1) ORDER BY code",
    )
    .bind(tree.unwrap_or(""))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name)| RefCode { code, name })
        .collect())
}

pub async fn ref_count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM ref_codes")
        .fetch_one(conn)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> RegionId {
        RegionId::parse(s).expect("region")
    }

    #[test]
    fn scope_keys_have_a_fixed_length_and_differ_by_region_and_kind() {
        let a = scope_key(&r("metro"), EntityKind::Asset);
        assert_eq!((a.len(), &a[..1]), (9, "s"));
        assert!(a[1..].bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, scope_key(&r("metro"), EntityKind::Application));
        assert_ne!(a, scope_key(&r("sintetis01"), EntityKind::Asset));
        // Stored in every database: changing the key needs a data migration.
        assert_eq!(scope_key(&r("sintetis01"), EntityKind::Asset), "s29398cdc");
    }

    #[test]
    fn queries_prefix_every_token_with_the_scope_keys() {
        let t = search_tokens("Data-Penduduk");
        let one = ["s00000001".to_owned()];
        let two = ["s00000001".to_owned(), "s00000002".to_owned()];
        assert_eq!(
            search_query(Dialect::SQLITE, &t, &one),
            r#""s00000001data"* AND "s00000001penduduk"*"#
        );
        assert_eq!(
            search_query(Dialect::POSTGRES, &t, &two),
            "(s00000001data:* | s00000002data:*) & (s00000001penduduk:* | s00000002penduduk:*)"
        );
    }
}
