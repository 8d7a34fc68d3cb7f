//! The sanction lifecycle as a workflow of the kernel (SAN-1): the Dinas Kominfo proposes,
//! the head of region (the pack's `decider`) imposes or refuses, and the refusal needs a note.
//! Both decisions are signed. Regions whose regulation has no sanction article leave
//! `[workflows.sanction]` out of their pack, so nothing can be proposed there.

use super::SanctionStatus;
use crate::user::Role;
use crate::workflow::{Code, Guard, Party, StepDef, Workflow, WorkflowParam};

impl Code for SanctionStatus {
    const ALL: &'static [Self] = &SanctionStatus::ALL;
    fn code(self) -> &'static str {
        SanctionStatus::code(self)
    }
}

crate::code_enum! {
    /// A step of the sanction workflow.
    pub enum SanctionStep {
        /// The Dinas Kominfo proposes a sanction against a PD for some of its findings.
        Propose = "propose",
        /// The head of region imposes it (`ditetapkan`).
        Approve = "approve",
        /// The head of region refuses it (`ditolak`), with a note.
        Reject = "reject",
    }
}

/// The head of region, unless the pack names another decider.
const DECIDER: Party = Party::Param(WorkflowParam::Decider, Role::Pimpinan);

/// Administrative sanctions: `diusulkan → ditetapkan | ditolak`.
pub struct SanctionWorkflow;

impl Workflow for SanctionWorkflow {
    type State = SanctionStatus;
    type Step = SanctionStep;
    const CODE: &'static str = "sanction";
    const FINAL: &'static [SanctionStatus] = &[SanctionStatus::Ditetapkan, SanctionStatus::Ditolak];
    const STEPS: &'static [StepDef<SanctionStatus, SanctionStep>] = &[
        StepDef {
            step: SanctionStep::Propose,
            from: &[],
            to: SanctionStatus::Diusulkan,
            by: &[Party::Role(Role::AdminKominfo)],
            guard: Guard::NONE,
            signed: false,
            deadline_days: None,
        },
        StepDef {
            step: SanctionStep::Approve,
            from: &[SanctionStatus::Diusulkan],
            to: SanctionStatus::Ditetapkan,
            by: &[DECIDER],
            guard: Guard::NONE,
            signed: true,
            deadline_days: None,
        },
        StepDef {
            step: SanctionStep::Reject,
            from: &[SanctionStatus::Diusulkan],
            to: SanctionStatus::Ditolak,
            by: &[DECIDER],
            guard: Guard::fields(&["note"]),
            signed: true,
            deadline_days: None,
        },
    ];
}

impl SanctionStep {
    /// The decision step of a verdict.
    pub fn of(v: super::Verdict) -> SanctionStep {
        match v {
            super::Verdict::Ditetapkan => SanctionStep::Approve,
            super::Verdict::Ditolak => SanctionStep::Reject,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::{allowed_steps, CaseHead, Definition, Taker, WorkflowConfig};

    fn who(role: Role) -> Taker {
        Taker {
            user: Some(crate::ids::UserId::new()),
            role,
            pd: None,
            system: false,
        }
    }

    #[test]
    fn the_definition_is_well_formed() {
        let d = Definition::of::<SanctionWorkflow>();
        assert_eq!(d.code, "sanction");
        assert_eq!(d.states, ["diusulkan", "ditetapkan", "ditolak"]);
        assert_eq!(d.final_states, ["ditetapkan", "ditolak"]);
        let reject = d.step("reject").unwrap();
        assert!(reject.signed && reject.guard.fields == ["note"]);
        assert!(d.step("propose").unwrap().from.is_empty());
    }

    #[test]
    fn the_admin_proposes_and_only_the_head_of_region_decides_a_pending_sanction() {
        let cfg = WorkflowConfig::enabled();
        let new = CaseHead::new_for(None);
        assert_eq!(
            allowed_steps::<SanctionWorkflow>(&new, &who(Role::AdminKominfo), &cfg),
            [SanctionStep::Propose]
        );
        let pending = CaseHead {
            state: Some(SanctionStatus::Diusulkan),
            pd: None,
            assignee: None,
        };
        assert_eq!(
            allowed_steps::<SanctionWorkflow>(&pending, &who(Role::Pimpinan), &cfg),
            [SanctionStep::Approve, SanctionStep::Reject]
        );
        assert!(
            allowed_steps::<SanctionWorkflow>(&pending, &who(Role::AdminKominfo), &cfg).is_empty()
        );
        let decided = CaseHead {
            state: Some(SanctionStatus::Ditetapkan),
            ..pending
        };
        assert!(allowed_steps::<SanctionWorkflow>(&decided, &who(Role::Pimpinan), &cfg).is_empty());
        let system = Taker {
            system: true,
            ..who(Role::AdminKominfo)
        };
        assert!(allowed_steps::<SanctionWorkflow>(&new, &system, &cfg).is_empty());
    }

    #[test]
    fn the_workflow_is_enabled_exactly_where_the_regulation_has_a_sanction_article() {
        for pack in crate::region::builtin_packs().unwrap() {
            let slug = pack.region.slug.as_str().to_owned();
            let cfg = pack.workflow(SanctionWorkflow::CODE);
            let article = super::super::article_for(&slug);
            assert_eq!(cfg.enabled, article.is_some(), "{slug}");
            if let (Some(a), Some(c)) = (article, &cfg.citation) {
                assert_eq!(c.instrument, a.instrument, "{slug}");
                assert_eq!(c.pasal, a.pasal, "{slug}");
                assert_eq!(cfg.param_role(WorkflowParam::Decider), Some(Role::Pimpinan));
            }
        }
    }
}
