//! The workflow kernel (pure): every regulated process is a [`Workflow`], a Rust type with a
//! state enum, a step enum and one [`StepDef`] per step saying from which states it leaves, to
//! which state it goes, who may take it ([`Party`]), what it needs ([`Guard`]), whether its
//! decision is signed and its deadline in working days. [`allowed_steps`] is the one source of
//! truth: the service layer authorizes with it ([`check`]), pages render buttons from it, the
//! task lists are computed from it ([`task_states`]) and the authorization matrix enumerates
//! it ([`Definition`]). Region packs parameterize workflows ([`WorkflowConfig`]).

mod config;
mod define;
mod registry;
#[cfg(test)]
mod tests;

pub use config::{WorkflowConfig, WorkflowParam};
pub use define::{Definition, StepInfo};
pub use registry::{definition, definitions};

use crate::ids::{PdId, UserId};
use crate::user::Role;
use std::fmt::Debug;

/// A closed list with stable text codes: the states and steps of a workflow.
pub trait Code: Copy + Eq + Debug + Send + Sync + 'static {
    /// Every value, in the order the workflow presents them.
    const ALL: &'static [Self];
    /// The stable code, stored and on the wire.
    fn code(self) -> &'static str;
    fn from_code(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == s)
    }
}

/// Defines an enum whose variants carry stable text codes, with [`Code`] and serde by code:
/// `code_enum! { pub enum FindingState { Terbuka = "terbuka", Diakui = "diakui" } }`.
#[macro_export]
macro_rules! code_enum {
    ($(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $var:ident = $code:tt),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        $vis enum $name { $($(#[$vm])* #[serde(rename = $code)] $var),+ }
        impl $crate::workflow::Code for $name {
            const ALL: &'static [Self] = &[$($name::$var),+];
            fn code(self) -> &'static str { match self { $($name::$var => $code),+ } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::workflow::Code::code(*self))
            }
        }
    };
}

/// Who may take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// Any person with this role in the region.
    Role(Role),
    /// A person with this role bound to the case's PD.
    OwnPd(Role),
    /// The person the case is assigned to.
    Assignee,
    /// The role a pack parameter names (e.g. `decider`), see [`WorkflowConfig::param_role`];
    /// the default when the pack names none.
    Param(WorkflowParam, Role),
    /// The platform itself (the compliance engine, a scheduled job); never a person.
    System,
}

/// What a step needs before it may be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Guard {
    /// Input fields that must be present and non-empty (e.g. `reason`).
    pub fields: &'static [&'static str],
    /// Document types that must be attached; the pack may require more.
    pub documents: &'static [&'static str],
}

impl Guard {
    pub const NONE: Guard = Guard {
        fields: &[],
        documents: &[],
    };
    pub const fn fields(fields: &'static [&'static str]) -> Guard {
        Guard {
            fields,
            documents: &[],
        }
    }
}

/// One step of a workflow.
#[derive(Debug, Clone, Copy)]
pub struct StepDef<S: 'static, T> {
    pub step: T,
    /// The states it leaves from; empty for a step that opens a new case.
    pub from: &'static [S],
    pub to: S,
    /// Who may take it: any one of these.
    pub by: &'static [Party],
    pub guard: Guard,
    /// Whether the platform signs the decision this step records.
    pub signed: bool,
    /// The default deadline in working days from the moment the case entered a from-state;
    /// the pack may change it.
    pub deadline_days: Option<u32>,
}

/// A workflow definition: its code, its states and steps.
pub trait Workflow: Send + Sync + 'static {
    type State: Code;
    type Step: Code;
    /// The stable code, as in `/api/v1/cases/{workflow}` and in region packs.
    const CODE: &'static str;
    /// Every step, in the order buttons are shown.
    const STEPS: &'static [StepDef<Self::State, Self::Step>];
    /// States in which the case is finished (no step leads out of them).
    const FINAL: &'static [Self::State];

    fn def(step: Self::Step) -> &'static StepDef<Self::State, Self::Step> {
        Self::STEPS
            .iter()
            .find(|d| d.step == step)
            .expect("every step has a definition (checked by Definition::of)")
    }
}

/// The person (or the platform) taking a step, as the kernel sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taker {
    pub user: Option<UserId>,
    pub role: Role,
    pub pd: Option<PdId>,
    pub system: bool,
}

/// What the kernel needs to know of a case to decide who may do what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseHead<S> {
    /// `None` before the case exists (only opening steps apply).
    pub state: Option<S>,
    pub pd: Option<PdId>,
    pub assignee: Option<UserId>,
}

impl<S> CaseHead<S> {
    /// A case not opened yet, for a PD (or none).
    pub fn new_for(pd: Option<PdId>) -> CaseHead<S> {
        CaseHead {
            state: None,
            pd,
            assignee: None,
        }
    }
}

