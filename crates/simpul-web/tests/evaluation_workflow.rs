//! The SPBE evaluation answer on the workflow kernel, over HTTP on every backend: who may
//! take each step as `tests/workflow_matrix/evaluation_answer.toml` says (403 for everyone
//! else, the operator of another PD included), 409 for a step from the wrong state, 422 for
//! a missing guard field, the signed final level in the answer's timeline, and the answers
//! as cases of the generic case API and tasks of whoever takes their next step.

mod common;

use common::workflow::{self, user_of};
use common::Server;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The matrix: step -> role code -> `allow` | `own_pd` | `deny`.
fn matrix() -> BTreeMap<String, BTreeMap<String, String>> {
    workflow::matrix("evaluation_answer.toml")
}

/// The seeded indicator in a state the step leaves from (see common/evaluation.rs), and a
/// body that passes the step's own validation.
fn case_for(step: &str) -> (u16, Value) {
    match step {
        "claim" => (
            1,
            json!({"step": "claim", "level": 3, "explanation": "Perwal"}),
        ),
        "submit" => (1, json!({"step": "submit"})),
        "return" => (3, json!({"step": "return", "note": "Lampirkan SK"})),
        "accept" => (3, json!({"step": "accept"})),
        "assess" => (4, json!({"step": "assess", "document_level": 3})),
        "sanggah" => (5, json!({"step": "sanggah", "text": "SK sudah ada"})),
        "validate" => (5, json!({"step": "validate", "level": 3})),
        other => panic!("unknown step {other}"),
    }
}

async fn take(api: &common::Api, id: &str, n: u16, body: Value) -> common::Resp {
    api.post(&format!("/evaluations/{id}/indicators/{n}/steps"), body)
        .await
}

/// The steps the indicator page offers `api`'s user.
async fn offered(api: &common::Api, id: &str, n: u16) -> Vec<String> {
    let r = api.get(&format!("/evaluations/{id}/indicators/{n}")).await;
    r.expect(StatusCode::OK);
    serde_json::from_value(r.json()["steps"].clone()).unwrap()
}

#[tokio::test]
async fn every_step_is_taken_only_by_the_parties_the_matrix_names() {
    let m = matrix();
    let def = simpul_domain::workflow::definition("evaluation_answer").unwrap();
    let steps: Vec<&str> = def.steps.iter().map(|s| s.code).collect();
    assert_eq!(
        m.keys().map(String::as_str).collect::<Vec<_>>().len(),
        steps.len(),
        "one table per step"
    );
    for s in Server::all().await {
        let id = common::evaluation::seed(&s).await;
        let stranger = s.api("operator.disdukcapil").await;
        for step in &steps {
            let roles = m
                .get(*step)
                .unwrap_or_else(|| panic!("no table for {step}"));
            assert_eq!(roles.len(), 6, "{step}: every role");
            let (n, body) = case_for(step);
            for (role, expect) in roles {
                let api = s.api(user_of(role)).await;
                let may = offered(&api, &id, n).await.iter().any(|o| o == step);
                match expect.as_str() {
                    "deny" => {
                        assert!(!may, "{step}: offered to {role}");
                        let r = take(&api, &id, n, body.clone()).await;
                        assert_eq!(
                            r.status,
                            StatusCode::FORBIDDEN,
                            "{step} by {role}: {}",
                            r.body
                        );
                    }
                    "allow" => assert!(may, "{step}: not offered to {role}"),
                    "own_pd" => {
                        assert!(may, "{step}: not offered to the own PD's {role}");
                        assert!(!offered(&stranger, &id, n).await.iter().any(|o| o == step));
                        let r = take(&stranger, &id, n, body.clone()).await;
                        assert_eq!(
                            r.status,
                            StatusCode::FORBIDDEN,
                            "{step} by another PD: {}",
                            r.body
                        );
                    }
                    other => panic!("{step}/{role}: unknown expectation {other}"),
                }
            }
        }
    }
}

#[tokio::test]
async fn a_step_from_the_wrong_state_is_a_conflict_and_a_missing_note_is_invalid() {
    for s in Server::all().await {
        let id = common::evaluation::seed(&s).await;
        let (op, koord, aud) = (
            s.api("operator.dinkes").await,
            s.api("koordinator").await,
            s.api("auditor").await,
        );
        // Indicator 1 is a draft (no answer yet), 3 submitted, 4 accepted.
        let accept = take(&koord, &id, 1, json!({"step": "accept"})).await;
        accept.expect(StatusCode::CONFLICT);
        let claim = json!({"step": "claim", "level": 2, "explanation": "x"});
        let locked = take(&op, &id, 3, claim).await;
        locked.expect(StatusCode::CONFLICT);
        let early = take(&aud, &id, 3, json!({"step": "assess", "document_level": 2})).await;
        early.expect(StatusCode::CONFLICT);

        let r = take(&koord, &id, 3, json!({"step": "return", "note": "  "})).await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "note", "{}", r.body);
        // Sanggah before any document assessment: the handler's own guard, its own code.
        let r = take(&op, &id, 4, json!({"step": "sanggah", "text": "Keberatan"})).await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "status", "{}", r.body);
    }
}

