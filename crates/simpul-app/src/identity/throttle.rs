//! Login throttling that slows password guessing without locking owners out (issue 9.9).
//!
//! Failures are counted per *account + client address* and, more loosely, per client
//! address. Below a free allowance nothing happens; beyond it each further attempt must wait
//! an exponentially growing delay (capped). A wait refuses the attempt before the password is
//! checked, and refused attempts are not counted. The owner signing in from another address
//! is never delayed by someone else's failures; a success clears only its own
//! account + address counter. Counters are forgotten after a quiet period.
//!
//! State lives behind [`LoginThrottle`], with two implementations (issue 14): the in-memory
//! [`MemoryThrottle`] of one process (a single SQLite node), with a fixed capacity per table
//! that evicts the least recently failed entry, never everything at once; and the database
//! [`DbThrottle`] (the `login_failures` table), whose counters every node on one database
//! shares. [`ThrottleStore`] chooses; by default the database one on PostgreSQL.

use crate::Result;
use simpul_store::{login_failures, Store};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;
use time::OffsetDateTime;

/// The future a [`LoginThrottle`] method returns.
pub type ThrottleFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// What a sign-in attempt consults and reports, at the instant `now`.
pub trait LoginThrottle: Send + Sync {
    /// Seconds the attempt must still wait, if any (for `account` from `addr`).
    fn wait<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        now: OffsetDateTime,
    ) -> ThrottleFuture<'a, Option<u64>>;
    /// A failed attempt (wrong password, unknown or inactive account).
    fn failed<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        now: OffsetDateTime,
    ) -> ThrottleFuture<'a, ()>;
    /// A successful sign-in: forgets this account + address counter.
    fn succeeded<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        now: OffsetDateTime,
    ) -> ThrottleFuture<'a, ()>;
}

/// Where the throttle's counters live (`[security] throttle` in the configuration).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThrottleStore {
    /// The database on PostgreSQL (several nodes may share it), memory on SQLite.
    #[default]
    Auto,
    /// In the process: a restart forgets, each node counts alone.
    Memory,
    /// In the database (`login_failures`), shared by every node.
    Database,
}

impl ThrottleStore {
    /// `auto`, `memory` or `database`.
    pub fn parse(s: &str) -> Option<ThrottleStore> {
        match s {
            "auto" => Some(ThrottleStore::Auto),
            "memory" => Some(ThrottleStore::Memory),
            "database" => Some(ThrottleStore::Database),
            _ => None,
        }
    }
}

/// The throttle `choice` gives on `store` (see [`ThrottleStore`]).
pub fn build(choice: ThrottleStore, limits: Limits, store: &Store) -> Box<dyn LoginThrottle> {
    let database = match choice {
        ThrottleStore::Auto => store.backend() == simpul_store::Backend::Postgres,
        ThrottleStore::Memory => false,
        ThrottleStore::Database => true,
    };
    if database {
        Box::new(DbThrottle::new(store.clone(), limits))
    } else {
        Box::new(MemoryThrottle::new(limits))
    }
}

/// Seconds to wait, rounded up.
fn whole_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// `later - earlier`, zero when negative.
fn since(later: OffsetDateTime, earlier: OffsetDateTime) -> Duration {
    Duration::try_from(later - earlier).unwrap_or(Duration::ZERO)
}

/// One exponential-delay rule: `free` failures without delay, then `base`, `2·base`, `4·base`,
/// … up to `cap`; counters are forgotten after `forget_after` without a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub free: u32,
    pub base: Duration,
    pub cap: Duration,
    pub forget_after: Duration,
}

impl Rule {
    /// The delay after `failures` counted failures.
    pub fn delay(&self, failures: u32) -> Duration {
        if failures < self.free {
            return Duration::ZERO;
        }
        let doublings = (failures - self.free).min(30);
        self.base
            .checked_mul(1u32 << doublings)
            .unwrap_or(self.cap)
            .min(self.cap)
    }
}

