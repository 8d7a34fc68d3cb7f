//! An evaluation framework (FRAMEWORKS.md section 1): domains, aspects and indicators with
//! their weights, the level names (per domain where a domain names its own scale), per-level criteria and the predicate bands, read from a TOML
//! file such as `frameworks/spbe-2020.toml` and validated by [`super::validate`].

use super::decimal::{parse_hundredths, IndexValue, Weight};
use super::levels::Level;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A framework file that cannot be used, naming the offending code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameworkError {
    #[error("not a framework file: {0}")]
    Parse(String),
    #[error("{field}: `{value}` is not a decimal with at most two places")]
    BadNumber { field: String, value: String },
    #[error("{0} has no name")]
    Unnamed(String),
    #[error("duplicate {kind} `{code}`")]
    Duplicate { kind: &'static str, code: String },
    #[error("{owner} refers to {kind} `{code}`, which does not exist")]
    UnknownReference {
        owner: String,
        kind: &'static str,
        code: String,
    },
    #[error("{0} has weight 0")]
    ZeroWeight(String),
    #[error("{scope}: weights sum to {sum}, expected {expected}")]
    WeightSum {
        scope: String,
        sum: Weight,
        expected: Weight,
    },
    #[error("levels: {0}")]
    Levels(String),
    #[error("criteria `{code}` has {count} texts, expected one per level (5)")]
    CriteriaCount { code: String, count: usize },
    #[error("predicate bands: {0}")]
    Bands(String),
    #[error("framework `{0}` is already in the set")]
    DuplicateFramework(String),
    #[error("{file}: {source}")]
    InFile {
        file: String,
        source: Box<FrameworkError>,
    },
}

/// A domain (D1 Kebijakan Internal SPBE, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    pub code: String,
    pub name: String,
    pub weight: Weight,
    /// Code of the [`LevelScale`] naming the levels of its indicators; `None` for the
    /// framework's default names (`level = [...]`).
    pub levels: Option<String>,
}

/// Another set of level names, for the indicators of the domains that name it: in the 2020
/// model the technical-function levels of Layanan SPBE (1 Informasi … 5 Optimalisasi) beside
/// the process-capability levels of domains 1-3 (1 Rintisan … 5 Optimum).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelScale {
    pub code: String,
    /// One name per level, level 1 first.
    pub names: Vec<String>,
}

/// An aspect of a domain (A1 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aspect {
    pub code: String,
    pub domain: String,
    pub name: String,
    pub weight: Weight,
}

/// An indicator, identified by its number (1..=47 in the 2020 model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub number: u16,
    pub aspect: String,
    pub name: String,
    pub weight: Weight,
    /// Code of the [`Criteria`] set describing its levels, if the file gives one.
    pub criteria: Option<String>,
}

/// The name of a level (1 Rintisan … 5 Optimum).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelName {
    pub level: u8,
    pub name: String,
}

/// A predicate band: an index `v` falls in it when `from <= v < to`, or `v == to` for the top
/// band (the one that ends at 5.00).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicate {
    pub name: String,
    pub from: IndexValue,
    pub to: IndexValue,
}

/// What each level means for a group of indicators. `generic` marks the national model's
/// general level descriptions, used where no indicator-specific criteria are given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criteria {
    pub code: String,
    pub generic: bool,
    /// One text per level, level 1 first.
    pub texts: Vec<String>,
}

impl Criteria {
    /// The text for `level`.
    pub fn text(&self, level: Level) -> &str {
        self.texts
            .get(usize::from(level.get()) - 1)
            .map_or("", String::as_str)
    }
}

/// A validated framework. Only [`Framework::from_toml`] builds one, so its weights always add
/// up (see [`super::validate`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) year: u16,
    pub(super) legal_basis: String,
    pub(super) levels: Vec<LevelName>,
    pub(super) scales: Vec<LevelScale>,
    pub(super) predicates: Vec<Predicate>,
    pub(super) domains: Vec<Domain>,
    pub(super) aspects: Vec<Aspect>,
    pub(super) indicators: Vec<Indicator>,
    pub(super) criteria: BTreeMap<String, Criteria>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    code: String,
    name: String,
    year: u16,
    legal_basis: String,
    level: Vec<LevelName>,
    #[serde(default)]
    level_scale: Vec<LevelScale>,
    predicate: Vec<RawBand>,
    domain: Vec<RawDomain>,
    aspect: Vec<RawAspect>,
    indicator: Vec<RawIndicator>,
    #[serde(default)]
    criteria: BTreeMap<String, RawCriteria>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    name: String,
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    code: String,
    name: String,
    weight: String,
    #[serde(default)]
    levels: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAspect {
    code: String,
    domain: String,
    name: String,
    weight: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    number: u16,
    aspect: String,
    name: String,
    weight: String,
    criteria: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriteria {
    generic: bool,
    texts: Vec<String>,
}

fn hundredths(field: String, value: &str) -> Result<u32, FrameworkError> {
    parse_hundredths(value).ok_or_else(|| FrameworkError::BadNumber {
        field,
        value: value.to_owned(),
    })
}

impl Framework {
    /// Parses and validates a framework file. Weights and band bounds are decimal texts
    /// (`weight = "1.30"`) so that they are read exactly.
    pub fn from_toml(text: &str) -> Result<Framework, FrameworkError> {
        let f: File = toml::from_str(text).map_err(|e| FrameworkError::Parse(e.to_string()))?;
        let weight = |owner: String, w: &str| Ok(Weight(hundredths(owner + " weight", w)?));
        let mut predicates = Vec::new();
        for b in f.predicate {
            let bound = |end: &str, v: &str| {
                let h = hundredths(format!("predicate `{}` {end}", b.name), v)?;
                Ok::<_, FrameworkError>(IndexValue::from_hundredths(u64::from(h)))
            };
            let (from, to) = (bound("from", &b.from)?, bound("to", &b.to)?);
            predicates.push(Predicate {
                name: b.name,
                from,
                to,
            });
        }
        let mut domains = Vec::new();
        for d in f.domain {
            let weight = weight(format!("domain `{}`", d.code), &d.weight)?;
            domains.push(Domain {
                code: d.code,
                name: d.name,
                weight,
                levels: d.levels,
            });
        }
        let mut aspects = Vec::new();
        for a in f.aspect {
            let weight = weight(format!("aspect `{}`", a.code), &a.weight)?;
            aspects.push(Aspect {
                code: a.code,
                domain: a.domain,
                name: a.name,
                weight,
            });
        }
        let mut indicators = Vec::new();
        for i in f.indicator {
            let weight = weight(format!("indicator {}", i.number), &i.weight)?;
            indicators.push(Indicator {
                number: i.number,
                aspect: i.aspect,
                name: i.name,
                weight,
                criteria: i.criteria,
            });
        }
        let criteria = f
            .criteria
            .into_iter()
            .map(|(code, c)| {
                let c = Criteria {
                    code: code.clone(),
                    generic: c.generic,
                    texts: c.texts,
                };
                (code, c)
            })
            .collect();
        let framework = Framework {
            code: f.code,
            name: f.name,
            year: f.year,
            legal_basis: f.legal_basis,
            levels: f.level,
            scales: f.level_scale,
            predicates,
            domains,
            aspects,
            indicators,
            criteria,
        };
        super::validate::check(&framework)?;
        Ok(framework)
    }
}
