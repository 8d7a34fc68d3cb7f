//! The `sanctions` and `sanction_findings` tables (SAN-1).

use crate::insert::{self, table_insert};
use crate::query::{Update, Where};
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

table_insert! {
    const INSERT = "sanctions" conflict "id";
    fn bind(n: &(SanctionId, &RegionId, &ValidProposal, &str, &str)) {
        id = n.0.to_string(), region_id = n.1.as_str(), pd_id = n.2.pd.to_string(),
        kind = n.2.kind.code(), reason = &n.2.reason,
        status = SanctionStatus::Diusulkan.code(), proposed_by = n.3, proposed_at = n.4,
    }
}

table_insert! {
    const FINDING_INSERT = "sanction_findings" conflict "finding_id";
    fn bind_finding(f: &(String, &str)) { sanction_id = &f.0, finding_id = f.1 }
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
    let row = (id, region, v, proposed_by, now);
    insert::one(&mut *conn, INSERT, &row, bind).await?;
    let findings: Vec<(String, &str)> = v
        .finding_ids
        .iter()
        .map(|f| (id.to_string(), f.as_str()))
        .collect();
    let n = insert::ROWS_PER_STATEMENT;
    insert::rows(conn, FINDING_INSERT, &findings, n, bind_finding).await?;
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
    let changed = Update::new("sanctions")
        .set("status", d.status.code())
        .set("decided_by", d.decided_by)
        .set("decided_at", d.decided_at)
        .set("decision_note", d.note)
        .set("decision_json", d.decision_json)
        .set("signature", d.signature)
        .set("signer_key", d.signer_key)
        .in_region(region.as_str(), id.to_string())
        .filter(|w| w.and("status = 'diusulkan'"))
        .run(conn)
        .await?;
    Ok(changed == 1)
}

pub async fn get(conn: &mut Conn, region: &RegionId, id: SanctionId) -> Result<Option<Sanction>> {
    Where::new()
        .eq("s.region_id", region.as_str())
        .eq("s.id", id.to_string())
        .optional_into::<SanctionRow, _>(conn, SELECT)
        .await
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
