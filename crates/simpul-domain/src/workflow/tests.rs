//! The kernel on a small workflow shaped like the regulated requests: a PD operator asks,
//! the Dinas recommends, the decider (a pack parameter) decides.

use super::*;
use crate::ids::{PdId, UserId};

crate::code_enum! {
    enum S { Diajukan = "diajukan", Direkomendasikan = "direkomendasikan", Disetujui = "disetujui", Ditolak = "ditolak" }
}
crate::code_enum! {
    enum T { Ajukan = "ajukan", Rekomendasikan = "rekomendasikan", Setujui = "setujui", Tolak = "tolak", Tarik = "tarik" }
}

struct Request;

const DECIDER: Party = Party::Param(WorkflowParam::Decider, Role::Koordinator);

impl Workflow for Request {
    type State = S;
    type Step = T;
    const CODE: &'static str = "request";
    const FINAL: &'static [S] = &[S::Disetujui, S::Ditolak];
    const STEPS: &'static [StepDef<S, T>] = &[
        StepDef {
            step: T::Ajukan,
            from: &[],
            to: S::Diajukan,
            by: &[Party::Role(Role::OperatorPd)],
            guard: Guard::fields(&["purpose"]),
            signed: false,
            deadline_days: None,
        },
        StepDef {
            step: T::Rekomendasikan,
            from: &[S::Diajukan],
            to: S::Direkomendasikan,
            by: &[Party::Role(Role::AdminKominfo)],
            guard: Guard::fields(&["reason"]),
            signed: false,
            deadline_days: Some(5),
        },
        StepDef {
            step: T::Setujui,
            from: &[S::Direkomendasikan],
            to: S::Disetujui,
            by: &[DECIDER],
            guard: Guard::NONE,
            signed: true,
            deadline_days: Some(10),
        },
        StepDef {
            step: T::Tolak,
            from: &[S::Direkomendasikan],
            to: S::Ditolak,
            by: &[DECIDER],
            guard: Guard::fields(&["reason"]),
            signed: true,
            deadline_days: Some(10),
        },
        StepDef {
            step: T::Tarik,
            from: &[S::Diajukan],
            to: S::Ditolak,
            by: &[Party::OwnPd(Role::OperatorPd), Party::Assignee],
            guard: Guard::NONE,
            signed: false,
            deadline_days: None,
        },
    ];
}

fn pd(n: u8) -> PdId {
    format!("0190b5a0-0000-7000-8000-0000000000{n:02}")
        .parse()
        .unwrap()
}

fn person(role: Role, pd_: Option<PdId>) -> Taker {
    Taker {
        user: Some(UserId::new()),
        role,
        pd: pd_,
        system: false,
    }
}

fn case(state: S) -> CaseHead<S> {
    CaseHead {
        state: Some(state),
        pd: Some(pd(1)),
        assignee: None,
    }
}

#[test]
fn the_definition_lists_every_state_and_step_by_code() {
    let d = Definition::of::<Request>();
    assert_eq!(
        d.states,
        ["diajukan", "direkomendasikan", "disetujui", "ditolak"]
    );
    assert_eq!(d.steps.len(), 5);
    assert_eq!(d.step("setujui").unwrap().from, ["direkomendasikan"]);
    assert!(d.step("ajukan").unwrap().from.is_empty());
}

#[test]
fn only_opening_steps_apply_before_a_case_exists() {
    let op = person(Role::OperatorPd, Some(pd(1)));
    let head = CaseHead::new_for(Some(pd(1)));
    let cfg = WorkflowConfig::enabled();
    assert_eq!(allowed_steps::<Request>(&head, &op, &cfg), [T::Ajukan]);
}

#[test]
fn the_operator_of_the_case_pd_may_withdraw_and_another_pd_may_not() {
    let cfg = WorkflowConfig::enabled();
    let own = person(Role::OperatorPd, Some(pd(1)));
    let other = person(Role::OperatorPd, Some(pd(2)));
    assert_eq!(
        allowed_steps::<Request>(&case(S::Diajukan), &own, &cfg),
        [T::Tarik]
    );
    assert!(allowed_steps::<Request>(&case(S::Diajukan), &other, &cfg).is_empty());
}

