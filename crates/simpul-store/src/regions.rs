//! The `regions` table: one row per tenant, seeded from its region pack (ORG-1).

use crate::insert::{self, Insert, Query};
use crate::query::{Update, Where};
use crate::rows::{JsonText, Text};
use crate::{Conn, Result, StoreError};
use serde::Serialize;
use simpul_domain::ids::RegionId;
use simpul_domain::region::{Instrument, RegionPack};

/// A region as stored: the pack's facts plus the fields an administrator maintains.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct RegionRow {
    #[sqlx(try_from = "Text<RegionId>")]
    pub id: RegionId,
    pub name: String,
    pub kind: String,
    pub province: String,
    pub kode_wilayah: String,
    pub head_title: String,
    pub capital: String,
    pub official_domain: String,
    pub domain_article: Option<String>,
    #[sqlx(rename = "instrument_json", try_from = "JsonText<Instrument>")]
    pub instrument: Instrument,
    pub head_name: Option<String>,
    pub sekda_name: Option<String>,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub tim_decree_ref: Option<String>,
    pub tim_decree_date: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Fields of the region profile an administrator edits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegionEdit {
    pub official_domain: String,
    pub head_name: Option<String>,
    pub sekda_name: Option<String>,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub tim_decree_ref: Option<String>,
    pub tim_decree_date: Option<String>,
}

const COLS: &str = "id, name, kind, province, kode_wilayah, head_title, capital, official_domain, domain_article, \
    instrument_json, head_name, sekda_name, address, contact_email, tim_decree_ref, tim_decree_date, created_at, updated_at";

const INSERT: Insert = Insert {
    table: "regions",
    cols: COLS,
    conflict_field: "kode_wilayah",
};

/// A region row with its instrument as stored.
struct NewRegion<'a> {
    row: &'a RegionRow,
    instrument_json: String,
}

impl<'a> NewRegion<'a> {
    fn of(row: &'a RegionRow) -> Result<NewRegion<'a>> {
        let instrument_json = serde_json::to_string(&row.instrument)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(NewRegion {
            row,
            instrument_json,
        })
    }
}

/// Binds one row in the order of [`COLS`].
fn bind<'q>(q: Query<'q>, n: &'q NewRegion<'_>) -> Query<'q> {
    let r = n.row;
    q.bind(r.id.as_str())
        .bind(&r.name)
        .bind(&r.kind)
        .bind(&r.province)
        .bind(&r.kode_wilayah)
        .bind(&r.head_title)
        .bind(&r.capital)
        .bind(&r.official_domain)
        .bind(&r.domain_article)
        .bind(&n.instrument_json)
        .bind(&r.head_name)
        .bind(&r.sekda_name)
        .bind(&r.address)
        .bind(&r.contact_email)
        .bind(&r.tim_decree_ref)
        .bind(&r.tim_decree_date)
        .bind(&r.created_at)
        .bind(&r.updated_at)
}

/// Inserts a region: the one insert of the table (packs, synthetic regions).
pub(crate) async fn insert(conn: &mut Conn, r: &RegionRow) -> Result<()> {
    insert::one(conn, INSERT, &NewRegion::of(r)?, bind).await
}

/// Inserts the region or, when it exists, overwrites every column with the given values,
/// timestamps included (restores).
pub(crate) async fn put(conn: &mut Conn, r: &RegionRow) -> Result<()> {
    insert::upsert_one(conn, INSERT, "id", &NewRegion::of(r)?, bind).await
}

/// Inserts a region from its pack. Returns false when it already exists.
pub async fn insert_from_pack(conn: &mut Conn, pack: &RegionPack, now: &str) -> Result<bool> {
    if get(conn, &pack.region.slug).await?.is_some() {
        return Ok(false);
    }
    let r = &pack.region;
    let row = RegionRow {
        id: r.slug.clone(),
        name: r.name.clone(),
        kind: format!("{:?}", r.kind).to_lowercase(),
        province: r.province.clone(),
        kode_wilayah: r.kode_wilayah.clone(),
        head_title: format!("{:?}", r.head_title),
        capital: r.capital.clone(),
        official_domain: r.official_domain.clone(),
        domain_article: r.domain_article.clone(),
        instrument: pack.instrument.clone(),
        head_name: None,
        sekda_name: None,
        address: None,
        contact_email: None,
        tim_decree_ref: None,
        tim_decree_date: None,
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
    };
    insert(conn, &row).await?;
    Ok(true)
}

pub async fn get(conn: &mut Conn, id: &RegionId) -> Result<Option<RegionRow>> {
    Where::new()
        .eq("id", id.as_str())
        .optional(conn, &format!("SELECT {COLS} FROM regions"))
        .await
}

pub async fn list(conn: &mut Conn) -> Result<Vec<RegionRow>> {
    Where::new()
        .all(
            conn,
            &format!("SELECT {COLS} FROM regions"),
            "ORDER BY name",
        )
        .await
}

pub async fn update(conn: &mut Conn, id: &RegionId, e: &RegionEdit, now: &str) -> Result<()> {
    Update::new("regions")
        .set("official_domain", &e.official_domain)
        .set("head_name", &e.head_name)
        .set("sekda_name", &e.sekda_name)
        .set("address", &e.address)
        .set("contact_email", &e.contact_email)
        .set("tim_decree_ref", &e.tim_decree_ref)
        .set("tim_decree_date", &e.tim_decree_date)
        .set("updated_at", now)
        .id(id.as_str())
        .run(conn)
        .await?;
    Ok(())
}

impl From<JsonText<Instrument>> for Instrument {
    fn from(j: JsonText<Instrument>) -> Instrument {
        j.0
    }
}
