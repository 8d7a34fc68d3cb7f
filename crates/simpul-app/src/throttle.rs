//! Login throttling per account and per client address: a sliding window of recent
//! failures, kept in memory (one process serves a region; a restart forgets, which only
//! ever loosens the limit).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Throttle {
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    pub fn new(window: Duration) -> Throttle {
        Throttle {
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// If `key` has `max` or more failures in the window, the seconds until one expires.
    pub fn blocked(&self, key: &str, max: usize) -> Option<u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let q = map.get_mut(key)?;
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        if q.len() >= max {
            let oldest = *q.front()?;
            Some(
                (self.window.saturating_sub(now.duration_since(oldest)))
                    .as_secs()
                    .max(1),
            )
        } else {
            None
        }
    }

    pub fn fail(&self, key: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Bound memory under a spray of addresses: forget the oldest state wholesale.
            map.clear();
        }
        let q = map.entry(key.to_owned()).or_default();
        q.push_back(Instant::now());
        if q.len() > 64 {
            q.pop_front();
        }
    }

    pub fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_and_clears_on_success() {
        let t = Throttle::new(Duration::from_secs(60));
        for _ in 0..3 {
            assert!(t.blocked("u:a", 3).is_none());
            t.fail("u:a");
        }
        assert!(t.blocked("u:a", 3).is_some());
        assert!(t.blocked("u:b", 3).is_none());
        t.clear("u:a");
        assert!(t.blocked("u:a", 3).is_none());
    }
}