/// Limits of the throttle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Per account + client address.
    pub pair: Rule,
    /// Per client address, across accounts (looser: many people may share one address).
    pub address: Rule,
    /// Entries kept per table; the least recently failed one is evicted beyond it.
    pub capacity: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            pair: Rule {
                free: 5,
                base: Duration::from_secs(5),
                cap: Duration::from_secs(15 * 60),
                forget_after: Duration::from_secs(3600),
            },
            address: Rule {
                free: 30,
                base: Duration::from_secs(1),
                cap: Duration::from_secs(5 * 60),
                forget_after: Duration::from_secs(3600),
            },
            capacity: 100_000,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last: OffsetDateTime,
    /// Position in the recency index.
    tick: u64,
}

/// A fixed-capacity table of counters, evicting the least recently failed entry.
#[derive(Default)]
struct Table {
    entries: HashMap<String, Entry>,
    by_recency: BTreeMap<u64, String>,
    next_tick: u64,
}

impl Table {
    fn live(&mut self, key: &str, rule: &Rule, now: OffsetDateTime) -> Option<Entry> {
        let e = *self.entries.get(key)?;
        if since(now, e.last) >= rule.forget_after {
            self.remove(key);
            return None;
        }
        Some(e)
    }

    fn wait(&mut self, key: &str, rule: &Rule, now: OffsetDateTime) -> Option<Duration> {
        let e = self.live(key, rule, now)?;
        let until = e.last + rule.delay(e.failures);
        (until > now).then(|| since(until, now))
    }

    fn fail(&mut self, key: &str, rule: &Rule, capacity: usize, now: OffsetDateTime) {
        let failures = self.live(key, rule, now).map_or(0, |e| e.failures);
        self.remove(key);
        while self.entries.len() >= capacity.max(1) {
            let Some((_, oldest)) = self.by_recency.pop_first() else {
                break;
            };
            self.entries.remove(&oldest);
        }
        let tick = self.next_tick;
        self.next_tick += 1;
        self.by_recency.insert(tick, key.to_owned());
        self.entries.insert(
            key.to_owned(),
            Entry {
                failures: failures.saturating_add(1),
                last: now,
                tick,
            },
        );
    }

    fn remove(&mut self, key: &str) {
        if let Some(e) = self.entries.remove(key) {
            self.by_recency.remove(&e.tick);
        }
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The in-memory throttle of one process.
pub struct MemoryThrottle {
    limits: Limits,
    state: Mutex<(Table, Table)>,
}

impl MemoryThrottle {
    pub fn new(limits: Limits) -> MemoryThrottle {
        MemoryThrottle {
            limits,
            state: Mutex::default(),
        }
    }

    fn pair_key(account: &str, addr: &str) -> String {
        format!("{addr}\u{0}{account}")
    }

    /// Entries held (pairs, addresses), for tests and metrics.
    pub fn sizes(&self) -> (usize, usize) {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        (s.0.len(), s.1.len())
    }

    /// [`LoginThrottle::wait`] without the future.
    pub fn wait_at(&self, account: &str, addr: &str, now: OffsetDateTime) -> Option<u64> {
        let l = &self.limits;
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (pairs, addrs) = &mut *s;
        let pair = pairs.wait(&MemoryThrottle::pair_key(account, addr), &l.pair, now);
        let address = addrs.wait(addr, &l.address, now);
        pair.max(address).map(whole_secs)
    }

    /// [`LoginThrottle::failed`] without the future.
    pub fn failed_at(&self, account: &str, addr: &str, now: OffsetDateTime) {
        let l = &self.limits;
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (pairs, addrs) = &mut *s;
        let key = MemoryThrottle::pair_key(account, addr);
        pairs.fail(&key, &l.pair, l.capacity, now);
        addrs.fail(addr, &l.address, l.capacity, now);
    }

    /// [`LoginThrottle::succeeded`] without the future.
    pub fn succeeded_at(&self, account: &str, addr: &str) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.0.remove(&MemoryThrottle::pair_key(account, addr));
    }
}

impl LoginThrottle for MemoryThrottle {
    fn wait<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        now: OffsetDateTime,
    ) -> ThrottleFuture<'a, Option<u64>> {
        let r = self.wait_at(account, addr, now);
        Box::pin(async move { Ok(r) })
    }

    fn failed<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        now: OffsetDateTime,
    ) -> ThrottleFuture<'a, ()> {
        self.failed_at(account, addr, now);
        Box::pin(async { Ok(()) })
    }

    fn succeeded<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        _now: OffsetDateTime,
    ) -> ThrottleFuture<'a, ()> {
        self.succeeded_at(account, addr);
        Box::pin(async { Ok(()) })
    }
}

