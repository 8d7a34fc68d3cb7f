//! The checks a framework passes before it can be used. Because every weight sum is checked
//! here, the index arithmetic can rely on aspect weight = Σ its indicator weights, domain weight
//! = Σ its aspect weights, and Σ all weights = 100.

use super::decimal::{IndexValue, Weight};
use super::framework::{Framework, FrameworkError as E};
use std::collections::HashSet;

/// Runs every check, in the order: names, unique codes, references, positive weights, levels,
/// criteria, weight sums, predicate bands. The first failure is returned.
pub(super) fn check(f: &Framework) -> Result<(), E> {
    names(f)?;
    unique(f)?;
    references(f)?;
    positive_weights(f)?;
    levels(f)?;
    criteria(f)?;
    weight_sums(f)?;
    bands(f)
}

fn names(f: &Framework) -> Result<(), E> {
    let named = |name: &str, what: String| {
        if name.trim().is_empty() {
            Err(E::Unnamed(what))
        } else {
            Ok(())
        }
    };
    if f.code.trim().is_empty() {
        return Err(E::Unnamed("the framework code".into()));
    }
    named(&f.name, format!("framework `{}`", f.code))?;
    for d in &f.domains {
        named(&d.code, "a domain code".into())?;
        named(&d.name, format!("domain `{}`", d.code))?;
    }
    for a in &f.aspects {
        named(&a.code, "an aspect code".into())?;
        named(&a.name, format!("aspect `{}`", a.code))?;
    }
    for i in &f.indicators {
        named(&i.name, format!("indicator {}", i.number))?;
    }
    for p in &f.predicates {
        named(&p.name, format!("the predicate band from {}", p.from))?;
    }
    Ok(())
}

fn unique(f: &Framework) -> Result<(), E> {
    let dup = |kind, code: String| E::Duplicate { kind, code };
    let mut seen = HashSet::new();
    for d in &f.domains {
        if !seen.insert(d.code.as_str()) {
            return Err(dup("domain", d.code.clone()));
        }
    }
    let mut seen = HashSet::new();
    for a in &f.aspects {
        if !seen.insert(a.code.as_str()) {
            return Err(dup("aspect", a.code.clone()));
        }
    }
    let mut seen = HashSet::new();
    for i in &f.indicators {
        if !seen.insert(i.number) {
            return Err(dup("indicator", i.number.to_string()));
        }
    }
    Ok(())
}

fn references(f: &Framework) -> Result<(), E> {
    let unknown = |owner: String, kind, code: &str| E::UnknownReference {
        owner,
        kind,
        code: code.to_owned(),
    };
    for a in &f.aspects {
        if f.domain(&a.domain).is_none() {
            return Err(unknown(format!("aspect `{}`", a.code), "domain", &a.domain));
        }
    }
    for i in &f.indicators {
        if f.aspect(&i.aspect).is_none() {
            return Err(unknown(
                format!("indicator {}", i.number),
                "aspect",
                &i.aspect,
            ));
        }
        if let Some(c) = &i.criteria {
            if !f.criteria.contains_key(c) {
                return Err(unknown(format!("indicator {}", i.number), "criteria", c));
            }
        }
    }
    Ok(())
}

fn positive_weights(f: &Framework) -> Result<(), E> {
    let domains = f
        .domains
        .iter()
        .map(|d| (d.weight, format!("domain `{}`", d.code)));
    let aspects = f
        .aspects
        .iter()
        .map(|a| (a.weight, format!("aspect `{}`", a.code)));
    let indicators = f
        .indicators
        .iter()
        .map(|i| (i.weight, format!("indicator {}", i.number)));
    match domains
        .chain(aspects)
        .chain(indicators)
        .find(|(w, _)| w.0 == 0)
    {
        Some((_, what)) => Err(E::ZeroWeight(what)),
        None => Ok(()),
    }
}

