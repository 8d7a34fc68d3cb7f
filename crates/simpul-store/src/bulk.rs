//! Bulk loading: synthetic regions and multi-row inserts of Perangkat Daerah, catalogue
//! records and links, for `simpul demo --scale` (benchmarks) and other large loads.
//!
//! These functions write many rows per statement inside the caller's transaction and skip the
//! per-row checks of the use cases: the caller passes validated values ([`ValidPd`],
//! [`ValidRecord`]) whose references (PDs, reference codes, link kinds) it guarantees, and
//! appends one audit entry summarising the load in the same transaction. On SQLite the FTS5
//! triggers index every inserted record as usual; on PostgreSQL the GIN index does.

use crate::regions::RegionRow;
use crate::{Conn, Result, Store};
use simpul_domain::catalogue::{EntityKind, ValidRecord};
use simpul_domain::ids::{PdId, RecordId, RegionId};
use simpul_domain::org::ValidPd;
use simpul_domain::region::{Instrument, InstrumentKind};

use crate::{pds, records};

/// A synthetic region (tenant) for benchmarks: a kabupaten with a `.go.id` domain.
#[derive(Debug, Clone)]
pub struct SyntheticRegion {
    pub id: RegionId,
    pub name: String,
    /// `99.NN`: a province code that does not exist, so synthetic regions never collide
    /// with real ones.
    pub kode_wilayah: String,
    pub official_domain: String,
}

/// Inserts a synthetic region; returns false when a region with this id already exists.
pub async fn insert_synthetic_region(
    conn: &mut Conn,
    r: &SyntheticRegion,
    now: &str,
) -> Result<bool> {
    if crate::regions::get(conn, &r.id).await?.is_some() {
        return Ok(false);
    }
    let instrument = Instrument {
        kind: InstrumentKind::Perbup,
        number: 1,
        year: 2026,
        title: "Sistem Pemerintahan Berbasis Elektronik (data sintetis untuk uji beban)".into(),
        enacted_on: None,
        promulgated_on: None,
        gazette: None,
        seed: "synthetic".into(),
        manager: "Dinas Komunikasi dan Informatika".into(),
        manager_article: "-".into(),
    };
    let row = RegionRow {
        id: r.id.clone(),
        name: r.name.clone(),
        kind: "kabupaten".into(),
        province: "Provinsi Sintetis".into(),
        kode_wilayah: r.kode_wilayah.clone(),
        head_title: "Bupati".into(),
        capital: r.name.clone(),
        official_domain: r.official_domain.clone(),
        domain_article: None,
        instrument,
        head_name: None,
        sekda_name: None,
        address: None,
        contact_email: None,
        tim_decree_ref: None,
        tim_decree_date: None,
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
    };
    crate::regions::insert(conn, &row).await?;
    crate::findings::set_rule_pack(conn, &r.id, Some("metro")).await?;
    Ok(true)
}

/// Inserts Perangkat Daerah of one region, all created at `now` ([`pds::insert_rows`]).
pub async fn insert_pds(
    conn: &mut Conn,
    region: &RegionId,
    rows: &[(PdId, ValidPd)],
    now: &str,
) -> Result<()> {
    let rows: Vec<pds::NewPd> = rows
        .iter()
        .map(|(id, v)| pds::NewPd::active(region, *id, v, now))
        .collect();
    pds::insert_rows(conn, &rows).await?;
    Ok(())
}

/// A catalogue record to load in bulk.
#[derive(Debug, Clone)]
pub struct BulkRecord {
    pub id: RecordId,
    pub kind: EntityKind,
    pub record: ValidRecord,
    pub retired_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Inserts catalogue records of one region ([`records::insert_rows`], the insert of records
/// written one by one).
pub async fn insert_records(
    conn: &mut Conn,
    region: &RegionId,
    rows: &[BulkRecord],
) -> Result<u64> {
    let rows: Vec<records::NewRecord> = rows
        .iter()
        .map(|r| records::NewRecord {
            region,
            id: r.id,
            kind: r.kind,
            record: &r.record,
            retired_reason: r.retired_reason.as_deref(),
            created_at: &r.created_at,
            updated_at: &r.updated_at,
        })
        .collect();
    records::insert_rows(conn, &rows).await
}

/// A link to load in bulk: `from` depends on `to` through `relation`.
#[derive(Debug, Clone, Copy)]
pub struct BulkLink {
    pub from: RecordId,
    pub to: RecordId,
    pub relation: &'static str,
}

/// Inserts links of one region, all created at `now` ([`records::insert_links`]).
pub async fn insert_links(
    conn: &mut Conn,
    region: &RegionId,
    links: &[BulkLink],
    now: &str,
) -> Result<u64> {
    let rows: Vec<records::NewLink> = links
        .iter()
        .map(|l| records::NewLink {
            region,
            from: l.from,
            to: l.to,
            relation: l.relation,
            created_at: now,
        })
        .collect();
    records::insert_links(conn, &rows).await
}

/// After a large load: refreshes the planner statistics, without which SQLite guesses between
/// the `records_active_*` indexes (e.g. reads 17,000 rows by status instead of 600 by PD for a
/// PD-and-status filter); on SQLite also merges the full-text index into one segment, on
/// PostgreSQL also vacuums, so that index-only scans need not visit the table.
pub async fn optimize(store: &Store) -> Result<()> {
    let m = store.dialect().after_bulk_load();
    if m.in_transaction {
        let mut tx = store.begin().await?;
        for sql in m.statements {
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    } else {
        let mut c = store.read().await?;
        for sql in m.statements {
            sqlx::query(sql).execute(&mut *c).await?;
        }
    }
    Ok(())
}