/// The database throttle: the same rules over the `login_failures` table, so every node on
/// one database counts the same failures. Keys are SHA-256 digests of the scope, so the
/// table holds no account name or address. Expired counters are purged with the sessions.
pub struct DbThrottle {
    store: Store,
    limits: Limits,
}

impl DbThrottle {
    pub fn new(store: Store, limits: Limits) -> DbThrottle {
        DbThrottle { store, limits }
    }

    fn pair_key(account: &str, addr: &str) -> String {
        crate::identity::password::digest(&format!("login-pair\u{0}{addr}\u{0}{account}"))
    }

    fn address_key(addr: &str) -> String {
        crate::identity::password::digest(&format!("login-address\u{0}{addr}"))
    }

    async fn wait_for(&self, key: &str, rule: &Rule, now: OffsetDateTime) -> Result<Duration> {
        let now_s = simpul_domain::rfc3339(now);
        let c = login_failures::get(&mut *self.store.read().await?, key, &now_s).await?;
        let Some(c) = c else {
            return Ok(Duration::ZERO);
        };
        let Some(last) = simpul_domain::parse_rfc3339(&c.last_at) else {
            return Ok(Duration::ZERO);
        };
        let failures = u32::try_from(c.failures).unwrap_or(u32::MAX);
        Ok(since(last + rule.delay(failures), now))
    }
}

