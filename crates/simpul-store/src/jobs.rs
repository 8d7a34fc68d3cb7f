//! `job_leases` and `job_runs`: background jobs that run once across the nodes sharing one
//! database (issue 14 item 3). A node takes a job's lease in one conditional `UPDATE` (free or
//! expired), renews it while the job runs, and gives it back with the outcome; each run of a
//! slot (a region's day, an hour) is one `job_runs` row whose primary key `(job, slot)`
//! forbids a second run of that slot. A node that dies holding a lease loses it at expiry, and
//! the next node to take the lease takes over the slot's unfinished run.
//!
//! Every function takes `now` (RFC 3339 text, which orders as time) so tests move time
//! without sleeping.

use crate::{Conn, Result};

/// State of a run: started and not finished (or its node died).
pub const RUNNING: &str = "running";
/// Finished successfully: the slot is done.
pub const OK: &str = "ok";
/// Finished with an error: retried in the same slot after a delay, a few times.
pub const FAILED: &str = "failed";

/// One job's lease.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LeaseRow {
    pub job: String,
    pub holder: Option<String>,
    pub lease_until: Option<String>,
    pub slot: Option<String>,
    pub last_started_at: Option<String>,
    pub last_finished_at: Option<String>,
    pub last_outcome: Option<String>,
    pub last_holder: Option<String>,
}

/// One run of a job's slot.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RunRow {
    pub job: String,
    pub slot: String,
    pub node: String,
    pub state: String,
    pub attempts: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub detail: Option<String>,
}

/// Takes the lease of `job` for `node` until `until` if it is free or expired at `now`, in
/// one statement (the row is created first if the job has never run). True when taken.
pub async fn take(
    conn: &mut Conn,
    job: &str,
    node: &str,
    slot: &str,
    now: &str,
    until: &str,
) -> Result<bool> {
    sqlx::query("INSERT INTO job_leases (job) VALUES ($1) ON CONFLICT (job) DO NOTHING")
        .bind(job)
        .execute(&mut *conn)
        .await?;
    let taken = sqlx::query(
        "UPDATE job_leases SET holder = $2, lease_until = $3, slot = $4, last_started_at = $5 \
         WHERE job = $1 AND (holder IS NULL OR lease_until IS NULL OR lease_until < $5)",
    )
    .bind(job)
    .bind(node)
    .bind(until)
    .bind(slot)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Extends `node`'s lease of `job` to `until`; false when the node no longer holds it
/// (it expired and another node took it).
pub async fn renew(conn: &mut Conn, job: &str, node: &str, until: &str) -> Result<bool> {
    let n = sqlx::query("UPDATE job_leases SET lease_until = $3 WHERE job = $1 AND holder = $2")
        .bind(job)
        .bind(node)
        .bind(until)
        .execute(conn)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Gives the lease back without a run (the slot turned out to be settled).
pub async fn give_back(conn: &mut Conn, job: &str, node: &str) -> Result<()> {
    sqlx::query(
        "UPDATE job_leases SET holder = NULL, lease_until = NULL WHERE job = $1 AND holder = $2",
    )
    .bind(job)
    .bind(node)
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives the lease back, recording the outcome of the run that held it.
pub async fn release(
    conn: &mut Conn,
    job: &str,
    node: &str,
    outcome: &str,
    now: &str,
) -> Result<bool> {
    let n = sqlx::query(
        "UPDATE job_leases SET holder = NULL, lease_until = NULL, last_finished_at = $3, \
         last_outcome = $4, last_holder = $2 WHERE job = $1 AND holder = $2",
    )
    .bind(job)
    .bind(node)
    .bind(now)
    .bind(outcome)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Starts the run of `slot` for `node`, which must hold the job's lease: inserts the run, or
/// takes over one that is unfinished (its node died: the lease it held has expired, or this
/// node could not have taken it) or failed at least `retry_before` ago with fewer than
/// `max_attempts` attempts. False when the slot is done (or its failure is not due for a
/// retry): the database's primary key on `(job, slot)` is what forbids a second run.
pub async fn start_run(
    conn: &mut Conn,
    job: &str,
    slot: &str,
    node: &str,
    now: &str,
    retry_before: &str,
    max_attempts: i64,
) -> Result<bool> {
    let n = sqlx::query(
        "INSERT INTO job_runs (job, slot, node, state, attempts, started_at) \
         VALUES ($1, $2, $3, 'running', 1, $4) \
         ON CONFLICT (job, slot) DO UPDATE SET node = excluded.node, state = 'running', \
         attempts = job_runs.attempts + 1, started_at = excluded.started_at, \
         finished_at = NULL \
         WHERE job_runs.attempts < $6 AND (job_runs.state = 'running' \
         OR (job_runs.state = 'failed' AND job_runs.finished_at <= $5))",
    )
    .bind(job)
    .bind(slot)
    .bind(node)
    .bind(now)
    .bind(retry_before)
    .bind(max_attempts)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Records the end of `node`'s run of `slot`: [`OK`] or [`FAILED`] with a short detail.
pub async fn finish_run(
    conn: &mut Conn,
    job: &str,
    slot: &str,
    node: &str,
    state: &str,
    detail: &str,
    now: &str,
) -> Result<bool> {
    let n = sqlx::query(
        "UPDATE job_runs SET state = $4, detail = $5, finished_at = $6 \
         WHERE job = $1 AND slot = $2 AND node = $3 AND state = 'running'",
    )
    .bind(job)
    .bind(slot)
    .bind(node)
    .bind(state)
    .bind(detail)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// True when `slot` of `job` needs no run now: done, or running under a lease that has not
/// expired, or failed and not yet due for a retry (a cheap read before taking the lease).
pub async fn settled(
    conn: &mut Conn,
    job: &str,
    slot: &str,
    retry_before: &str,
    max_attempts: i64,
) -> Result<bool> {
    let row: Option<(String, i64, Option<String>)> = sqlx::query_as(
        "SELECT state, attempts, finished_at FROM job_runs WHERE job = $1 AND slot = $2",
    )
    .bind(job)
    .bind(slot)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        None => false,
        Some((state, _, _)) if state == OK => true,
        Some((_, attempts, _)) if attempts >= max_attempts => true,
        Some((state, _, finished)) if state == FAILED => {
            finished.is_none_or(|f| f.as_str() > retry_before)
        }
        // Running: the lease decides whether its node is alive.
        Some(_) => false,
    })
}

/// The lease of `job`, if it ever ran.
pub async fn lease(conn: &mut Conn, job: &str) -> Result<Option<LeaseRow>> {
    Ok(sqlx::query_as(
        "SELECT job, holder, lease_until, slot, last_started_at, last_finished_at, \
         last_outcome, last_holder FROM job_leases WHERE job = $1",
    )
    .bind(job)
    .fetch_optional(conn)
    .await?)
}

/// Every run, oldest first (operations view, tests).
pub async fn runs(conn: &mut Conn) -> Result<Vec<RunRow>> {
    Ok(sqlx::query_as(
        "SELECT job, slot, node, state, attempts, started_at, finished_at, detail \
         FROM job_runs ORDER BY started_at, job, slot",
    )
    .fetch_all(conn)
    .await?)
}
