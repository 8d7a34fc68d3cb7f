//! The answer workflow of one SPBE evaluation indicator (PermenPANRB 5/2018, Pedoman Evaluasi
//! SPBE): the PD claims a level and submits it, the internal assessor team (Koordinator SPBE)
//! returns or accepts it, the evaluator (auditor) records the document assessment and the
//! interview, the PD may object (sanggah), and the evaluator sets the final, signed level.
//!
//! States. `draf`, `diajukan`, `dikembalikan` and `diterima` are the review statuses the answer
//! always had; `divalidasi` is the final state (before the kernel: "diterima with a validated
//! level"). An answer that does not exist yet is a case in `draf`.
//!
//! Assess and sanggah are self-loops in `diterima`, not states of their own (`dinilai`,
//! `disanggah`): the evaluator may record and correct the document assessment any number of
//! times, before and after an objection, and the PD may file or rewrite its objection at any
//! time before the final level; neither step closes anything the other opens, so distinct
//! states would only duplicate `diterima` with the same steps leaving it. What they do need
//! (sanggah and validate: a document assessment recorded) is a fact of the answer, checked by
//! the handler with its own error code, like the claim that submit needs.

use crate::user::Role;
use crate::workflow::{Guard, Party, StepDef, Workflow};

crate::code_enum! {
    /// Where an indicator's answer is.
    pub enum AnswerState {
        /// The PD is preparing its claim (also: no answer yet).
        Draf = "draf",
        /// Submitted to the internal assessor team.
        Diajukan = "diajukan",
        /// Sent back to the PD with a note.
        Dikembalikan = "dikembalikan",
        /// Accepted for validation: document assessment, interview, objection.
        Diterima = "diterima",
        /// The final level is set and signed; nothing changes afterwards.
        Divalidasi = "divalidasi",
    }
}

/// A new answer is a draft.
impl Default for AnswerState {
    fn default() -> Self {
        AnswerState::Draf
    }
}

crate::code_enum! {
    /// A step of the answer workflow.
    pub enum AnswerStep {
        Claim = "claim",
        Submit = "submit",
        Return = "return",
        Accept = "accept",
        Assess = "assess",
        Sanggah = "sanggah",
        Validate = "validate",
    }
}

/// The answer workflow (code `evaluation_answer`). The case's PD is the PD the indicator is
/// assigned to.
pub struct EvaluationAnswer;

use AnswerState as S;
use AnswerStep as T;

const OWN_OPERATOR: &[Party] = &[Party::OwnPd(Role::OperatorPd)];
const ASSESSOR: &[Party] = &[Party::Role(Role::Koordinator)];
const EVALUATOR: &[Party] = &[Party::Role(Role::Auditor)];

const fn step(
    step: T,
    from: &'static [S],
    to: S,
    by: &'static [Party],
    guard: Guard,
    signed: bool,
) -> StepDef<S, T> {
    StepDef {
        step,
        from,
        to,
        by,
        guard,
        signed,
        deadline_days: None,
    }
}

impl Workflow for EvaluationAnswer {
    type State = AnswerState;
    type Step = AnswerStep;
    const CODE: &'static str = "evaluation_answer";
    const FINAL: &'static [S] = &[S::Divalidasi];
    const STEPS: &'static [StepDef<S, T>] = &[
        step(
            T::Claim,
            &[S::Draf, S::Dikembalikan],
            S::Draf,
            OWN_OPERATOR,
            Guard::NONE,
            false,
        ),
        step(
            T::Submit,
            &[S::Draf, S::Dikembalikan],
            S::Diajukan,
            OWN_OPERATOR,
            Guard::NONE,
            false,
        ),
        step(
            T::Return,
            &[S::Diajukan],
            S::Dikembalikan,
            ASSESSOR,
            Guard::fields(&["note"]),
            false,
        ),
        step(
            T::Accept,
            &[S::Diajukan],
            S::Diterima,
            ASSESSOR,
            Guard::NONE,
            false,
        ),
        step(
            T::Assess,
            &[S::Diterima],
            S::Diterima,
            EVALUATOR,
            Guard::NONE,
            false,
        ),
        step(
            T::Sanggah,
            &[S::Diterima],
            S::Diterima,
            OWN_OPERATOR,
            Guard::NONE,
            false,
        ),
        step(
            T::Validate,
            &[S::Diterima],
            S::Divalidasi,
            EVALUATOR,
            Guard::NONE,
            true,
        ),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::PdId;
    use crate::workflow::{
        allowed_steps, check, CaseHead, Definition, Refusal, Taker, WorkflowConfig,
    };