impl LoginThrottle for DbThrottle {
    fn wait<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        now: OffsetDateTime,
    ) -> ThrottleFuture<'a, Option<u64>> {
        Box::pin(async move {
            let l = &self.limits;
            let pair = self
                .wait_for(&Self::pair_key(account, addr), &l.pair, now)
                .await?;
            let address = self
                .wait_for(&Self::address_key(addr), &l.address, now)
                .await?;
            let d = pair.max(address);
            Ok((!d.is_zero()).then(|| whole_secs(d)))
        })
    }

    fn failed<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        now: OffsetDateTime,
    ) -> ThrottleFuture<'a, ()> {
        Box::pin(async move {
            let l = &self.limits;
            let at = simpul_domain::rfc3339(now);
            let mut tx = self.store.begin().await?;
            for (key, rule) in [
                (Self::pair_key(account, addr), &l.pair),
                (Self::address_key(addr), &l.address),
            ] {
                let expires = simpul_domain::rfc3339(now + rule.forget_after);
                login_failures::fail(&mut tx, &key, &at, &expires).await?;
            }
            simpul_store::commit(tx).await?;
            Ok(())
        })
    }

    fn succeeded<'a>(
        &'a self,
        account: &'a str,
        addr: &'a str,
        _now: OffsetDateTime,
    ) -> ThrottleFuture<'a, ()> {
        Box::pin(async move {
            let mut tx = self.store.begin().await?;
            login_failures::clear(&mut tx, &Self::pair_key(account, addr)).await?;
            simpul_store::commit(tx).await?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_delay_doubles_after_the_free_failures_up_to_the_cap() {
        let r = limits().pair;
        let secs: Vec<u64> = (0..10).map(|n| r.delay(n).as_secs()).collect();
        assert_eq!(secs, [0, 0, 0, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(r.delay(u32::MAX), r.cap);
    }

    #[test]
    fn an_account_is_slowed_from_the_guessing_address_only() {
        let t = MemoryThrottle::new(limits());
        let t0 = simpul_domain::now_utc();
        for _ in 0..3 {
            assert_eq!(t.wait_at("auditor", "10.0.0.9", t0), None);
            t.failed_at("auditor", "10.0.0.9", t0);
        }
        assert_eq!(t.wait_at("auditor", "10.0.0.9", t0), Some(2));
        assert_eq!(
            t.wait_at("auditor", "10.0.0.7", t0),
            None,
            "the owner elsewhere is not locked out"
        );
        assert_eq!(t.wait_at("pimpinan", "10.0.0.9", t0), None);
        // After the delay one more try; failing it doubles the delay.
        let t1 = t0 + Duration::from_secs(2);
        assert_eq!(t.wait_at("auditor", "10.0.0.9", t1), None);
        t.failed_at("auditor", "10.0.0.9", t1);
        assert_eq!(t.wait_at("auditor", "10.0.0.9", t1), Some(4));
        // A quiet period forgets; a success forgets at once.
        assert_eq!(
            t.wait_at("auditor", "10.0.0.9", t1 + Duration::from_secs(600)),
            None
        );
        t.succeeded_at("auditor", "10.0.0.9");
        assert_eq!(t.wait_at("auditor", "10.0.0.9", t1), None);
    }

    #[test]
    fn one_address_guessing_many_accounts_meets_the_looser_address_limit() {
        let t = MemoryThrottle::new(limits());
        let now = simpul_domain::now_utc();
        for i in 0..10 {
            t.failed_at(&format!("junk{i}"), "10.0.0.9", now);
        }
        assert_eq!(t.wait_at("someone.new", "10.0.0.9", now), Some(1));
        assert_eq!(t.wait_at("someone.new", "10.0.0.8", now), None);
    }

    #[test]
    fn junk_from_many_addresses_never_resets_a_real_accounts_counter() {
        let t = MemoryThrottle::new(Limits {
            capacity: 50,
            ..limits()
        });
        let now = simpul_domain::now_utc();
        for _ in 0..4 {
            t.failed_at("auditor", "10.0.0.9", now);
        }
        // Many addresses spray junk names; the guesser keeps failing too, so its entries stay
        // recent and only the junk is evicted.
        for i in 0..500 {
            t.failed_at(&format!("junk{i}"), &format!("192.0.2.{}", i % 250), now);
            if i % 20 == 0 {
                t.failed_at("auditor", "10.0.0.9", now);
            }
        }
        assert!(t.wait_at("auditor", "10.0.0.9", now).unwrap() >= 4);
        let (pairs, addrs) = t.sizes();
        assert!(pairs <= 50 && addrs <= 50, "bounded: {pairs} {addrs}");
    }

    #[test]
    fn eviction_removes_the_least_recent_entry_only() {
        let t = MemoryThrottle::new(Limits {
            capacity: 3,
            ..limits()
        });
        let now = simpul_domain::now_utc();
        for a in ["a", "b", "c"] {
            for _ in 0..3 {
                t.failed_at(a, "10.0.0.1", now);
            }
        }
        t.failed_at("a", "10.0.0.1", now); // "a" is now the most recent
        t.failed_at("d", "10.0.0.1", now); // evicts "b"
        assert!(t.wait_at("a", "10.0.0.1", now).is_some());
        assert!(t.wait_at("c", "10.0.0.1", now).is_some());
        let s = t.state.lock().unwrap();
        assert!(!s
            .0
            .entries
            .contains_key(&MemoryThrottle::pair_key("b", "10.0.0.1")));
        assert_eq!(s.0.by_recency.len(), s.0.entries.len());
    }
}
