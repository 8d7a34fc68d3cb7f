//! Bad input gets a 4xx naming the field, in Bahasa Indonesia (English when asked), and
//! writes nothing.

mod common;

use common::Server;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn nothing_written(s: &Server, before: (i64, i64)) {
    assert_eq!(
        (
            s.audit_len().await,
            s.count("SELECT COUNT(*) FROM pds").await
        ),
        before,
        "something was written ({:?})",
        s.backend
    );
}

async fn snapshot(s: &Server) -> (i64, i64) {
    (
        s.audit_len().await,
        s.count("SELECT COUNT(*) FROM pds").await,
    )
}

#[tokio::test]
async fn bad_pd_forms_get_field_messages_keep_input_and_write_nothing() {
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let before = snapshot(&s).await;
        let long = "x".repeat(100_000);
        for (fields, field, message) in [
            (
                vec![
                    ("code", "DISKOP"),
                    ("name", ""),
                    ("short_name", "Diskop"),
                    ("kind", "dinas"),
                ],
                "e-name",
                "Wajib diisi.",
            ),
            (
                vec![
                    ("code", "DISKOP"),
                    ("name", long.as_str()),
                    ("short_name", "Diskop"),
                    ("kind", "dinas"),
                ],
                "e-name",
                "Paling banyak 200 karakter.",
            ),
            (
                vec![
                    ("code", "DISKOP"),
                    ("name", "Dinas Koperasi"),
                    ("short_name", "Diskop"),
                    ("kind", "kementerian"),
                ],
                "e-kind",
                "Nilai tidak dikenal.",
            ),
            (
                vec![
                    ("code", "bad code!"),
                    ("name", "Dinas Koperasi"),
                    ("short_name", "Diskop"),
                    ("kind", "dinas"),
                ],
                "e-code",
                "Kode 2–20 karakter",
            ),
            (
                vec![
                    ("code", "DINKES"),
                    ("name", "Duplikat"),
                    ("short_name", "Dup"),
                    ("kind", "dinas"),
                ],
                "e-code",
                "Nilai ini sudah dipakai.",
            ),
        ] {
            let r = b.post("/pd", &fields).await;
            assert!(r.status.is_client_error(), "{field}: {}", r.status);
            let at = r
                .body
                .find(&format!("id=\"{field}\""))
                .unwrap_or_else(|| panic!("{field} message missing"));
            assert!(
                r.body[at..].contains(message),
                "{field}: expected {message}"
            );
            assert!(
                r.body.contains("value=\"Diskop\"") || r.body.contains("value=\"Dup\""),
                "the user's input is kept"
            );
            nothing_written(&s, before).await;
        }
    }
}

