//! SPBE evaluation API on every backend: the workflow from opening a period to signed final
//! levels, who may do which step, and the XLSX export → import round trip.

mod common;

use common::Server;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn open(s: &Server, year: i64) -> String {
    let admin = s.api("admin.kominfo").await;
    let r = admin
        .post(
            "/evaluations",
            json!({"year": year, "self_assessment_due": "2026-05-31"}),
        )
        .await;
    r.expect(StatusCode::CREATED);
    r.id()
}

async fn assign(s: &Server, id: &str, pairs: &[(u16, &str)]) {
    let admin = s.api("admin.kominfo").await;
    let mut list = Vec::new();
    for (n, code) in pairs {
        list.push(json!({"indicator": n, "pd_id": s.pd_id(code).await}));
    }
    let r = admin
        .put(
            &format!("/evaluations/{id}/assignments"),
            json!({"assignments": list}),
        )
        .await;
    r.expect(StatusCode::OK);
}

async fn step(api: &common::Api, id: &str, n: u16, body: Value) -> common::Resp {
    api.post(&format!("/evaluations/{id}/indicators/{n}/steps"), body)
        .await
}

#[tokio::test]
async fn a_year_runs_from_assignment_to_signed_final_levels() {
    for s in Server::all().await {
        let id = open(&s, 2026).await;
        let admin = s.api("admin.kominfo").await;
        let dup = admin.post("/evaluations", json!({"year": 2026})).await;
        dup.expect(StatusCode::CONFLICT);
        assign(&s, &id, &[(1, "DINKES"), (2, "DISDUKCAPIL")]).await;
        let op = s.api("operator.dinkes").await;
        let other = s.api("operator.disdukcapil").await;
        let koord = s.api("koordinator").await;
        let eval = s.api("auditor").await;

        let claim =
            json!({"step": "claim", "level": 3, "explanation": "Perwal Arsitektur SPBE 2024"});
        assert_eq!(
            step(&op, &id, 1, claim.clone()).await.status,
            StatusCode::OK
        );
        // Only the operator of the assigned PD answers; nobody else claims.
        assert_eq!(
            step(&op, &id, 2, claim.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            step(&op, &id, 3, claim.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            step(&other, &id, 1, claim.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            step(&eval, &id, 1, claim.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            step(&admin, &id, 1, claim.clone()).await.status,
            StatusCode::FORBIDDEN
        );
        let bad = step(
            &op,
            &id,
            1,
            json!({"step": "claim", "level": 6, "explanation": "x"}),
        )
        .await;
        bad.expect(StatusCode::UNPROCESSABLE_ENTITY);

        let up = op
            .upload(
                &format!("/evaluations/{id}/indicators/1/evidence"),
                &[("title", "Perwal")],
                "perwal.pdf",
                b"%PDF-1.7 perwal".to_vec(),
            )
            .await;
        up.expect(StatusCode::CREATED);
        let ev = up.id();
        let up2 = other
            .upload(
                &format!("/evaluations/{id}/indicators/1/evidence"),
                &[],
                "x.pdf",
                b"%PDF-1.7".to_vec(),
            )
            .await;
        up2.expect(StatusCode::FORBIDDEN);
        let got = koord.get(&format!("/evaluations/{id}/evidence/{ev}")).await;
        assert_eq!(
            (got.status, got.body.as_str()),
            (StatusCode::OK, "%PDF-1.7 perwal")
        );

        // Submit, returned with a note, corrected, resubmitted, accepted; a step the answer's
        // state does not allow is a conflict (accepting a draft, claiming once submitted).
        assert_eq!(
            step(&koord, &id, 1, json!({"step": "accept"})).await.status,
            StatusCode::CONFLICT
        );
        assert_eq!(
            step(&op, &id, 1, json!({"step": "submit"})).await.status,
            StatusCode::OK
        );
        assert_eq!(
            step(&op, &id, 1, claim.clone()).await.status,
            StatusCode::CONFLICT
        );
        assert_eq!(
            step(&op, &id, 1, json!({"step": "return", "note": "x"}))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let r = step(
            &koord,
            &id,
            1,
            json!({"step": "return", "note": "Lampirkan SK"}),
        )
        .await;
        assert_eq!(r.json()["review_status"], "dikembalikan");
        let claim4 = json!({"step": "claim", "level": 4, "explanation": "Perwal dan SK"});
        assert_eq!(step(&op, &id, 1, claim4).await.status, StatusCode::OK);
        assert_eq!(
            step(&op, &id, 1, json!({"step": "submit"})).await.status,
            StatusCode::OK
        );
        let r = step(&koord, &id, 1, json!({"step": "accept"})).await;
        assert_eq!(r.json()["review_status"], "diterima", "{}", r.body);

        // Evaluator: document assessment, the PD objects, final level; the claim is untouched.
        let early = step(&eval, &id, 1, json!({"step": "validate", "level": 3})).await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            step(
                &koord,
                &id,
                1,
                json!({"step": "assess", "document_level": 3})
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let r = step(&eval, &id, 1, json!({"step": "assess", "document_level": 3, "interview_note": "SK belum ditandatangani"})).await;
        r.expect(StatusCode::OK);
        assert_eq!(
            step(&other, &id, 1, json!({"step": "sanggah", "text": "x"}))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let r = step(
            &op,
            &id,
            1,
            json!({"step": "sanggah", "text": "SK sudah ditandatangani 2 Mei"}),
        )
        .await;
        r.expect(StatusCode::OK);
        let fin = step(&eval, &id, 1, json!({"step": "validate", "level": 3})).await;
        fin.expect(StatusCode::OK);
        let a = fin.json();
        assert_eq!(
            (a["claimed_level"].as_i64(), a["validated_level"].as_i64()),
            (Some(4), Some(3))
        );
        assert!(a["signature"].as_str().unwrap().starts_with("ed25519:"));
        let again = step(&eval, &id, 1, json!({"step": "validate", "level": 5})).await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "the final level is final"
        );

        let ov = admin.get(&format!("/evaluations/{id}")).await.json();
        // One of 47 indicators: a provisional index and no predicate.
        assert_eq!(ov["claimed"]["index"], "4.00");
        assert_eq!(ov["claimed"]["predicate"], Value::Null);
        assert_eq!(ov["validated"]["index"], "3.00");
        assert_eq!(ov["validated"]["predicate"], Value::Null);
        assert_eq!(ov["validated"]["complete"], false);
        assert_eq!(ov["indicators"][0]["pd_name"], "Dinas Kesehatan");
        // The period's own entries, and each answer's under its case id `<period>/<indicator>`.
        let steps = s
            .count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE entity_id = '{id}' OR entity_id LIKE '{id}/%'"
            ))
            .await;
        assert!(steps >= 12, "every step is audited ({steps})");

        let d = admin
            .get(&format!("/evaluations/{id}/indicators/1"))
            .await
            .json();
        let kinds: Vec<&str> = d["suggested"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["code"].as_str().unwrap())
            .collect();
        assert!(
            kinds.contains(&"business_process") && kinds.contains(&"arsitektur_data"),
            "{kinds:?}"
        );
        let sim = admin
            .post(
                &format!("/evaluations/{id}/simulation"),
                json!({"levels": {"2": 5}}),
            )
            .await
            .json();
        assert_eq!(sim["score"]["scored"], 2);
        assert_eq!(sim["priorities"][0]["indicator"], 1);
        let hist = koord.get("/evaluations/history").await.json();
        assert_eq!(hist[0]["year"], 2026);
    }
}

#[tokio::test]
async fn an_export_reimported_into_a_new_year_reproduces_every_level_and_explanation() {
    for s in Server::all().await {
        let id = open(&s, 2025).await;
        assign(&s, &id, &[(1, "DINKES"), (10, "DINKES"), (47, "DINKES")]).await;
        let op = s.api("operator.dinkes").await;
        let (koord, eval) = (s.api("koordinator").await, s.api("auditor").await);
        for (n, l, e) in [
            (1, 2, "Baris satu"),
            (10, 5, "Multi\nbaris; \"kutip\" & ünïcode"),
            (47, 1, "=1+1 bukan rumus"),
        ] {
            let r = step(
                &op,
                &id,
                n,
                json!({"step": "claim", "level": l, "explanation": e}),
            )
            .await;
            r.expect(StatusCode::OK);
        }
        for (n, v) in [(1, 2), (10, 4)] {
            step(&op, &id, n, json!({"step": "submit"})).await;
            step(&koord, &id, n, json!({"step": "accept"})).await;
            step(
                &eval,
                &id,
                n,
                json!({"step": "assess", "document_level": v}),
            )
            .await;
            let r = step(&eval, &id, n, json!({"step": "validate", "level": v})).await;
            r.expect(StatusCode::OK);
        }
        let admin = s.api("admin.kominfo").await;
        let xlsx = admin
            .call(Method::GET, &format!("/evaluations/{id}/export.xlsx"), None)
            .await;
        assert_eq!(xlsx.status, StatusCode::OK);
        let bytes = reqwest::get(format!("{}/api/v1/evaluations/{id}/export.xlsx", s.base))
            .await
            .unwrap();
        assert_eq!(bytes.status(), StatusCode::UNAUTHORIZED);
        let file = export_bytes(&s, &admin, &id).await;
        let r = op
            .upload(
                "/evaluations/import",
                &[("year", "2024")],
                "e.xlsx",
                file.clone(),
            )
            .await;
        r.expect(StatusCode::FORBIDDEN);
        let r = admin
            .upload("/evaluations/import", &[("year", "2024")], "e.xlsx", file)
            .await;
        r.expect(StatusCode::CREATED);
        let new_id = r.id();
        for n in 1..=47u16 {
            let a = admin
                .get(&format!("/evaluations/{id}/indicators/{n}"))
                .await
                .json()["answer"]
                .clone();
            let b = admin
                .get(&format!("/evaluations/{new_id}/indicators/{n}"))
                .await
                .json()["answer"]
                .clone();
            for k in ["claimed_level", "validated_level", "explanation"] {
                assert_eq!(a.get(k), b.get(k), "indicator {n} {k}");
            }
        }
        // The archive cannot be worked on.
        let r = admin
            .put(
                &format!("/evaluations/{new_id}/assignments"),
                json!({"assignments": [{"indicator": 1, "pd_id": null}]}),
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        let r = step(
            &eval,
            &new_id,
            47,
            json!({"step": "assess", "document_level": 1}),
        )
        .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        let bad = admin
            .upload(
                "/evaluations/import",
                &[("year", "2023")],
                "e.xlsx",
                b"PK\x03\x04 no".to_vec(),
            )
            .await;
        bad.expect(StatusCode::UNPROCESSABLE_ENTITY);
    }
}

async fn export_bytes(s: &Server, api: &common::Api, id: &str) -> Vec<u8> {
    let token = api.token.clone().unwrap();
    reqwest::Client::new()
        .get(format!("{}/api/v1/evaluations/{id}/export.xlsx", s.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec()
}

/// The `errors` of a response as `(field, detail)` pairs.
fn errors(r: &common::Resp) -> Vec<(String, String)> {
    r.json()["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {}", r.body))
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("").to_owned();
            (s("field"), s("detail"))
        })
        .collect()
}

fn pair(field: &str, detail: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), detail.to_owned())]
}

#[tokio::test]
async fn evaluation_errors_are_wholly_in_the_chosen_language_and_name_the_field() {
    for s in Server::all().await {
        let id = open(&s, 2026).await;
        assign(&s, &id, &[(1, "DINKES")]).await;
        let admin = s.api("admin.kominfo").await;
        let op = s.api("operator.dinkes").await;
        let sim = format!("/evaluations/{id}/simulation");
        let cases = [
            (
                &admin,
                sim.clone(),
                json!({"levels": {"1": 0}}),
                pair("levels.1", "Tingkat harus 1 sampai 5."),
            ),
            (
                &admin,
                sim.clone(),
                json!({"levels": {"48": 3}}),
                pair("levels.48", "Nilai tidak dikenal. Pilihan: 1–47."),
            ),
            (
                &admin,
                sim.clone(),
                json!({"levels": {"1": "tiga"}}),
                pair("levels.1", "Harus bilangan bulat."),
            ),
            (
                &op,
                format!("/evaluations/{id}/indicators/1/steps"),
                json!({"step": "claim", "level": 0, "explanation": "Perwal"}),
                pair("level", "Tingkat harus 1 sampai 5."),
            ),
            (
                &op,
                format!("/evaluations/{id}/indicators/1/steps"),
                json!({"step": "claim", "level": "tiga", "explanation": "Perwal"}),
                pair("level", "Harus bilangan bulat."),
            ),
            (
                &op,
                format!("/evaluations/{id}/indicators/1/steps"),
                json!({"step": "claim", "level": 3}),
                pair("explanation", "Wajib diisi."),
            ),
            (
                &op,
                format!("/evaluations/{id}/indicators/1/steps"),
                json!({"step": "terbang"}),
                pair(
                    "step",
                    "Nilai tidak dikenal. Pilihan: claim, submit, return, accept, assess, sanggah, validate.",
                ),
            ),
        ];
        for (api, path, body, expected) in cases {
            let r = api.post(&path, body.clone()).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{body}: {}",
                r.body
            );
            assert_eq!(errors(&r), expected, "{body}");
        }
        let r = admin
            .put(
                &format!("/evaluations/{id}/assignments"),
                json!({"assignments": [{"indicator": 48, "pd_id": null}]}),
            )
            .await;
        assert_eq!(
            errors(&r),
            pair("indicator", "Nilai tidak dikenal. Pilihan: 1–47.")
        );
        let r = admin
            .raw(
                Method::POST,
                &sim,
                "application/json",
                b"{\"levels\":".to_vec(),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            errors(&r),
            pair("levels", "JSON tidak valid di baris:kolom 1:10.")
        );
        // The same mistake in English, for a client that prefers it.
        let en = reqwest::Client::new()
            .post(format!("{}/api/v1{sim}", s.base))
            .bearer_auth(admin.token.clone().unwrap())
            .header("accept-language", "en")
            .json(&json!({"levels": {"1": 0}}))
            .send()
            .await
            .unwrap();
        let body: Value = en.json().await.unwrap();
        assert_eq!(body["errors"][0]["detail"], "The level must be 1 to 5.");
    }
}

