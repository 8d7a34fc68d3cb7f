//! Login throttling that slows password guessing without locking owners out (issue 9.9).
//!
//! Failures are counted per *account + client address* and, more loosely, per client
//! address. Below a free allowance nothing happens; beyond it each further attempt must wait
//! an exponentially growing delay (capped). A wait refuses the attempt before the password is
//! checked, and refused attempts are not counted. The owner signing in from another address
//! is never delayed by someone else's failures; a success clears only its own
//! account + address counter. Counters are forgotten after a quiet period.
//!
//! State lives behind [`LoginThrottle`] so that a shared (database) implementation can
//! replace the in-memory one for several nodes (issue 14). The in-memory one has a fixed
//! capacity per table and evicts the least recently failed entry, never everything at once.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a sign-in attempt consults and reports.
pub trait LoginThrottle: Send + Sync {
    /// Seconds the attempt must still wait, if any (for `account` from `addr`).
    fn wait(&self, account: &str, addr: &str) -> Option<u64>;
    /// A failed attempt (wrong password, unknown or inactive account).
    fn failed(&self, account: &str, addr: &str);
    /// A successful sign-in: forgets this account + address counter.
    fn succeeded(&self, account: &str, addr: &str);
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
    last: Instant,
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
    fn live(&mut self, key: &str, rule: &Rule, now: Instant) -> Option<Entry> {
        let e = *self.entries.get(key)?;
        if now.duration_since(e.last) >= rule.forget_after {
            self.remove(key);
            return None;
        }
        Some(e)
    }

    fn wait(&mut self, key: &str, rule: &Rule, now: Instant) -> Option<Duration> {
        let e = self.live(key, rule, now)?;
        let until = e.last + rule.delay(e.failures);
        (until > now).then(|| until - now)
    }

    fn fail(&mut self, key: &str, rule: &Rule, capacity: usize, now: Instant) {
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

    fn at(&self, now: Instant) -> ThrottleAt<'_> {
        ThrottleAt { t: self, now }
    }

    /// Entries held (pairs, addresses), for tests and metrics.
    pub fn sizes(&self) -> (usize, usize) {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        (s.0.len(), s.1.len())
    }
}

/// The throttle seen at one instant (tests move time forward without sleeping).
struct ThrottleAt<'a> {
    t: &'a MemoryThrottle,
    now: Instant,
}

impl ThrottleAt<'_> {
    fn wait(&self, account: &str, addr: &str) -> Option<u64> {
        let l = &self.t.limits;
        let mut s = self.t.state.lock().unwrap_or_else(|p| p.into_inner());
        let (pairs, addrs) = &mut *s;
        let pair = pairs.wait(&MemoryThrottle::pair_key(account, addr), &l.pair, self.now);
        let address = addrs.wait(addr, &l.address, self.now);
        pair.max(address)
            .map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0))
    }

    fn failed(&self, account: &str, addr: &str) {
        let l = &self.t.limits;
        let mut s = self.t.state.lock().unwrap_or_else(|p| p.into_inner());
        let (pairs, addrs) = &mut *s;
        let key = MemoryThrottle::pair_key(account, addr);
        pairs.fail(&key, &l.pair, l.capacity, self.now);
        addrs.fail(addr, &l.address, l.capacity, self.now);
    }

    fn succeeded(&self, account: &str, addr: &str) {
        let mut s = self.t.state.lock().unwrap_or_else(|p| p.into_inner());
        s.0.remove(&MemoryThrottle::pair_key(account, addr));
    }
}

impl LoginThrottle for MemoryThrottle {
    fn wait(&self, account: &str, addr: &str) -> Option<u64> {
        self.at(Instant::now()).wait(account, addr)
    }

    fn failed(&self, account: &str, addr: &str) {
        self.at(Instant::now()).failed(account, addr)
    }

    fn succeeded(&self, account: &str, addr: &str) {
        self.at(Instant::now()).succeeded(account, addr)
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
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(t.at(t0).wait("auditor", "10.0.0.9"), None);
            t.at(t0).failed("auditor", "10.0.0.9");
        }
        assert_eq!(t.at(t0).wait("auditor", "10.0.0.9"), Some(2));
        assert_eq!(
            t.at(t0).wait("auditor", "10.0.0.7"),
            None,
            "the owner elsewhere is not locked out"
        );
        assert_eq!(t.at(t0).wait("pimpinan", "10.0.0.9"), None);
        // After the delay one more try; failing it doubles the delay.
        let t1 = t0 + Duration::from_secs(2);
        assert_eq!(t.at(t1).wait("auditor", "10.0.0.9"), None);
        t.at(t1).failed("auditor", "10.0.0.9");
        assert_eq!(t.at(t1).wait("auditor", "10.0.0.9"), Some(4));
        // A quiet period forgets; a success forgets at once.
        assert_eq!(
            t.at(t1 + Duration::from_secs(600))
                .wait("auditor", "10.0.0.9"),
            None
        );
        t.at(t1).succeeded("auditor", "10.0.0.9");
        assert_eq!(t.at(t1).wait("auditor", "10.0.0.9"), None);
    }

    #[test]
    fn one_address_guessing_many_accounts_meets_the_looser_address_limit() {
        let t = MemoryThrottle::new(limits());
        let now = Instant::now();
        for i in 0..10 {
            t.at(now).failed(&format!("junk{i}"), "10.0.0.9");
        }
        assert_eq!(t.at(now).wait("someone.new", "10.0.0.9"), Some(1));
        assert_eq!(t.at(now).wait("someone.new", "10.0.0.8"), None);
    }

    #[test]
    fn junk_from_many_addresses_never_resets_a_real_accounts_counter() {
        let t = MemoryThrottle::new(Limits {
            capacity: 50,
            ..limits()
        });
        let now = Instant::now();
        for _ in 0..4 {
            t.at(now).failed("auditor", "10.0.0.9");
        }
        // Many addresses spray junk names; the guesser keeps failing too, so its entries stay
        // recent and only the junk is evicted.
        for i in 0..500 {
            t.at(now)
                .failed(&format!("junk{i}"), &format!("192.0.2.{}", i % 250));
            if i % 20 == 0 {
                t.at(now).failed("auditor", "10.0.0.9");
            }
        }
        assert!(t.at(now).wait("auditor", "10.0.0.9").unwrap() >= 4);
        let (pairs, addrs) = t.sizes();
        assert!(pairs <= 50 && addrs <= 50, "bounded: {pairs} {addrs}");
    }

    #[test]
    fn eviction_removes_the_least_recent_entry_only() {
        let t = MemoryThrottle::new(Limits {
            capacity: 3,
            ..limits()
        });
        let now = Instant::now();
        for a in ["a", "b", "c"] {
            for _ in 0..3 {
                t.at(now).failed(a, "10.0.0.1");
            }
        }
        t.at(now).failed("a", "10.0.0.1"); // "a" is now the most recent
        t.at(now).failed("d", "10.0.0.1"); // evicts "b"
        assert!(t.at(now).wait("a", "10.0.0.1").is_some());
        assert!(t.at(now).wait("c", "10.0.0.1").is_some());
        let s = t.state.lock().unwrap();
        assert!(!s
            .0
            .entries
            .contains_key(&MemoryThrottle::pair_key("b", "10.0.0.1")));
        assert_eq!(s.0.by_recency.len(), s.0.entries.len());
    }
}
