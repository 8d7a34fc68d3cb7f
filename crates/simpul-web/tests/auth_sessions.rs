//! Sign-in, sessions, logout, throttling (and the trusted-proxy rule), API tokens (revoked by
//! password changes), security headers and the signed audit checkpoint.

mod common;

use common::Server;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn unknown_user_and_wrong_password_get_the_same_message() {
    for s in Server::all().await {
        let mut a = s.browser();
        let wrong = a.login("admin.kominfo", "bukan-sandinya").await;
        let mut b = s.browser();
        let unknown = b.login("tidak.ada", "bukan-sandinya").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
        for r in [&wrong, &unknown] {
            assert!(r.body.contains("Nama pengguna atau kata sandi salah."));
        }
        assert!(!a.cookies.contains_key("simpul_session"));
    }
}

#[tokio::test]
async fn the_session_cookie_is_httponly_samesite_and_new_at_every_login() {
    for s in Server::all().await {
        let mut b = s.browser();
        let r = b.login("walidata", simpul_demo::password()).await;
        let cookie = r
            .set_cookies()
            .into_iter()
            .find(|c| c.starts_with("simpul_session="))
            .expect("session cookie");
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.contains("Path=/"),
            "{cookie}"
        );
        let first = b.cookies["simpul_session"].clone();
        let again = b.login("walidata", simpul_demo::password()).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        let second = b.cookies["simpul_session"].clone();
        assert_ne!(first, second, "a fresh id at login");
        // The previous session was ended when the new one began.
        let mut old = s.browser();
        old.cookies.insert("simpul_session".into(), first);
        assert_eq!(old.get("/").await.status, StatusCode::OK);
        assert!(old.get("/pd").await.location().starts_with("/masuk"));
        // Only hashes are stored.
        assert_eq!(
            s.count(&format!(
                "SELECT COUNT(*) FROM sessions WHERE id_hash = '{second}'"
            ))
            .await,
            0
        );
    }
}

#[tokio::test]
async fn logout_really_ends_the_session() {
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let cookie = b.cookies["simpul_session"].clone();
        let r = b.post("/keluar", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.location().starts_with("/masuk"));
        let mut replay = s.browser();
        replay.cookies.insert("simpul_session".into(), cookie);
        assert!(
            replay.get("/pd").await.location().starts_with("/masuk"),
            "a replayed cookie is worthless"
        );
    }
}