#[tokio::test]
async fn layanan_indicators_name_their_levels_informasi_to_optimalisasi_in_the_api() {
    for s in Server::all().await {
        let id = open(&s, 2026).await;
        let admin = s.api("admin.kominfo").await;
        let names = |d: &Value| -> Vec<String> {
            d["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_owned())
                .collect()
        };
        for n in [32, 41, 47] {
            let d = admin
                .get(&format!("/evaluations/{id}/indicators/{n}"))
                .await
                .json();
            assert_eq!(
                names(&d),
                [
                    "Informasi",
                    "Interaksi",
                    "Transaksi",
                    "Kolaborasi",
                    "Optimalisasi"
                ],
                "indicator {n}"
            );
            assert_eq!(d["indicator"]["level_names"][2], "Transaksi");
        }
        let d = admin
            .get(&format!("/evaluations/{id}/indicators/31"))
            .await
            .json();
        assert_eq!(names(&d)[2], "Terdefinisi");
        let sim = admin
            .post(
                &format!("/evaluations/{id}/simulation"),
                json!({"levels": {"32": 2}}),
            )
            .await
            .json();
        assert_eq!(sim["priorities"][0]["next_level_name"], "Transaksi");
        assert_eq!(
            sim["score"]["predicate"],
            Value::Null,
            "1 of 47: no predicate"
        );
    }
}

#[tokio::test]
async fn a_period_of_2019_is_evaluated_under_permenpanrb_5_2018() {
    for s in Server::all().await {
        let id = open(&s, 2019).await;
        let admin = s.api("admin.kominfo").await;
        let ov = admin.get(&format!("/evaluations/{id}")).await.json();
        assert_eq!(ov["period"]["framework"], "spbe-2018");
        assert_eq!(ov["indicators"].as_array().unwrap().len(), 35);
        let r = admin
            .post(
                "/evaluations",
                json!({"year": 2020, "framework": "spbe-2017"}),
            )
            .await;
        assert_eq!(
            errors(&r),
            pair(
                "framework",
                "Nilai tidak dikenal. Pilihan: spbe-2018, spbe-2020."
            )
        );
    }
}

/// Every file under the data directory's blob store.
fn blob_files(s: &Server) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&s.app.config.data_dir.join("blobs"), &mut out);
    out
}

#[tokio::test]
async fn an_unauthorized_evidence_upload_leaves_the_blob_store_unchanged() {
    for s in Server::all().await {
        let id = common::evaluation::seed(&s).await;
        let before = blob_files(&s);
        // Another PD's operator, an auditor, and the right operator on an accepted claim.
        for (who, n, status) in [
            ("operator.disdukcapil", 1, StatusCode::FORBIDDEN),
            ("auditor", 1, StatusCode::FORBIDDEN),
            ("operator.dinkes", 4, StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let r = s
                .api(who)
                .await
                .upload(
                    &format!("/evaluations/{id}/indicators/{n}/evidence"),
                    &[("title", "Sampah")],
                    "sampah.pdf",
                    format!("%PDF-1.7 sampah dari {who}").into_bytes(),
                )
                .await;
            assert_eq!(r.status, status, "{who}: {}", r.body);
        }
        assert_eq!(
            blob_files(&s),
            before,
            "no file written for a refused upload"
        );
    }
}
