//! The sanction workflow's steps over HTTP on every backend, against its expectations in
//! `workflow_matrix/sanction.toml`: every denied role gets 403 on every step, the allowed
//! role succeeds, a step from the wrong state (deciding a decided sanction) is 409, and a
//! refusal without a note is 422 naming the field. The page shows the steps the viewer may
//! take and the case's signed timeline. A proposal notifies whoever decides it (and only
//! them); a decision refused by its guard queues nothing.

mod common;

use common::findings::open_finding;
use common::workflow::{self, ACCOUNTS};
use common::{csrf_in, Server};
use reqwest::StatusCode;
use serde_json::json;
use simpul_domain::sanction::{SanctionStatus, SanctionStep, SanctionWorkflow};
use simpul_domain::user::Role;
use simpul_domain::workflow::{
    allowed_steps, CaseHead, Code, Definition, Taker, Workflow, WorkflowConfig,
};
use std::collections::BTreeMap;

/// step → role → `allow` | `deny`.
fn expectations() -> BTreeMap<String, BTreeMap<String, String>> {
    workflow::matrix("sanction.toml")
}

fn allowed(step: &str, role: &str) -> bool {
    match expectations()[step][role].as_str() {
        "allow" => true,
        "deny" => false,
        other => panic!("{step}.{role}: `{other}` is not used by this workflow"),
    }
}

async fn finding(s: &Server, pd: &str, rule: &str) -> String {
    open_finding(pd).rule(rule).insert(s).await
}

fn proposal(pd: &str, finding: &str) -> serde_json::Value {
    json!({"pd_id": pd, "kind": "teguran_tertulis", "finding_ids": [finding], "reason": "Aplikasi dibangun tanpa melalui Dinas."})
}

/// A pending sanction proposed by the Dinas.
async fn pending(s: &Server, pd: &str) -> String {
    let f = finding(s, pd, "APP-2").await;
    let r = s
        .api("admin.kominfo")
        .await
        .post("/sanctions", proposal(pd, &f))
        .await;
    r.expect(StatusCode::CREATED);
    r.id()
}

#[test]
fn the_expectations_cover_every_step_and_role_and_agree_with_the_definition() {
    let def = Definition::of::<SanctionWorkflow>();
    let exp = expectations();
    assert_eq!(exp.len(), def.steps.len());
    let cfg: WorkflowConfig = simpul_domain::region::builtin_packs()
        .unwrap()
        .into_iter()
        .find(|p| p.region.slug.as_str() == "metro")
        .unwrap()
        .workflow("sanction");
    for step in SanctionStep::ALL {
        let from = SanctionWorkflow::STEPS
            .iter()
            .find(|d| d.step == *step)
            .unwrap()
            .from
            .first()
            .copied();
        assert_eq!(exp[step.code()].len(), 6, "{}", step.code());
        for (role, _) in ACCOUNTS {
            let who = Taker {
                user: Some(simpul_domain::ids::UserId::new()),
                role: Role::from_code(role).unwrap(),
                pd: None,
                system: false,
            };
            let case = CaseHead {
                state: from,
                pd: None,
                assignee: None,
            };
            let may = allowed_steps::<SanctionWorkflow>(&case, &who, &cfg).contains(step);
            assert_eq!(may, allowed(step.code(), role), "{} {role}", step.code());
        }
    }
}

#[tokio::test]
async fn every_step_is_refused_to_denied_roles_from_the_wrong_state_and_without_its_guard() {
    for s in Server::all().await {
        let dinkes = s.pd_id("DINKES").await;

        // propose: 403 for every denied role, 201 for the allowed one.
        for (role, user) in ACCOUNTS {
            let f = finding(&s, &dinkes, "APP-2").await;
            let r = s
                .api(user)
                .await
                .post("/sanctions", proposal(&dinkes, &f))
                .await;
            let expected = match allowed("propose", role) {
                true => StatusCode::CREATED,
                false => StatusCode::FORBIDDEN,
            };
            assert_eq!(r.status, expected, "propose as {role}: {}", r.body);
        }

        // approve and reject: 403 for denied roles on a pending sanction; the allowed role
        // is refused 422 without the guard's note, then decides, then gets 409.
        for step in ["approve", "reject"] {
            let id = pending(&s, &dinkes).await;
            let path = format!("/sanctions/{id}/decision");
            let decision = match step {
                "approve" => "ditetapkan",
                _ => "ditolak",
            };
            let body = json!({"decision": decision, "note": "Diputuskan kepala daerah."});
            for (role, user) in ACCOUNTS.iter().filter(|(r, _)| !allowed(step, r)) {
                let r = s.api(user).await.post(&path, body.clone()).await;
                assert_eq!(
                    r.status,
                    StatusCode::FORBIDDEN,
                    "{step} as {role}: {}",
                    r.body
                );
            }
            let (role, user) = ACCOUNTS.iter().find(|(r, _)| allowed(step, r)).unwrap();
            let api = s.api(user).await;
            if SanctionWorkflow::def(SanctionStep::from_code(step).unwrap())
                .guard
                .fields
                .contains(&"note")
            {
                let r = api
                    .post(&path, json!({"decision": decision, "note": " "}))
                    .await;
                assert_eq!(
                    r.status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "{step} as {role}"
                );
                assert_eq!(r.json()["errors"][0]["field"], "note", "{}", r.body);
                assert!(r.body.contains("Tuliskan alasan"), "{}", r.body);
            }
            let r = api.post(&path, body.clone()).await;
            assert_eq!(r.status, StatusCode::OK, "{step} as {role}: {}", r.body);
            // A decided sanction: every decision step is from the wrong state.
            for again in ["ditetapkan", "ditolak"] {
                let r = api
                    .post(&path, json!({"decision": again, "note": "Lagi"}))
                    .await;
                assert_eq!(
                    r.status,
                    StatusCode::CONFLICT,
                    "{again} after {step}: {}",
                    r.body
                );
            }
            // A denied role still learns nothing of the state: 403, not 409.
            let r = s.api("admin.kominfo").await.post(&path, body.clone()).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
        }
    }
}

