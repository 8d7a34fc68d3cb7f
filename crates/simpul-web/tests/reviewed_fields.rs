//! Fields a PD operator may not set (issue 9.15), until review workflows exist: a LAN
//! diagram's status (the Dinas accepts or rejects it) and a dataset's classification (the
//! Walidata sets it, DAT-4 / JEM-27.5). Refused with a field error through the HTML forms
//! and the API alike; the forms show the field read-only with the value it keeps.

mod common;

use common::Server;
use reqwest::{Method, StatusCode};
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

fn field_errors(r: &common::Resp) -> Vec<String> {
    r.json()["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn operator_cannot_accept_own_lan_diagram() {
    for s in Server::all().await {
        let pd = s.pd_id("DINKES").await;
        let op = s.api("operator.dinkes").await;
        // API: a new diagram cannot be born accepted, and a submitted one cannot be accepted.
        let r = op
            .call(
                Method::POST,
                "/catalogue/lan_diagram",
                Some(lan(&pd, "diterima")),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(field_errors(&r), ["status"], "{}", r.body);
        let r = op
            .call(
                Method::POST,
                "/catalogue/lan_diagram",
                Some(lan(&pd, "diajukan")),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["id"].as_str().unwrap().to_owned();
        let r = op
            .call(
                Method::PUT,
                &format!("/catalogue/lan_diagram/{id}"),
                Some(lan(&pd, "diterima")),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(field_errors(&r), ["status"]);

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
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("Hanya Dinas"), "{}", r.body);

        // The Dinas accepts it.
        let admin = s.api("admin.kominfo").await;
        let r = admin
            .call(
                Method::PUT,
                &format!("/catalogue/lan_diagram/{id}"),
                Some(lan(&pd, "diterima")),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        // The operator may still edit other fields of the accepted diagram, keeping its status.
        let mut kept = lan(&pd, "diterima");
        kept["name"] = json!("Diagram LAN 2026 (revisi)");
        let r = op
            .call(
                Method::PUT,
                &format!("/catalogue/lan_diagram/{id}"),
                Some(kept),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
}

#[tokio::test]
async fn operator_cannot_set_dataset_classification() {
    for s in Server::all().await {
        let pd = s.pd_id("DINKES").await;
        let op = s.api("operator.dinkes").await;
        let r = op
            .call(
                Method::POST,
                "/catalogue/dataset",
                Some(dataset(&pd, "terbuka")),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(field_errors(&r), ["classification"], "{}", r.body);
        // A new dataset of an operator is restricted until the Walidata classifies it.
        let r = op
            .call(
                Method::POST,
                "/catalogue/dataset",
                Some(dataset(&pd, "terbatas")),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["id"].as_str().unwrap().to_owned();
        let walidata = s.api("walidata").await;
        let r = walidata
            .call(
                Method::PUT,
                &format!("/catalogue/dataset/{id}"),
                Some(dataset(&pd, "terbuka")),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = op
            .call(
                Method::PUT,
                &format!("/catalogue/dataset/{id}"),
                Some(dataset(&pd, "rahasia")),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(field_errors(&r), ["classification"]);

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
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
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
