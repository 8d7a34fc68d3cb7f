//! Background jobs that run once across nodes (issue 14 item 3). Every `serve` node runs the
//! same scheduler; each job's run slot (a region's day, a day in WIB, an hour in UTC) is run
//! by exactly one of them:
//!
//! 1. a cheap read skips a slot that is done ([`jobs::settled`]);
//! 2. the node takes the job's lease in one conditional `UPDATE` (free or expired), so of two
//!    nodes waking at once one wins;
//! 3. it inserts the slot's `job_runs` row, whose primary key `(job, slot)` forbids a second
//!    run; an unfinished row (its node died, its lease expired) is taken over, a failed one
//!    is retried after [`JobsConfig::retry_after`], at most [`MAX_ATTEMPTS`] times;
//! 4. it runs the job, renewing the lease every third of its length; a node that loses the
//!    lease (paused for longer than the lease) drops the job, and the new holder runs it;
//! 5. it records the outcome and gives the lease back in one transaction.
//!
//! A node killed mid-job (kill -9) leaves its run `running` and its lease held; when the
//! lease expires the next node takes over the slot. Jobs are therefore written to be safe to
//! run again after a partial run (evaluations and sweeps are idempotent, reminders and
//! checkpoints skip what is already written). [`App::run_job`] is the one place a run
//! happens, for logging and metrics.

use crate::deadlines::region_today;
use crate::{App, AppError, Result};
use simpul_domain::ids::RegionId;
use simpul_domain::{now_utc, rfc3339};
use simpul_store::jobs;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use time::OffsetDateTime;

/// An evaluation that opened or resolved at least this many findings refreshes the planner's
/// statistics right away.
const STALE_STATISTICS: u32 = 1_000;

/// A failed slot is started at most this many times (takeovers included).
pub const MAX_ATTEMPTS: i64 = 3;

/// How often the scheduler looks for due jobs, how long a lease lasts, when a failed run is
/// retried (`[jobs]` in the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobsConfig {
    pub tick: Duration,
    pub lease: Duration,
    pub retry_after: Duration,
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig {
            tick: Duration::from_secs(60),
            lease: Duration::from_secs(60),
            retry_after: Duration::from_secs(600),
        }
    }
}

/// This node's default name: `hostname:pid` (the hostname from the kernel or `HOSTNAME`).
pub fn default_node_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "node".to_owned());
    format!("{host}:{}", std::process::id())
}

/// How a job's runs are keyed: one run per slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// Once per region and calendar day in that region's time zone (slot `2026-05-04`).
    RegionDaily,
    /// Once per calendar day in WIB (slot `2026-05-04`).
    Daily,
    /// Once per hour in UTC (slot `2026-05-04T13`).
    Hourly,
}

/// The future of a job's work: a short description of what it did.
pub type JobFuture = Pin<Box<dyn Future<Output = Result<String>> + Send>>;

/// A background job: its name, cadence and work (given the region for
/// [`Cadence::RegionDaily`]).
#[derive(Clone, Copy)]
pub struct Job {
    pub name: &'static str,
    pub cadence: Cadence,
    pub work: fn(App, Option<RegionId>) -> JobFuture,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("name", &self.name)
            .field("cadence", &self.cadence)
            .finish_non_exhaustive()
    }
}

/// One job of one region, keyed for the lease and the runs.
#[derive(Debug, Clone)]
pub struct Due {
    pub job: Job,
    pub region: Option<RegionId>,
    /// `job_leases.job` and `job_runs.job`: the job's name, `/region` for a regional job.
    pub key: String,
    pub slot: String,
}

impl Due {
    /// The slot of `job` (of `region`) at `now`.
    pub fn at(job: Job, region: Option<RegionId>, now: OffsetDateTime) -> Due {
        let slot = match (job.cadence, &region) {
            (Cadence::RegionDaily, Some(r)) => region_day(r, now),
            (Cadence::RegionDaily, None) | (Cadence::Daily, _) => now
                .to_offset(simpul_domain::region::TimeZone::Wib.offset())
                .date()
                .to_string(),
            (Cadence::Hourly, _) => {
                let d = now.to_offset(time::UtcOffset::UTC);
                format!("{}T{:02}", d.date(), d.hour())
            }
        };
        let key = match &region {
            Some(r) => format!("{}/{r}", job.name),
            None => job.name.to_owned(),
        };
        Due {
            job,
            region,
            key,
            slot,
        }
    }
}