/// Five failures for `username` from one browser (one client address).
async fn fail_five_times(b: &mut common::Browser, username: &str) {
    for _ in 0..5 {
        assert_eq!(
            b.login(username, "salah-salah-salah").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn repeated_failures_slow_the_guessing_address_with_a_delay_in_seconds() {
    for s in Server::all().await {
        let mut b = s.browser();
        fail_five_times(&mut b, "auditor").await;
        let r = b.login("auditor", simpul_demo::password()).await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "even the right password waits, from the guessing address"
        );
        assert!(r.body.contains("Terlalu banyak percobaan masuk"));
        assert!(r.body.contains("detik"), "{}", r.body);
        // Other accounts are unaffected.
        assert_eq!(
            s.browser()
                .login("pimpinan", simpul_demo::password())
                .await
                .status,
            StatusCode::SEE_OTHER
        );
    }
}

fn behind_proxy() -> simpul_web::WebConfig {
    simpul_web::WebConfig {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..simpul_web::WebConfig::default()
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_owner_signs_in_while_the_guesser_waits() {
    for s in Server::all_with(behind_proxy()).await {
        let mut guesser = s.browser();
        guesser.forwarded_for = Some("203.0.113.9".into());
        fail_five_times(&mut guesser, "auditor").await;
        let r = guesser.login("auditor", simpul_demo::password()).await;
        r.expect(StatusCode::TOO_MANY_REQUESTS);
        let digits: String = r
            .body
            .split("Coba lagi dalam ")
            .nth(1)
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert!(
            digits.parse::<u64>().is_ok_and(|n| n >= 1),
            "coba lagi dalam N detik: {}",
            r.body
        );
        // The owner, at another address behind the same proxy, is not locked out.
        let mut owner = s.browser();
        owner.forwarded_for = Some("198.51.100.20, 203.0.113.50".into());
        let r = owner.login("auditor", simpul_demo::password()).await;
        r.expect(StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored() {
    // No trusted proxies (the default): the header cannot give each guess a fresh address.
    for s in Server::all().await {
        let mut b = s.browser();
        for i in 0..5 {
            b.forwarded_for = Some(format!("203.0.113.{i}"));
            assert_eq!(
                b.login("auditor", "salah-salah-salah").await.status,
                StatusCode::UNAUTHORIZED
            );
        }
        b.forwarded_for = Some("198.51.100.77".into());
        let r = b.login("auditor", simpul_demo::password()).await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "the failures were counted against the real peer"
        );
    }
}

#[tokio::test]
async fn api_tokens_are_shown_once_stored_hashed_and_revocable() {
    for s in Server::all().await {
        let api = s.api("operator.dinkes").await;
        let r = api.post("/tokens", json!({"name": "integrasi"})).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let secret = r.json()["secret"].as_str().unwrap().to_owned();
        let id = r.json()["token"]["id"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("spl_"));
        assert_eq!(
            s.count(&format!(
                "SELECT COUNT(*) FROM api_tokens WHERE token_hash = '{secret}'"
            ))
            .await,
            0
        );
        let listed = api.get("/tokens").await.body;
        assert!(!listed.contains(&secret), "listing never shows secrets");
        let mut mine = s.anonymous_api();
        mine.token = Some(secret.clone());
        assert_eq!(mine.get("/me").await.json()["username"], "operator.dinkes");
        assert_eq!(
            api.call(Method::DELETE, &format!("/tokens/{id}"), None)
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        let r = mine.get("/me").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.headers.get("www-authenticate").unwrap(), "Bearer");
    }
}

#[tokio::test]
async fn deactivating_an_account_ends_its_sessions_and_tokens_stop_working() {
    for s in Server::all().await {
        let victim = s.api("walidata").await;
        let mut vb = s.login("walidata").await;
        let admin = s.api("admin.kominfo").await;
        let id = s.user_id("walidata").await;
        let r = admin.put(&format!("/users/{id}"), json!({"username": "walidata", "full_name": "Walidata", "role": "walidata", "active": false})).await;
        r.expect(StatusCode::OK);
        assert_eq!(victim.get("/me").await.status, StatusCode::UNAUTHORIZED);
        assert!(vb.get("/pd").await.location().starts_with("/masuk"));
        assert_eq!(
            s.browser()
                .login("walidata", simpul_demo::password())
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn an_admin_cannot_demote_themselves() {
    for s in Server::all().await {
        let admin = s.api("admin.kominfo").await;
        let id = s.user_id("admin.kominfo").await;
        let r = admin
            .put(
                &format!("/users/{id}"),
                json!({"username": "admin.kominfo", "full_name": "A", "role": "auditor"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "role");
    }
}

#[tokio::test]
async fn changing_the_own_password_checks_the_current_one_and_signs_out() {
    for s in Server::all().await {
        let mut b = s.login("pimpinan").await;
        let r = b
            .post(
                "/akun/kata-sandi",
                &[
                    ("current_password", "salah"),
                    ("new_password", "sandi-baru-pimpinan"),
                    ("confirm_password", "sandi-baru-pimpinan"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Kata sandi saat ini salah."));
        let r = b
            .post(
                "/akun/kata-sandi",
                &[
                    ("current_password", simpul_demo::password()),
                    ("new_password", "sandi-baru-pimpinan"),
                    ("confirm_password", "sandi-baru-pimpinan"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(b.get("/pd").await.location().starts_with("/masuk"));
        assert_eq!(
            s.browser()
                .login("pimpinan", "sandi-baru-pimpinan")
                .await
                .status,
            StatusCode::SEE_OTHER
        );
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_probes_answer() {
    for s in Server::all().await {
        let mut b = s.browser();
        for path in [
            "/",
            "/masuk",
            "/healthz",
            "/readyz",
            "/nope",
            "/api/v1/openapi.json",
        ] {
            let r = b.get(path).await;
            let csp = r
                .headers
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            assert!(
                csp.contains("frame-ancestors 'none'")
                    && csp.contains("script-src 'self'")
                    && !csp.contains("unsafe-inline"),
                "{path}: {csp}"
            );
            assert_eq!(
                r.headers.get("x-content-type-options").unwrap(),
                "nosniff",
                "{path}"
            );
            assert_eq!(
                r.headers.get("referrer-policy").unwrap(),
                "same-origin",
                "{path}"
            );
            assert!(r.headers.get("x-request-id").is_some(), "{path}");
        }
        assert_eq!(b.get("/healthz").await.body, "ok");
        assert_eq!(b.get("/readyz").await.status, StatusCode::OK);
        assert_eq!(b.get("/nope").await.status, StatusCode::NOT_FOUND);
        let doc = b.get("/api/v1/openapi.json").await.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        assert!(doc["paths"]["/api/v1/pd"]["post"].is_object());
    }
}

#[tokio::test]
async fn changing_the_own_password_revokes_the_accounts_api_tokens() {
    for s in Server::all().await {
        let api = s.api("operator.dinkes").await;
        assert_eq!(api.get("/me").await.status, StatusCode::OK);
        let mut b = s.login("operator.dinkes").await;
        let page = b.get("/akun").await;
        assert!(
            page.body.contains("mencabut semua token API Anda"),
            "the form says so"
        );
        let audit_before = s.audit_len().await;
        let r = b
            .post(
                "/akun/kata-sandi",
                &[
                    ("current_password", simpul_demo::password()),
                    ("new_password", "sandi-baru-yang-panjang"),
                    ("confirm_password", "sandi-baru-yang-panjang"),
                ],
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let login = b.get(&r.location()).await;
        assert!(
            login
                .body
                .contains("Token API Anda dicabut; buat token baru."),
            "{}",
            login.body
        );
        assert_eq!(
            api.get("/me").await.status,
            StatusCode::UNAUTHORIZED,
            "a token made with the old password is dead"
        );
        let uid = s.user_id("operator.dinkes").await;
        assert_eq!(
            s.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke_all' AND entity_id = '{uid}' AND seq > {audit_before}"
            ))
            .await,
            1
        );
    }
}

#[tokio::test]
async fn an_admin_password_reset_revokes_the_accounts_api_tokens() {
    for s in Server::all().await {
        let api = s.api("operator.dinkes").await;
        assert_eq!(api.get("/me").await.status, StatusCode::OK);
        let mut admin = s.login("admin.kominfo").await;
        let uid = s.user_id("operator.dinkes").await;
        let page = admin.get(&format!("/pengguna/{uid}")).await;
        assert!(
            page.body.contains("mencabut semua token API-nya"),
            "the form says so"
        );
        let r = admin
            .post(
                &format!("/pengguna/{uid}/kata-sandi"),
                &[("password", "sandi-setel-ulang-panjang")],
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let shown = admin.get(&r.location()).await;
        assert!(
            shown.body.contains("token API-nya dicabut"),
            "{}",
            shown.body
        );
        assert_eq!(api.get("/me").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            s.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke_all' AND entity_id = '{uid}'"
            ))
            .await,
            1
        );
    }
}

#[tokio::test]
async fn the_signed_audit_checkpoint_is_served_to_admins_and_auditors_only() {
    for s in Server::all().await {
        for (who, status) in [
            ("admin.kominfo", StatusCode::OK),
            ("auditor", StatusCode::OK),
            ("operator.dinkes", StatusCode::FORBIDDEN),
            ("pimpinan", StatusCode::FORBIDDEN),
        ] {
            let r = s.api(who).await.get("/audit/checkpoint").await;
            assert_eq!(r.status, status, "{who}: {}", r.body);
        }
        let r = s.api("auditor").await.get("/audit/checkpoint").await;
        let cp: simpul_domain::audit::Checkpoint = serde_json::from_str(&r.body).unwrap();
        assert!(cp.verify(&s.app.public_key_hex().unwrap()).is_ok());
        // What the witness stored proves the chain intact.
        assert_eq!(
            s.app
                .verify_audit_chain_against(&[cp])
                .await
                .unwrap()
                .map(|_| ()),
            Ok(())
        );
        assert_eq!(
            s.anonymous_api().get("/audit/checkpoint").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
}
