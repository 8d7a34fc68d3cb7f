//! Fields a PD operator may not set (issue 9.15), until review workflows exist: a LAN
//! diagram's status (the Dinas accepts or rejects it) and a dataset's classification (the
//! Walidata sets it, DAT-4 / JEM-27.5). Refused with a field error through the HTML forms
//! and the API alike; the forms show the field read-only with the value it keeps.

mod common;

use common::Server;
use reqwest::StatusCode;
use serde_json::json;

fn lan(pd: &str, status: &str) -> serde_json::Value {
    json!({"pd_id": pd, "name": "Diagram LAN 2026", "status": status,
           "data": {"year": "2026", "submitted_on": "2026-01-15"}})
}

fn dataset(pd: &str, classification: &str) -> serde_json::Value {
    json!({"pd_id": pd, "name": "Data Kunjungan", "status": "aktif",
           "data": {"walidata": "Walidata Dinkes", "classification": classification, "format": "csv",
                    "update_frequency": "bulanan", "nature": "transaksional"}})
}

#[tokio::test]
async fn operator_cannot_accept_own_lan_diagram() {
    for s in Server::all().await {
        let pd = s.pd_id("DINKES").await;
        let op = s.api("operator.dinkes").await;
        // API: a new diagram cannot be born accepted, and a submitted one cannot be accepted.
        let r = op
            .post("/catalogue/lan_diagram", lan(&pd, "diterima"))
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.field_errors(), ["status"], "{}", r.body);
        let r = op
            .post("/catalogue/lan_diagram", lan(&pd, "diajukan"))
            .await;
        r.expect(StatusCode::CREATED);
        let id = r.id();
        let r = op
            .put(
                &format!("/catalogue/lan_diagram/{id}"),
                lan(&pd, "diterima"),
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.field_errors(), ["status"]);

        // HTML: the form shows the status read-only; posting another value is refused.
        let mut b = s.login("operator.dinkes").await;
        let form = b.get(&format!("/katalog/diagram-lan/{id}/ubah")).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            !form.body.contains("<select id=\"f-status\"")
                && form.body.contains("name=\"status\" value=\"diajukan\""),
            "{}",
            form.body
        );
        let r = b
            .post(
                &format!("/katalog/diagram-lan/{id}"),
                &[
                    ("pd_id", &pd),
                    ("name", "Diagram LAN 2026"),
                    ("status", "diterima"),
                    ("year", "2026"),
                    ("submitted_on", "2026-01-15"),
                ],
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Hanya Dinas"), "{}", r.body);

        // The Dinas accepts it.
        let admin = s.api("admin.kominfo").await;
        let r = admin
            .put(
                &format!("/catalogue/lan_diagram/{id}"),
                lan(&pd, "diterima"),
            )
            .await;
        r.expect(StatusCode::OK);
        // The operator may still edit other fields of the accepted diagram, keeping its status.
        let mut kept = lan(&pd, "diterima");
        kept["name"] = json!("Diagram LAN 2026 (revisi)");
        let r = op.put(&format!("/catalogue/lan_diagram/{id}"), kept).await;
        r.expect(StatusCode::OK);
    }
}

#[tokio::test]
async fn operator_cannot_set_dataset_classification() {
    for s in Server::all().await {
        let pd = s.pd_id("DINKES").await;
        let op = s.api("operator.dinkes").await;
        let r = op.post("/catalogue/dataset", dataset(&pd, "terbuka")).await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.field_errors(), ["classification"], "{}", r.body);
        // A new dataset of an operator is restricted until the Walidata classifies it.
        let r = op
            .post("/catalogue/dataset", dataset(&pd, "terbatas"))
            .await;
        r.expect(StatusCode::CREATED);
        let id = r.id();
        let walidata = s.api("walidata").await;
        let r = walidata
            .put(&format!("/catalogue/dataset/{id}"), dataset(&pd, "terbuka"))
            .await;
        r.expect(StatusCode::OK);
        let r = op
            .put(&format!("/catalogue/dataset/{id}"), dataset(&pd, "rahasia"))
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.field_errors(), ["classification"]);

        // HTML: the new and edit forms show the classification read-only.
        let mut b = s.login("operator.dinkes").await;
        let new = b.get("/katalog/data/baru").await;
        assert!(
            !new.body.contains("<select id=\"f-classification\"")
                && new
                    .body
                    .contains("name=\"classification\" value=\"terbatas\""),
            "{}",
            new.body
        );
        let edit = b.get(&format!("/katalog/data/{id}/ubah")).await;
        assert!(edit
            .body
            .contains("name=\"classification\" value=\"terbuka\""));
        let r = b
            .post(
                "/katalog/data",
                &[
                    ("pd_id", &pd),
                    ("name", "Data Lain"),
                    ("status", "aktif"),
                    ("walidata", "Walidata Dinkes"),
                    ("classification", "rahasia"),
                    ("format", "csv"),
                    ("update_frequency", "bulanan"),
                    ("nature", "master"),
                ],
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Hanya Walidata"), "{}", r.body);
        let walidata_form = {
            let mut w = s.login("walidata").await;
            w.get(&format!("/katalog/data/{id}/ubah")).await
        };
        assert!(walidata_form
            .body
            .contains("<select id=\"f-classification\""));
    }
}
