//! The compliance engine (issue 4): every checkable obligation (kind C) of OBLIGATIONS.md as
//! one generic [`Rule`], enabled per region by its pack with the region's own citation and
//! parameters, evaluated over a [`Snapshot`] of the region's data. Pure: the store builds the
//! snapshot and keeps the findings; this module only decides.
//!
//! A rule either reports a [`Check`] per subject (met, or failed with a [`Detail`]) or, when
//! the platform does not hold the data it reads yet, [`RuleOutcome::NoData`], never a silent
//! pass.

mod checks_app;
mod checks_gov;
mod checks_org;
mod deadlines;
mod engine;
mod finding_workflow;
mod pack;
mod rule;
mod snapshot;

pub use deadlines::*;
pub use engine::{evaluate, Evaluation, RuleOutcome, RuleResult, Tally};
pub use finding_workflow::{system_step, FindingStatus, FindingStep, FindingWorkflow};
pub use pack::{validate_rules, Citation, Concepts, Params, RuleConfig, Severity};
pub use rule::{Rule, SubjectKind};
pub use snapshot::*;

use crate::ids::PdId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one check was about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub kind: SubjectKind,
    /// Record id, PD id or region slug.
    pub id: String,
    /// The PD responsible (none for region-wide checks).
    pub pd: Option<PdId>,
    /// Name for people (record name or PD short name).
    pub name: String,
}

/// Why a check failed: a message key of the i18n files (`finding.<key>`) and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    pub key: String,
    pub args: BTreeMap<String, String>,
}

impl Detail {
    pub fn new(key: &str) -> Detail {
        Detail {
            key: key.to_owned(),
            args: BTreeMap::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Detail {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }
}

/// The outcome of one rule for one subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub subject: Subject,
    /// `None` when the subject meets the obligation.
    pub failure: Option<Detail>,
    /// Set when a failure falls in the PLN-8 transitional period: not counted until then.
    pub grace_until: Option<time::Date>,
}

impl Check {
    pub fn met(subject: Subject) -> Check {
        Check {
            subject,
            failure: None,
            grace_until: None,
        }
    }

    pub fn failed(subject: Subject, detail: Detail) -> Check {
        Check {
            subject,
            failure: Some(detail),
            grace_until: None,
        }
    }

    /// Met or failed as the condition says.
    pub fn when(subject: Subject, failure: Option<Detail>) -> Check {
        Check {
            subject,
            failure,
            grace_until: None,
        }
    }

    /// A failure that counts (outside any transitional period).
    pub fn counts_as_failure(&self) -> bool {
        self.failure.is_some() && self.grace_until.is_none()
    }
}

#[cfg(test)]
mod tests;
