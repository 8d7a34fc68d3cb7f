//! Every page renders for the roles that may see it, in Bahasa Indonesia and in English, and
//! records show their history.

mod common;

use common::Server;
use reqwest::StatusCode;

#[tokio::test]
async fn every_page_renders_for_the_admin_in_both_languages() {
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let pd = s.pd_id("DISKOMINFO").await;
        let user = s.user_id("operator.dinkes").await;
        let pages = [
            ("/", "Dasbor"),
            ("/pd", "Perangkat Daerah"),
            (
                "/pd?q=dinas&kind=dinas&sort=code&page=2",
                "Perangkat Daerah",
            ),
            (
                &format!("/pd/{pd}") as &str,
                "Dinas Komunikasi dan Informatika",
            ),
            (&format!("/pd/{pd}/ubah"), "Ubah Perangkat Daerah"),
            ("/pd/baru", "Tambah Perangkat Daerah"),
            ("/pengguna", "Pengguna"),
            ("/pengguna?role=operator_pd", "operator.dinkes"),
            (&format!("/pengguna/{user}"), "Operator Dinas Kesehatan"),
            (&format!("/pengguna/{user}/ubah"), "Ubah pengguna"),
            ("/pengguna/baru", "Tambah pengguna"),
            ("/profil-daerah", "Perda Nomor 8 Tahun 2019"),
            ("/profil-daerah/ubah", "Ubah profil wilayah"),
            ("/tim", "Tim Koordinasi SPBE"),
            ("/audit", "Jejak Audit"),
            (
                "/audit?action=pd.&from=2020-01-01&to=2099-12-31&entity_type=pd",
                "pd.create",
            ),
            ("/akun", "Token API"),
        ];
        for (path, text) in pages {
            let r = b.get(path).await;
            assert_eq!(
                r.status,
                StatusCode::OK,
                "{path} ({:?}): {}",
                s.backend,
                r.body
            );
            assert!(r.body.contains(text), "{path} should contain {text}");
            assert!(r.body.contains("lang=\"id\""));
        }
        assert_eq!(b.get("/bahasa/en?next=/pd").await.location(), "/pd");
        for (path, text) in [
            ("/", "Dashboard"),
            ("/pd", "Agencies"),
            ("/profil-daerah", "Region profile"),
            ("/tim", "SPBE Coordination Team"),
            ("/akun", "API tokens"),
        ] {
            let r = b.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path} in English");
            assert!(
                r.body.contains(text) && r.body.contains("lang=\"en\""),
                "{path} should be English"
            );
        }
    }
}

