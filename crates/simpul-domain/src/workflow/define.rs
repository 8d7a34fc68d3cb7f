//! A workflow's definition with its types erased: what the generic case API, the task list,
//! the pack loader and the authorization matrix read.

use super::{Code, Guard, Party, StepDef, Workflow};

/// One step, by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepInfo {
    pub code: &'static str,
    /// Empty: the step opens a case.
    pub from: Vec<&'static str>,
    pub to: &'static str,
    pub by: &'static [Party],
    pub guard: Guard,
    pub signed: bool,
    pub deadline_days: Option<u32>,
}

/// A workflow by code: states and steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub code: &'static str,
    pub states: Vec<&'static str>,
    pub final_states: Vec<&'static str>,
    pub steps: Vec<StepInfo>,
}

fn info<S: Code, T: Code>(d: &StepDef<S, T>) -> StepInfo {
    StepInfo {
        code: d.step.code(),
        from: d.from.iter().map(|s| s.code()).collect(),
        to: d.to.code(),
        by: d.by,
        guard: d.guard,
        signed: d.signed,
        deadline_days: d.deadline_days,
    }
}

impl Definition {
    /// The definition of `W`, checked: every step defined exactly once, no step leaving a
    /// final state, every step taken by someone. Panics on a broken definition, which the
    /// workflow's own unit test (`Definition::of::<W>()`) catches before anything ships.
    pub fn of<W: Workflow>() -> Definition {
        for step in W::Step::ALL {
            let n = W::STEPS.iter().filter(|d| d.step == *step).count();
            assert_eq!(n, 1, "{}: step {} defined {n} times", W::CODE, step.code());
        }
        for d in W::STEPS {
            assert!(
                !d.by.is_empty(),
                "{}: step {} has no party",
                W::CODE,
                d.step.code()
            );
            for s in d.from {
                assert!(
                    !W::FINAL.contains(s),
                    "{}: step {} leaves final state {}",
                    W::CODE,
                    d.step.code(),
                    s.code()
                );
            }
        }
        Definition {
            code: W::CODE,
            states: W::State::ALL.iter().map(|s| s.code()).collect(),
            final_states: W::FINAL.iter().map(|s| s.code()).collect(),
            steps: W::STEPS.iter().map(info).collect(),
        }
    }

    pub fn step(&self, code: &str) -> Option<&StepInfo> {
        self.steps.iter().find(|s| s.code == code)
    }
}
