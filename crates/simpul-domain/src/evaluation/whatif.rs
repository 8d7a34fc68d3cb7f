//! What-if and priorities: how much the overall index rises when one indicator goes up.
//!
//! Raising indicator i by one level adds BI to Σ(BI × NI) and leaves Σ BI unchanged, so the
//! gain is exactly BI / Σ BI (BI / 100 for a complete set), whatever the current level, and 0
//! at level 5. The priority list ranks by the gain still available from an indicator,
//! weight × headroom (BI × (5 − NI) / Σ BI, the rise if it reached level 5), largest first,
//! ties by indicator number; indicators at level 5 are left out.

use super::decimal::IndexValue;
use super::framework::Framework;
use super::index::{Coverage, IndexError};
use super::levels::{Level, Levels};

/// One entry of the priority list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priority {
    pub indicator: u16,
    /// Its current level (below 5).
    pub level: Level,
    /// Rise of the overall index if it goes up one level.
    pub gain: IndexValue,
    /// Rise of the overall index if it reaches level 5: `gain × headroom` (the ranking key).
    pub potential: IndexValue,
}

impl Framework {
    /// The rise of the overall index if `indicator` went up one level, all else equal; zero at
    /// level 5. The indicator must be scored; `coverage` applies as for [`Framework::index`].
    pub fn gain_if_raised(
        &self,
        levels: &Levels,
        indicator: u16,
        coverage: Coverage,
    ) -> Result<IndexValue, IndexError> {
        let weight = self
            .indicator(indicator)
            .ok_or_else(|| IndexError::UnknownIndicator {
                framework: self.code.clone(),
                indicator,
            })?
            .weight;
        let level = levels
            .get(indicator)
            .ok_or(IndexError::NotScored(indicator))?;
        let label = format!("framework `{}`", self.code);
        let (_, den) = self.sums(levels, &label, self.indicators.iter(), coverage)?;
        if level == Level::MAX {
            return Ok(IndexValue::ZERO);
        }
        Ok(IndexValue::ratio(u64::from(weight.0), den))
    }

    /// Scored indicators below level 5, ranked by `potential` (weight × headroom), largest
    /// first, ties by indicator number. Unscored indicators (partial coverage) are not listed.
    pub fn priorities(
        &self,
        levels: &Levels,
        coverage: Coverage,
    ) -> Result<Vec<Priority>, IndexError> {
        let label = format!("framework `{}`", self.code);
        let (_, den) = self.sums(levels, &label, self.indicators.iter(), coverage)?;
        let mut list: Vec<Priority> = self
            .indicators
            .iter()
            .filter_map(|i| {
                let level = levels.get(i.number).filter(|l| *l < Level::MAX)?;
                let gain = IndexValue::ratio(u64::from(i.weight.0), den);
                let potential = gain.times(u64::from(level.headroom()));
                Some(Priority {
                    indicator: i.number,
                    level,
                    gain,
                    potential,
                })
            })
            .collect();
        list.sort_by(|a, b| {
            b.potential
                .cmp(&a.potential)
                .then(a.indicator.cmp(&b.indicator))
        });
        Ok(list)
    }
}
