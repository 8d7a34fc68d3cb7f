//! Documents on catalogue records: upload limits and types, content addressing, and
//! downloads only through an access check (a `rahasia` document of another PD stays hidden).

mod common;

use common::Server;
use reqwest::StatusCode;
use serde_json::json;

async fn dinkes_app(s: &Server) -> String {
    let api = s.api("admin.kominfo").await;
    let pd = s.pd_id("DINKES").await;
    let r = api
        .post("/catalogue/application", json!({"pd_id": pd, "name": "SIKDA Dokumen", "status": "produksi", "data": {"app_type": "khusus", "audience": ["g2c"], "developer": "dinas", "source_model": "terbuka", "platform": "web"}}))
        .await;
    r.id()
}

#[tokio::test]
async fn an_operator_attaches_documents_and_secret_ones_stay_with_their_pd() {
    for s in Server::all().await {
        let app = dinkes_app(&s).await;
        let mut op = s.login("operator.dinkes").await;
        let pdf = b"%PDF-1.7 SOP SIKDA".to_vec();
        let r = op
            .upload(
                &format!("/katalog/aplikasi/{app}/dokumen"),
                &[
                    ("doc_type", "sop"),
                    ("title", "SOP SIKDA"),
                    ("classification", "terbatas"),
                ],
                "sop.pdf",
                pdf.clone(),
                true,
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let r = op
            .upload(
                &format!("/katalog/aplikasi/{app}/dokumen"),
                &[
                    ("doc_type", "kode_sumber"),
                    ("title", "Kode sumber"),
                    ("classification", "rahasia"),
                ],
                "src.zip",
                b"PK\x03\x04rahasia".to_vec(),
                true,
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let bad = op
            .upload(
                &format!("/katalog/aplikasi/{app}/dokumen"),
                &[("doc_type", "sop"), ("classification", "terbatas")],
                "virus.exe",
                b"MZ\x90".to_vec(),
                true,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("Jenis berkas tidak diterima"));
        let no_csrf = op
            .upload(
                &format!("/katalog/aplikasi/{app}/dokumen"),
                &[("doc_type", "sop"), ("classification", "terbatas")],
                "x.pdf",
                pdf.clone(),
                false,
            )
            .await;
        assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);

        let page = op.get(&format!("/katalog/aplikasi/{app}")).await.body;
        assert!(
            page.contains("SOP SIKDA")
                && page.contains("Kode sumber")
                && page.contains("<td>Dokumen diunggah</td>"),
            "the history names the upload (issue 9.14: labels, not action codes)"
        );
        let docs = s
            .api("auditor")
            .await
            .get(&format!("/catalogue/application/{app}/documents"))
            .await
            .json();
        let id_of = |title: &str| {
            docs.as_array()
                .unwrap()
                .iter()
                .find(|d| d["title"] == title)
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (sop, src) = (id_of("SOP SIKDA"), id_of("Kode sumber"));

        let got = op.get(&format!("/dokumen/{sop}")).await;
        assert_eq!(got.status, StatusCode::OK);
        assert_eq!(got.body.as_bytes(), &pdf[..]);
        assert_eq!(got.headers.get("content-type").unwrap(), "application/pdf");
        assert!(got
            .headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment"));

        // Another PD's operator sees the terbatas document but not the rahasia one.
        let mut other = s.login("operator.disdukcapil").await;
        assert_eq!(
            other.get(&format!("/dokumen/{sop}")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            other.get(&format!("/dokumen/{src}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert!(other
            .get(&format!("/katalog/aplikasi/{app}"))
            .await
            .body
            .contains("rahasia, hanya untuk PD pemilik"));
        let other_api = s.api("operator.disdukcapil").await;
        assert_eq!(
            other_api.get(&format!("/documents/{src}")).await.status,
            StatusCode::NOT_FOUND
        );
        // Nor can they attach documents to it.
        let r = other
            .upload(
                &format!("/katalog/aplikasi/{app}/dokumen"),
                &[("doc_type", "sop"), ("classification", "terbuka")],
                "x.pdf",
                pdf.clone(),
                true,
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = other_api.attach_sop(&app, "x.pdf", pdf.clone()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // The auditor and the owning PD may read the secret one.
        assert_eq!(
            s.api("auditor")
                .await
                .get(&format!("/documents/{src}"))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            op.get(&format!("/dokumen/{src}")).await.status,
            StatusCode::OK
        );
        // Withdrawing keeps the document listed as withdrawn.
        assert_eq!(
            op.post(
                &format!("/dokumen/{sop}/nonaktifkan"),
                &[("reason", "Versi lama"), ("back", "/")]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        assert!(s
            .api("auditor")
            .await
            .get(&format!("/catalogue/application/{app}/documents"))
            .await
            .body
            .contains("Versi lama"));
    }
}

#[tokio::test]
async fn an_oversized_document_is_refused_with_a_field_message() {
    for s in Server::all().await {
        let app = dinkes_app(&s).await;
        let api = s.api("operator.dinkes").await;
        let mut big = b"%PDF-".to_vec();
        big.resize(20 * 1024 * 1024 + 10, b'x');
        let r = api.attach_sop(&app, "big.pdf", big).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            &r.body[..r.body.len().min(300)]
        );
        assert_eq!(r.json()["errors"][0]["field"], "file");
        let r = api.attach_sop(&app, "ok.pdf", b"%PDF-ok".to_vec()).await;
        r.expect(StatusCode::CREATED);
    }
}

/// Issue 9.6: who may not download a `rahasia` document does not learn its title, file name,
/// size or SHA-256 anywhere: not in the API list, not on the record page (only "1 dokumen
/// terbatas"), not in the record's history, not in the audit log. The owning PD, the admin and
/// the auditor still see everything.
#[tokio::test]
async fn other_pd_operator_does_not_see_rahasia_document_metadata() {
    for s in Server::all().await {
        let app = dinkes_app(&s).await;
        let owner = s.api("operator.dinkes").await;
        let r = owner
            .upload(
                &format!("/catalogue/application/{app}/documents"),
                &[
                    ("doc_type", "kode_sumber"),
                    ("title", "Kunci Enkripsi SIKDA"),
                    ("classification", "rahasia"),
                ],
                "kunci-produksi.zip",
                b"PK\x03\x04 kunci rahasia".to_vec(),
            )
            .await;
        r.expect(StatusCode::CREATED);
        let doc = r.json();
        let (id, sha) = (
            doc["id"].as_str().unwrap().to_owned(),
            doc["sha256"].as_str().unwrap().to_owned(),
        );
        let leaks = |body: &str| {
            ["Kunci Enkripsi SIKDA", "kunci-produksi.zip", sha.as_str()]
                .into_iter()
                .filter(|secret| body.contains(secret))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        let list = format!("/catalogue/application/{app}/documents");
        let audit = format!("/audit?entity_id={app}");

        // Another PD's operator: API list, download, record page with its history.
        let other = s.api("operator.disdukcapil").await;
        let r = other.get(&list).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json(), json!([]));
        assert_eq!(
            other.get(&format!("/documents/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        let mut page = s.login("operator.disdukcapil").await;
        let html = page.get(&format!("/katalog/aplikasi/{app}")).await.body;
        assert_eq!(leaks(&html), Vec::<String>::new());
        assert!(html.contains("1 dokumen terbatas"), "{html}");

        // The koordinator reads the audit log, but not the document's metadata.
        let koordinator = s.api("koordinator").await;
        assert_eq!(koordinator.get(&list).await.json(), json!([]));
        let r = koordinator.get(&audit).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(leaks(&r.body), Vec::<String>::new());
        let entry = r.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["action"] == "document.upload")
            .cloned()
            .expect("the upload is in the log");
        let after: serde_json::Value =
            serde_json::from_str(entry["after_json"].as_str().unwrap()).unwrap();
        assert_eq!(after["restricted"], true);
        assert!(after["title"].is_null() && after["sha256"].is_null());
        let mut k = s.login("koordinator").await;
        assert_eq!(leaks(&k.get("/audit").await.body), Vec::<String>::new());
        assert_eq!(
            leaks(&k.get(&format!("/katalog/aplikasi/{app}")).await.body),
            Vec::<String>::new()
        );

        // The owning PD, the admin and the auditor see it all.
        let r = owner.get(&list).await;
        assert_eq!(leaks(&r.body).len(), 3, "{}", r.body);
        let mut own_page = s.login("operator.dinkes").await;
        let html = own_page.get(&format!("/katalog/aplikasi/{app}")).await.body;
        assert!(html.contains("Kunci Enkripsi SIKDA") && !html.contains("dokumen terbatas"));
        for who in ["admin.kominfo", "auditor"] {
            let api = s.api(who).await;
            assert_eq!(leaks(&api.get(&list).await.body).len(), 3, "{who}");
            let log = api.get(&audit).await.body;
            assert!(
                leaks(&log).len() == 3 && !log.contains("restricted"),
                "{who}"
            );
        }
    }
}
