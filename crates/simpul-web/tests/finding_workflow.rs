//! Workflow `finding` over HTTP on every backend, step by step and role by role as
//! tests/workflow_matrix/finding.toml says: a denied role gets 403 (an operator of another PD
//! acknowledging too), a step from the wrong state 409 (acknowledging an excepted finding),
//! a missing guard field 422 (excepting without a reason); the engine's steps are nobody's.

mod common;

use common::findings::open_finding;
use common::workflow::{self, user_of};
use common::Server;
use reqwest::StatusCode;
use serde_json::{json, Value};
use simpul_app::compliance::finding_steps::FindingHandler;
use simpul_app::kernel::StepInput;
use simpul_app::AppError;
use simpul_domain::compliance::{FindingStatus, FindingStep, FindingWorkflow};
use simpul_domain::workflow::{Code, Definition};
use simpul_store::findings;
use std::collections::BTreeMap;

/// The API call of a person's step, with a valid body.
fn call_of(step: &str) -> (&'static str, Value) {
    match step {
        "acknowledge" => ("acknowledge", json!({"note": "Diperbaiki bulan depan"})),
        "except" => ("except", json!({"note": "Aplikasi pusat"})),
        "lift" => ("lift", json!({})),
        other => panic!("no API for step {other}"),
    }
}

/// An open finding of DINKES, as the engine would record it.
async fn finding(s: &Server) -> String {
    let pd = s.pd_id("DINKES").await;
    open_finding(&pd)
        .subject("e-Klinik")
        .detail(r#"{"key":"app2","args":{}}"#)
        .at("2026-01-01T00:00:00Z")
        .insert(s)
        .await
}

/// Puts the finding in `status` directly (the state a step leaves from).
async fn set_status(s: &Server, id: &str, status: FindingStatus) {
    let mut tx = s.app.store.begin().await.unwrap();
    findings::decide(&mut tx, id, status, None, None, "2026-01-02T00:00:00Z")
        .await
        .unwrap();
    simpul_store::commit(tx).await.unwrap();
}

fn matrix() -> BTreeMap<String, BTreeMap<String, String>> {
    workflow::matrix("finding.toml")
}

#[test]
fn the_matrix_covers_every_step_of_the_definition_with_all_six_roles() {
    let def = Definition::of::<FindingWorkflow>();
    let m = matrix();
    let steps: Vec<&str> = def.steps.iter().map(|s| s.code).collect();
    assert_eq!(
        m.keys().map(String::as_str).collect::<Vec<_>>().len(),
        steps.len()
    );
    for step in &def.steps {
        let row = m
            .get(step.code)
            .unwrap_or_else(|| panic!("no [{}]", step.code));
        for role in simpul_domain::user::Role::ALL {
            assert!(
                row.contains_key(role.code()),
                "[{}] lacks {}",
                step.code,
                role.code()
            );
        }
        let system = row.get("system").is_some_and(|v| v == "allow");
        let by_system = step.by.contains(&simpul_domain::workflow::Party::System);
        assert_eq!(system, by_system, "[{}] system", step.code);
    }
}

#[tokio::test]
async fn every_role_takes_exactly_the_finding_steps_the_matrix_allows() {
    for s in Server::all().await {
        let id = finding(&s).await;
        for (step, row) in matrix() {
            let Some(d) = Definition::of::<FindingWorkflow>().step(&step).cloned() else {
                panic!("unknown step {step}");
            };
            if row.get("system").is_some_and(|v| v == "allow") {
                continue;
            }
            let from = FindingStatus::from_code(d.from[0]).unwrap();
            let (path, body) = call_of(&step);
            let path = format!("/findings/{id}/{path}");
            for (role, expect) in row.iter().filter(|(r, _)| *r != "system") {
                set_status(&s, &id, from).await;
                let api = s.api(user_of(role)).await;
                let r = api.post(&path, body.clone()).await;
                let what = format!("{role} {step} ({:?})", s.backend);
                match expect.as_str() {
                    "allow" | "own_pd" => {
                        assert_eq!(r.status, StatusCode::OK, "{what}: {}", r.body);
                        assert_eq!(r.json()["status"], d.to, "{what}");
                    }
                    _ => assert_eq!(r.status, StatusCode::FORBIDDEN, "{what}: {}", r.body),
                }
                if expect == "own_pd" {
                    set_status(&s, &id, from).await;
                    let other = s.api("operator.disdukcapil").await;
                    let r = other.post(&path, body.clone()).await;
                    assert_eq!(r.status, StatusCode::FORBIDDEN, "other PD's {what}");
                }
            }
        }
    }
}

#[tokio::test]
async fn a_step_from_the_wrong_state_is_409_and_a_missing_reason_422() {
    for s in Server::all().await {
        let id = finding(&s).await;
        let admin = s.api("admin.kominfo").await;
        set_status(&s, &id, FindingStatus::Dikecualikan).await;
        let r = admin
            .post(&format!("/findings/{id}/acknowledge"), json!({}))
            .await;
        r.expect(StatusCode::CONFLICT);
        set_status(&s, &id, FindingStatus::Diselesaikan).await;
        let r = admin
            .post(&format!("/findings/{id}/except"), json!({"note": "x"}))
            .await;
        r.expect(StatusCode::CONFLICT);
        set_status(&s, &id, FindingStatus::Terbuka).await;
        let r = admin.post(&format!("/findings/{id}/lift"), json!({})).await;
        r.expect(StatusCode::CONFLICT);

        let r = admin
            .post(&format!("/findings/{id}/except"), json!({"note": "  "}))
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("reason"), "{}", r.body);
        let koordinator = s.api("koordinator").await;
        let r = koordinator
            .post(&format!("/findings/{id}/except"), json!({}))
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn the_engines_steps_are_refused_to_every_person_and_the_timeline_records_the_decisions() {
    for s in Server::all().await {
        let id = finding(&s).await;
        let admin = s.api("admin.kominfo").await;
        let r = admin
            .post(
                &format!("/findings/{id}/except"),
                json!({"note": "Aplikasi pusat"}),
            )
            .await;
        r.expect(StatusCode::OK);
        let actor =
            simpul_app::Actor::from_user(&s.app.user_by_username("admin.kominfo").await.unwrap());
        for step in [FindingStep::Resolve, FindingStep::Reopen] {
            let r = s
                .app
                .take_step::<FindingWorkflow, _>(
                    &FindingHandler,
                    &actor,
                    Some(&id),
                    step,
                    &StepInput::default(),
                )
                .await;
            assert!(
                matches!(r, Err(AppError::Forbidden)),
                "{step:?}: {:?}",
                r.err()
            );
        }
        let d = admin.get(&format!("/findings/{id}")).await.json();
        let steps = common::timeline_steps(&d);
        assert_eq!(steps, ["except"]);
        assert_eq!(d["timeline"][0]["fields"][0]["after"], "Aplikasi pusat");
        assert_eq!(d["steps"], json!(["lift"]));
    }
}
