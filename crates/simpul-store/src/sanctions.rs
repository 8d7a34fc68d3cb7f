//! The `sanctions` and `sanction_findings` tables (SAN-1).

use crate::insert::{self, table_insert};
use crate::query::Where;
use crate::rows::{domain_row, Flag, Text};
use crate::{Conn, Page, Paging, Result};
use simpul_domain::ids::{PdId, RegionId, SanctionId};
use simpul_domain::sanction::{Sanction, SanctionKind, SanctionStatus, ValidProposal};

const SELECT: &str =
    "SELECT s.id, s.region_id, s.pd_id, p.name AS pd_name, s.kind, s.reason, s.status, \
    s.proposed_by, s.proposed_at, s.decided_by, s.decided_at, s.decision_note, \
    (s.signature IS NOT NULL) AS signed \
    FROM sanctions s JOIN pds p ON p.id = s.pd_id";

domain_row! {
    /// A sanction as [`SELECT`] reads it.
    struct SanctionRow => Sanction {
        #[sqlx(try_from = "Text<SanctionId>")]
        id: SanctionId,
        #[sqlx(rename = "region_id", try_from = "Text<RegionId>")]
        region: RegionId,
        #[sqlx(try_from = "Text<PdId>")]
        pd_id: PdId,
        pd_name: String,
        #[sqlx(try_from = "Text<SanctionKind>")]
        kind: SanctionKind,
        reason: String,
        #[sqlx(try_from = "Text<SanctionStatus>")]
        status: SanctionStatus,
        proposed_by: String,
        proposed_at: String,
        decided_by: Option<String>,
        decided_at: Option<String>,
        decision_note: Option<String>,
        #[sqlx(try_from = "Flag")]
        signed: bool,
    }
}

/// A proposal to store.
struct NewSanction<'a> {
    id: SanctionId,
    region: &'a RegionId,
    v: &'a ValidProposal,
    proposed_by: &'a str,
    proposed_at: &'a str,
}

table_insert! {
    const INSERT = "sanctions" conflict "id";
    fn bind(n: &NewSanction<'_>) {
        id = n.id.to_string(), region_id = n.region.as_str(), pd_id = n.v.pd.to_string(),
        kind = n.v.kind.code(), reason = &n.v.reason, status = SanctionStatus::Diusulkan.code(),
        proposed_by, proposed_at,
    }
}

/// One finding a sanction is for.
struct ForFinding<'a> {
    sanction_id: String,
    finding_id: &'a str,
}

table_insert! {
    const FINDING_INSERT = "sanction_findings" conflict "finding_id";
    fn bind_finding(f: &ForFinding<'_>) { sanction_id, finding_id }
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
    let row = NewSanction {
        id,
        region,
        v,
        proposed_by,
        proposed_at: now,
    };
    insert::one(&mut *conn, INSERT, &row, bind).await?;
    let findings: Vec<ForFinding> = v
        .finding_ids
        .iter()
        .map(|f| ForFinding {
            sanction_id: id.to_string(),
            finding_id: f,
        })
        .collect();
    insert::rows(
        conn,
        FINDING_INSERT,
        &findings,
        insert::ROWS_PER_STATEMENT,
        bind_finding,
    )
    .await?;
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
    let row: Option<SanctionRow> = Where::new()
        .eq("s.region_id", region.as_str())
        .eq("s.id", id.to_string())
        .optional(conn, SELECT)
        .await?;
    Ok(row.map(Sanction::from))
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
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) AS n FROM sanction_findings sf JOIN sanctions s ON s.id = sf.sanction_id \
             WHERE sf.finding_id = $1 AND s.status IN ('diusulkan','ditetapkan')",
        )
        .bind(f)
        .fetch_one(&mut *conn)
        .await?;
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
    type Signed = (Option<String>, Option<String>, Option<String>);
    let row: Option<Signed> = crate::query::in_region(region.as_str(), id.to_string())
        .optional(
            conn,
            "SELECT decision_json, signature, signer_key FROM sanctions",
        )
        .await?;
    Ok(match row {
        Some((Some(d), Some(s), Some(k))) => Some((d, s, k)),
        _ => None,
    })
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
    let page: Page<SanctionRow> = Where::new()
        .eq("s.region_id", region.as_str())
        .eq_some("s.pd_id", f.pd.map(|p| p.to_string()))
        .eq_some("s.status", f.status.map(SanctionStatus::code))
        .page(
            conn,
            SELECT,
            "sanctions s",
            "s.proposed_at DESC, s.id DESC",
            paging,
        )
        .await?;
    Ok(page.map(Sanction::from))
}