    fn taker(role: Role, pd: Option<PdId>) -> Taker {
        Taker {
            user: None,
            role,
            pd,
            system: false,
        }
    }

    fn case(state: S, pd: Option<PdId>) -> CaseHead<S> {
        CaseHead {
            state: Some(state),
            pd,
            assignee: None,
        }
    }

    #[test]
    fn the_definition_is_well_formed_and_validate_is_final_and_signed() {
        let d = Definition::of::<EvaluationAnswer>();
        assert_eq!(d.code, "evaluation_answer");
        assert_eq!(d.final_states, ["divalidasi"]);
        let v = d.step("validate").unwrap();
        assert!(v.signed);
        assert_eq!((v.from.as_slice(), v.to), (&["diterima"][..], "divalidasi"));
        assert_eq!(d.step("return").unwrap().guard.fields, ["note"]);
        for loop_step in ["assess", "sanggah"] {
            let s = d.step(loop_step).unwrap();
            assert_eq!((s.from.as_slice(), s.to), (&["diterima"][..], "diterima"));
        }
        assert!(
            d.steps.iter().all(|s| !s.from.is_empty()),
            "no opening step"
        );
    }

    #[test]
    fn only_the_operator_of_the_assigned_pd_claims_and_objects() {
        let cfg = WorkflowConfig::enabled();
        let pd = PdId::new();
        let own = taker(Role::OperatorPd, Some(pd));
        let other = taker(Role::OperatorPd, Some(PdId::new()));
        assert_eq!(
            allowed_steps::<EvaluationAnswer>(&case(S::Draf, Some(pd)), &own, &cfg),
            [T::Claim, T::Submit]
        );
        assert_eq!(
            check::<EvaluationAnswer>(&case(S::Draf, Some(pd)), &other, T::Claim, &cfg).err(),
            Some(Refusal::NotPermitted)
        );
        assert_eq!(
            check::<EvaluationAnswer>(&case(S::Draf, None), &own, T::Claim, &cfg).err(),
            Some(Refusal::NotPermitted),
            "an unassigned indicator has no operator"
        );
        assert_eq!(
            allowed_steps::<EvaluationAnswer>(&case(S::Diterima, Some(pd)), &own, &cfg),
            [T::Sanggah]
        );
    }

    #[test]
    fn the_assessor_reviews_submissions_and_the_evaluator_validates_accepted_answers() {
        let cfg = WorkflowConfig::enabled();
        let pd = Some(PdId::new());
        let kor = taker(Role::Koordinator, None);
        let aud = taker(Role::Auditor, None);
        assert_eq!(
            allowed_steps::<EvaluationAnswer>(&case(S::Diajukan, pd), &kor, &cfg),
            [T::Return, T::Accept]
        );
        assert_eq!(
            check::<EvaluationAnswer>(&case(S::Draf, pd), &kor, T::Accept, &cfg).err(),
            Some(Refusal::WrongState)
        );
        assert_eq!(
            allowed_steps::<EvaluationAnswer>(&case(S::Diterima, pd), &aud, &cfg),
            [T::Assess, T::Validate]
        );
        for role in Role::ALL {
            let t = taker(role, pd);
            assert!(
                allowed_steps::<EvaluationAnswer>(&case(S::Divalidasi, pd), &t, &cfg).is_empty(),
                "{role:?}: nothing after the final level"
            );
        }
    }
}