#[tokio::test]
async fn public_pages_need_no_login_and_show_the_four_regions() {
    for s in Server::all().await {
        let mut b = s.browser();
        let home = b.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        for name in [
            "Kota Metro",
            "Kabupaten Jembrana",
            "Kabupaten Lima Puluh Kota",
            "Kabupaten Manggarai",
        ] {
            assert!(home.body.contains(name), "{name}");
        }
        let m = b.get("/daerah/manggarai").await;
        assert!(
            m.body.contains("53.10")
                && m.body.contains("Perbup Nomor 52 Tahun 2021")
                && m.body.contains("manggaraikab.go.id")
        );
        assert_eq!(
            b.get("/daerah/atlantis").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            b.get("/daerah/..%2Fetc").await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn an_edit_shows_up_in_the_records_history_and_the_audit_log() {
    for s in Server::all().await {
        let mut b = s.login("operator.dinkes").await;
        let pd = s.pd_id("DINKES").await;
        let r = b
            .post(
                &format!("/pd/{pd}"),
                &[
                    ("code", "DINKES"),
                    ("name", "Dinas Kesehatan"),
                    ("short_name", "Dinkes"),
                    ("kind", "dinas"),
                    ("head_name", "dr. Kepala Baru"),
                ],
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let page = b.get(&format!("/pd/{pd}")).await.body;
        assert!(page.contains("Perubahan tersimpan."), "flash message");
        assert!(
            page.contains("<td>Diubah</td>")
                && !page.contains("<code>pd.update</code>")
                && page.contains("<strong>Nama kepala</strong>")
                && page.contains("operator.dinkes")
                && page.contains("dr. Kepala Baru")
        );
        assert!(
            !b.get(&format!("/pd/{pd}"))
                .await
                .body
                .contains("Perubahan tersimpan."),
            "flash shows once"
        );
        let mut admin = s.login("auditor").await;
        let log = admin.get("/audit?actor=operator").await.body;
        assert!(log.contains("pd.update"));
    }
}

#[tokio::test]
async fn an_operator_cannot_change_flags_or_code_of_their_own_pd() {
    for s in Server::all().await {
        let mut b = s.login("operator.dinkes").await;
        let pd = s.pd_id("DINKES").await;
        let r = b
            .post(
                &format!("/pd/{pd}"),
                &[
                    ("code", "HACKED"),
                    ("name", "Dinas Kesehatan"),
                    ("short_name", "Dinkes"),
                    ("kind", "dinas"),
                    ("is_kominfo", "on"),
                    ("mandiri_tik", "on"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let sys =
            simpul_app::Actor::system(simpul_domain::ids::RegionId::parse("metro").unwrap(), "t");
        let now = s.app.get_pd(&sys, pd.parse().unwrap()).await.unwrap();
        assert_eq!(
            (now.code.as_str(), now.is_kominfo, now.mandiri_tik),
            ("DINKES", false, false)
        );
    }
}

#[tokio::test]
async fn the_reference_codes_page_renders_for_every_role() {
    for s in Server::all().await {
        for user in simpul_demo::accounts().iter().map(|a| a.username.as_str()) {
            let mut b = s.login(user).await;
            let r = b.get("/referensi").await;
            assert_eq!(
                r.status,
                StatusCode::OK,
                "{user} ({:?}): {}",
                s.backend,
                r.body
            );
            assert!(
                r.body.contains("RAL.01"),
                "{user}: the tree lists its codes"
            );
        }
        let catalogue = s.login("operator.dinkes").await.get("/katalog").await;
        assert!(catalogue.body.contains("href=\"/referensi\""));
    }
}

#[tokio::test]
async fn pages_fold_the_navigation_into_a_disclosure_and_hide_the_retire_form() {
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let pd = s.pd_id("DINKES").await;
        let page = b.get(&format!("/pd/{pd}")).await;
        assert_eq!(page.status, StatusCode::OK);
        // No script anywhere (the CSP forbids inline script): a <details> folds the menu.
        assert!(page.body.contains("<details class=\"menu\">") && !page.body.contains("<script"));
        // The red retire form is behind a closed "Pensiunkan…" disclosure.
        let i = page.body.find("action=\"/pd/").unwrap_or(0);
        assert!(page.body.contains("<details class=\"danger-zone\">"));
        assert!(page.body[..i].contains("<summary>Pensiunkan…</summary>"));
        let css = b.get("/static/app.css").await.body;
        assert!(css.contains("@media (max-width: 47.99rem)") && css.contains("overflow-x: auto"));
        // Login and account fields carry plain attributes, not escaped strings.
        let login = s.browser().get("/masuk").await.body;
        assert!(login.contains("autocomplete=\"username\" autofocus") && !login.contains("&quot;"));
    }
}

#[tokio::test]
async fn the_error_summary_names_and_links_each_field() {
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let r = b.post("/katalog/aplikasi", &[("name", "")]).await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        let start = r.body.find("class=\"error-summary\"").expect("summary");
        let summary = &r.body[start..start + r.body[start..].find("</div>").unwrap()];
        assert!(summary.contains("<a href=\"#f-name\"><strong>Nama</strong>: Wajib diisi.</a>"));
        assert!(
            summary.contains("<strong>Jenis aplikasi</strong>"),
            "{summary}"
        );
        assert_eq!(
            summary.matches("<li>").count(),
            summary.matches("<strong>").count(),
            "every entry names its field: {summary}"
        );
    }
}

#[tokio::test]
async fn times_are_shown_in_the_regions_zone_and_sizes_are_human() {
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let pd = s.pd_id("DINKES").await;
        let page = b.get(&format!("/pd/{pd}")).await;
        // Kota Metro (Lampung) is in WIB; the history shows times with the zone named.
        assert!(page.body.contains(" WIB</time>"), "{}", page.body);
        assert!(!page.body.contains(" UTC</time>"));
        let r = b
            .post(
                "/katalog/aplikasi",
                &[
                    ("pd_id", &pd),
                    ("name", "SIKDA"),
                    ("status", "produksi"),
                    ("app_type", "khusus"),
                    ("audience", "g2e"),
                    ("developer", "dinas"),
                    ("source_model", "terbuka"),
                    ("platform", "web"),
                ],
            )
            .await;
        let at = r.location();
        let r = b
            .upload(
                &format!("{at}/dokumen"),
                &[
                    ("doc_type", "sop"),
                    ("classification", "terbuka"),
                    ("title", "SOP"),
                ],
                "sop.pdf",
                b"%PDF-1.4 fifty bytes of a tiny document for sizes\n".to_vec(),
                true,
            )
            .await;
        r.expect(StatusCode::SEE_OTHER);
        let page = b.get(&at).await;
        assert!(page.body.contains(">50 B</td>"), "{}", page.body);
    }
}

#[tokio::test]
async fn record_history_shows_labelled_field_changes_and_names() {
    for s in Server::all().await {
        let api = s.api("admin.kominfo").await;
        let dinkes = s.pd_id("DINKES").await;
        let bpkad = s.pd_id("BPKAD").await;
        let body = |pd: &str, status: &str, platform: &str| serde_json::json!({"pd_id": pd, "name": "SIKDA", "status": status, "data": {"app_type": "khusus", "audience": ["g2e"], "developer": "dinas", "source_model": "terbuka", "platform": platform}});
        let r = api
            .call(
                reqwest::Method::POST,
                "/catalogue/application",
                Some(body(&dinkes, "pengembangan", "web")),
            )
            .await;
        r.expect(StatusCode::CREATED);
        let id = r.id();
        let r = api
            .call(
                reqwest::Method::PUT,
                &format!("/catalogue/application/{id}"),
                Some(body(&bpkad, "produksi", "mobile")),
            )
            .await;
        r.expect(StatusCode::OK);
        let mut b = s.login("admin.kominfo").await;
        let page = b.get(&format!("/katalog/aplikasi/{id}")).await.body;
        let h = &page[page.find("id=\"h-history\"").unwrap()..];
        assert!(
            h.contains("<strong>Status</strong>: <del>Pengembangan</del> → <ins>Produksi</ins>"),
            "{h}"
        );
        assert!(h.contains("<del>Dinas Kesehatan</del> → <ins>Badan Pengelolaan Keuangan dan Aset Daerah</ins>"), "{h}");
        assert!(h.contains("<strong>Platform</strong>"), "{h}");
        assert!(
            !h.contains(&dinkes) && !h.contains("{&quot;") && !h.contains("application.update"),
            "{h}"
        );
    }
}
