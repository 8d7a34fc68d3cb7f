//! A compliance finding as a workflow (issue 10): the engine opens it when a check fails,
//! resolves it when the data complies and reopens it when the check fails again; people
//! acknowledge it (the PD says how it follows up), except it with a reason, or lift an
//! exception. The engine's steps are [`Party::System`]'s only.

use crate::user::Role;
use crate::workflow::{Guard, Party, StepDef, Workflow};

crate::code_enum! {
    /// Where a finding stands; the codes are stored and on the wire.
    pub enum FindingStatus {
        /// A check fails and nobody has answered yet.
        Terbuka = "terbuka",
        /// The PD (or the Dinas) acknowledged it and said how it follows up.
        Diakui = "diakui",
        /// The data complies now, or the rule no longer applies.
        Diselesaikan = "diselesaikan",
        /// Excepted with a reason by the Dinas or the Koordinator.
        Dikecualikan = "dikecualikan",
    }
}

impl FindingStatus {
    /// Terbuka or diakui: still asking for follow-up.
    pub fn is_active(self) -> bool {
        matches!(self, FindingStatus::Terbuka | FindingStatus::Diakui)
    }
}

crate::code_enum! {
    /// The steps of a finding.
    pub enum FindingStep {
        Open = "open",
        Acknowledge = "acknowledge",
        Except = "except",
        Lift = "lift",
        Resolve = "resolve",
        Reopen = "reopen",
    }
}

/// The finding workflow, code `finding`.
pub struct FindingWorkflow;

use FindingStatus as S;
use FindingStep as T;

const DINAS_OR_SEKDA: &[Party] = &[
    Party::Role(Role::AdminKominfo),
    Party::Role(Role::Koordinator),
];

impl Workflow for FindingWorkflow {
    type State = FindingStatus;
    type Step = FindingStep;
    const CODE: &'static str = "finding";
    // A resolved finding reopens when its check fails again: no state is final.
    const FINAL: &'static [S] = &[];
    const STEPS: &'static [StepDef<S, T>] = &[
        StepDef {
            step: T::Open,
            from: &[],
            to: S::Terbuka,
            by: &[Party::System],
            guard: Guard::NONE,
            signed: false,
            deadline_days: None,
        },
        StepDef {
            step: T::Acknowledge,
            from: &[S::Terbuka],
            to: S::Diakui,
            by: &[
                Party::OwnPd(Role::OperatorPd),
                Party::Role(Role::AdminKominfo),
            ],
            guard: Guard::NONE,
            signed: false,
            deadline_days: None,
        },
        StepDef {
            step: T::Except,
            from: &[S::Terbuka, S::Diakui],
            to: S::Dikecualikan,
            by: DINAS_OR_SEKDA,
            guard: Guard::fields(&["reason"]),
            signed: false,
            deadline_days: None,
        },
        StepDef {
            step: T::Lift,
            from: &[S::Dikecualikan],
            to: S::Terbuka,
            by: DINAS_OR_SEKDA,
            guard: Guard::NONE,
            signed: false,
            deadline_days: None,
        },
        // The engine closes every finding whose check passes, an excepted one too.
        StepDef {
            step: T::Resolve,
            from: &[S::Terbuka, S::Diakui, S::Dikecualikan],
            to: S::Diselesaikan,
            by: &[Party::System],
            guard: Guard::NONE,
            signed: false,
            deadline_days: None,
        },
        StepDef {
            step: T::Reopen,
            from: &[S::Diselesaikan],
            to: S::Terbuka,
            by: &[Party::System],
            guard: Guard::NONE,
            signed: false,
            deadline_days: None,
        },
    ];
}

/// The step the engine takes to move a finding from `from` (`None`: not recorded yet) to
/// `to`, when the definition has one for [`Party::System`].
pub fn system_step(from: Option<FindingStatus>, to: FindingStatus) -> Option<FindingStep> {
    FindingWorkflow::STEPS
        .iter()
        .find(|d| {
            d.to == to
                && d.by.contains(&Party::System)
                && match from {
                    None => d.from.is_empty(),
                    Some(s) => d.from.contains(&s),
                }
        })
        .map(|d| d.step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::PdId;
    use crate::workflow::{allowed_steps, CaseHead, Definition, Taker, WorkflowConfig};

    #[test]
    fn the_finding_definition_is_sound() {
        let d = Definition::of::<FindingWorkflow>();
        assert_eq!(d.code, "finding");
        assert_eq!(
            d.states,
            ["terbuka", "diakui", "diselesaikan", "dikecualikan"]
        );
        assert_eq!(d.step("except").unwrap().guard.fields, ["reason"]);
    }

    #[test]
    fn the_engine_may_resolve_an_excepted_finding_but_not_acknowledge_one() {
        use FindingStatus::*;
        assert_eq!(system_step(None, Terbuka), Some(FindingStep::Open));
        assert_eq!(
            system_step(Some(Dikecualikan), Diselesaikan),
            Some(FindingStep::Resolve)
        );
        assert_eq!(
            system_step(Some(Diselesaikan), Terbuka),
            Some(FindingStep::Reopen)
        );
        assert_eq!(system_step(Some(Terbuka), Diakui), None);
        assert_eq!(system_step(Some(Dikecualikan), Terbuka), None);
    }

    #[test]
    fn only_the_operator_of_the_findings_pd_acknowledges_among_operators() {
        let (pd, other) = (PdId::new(), PdId::new());
        let case = CaseHead {
            state: Some(FindingStatus::Terbuka),
            pd: Some(pd),
            assignee: None,
        };
        let op = |p| Taker {
            user: None,
            role: Role::OperatorPd,
            pd: Some(p),
            system: false,
        };
        let cfg = WorkflowConfig::enabled();
        assert_eq!(
            allowed_steps::<FindingWorkflow>(&case, &op(pd), &cfg),
            [FindingStep::Acknowledge]
        );
        assert!(allowed_steps::<FindingWorkflow>(&case, &op(other), &cfg).is_empty());
    }
}
