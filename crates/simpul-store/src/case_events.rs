//! `case_events`: the history of every case of every workflow (issue 10), one row per step
//! taken: who (id, name, role), when, which step from which state to which, the comment, the
//! labelled field changes, the documents and, for a signed decision, the signed document and
//! its signature.

use crate::insert::{self, table_insert};
use crate::query::Where;
use crate::{Conn, Result};
use serde::Serialize;

/// One step taken on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CaseEvent {
    pub id: String,
    pub region_id: String,
    pub workflow: String,
    pub case_id: String,
    pub at: String,
    pub actor_id: Option<String>,
    pub actor_name: String,
    /// The actor's role code, or `system`.
    pub role: String,
    pub step: String,
    /// `None` for the step that opened the case.
    pub from_state: Option<String>,
    pub to_state: String,
    pub comment: Option<String>,
    /// `[{"field": …, "before": …, "after": …}]`.
    pub fields_json: String,
    /// `[{"id": …, "doc_type": …, "title": …}]`.
    pub documents_json: String,
    /// The canonical JSON the platform signed, for a signed step.
    pub signed_json: Option<String>,
    /// `ed25519:<public key hex>:<signature hex>` over `signed_json`.
    pub signature: Option<String>,
}

table_insert! {
    pub(crate) const INSERT = "case_events" conflict "id", select SELECT;
    fn bind(e: &CaseEvent) {
        id, region_id, workflow, case_id, at, actor_id, actor_name, role, step, from_state,
        to_state, comment, fields_json, documents_json, signed_json, signature,
    }
}

/// Appends one event (inside the step's transaction).
pub async fn insert(conn: &mut Conn, e: &CaseEvent) -> Result<()> {
    insert::one(conn, INSERT, e, bind).await
}

/// Appends events, many per statement (a region's first evaluation opens thousands of
/// findings): the same insert as [`insert`].
pub async fn insert_rows(conn: &mut Conn, events: &[CaseEvent]) -> Result<u64> {
    insert::rows(conn, INSERT, events, insert::ROWS_PER_STATEMENT, bind).await
}

/// The history of one case, oldest first.
pub async fn of_case(
    conn: &mut Conn,
    region: &str,
    workflow: &str,
    case_id: &str,
) -> Result<Vec<CaseEvent>> {
    Where::new()
        .eq("workflow", workflow)
        .eq("case_id", case_id)
        .eq("region_id", region)
        .all(conn, SELECT, "ORDER BY at, id")
        .await
}

/// When the case entered its current state: the time of its latest event.
pub async fn last_at(conn: &mut Conn, workflow: &str, case_id: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT MAX(at) FROM case_events WHERE workflow = $1 AND case_id = $2")
            .bind(workflow)
            .bind(case_id)
            .fetch_one(conn)
            .await?,
    )
}
