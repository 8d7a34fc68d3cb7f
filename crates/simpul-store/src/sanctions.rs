//! The `sanctions` and `sanction_findings` tables (SAN-1).

use crate::rows::{code, flag, opt_text, parsed, text};
use crate::{Conn, Page, Paging, Result, StoreError};
use simpul_domain::ids::{PdId, RegionId, SanctionId};
use simpul_domain::sanction::{Sanction, SanctionKind, SanctionStatus, ValidProposal};
use sqlx::Row;

const SELECT: &str =
    "SELECT s.id, s.region_id, s.pd_id, p.name AS pd_name, s.kind, s.reason, s.status, \
    s.proposed_by, s.proposed_at, s.decided_by, s.decided_at, s.decision_note, \
    (s.signature IS NOT NULL) AS signed \
    FROM sanctions s JOIN pds p ON p.id = s.pd_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Sanction> {
    Ok(Sanction {
        id: parsed(r, "id")?,
        region: RegionId::parse(&text(r, "region_id")?).map_err(StoreError::Corrupt)?,
        pd_id: parsed(r, "pd_id")?,
        pd_name: text(r, "pd_name")?,
        kind: code(r, "kind", SanctionKind::from_code)?,
        reason: text(r, "reason")?,
        status: code(r, "status", SanctionStatus::from_code)?,
        proposed_by: text(r, "proposed_by")?,
        proposed_at: text(r, "proposed_at")?,
        decided_by: opt_text(r, "decided_by")?,
        decided_at: opt_text(r, "decided_at")?,
        decision_note: opt_text(r, "decision_note")?,
        signed: flag(r, "signed")?,
    })
}

/// Stores a new proposal and the findings it is for.
pub async fn insert(
    conn: &mut Conn,
    region: &RegionId,
    id: SanctionId,
    v: &ValidProposal,
    proposed_by: &str,
    now: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sanctions (id, region_id, pd_id, kind, reason, status, proposed_by, proposed_at) \
         VALUES ($1,$2,$3,$4,$5,'diusulkan',$6,$7)",
    )
    .bind(id.to_string())
    .bind(region.as_str())
    .bind(v.pd.to_string())
    .bind(v.kind.code())
    .bind(&v.reason)
    .bind(proposed_by)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for f in &v.finding_ids {
        sqlx::query("INSERT INTO sanction_findings (sanction_id, finding_id) VALUES ($1,$2)")
            .bind(id.to_string())
            .bind(f)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The signed outcome of a decision.
#[derive(Debug, Clone)]
pub struct StoredDecision<'a> {
    pub status: SanctionStatus,
    pub decided_by: &'a str,
    pub decided_at: &'a str,
    pub note: Option<&'a str>,
    pub decision_json: &'a str,
    pub signature: &'a str,
    pub signer_key: &'a str,
}

/// Records a decision; only a proposal still `diusulkan` changes. Returns whether it did.
pub async fn decide(
    conn: &mut Conn,
    region: &RegionId,
    id: SanctionId,
    d: &StoredDecision<'_>,
) -> Result<bool> {
    let r = sqlx::query(
        "UPDATE sanctions SET status = $3, decided_by = $4, decided_at = $5, decision_note = $6, \
         decision_json = $7, signature = $8, signer_key = $9 \
         WHERE region_id = $1 AND id = $2 AND status = 'diusulkan'",
    )
    .bind(region.as_str())
    .bind(id.to_string())
    .bind(d.status.code())
    .bind(d.decided_by)
    .bind(d.decided_at)
    .bind(d.note)
    .bind(d.decision_json)
    .bind(d.signature)
    .bind(d.signer_key)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn get(conn: &mut Conn, region: &RegionId, id: SanctionId) -> Result<Option<Sanction>> {
    let row = sqlx::query(&format!("{SELECT} WHERE s.region_id = $1 AND s.id = $2"))
        .bind(region.as_str())
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The ids of the findings a sanction is for, in id order.
pub async fn finding_ids(conn: &mut Conn, id: SanctionId) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT finding_id FROM sanction_findings WHERE sanction_id = $1 ORDER BY finding_id",
    )
    .bind(id.to_string())
    .fetch_all(conn)
    .await?)
}

/// Findings among `ids` already in a sanction that is pending or imposed (a violation is
/// sanctioned once; after a refusal it may be proposed again).
pub async fn findings_in_force(conn: &mut Conn, ids: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for f in ids {
        let n: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM sanction_findings sf JOIN sanctions s ON s.id = sf.sanction_id \
             WHERE sf.finding_id = $1 AND s.status IN ('diusulkan','ditetapkan')",
        )
        .bind(f)
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
        if n > 0 {
            out.push(f.clone());
        }
    }
    Ok(out)
}

/// The stored decision document, its signature and the signer's public key.
pub async fn signed(
    conn: &mut Conn,
    region: &RegionId,
    id: SanctionId,
) -> Result<Option<(String, String, String)>> {
    let row = sqlx::query(
        "SELECT decision_json, signature, signer_key FROM sanctions WHERE region_id = $1 AND id = $2",
    )
    .bind(region.as_str())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(
        match (
            opt_text(&r, "decision_json")?,
            opt_text(&r, "signature")?,
            opt_text(&r, "signer_key")?,
        ) {
            (Some(d), Some(s), Some(k)) => Some((d, s, k)),
            _ => None,
        },
    )
}

/// Filters of the sanction list.
#[derive(Debug, Clone, Default)]
pub struct SanctionFilter {
    /// Only this PD's sanctions (PD operators are always restricted to their own).
    pub pd: Option<PdId>,
    pub status: Option<SanctionStatus>,
}

/// Sanctions of a region, newest first.
pub async fn list(
    conn: &mut Conn,
    region: &RegionId,
    f: &SanctionFilter,
    paging: Paging,
) -> Result<Page<Sanction>> {
    let wh = "s.region_id = $1 AND ($2 = '' OR s.pd_id = $2) AND ($3 = '' OR s.status = $3)";
    let pd = f.pd.map(|p| p.to_string()).unwrap_or_default();
    let status = f.status.map(SanctionStatus::code).unwrap_or("");
    let total: i64 = sqlx::query(&format!("SELECT COUNT(*) AS n FROM sanctions s WHERE {wh}"))
        .bind(region.as_str())
        .bind(&pd)
        .bind(status)
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE {wh} ORDER BY s.proposed_at DESC, s.id DESC LIMIT $4 OFFSET $5"
    ))
    .bind(region.as_str())
    .bind(&pd)
    .bind(status)
    .bind(paging.per_page)
    .bind(paging.offset())
    .fetch_all(conn)
    .await?;
    Ok(Page {
        items: rows.iter().map(from_row).collect::<Result<_>>()?,
        total,
        page: paging.page,
        per_page: paging.per_page,
    })
}
