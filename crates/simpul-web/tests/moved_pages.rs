//! Page URLs are Indonesian (issue 10); every old path answers `308 Permanent Redirect` to
//! its new one, with the rest of the path and the query string, for GET and for POST (308
//! keeps the method and the body, so the CSRF token travels with the form).

mod common;

use axum::http::Method;
use common::Server;
use reqwest::StatusCode;
use serde_json::json;
use simpul_web::features::home::pages::moved::MOVED;

/// Ids that fill the old paths' segments.
struct Ids {
    pd: String,
    user: String,
    app: String,
    doc: String,
    token: String,
    member: String,
}

impl Ids {
    async fn of(s: &Server) -> Ids {
        let api = s.api("admin.kominfo").await;
        let pd = s.pd_id("DINKES").await;
        let r = api
            .post("/catalogue/application", json!({"pd_id": pd, "name": "SIKDA Pindah", "status": "produksi", "data": {"app_type": "khusus", "audience": ["g2c"], "developer": "pihak_ketiga", "via_dinas": false, "source_model": "terbuka", "platform": "web"}}))
            .await;
        r.expect(StatusCode::CREATED);
        let app = r.id();
        let r = s
            .api("operator.dinkes")
            .await
            .attach_sop(&app, "sop.pdf", b"%PDF-1.7 SOP".to_vec())
            .await;
        r.expect(StatusCode::CREATED);
        let doc = r.id();
        let tokens = api.get("/tokens").await.json();
        let token = tokens[0]["id"].as_str().unwrap().to_owned();
        let tim = api.get("/tim").await.json();
        let member = tim[0]["id"].as_str().unwrap().to_owned();
        Ids {
            pd,
            user: s.user_id("operator.dinkes").await,
            app,
            doc,
            token,
            member,
        }
    }

    /// `pattern` with its segments filled; `{kind}` by `kind`.
    fn fill(&self, pattern: &str, kind: &str) -> String {
        let id = match pattern.split('/').nth(1) {
            Some("pd") => &self.pd,
            Some("users" | "pengguna") => &self.user,
            Some("catalogue" | "katalog") => &self.app,
            Some("documents" | "dokumen") => &self.doc,
            Some("account" | "akun") => &self.token,
            Some("tim") => &self.member,
            _ => "",
        };
        pattern
            .replace("{kind}", kind)
            .replace("{id}", id)
            .replace("{format}", "csv")
            .replace("{lang}", "en")
            .replace("{slug}", "manggarai")
    }
}

/// The methods the page table answers on `path` (a pattern).
fn methods_of(path: &str) -> Vec<Method> {
    simpul_web::pages::table()
        .routes()
        .iter()
        .filter(|(_, p)| *p == path)
        .map(|(m, _)| m.clone())
        .collect()
}

#[test]
fn every_old_path_moves_to_a_page_route_and_no_page_route_is_old() {
    for (from, to) in MOVED {
        assert!(
            !methods_of(to).is_empty(),
            "{from} moves to {to}, not a page"
        );
        assert!(methods_of(from).is_empty(), "{from} is still a page");
    }
}

#[test]
fn no_page_path_has_an_english_segment() {
    const ENGLISH: [&str; 26] = [
        "login",
        "logout",
        "lang",
        "users",
        "region",
        "regions",
        "catalogue",
        "documents",
        "refs",
        "account",
        "new",
        "edit",
        "retire",
        "reactivate",
        "remove",
        "links",
        "unlink",
        "impact",
        "transfer",
        "template",
        "export",
        "import",
        "password",
        "tokens",
        "revoke",
        "evaluation",
    ];
    for (_, path) in simpul_web::pages::table().routes() {
        for seg in path.split('/') {
            assert!(
                !ENGLISH.contains(&seg),
                "{path} has the English segment {seg}"
            );
        }
    }
}

#[tokio::test]
async fn every_old_page_redirects_with_its_query_to_a_page_an_admin_can_open() {
    for s in Server::all().await {
        let ids = Ids::of(&s).await;
        let mut admin = s.login("admin.kominfo").await;
        admin.refresh_csrf().await;
        for (from, to) in MOVED {
            let old = ids.fill(from, "application");
            let new = ids.fill(to, "aplikasi");
            if methods_of(to).contains(&Method::GET) {
                let r = admin.get(&format!("{old}?asal=lama&x=1")).await;
                assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "GET {old}");
                assert_eq!(r.location(), format!("{new}?asal=lama&x=1"), "GET {old}");
                let page = admin.get(&r.location()).await;
                // Switching the language is an action: it answers with a redirect back.
                let expected = if to.starts_with("/bahasa/") {
                    StatusCode::SEE_OTHER
                } else {
                    StatusCode::OK
                };
                assert_eq!(page.status, expected, "GET {new}: {}", page.body);
            } else {
                let r = admin.post(&old, &[]).await;
                assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "POST {old}");
                assert_eq!(r.location(), new, "POST {old}");
            }
        }
    }
}

#[tokio::test]
async fn a_form_posted_to_an_old_path_is_accepted_at_the_new_one() {
    for s in Server::all().await {
        let mut admin = s.login("admin.kominfo").await;
        admin.refresh_csrf().await;
        let fields = [("code", "RAL.02.12"), ("name", "Layanan Pindahan")];
        let r = admin.post("/refs?kind=x", &fields).await;
        assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
        assert_eq!(r.location(), "/referensi?kind=x");
        // What a browser does with a 308: the same method and body at the new location.
        let again = admin.post(&r.location(), &fields).await;
        again.expect(StatusCode::SEE_OTHER);
        assert_eq!(again.location(), "/referensi");
        assert!(admin
            .get("/referensi")
            .await
            .body
            .contains("Layanan Pindahan"));

        let r = admin.post("/logout", &[]).await;
        assert_eq!(r.location(), "/keluar");
        let out = admin.post(&r.location(), &[]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert!(out.location().starts_with("/masuk"), "{}", out.location());
        assert!(admin
            .get("/pd")
            .await
            .location()
            .starts_with("/masuk?next="));
    }
}

#[tokio::test]
async fn a_notification_link_stored_before_the_move_still_opens_its_record() {
    for s in Server::all().await {
        let ids = Ids::of(&s).await;
        let mut admin = s.login("admin.kominfo").await;
        let stored = format!("/catalogue/application/{}", ids.app);
        let r = admin.get(&stored).await;
        assert_eq!(r.location(), format!("/katalog/aplikasi/{}", ids.app));
        let page = admin.get(&r.location()).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("SIKDA Pindah"));
    }
}
