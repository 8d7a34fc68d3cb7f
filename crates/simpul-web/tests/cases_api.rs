//! The generic case API and "Tugas saya" on the kernel's test workflow: open, read with
//! timeline and steps, take steps (409 wrong state, 403 not permitted, 422 guard, 404 unknown
//! workflow or case), the caller's tasks with due dates, and the per-role dashboard. On every
//! backend.

mod common;

use common::Server;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_case_goes_through_the_generic_api_and_shows_up_as_a_task_and_on_the_dashboard() {
    for s in Server::all().await {
        s.app
            .register_workflow(simpul_app::kernel::testing::trial());
        let op = s.api("operator.dinkes").await;
        let admin = s.api("admin.kominfo").await;
        let boss = s.api("pimpinan").await;
        let r = op
            .post(
                "/cases/trial",
                json!({"fields": {"title": "Izin aplikasi SIMRS"}}),
            )
            .await;
        r.expect(StatusCode::CREATED);
        let case = r.json();
        let id = case["id"].as_str().unwrap().to_owned();
        assert_eq!(case["state"], "diajukan");
        assert_eq!(case["steps"], json!(["tarik"]));
        assert_eq!(case["timeline"][0]["step"], "ajukan");

        // Unknown workflow or case: 404; wrong state: 409; not permitted: 403; guard: 422.
        let unknown = admin.call(Method::GET, "/cases/nope/x", None).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        let no_case = admin.call(Method::GET, "/cases/trial/nope", None).await;
        assert_eq!(no_case.status, StatusCode::NOT_FOUND);
        let step = format!("/cases/trial/{id}/steps");
        let early = boss.post(&format!("{step}/setujui"), json!({})).await;
        early.expect(StatusCode::CONFLICT);
        let denied = op.post(&format!("{step}/tinjau"), json!({})).await;
        denied.expect(StatusCode::FORBIDDEN);
        let guard = admin.post(&format!("{step}/tinjau"), json!({})).await;
        guard.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(guard.json()["errors"][0]["field"], "reason");

        // The admin's task, with a due date five working days on.
        let tasks = admin.get("/tasks").await.json();
        assert_eq!(tasks["total"], 1, "{tasks}");
        assert_eq!(tasks["items"][0]["case_id"], id.as_str());
        assert_eq!(tasks["items"][0]["steps"], json!(["tinjau"]));
        assert!(tasks["items"][0]["due"].is_string() && tasks["items"][0]["overdue"] == false);
        assert_eq!(boss.get("/tasks").await.json()["total"], 0);
        let mut b = s.login("admin.kominfo").await;
        let home = b.get("/").await;
        assert!(home.body.contains("Izin aplikasi SIMRS"), "{}", home.body);
        assert!(home.body.contains("Tinjau") && home.body.contains("Tugas saya"));

        let r = admin
            .post(
                &format!("{step}/tinjau"),
                json!({"fields": {"reason": "lengkap"}}),
            )
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["state"], "ditinjau");
        // Now a decision waiting for the pimpinan, on their dashboard.
        assert_eq!(
            boss.get("/tasks").await.json()["items"][0]["steps"],
            json!(["setujui"])
        );
        let mut b = s.login("pimpinan").await;
        let home = b.get("/").await;
        assert!(
            home.body.contains("Keputusan yang menunggu Anda") && home.body.contains("Setujui")
        );
        let r = boss.post(&format!("{step}/setujui"), json!({})).await;
        r.expect(StatusCode::OK);
        let done = r.json();
        assert_eq!(done["state"], "disetujui");
        assert_eq!(done["steps"], json!([]));
        assert_eq!(done["timeline"][2]["signature_valid"], true);
        assert_eq!(admin.get("/tasks").await.json()["total"], 0);

        // Another PD's operator does not see the case.
        let other = s.api("operator.disdukcapil").await;
        assert_eq!(
            other.get(&format!("/cases/trial/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        // The PD operator's dashboard: their PD's open findings and deadlines.
        let mut b = s.login("operator.dinkes").await;
        let home = b.get("/").await;
        assert!(
            home.body.contains("Temuan terbuka Perangkat Daerah Anda"),
            "{}",
            home.body
        );
    }
}
