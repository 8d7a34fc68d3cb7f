//! The OpenAPI document tells the truth: what it lists is what the API sends and accepts,
//! and the status codes of bad requests are the documented ones, with the error body.

mod common;

use common::Server;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn document() -> Value {
    serde_json::from_str(&simpul_web::api::openapi_document()).unwrap()
}

/// The documented response codes of one operation.
fn statuses(doc: &Value, method: &str, path: &str) -> Vec<String> {
    doc["paths"][path][method]["responses"]
        .as_object()
        .unwrap_or_else(|| panic!("{method} {path} is not documented"))
        .keys()
        .cloned()
        .collect()
}

fn assert_error_body(r: &common::Resp, field: &str) {
    let v: Value = serde_json::from_str(&r.body)
        .unwrap_or_else(|_| panic!("{}: not the JSON error body: {:.200}", r.status, r.body));
    assert_eq!(v["errors"][0]["field"], field, "{}", r.body);
    assert!(
        v["errors"][0]["detail"]
            .as_str()
            .is_some_and(|d| !d.is_empty()),
        "{}",
        r.body
    );
}

async fn dinkes_app(s: &Server) -> String {
    let api = s.api("admin.kominfo").await;
    let pd = s.pd_id("DINKES").await;
    let r = api
        .post("/catalogue/application", json!({"pd_id": pd, "name": "SIKDA OpenAPI", "status": "produksi", "data": {"app_type": "khusus", "audience": ["g2c"], "developer": "pihak_ketiga", "via_dinas": false, "source_model": "terbuka", "platform": "web"}}))
        .await;
    r.expect(StatusCode::CREATED);
    r.id()
}

#[tokio::test]
async fn the_rule_enum_lists_the_codes_that_findings_carry() {
    let doc = document();
    let codes: Vec<&str> = doc["components"]["schemas"]["Rule"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"ORG-6") && codes.contains(&"DAT-2"),
        "{codes:?}"
    );
    assert!(!codes.contains(&"Org6"), "{codes:?}");
    for s in Server::all().await {
        dinkes_app(&s).await;
        let api = s.api("admin.kominfo").await;
        assert!(api
            .post("/compliance/evaluate", json!({}))
            .await
            .status
            .is_success());
        let r = api.get("/findings?per_page=100").await;
        r.expect(StatusCode::OK);
        let items = r.json()["items"].as_array().cloned().unwrap_or_default();
        assert!(!items.is_empty(), "{}", r.body);
        for f in items {
            let rule = f["rule"].as_str().unwrap().to_owned();
            assert!(codes.contains(&rule.as_str()), "{rule} is not in {codes:?}");
        }
    }
}

#[tokio::test]
async fn the_upload_title_is_documented_as_it_behaves_optional_and_never_null() {
    let doc = document();
    for schema in ["UploadDoc", "EvidenceUpload"] {
        let s = &doc["components"]["schemas"][schema];
        assert!(
            !s["required"].as_array().unwrap().contains(&json!("title")),
            "{s}"
        );
        // A multipart field is text: it cannot be null.
        assert_eq!(s["properties"]["title"]["type"], "string", "{s}");
    }
    for s in Server::all().await {
        let app = dinkes_app(&s).await;
        let api = s.api("operator.dinkes").await;
        let r = api
            .attach_sop(&app, "sop.pdf", b"%PDF-1.7 SOP".to_vec())
            .await;
        r.expect(StatusCode::CREATED);
        assert_eq!(r.json()["title"], "sop.pdf", "{}", r.body);
    }
}

#[tokio::test]
async fn an_upload_over_the_body_limit_answers_the_documented_413() {
    let path = "/api/v1/catalogue/{kind}/{id}/documents";
    assert!(statuses(&document(), "post", path).contains(&"413".to_owned()));
    for s in Server::all().await {
        let app = dinkes_app(&s).await;
        let api = s.api("operator.dinkes").await;
        let mut big = b"%PDF-".to_vec();
        big.resize(21 * 1024 * 1024, b'x');
        let r = api
            .upload(
                &format!("/catalogue/application/{app}/documents"),
                &[
                    ("doc_type", "sop"),
                    ("title", "Terlalu besar"),
                    ("classification", "terbuka"),
                ],
                "big.pdf",
                big,
            )
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{:.300}", r.body);
        assert_error_body(&r, "file");
    }
}

#[tokio::test]
async fn a_query_that_is_not_utf8_answers_the_documented_400() {
    assert!(statuses(&document(), "get", "/api/v1/catalogue/{kind}").contains(&"400".to_owned()));
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let r = api.get("/catalogue/application?q=%ff%fe").await;
        r.expect(StatusCode::BAD_REQUEST);
        assert_error_body(&r, "query");
        let r = api.get("/catalogue/application?q=sik%C3%A4").await;
        r.expect(StatusCode::OK);
        let mut b = s.login("admin.kominfo").await;
        let r = b.get("/katalog/aplikasi?q=%ff%fe").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn an_audit_query_with_a_malformed_date_answers_400_naming_the_field() {
    assert!(statuses(&document(), "get", "/api/v1/audit").contains(&"400".to_owned()));
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let r = api.get("/audit?from=garbage").await;
        r.expect(StatusCode::BAD_REQUEST);
        assert_error_body(&r, "from");
        let r = api.get("/audit?to=2026-13-40").await;
        r.expect(StatusCode::BAD_REQUEST);
        assert_error_body(&r, "to");
        let r = api.get("/audit?from=2020-01-01&to=2099-12-31").await;
        r.expect(StatusCode::OK);
        assert!(r.json()["total"].as_i64().unwrap() > 0, "{}", r.body);
    }
}

/// Sends `GET target` on a new connection by hand (HTTP clients refuse URIs over 64 KiB)
/// and returns the status, the head and the body.
async fn raw_get(base: &str, target: &str, token: Option<&str>) -> (u16, String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.trim_start_matches("http://");
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    let req = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\n{auth}Connection: close\r\n\r\n");
    c.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    c.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_owned())
}

#[tokio::test]
async fn an_overlong_uri_gets_414_with_the_error_body_or_page() {
    assert!(statuses(&document(), "get", "/api/v1/catalogue/{kind}").contains(&"414".to_owned()));
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let long = "x".repeat(100_000);
        let target = format!("/api/v1/catalogue/application?q={long}");
        let (status, head, body) = raw_get(&s.base, &target, api.token.as_deref()).await;
        assert_eq!(status, 414, "{head}");
        assert!(head.contains("content-type: application/json"), "{head}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["errors"][0]["field"], "uri", "{body}");
        assert!(v["errors"][0]["detail"].as_str().unwrap().contains("URI"));
        let (status, head, body) = raw_get(&s.base, &format!("/katalog?q={long}"), None).await;
        assert_eq!(status, 414, "{head}");
        assert!(head.contains("content-type: text/html"), "{head}");
        assert!(body.contains("URI terlalu panjang"), "{:.300}", body);
        // The server still answers.
        assert_eq!(api.get("/me").await.status, StatusCode::OK);
    }
}
