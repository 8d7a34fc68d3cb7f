//! The catalogue through the web: forms generated from each kind's fields, validation that
//! keeps the input, links, the impact view, search, and the API.

mod common;

use common::Server;
use reqwest::StatusCode;
use serde_json::json;

fn id_from_location(loc: &str) -> String {
    loc.rsplit('/').next().unwrap_or("").to_owned()
}

#[tokio::test]
async fn an_operator_registers_an_app_links_it_and_sees_the_impact_of_its_server() {
    for s in Server::all().await {
        let dinkes = s.pd_id("DINKES").await;
        let mut b = s.login("operator.dinkes").await;
        // Every kind's form and list renders.
        for kind in [
            "aplikasi",
            "layanan",
            "proses-bisnis",
            "data",
            "aset",
            "domain",
            "diagram-lan",
            "perubahan-lan",
            "laporan-cadangan",
        ] {
            assert_eq!(
                b.get(&format!("/katalog/{kind}/baru")).await.status,
                StatusCode::OK,
                "{kind} form"
            );
            assert_eq!(
                b.get(&format!("/katalog/{kind}?q=sik&sort=updated"))
                    .await
                    .status,
                StatusCode::OK,
                "{kind} list"
            );
        }
        // A bad submission keeps the input and names the fields.
        let bad = b
            .post(
                "/katalog/aplikasi",
                &[
                    ("pd_id", &dinkes),
                    ("name", "SIKDA Generik"),
                    ("status", "produksi"),
                    ("app_type", "umum"),
                    ("audience", "g2c"),
                    ("url", "sikda"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for (field, msg) in [
            ("e-complexity", "besar atau kecil"),
            ("e-developer", "Wajib diisi."),
            ("e-url", "Alamat harus diawali"),
        ] {
            let at = bad
                .body
                .find(&format!("id=\"{field}\""))
                .unwrap_or_else(|| panic!("{field}: {}", bad.body));
            assert!(bad.body[at..].contains(msg), "{field}");
        }
        assert!(bad.body.contains("value=\"SIKDA Generik\""));
        assert!(
            bad.body.contains("value=\"g2c\" checked"),
            "multi-choice input kept"
        );

        let app = b
            .post(
                "/katalog/aplikasi",
                &[
                    ("pd_id", &dinkes),
                    ("name", "SIKDA Generik"),
                    ("code", "sikda"),
                    ("status", "produksi"),
                    ("ref_code", "RAA.02.01"),
                    ("app_type", "khusus"),
                    ("audience", "g2c"),
                    ("audience", "g2g"),
                    ("developer", "dinas"),
                    ("via_dinas", "on"),
                    ("source_model", "terbuka"),
                    ("platform", "web"),
                    ("url", "https://sikda.metrokota.go.id"),
                ],
            )
            .await;
        app.expect(StatusCode::SEE_OTHER);
        let app_id = id_from_location(&app.location());
        let server = b
            .post(
                "/katalog/aset",
                &[
                    ("pd_id", &dinkes),
                    ("name", "Server Puskesmas 01"),
                    ("status", "operasi"),
                    ("asset_kind", "server"),
                    ("location", "pusat_data"),
                ],
            )
            .await;
        let server_id = id_from_location(&server.location());
        let service = b
            .post(
                "/katalog/layanan",
                &[
                    ("pd_id", &dinkes),
                    ("name", "Layanan Rekam Medis"),
                    ("status", "operasi"),
                    ("service_type", "publik"),
                    ("sector", "kesehatan"),
                    ("smart_city", "masyarakat"),
                ],
            )
            .await;
        let service_id = id_from_location(&service.location());
        let data = b
            .post(
                "/katalog/data",
                &[
                    ("pd_id", &dinkes),
                    ("name", "Data Kunjungan Pasien"),
                    ("status", "aktif"),
                    ("walidata", "Walidata Dinkes"),
                    ("classification", "terbatas"),
                    ("format", "basis_data"),
                    ("update_frequency", "bulanan"),
                    ("nature", "transaksional"),
                ],
            )
            .await;
        let data_id = id_from_location(&data.location());

        // Link through the page: search for the target, then post the link.
        let found = b
            .get(&format!(
                "/katalog/aplikasi/{app_id}?link_q=server+puskesmas"
            ))
            .await;
        assert!(found.body.contains("Server Puskesmas 01"));
        for to in [&server_id, &data_id] {
            assert_eq!(
                b.post(&format!("/katalog/aplikasi/{app_id}/tautan"), &[("to", to)])
                    .await
                    .status,
                StatusCode::SEE_OTHER
            );
        }
        assert_eq!(
            b.post(
                &format!("/katalog/layanan/{service_id}/tautan"),
                &[("to", &app_id)]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        // A link between kinds that do not relate is refused with a message.
        let wrong = b
            .post(
                &format!("/katalog/aset/{server_id}/tautan"),
                &[("to", &service_id)],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);

        let detail = b.get(&format!("/katalog/aplikasi/{app_id}")).await.body;
        assert!(
            detail.contains("berjalan di")
                && detail.contains("Server Puskesmas 01")
                && detail.contains("Layanan Rekam Medis")
        );
        assert!(
            detail.contains("G2G (antarinstansi), G2C (masyarakat)"),
            "multi values shown with labels"
        );
        assert!(
            detail.contains("<td>Dibuat</td>") && detail.contains("<td>Ditautkan</td>"),
            "history with action labels (issue 9.14)"
        );
        let impact = b
            .get(&format!("/katalog/aset/{server_id}/dampak"))
            .await
            .body;
        assert!(
            impact.contains("SIKDA Generik") && impact.contains("Layanan Rekam Medis"),
            "server → app → service"
        );
        // The PD page shows its catalogue.
        assert!(b
            .get(&format!("/pd/{dinkes}"))
            .await
            .body
            .contains("/katalog/aplikasi?pd="));
    }
}

#[tokio::test]
async fn the_api_lists_searches_and_describes_each_kind() {
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let pd = s.pd_id("DISKOMINFO").await;
        for (i, name) in ["Portal Satu Data", "JDIH Kota Metro", "Portal PPID"]
            .iter()
            .enumerate()
        {
            let r = api
                .post("/catalogue/application", json!({"pd_id": pd, "name": name, "code": format!("APP{i}"), "status": "produksi", "data": {"app_type": "umum", "complexity": "kecil", "audience": ["g2c"], "developer": "dinas", "source_model": "terbuka", "platform": "web"}}))
                .await;
            r.expect(StatusCode::CREATED);
        }
        let r = api
            .get("/catalogue/application?q=portal&sort=name")
            .await
            .json();
        assert_eq!(r["total"], 2);
        assert_eq!(r["items"][0]["name"], "Portal PPID");
        let schema = api.get("/catalogue/dataset/schema").await.json();
        assert!(schema["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "classification" && f["values"][2] == "rahasia"));
        let r = api
            .post(
                "/catalogue/application",
                json!({"pd_id": pd, "name": "X", "status": "hidup", "data": {"warna": "merah"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert!(
            fields.contains(&"status".to_owned()) && fields.contains(&"warna".to_owned()),
            "{fields:?}"
        );
        let r = api.post("/catalogue/application", json!({"pd_id": pd, "name": "Dup", "code": "APP0", "status": "produksi", "data": {"app_type": "khusus", "audience": "g2e", "developer": "dinas", "source_model": "terbuka", "platform": "web"}})).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let r = api.post("/catalogue/application", json!({"pd_id": pd, "name": "Ref", "status": "produksi", "ref_code": "RAL.01.01", "data": {"app_type": "khusus", "audience": "g2e", "developer": "dinas", "source_model": "terbuka", "platform": "web"}})).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a service code is not an application code"
        );
        assert_eq!(
            api.get("/catalogue/kapal").await.status,
            StatusCode::NOT_FOUND
        );
        let refs = api.get("/ref-codes?tree=RAA").await;
        assert!(refs.json().as_array().unwrap().len() >= 4, "{}", refs.body);
    }
}

#[tokio::test]
async fn the_walidata_edits_datasets_of_any_pd_but_no_applications() {
    for s in Server::all().await {
        let api = s.api("walidata").await;
        let pd = s.pd_id("BPKAD").await;
        let r = api.post("/catalogue/dataset", json!({"pd_id": pd, "name": "Data BMD", "status": "aktif", "data": {"walidata": "Walidata", "classification": "rahasia", "format": "xlsx", "update_frequency": "tahunan", "nature": "master"}})).await;
        r.expect(StatusCode::CREATED);
        let r = api.post("/catalogue/application", json!({"pd_id": pd, "name": "X", "status": "produksi", "data": {"app_type": "khusus", "audience": "g2e", "developer": "dinas", "source_model": "terbuka", "platform": "web"}})).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_walidata_filters_datasets_by_classification_frequency_and_last_update() {
    for s in Server::all().await {
        let api = s.api("walidata").await;
        let pd = s.pd_id("BPKAD").await;
        for (name, class, freq, last) in [
            (
                "Data Aset Terbuka",
                "terbuka",
                "bulanan",
                Some("2026-01-10"),
            ),
            (
                "Data Gaji Rahasia",
                "rahasia",
                "bulanan",
                Some("2024-03-01"),
            ),
            ("Data Tahunan Terbuka", "terbuka", "tahunan", None),
        ] {
            let mut data = json!({"walidata": "Walidata", "classification": class, "format": "xlsx", "update_frequency": freq, "nature": "master"});
            if let Some(l) = last {
                data["last_updated"] = json!(l);
            }
            let r = api
                .post(
                    "/catalogue/dataset",
                    json!({"pd_id": pd, "name": name, "status": "aktif", "data": data}),
                )
                .await;
            r.expect(StatusCode::CREATED);
        }
        let names = |r: &common::Resp| -> Vec<String> {
            let mut v: Vec<String> = r.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["name"].as_str().unwrap().to_owned())
                .collect();
            v.sort();
            v
        };
        let r = api.get("/catalogue/dataset?classification=terbuka").await;
        assert_eq!(
            names(&r),
            ["Data Aset Terbuka", "Data Tahunan Terbuka"],
            "{}",
            r.body
        );
        let r = api
            .get("/catalogue/dataset?classification=terbuka&update_frequency=tahunan")
            .await;
        assert_eq!(names(&r), ["Data Tahunan Terbuka"]);
        // Last updated before 2025, or never.
        let r = api
            .get("/catalogue/dataset?last_updated_before=2025-01-01")
            .await;
        assert_eq!(names(&r), ["Data Gaji Rahasia", "Data Tahunan Terbuka"]);
        let r = api.get("/catalogue/dataset?classification=rahasiaa").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = api
            .get("/catalogue/dataset?last_updated_before=kemarin")
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        let mut b = s.login("walidata").await;
        let page = b.get("/katalog/data").await;
        assert!(
            page.body.contains("name=\"classification\"")
                && page.body.contains("name=\"last_updated_before\"")
        );
        let page = b
            .get("/katalog/data?classification=rahasia&update_frequency=bulanan&last_updated_before=2025-01-01")
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Data Gaji Rahasia"));
        assert!(
            !page.body.contains("Data Aset Terbuka") && !page.body.contains("Data Tahunan Terbuka")
        );
        // Other kinds have no such filters.
        let apps = b.get("/katalog/aplikasi").await;
        assert!(!apps.body.contains("name=\"classification\""));
    }
}
