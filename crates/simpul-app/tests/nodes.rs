//! Several nodes on one database (issue 14 item 3): two `App`s over two `Store`s connected to
//! the same database stand for two `serve` nodes. Background jobs run once per slot across
//! them, a lease left by a dead node is taken over when it expires, and two outbox workers
//! never deliver one message twice. Every backend under test.

mod common;

use simpul_app::kernel::jobs::{self, Cadence, Due, Job, JobsConfig, Ran};
use simpul_app::{App, AppConfig};
use simpul_domain::{now_utc, rfc3339};
use simpul_store::{jobs as job_rows, testing, Store};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Two nodes on one fresh database per backend (the second connects to the first's URL).
async fn two_nodes(cfg: JobsConfig) -> Vec<(App, App)> {
    let mut out = Vec::new();
    for url in testing::fresh_urls().await {
        let a = Store::connect(&url, true).await.unwrap();
        a.migrate().await.unwrap();
        let b = Store::connect(&url, false).await.unwrap();
        let node = |id: &str| AppConfig {
            node_id: id.into(),
            jobs: cfg,
            ..common::config()
        };
        out.push((App::new(a, node("node-a")), App::new(b, node("node-b"))));
    }
    out
}

fn config() -> JobsConfig {
    JobsConfig {
        tick: Duration::from_secs(1),
        lease: Duration::from_secs(60),
        retry_after: Duration::from_secs(600),
    }
}

static SLOW_RUNS: AtomicUsize = AtomicUsize::new(0);

/// Counts its runs and takes a while, so that both nodes try while it runs.
const SLOW: Job = Job {
    name: "test.slow",
    cadence: Cadence::Daily,
    work: |_, _| {
        Box::pin(async {
            SLOW_RUNS.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(300)).await;
            Ok("slow".into())
        })
    },
};