#[tokio::test]
async fn invalid_utf8_and_missing_csrf_are_rejected_without_writing() {
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let before = snapshot(&s).await;
        let body = format!(
            "_csrf={}&code=X1&name=%FF%FE&short_name=x&kind=dinas",
            b.csrf
        );
        let r = b.post_raw("/pd", body.into_bytes()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("bukan UTF-8"), "{}", r.body);
        let mut raw = format!("_csrf={}&code=X2&name=", b.csrf).into_bytes();
        raw.extend_from_slice(&[0xff, 0xfe]);
        assert_eq!(b.post_raw("/pd", raw).await.status, StatusCode::BAD_REQUEST);
        let r = b
            .post_without_csrf(
                "/pd",
                &[
                    ("code", "X3"),
                    ("name", "Tanpa CSRF"),
                    ("short_name", "x"),
                    ("kind", "dinas"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.body.contains("Formulir kedaluwarsa"), "{}", r.body);
        let r = b
            .post_without_csrf(
                "/pd",
                &[
                    ("_csrf", "forged-token-forged-token-forged-token-xxxx"),
                    ("code", "X4"),
                    ("name", "N"),
                    ("short_name", "x"),
                    ("kind", "dinas"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        nothing_written(&s, before).await;
    }
}

#[tokio::test]
async fn bad_api_bodies_get_json_errors_naming_the_field() {
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let before = snapshot(&s).await;
        let r = api
            .post(
                "/pd",
                json!({"code": "X", "name": "", "short_name": "x", "kind": "kementerian"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let errs = r.json()["errors"].as_array().unwrap().clone();
        let fields: Vec<&str> = errs.iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["code", "name", "kind"]);
        assert_eq!(errs[1]["detail"], "Wajib diisi.");
        assert!(
            errs[2]["detail"].as_str().unwrap().contains("dinas"),
            "the accepted values are named"
        );

        let r = api.post("/pd", json!({"code": "LONG", "name": "x".repeat(100_000), "short_name": "x", "kind": "dinas"})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "name");

        let r = api
            .raw(
                Method::POST,
                "/pd",
                "application/json",
                b"{\"code\": \"X\",".to_vec(),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.json()["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("JSON tidak valid"));

        let r = api
            .raw(
                Method::POST,
                "/pd",
                "application/json",
                b"{\"code\": \"X\", \"name\": 5, \"short_name\": \"x\", \"kind\": \"dinas\"}"
                    .to_vec(),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "name");

        let r = api
            .raw(
                Method::POST,
                "/pd",
                "application/json",
                b"{\"short_name\": \"x\", \"kind\": \"dinas\", \"name\": \"n\"}".to_vec(),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "code");

        let mut bytes = b"{\"code\": \"X\", \"name\": \"".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe]);
        bytes.extend_from_slice(b"\", \"short_name\": \"x\", \"kind\": \"dinas\"}");
        let r = api
            .raw(Method::POST, "/pd", "application/json", bytes)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.json()["errors"].is_array());

        let r = api
            .raw(Method::POST, "/pd", "text/plain", b"code=X".to_vec())
            .await;
        assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(r.json()["errors"][0]["field"], "content-type");

        let r = api
            .put(
                "/users/not-a-uuid",
                json!({"username": "abc", "full_name": "A", "role": "auditor"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = api.get("/pd?include_retired=maybe").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.json()["errors"].is_array());
        nothing_written(&s, before).await;
    }
}

#[tokio::test]
async fn api_errors_are_in_english_when_asked() {
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let client = reqwest::Client::new();
        let r = client
            .post(format!("{}/api/v1/pd", s.base))
            .bearer_auth(api.token.as_deref().unwrap())
            .header("accept-language", "en-GB,en;q=0.9")
            .json(&json!({"code": "OK1", "name": "", "short_name": "x", "kind": "dinas"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["errors"][0]["detail"], "Required.");
    }
}

#[tokio::test]
async fn an_overlarge_body_is_refused_with_413() {
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let big = format!(
            "{{\"code\":\"X\",\"name\":\"{}\",\"short_name\":\"x\",\"kind\":\"dinas\"}}",
            "x".repeat(2 * 1024 * 1024)
        );
        let r = api
            .raw(Method::POST, "/pd", "application/json", big.into_bytes())
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    }
}

#[tokio::test]
async fn a_next_with_control_characters_redirects_home_instead_of_failing() {
    for s in Server::all().await {
        let mut b = s.browser();
        for next in ["/%0d%0aX:%201", "/%0aX", "/%00", "/%7f", "/a%09b"] {
            let r = b.get(&format!("/bahasa/en?next={next}")).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "lang next={next}");
            assert_eq!(r.location(), "/", "lang next={next}");
            let page = b.get("/masuk").await;
            let token = common::csrf_in(&page.body).unwrap();
            let body = format!(
                "_csrf={token}&username=admin.kominfo&password={}&next={next}",
                simpul_demo::password()
            );
            let r = b.post_raw("/masuk", body.into_bytes()).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "login next={next}");
            assert_eq!(r.location(), "/", "login next={next}");
            let r = b.get(&format!("/masuk?next={next}")).await;
            assert_eq!(r.status, StatusCode::OK, "login form next={next}");
            // The form carries `/` (escaped by the templates as `&#x2f;`), not the bad target.
            assert!(
                r.body.contains("name=\"next\" value=\"&#x2f;\"")
                    || r.body.contains("name=\"next\" value=\"/\""),
                "{}",
                r.body
            );
        }
    }
}
