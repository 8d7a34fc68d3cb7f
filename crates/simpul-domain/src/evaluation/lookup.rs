//! Read access to a validated framework: its header, its parts in file order, and lookups by
//! code or number.

use super::decimal::IndexValue;
use super::framework::{
    Aspect, Criteria, Domain, Framework, Indicator, LevelName, LevelScale, Predicate,
};
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

    /// The default level names (`level = [...]`) in file order.
    pub fn level_names(&self) -> &[LevelName] {
        &self.levels
    }

    /// The other level scales, in file order.
    pub fn level_scales(&self) -> &[LevelScale] {
        &self.scales
    }

    /// The name of a level of `indicator`: from the scale its domain names (Layanan SPBE:
    /// `Informasi` for 1), else the default names (`Rintisan` for 1). Empty for an unknown
    /// indicator.
    pub fn level_name(&self, indicator: u16, level: Level) -> &str {
        let Some(i) = self.indicator(indicator) else {
            return "";
        };
        let scale = self
            .aspect(&i.aspect)
            .and_then(|a| self.domain(&a.domain))
            .and_then(|d| d.levels.as_deref())
            .and_then(|code| self.scales.iter().find(|s| s.code == code));
        match scale {
            Some(s) => s
                .names
                .get(usize::from(level.get()) - 1)
                .map_or("", String::as_str),
            None => self
                .levels
                .iter()
                .find(|l| l.level == level.get())
                .map_or("", |l| l.name.as_str()),
        }
    }

    /// The names of levels 1..=5 of `indicator` (see [`Framework::level_name`]).
    pub fn level_names_of(&self, indicator: u16) -> Vec<&str> {
        (Level::MIN.get()..=Level::MAX.get())
            .filter_map(|n| Level::new(n).ok())
            .map(|l| self.level_name(indicator, l))
            .collect()
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
