//! A small workflow for the kernel's own tests (app, web, CLI): a PD operator submits
//! (`ajukan`), the Dinas Kominfo reviews with a reason (`tinjau`, 5 working days), the decider
//! (pack parameter, default pimpinan) approves with a signature (`setujui`, 10 working days),
//! and the operator of the case's PD may withdraw a submission (`tarik`). It is never in
//! [`super::registry::standard`]; a test registers it with
//! `app.register_workflow(simpul_app::kernel::testing::trial())`. It runs in every region
//! (no pack lists it), with the definition's defaults.

use super::cases::{JsonCases, JsonRules};
use super::registry::{flow, CaseFlow};
use crate::{App, Result};
use simpul_domain::ids::RegionId;
use simpul_domain::user::Role;
use simpul_domain::workflow::{Guard, Party, StepDef, Workflow, WorkflowConfig, WorkflowParam};
use simpul_store::Conn;
use std::sync::Arc;

simpul_domain::code_enum! {
    /// The states of the trial workflow.
    pub enum TrialState { Diajukan = "diajukan", Ditinjau = "ditinjau", Disetujui = "disetujui", Ditarik = "ditarik" }
}
simpul_domain::code_enum! {
    /// The steps of the trial workflow.
    pub enum TrialStep { Ajukan = "ajukan", Tinjau = "tinjau", Setujui = "setujui", Tarik = "tarik" }
}

/// The trial workflow (code `trial`).
#[derive(Debug)]
pub struct Trial;

impl Workflow for Trial {
    type State = TrialState;
    type Step = TrialStep;
    const CODE: &'static str = "trial";
    const FINAL: &'static [TrialState] = &[TrialState::Disetujui, TrialState::Ditarik];
    const STEPS: &'static [StepDef<TrialState, TrialStep>] = &[
        StepDef {
            step: TrialStep::Ajukan,
            from: &[],
            to: TrialState::Diajukan,
            by: &[Party::Role(Role::OperatorPd)],
            guard: Guard::fields(&["title"]),
            signed: false,
            deadline_days: None,
        },
        StepDef {
            step: TrialStep::Tinjau,
            from: &[TrialState::Diajukan],
            to: TrialState::Ditinjau,
            by: &[Party::Role(Role::AdminKominfo)],
            guard: Guard::fields(&["reason"]),
            signed: false,
            deadline_days: Some(5),
        },
        StepDef {
            step: TrialStep::Setujui,
            from: &[TrialState::Ditinjau],
            to: TrialState::Disetujui,
            by: &[Party::Param(WorkflowParam::Decider, Role::Pimpinan)],
            guard: Guard::NONE,
            signed: true,
            deadline_days: Some(10),
        },
        StepDef {
            step: TrialStep::Tarik,
            from: &[TrialState::Diajukan],
            to: TrialState::Ditarik,
            by: &[Party::OwnPd(Role::OperatorPd)],
            guard: Guard::NONE,
            signed: false,
            deadline_days: None,
        },
    ];
}

/// The trial workflow's rules: the defaults of a JSON case, enabled everywhere.
pub struct TrialRules;

impl JsonRules<Trial> for TrialRules {
    const ENTITY: &'static str = "trial";
    const LABEL: &'static str = "Uji coba";

    async fn config(
        &self,
        _app: &App,
        _conn: &mut Conn,
        _region: &RegionId,
    ) -> Result<WorkflowConfig> {
        Ok(WorkflowConfig::enabled())
    }
}

/// The handler of the trial workflow.
pub fn handler() -> JsonCases<Trial, TrialRules> {
    JsonCases::new(TrialRules)
}

/// The trial workflow, for [`App::register_workflow`].
pub fn trial() -> Arc<dyn CaseFlow> {
    flow::<Trial, _>(handler())
}
