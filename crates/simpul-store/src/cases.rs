//! `cases`: the current state of a case of any workflow whose data is one JSON document
//! (issue 10). One row per case; its history is in [`crate::case_events`]. Tasks are read
//! from here: the cases of one workflow in some states, optionally of one PD or assigned to
//! one person.

use crate::rows::{opt_text, text};
use crate::{Conn, Result};
use serde::Serialize;

/// One case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

const COLS: &str = "id, region_id, workflow, state, pd_id, assignee_id, title, data_json, \
    opened_by, opened_at, state_since, updated_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<CaseRow> {
    Ok(CaseRow {
        id: text(r, "id")?,
        region_id: text(r, "region_id")?,
        workflow: text(r, "workflow")?,
        state: text(r, "state")?,
        pd_id: opt_text(r, "pd_id")?,
        assignee_id: opt_text(r, "assignee_id")?,
        title: text(r, "title")?,
        data_json: text(r, "data_json")?,
        opened_by: opt_text(r, "opened_by")?,
        opened_at: text(r, "opened_at")?,
        state_since: text(r, "state_since")?,
        updated_at: text(r, "updated_at")?,
    })
}

/// Writes a new case (inside the opening step's transaction).
pub async fn insert(conn: &mut Conn, c: &CaseRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO cases ({COLS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)"
    ))
    .bind(&c.id)
    .bind(&c.region_id)
    .bind(&c.workflow)
    .bind(&c.state)
    .bind(&c.pd_id)
    .bind(&c.assignee_id)
    .bind(&c.title)
    .bind(&c.data_json)
    .bind(&c.opened_by)
    .bind(&c.opened_at)
    .bind(&c.state_since)
    .bind(&c.updated_at)
    .execute(conn)
    .await?;
    Ok(())
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
    let row = sqlx::query(&format!(
        "SELECT {COLS} FROM cases WHERE id = $1 AND region_id = $2 AND workflow = $3"
    ))
    .bind(id)
    .bind(region)
    .bind(workflow)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
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
    let marks: Vec<String> = (0..states.len()).map(|i| format!("${}", i + 3)).collect();
    let n = states.len() + 3;
    let filter = match scope {
        Scope::All => String::new(),
        Scope::Pd(_) => format!(" AND pd_id = ${n}"),
        Scope::Assignee(_) => format!(" AND assignee_id = ${n}"),
    };
    let lim = if matches!(scope, Scope::All) {
        n
    } else {
        n + 1
    };
    let sql = format!(
        "SELECT {COLS} FROM cases WHERE region_id = $1 AND workflow = $2 AND state IN ({}){filter} \
         ORDER BY state_since, id LIMIT ${lim}",
        marks.join(",")
    );
    let mut q = sqlx::query(&sql).bind(region).bind(workflow);
    for s in states {
        q = q.bind(*s);
    }
    q = match scope {
        Scope::All => q,
        Scope::Pd(p) | Scope::Assignee(p) => q.bind(p),
    };
    let rows = q.bind(limit).fetch_all(conn).await?;
    rows.iter().map(from_row).collect()
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
    let marks: Vec<String> = (0..states.len()).map(|i| format!("${}", i + 3)).collect();
    let n = states.len() + 3;
    let filter = match scope {
        Scope::All => String::new(),
        Scope::Pd(_) => format!(" AND pd_id = ${n}"),
        Scope::Assignee(_) => format!(" AND assignee_id = ${n}"),
    };
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM cases WHERE region_id = $1 AND workflow = $2 \
         AND state IN ({}){filter} LIMIT {COUNT_CAP}) capped",
        marks.join(",")
    );
    let mut q = sqlx::query_scalar::<_, i64>(&sql)
        .bind(region)
        .bind(workflow);
    for s in states {
        q = q.bind(*s);
    }
    q = match scope {
        Scope::All => q,
        Scope::Pd(p) | Scope::Assignee(p) => q.bind(p),
    };
    Ok(q.fetch_one(conn).await?)
}
