//! How a region pack parameterizes a workflow (`[workflows.<code>]` in `regions/<slug>.toml`):
//! whether the regulation contains it, the article it rests on, deadlines and required
//! documents per step, and which role a parameterized party is (who decides, who recommends).

use crate::compliance::Citation;
use crate::user::Role;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

crate::code_enum! {
    /// A party a pack names (see [`super::Party::Param`]).
    pub enum WorkflowParam {
        /// Who takes the decision (e.g. the Sekretaris Daerah or the head of region).
        Decider = "decider",
        /// Who recommends before the decision (e.g. the Dinas Kominfo).
        Recommender = "recommender",
        /// Who reviews a submission.
        Reviewer = "reviewer",
    }
}

/// One workflow in one region's pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowConfig {
    /// Off only when a pack says so explicitly; a workflow absent from the pack is off too
    /// ([`WorkflowConfig::disabled`]).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The article the process rests on in this region's regulation.
    pub citation: Option<Citation>,
    /// Deadline in working days per step code.
    #[serde(default)]
    pub deadlines: BTreeMap<String, u32>,
    /// Document types required per step code, beyond the definition's.
    #[serde(default)]
    pub documents: BTreeMap<String, Vec<String>>,
    /// The role each parameterized party is in this region.
    #[serde(default)]
    pub params: BTreeMap<String, Role>,
}

fn yes() -> bool {
    true
}

impl WorkflowConfig {
    /// A workflow the region's regulation does not contain.
    pub fn disabled() -> WorkflowConfig {
        WorkflowConfig {
            enabled: false,
            citation: None,
            deadlines: BTreeMap::new(),
            documents: BTreeMap::new(),
            params: BTreeMap::new(),
        }
    }

    /// Enabled with the definition's defaults (tests, and workflows every region has).
    pub fn enabled() -> WorkflowConfig {
        WorkflowConfig {
            enabled: true,
            ..WorkflowConfig::disabled()
        }
    }

    pub fn param_role(&self, p: WorkflowParam) -> Option<Role> {
        use super::Code;
        self.params.get(p.code()).copied()
    }

    pub fn deadline(&self, step: &str) -> Option<u32> {
        self.deadlines.get(step).copied()
    }

    pub fn documents(&self, step: &str) -> &[String] {
        self.documents.get(step).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Checks the pack's entries against the definition: every step code named exists and
    /// every parameter is a known one. The message names what is wrong.
    pub fn validate(&self, def: &super::Definition) -> Result<(), String> {
        use super::Code;
        for step in self.deadlines.keys().chain(self.documents.keys()) {
            if !def.steps.iter().any(|s| s.code == step) {
                return Err(format!("workflow {}: unknown step `{step}`", def.code));
            }
        }
        for p in self.params.keys() {
            if WorkflowParam::from_code(p).is_none() {
                return Err(format!("workflow {}: unknown parameter `{p}`", def.code));
            }
        }
        if self.enabled && self.citation.is_none() {
            return Err(format!("workflow {}: enabled without a citation", def.code));
        }
        Ok(())
    }
}