#[test]
fn the_pack_names_who_decides() {
    let sekda = person(Role::Koordinator, None);
    let head = person(Role::Pimpinan, None);
    let c = case(S::Direkomendasikan);
    let default = WorkflowConfig::enabled();
    assert_eq!(
        allowed_steps::<Request>(&c, &sekda, &default),
        [T::Setujui, T::Tolak]
    );
    assert!(allowed_steps::<Request>(&c, &head, &default).is_empty());
    let mut by_head = WorkflowConfig::enabled();
    by_head.params.insert("decider".into(), Role::Pimpinan);
    assert_eq!(
        allowed_steps::<Request>(&c, &head, &by_head),
        [T::Setujui, T::Tolak]
    );
    assert!(allowed_steps::<Request>(&c, &sekda, &by_head).is_empty());
}

#[test]
fn a_stranger_is_refused_before_the_state_is_considered() {
    let cfg = WorkflowConfig::enabled();
    let auditor = person(Role::Auditor, None);
    let admin = person(Role::AdminKominfo, None);
    let c = case(S::Disetujui);
    assert_eq!(
        check::<Request>(&c, &auditor, T::Rekomendasikan, &cfg).unwrap_err(),
        Refusal::NotPermitted
    );
    assert_eq!(
        check::<Request>(&c, &admin, T::Rekomendasikan, &cfg).unwrap_err(),
        Refusal::WrongState
    );
    assert!(check::<Request>(&case(S::Diajukan), &admin, T::Rekomendasikan, &cfg).is_ok());
}

#[test]
fn a_workflow_the_region_lacks_allows_nothing() {
    let admin = person(Role::AdminKominfo, None);
    let off = WorkflowConfig::disabled();
    assert!(allowed_steps::<Request>(&case(S::Diajukan), &admin, &off).is_empty());
    assert_eq!(
        check::<Request>(&case(S::Diajukan), &admin, T::Rekomendasikan, &off).unwrap_err(),
        Refusal::NotEnabled
    );
    assert!(task_states::<Request>(&admin, &off).is_empty());
}

#[test]
fn the_system_takes_no_persons_step_and_a_person_no_system_step() {
    let cfg = WorkflowConfig::enabled();
    let system = Taker {
        user: None,
        role: Role::AdminKominfo,
        pd: None,
        system: true,
    };
    assert!(allowed_steps::<Request>(&case(S::Diajukan), &system, &cfg).is_empty());
}

#[test]
fn tasks_are_the_states_a_role_can_move_split_by_scope() {
    let cfg = WorkflowConfig::enabled();
    let admin = person(Role::AdminKominfo, None);
    let op = person(Role::OperatorPd, Some(pd(1)));
    let t = task_states::<Request>(&admin, &cfg);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].states, [S::Diajukan]);
    assert!(!t[0].pd_scoped);
    let t = task_states::<Request>(&op, &cfg);
    assert_eq!(t[0].states, [S::Diajukan]);
    assert!(t[0].pd_scoped);
}

#[test]
fn the_pack_may_change_deadlines_and_add_documents() {
    let mut cfg = WorkflowConfig::enabled();
    assert_eq!(deadline_days::<Request>(T::Setujui, &cfg), Some(10));
    cfg.deadlines.insert("setujui".into(), 14);
    cfg.documents
        .insert("ajukan".into(), vec!["surat_pernyataan".into()]);
    assert_eq!(deadline_days::<Request>(T::Setujui, &cfg), Some(14));
    assert_eq!(
        required_documents::<Request>(T::Ajukan, &cfg),
        ["surat_pernyataan"]
    );
}

#[test]
fn a_pack_naming_an_unknown_step_or_no_citation_is_refused() {
    let def = Definition::of::<Request>();
    let mut cfg = WorkflowConfig::enabled();
    assert!(cfg.validate(&def).unwrap_err().contains("citation"));
    cfg.enabled = false;
    cfg.deadlines.insert("approve".into(), 3);
    assert!(cfg.validate(&def).unwrap_err().contains("approve"));
}

#[test]
fn codes_round_trip_through_serde() {
    assert_eq!(
        serde_json::to_string(&S::Direkomendasikan).unwrap(),
        "\"direkomendasikan\""
    );
    assert_eq!(S::from_code("ditolak"), Some(S::Ditolak));
    assert_eq!(S::from_code("x"), None);
}
