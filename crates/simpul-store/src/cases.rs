//! `cases`: the current state of a case of any workflow whose data is one JSON document
//! (issue 10). One row per case; its history is in [`crate::case_events`]. Tasks are read
//! from here: the cases of one workflow in some states, optionally of one PD or assigned to
//! one person.

use crate::insert::{self, table_insert};
use crate::query::{Update, Where};
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
    let mut u = Update::new("cases");
    let (state, now) = (u.param(&c.state), u.param(&c.updated_at));
    u.set_sql(format!("state = {state}"))
        .set("pd_id", &c.pd_id)
        .set("assignee_id", &c.assignee_id)
        .set("title", &c.title)
        .set("data_json", &c.data_json)
        .set_sql(format!(
            "state_since = CASE WHEN state = {state} THEN state_since ELSE {now} END, updated_at = {now}"
        ))
        .in_region(&c.region_id, &c.id)
        .filter(|w| w.eq("workflow", &c.workflow))
        .run(conn)
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

/// [`count_in_states`] stops counting here: a task list says "more than 1,000" rather than
/// count 100,000 open cases on every request (a count reads every index entry).
pub const COUNT_CAP: i64 = 1001;

/// How many cases [`in_states`] would select without a limit, at most [`COUNT_CAP`].
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
        .count_up_to(conn, "cases", COUNT_CAP)
        .await
}
