//! The `regions` table: one row per tenant, seeded from its region pack (ORG-1).

use crate::rows::{JsonText, Text};
use crate::{Conn, Result, StoreError};
use serde::Serialize;
use simpul_domain::ids::RegionId;
use simpul_domain::region::{Instrument, RegionPack};

/// A region as stored: the pack's facts plus the fields an administrator maintains.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct RegionRow {
    #[schema(value_type = String)]
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

/// Inserts a region from its pack. Returns false when it already exists.
pub async fn insert_from_pack(conn: &mut Conn, pack: &RegionPack, now: &str) -> Result<bool> {
    if get(conn, &pack.region.slug).await?.is_some() {
        return Ok(false);
    }
    let r = &pack.region;
    let instrument =
        serde_json::to_string(&pack.instrument).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO regions (id, name, kind, province, kode_wilayah, head_title, capital, official_domain, \
         domain_article, instrument_json, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11)",
    )
    .bind(r.slug.as_str())
    .bind(&r.name)
    .bind(format!("{:?}", r.kind).to_lowercase())
    .bind(&r.province)
    .bind(&r.kode_wilayah)
    .bind(format!("{:?}", r.head_title))
    .bind(&r.capital)
    .bind(&r.official_domain)
    .bind(&r.domain_article)
    .bind(instrument)
    .bind(now)
    .execute(conn)
    .await
    .map_err(|e| StoreError::conflict_on(e, "kode_wilayah"))?;
    Ok(true)
}

pub async fn get(conn: &mut Conn, id: &RegionId) -> Result<Option<RegionRow>> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLS} FROM regions WHERE id = $1"))
            .bind(id.as_str())
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn list(conn: &mut Conn) -> Result<Vec<RegionRow>> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLS} FROM regions ORDER BY name"))
            .fetch_all(conn)
            .await?,
    )
}

pub async fn update(conn: &mut Conn, id: &RegionId, e: &RegionEdit, now: &str) -> Result<()> {
    sqlx::query(
        "UPDATE regions SET official_domain = $2, head_name = $3, sekda_name = $4, address = $5, contact_email = $6, \
         tim_decree_ref = $7, tim_decree_date = $8, updated_at = $9 WHERE id = $1",
    )
    .bind(id.as_str())
    .bind(&e.official_domain)
    .bind(&e.head_name)
    .bind(&e.sekda_name)
    .bind(&e.address)
    .bind(&e.contact_email)
    .bind(&e.tim_decree_ref)
    .bind(&e.tim_decree_date)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

impl From<JsonText<Instrument>> for Instrument {
    fn from(j: JsonText<Instrument>) -> Instrument {
        j.0
    }
}
