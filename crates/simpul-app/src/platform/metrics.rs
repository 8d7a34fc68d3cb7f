//! Prometheus metrics (issue 14.2): every metric's name, labels and help text, the functions
//! the platform records through, and the text a scrape returns. No other module spells a
//! metric name. Recording does nothing until [`install`] ran (`serve` with `[metrics] bind`
//! set), so commands and tests without metrics pay one atomic load per call.
//!
//! Label values come from closed lists (route templates, the method, the status class, the
//! job names of [`Job`]), never from a raw path or user input, so the number of series stays
//! bounded.

use crate::App;
use metrics::{
    counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram, Unit,
};
use metrics_exporter_prometheus::{BuildError, Matcher, PrometheusBuilder, PrometheusHandle};
use std::future::Future;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The metric names: the one place they are spelled (docs/OPERATIONS.md "Metrik" lists them).
pub mod names {
    /// Counter; labels `route` (the matched route template), `method`, `status` (`2xx`…).
    pub const HTTP_REQUESTS: &str = "simpul_http_requests_total";
    /// Histogram (seconds); labels `route`, `method`, `status`.
    pub const HTTP_DURATION: &str = "simpul_http_request_duration_seconds";
    /// Gauge; labels `pool` (`read`, `write`; `shared` on PostgreSQL), `state` (`idle`, `in_use`).
    pub const DB_POOL_CONNECTIONS: &str = "simpul_db_pool_connections";
    /// Gauge; label `pool`.
    pub const DB_POOL_MAX: &str = "simpul_db_pool_max_connections";
    /// Counter; label `job`.
    pub const JOB_RUNS: &str = "simpul_job_runs_total";
    /// Counter; label `job`.
    pub const JOB_FAILURES: &str = "simpul_job_failures_total";
    /// Histogram (seconds); label `job`.
    pub const JOB_DURATION: &str = "simpul_job_duration_seconds";
    /// Gauge (Unix seconds); label `job`.
    pub const JOB_LAST_SUCCESS: &str = "simpul_job_last_success_timestamp_seconds";
    /// Histogram (seconds); label `scope` (`region`, `pd`).
    pub const COMPLIANCE_DURATION: &str = "simpul_compliance_evaluation_duration_seconds";
    /// Gauge: outbox messages not delivered yet (sampled at each scrape).
    pub const OUTBOX_BACKLOG: &str = "simpul_outbox_backlog";
    /// Counter.
    pub const OUTBOX_DELIVERED: &str = "simpul_outbox_delivered_total";
    /// Counter: failed delivery attempts (each is retried later).
    pub const OUTBOX_FAILURES: &str = "simpul_outbox_delivery_failures_total";
    /// Counter.
    pub const MAIL_SENT: &str = "simpul_mail_sent_total";
    /// Counter.
    pub const MAIL_FAILURES: &str = "simpul_mail_send_failures_total";
    /// Gauge, always 1; labels `version`, `commit`, `backend`.
    pub const BUILD_INFO: &str = "simpul_build_info";
}

use names::*;

/// The background jobs `serve` runs, as named in the `job` label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Every region's compliance evaluation, at start and daily.
    ComplianceDaily,
    /// Deadline reminders, daily.
    Reminders,
    /// Sweeping unreferenced blob files, daily.
    BlobSweep,
    /// Signing the audit chain head, hourly when it moved.
    AuditCheckpoint,
    /// SQLite WAL checkpoints in the background, every half second.
    WalCheckpoint,
    /// One run of the outbox worker (on every wake-up and every 30 s).
    Outbox,
    /// Removing expired sessions, hourly.
    SessionPurge,
    /// Refreshing the query planner's statistics, daily.
    PlannerStatistics,
}

impl Job {
    pub const ALL: [Job; 8] = [
        Job::ComplianceDaily,
        Job::Reminders,
        Job::BlobSweep,
        Job::AuditCheckpoint,
        Job::WalCheckpoint,
        Job::Outbox,
        Job::SessionPurge,
        Job::PlannerStatistics,
    ];

    /// The metric of a job of the scheduler ([`crate::kernel::jobs::standard`]), by name.
    pub fn scheduled(name: &str) -> Option<Job> {
        match name {
            "compliance.evaluate" => Some(Job::ComplianceDaily),
            "deadlines.remind" => Some(Job::Reminders),
            "blobs.sweep" => Some(Job::BlobSweep),
            "audit.checkpoint" => Some(Job::AuditCheckpoint),
            "store.planner_statistics" => Some(Job::PlannerStatistics),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Job::ComplianceDaily => "compliance_daily",
            Job::Reminders => "reminders",
            Job::BlobSweep => "blob_sweep",
            Job::AuditCheckpoint => "audit_checkpoint",
            Job::WalCheckpoint => "wal_checkpoint",
            Job::Outbox => "outbox",
            Job::SessionPurge => "session_purge",
            Job::PlannerStatistics => "planner_statistics",
        }
    }
}