/// The calendar day of `region` at `now` (its time zone; WIB without a pack).
fn region_day(region: &RegionId, now: OffsetDateTime) -> String {
    match crate::deadlines::region_zone(region) {
        Some(z) => now.to_offset(z.offset()).date().to_string(),
        None => now
            .to_offset(simpul_domain::region::TimeZone::Wib.offset())
            .date()
            .to_string(),
    }
}

/// What a run on this node did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ran {
    /// The slot was done, not due for a retry, or another node holds the lease.
    Skipped,
    /// This node ran the slot: `Ok(detail)` or `Err(error)`.
    Done(std::result::Result<String, String>),
    /// This node lost the lease while running (it was paused too long); the new holder runs
    /// the slot.
    LostLease,
}

fn at(t: OffsetDateTime) -> String {
    rfc3339(t)
}

impl App {
    /// Runs `due` on this node if it is due and this node wins its lease (see the module
    /// documentation). The one function every background job run goes through.
    pub async fn run_job(&self, due: &Due) -> Result<Ran> {
        let cfg = self.config.jobs;
        let node = self.config.node_id.as_str();
        let now = now_utc();
        let retry_before = at(now - cfg.retry_after);
        if jobs::settled(
            &mut *self.store.read().await?,
            &due.key,
            &due.slot,
            &retry_before,
            MAX_ATTEMPTS,
        )
        .await?
        {
            return Ok(Ran::Skipped);
        }
        let mut tx = self.store.begin().await?;
        let taken = jobs::take(
            &mut tx,
            &due.key,
            node,
            &due.slot,
            &at(now),
            &at(now + cfg.lease),
        )
        .await?;
        if !taken {
            return Ok(Ran::Skipped);
        }
        let started = jobs::start_run(
            &mut tx,
            &due.key,
            &due.slot,
            node,
            &at(now),
            &retry_before,
            MAX_ATTEMPTS,
        )
        .await?;
        if !started {
            jobs::give_back(&mut tx, &due.key, node).await?;
            simpul_store::commit(tx).await?;
            return Ok(Ran::Skipped);
        }
        simpul_store::commit(tx).await?;
        tracing::info!(job = %due.key, slot = %due.slot, node, "job started");

        let run = crate::platform::metrics::Job::scheduled(due.job.name)
            .map(crate::platform::metrics::JobRun::start);
        let work = (due.job.work)(self.clone(), due.region.clone());
        let renew = async {
            loop {
                tokio::time::sleep(cfg.lease / 3).await;
                let until = at(now_utc() + cfg.lease);
                match self.store.begin().await {
                    Ok(mut tx) => match jobs::renew(&mut tx, &due.key, node, &until).await {
                        Ok(true) => {
                            let _ = simpul_store::commit(tx).await;
                        }
                        Ok(false) => return,
                        Err(e) => {
                            tracing::warn!(job = %due.key, error = %e, "renewing a job lease failed")
                        }
                    },
                    Err(e) => {
                        tracing::warn!(job = %due.key, error = %e, "renewing a job lease failed")
                    }
                }
            }
        };
        let outcome = tokio::select! {
            r = work => r,
            () = renew => {
                tracing::warn!(job = %due.key, slot = %due.slot, node, "job lease lost; another node takes the job over");
                return Ok(Ran::LostLease);
            }
        };
        if let Some(run) = run {
            run.finish(outcome.is_ok());
        }
        let (state, detail) = match &outcome {
            Ok(d) => (jobs::OK, d.clone()),
            Err(e) => (jobs::FAILED, e.to_string()),
        };
        let end = at(now_utc());
        let mut tx = self.store.begin().await?;
        let recorded =
            jobs::finish_run(&mut tx, &due.key, &due.slot, node, state, &detail, &end).await?;
        jobs::release(&mut tx, &due.key, node, state, &end).await?;
        simpul_store::commit(tx).await?;
        if !recorded {
            tracing::warn!(job = %due.key, slot = %due.slot, node, "job finished after another node took it over");
        }
        match &outcome {
            Ok(d) => {
                tracing::info!(job = %due.key, slot = %due.slot, node, detail = %d, "job done")
            }
            Err(e) => {
                tracing::warn!(job = %due.key, slot = %due.slot, node, error = %e, "job failed")
            }
        }
        Ok(Ran::Done(outcome.map_err(|e| e.to_string())))
    }

