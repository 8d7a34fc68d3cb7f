//! `case_events`: the history of every case of every workflow (issue 10), one row per step
//! taken: who (id, name, role), when, which step from which state to which, the comment, the
//! labelled field changes, the documents and, for a signed decision, the signed document and
//! its signature.

use crate::rows::{opt_text, text};
use crate::{Conn, Result};
use serde::Serialize;

/// One step taken on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

const COLS: &str = "id, region_id, workflow, case_id, at, actor_id, actor_name, role, step, \
    from_state, to_state, comment, fields_json, documents_json, signed_json, signature";

fn from_row(r: &sqlx::any::AnyRow) -> Result<CaseEvent> {
    Ok(CaseEvent {
        id: text(r, "id")?,
        region_id: text(r, "region_id")?,
        workflow: text(r, "workflow")?,
        case_id: text(r, "case_id")?,
        at: text(r, "at")?,
        actor_id: opt_text(r, "actor_id")?,
        actor_name: text(r, "actor_name")?,
        role: text(r, "role")?,
        step: text(r, "step")?,
        from_state: opt_text(r, "from_state")?,
        to_state: text(r, "to_state")?,
        comment: opt_text(r, "comment")?,
        fields_json: text(r, "fields_json")?,
        documents_json: text(r, "documents_json")?,
        signed_json: opt_text(r, "signed_json")?,
        signature: opt_text(r, "signature")?,
    })
}

/// Appends one event (inside the step's transaction).
pub async fn insert(conn: &mut Conn, e: &CaseEvent) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO case_events ({COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)"
    ))
    .bind(&e.id)
    .bind(&e.region_id)
    .bind(&e.workflow)
    .bind(&e.case_id)
    .bind(&e.at)
    .bind(&e.actor_id)
    .bind(&e.actor_name)
    .bind(&e.role)
    .bind(&e.step)
    .bind(&e.from_state)
    .bind(&e.to_state)
    .bind(&e.comment)
    .bind(&e.fields_json)
    .bind(&e.documents_json)
    .bind(&e.signed_json)
    .bind(&e.signature)
    .execute(conn)
    .await?;
    Ok(())
}

/// The history of one case, oldest first.
pub async fn of_case(
    conn: &mut Conn,
    region: &str,
    workflow: &str,
    case_id: &str,
) -> Result<Vec<CaseEvent>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLS} FROM case_events WHERE workflow = $1 AND case_id = $2 AND region_id = $3 \
         ORDER BY at, id"
    ))
    .bind(workflow)
    .bind(case_id)
    .bind(region)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
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
