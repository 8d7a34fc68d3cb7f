//! `cases`: the current state of a case of any workflow whose data is one JSON document
//! (issue 10). One row per case; its history is in [`crate::case_events`]. Tasks are read
//! from here: the cases of one workflow in some states, optionally of one PD or assigned to
//! one person.

use crate::insert::{self, table_insert};
use crate::query::Where;
use crate::{Conn, Result};
use serde::Serialize;

/// One case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CaseRow {
    pub id: String,
    pub region_id: String,
    pub workflow: String,
    pub state: String,
    pub pd_id: Option<String>,
    pub assignee_id: Option<String>,
    pub title: String,
    pub data_json: String,
    pub opened_by: Option<String>,
    pub opened_at: String,
    /// When the case entered its current state (deadlines count from here).
    pub state_since: String,
    pub updated_at: String,
}

table_insert! {
    const INSERT = "cases" conflict "id", select SELECT;
    fn bind(c: &CaseRow) {
        id, region_id, workflow, state, pd_id, assignee_id, title, data_json, opened_by,
        opened_at, state_since, updated_at,
    }
}

/// Writes a new case (inside the opening step's transaction).
pub async fn insert(conn: &mut Conn, c: &CaseRow) -> Result<()> {
    insert::one(conn, INSERT, c, bind).await
}

/// Records a step on an existing case: its new state, head and data. `state_since` moves
/// only when the state changes.
pub async fn update(conn: &mut Conn, c: &CaseRow) -> Result<()> {
    sqlx::query(
        "UPDATE cases SET state = $1, pd_id = $2, assignee_id = $3, title = $4, data_json = $5, \
         state_since = CASE WHEN state = $1 THEN state_since ELSE $6 END, updated_at = $6 \
         WHERE id = $7 AND region_id = $8 AND workflow = $9",
    )
    .bind(&c.state)
    .bind(&c.pd_id)
    .bind(&c.assignee_id)
    .bind(&c.title)
    .bind(&c.data_json)
    .bind(&c.updated_at)
    .bind(&c.id)
    .bind(&c.region_id)
    .bind(&c.workflow)
    .execute(conn)
    .await?;
    Ok(())
}

/// One case of `workflow` in `region`.
pub async fn get(
    conn: &mut Conn,
    region: &str,
    workflow: &str,
    id: &str,
) -> Result<Option<CaseRow>> {
    crate::query::in_region(region, id)
        .eq("workflow", workflow)
        .optional(conn, SELECT)
        .await
}

/// Which cases a task query selects.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every case in the states.
    All,
    /// Only the cases of this PD.
    Pd(&'a str),
    /// Only the cases assigned to this person.
    Assignee(&'a str),
}

/// The cases of `workflow` in `region` in one of `states` within `scope`.
fn in_states_where(region: &str, workflow: &str, states: &[&str], scope: Scope<'_>) -> Where {
    let w = Where::new()
        .eq("region_id", region)
        .eq("workflow", workflow)
        .one_of("state", states);
    match scope {
        Scope::All => w,
        Scope::Pd(p) => w.eq("pd_id", p),
        Scope::Assignee(a) => w.eq("assignee_id", a),
    }
}

/// The cases of `workflow` in `region` in one of `states`, oldest in its state first, at
/// most `limit`.
pub async fn in_states(
    conn: &mut Conn,
    region: &str,
    workflow: &str,
    states: &[&str],
    scope: Scope<'_>,
    limit: i64,
) -> Result<Vec<CaseRow>> {
    if states.is_empty() {
        return Ok(Vec::new());
    }
    let mut w = in_states_where(region, workflow, states, scope);
    let order = format!("ORDER BY state_since, id LIMIT {}", w.param(limit));
    w.all(conn, SELECT, &order).await
}

/// How many cases [`in_states`] would select without a limit.
pub async fn count_in_states(
    conn: &mut Conn,
    region: &str,
    workflow: &str,
    states: &[&str],
    scope: Scope<'_>,
) -> Result<i64> {
    if states.is_empty() {
        return Ok(0);
    }
    in_states_where(region, workflow, states, scope)
        .count(conn, "cases")
        .await
}
