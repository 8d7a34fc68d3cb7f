//! The login throttle's behaviour, the same for both implementations: the in-memory one of a
//! single node and the database one that nodes share (on every backend under test). Time is
//! passed in, never waited for.

use simpul_app::identity::throttle::{DbThrottle, Limits, LoginThrottle, MemoryThrottle, Rule};
use simpul_store::{testing, Store};
use std::time::Duration;
use time::OffsetDateTime;

fn limits() -> Limits {
    Limits {
        pair: Rule {
            free: 3,
            base: Duration::from_secs(2),
            cap: Duration::from_secs(60),
            forget_after: Duration::from_secs(600),
        },
        address: Rule {
            free: 10,
            base: Duration::from_secs(1),
            cap: Duration::from_secs(30),
            forget_after: Duration::from_secs(600),
        },
        capacity: 1000,
    }
}

/// Every implementation under test, each fresh: memory, then the database on each backend.
async fn throttles() -> Vec<(String, Box<dyn LoginThrottle>)> {
    let mut out: Vec<(String, Box<dyn LoginThrottle>)> =
        vec![("memory".into(), Box::new(MemoryThrottle::new(limits())))];
    for store in testing::fresh_stores().await {
        let name = format!("database ({:?})", store.backend());
        out.push((name, Box::new(DbThrottle::new(store, limits()))));
    }
    out
}

fn t0() -> OffsetDateTime {
    simpul_domain::now_utc()
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[tokio::test]
async fn an_account_is_slowed_from_the_guessing_address_only() {
    for (name, t) in throttles().await {
        let t0 = t0();
        for _ in 0..3 {
            assert_eq!(
                t.wait("auditor", "10.0.0.9", t0).await.unwrap(),
                None,
                "{name}"
            );
            t.failed("auditor", "10.0.0.9", t0).await.unwrap();
        }
        assert_eq!(
            t.wait("auditor", "10.0.0.9", t0).await.unwrap(),
            Some(2),
            "{name}"
        );
        assert_eq!(
            t.wait("auditor", "10.0.0.7", t0).await.unwrap(),
            None,
            "{name}: the owner elsewhere is not locked out"
        );
        assert_eq!(
            t.wait("pimpinan", "10.0.0.9", t0).await.unwrap(),
            None,
            "{name}"
        );
        // Part of the delay has passed: the rest remains, rounded up.
        let half = t0 + Duration::from_millis(1500);
        assert_eq!(
            t.wait("auditor", "10.0.0.9", half).await.unwrap(),
            Some(1),
            "{name}"
        );
        // After the delay one more try; failing it doubles the delay.
        let t1 = t0 + secs(2);
        assert_eq!(
            t.wait("auditor", "10.0.0.9", t1).await.unwrap(),
            None,
            "{name}"
        );
        t.failed("auditor", "10.0.0.9", t1).await.unwrap();
        assert_eq!(
            t.wait("auditor", "10.0.0.9", t1).await.unwrap(),
            Some(4),
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_quiet_period_forgets_and_a_success_forgets_its_own_counter_only() {
    for (name, t) in throttles().await {
        let t0 = t0();
        for _ in 0..5 {
            t.failed("auditor", "10.0.0.9", t0).await.unwrap();
        }
        assert!(
            t.wait("auditor", "10.0.0.9", t0).await.unwrap().is_some(),
            "{name}"
        );
        let later = t0 + secs(600);
        assert_eq!(
            t.wait("auditor", "10.0.0.9", later).await.unwrap(),
            None,
            "{name}"
        );
        // A failure after the quiet period counts from one again.
        t.failed("auditor", "10.0.0.9", later).await.unwrap();
        assert_eq!(
            t.wait("auditor", "10.0.0.9", later).await.unwrap(),
            None,
            "{name}"
        );

        for _ in 0..5 {
            t.failed("koordinator", "10.0.0.9", t0).await.unwrap();
            t.failed("koordinator", "10.0.0.8", t0).await.unwrap();
        }
        t.succeeded("koordinator", "10.0.0.9", t0).await.unwrap();
        assert_eq!(
            t.wait("koordinator", "10.0.0.9", t0).await.unwrap(),
            None,
            "{name}"
        );
        assert!(
            t.wait("koordinator", "10.0.0.8", t0)
                .await
                .unwrap()
                .is_some(),
            "{name}: the other address's counter stays"
        );
    }
}

#[tokio::test]
async fn one_address_guessing_many_accounts_meets_the_looser_address_limit() {
    for (name, t) in throttles().await {
        let now = t0();
        for i in 0..10 {
            t.failed(&format!("junk{i}"), "10.0.0.9", now)
                .await
                .unwrap();
        }
        assert_eq!(
            t.wait("someone.new", "10.0.0.9", now).await.unwrap(),
            Some(1),
            "{name}"
        );
        assert_eq!(
            t.wait("someone.new", "10.0.0.8", now).await.unwrap(),
            None,
            "{name}"
        );
        // A success does not clear the address counter.
        t.succeeded("someone.new", "10.0.0.9", now).await.unwrap();
        assert_eq!(
            t.wait("someone.new", "10.0.0.9", now).await.unwrap(),
            Some(1),
            "{name}"
        );
    }
}

#[tokio::test]
async fn nodes_sharing_a_database_count_the_same_failures() {
    for url in testing::fresh_urls().await {
        let a = Store::connect(&url, true).await.unwrap();
        a.migrate().await.unwrap();
        let b = Store::connect(&url, false).await.unwrap();
        let (na, nb) = (DbThrottle::new(a, limits()), DbThrottle::new(b, limits()));
        let now = t0();
        // A guesser spreads its attempts over both nodes behind the balancer.
        let (x, y) = tokio::join!(
            na.failed("auditor", "10.0.0.9", now),
            nb.failed("auditor", "10.0.0.9", now)
        );
        x.unwrap();
        y.unwrap();
        na.failed("auditor", "10.0.0.9", now).await.unwrap();
        assert_eq!(
            nb.wait("auditor", "10.0.0.9", now).await.unwrap(),
            Some(2),
            "{url}"
        );
        na.succeeded("auditor", "10.0.0.9", now).await.unwrap();
        assert_eq!(
            nb.wait("auditor", "10.0.0.9", now).await.unwrap(),
            None,
            "{url}"
        );
    }
}

#[tokio::test]
async fn the_database_throttle_stores_no_account_name_or_address() {
    for store in testing::fresh_stores().await {
        let t = DbThrottle::new(store.clone(), limits());
        t.failed("auditor", "10.0.0.9", t0()).await.unwrap();
        let keys = testing::strings(&store, "SELECT key FROM login_failures")
            .await
            .unwrap();
        assert_eq!(keys.len(), 2);
        assert!(keys
            .iter()
            .all(|k| k.len() == 64 && !k.contains("auditor") && !k.contains("10.0.0.9")));
    }
}
