//! The rule pack over HTTP on every backend (issue 9.11): `PUT /api/v1/compliance/pack`
//! switches it (admin only, bad slugs are 422), PD pages show the PD Mandiri TIK status only
//! under a regulation that has it, the builder is named for what the regulation calls it, and
//! the Kepatuhan page names the rules without data beside its share of "met".

mod common;

use common::Server;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn pd_pages_show_the_mandiri_tik_status_only_where_the_regulation_has_it() {
    for s in Server::all().await {
        let mut admin = s.login("admin.kominfo").await;
        let pd = s.pd_id("DINKES").await;
        // Perda Kota Metro 8/2019 has no PD Mandiri TIK.
        let form = admin.get(&format!("/pd/{pd}/ubah")).await.body;
        assert!(form.contains("name=\"is_kominfo\""));
        assert!(
            !form.contains("name=\"mandiri_tik\""),
            "no such status in Metro"
        );
        assert!(!admin
            .get(&format!("/pd/{pd}"))
            .await
            .body
            .contains("Mandiri TIK"));
        let app_form = admin.get("/katalog/aplikasi/baru").await.body;
        assert!(
            !app_form.contains("PD Mandiri TIK"),
            "builder named as the PD itself"
        );
        assert!(app_form.contains("Perangkat Daerah sendiri"));

        let api = s.api("admin.kominfo").await;
        let r = api
            .put("/compliance/pack", json!({"pack": "manggarai"}))
            .await;
        r.expect(StatusCode::OK);
        assert_eq!(r.json()["pack"], "manggarai");
        assert_eq!(r.json()["own"], false);
        assert_eq!(r.json()["instrument"], "Perbup 52/2021");
        // Perbup Manggarai 52/2021 has it (Pasal 1 angka 31, Pasal 18).
        let form = admin.get(&format!("/pd/{pd}/ubah")).await.body;
        assert!(form.contains("name=\"mandiri_tik\""));
        assert!(admin
            .get("/katalog/aplikasi/baru")
            .await
            .body
            .contains("PD Mandiri TIK"));

        let r = api
            .put("/compliance/pack", json!({"pack": "atlantis"}))
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("pack"));
        let r = api.put("/compliance/pack", json!({"pack": null})).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["pack"], "metro");
        assert_eq!(r.json()["own"], true);

        let operator = s.api("operator.dinkes").await;
        let r = operator
            .put("/compliance/pack", json!({"pack": "manggarai"}))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn the_compliance_page_and_api_name_the_rules_without_data_beside_the_share_met() {
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        assert_eq!(
            api.post("/compliance/evaluate", json!({})).await.status,
            StatusCode::OK
        );
        let o = api.get("/compliance").await.json();
        let c = &o["rule_counts"];
        let no_data: Vec<&str> = c["no_data_rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(no_data.contains(&"EVA-2"), "{c}");
        assert_eq!(c["no_data"].as_u64().unwrap() as usize, no_data.len());
        let mut b = s.login("admin.kominfo").await;
        let page = b.get("/kepatuhan").await.body;
        let headline = format!(
            "{} dari {} aturan terpenuhi; {} aturan tanpa data",
            c["met"], c["with_data"], c["no_data"]
        );
        assert!(page.contains(&headline), "{page}");
        assert!(page.contains("aturan yang ada datanya"));
        assert!(page.contains("EVA-2"));
        let report = b.get("/kepatuhan/laporan").await.body;
        assert!(report.contains(&headline), "{report}");
    }
}

#[tokio::test]
async fn a_metro_app2_finding_page_and_the_proposal_form_cite_pasal_48_ayat_1() {
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let pd = s.pd_id("DINKES").await;
        let r = api
            .post(
                "/catalogue/application",
                json!({"pd_id": pd, "name": "e-Klinik", "status": "produksi",
                    "data": {"app_type": "khusus", "audience": ["g2e"], "developer": "pihak_ketiga",
                             "via_dinas": false, "source_model": "terbuka", "platform": "web"}}),
            )
            .await;
        r.expect(StatusCode::CREATED);
        let list = api.get("/findings?rule=APP-2").await.json();
        let id = list["items"][0]["id"].as_str().unwrap().to_owned();
        let detail = api.get(&format!("/findings/{id}")).await.json();
        assert_eq!(
            detail["sanction"]["citation"],
            "Pasal 48 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019"
        );
        let mut b = s.login("admin.kominfo").await;
        let page = b.get(&format!("/temuan/{id}")).await.body;
        assert!(
            page.contains("Pasal 48 ayat (1) Perda Kota Metro"),
            "{page}"
        );
        assert!(page.contains("sebagaimana dimaksud dalam Pasal 18"));
        assert!(page.contains("Pasal 17 ayat (1)"));
        let form = b.get(&format!("/sanksi/baru?pd_id={pd}")).await.body;
        assert!(
            form.contains("Pasal 48 ayat (1) Perda Kota Metro"),
            "{form}"
        );
        assert!(form.contains("Pasal 48 ayat (2) Perda Kota Metro"));
    }
}