#[tokio::test]
async fn the_final_level_is_signed_once_and_its_history_verifies() {
    for s in Server::all().await {
        let id = common::evaluation::seed(&s).await;
        let aud = s.api("auditor").await;
        let fin = take(&aud, &id, 5, json!({"step": "validate", "level": 3})).await;
        fin.expect(StatusCode::OK);
        let a = fin.json();
        assert_eq!(a["review_status"], "divalidasi");
        let again = take(&aud, &id, 5, json!({"step": "validate", "level": 4})).await;
        again.expect(StatusCode::CONFLICT);

        let d = aud
            .get(&format!("/evaluations/{id}/indicators/5"))
            .await
            .json();
        assert_eq!(d["steps"], json!([]), "nothing after the final level");
        let steps = common::timeline_steps(&d);
        assert_eq!(steps, ["claim", "submit", "accept", "assess", "validate"]);
        let last = d["timeline"].as_array().unwrap().last().unwrap();
        assert_eq!(
            (&last["from"], &last["to"]),
            (&json!("diterima"), &json!("divalidasi"))
        );
        assert_eq!(
            last["signature"], a["signature"],
            "the answer's own signature"
        );
        assert_eq!(last["signature_valid"], true);
    }
}

/// The caller's open `evaluation_answer` tasks: case id -> steps.
async fn answer_tasks(api: &common::Api) -> BTreeMap<String, Value> {
    let r = api.get("/tasks?per_page=100").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.json();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["workflow"] == "evaluation_answer")
        .map(|t| {
            (
                t["case_id"].as_str().unwrap().to_owned(),
                t["steps"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn answers_are_cases_of_the_generic_api_and_tasks_of_those_who_take_their_next_step() {
    for s in Server::all().await {
        let id = common::evaluation::seed(&s).await;
        let (op, koord, stranger) = (
            s.api("operator.dinkes").await,
            s.api("koordinator").await,
            s.api("operator.disdukcapil").await,
        );
        // Indicator 1 is DINKES's draft: its operator's task, nobody else's.
        let mine = answer_tasks(&op).await;
        assert_eq!(
            mine[&format!("{id}/1")],
            json!(["claim", "submit"]),
            "{mine:?}"
        );
        assert!(!mine.contains_key(&format!("{id}/2")), "BPKAD's indicator");
        assert!(!mine.contains_key(&format!("{id}/3")), "submitted");
        assert!(answer_tasks(&stranger).await.is_empty());
        let theirs = answer_tasks(&koord).await;
        assert_eq!(theirs[&format!("{id}/3")], json!(["return", "accept"]));
        assert!(!theirs.contains_key(&format!("{id}/1")));

        // The case id holds a slash: percent-encoded in the path.
        let case = format!("/cases/evaluation_answer/{id}%2F1");
        let r = op.get(&case).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let view = r.json();
        assert_eq!(view["id"], format!("{id}/1"));
        assert_eq!(view["state"], "draf");
        assert_eq!(view["steps"], json!(["claim", "submit"]));
        assert_eq!(
            stranger.get(&case).await.status,
            StatusCode::NOT_FOUND,
            "another PD's operator does not see the answer"
        );
        let body = json!({"fields": {"level": 3, "explanation": "Perwal"}});
        let r = op.post(&format!("{case}/steps/claim"), body).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = op.post(&format!("{case}/steps/submit"), json!({})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let view = r.json();
        assert_eq!(view["state"], "diajukan");
        assert_eq!(view["data"]["claimed_level"], 3);
        assert_eq!(view["timeline"].as_array().unwrap().len(), 2, "{view}");
        // Now the assessor's task, no longer the operator's.
        assert!(!answer_tasks(&op).await.contains_key(&format!("{id}/1")));
        assert_eq!(
            answer_tasks(&koord).await[&format!("{id}/1")],
            json!(["return", "accept"])
        );
        let r = op.post(&format!("{case}/steps/submit"), json!({})).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    }
}