/// What `simpul_build_info` says.
#[derive(Debug, Clone)]
pub struct BuildInfo {
    pub version: &'static str,
    /// The git commit the binary was built from, or `unknown`.
    pub commit: &'static str,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("installing the Prometheus recorder: {0}")]
    Install(#[from] BuildError),
}

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
static INSTALLING: Mutex<()> = Mutex::new(());

/// Request latencies: 1 ms to 10 s.
const HTTP_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Jobs and evaluations: 1 ms to 15 min.
const JOB_BUCKETS: &[f64] = &[
    0.001, 0.005, 0.025, 0.1, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0,
];

/// Installs the process-wide recorder (once; later calls return the first handle) and sets
/// the build info. Every job's counters start at zero so that dashboards and alerts see them
/// before the first run.
pub fn install(info: &BuildInfo) -> Result<&'static PrometheusHandle, MetricsError> {
    let _guard = INSTALLING.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(h) = HANDLE.get() {
        return Ok(h);
    }
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(HTTP_DURATION.into()), HTTP_BUCKETS)?
        .set_buckets_for_metric(Matcher::Full(JOB_DURATION.into()), JOB_BUCKETS)?
        .set_buckets_for_metric(Matcher::Full(COMPLIANCE_DURATION.into()), JOB_BUCKETS)?
        .install_recorder()?;
    describe();
    gauge!(BUILD_INFO, "version" => info.version, "commit" => info.commit, "backend" => info.backend)
        .set(1.0);
    for job in Job::ALL {
        counter!(JOB_RUNS, "job" => job.as_str()).increment(0);
        counter!(JOB_FAILURES, "job" => job.as_str()).increment(0);
    }
    for c in [OUTBOX_DELIVERED, OUTBOX_FAILURES, MAIL_SENT, MAIL_FAILURES] {
        counter!(c).increment(0);
    }
    Ok(HANDLE.get_or_init(|| handle))
}

fn describe() {
    describe_counter!(
        HTTP_REQUESTS,
        Unit::Count,
        "HTTP requests answered, by route template, method and status class."
    );
    describe_histogram!(
        HTTP_DURATION,
        Unit::Seconds,
        "Time to answer an HTTP request, by route template, method and status class."
    );
    describe_gauge!(
        DB_POOL_CONNECTIONS,
        Unit::Count,
        "Open database connections by pool and state (idle, in_use), sampled at each scrape."
    );
    describe_gauge!(
        DB_POOL_MAX,
        Unit::Count,
        "Most connections a database pool opens."
    );
    describe_counter!(JOB_RUNS, Unit::Count, "Background job runs, by job.");
    describe_counter!(
        JOB_FAILURES,
        Unit::Count,
        "Background job runs that failed, by job."
    );
    describe_histogram!(
        JOB_DURATION,
        Unit::Seconds,
        "Duration of background job runs, by job."
    );
    describe_gauge!(
        JOB_LAST_SUCCESS,
        Unit::Seconds,
        "Unix time of the last successful run of a job."
    );
    describe_histogram!(
        COMPLIANCE_DURATION,
        Unit::Seconds,
        "Duration of one compliance evaluation (load, evaluate, write), by scope (region, pd)."
    );
    describe_gauge!(
        OUTBOX_BACKLOG,
        Unit::Count,
        "Outbox messages not delivered yet, sampled at each scrape."
    );
    describe_counter!(OUTBOX_DELIVERED, Unit::Count, "Outbox messages delivered.");
    describe_counter!(
        OUTBOX_FAILURES,
        Unit::Count,
        "Failed outbox delivery attempts (each is retried later)."
    );
    describe_counter!(
        MAIL_SENT,
        Unit::Count,
        "E-mails accepted by the SMTP relay."
    );
    describe_counter!(
        MAIL_FAILURES,
        Unit::Count,
        "E-mails that could not be handed to the SMTP relay."
    );
    describe_gauge!(
        BUILD_INFO,
        "Always 1; the labels say the version, git commit and database backend."
    );
}

fn on() -> bool {
    HANDLE.get().is_some()
}

/// The status class label of an HTTP status.
fn status_class(status: u16) -> &'static str {
    match status / 100 {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        _ => "5xx",
    }
}

/// The method label: the standard methods, anything else `OTHER`.
fn method_label(method: &str) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE",
    ];
    KNOWN.into_iter().find(|m| *m == method).unwrap_or("OTHER")
}

