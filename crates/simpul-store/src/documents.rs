//! The `documents` table: metadata of files attached to catalogue records.

use crate::rows::Text;
use crate::{Conn, Result};
use serde::Serialize;
use simpul_domain::ids::{DocumentId, PdId, RecordId, RegionId};

/// A stored document's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct DocumentRow {
    #[schema(value_type = String)]
    #[sqlx(try_from = "Text<DocumentId>")]
    pub id: DocumentId,
    #[schema(value_type = String)]
    #[sqlx(rename = "region_id", try_from = "Text<RegionId>")]
    pub region: RegionId,
    #[schema(value_type = String)]
    #[sqlx(try_from = "Text<RecordId>")]
    pub record_id: RecordId,
    #[schema(value_type = String)]
    #[sqlx(try_from = "Text<PdId>")]
    pub pd_id: PdId,
    pub doc_type: String,
    pub title: String,
    pub filename: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub classification: String,
    pub uploaded_by: Option<String>,
    pub created_at: String,
    pub retired_reason: Option<String>,
}

const COLS: &str = "id, region_id, record_id, pd_id, doc_type, title, filename, media_type, size_bytes, sha256, classification, uploaded_by, created_at, retired_reason";

pub async fn insert(conn: &mut Conn, d: &DocumentRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO documents ({COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)"
    ))
    .bind(d.id.to_string())
    .bind(d.region.as_str())
    .bind(d.record_id.to_string())
    .bind(d.pd_id.to_string())
    .bind(&d.doc_type)
    .bind(&d.title)
    .bind(&d.filename)
    .bind(&d.media_type)
    .bind(d.size_bytes)
    .bind(&d.sha256)
    .bind(&d.classification)
    .bind(&d.uploaded_by)
    .bind(&d.created_at)
    .bind(&d.retired_reason)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn get(
    conn: &mut Conn,
    region: &RegionId,
    id: DocumentId,
) -> Result<Option<DocumentRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLS} FROM documents WHERE region_id = $1 AND id = $2"
    ))
    .bind(region.as_str())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?)
}

/// Documents of a record, newest first (retired ones included, marked).
pub async fn for_record(conn: &mut Conn, record: RecordId) -> Result<Vec<DocumentRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLS} FROM documents WHERE record_id = $1 ORDER BY created_at DESC, id"
    ))
    .bind(record.to_string())
    .fetch_all(conn)
    .await?)
}

/// Every document of a region (export).
pub async fn all(conn: &mut Conn, region: &RegionId) -> Result<Vec<DocumentRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLS} FROM documents WHERE region_id = $1 ORDER BY id"
    ))
    .bind(region.as_str())
    .fetch_all(conn)
    .await?)
}

pub async fn set_retired(
    conn: &mut Conn,
    region: &RegionId,
    id: DocumentId,
    reason: &str,
) -> Result<()> {
    sqlx::query("UPDATE documents SET retired_reason = $3 WHERE region_id = $1 AND id = $2")
        .bind(region.as_str())
        .bind(id.to_string())
        .bind(reason)
        .execute(conn)
        .await?;
    Ok(())
}