/// Whether `who` is one of `party` for `case`.
pub fn is_party<S>(party: Party, case: &CaseHead<S>, who: &Taker, cfg: &WorkflowConfig) -> bool {
    match party {
        Party::System => who.system,
        _ if who.system => false,
        Party::Role(r) => who.role == r,
        Party::OwnPd(r) => who.role == r && who.pd.is_some() && who.pd == case.pd,
        Party::Assignee => who.user.is_some() && who.user == case.assignee,
        Party::Param(p, default) => who.role == cfg.param_role(p).unwrap_or(default),
    }
}

fn leaves_from<S: Code, T>(d: &StepDef<S, T>, state: Option<S>) -> bool {
    match state {
        None => d.from.is_empty(),
        Some(s) => d.from.contains(&s),
    }
}

fn may_take<S: Code, T>(
    d: &StepDef<S, T>,
    case: &CaseHead<S>,
    who: &Taker,
    cfg: &WorkflowConfig,
) -> bool {
    d.by.iter().any(|p| is_party(*p, case, who, cfg))
}

/// The steps `who` may take on `case` now: the single source of truth for authorization,
/// buttons and tasks. Nothing when the workflow is not enabled in the region.
pub fn allowed_steps<W: Workflow>(
    case: &CaseHead<W::State>,
    who: &Taker,
    cfg: &WorkflowConfig,
) -> Vec<W::Step> {
    if !cfg.enabled {
        return Vec::new();
    }
    W::STEPS
        .iter()
        .filter(|d| leaves_from(d, case.state) && may_take(d, case, who, cfg))
        .map(|d| d.step)
        .collect()
}

/// Why a step may not be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The region's regulation has no such process.
    #[error("workflow not enabled in this region")]
    NotEnabled,
    /// The caller may never take this step on this case (403).
    #[error("not permitted")]
    NotPermitted,
    /// The step does not leave from the case's current state (409).
    #[error("step not allowed from the current state")]
    WrongState,
}

/// Authorizes one step: the caller must be one of its parties (else [`Refusal::NotPermitted`],
/// checked first so a stranger learns nothing of the state) and the case must be in one of its
/// from-states (else [`Refusal::WrongState`]).
pub fn check<W: Workflow>(
    case: &CaseHead<W::State>,
    who: &Taker,
    step: W::Step,
    cfg: &WorkflowConfig,
) -> Result<&'static StepDef<W::State, W::Step>, Refusal> {
    if !cfg.enabled {
        return Err(Refusal::NotEnabled);
    }
    let d = W::def(step);
    if !may_take(d, case, who, cfg) {
        return Err(Refusal::NotPermitted);
    }
    if !leaves_from(d, case.state) {
        return Err(Refusal::WrongState);
    }
    Ok(d)
}

/// The deadline of a step in working days: the pack's, else the definition's.
pub fn deadline_days<W: Workflow>(step: W::Step, cfg: &WorkflowConfig) -> Option<u32> {
    cfg.deadline(step.code()).or(W::def(step).deadline_days)
}

/// The documents a step requires: the definition's plus the pack's.
pub fn required_documents<W: Workflow>(step: W::Step, cfg: &WorkflowConfig) -> Vec<String> {
    let mut out: Vec<String> = W::def(step)
        .guard
        .documents
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for d in cfg.documents(step.code()) {
        if !out.contains(d) {
            out.push(d.clone());
        }
    }
    out
}

/// A group of people who have something to do on cases in some states: the basis of task
/// lists. `pd_scoped` means only cases of the person's own PD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskScope<S> {
    pub states: Vec<S>,
    pub pd_scoped: bool,
    /// Cases assigned to the person (their user id) only.
    pub assigned: bool,
}

/// In which states cases wait for `who` (a person): the states from which `who`'s role may
/// take some step other than opening one, split by whether the step needs their own PD or
/// their assignment. Empty when the workflow is not enabled.
pub fn task_states<W: Workflow>(who: &Taker, cfg: &WorkflowConfig) -> Vec<TaskScope<W::State>> {
    let mut any = TaskScope {
        states: Vec::new(),
        pd_scoped: false,
        assigned: false,
    };
    let mut own = TaskScope {
        states: Vec::new(),
        pd_scoped: true,
        assigned: false,
    };
    let mut mine = TaskScope {
        states: Vec::new(),
        pd_scoped: false,
        assigned: true,
    };
    if !cfg.enabled || who.system {
        return Vec::new();
    }
    for d in W::STEPS.iter().filter(|d| !d.from.is_empty()) {
        for p in d.by {
            let target = match *p {
                Party::Role(r) if r == who.role => &mut any,
                Party::Param(param, default)
                    if cfg.param_role(param).unwrap_or(default) == who.role =>
                {
                    &mut any
                }
                Party::OwnPd(r) if r == who.role && who.pd.is_some() => &mut own,
                Party::Assignee if who.user.is_some() => &mut mine,
                _ => continue,
            };
            for s in d.from {
                if !target.states.contains(s) {
                    target.states.push(*s);
                }
            }
        }
    }
    // A state already open to the whole role needs no narrower scope.
    own.states.retain(|s| !any.states.contains(s));
    mine.states.retain(|s| !any.states.contains(s));
    [any, own, mine]
        .into_iter()
        .filter(|t| !t.states.is_empty())
        .collect()
}