#[tokio::test]
async fn a_slot_runs_once_even_when_both_nodes_try_at_once() {
    for (a, b) in two_nodes(config()).await {
        SLOW_RUNS.store(0, Ordering::SeqCst);
        let due = Due::at(SLOW, None, now_utc());
        let (ra, rb) = tokio::join!(a.run_job(&due), b.run_job(&due));
        let mut ran = [ra.unwrap(), rb.unwrap()];
        ran.sort_by_key(|r| matches!(r, Ran::Skipped));
        assert_eq!(ran[0], Ran::Done(Ok("slow".into())));
        assert_eq!(ran[1], Ran::Skipped, "the other node did not run it");
        // Both wake again later in the same slot: nothing runs.
        let (ra, rb) = tokio::join!(a.run_job(&due), b.run_job(&due));
        assert_eq!((ra.unwrap(), rb.unwrap()), (Ran::Skipped, Ran::Skipped));
        assert_eq!(SLOW_RUNS.load(Ordering::SeqCst), 1);

        let runs = job_rows::runs(&mut a.store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!((runs[0].state.as_str(), runs[0].attempts), ("ok", 1));
        let lease = job_rows::lease(&mut b.store.read().await.unwrap(), "test.slow")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(lease.holder, None, "the lease was given back");
        assert_eq!(lease.last_outcome.as_deref(), Some("ok"));
        assert_eq!(lease.last_holder.as_deref(), Some(runs[0].node.as_str()));
    }
}

#[tokio::test]
async fn the_database_forbids_a_second_run_of_a_slot() {
    for (a, _) in two_nodes(config()).await {
        let mut tx = a.store.begin().await.unwrap();
        let now = rfc3339(now_utc());
        let long_ago = "2000-01-01T00:00:00.000000Z";
        assert!(
            job_rows::start_run(&mut tx, "j", "s1", "node-a", &now, long_ago, 3)
                .await
                .unwrap()
        );
        job_rows::finish_run(&mut tx, "j", "s1", "node-a", job_rows::OK, "", &now)
            .await
            .unwrap();
        let again = job_rows::start_run(&mut tx, "j", "s1", "node-b", &now, &now, 3)
            .await
            .unwrap();
        assert!(!again, "a done slot is not started again");
        assert!(
            job_rows::start_run(&mut tx, "j", "s2", "node-b", &now, &now, 3)
                .await
                .unwrap()
        );
        simpul_store::commit(tx).await.unwrap();
        let n = testing::count(&a.store, "SELECT COUNT(*) FROM job_runs WHERE job = 'j'")
            .await
            .unwrap();
        assert_eq!(n, 2);
        // A second row for a slot is refused by the primary key itself.
        let dup = testing::execute_raw(
            &a.store,
            "INSERT INTO job_runs (job, slot, node, state, started_at) VALUES ('j', 's1', 'x', 'ok', '2026')",
        )
        .await;
        assert!(dup.is_err());
    }
}

#[tokio::test]
async fn a_lease_is_taken_by_one_node_until_it_expires() {
    for (a, b) in two_nodes(config()).await {
        let t0 = now_utc();
        let at = |s: i64| rfc3339(t0 + time::Duration::seconds(s));
        let mut ca = a.store.begin().await.unwrap();
        assert!(job_rows::take(&mut ca, "j", "node-a", "s", &at(0), &at(60))
            .await
            .unwrap());
        simpul_store::commit(ca).await.unwrap();
        let mut cb = b.store.begin().await.unwrap();
        assert!(
            !job_rows::take(&mut cb, "j", "node-b", "s", &at(30), &at(90))
                .await
                .unwrap()
        );
        assert!(!job_rows::renew(&mut cb, "j", "node-b", &at(90))
            .await
            .unwrap());
        assert!(
            job_rows::take(&mut cb, "j", "node-b", "s", &at(61), &at(121))
                .await
                .unwrap(),
            "expired: the other node takes it"
        );
        simpul_store::commit(cb).await.unwrap();
        let mut ca = a.store.begin().await.unwrap();
        assert!(
            !job_rows::renew(&mut ca, "j", "node-a", &at(180))
                .await
                .unwrap(),
            "the old holder cannot renew a lease it lost"
        );
        assert!(!job_rows::release(&mut ca, "j", "node-a", "ok", &at(62))
            .await
            .unwrap());
        simpul_store::commit(ca).await.unwrap();
        let l = job_rows::lease(&mut a.store.read().await.unwrap(), "j")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(l.holder.as_deref(), Some("node-b"));
    }
}

static COUNTED_RUNS: AtomicUsize = AtomicUsize::new(0);

const COUNTED: Job = Job {
    name: "test.counted",
    cadence: Cadence::Hourly,
    work: |_, _| {
        Box::pin(async {
            COUNTED_RUNS.fetch_add(1, Ordering::SeqCst);
            Ok("counted".into())
        })
    },
};

#[tokio::test]
async fn a_node_that_died_mid_job_hands_it_over_when_its_lease_expires() {
    for (a, b) in two_nodes(config()).await {
        COUNTED_RUNS.store(0, Ordering::SeqCst);
        let due = Due::at(COUNTED, None, now_utc());
        // Node A took the lease and started the slot, then was killed: its lease runs out.
        let now = now_utc();
        let mut tx = a.store.begin().await.unwrap();
        let (took_at, until) = (
            rfc3339(now - time::Duration::seconds(90)),
            rfc3339(now + time::Duration::seconds(30)),
        );
        assert!(
            job_rows::take(&mut tx, &due.key, "node-a", &due.slot, &took_at, &until)
                .await
                .unwrap()
        );
        assert!(
            job_rows::start_run(&mut tx, &due.key, &due.slot, "node-a", &took_at, &took_at, 3)
                .await
                .unwrap()
        );
        simpul_store::commit(tx).await.unwrap();
        assert_eq!(
            b.run_job(&due).await.unwrap(),
            Ran::Skipped,
            "lease still live"
        );
        // Its lease expires (moved back instead of waiting).
        testing::execute_raw(
            &a.store,
            &format!(
                "UPDATE job_leases SET lease_until = '{}'",
                rfc3339(now - time::Duration::seconds(30))
            ),
        )
        .await
        .unwrap();
        assert_eq!(
            b.run_job(&due).await.unwrap(),
            Ran::Done(Ok("counted".into()))
        );
        assert_eq!(a.run_job(&due).await.unwrap(), Ran::Skipped);
        assert_eq!(COUNTED_RUNS.load(Ordering::SeqCst), 1);
        let runs = job_rows::runs(&mut a.store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(runs.len(), 1);
        let r = &runs[0];
        assert_eq!(
            (r.node.as_str(), r.state.as_str(), r.attempts),
            ("node-b", "ok", 2)
        );
    }
}

static FLAKY_RUNS: AtomicUsize = AtomicUsize::new(0);

const FLAKY: Job = Job {
    name: "test.flaky",
    cadence: Cadence::Daily,
    work: |_, _| {
        Box::pin(async {
            let n = FLAKY_RUNS.fetch_add(1, Ordering::SeqCst);
            if n == 0 {
                Err(simpul_app::AppError::Internal("first try fails".into()))
            } else {
                Ok("second try".into())
            }
        })
    },
};

#[tokio::test]
async fn a_failed_slot_is_retried_after_the_delay_only() {
    for (a, _) in two_nodes(config()).await {
        FLAKY_RUNS.store(0, Ordering::SeqCst);
        let due = Due::at(FLAKY, None, now_utc());
        assert!(matches!(a.run_job(&due).await.unwrap(), Ran::Done(Err(_))));
        assert_eq!(
            a.run_job(&due).await.unwrap(),
            Ran::Skipped,
            "not before the delay"
        );
        // A node whose retry delay has passed (zero here) runs it again.
        let eager = App::new(
            a.store.clone(),
            AppConfig {
                node_id: "node-c".into(),
                jobs: JobsConfig {
                    retry_after: Duration::ZERO,
                    ..config()
                },
                ..common::config()
            },
        );
        assert_eq!(
            eager.run_job(&due).await.unwrap(),
            Ran::Done(Ok("second try".into()))
        );
        assert_eq!(eager.run_job(&due).await.unwrap(), Ran::Skipped);
        let runs = job_rows::runs(&mut a.store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!((runs[0].state.as_str(), runs[0].attempts), ("ok", 2));
    }
}

#[tokio::test]
async fn the_standard_jobs_run_once_across_two_nodes() {
    for (a, b) in two_nodes(config()).await {
        simpul_demo::seed_organisation(&a).await.unwrap();
        let list = jobs::standard();
        let (ra, rb) = tokio::join!(a.run_due_jobs(&list), b.run_due_jobs(&list));
        let done = |r: &[(Due, Ran)]| {
            r.iter()
                .filter(|(_, ran)| matches!(ran, Ran::Done(_)))
                .count()
        };
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        for (d, ran) in ra.iter().chain(&rb) {
            if let Ran::Done(Err(e)) = ran {
                panic!("{} failed: {e}", d.key);
            }
        }
        let runs = job_rows::runs(&mut a.store.read().await.unwrap())
            .await
            .unwrap();
        assert_eq!(
            done(&ra) + done(&rb),
            runs.len(),
            "each slot ran on one node"
        );
        assert!(runs.iter().all(|r| r.state == "ok" && r.attempts == 1));
        let keys: Vec<&str> = runs.iter().map(|r| r.job.as_str()).collect();
        for k in [
            "compliance.evaluate/metro",
            "deadlines.remind/metro",
            "blobs.sweep",
            "audit.checkpoint",
            "store.planner_statistics",
        ] {
            assert!(keys.contains(&k), "{k} ran: {keys:?}");
        }
        // The next pass in the same slots does nothing.
        let again = b.run_due_jobs(&list).await.unwrap();
        assert_eq!(done(&again), 0);
    }
}

#[tokio::test]
async fn two_outbox_workers_never_deliver_one_message_twice() {
    for (a, b) in two_nodes(config()).await {
        simpul_demo::seed_organisation(&a).await.unwrap();
        let user = a.user_by_username("operator.dinkes").await.unwrap();
        let n = 240;
        let mut tx = a.store.begin().await.unwrap();
        let now = rfc3339(now_utc());
        for i in 0..n {
            let payload = serde_json::json!({
                "user": user.id.to_string(), "kind": "test", "title": format!("pesan {i}"),
                "body": "isi", "link": null, "message_json": null,
            });
            simpul_store::outbox::push(
                &mut tx,
                Some("metro"),
                "notify",
                &payload.to_string(),
                &now,
            )
            .await
            .unwrap();
        }
        simpul_store::commit(tx).await.unwrap();
        // Two nodes' workers, each twice at once.
        let (r1, r2, r3, r4) = tokio::join!(
            a.deliver_outbox(),
            b.deliver_outbox(),
            a.deliver_outbox(),
            b.deliver_outbox()
        );
        let delivered: usize = [r1, r2, r3, r4]
            .into_iter()
            .map(|r| r.unwrap().delivered)
            .sum();
        assert_eq!(delivered, n, "each message counted by exactly one worker");
        let store = &a.store;
        let q = |sql: &'static str| testing::count(store, sql);
        assert_eq!(
            q("SELECT COUNT(*) FROM notifications WHERE kind = 'test'")
                .await
                .unwrap(),
            n as i64
        );
        assert_eq!(
            q("SELECT COUNT(*) FROM (SELECT dedup_key FROM notifications GROUP BY dedup_key HAVING COUNT(*) > 1) d")
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            q("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            q("SELECT COUNT(*) FROM outbox WHERE attempts <> 1")
                .await
                .unwrap(),
            0,
            "leased once each"
        );
    }
}
