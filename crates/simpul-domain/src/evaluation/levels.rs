//! Maturity levels given to indicators: one [`Level`] (1..=5) per indicator number.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A maturity level (tingkat kematangan) 1..=5. The 2020 model has no level 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

/// A level outside 1..=5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("level {0} is outside 1..5")]
pub struct InvalidLevel(pub u8);

impl Level {
    /// Level 1, Rintisan.
    pub const MIN: Level = Level(1);
    /// Level 5, Optimum.
    pub const MAX: Level = Level(5);

    /// A level from its number; 0 and anything above 5 are rejected.
    pub fn new(n: u8) -> Result<Level, InvalidLevel> {
        if (Self::MIN.0..=Self::MAX.0).contains(&n) {
            Ok(Level(n))
        } else {
            Err(InvalidLevel(n))
        }
    }

    /// The level's number.
    pub fn get(self) -> u8 {
        self.0
    }

    /// How many levels are left above this one (0 at level 5).
    pub fn headroom(self) -> u8 {
        Self::MAX.0 - self.0
    }

    /// The next level up; `None` at level 5.
    pub fn raised(self) -> Option<Level> {
        Level::new(self.0 + 1).ok()
    }
}

impl TryFrom<u8> for Level {
    type Error = InvalidLevel;
    fn try_from(n: u8) -> Result<Level, InvalidLevel> {
        Level::new(n)
    }
}

impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l.0
    }
}

/// The levels of an assessment: indicator number → level. Indicators without an entry are
/// unscored; whether that is allowed is decided when an index is computed
/// ([`Coverage`](super::Coverage)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Levels(BTreeMap<u16, Level>);

impl Levels {
    /// No indicator scored.
    pub fn new() -> Levels {
        Levels::default()
    }

    /// Builds levels from `(indicator, level)` pairs; the first level outside 1..=5 is an error.
    /// A later pair for the same indicator replaces an earlier one.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u16, u8)>) -> Result<Levels, InvalidLevel> {
        let mut levels = Levels::new();
        for (indicator, level) in pairs {
            levels.set(indicator, level)?;
        }
        Ok(levels)
    }

    /// Gives `indicator` the level `level`; a level outside 1..=5 is rejected and changes nothing.
    pub fn set(&mut self, indicator: u16, level: u8) -> Result<(), InvalidLevel> {
        self.insert(indicator, Level::new(level)?);
        Ok(())
    }

    /// Gives `indicator` a level, returning the one it replaces.
    pub fn insert(&mut self, indicator: u16, level: Level) -> Option<Level> {
        self.0.insert(indicator, level)
    }

    /// Removes an indicator's level.
    pub fn remove(&mut self, indicator: u16) -> Option<Level> {
        self.0.remove(&indicator)
    }

    /// The level of `indicator`, if scored.
    pub fn get(&self, indicator: u16) -> Option<Level> {
        self.0.get(&indicator).copied()
    }

    /// Scored indicators in number order.
    pub fn iter(&self) -> impl Iterator<Item = (u16, Level)> + '_ {
        self.0.iter().map(|(n, l)| (*n, *l))
    }

    /// Number of scored indicators.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no indicator is scored.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_zero_and_six_are_rejected() {
        assert_eq!(Level::new(0), Err(InvalidLevel(0)));
        assert_eq!(Level::new(6), Err(InvalidLevel(6)));
        assert_eq!(Level::new(5).map(Level::headroom), Ok(0));
        assert_eq!(Level::MAX.raised(), None);
        let mut levels = Levels::from_pairs([(1, 3)]).unwrap();
        assert_eq!(levels.set(1, 0), Err(InvalidLevel(0)));
        assert_eq!(
            levels.get(1),
            Some(Level(3)),
            "a rejected level changes nothing"
        );
        assert_eq!(Levels::from_pairs([(1, 2), (2, 6)]), Err(InvalidLevel(6)));
    }

    #[test]
    fn levels_read_from_json_are_checked_too() {
        let ok: Levels = serde_json::from_str(r#"{"1": 3, "47": 5}"#).unwrap();
        assert_eq!(ok.get(47), Some(Level::MAX));
        assert!(serde_json::from_str::<Levels>(r#"{"1": 0}"#).is_err());
        assert_eq!(serde_json::to_string(&ok).unwrap(), r#"{"1":3,"47":5}"#);
    }
}
