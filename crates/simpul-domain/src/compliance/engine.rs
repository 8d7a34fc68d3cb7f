//! Runs a region's enabled rules over a snapshot and applies the PLN-8 transitional period.

use super::checks_app as app;
use super::checks_gov as gov;
use super::checks_org as org;
use super::{
    parse_date, ActivityKind, AuditKind, Check, PlanKind, Rule, RuleConfig, Snapshot, SubjectKind,
};
use crate::ids::PdId;
use std::collections::{BTreeMap, HashMap};
use time::Date;

/// What one rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleOutcome {
    /// One check per subject.
    Checked(Vec<Check>),
    /// The platform does not hold the data the rule reads (yet).
    NoData,
    /// PLN-8: the transitional period applied to the other rules, ending on this day.
    Transition { ends_on: Option<Date> },
}

/// A rule's configuration and outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleResult {
    pub config: RuleConfig,
    pub outcome: RuleOutcome,
}

/// The result of evaluating a region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    pub results: Vec<RuleResult>,
}

/// Share of applicable checks met.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub applicable: u32,
    pub met: u32,
}

impl Evaluation {
    /// Every failed check with its rule configuration.
    pub fn failures(&self) -> impl Iterator<Item = (&RuleConfig, &Check)> {
        self.results.iter().flat_map(|r| match &r.outcome {
            RuleOutcome::Checked(checks) => checks
                .iter()
                .filter(|c| c.failure.is_some())
                .map(|c| (&r.config, c))
                .collect(),
            _ => Vec::new(),
        })
    }

    /// Applicable and met checks per PD (failures in a transitional period count as met).
    pub fn per_pd(&self) -> BTreeMap<PdId, Tally> {
        let mut out: BTreeMap<PdId, Tally> = BTreeMap::new();
        for r in &self.results {
            if let RuleOutcome::Checked(checks) = &r.outcome {
                for c in checks {
                    if let Some(pd) = c.subject.pd {
                        let t = out.entry(pd).or_default();
                        t.applicable += 1;
                        t.met += u32::from(!c.counts_as_failure());
                    }
                }
            }
        }
        out
    }

    /// Applicable and met checks of the whole region.
    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for r in &self.results {
            if let RuleOutcome::Checked(checks) = &r.outcome {
                t.applicable += checks.len() as u32;
                t.met += checks.iter().filter(|c| !c.counts_as_failure()).count() as u32;
            }
        }
        t
    }
}

fn run(rule: &RuleConfig, s: &Snapshot) -> RuleOutcome {
    let p = &rule.params;
    let checked = |v: Vec<Check>| RuleOutcome::Checked(v);
    let maybe = |v: Option<Vec<Check>>| v.map_or(RuleOutcome::NoData, RuleOutcome::Checked);
    match rule.rule {
        Rule::Org5 => maybe(org::ict_staff(s, true)),
        Rule::Org6 => maybe(org::ict_staff(s, false)),
        Rule::Pln2 => maybe(gov::plan_review(s, p, PlanKind::MasterPlan, 5)),
        Rule::Pln3 => maybe(gov::plan_review(s, p, PlanKind::Roadmap, 5)),
        Rule::Pln4 => maybe(gov::plan_review(s, p, PlanKind::Architecture, 3)),
        Rule::Pln7 => maybe(org::pln7(s, p)),
        Rule::Pln8 => RuleOutcome::Transition {
            ends_on: grace_end(rule, s),
        },
        Rule::App2 => checked(app::app2(s, p)),
        Rule::App3 => checked(app::app3(s, p)),
        Rule::App4 => checked(app::app4(s, p)),
        Rule::App5 => checked(app::app5(s, p)),
        Rule::App6 => checked(app::app6(s, p)),
        Rule::App7 => checked(app::app7(s, p)),
        Rule::App8 => checked(app::app8(s, p)),
        Rule::App9 => checked(app::app9(s, p)),
        Rule::App11 => checked(app::app11(s, p)),
        Rule::App12 => checked(app::app12(s, p)),
        Rule::App13 => checked(app::app13(s, p)),
        Rule::App14 => checked(app::app14(s, p)),
        Rule::App15 => checked(app::app15(s, p)),
        Rule::App16 => checked(app::app16(s, p)),
        Rule::Dom1 => checked(org::dom1(s, p)),
        Rule::Dom2 => checked(org::dom2(s, p)),
        Rule::Dom3 => checked(org::dom3(s, p)),
        Rule::Dat2 => checked(org::dat2(s, p)),
        Rule::Dat3 => checked(org::dat3(s, p)),
        Rule::Dat7 => checked(org::dat7(s, p)),
        Rule::Inf5 => checked(org::inf5(s, p)),
        Rule::Aud2 => maybe(gov::audits(s, p, AuditKind::Application)),
        Rule::Aud3 => maybe(gov::audits(s, p, AuditKind::Security)),
        Rule::Eva1 => maybe(gov::activity(s, p, ActivityKind::Evaluation)),
        Rule::Eva2 => maybe(gov::activity(s, p, ActivityKind::Supervision)),
    }
}

/// The last day of the PLN-8 transitional period, when the pack enables it.
fn grace_end(rule: &RuleConfig, s: &Snapshot) -> Option<Date> {
    let days = i64::from(rule.params.grace_days.unwrap_or(365));
    s.in_force_on?.checked_add(time::Duration::days(days))
}

/// Marks failures of records that existed before the regulation while its transitional period
/// lasts (PLN-8): applications by `operating_since`, assets by `acquired_on`.
fn apply_transition(results: &mut [RuleResult], s: &Snapshot, ends_on: Date) {
    let (Some(in_force), true) = (s.in_force_on, s.today <= ends_on) else {
        return;
    };
    let started: HashMap<String, Date> = s
        .records
        .iter()
        .filter_map(|r| {
            let d = r.text("operating_since").or(r.text("acquired_on"))?;
            Some((r.id.to_string(), parse_date(d)?))
        })
        .collect();
    for r in results.iter_mut() {
        if let RuleOutcome::Checked(checks) = &mut r.outcome {
            for c in checks.iter_mut().filter(|c| c.failure.is_some()) {
                let pre_existing = matches!(
                    c.subject.kind,
                    SubjectKind::Application | SubjectKind::Domain
                ) && started.get(&c.subject.id).is_some_and(|d| *d < in_force);
                if pre_existing {
                    c.grace_until = Some(ends_on);
                }
            }
        }
    }
}

/// Evaluates every enabled rule of a region over its snapshot.
pub fn evaluate(rules: &[RuleConfig], s: &Snapshot) -> Evaluation {
    let mut results: Vec<RuleResult> = rules
        .iter()
        .map(|r| RuleResult {
            config: r.clone(),
            outcome: run(r, s),
        })
        .collect();
    let transition = results.iter().find_map(|r| match r.outcome {
        RuleOutcome::Transition { ends_on: Some(d) } => Some(d),
        _ => None,
    });
    if let Some(ends_on) = transition {
        apply_transition(&mut results, s, ends_on);
    }
    Evaluation { results }
}
