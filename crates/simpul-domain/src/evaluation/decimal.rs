//! Exact numbers of the evaluation arithmetic, without floats (FRAMEWORKS.md section 1: "Use
//! exact decimal arithmetic and round only for display (2 decimals). Floats give 2.9999 for 3.").
//!
//! Weights are integers in hundredths of a percent; index values are exact fractions of two
//! integers, compared by cross-multiplication and rounded half-up only when shown.

use std::cmp::Ordering;
use std::fmt;

/// A weight (bobot) in hundredths of a percent: `1.30` % is `Weight(130)`, the whole is
/// [`Weight::WHOLE`] (100 %).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weight(pub u32);

impl Weight {
    /// 100 %.
    pub const WHOLE: Weight = Weight(10_000);

    /// Parses a decimal text such as `"1.30"`, `"16.5"` or `"13"`: digits with at most two
    /// places after the point, no sign, no exponent.
    pub fn parse(text: &str) -> Option<Weight> {
        parse_hundredths(text).map(Weight)
    }

    /// The weight in hundredths of a percent.
    pub fn hundredths(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Weight {
    /// Percent with two decimals: `1.30`, `45.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl std::iter::Sum for Weight {
    fn sum<I: Iterator<Item = Weight>>(iter: I) -> Weight {
        Weight(iter.map(|w| w.0).sum())
    }
}

/// Parses a non-negative decimal with at most two places into hundredths.
pub(crate) fn parse_hundredths(text: &str) -> Option<u32> {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) if !f.is_empty() => (i, f),
        Some(_) => return None,
        None => (text, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || int.len() > 6 || frac.len() > 2 || !digits(int) || !digits(frac) {
        return None;
    }
    let frac_value: u32 = format!("{frac:0<2}").parse().ok()?;
    int.parse::<u32>()
        .ok()?
        .checked_mul(100)?
        .checked_add(frac_value)
}

/// An exact value on the index scale (an index, or the gain between two indices): the fraction
/// `numer / denom`. Equality and order compare the value, not the representation, so
/// `IndexValue::ratio(6, 2) == IndexValue::from_hundredths(300)`.
#[derive(Debug, Clone, Copy)]
pub struct IndexValue {
    num: u64,
    den: u64,
}

impl IndexValue {
    /// Zero (the gain of an indicator that is already at the top level).
    pub const ZERO: IndexValue = IndexValue { num: 0, den: 1 };

    /// `num / den`; `None` when `den` is zero.
    pub fn new(num: u64, den: u64) -> Option<IndexValue> {
        (den != 0).then_some(IndexValue { num, den })
    }

    /// Internal constructor for denominators known to be positive (a sum of positive weights).
    pub(crate) fn ratio(num: u64, den: u64) -> IndexValue {
        debug_assert!(den > 0);
        IndexValue {
            num,
            den: den.max(1),
        }
    }

    /// A value given in hundredths: `from_hundredths(224)` is 2.24.
    pub fn from_hundredths(hundredths: u64) -> IndexValue {
        IndexValue {
            num: hundredths,
            den: 100,
        }
    }

    /// The numerator of the fraction as computed (not reduced).
    pub fn numer(&self) -> u64 {
        self.num
    }

    /// The denominator of the fraction as computed (not reduced).
    pub fn denom(&self) -> u64 {
        self.den
    }

    /// This value times a small whole number (a one-level gain times the levels of headroom).
    pub(crate) fn times(self, k: u64) -> IndexValue {
        IndexValue {
            num: self.num * k,
            den: self.den,
        }
    }

    /// The most decimals [`IndexValue::round_to`] and [`IndexValue::format`] give.
    pub const MAX_PLACES: u32 = 18;

    /// The value rounded half-up to `places` decimals (at most [`Self::MAX_PLACES`]), as a
    /// count of `10^-places`: 2.6044 → `round_to(2) == 260`; 2.625 → `round_to(2) == 263`.
    pub fn round_to(&self, places: u32) -> u128 {
        let scale = 10u128.pow(places.min(Self::MAX_PLACES));
        let (n, d) = (u128::from(self.num), u128::from(self.den));
        (2 * n * scale + d) / (2 * d)
    }

    /// The value rounded half-up to two decimals, in hundredths (the published figure).
    pub fn hundredths(&self) -> u64 {
        u64::try_from(self.round_to(2)).unwrap_or(u64::MAX)
    }

    /// The value rounded half-up to `places` decimals (at most [`Self::MAX_PLACES`]) as text:
    /// `format(4)` gives `"2.6044"`.
    pub fn format(&self, places: u32) -> String {
        let places = places.min(Self::MAX_PLACES);
        let v = self.round_to(places);
        if places == 0 {
            return v.to_string();
        }
        let scale = 10u128.pow(places);
        let width = places as usize;
        format!("{}.{:0width$}", v / scale, v % scale)
    }
}

impl fmt::Display for IndexValue {
    /// Two decimals, rounded half-up: `2.24`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(2))
    }
}

impl PartialEq for IndexValue {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for IndexValue {}

impl PartialOrd for IndexValue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for IndexValue {
    fn cmp(&self, other: &Self) -> Ordering {
        let left = u128::from(self.num) * u128::from(other.den);
        let right = u128::from(other.num) * u128::from(self.den);
        left.cmp(&right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_exactly_with_at_most_two_places() {
        assert_eq!(Weight::parse("1.30"), Some(Weight(130)));
        assert_eq!(Weight::parse("16.5"), Some(Weight(1650)));
        assert_eq!(Weight::parse("13"), Some(Weight(1300)));
        for bad in ["", ".5", "1.", "1.305", "-1", "1e2", "1,30", " 1"] {
            assert_eq!(Weight::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Weight(4550).to_string(), "45.50");
    }

    #[test]
    fn values_compare_by_value_and_round_half_up() {
        assert_eq!(IndexValue::ratio(6, 2), IndexValue::from_hundredths(300));
        assert!(IndexValue::ratio(1, 3) < IndexValue::from_hundredths(34));
        let v = IndexValue::ratio(1185, 455); // 2.604395…
        assert_eq!(v.format(4), "2.6044");
        assert_eq!(v.to_string(), "2.60");
        assert_eq!(IndexValue::ratio(2625, 1000).to_string(), "2.63");
        assert_eq!(IndexValue::ratio(2624, 1000).to_string(), "2.62");
        assert_eq!(IndexValue::ratio(7, 2).format(0), "4");
        assert_eq!(IndexValue::new(1, 0), None);
        let huge = IndexValue::new(u64::MAX, 1).unwrap();
        assert_eq!(
            huge.format(40).len(),
            20 + 1 + 18,
            "no overflow, places bounded"
        );
    }
}
