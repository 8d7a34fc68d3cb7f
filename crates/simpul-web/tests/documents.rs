//! Documents on catalogue records: upload limits and types, content addressing, and
//! downloads only through an access check (a `rahasia` document of another PD stays hidden).

mod common;

use common::Server;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn dinkes_app(s: &Server) -> String {
    let api = s.api("admin.kominfo").await;
    let pd = s.pd_id("DINKES").await;
    let r = api
        .call(Method::POST, "/catalogue/application", Some(json!({"pd_id": pd, "name": "SIKDA Dokumen", "status": "produksi", "data": {"app_type": "khusus", "audience": ["g2c"], "developer": "dinas", "source_model": "terbuka", "platform": "web"}})))
        .await;
    r.json()["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_operator_attaches_documents_and_secret_ones_stay_with_their_pd() {
    for s in Server::all().await {
        let app = dinkes_app(&s).await;
        let mut op = s.login("operator.dinkes").await;
        let pdf = b"%PDF-1.7 SOP SIKDA".to_vec();
        let r = op
            .upload(
                &format!("/catalogue/application/{app}/documents"),
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
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = op
            .upload(
                &format!("/catalogue/application/{app}/documents"),
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
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let bad = op
            .upload(
                &format!("/catalogue/application/{app}/documents"),
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
                &format!("/catalogue/application/{app}/documents"),
                &[("doc_type", "sop"), ("classification", "terbatas")],
                "x.pdf",
                pdf.clone(),
                false,
            )
            .await;
        assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);

        let page = op.get(&format!("/catalogue/application/{app}")).await.body;
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

        let got = op.get(&format!("/documents/{sop}")).await;
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
            other.get(&format!("/documents/{sop}")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            other.get(&format!("/documents/{src}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert!(other
            .get(&format!("/catalogue/application/{app}"))
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
                &format!("/catalogue/application/{app}/documents"),
                &[("doc_type", "sop"), ("classification", "terbuka")],
                "x.pdf",
                pdf.clone(),
                true,
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = other_api
            .upload(
                &format!("/catalogue/application/{app}/documents"),
                &[("doc_type", "sop"), ("classification", "terbuka")],
                "x.pdf",
                pdf.clone(),
            )
            .await;
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
            op.get(&format!("/documents/{src}")).await.status,
            StatusCode::OK
        );
        // Withdrawing keeps the document listed as withdrawn.
        assert_eq!(
            op.post(
                &format!("/documents/{sop}/retire"),
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
        let r = api
            .upload(
                &format!("/catalogue/application/{app}/documents"),
                &[("doc_type", "sop"), ("classification", "terbuka")],
                "big.pdf",
                big,
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            &r.body[..r.body.len().min(300)]
        );
        assert_eq!(r.json()["errors"][0]["field"], "file");
        let r = api
            .upload(
                &format!("/catalogue/application/{app}/documents"),
                &[("doc_type", "sop"), ("classification", "terbuka")],
                "ok.pdf",
                b"%PDF-ok".to_vec(),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
}