fn levels(f: &Framework) -> Result<(), E> {
    for n in 1..=5u8 {
        match f.levels.iter().filter(|l| l.level == n).count() {
            0 => return Err(E::Levels(format!("level {n} is missing"))),
            1 => {}
            _ => return Err(E::Levels(format!("level {n} is named twice"))),
        }
    }
    if let Some(l) = f.levels.iter().find(|l| !(1..=5).contains(&l.level)) {
        return Err(E::Levels(format!("level {} is outside 1..5", l.level)));
    }
    if let Some(l) = f.levels.iter().find(|l| l.name.trim().is_empty()) {
        return Err(E::Levels(format!("level {} has no name", l.level)));
    }
    let mut seen = HashSet::new();
    for s in &f.scales {
        if !seen.insert(s.code.as_str()) {
            return Err(E::Duplicate {
                kind: "level scale",
                code: s.code.clone(),
            });
        }
        if s.names.len() != 5 || s.names.iter().any(|n| n.trim().is_empty()) {
            return Err(E::Levels(format!(
                "scale `{}` needs one name per level (5)",
                s.code
            )));
        }
    }
    for d in &f.domains {
        if let Some(code) = &d.levels {
            if !f.scales.iter().any(|s| &s.code == code) {
                return Err(E::UnknownReference {
                    owner: format!("domain `{}`", d.code),
                    kind: "level scale",
                    code: code.clone(),
                });
            }
        }
    }
    Ok(())
}

fn criteria(f: &Framework) -> Result<(), E> {
    for c in f.criteria.values() {
        if c.texts.len() != 5 || c.texts.iter().any(|t| t.trim().is_empty()) {
            let count = c.texts.iter().filter(|t| !t.trim().is_empty()).count();
            return Err(E::CriteriaCount {
                code: c.code.clone(),
                count,
            });
        }
    }
    Ok(())
}

fn weight_sums(f: &Framework) -> Result<(), E> {
    let sum_is = |scope: String, sum: Weight, expected: Weight| {
        if sum == expected {
            Ok(())
        } else {
            Err(E::WeightSum {
                scope,
                sum,
                expected,
            })
        }
    };
    let all_indicators = f.indicators.iter().map(|i| i.weight).sum();
    sum_is("all indicators".into(), all_indicators, Weight::WHOLE)?;
    let all_domains = f.domains.iter().map(|d| d.weight).sum();
    sum_is("all domains".into(), all_domains, Weight::WHOLE)?;
    for a in &f.aspects {
        let sum = f.indicators_of_aspect(&a.code).map(|i| i.weight).sum();
        sum_is(format!("indicators of aspect `{}`", a.code), sum, a.weight)?;
    }
    for d in &f.domains {
        let sum = f.aspects_of(&d.code).map(|a| a.weight).sum();
        sum_is(format!("aspects of domain `{}`", d.code), sum, d.weight)?;
    }
    Ok(())
}

fn bands(f: &Framework) -> Result<(), E> {
    let (min, max) = (
        IndexValue::from_hundredths(100),
        IndexValue::from_hundredths(500),
    );
    let mut bands: Vec<_> = f.predicates.iter().collect();
    bands.sort_by_key(|b| b.from);
    let (Some(first), Some(last)) = (bands.first(), bands.last()) else {
        return Err(E::Bands("there are none".into()));
    };
    if let Some(b) = bands.iter().find(|b| b.from >= b.to) {
        return Err(E::Bands(format!("band `{}` is empty or reversed", b.name)));
    }
    if first.from != min {
        return Err(E::Bands(format!(
            "the lowest band `{}` starts at {}, not at 1.00",
            first.name, first.from
        )));
    }
    if last.to != max {
        return Err(E::Bands(format!(
            "the highest band `{}` ends at {}, not at 5.00",
            last.name, last.to
        )));
    }
    for pair in bands.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.to < b.from {
            return Err(E::Bands(format!(
                "gap between `{}` (to {}) and `{}` (from {})",
                a.name, a.to, b.name, b.from
            )));
        }
        if a.to > b.from {
            return Err(E::Bands(format!(
                "`{}` (to {}) overlaps `{}` (from {})",
                a.name, a.to, b.name, b.from
            )));
        }
    }
    Ok(())
}