/// The route label of a request that matched no route.
pub const UNMATCHED_ROUTE: &str = "unmatched";

/// One answered HTTP request. `route` is the matched route template (`/api/v1/pd/{id}`), or
/// `None` when no route matched.
pub fn http_request(route: Option<&str>, method: &str, status: u16, took: Duration) {
    if !on() {
        return;
    }
    // The route is the one label value that is not 'static (a bounded set all the same).
    let route = route.unwrap_or(UNMATCHED_ROUTE).to_owned();
    let (method, status) = (method_label(method), status_class(status));
    counter!(HTTP_REQUESTS, "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    histogram!(HTTP_DURATION, "route" => route, "method" => method, "status" => status)
        .record(took.as_secs_f64());
}

/// One finished run of `job`.
pub fn job_finished(job: Job, took: Duration, ok: bool) {
    if !on() {
        return;
    }
    let name = job.as_str();
    counter!(JOB_RUNS, "job" => name).increment(1);
    histogram!(JOB_DURATION, "job" => name).record(took.as_secs_f64());
    if ok {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        gauge!(JOB_LAST_SUCCESS, "job" => name).set(now.as_secs_f64());
    } else {
        counter!(JOB_FAILURES, "job" => name).increment(1);
    }
}

/// A job run being timed: [`JobRun::finish`] records it.
#[must_use = "a run is recorded by finish()"]
pub struct JobRun {
    job: Job,
    started: Instant,
}

impl JobRun {
    pub fn start(job: Job) -> JobRun {
        JobRun {
            job,
            started: Instant::now(),
        }
    }

    pub fn finish(self, ok: bool) {
        job_finished(self.job, self.started.elapsed(), ok);
    }
}

/// Runs `work` as one run of `job`: an `Err` counts as a failure.
pub async fn timed<T, E>(job: Job, work: impl Future<Output = Result<T, E>>) -> Result<T, E> {
    let run = JobRun::start(job);
    let out = work.await;
    run.finish(out.is_ok());
    out
}

/// One compliance evaluation of a whole region (`pd == false`) or of one PD.
pub fn compliance_evaluated(pd: bool, took: Duration) {
    if on() {
        let scope = if pd { "pd" } else { "region" };
        histogram!(COMPLIANCE_DURATION, "scope" => scope).record(took.as_secs_f64());
    }
}

/// What one outbox run delivered and how many attempts failed.
pub fn outbox_run(delivered: usize, failed: usize) {
    if on() {
        counter!(OUTBOX_DELIVERED).increment(delivered as u64);
        counter!(OUTBOX_FAILURES).increment(failed as u64);
    }
}

/// One e-mail handed to the relay (`ok`) or not.
pub fn mail_sent(ok: bool) {
    if on() {
        counter!(if ok { MAIL_SENT } else { MAIL_FAILURES }).increment(1);
    }
}

/// How long a scrape waits for the outbox count before keeping the last value.
const SAMPLE_TIMEOUT: Duration = Duration::from_secs(2);

/// The Prometheus text of everything recorded, after sampling the database pools and the
/// outbox backlog; `None` when [`install`] has not run.
pub async fn scrape(app: &App) -> Option<String> {
    let handle = HANDLE.get()?;
    for p in app.store.pool_stats() {
        let in_use = p.size.saturating_sub(p.idle);
        gauge!(DB_POOL_CONNECTIONS, "pool" => p.pool, "state" => "idle").set(f64::from(p.idle));
        gauge!(DB_POOL_CONNECTIONS, "pool" => p.pool, "state" => "in_use").set(f64::from(in_use));
        gauge!(DB_POOL_MAX, "pool" => p.pool).set(f64::from(p.max));
    }
    let backlog = async {
        let mut conn = app.store.read().await?;
        simpul_store::outbox::backlog(&mut conn).await
    };
    match tokio::time::timeout(SAMPLE_TIMEOUT, backlog).await {
        Ok(Ok(n)) => gauge!(OUTBOX_BACKLOG).set(n as f64),
        Ok(Err(e)) => tracing::warn!(error = %e, "metrics: counting the outbox backlog failed"),
        Err(_) => tracing::warn!("metrics: counting the outbox backlog timed out"),
    }
    handle.run_upkeep();
    Some(handle.render())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_closed_lists() {
        assert_eq!(status_class(204), "2xx");
        assert_eq!(status_class(503), "5xx");
        assert_eq!(status_class(999), "5xx");
        assert_eq!(method_label("PATCH"), "PATCH");
        assert_eq!(method_label("BREW"), "OTHER");
        let names: std::collections::HashSet<_> = Job::ALL.iter().map(|j| j.as_str()).collect();
        assert_eq!(names.len(), Job::ALL.len());
    }
}
