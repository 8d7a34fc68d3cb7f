//! The index arithmetic of FRAMEWORKS.md section 1, with NI an indicator's level and BI its
//! weight:
//!
//! - Indeks Aspek = Σ(BI × NI) / Σ BI over the aspect's indicators
//! - Indeks Domain = Σ(BA × IA) / Σ BA over the domain's aspects
//! - Indeks SPBE = Σ(BD × ID) / Σ BD, which with every indicator scored equals Σ(BI × NI) / 100.
//!
//! Because the loader guarantees BA = Σ BI of the aspect and BD = Σ BA of the domain,
//! BA × IA = Σ(BI × NI) over the aspect, so every index here is computed as the exact fraction
//! Σ(BI × NI) / Σ BI over the indicators in scope. No rounding happens until an
//! [`IndexValue`] is shown.
//!
//! **Missing indicators.** With [`Coverage::Complete`] every indicator in scope must be
//! scored, otherwise [`IndexError::Incomplete`] lists the missing ones. With
//! [`Coverage::Partial`] the unscored indicators are left out of both sums: the result is the
//! weighted mean of what has been scored so far (an estimate for progress views, not the
//! official index); over a complete set it equals the complete index.

use super::decimal::IndexValue;
use super::framework::{Framework, Indicator};
use super::levels::Levels;

/// Whether an index needs every indicator in scope scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Every indicator in scope must have a level (the official index).
    Complete,
    /// Unscored indicators are left out (a progress estimate).
    Partial,
}

/// Why an index cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    #[error("indicator {indicator} is not in framework `{framework}`")]
    UnknownIndicator { framework: String, indicator: u16 },
    #[error("aspect `{0}` does not exist")]
    UnknownAspect(String),
    #[error("domain `{0}` does not exist")]
    UnknownDomain(String),
    #[error("{scope}: indicators {missing:?} have no level")]
    Incomplete { scope: String, missing: Vec<u16> },
    #[error("{0}: no indicator has a level")]
    NothingScored(String),
    #[error("indicator {0} has no level")]
    NotScored(u16),
}

/// An index per domain and aspect plus the overall index and its predicate, for a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    pub coverage: Coverage,
    /// The overall index (Indeks SPBE).
    pub index: IndexValue,
    /// Name of the predicate band of `index`.
    pub predicate: String,
    /// Domain code → index; `None` for a domain with nothing scored (partial only).
    pub domains: Vec<(String, Option<IndexValue>)>,
    /// Aspect code → index; `None` for an aspect with nothing scored (partial only).
    pub aspects: Vec<(String, Option<IndexValue>)>,
    /// Indicators scored / in the framework.
    pub scored: usize,
    pub total: usize,
}

impl Framework {
    /// Σ(BI × NI) and Σ BI over `scope`, after checking that every scored indicator belongs to
    /// this framework and, for a complete index, that none in scope is missing.
    pub(super) fn sums<'a>(
        &'a self,
        levels: &Levels,
        label: &str,
        scope: impl Iterator<Item = &'a Indicator>,
        coverage: Coverage,
    ) -> Result<(u64, u64), IndexError> {
        if let Some((n, _)) = levels.iter().find(|(n, _)| self.indicator(*n).is_none()) {
            return Err(IndexError::UnknownIndicator {
                framework: self.code.clone(),
                indicator: n,
            });
        }
        let (mut num, mut den, mut missing) = (0u64, 0u64, Vec::new());
        for i in scope {
            match levels.get(i.number) {
                Some(level) => {
                    num += u64::from(i.weight.0) * u64::from(level.get());
                    den += u64::from(i.weight.0);
                }
                None => missing.push(i.number),
            }
        }
        if coverage == Coverage::Complete && !missing.is_empty() {
            return Err(IndexError::Incomplete {
                scope: label.to_owned(),
                missing,
            });
        }
        if den == 0 {
            return Err(IndexError::NothingScored(label.to_owned()));
        }
        Ok((num, den))
    }

    /// Indeks Aspek of aspect `code`.
    pub fn aspect_index(
        &self,
        levels: &Levels,
        code: &str,
        coverage: Coverage,
    ) -> Result<IndexValue, IndexError> {
        self.aspect(code)
            .ok_or_else(|| IndexError::UnknownAspect(code.to_owned()))?;
        let label = format!("aspect `{code}`");
        let scope = self.indicators_of_aspect(code);
        let (num, den) = self.sums(levels, &label, scope, coverage)?;
        Ok(IndexValue::ratio(num, den))
    }

    /// Indeks Domain of domain `code`.
    pub fn domain_index(
        &self,
        levels: &Levels,
        code: &str,
        coverage: Coverage,
    ) -> Result<IndexValue, IndexError> {
        self.domain(code)
            .ok_or_else(|| IndexError::UnknownDomain(code.to_owned()))?;
        let label = format!("domain `{code}`");
        let scope = self.indicators_of_domain(code);
        let (num, den) = self.sums(levels, &label, scope, coverage)?;
        Ok(IndexValue::ratio(num, den))
    }

    /// The overall index (Indeks SPBE).
    pub fn index(&self, levels: &Levels, coverage: Coverage) -> Result<IndexValue, IndexError> {
        let label = format!("framework `{}`", self.code);
        let (num, den) = self.sums(levels, &label, self.indicators.iter(), coverage)?;
        Ok(IndexValue::ratio(num, den))
    }

    /// The overall index, its predicate and the index of every domain and aspect.
    pub fn scorecard(&self, levels: &Levels, coverage: Coverage) -> Result<Scorecard, IndexError> {
        let index = self.index(levels, coverage)?;
        let optional = |r: Result<IndexValue, IndexError>| match r {
            Ok(v) => Ok(Some(v)),
            Err(IndexError::NothingScored(_)) => Ok(None),
            Err(e) => Err(e),
        };
        let mut domains = Vec::new();
        for d in &self.domains {
            let v = optional(self.domain_index(levels, &d.code, coverage))?;
            domains.push((d.code.clone(), v));
        }
        let mut aspects = Vec::new();
        for a in &self.aspects {
            let v = optional(self.aspect_index(levels, &a.code, coverage))?;
            aspects.push((a.code.clone(), v));
        }
        Ok(Scorecard {
            coverage,
            index,
            predicate: self
                .predicate(index)
                .map_or_else(String::new, |p| p.name.clone()),
            domains,
            aspects,
            scored: levels.len(),
            total: self.indicators.len(),
        })
    }
}