#[tokio::test]
async fn the_page_offers_the_viewers_steps_and_shows_the_signed_timeline() {
    for s in Server::all().await {
        let dinkes = s.pd_id("DINKES").await;
        let id = pending(&s, &dinkes).await;
        let page = format!("/sanksi/{id}");
        let mut admin = s.login("admin.kominfo").await;
        let r = admin.get(&page).await;
        assert!(
            !r.body.contains("name=\"decision\""),
            "the admin does not decide"
        );
        assert!(r.body.contains("Riwayat alur sanksi") && r.body.contains("Admin Dinas Kominfo"));
        let api = s.api("pimpinan").await;
        assert_eq!(
            api.get(&format!("/sanctions/{id}")).await.json()["steps"],
            json!(["approve", "reject"])
        );
        let mut head = s.login("pimpinan").await;
        let r = head.get(&page).await;
        assert!(r.body.contains("value=\"ditetapkan\"") && r.body.contains("value=\"ditolak\""));
        head.csrf = csrf_in(&r.body).unwrap();
        let r = head
            .post(&format!("{page}/keputusan"), &[("decision", "ditetapkan")])
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let r = head.get(&page).await;
        assert!(
            !r.body.contains("name=\"decision\""),
            "nothing left to decide"
        );
        // The timeline: proposed by the admin, imposed by the head of region, signed and valid.
        let timeline = s
            .app
            .timeline(
                &simpul_app::Actor::from_user(&s.app.user_by_username("pimpinan").await.unwrap()),
                "sanction",
                &id,
            )
            .await
            .unwrap();
        let steps: Vec<_> = timeline
            .iter()
            .map(|e| (e.step.as_str(), e.role.as_str()))
            .collect();
        assert_eq!(
            steps,
            [("propose", "admin_kominfo"), ("approve", "pimpinan")]
        );
        assert_eq!(timeline[1].signature_valid, Some(true));
        assert!(
            r.body.contains("Diusulkan → Ditetapkan") && r.body.contains(">Sah<"),
            "{}",
            r.body
        );
        // The timeline's signed document is the decision file the PD downloads.
        let file = s
            .api("operator.dinkes")
            .await
            .get(&format!("/sanctions/{id}/decision.json"))
            .await;
        let export: serde_json::Value = serde_json::from_str(&file.body).unwrap();
        assert!(timeline[1]
            .signature
            .as_deref()
            .unwrap()
            .ends_with(export["signature"].as_str().unwrap()));
        // Deciding again through the form is a conflict, not a form error.
        let r = head
            .post(
                &format!("{page}/keputusan"),
                &[("decision", "ditolak"), ("note", "Batal")],
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
    }
}

/// The task notifications (`task.new`) delivered to each account, by role.
async fn task_notes(s: &Server) -> BTreeMap<&'static str, i64> {
    let mut out = BTreeMap::new();
    for (role, user) in ACCOUNTS {
        let id = s.app.user_by_username(user).await.unwrap().id;
        let sql = format!(
            "SELECT COUNT(*) FROM notifications WHERE kind = 'task.new' AND user_id = '{id}'"
        );
        out.insert(role, s.count(&sql).await);
    }
    out
}

#[tokio::test]
async fn a_proposal_notifies_the_deciding_head_of_region_only_and_a_refused_decision_nobody() {
    for s in Server::all().await {
        let dinkes = s.pd_id("DINKES").await;
        s.app.deliver_outbox().await.unwrap();
        let before = task_notes(&s).await;
        let id = pending(&s, &dinkes).await;
        s.app.deliver_outbox().await.unwrap();
        let after = task_notes(&s).await;
        for (role, _) in ACCOUNTS {
            let new = after[role] - before[role];
            let deciding = SanctionWorkflow::STEPS
                .iter()
                .filter(|d| d.from.contains(&SanctionStatus::Diusulkan))
                .any(|d| allowed(d.step.code(), role));
            assert_eq!(new, i64::from(deciding), "task notifications for {role}");
        }
        assert_eq!(after["pimpinan"] - before["pimpinan"], 1);

        // A decision refused by its guard rolls back: no outbox row, nothing delivered.
        let outbox = "SELECT COUNT(*) FROM outbox";
        let queued = s.count(outbox).await;
        let r = s
            .api("pimpinan")
            .await
            .post(
                &format!("/sanctions/{id}/decision"),
                json!({"decision": "ditolak", "note": " "}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(
            s.count(outbox).await,
            queued,
            "a rolled-back step queues nothing"
        );
        s.app.deliver_outbox().await.unwrap();
        assert_eq!(task_notes(&s).await, after);
    }
}
