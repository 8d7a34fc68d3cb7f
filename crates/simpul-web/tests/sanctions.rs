//! The sanction workflow (SAN-1) over HTTP on every backend: the admin proposes from a PD's
//! findings, the head of region decides, the PD sees it and no other PD does, and the signed
//! decision file verifies offline while any changed byte makes it fail.

mod common;

use common::findings::open_finding;
use common::{csrf_in, Server};
use reqwest::{Method, StatusCode};
use serde_json::json;
use simpul_domain::signing::verify_file;

/// Inserts an open finding of `rule` for a PD, as the compliance engine would.
async fn finding(s: &Server, pd: &str, rule: &str, subject: &str) -> String {
    open_finding(pd).rule(rule).subject(subject).insert(s).await
}

fn field_errors(body: &serde_json::Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn proposed_decided_signed_seen_by_the_pd_and_verified() {
    for s in Server::all().await {
        let dinkes = s.pd_id("DINKES").await;
        let other = s.pd_id("BPKAD").await;
        let f1 = finding(&s, &dinkes, "APP-2", "SIKDA Mandiri").await;
        let f_other = finding(&s, &other, "APP-2", "SIMDA").await;
        let f_uncovered = finding(&s, &dinkes, "EVA-1", "Evaluasi").await;
        let admin = s.api("admin.kominfo").await;

        // Bad proposals name their fields and write nothing.
        let audit0 = s.audit_len().await;
        for (body, field) in [
            (
                json!({"pd_id": dinkes, "kind": "denda", "finding_ids": [f1], "reason": "x"}),
                "kind",
            ),
            (
                json!({"pd_id": dinkes, "kind": "teguran_lisan", "finding_ids": [], "reason": "x"}),
                "finding_ids",
            ),
            (
                json!({"pd_id": dinkes, "kind": "teguran_lisan", "finding_ids": [f_other], "reason": "x"}),
                "finding_ids",
            ),
            (
                json!({"pd_id": dinkes, "kind": "teguran_lisan", "finding_ids": [f_uncovered], "reason": "x"}),
                "finding_ids",
            ),
            (
                json!({"pd_id": "bukan-id", "kind": "teguran_lisan", "finding_ids": ["x"], "reason": ""}),
                "pd_id",
            ),
        ] {
            let r = admin.post("/sanctions", body).await;
            r.expect(StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                field_errors(&r.json()).contains(&field.to_owned()),
                "{}",
                r.body
            );
        }
        let r = admin
            .raw(
                Method::POST,
                "/sanctions",
                "application/json",
                b"{\"pd_id\": 5".to_vec(),
            )
            .await;
        assert!(r.status.is_client_error(), "{}", r.status);
        assert_eq!(s.audit_len().await, audit0);

        // The admin proposes; the finding cannot be proposed twice while pending.
        let body = json!({"pd_id": dinkes, "kind": "teguran_tertulis", "finding_ids": [f1], "reason": "Aplikasi dibangun tanpa melalui Dinas."});
        let r = admin.post("/sanctions", body.clone()).await;
        r.expect(StatusCode::CREATED);
        let id = r.id();
        assert_eq!(r.json()["status"], "diusulkan");
        let again = admin.post("/sanctions", body).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            again.body.contains("sudah menjadi dasar sanksi"),
            "{}",
            again.body
        );

        // The PD concerned sees it; another PD's operator and the walidata do not.
        let own = s.api("operator.dinkes").await;
        assert_eq!(own.get("/sanctions").await.json()["total"], 1);
        let got = own.get(&format!("/sanctions/{id}")).await;
        assert_eq!(got.status, StatusCode::OK);
        assert!(got
            .body
            .contains("Pasal 17 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019"));
        let stranger = s.api("operator.disdukcapil").await;
        assert_eq!(stranger.get("/sanctions").await.json()["total"], 0);
        assert_eq!(
            stranger.get(&format!("/sanctions/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            s.api("walidata").await.get("/sanctions").await.status,
            StatusCode::FORBIDDEN
        );
        let mut b = s.login("operator.disdukcapil").await;
        assert_eq!(
            b.get(&format!("/sanksi/{id}")).await.status,
            StatusCode::NOT_FOUND
        );

        // Only the head of region decides, once.
        let decision = json!({"decision": "ditetapkan", "note": "Segera migrasikan ke Dinas."});
        let r = admin
            .post(&format!("/sanctions/{id}/decision"), decision.clone())
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let head = s.api("pimpinan").await;
        let r = head
            .post(
                &format!("/sanctions/{id}/decision"),
                json!({"decision": "ditolak"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "refusal needs a note"
        );
        let r = head
            .post(&format!("/sanctions/{id}/decision"), decision.clone())
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["status"], "ditetapkan");
        assert_eq!(r.json()["decision"]["decided_by"]["role"], "pimpinan");
        let r = head
            .post(
                &format!("/sanctions/{id}/decision"),
                json!({"decision": "ditolak", "note": "Batal"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "a decided sanction never changes"
        );
        assert!(r.body.contains("status saat ini"), "{}", r.body);

        // The PD downloads the signed decision; it verifies with the published key.
        let key = s.anonymous_api().get("/signing-key").await.json()["public_key"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut anon = s.browser();
        let wk = anon.get("/.well-known/simpul-signing-key").await;
        assert_eq!(wk.body.trim(), key);
        let file = own.get(&format!("/sanctions/{id}/decision.json")).await;
        assert_eq!(file.status, StatusCode::OK);
        let env = verify_file(&file.body, Some(&key)).expect("verifies");
        assert_eq!(env.decision["decision"], "ditetapkan");
        assert_eq!(env.decision["findings"][0]["rule"], "APP-2");
        assert!(env.decision["findings"][0]["citation_text"]
            .as_str()
            .unwrap()
            .starts_with("Pembangunan dan pengembangan Aplikasi"));
        let mut bytes = file.body.clone().into_bytes();
        let i = file.body.find("teguran_tertulis").unwrap();
        bytes[i] ^= 0x01;
        assert!(verify_file(&String::from_utf8(bytes).unwrap(), Some(&key)).is_err());
        assert_eq!(
            stranger
                .get(&format!("/sanctions/{id}/decision.json"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // The key file is private; the detail page shows the verification.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = s.app.config.data_dir.join("signing.key");
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let mut pd_user = s.login("operator.dinkes").await;
        let page = pd_user.get(&format!("/sanksi/{id}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Tanda tangan sah"), "{}", page.body);
        let dl = pd_user.get(&format!("/sanksi/{id}/keputusan.json")).await;
        assert!(verify_file(&dl.body, Some(&key)).is_ok());
        assert!(s.app.verify_audit_chain().await.unwrap().is_ok());
    }
}

#[tokio::test]
async fn the_html_workflow_proposes_and_decides_with_csrf_forms() {
    for s in Server::all().await {
        let dinkes = s.pd_id("DINKES").await;
        let f1 = finding(&s, &dinkes, "DOM-2", "dinkes.example.com").await;
        let f2 = finding(&s, &dinkes, "APP-2", "SIKDA").await;
        let mut admin = s.login("admin.kominfo").await;
        let form = admin.get(&format!("/sanksi/baru?pd={dinkes}")).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("dinkes.example.com") && form.body.contains("Teguran lisan"));
        // Missing reason and kind: the form comes back with the ticked findings and errors.
        let r = admin
            .post(
                "/sanksi",
                &[
                    ("pd_id", dinkes.as_str()),
                    ("finding_ids", f1.as_str()),
                    ("finding_ids", f2.as_str()),
                ],
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("aria-invalid") && r.body.contains("checked"));
        let r = admin
            .post(
                "/sanksi",
                &[
                    ("pd_id", dinkes.as_str()),
                    ("finding_ids", f1.as_str()),
                    ("finding_ids", f2.as_str()),
                    ("kind", "teguran_lisan"),
                    ("reason", "Subdomain dan aplikasi di luar Dinas."),
                ],
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let path = r.location();
        let mut head = s.login("pimpinan").await;
        let page = head.get(&path).await;
        assert!(page.body.contains("Tetapkan dan tandatangani"));
        head.csrf = csrf_in(&page.body).unwrap();
        let r = head
            .post(
                &format!("{path}/keputusan"),
                &[
                    ("decision", "ditolak"),
                    ("note", "Cukup teguran lisan oleh Dinas."),
                ],
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let page = head.get(&path).await;
        assert!(page.body.contains("Ditolak") && page.body.contains("Tanda tangan sah"));
        assert!(!page.body.contains("Tetapkan dan tandatangani"));
        // After a refusal the findings may be proposed again.
        let again = s
            .api("admin.kominfo")
            .await
            .post("/sanctions", json!({"pd_id": dinkes, "kind": "teguran_tertulis", "finding_ids": [f1], "reason": "Diulang"}))
            .await;
        again.expect(StatusCode::CREATED);
        // The same pages in English.
        assert_eq!(
            head.get("/bahasa/en?next=/sanksi").await.location(),
            "/sanksi"
        );
        for (p, text) in [
            ("/sanksi", "Administrative sanctions"),
            (path.as_str(), "Refused"),
            ("/kunci-tanda-tangan", "Public signing key"),
        ] {
            let r = head.get(p).await;
            assert_eq!(r.status, StatusCode::OK, "{p}");
            assert!(r.body.contains(text), "{p} should contain {text}");
        }
        let key_page = s.browser().get("/kunci-tanda-tangan").await;
        assert_eq!(key_page.status, StatusCode::OK);
        assert!(key_page.body.contains("Ed25519"));
    }
}

#[tokio::test]
async fn the_show_findings_button_lists_the_chosen_pds_findings() {
    for s in Server::all().await {
        let dinkes = s.pd_id("DINKES").await;
        finding(&s, &dinkes, "DOM-2", "dinkes.example.com").await;
        let mut admin = s.login("admin.kominfo").await;
        let form = admin.get("/sanksi/baru").await;
        assert_eq!(form.status, StatusCode::OK);
        // The GET form "Tampilkan temuan" submits its select, named pd_id.
        assert!(form.body.contains("name=\"pd_id\""), "{}", form.body);
        let shown = admin.get(&format!("/sanksi/baru?pd_id={dinkes}")).await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(
            shown.body.contains("dinkes.example.com") && shown.body.contains("finding_ids"),
            "{}",
            shown.body
        );
    }
}
