//! The `documents` table: metadata of files attached to catalogue records.

use crate::insert::{self, table_insert};
use crate::query::{Update, Where};
use crate::rows::Text;
use crate::{Conn, Result};
use serde::Serialize;
use simpul_domain::ids::{DocumentId, PdId, RecordId, RegionId};

/// A stored document's metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DocumentRow {
    #[sqlx(try_from = "Text<DocumentId>")]
    pub id: DocumentId,
    #[sqlx(rename = "region_id", try_from = "Text<RegionId>")]
    pub region: RegionId,
    #[sqlx(try_from = "Text<RecordId>")]
    pub record_id: RecordId,
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

table_insert! {
    const INSERT = "documents" conflict "id", select SELECT;
    fn bind(d: &DocumentRow) {
        id = d.id.to_string(), region_id = d.region.as_str(), record_id = d.record_id.to_string(),
        pd_id = d.pd_id.to_string(), doc_type, title, filename, media_type, size_bytes, sha256,
        classification, uploaded_by, created_at, retired_reason,
    }
}

pub async fn insert(conn: &mut Conn, d: &DocumentRow) -> Result<()> {
    insert::one(conn, INSERT, d, bind).await
}

pub async fn get(
    conn: &mut Conn,
    region: &RegionId,
    id: DocumentId,
) -> Result<Option<DocumentRow>> {
    crate::query::one_in_region::<DocumentRow, _>(conn, SELECT, region.as_str(), id.to_string())
        .await
}

/// Documents of a record, newest first (retired ones included, marked).
pub async fn for_record(conn: &mut Conn, record: RecordId) -> Result<Vec<DocumentRow>> {
    Where::new()
        .eq("record_id", record.to_string())
        .all(conn, SELECT, "ORDER BY created_at DESC, id")
        .await
}

/// Every document of a region (export).
pub async fn all(conn: &mut Conn, region: &RegionId) -> Result<Vec<DocumentRow>> {
    crate::query::of_region::<DocumentRow, _>(conn, SELECT, region.as_str(), "ORDER BY id").await
}

pub async fn set_retired(
    conn: &mut Conn,
    region: &RegionId,
    id: DocumentId,
    reason: &str,
) -> Result<()> {
    Update::new("documents")
        .set("retired_reason", reason)
        .in_region(region.as_str(), id.to_string())
        .run(conn)
        .await?;
    Ok(())
}