    /// Every job of `jobs` due at `now`: regional jobs once per region.
    pub async fn due_jobs(&self, list: &[Job], now: OffsetDateTime) -> Result<Vec<Due>> {
        let mut out = Vec::new();
        let regional = list.iter().any(|j| j.cadence == Cadence::RegionDaily);
        let regions = if regional {
            self.regions().await?
        } else {
            Vec::new()
        };
        for job in list {
            if job.cadence == Cadence::RegionDaily {
                for r in &regions {
                    out.push(Due::at(*job, Some(r.id.clone()), now));
                }
            } else {
                out.push(Due::at(*job, None, now));
            }
        }
        Ok(out)
    }

    /// One pass of the scheduler: runs what is due, two at a time.
    pub async fn run_due_jobs(&self, list: &[Job]) -> Result<Vec<(Due, Ran)>> {
        let due = self.due_jobs(list, now_utc()).await?;
        let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(2));
        let mut tasks = tokio::task::JoinSet::new();
        for d in due {
            let (app, permits) = (self.clone(), permits.clone());
            tasks.spawn(async move {
                let _permit = permits.acquire_owned().await;
                let ran = app.run_job(&d).await;
                (d, ran)
            });
        }
        let mut out = Vec::new();
        while let Some(done) = tasks.join_next().await {
            let (d, ran) = done.map_err(|e| AppError::Internal(e.to_string()))?;
            match ran {
                Ok(r) => out.push((d, r)),
                Err(e) => tracing::warn!(job = %d.key, error = %e, "job scheduling failed"),
            }
        }
        Ok(out)
    }
}

/// Starts the scheduler of `list`: a pass at start, then every [`JobsConfig::tick`].
pub fn spawn_scheduler(app: App, list: Vec<Job>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(app.config.jobs.tick);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = app.run_due_jobs(&list).await {
                tracing::warn!(error = %e, "scheduling background jobs failed");
            }
        }
    })
}

/// The platform's background jobs: the daily compliance evaluation and reminders of every
/// region (on the region's day), the daily planner statistics and blob sweep, the hourly
/// audit checkpoint.
pub fn standard() -> Vec<Job> {
    vec![
        Job {
            name: "compliance.evaluate",
            cadence: Cadence::RegionDaily,
            work: |app, region| {
                Box::pin(async move {
                    let r = region.ok_or_else(|| AppError::Internal("no region".into()))?;
                    let s = app
                        .evaluate_region(&r, crate::compliance::Scope::Region)
                        .await?;
                    // An evaluation that wrote thousands of findings (a region's first) makes
                    // the planner's statistics stale: refresh them now, not at the daily
                    // planner slot, which may have run first.
                    if s.opened + s.resolved >= STALE_STATISTICS {
                        if let Err(e) = app.store.optimize_planner().await {
                            tracing::warn!(region = %r, error = %e, "refreshing planner statistics failed");
                        }
                    }
                    Ok(format!(
                        "checks={} failed={} opened={} resolved={}",
                        s.checks, s.failed, s.opened, s.resolved
                    ))
                })
            },
        },
        Job {
            name: "deadlines.remind",
            cadence: Cadence::RegionDaily,
            work: |app, region| {
                Box::pin(async move {
                    let r = region.ok_or_else(|| AppError::Internal("no region".into()))?;
                    let rep = app.run_reminders(&r, region_today(&r)).await?;
                    Ok(format!(
                        "due={} notified={} emailed={} email_failures={}",
                        rep.due, rep.notified, rep.emailed, rep.email_failures
                    ))
                })
            },
        },
        Job {
            name: "store.planner_statistics",
            cadence: Cadence::Daily,
            work: |app, _| {
                Box::pin(async move {
                    app.store.optimize_planner().await?;
                    Ok(String::new())
                })
            },
        },
        Job {
            name: "blobs.sweep",
            cadence: Cadence::Daily,
            work: |app, _| {
                Box::pin(async move {
                    let r = app
                        .sweep_blobs(crate::platform::blob_gc::DEFAULT_GRACE)
                        .await?;
                    Ok(format!(
                        "removed={} removed_bytes={} kept_young={} referenced={}",
                        r.removed, r.removed_bytes, r.kept_young, r.referenced
                    ))
                })
            },
        },
        Job {
            name: "audit.checkpoint",
            cadence: Cadence::Hourly,
            work: |app, _| Box::pin(async move { app.audit_checkpoint_if_moved().await }),
        },
    ]
}
