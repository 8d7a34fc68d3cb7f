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
            (&format!("/pd/{pd}/edit"), "Ubah Perangkat Daerah"),
            ("/pd/new", "Tambah Perangkat Daerah"),
            ("/users", "Pengguna"),
            ("/users?role=operator_pd", "operator.dinkes"),
            (&format!("/users/{user}"), "Operator Dinas Kesehatan"),
            (&format!("/users/{user}/edit"), "Ubah pengguna"),
            ("/users/new", "Tambah pengguna"),
            ("/region", "Perda Nomor 8 Tahun 2019"),
            ("/region/edit", "Ubah profil wilayah"),
            ("/tim", "Tim Koordinasi SPBE"),
            ("/audit", "Jejak Audit"),
            (
                "/audit?action=pd.&from=2020-01-01&to=2099-12-31&entity_type=pd",
                "pd.create",
            ),
            ("/account", "Token API"),
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
        assert_eq!(b.get("/lang/en?next=/pd").await.location(), "/pd");
        for (path, text) in [
            ("/", "Dashboard"),
            ("/pd", "Agencies"),
            ("/region", "Region profile"),
            ("/tim", "SPBE Coordination Team"),
            ("/account", "API tokens"),
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
        let m = b.get("/regions/manggarai").await;
        assert!(
            m.body.contains("53.10")
                && m.body.contains("Perbup Nomor 52 Tahun 2021")
                && m.body.contains("manggaraikab.go.id")
        );
        assert_eq!(
            b.get("/regions/atlantis").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            b.get("/regions/..%2Fetc").await.status,
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
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = b.get(&format!("/pd/{pd}")).await.body;
        assert!(page.contains("Perubahan tersimpan."), "flash message");
        assert!(
            page.contains("pd.update")
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
        for (user, _, _, _) in simpul_app::demo::DEMO_ACCOUNTS {
            let mut b = s.login(user).await;
            let r = b.get("/refs").await;
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
        let catalogue = s.login("operator.dinkes").await.get("/catalogue").await;
        assert!(catalogue.body.contains("href=\"/refs\""));
    }
}
