//! Read access to a validated framework: its header, its parts in file order, and lookups by
//! code or number.

use super::decimal::IndexValue;
use super::framework::{Aspect, Criteria, Domain, Framework, Indicator, LevelName, Predicate};
use super::levels::Level;

impl Framework {
    /// Stable code, e.g. `spbe-2020`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Year of the regulation.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The regulation that sets the framework.
    pub fn legal_basis(&self) -> &str {
        &self.legal_basis
    }

    /// Domains in file order.
    pub fn domains(&self) -> &[Domain] {
        &self.domains
    }

    /// Aspects in file order.
    pub fn aspects(&self) -> &[Aspect] {
        &self.aspects
    }

    /// Indicators in file order.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// Level names in file order.
    pub fn level_names(&self) -> &[LevelName] {
        &self.levels
    }

    /// The name of a level (`Rintisan` for 1).
    pub fn level_name(&self, level: Level) -> &str {
        self.levels
            .iter()
            .find(|l| l.level == level.get())
            .map_or("", |l| l.name.as_str())
    }

    /// Predicate bands in file order.
    pub fn predicates(&self) -> &[Predicate] {
        &self.predicates
    }

    /// The predicate of an index as published: the band that holds the index rounded half-up
    /// to two decimals (so a displayed 2.60 is always `Baik`, even when the exact value is
    /// 2.5995). `None` outside 1.00..=5.00, which no index computed from levels can be.
    pub fn predicate(&self, index: IndexValue) -> Option<&Predicate> {
        let shown = IndexValue::from_hundredths(index.hundredths());
        let top = self.predicates.iter().map(|p| p.to).max()?;
        self.predicates
            .iter()
            .find(|p| p.from <= shown && (shown < p.to || (shown == top && p.to == top)))
    }

    /// The domain with `code`.
    pub fn domain(&self, code: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.code == code)
    }

    /// The aspect with `code`.
    pub fn aspect(&self, code: &str) -> Option<&Aspect> {
        self.aspects.iter().find(|a| a.code == code)
    }

    /// The indicator with `number`.
    pub fn indicator(&self, number: u16) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.number == number)
    }

    /// The aspects of a domain, in file order.
    pub fn aspects_of<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a Aspect> + 'a {
        self.aspects.iter().filter(move |a| a.domain == domain)
    }

    /// The indicators of an aspect, in file order.
    pub fn indicators_of_aspect<'a>(
        &'a self,
        aspect: &'a str,
    ) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| i.aspect == aspect)
    }

    /// The indicators of a domain, in file order.
    pub fn indicators_of_domain<'a>(
        &'a self,
        domain: &'a str,
    ) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators
            .iter()
            .filter(move |i| self.aspect(&i.aspect).is_some_and(|a| a.domain == domain))
    }

    /// The criteria set describing an indicator's levels, if the file gives one.
    pub fn criteria(&self, indicator: u16) -> Option<&Criteria> {
        let code = self.indicator(indicator)?.criteria.as_ref()?;
        self.criteria.get(code)
    }

    /// All criteria sets by code.
    pub fn criteria_sets(&self) -> impl Iterator<Item = &Criteria> {
        self.criteria.values()
    }
}
