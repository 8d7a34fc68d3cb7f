//! Deadlines, reminders and e-mail (issue 4 item 5), on every backend under test: the
//! calendar per role, reminders once per operator and deadline state, and the e-mail copy
//! through the fake SMTP server of `simpul-testkit`.

mod common;

use common::Server;
use reqwest::StatusCode;
use serde_json::json;
use simpul_app::deadlines::{region_today, today};
use simpul_app::platform::mail::MailConfig;
use simpul_app::{Actor, App, AppConfig};
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_domain::compliance::{DeadlineState, Rule};
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::org::PdInput;
use simpul_domain::user::UserInput;
use simpul_testkit::smtp::fake_smtp;

fn ago(days: i64) -> String {
    (today() - time::Duration::days(days)).to_string()
}

fn record(pd: &str, name: &str, status: &str, data: serde_json::Value) -> RecordInput {
    RecordInput {
        pd_id: pd.to_owned(),
        name: name.to_owned(),
        code: None,
        status: status.to_owned(),
        ref_code: None,
        description: None,
        data: data.as_object().cloned().unwrap_or_default(),
    }
}

fn dataset(pd: &str, name: &str, frequency: &str, last_updated: &str) -> RecordInput {
    record(
        pd,
        name,
        "aktif",
        json!({"walidata": "Diskominfo", "classification": "terbuka", "format": "csv",
               "update_frequency": frequency, "last_updated": last_updated, "nature": "master"}),
    )
}

/// Metro: an overdue monthly dataset of Dinkes, a current yearly one of Disdukcapil.
async fn seed_metro_datasets(app: &App) {
    let sys = Actor::system(RegionId::parse("metro").unwrap(), "test");
    let pds = app.all_pds(&sys).await.unwrap();
    let pd = |c: &str| pds.iter().find(|p| p.code == c).unwrap().id.to_string();
    for input in [
        dataset(&pd("DINKES"), "Data Puskesmas", "bulanan", &ago(100)),
        dataset(&pd("DISDUKCAPIL"), "Data Kependudukan", "tahunan", &ago(10)),
    ] {
        app.create_record(&sys, EntityKind::Dataset, &input)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn metro_calendar_reminders_once_per_operator_and_notifications_pages() {
    for s in Server::all().await {
        seed_metro_datasets(&s.app).await;
        // The operator sees only their PD's deadline, overdue; the admin sees every PD.
        let mut op = s.login("operator.dinkes").await;
        let page = op.get("/kalender").await;
        page.expect(StatusCode::OK);
        assert!(page.body.contains("Data Puskesmas") && page.body.contains("Terlewat"));
        assert!(page.body.contains("Pemutakhiran dataset"));
        assert!(!page.body.contains("Data Kependudukan"));
        let mut admin = s.login("admin.kominfo").await;
        let all = admin.get("/kalender").await.body;
        assert!(all.contains("Data Puskesmas") && all.contains("Data Kependudukan"));
        let overdue = admin.get("/kalender?state=overdue").await.body;
        assert!(overdue.contains("Data Puskesmas") && !overdue.contains("Data Kependudukan"));
        let disduk = s.pd_id("DISDUKCAPIL").await;
        let one_pd = admin.get(&format!("/kalender?pd={disduk}")).await.body;
        assert!(!one_pd.contains("Data Puskesmas") && one_pd.contains("Data Kependudukan"));

        // Reminders: one for the Dinkes operator, one summary for the admin; never twice.
        let metro = RegionId::parse("metro").unwrap();
        let first = s.app.run_reminders(&metro, today()).await.unwrap();
        assert_eq!((first.due, first.notified, first.emailed), (1, 2, 0));
        let again = s.app.run_reminders(&metro, today()).await.unwrap();
        assert_eq!(again.notified, 0, "{:?}", s.backend);
        // The run is audited once, as the platform's reminder job (no user).
        let runs = s
            .count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'reminders.run' AND actor_id IS NULL \
                 AND actor_name = 'pengingat' AND role = 'system' AND region_id = 'metro'",
            )
            .await;
        assert_eq!(runs, 1, "{:?}", s.backend);
        let dinkes_op = s.user_id("operator.dinkes").await;
        let n = s
            .count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE user_id = '{dinkes_op}'"
            ))
            .await;
        assert_eq!(n, 1);
        let other = s.user_id("operator.disdukcapil").await;
        let n = s
            .count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE user_id = '{other}'"
            ))
            .await;
        assert_eq!(n, 0);

        // The notification page and the unread count in the header.
        let list = op.get("/notifikasi").await.body;
        assert!(
            list.contains("Pemutakhiran dataset terlewat: Data Puskesmas"),
            "{list}"
        );
        assert!(list.contains("1 baru"));
        assert!(admin
            .get("/notifikasi")
            .await
            .body
            .contains("Ringkasan tenggat SPBE: 1 terlewat"));
        // Nobody else can mark the operator's notification read.
        let api = s.api("operator.dinkes").await;
        let mine = api.get("/notifications").await.json()["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let r = admin.post(&format!("/notifikasi/{mine}/baca"), &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let by_admin = s.api("admin.kominfo").await;
        let r = by_admin
            .call(
                reqwest::Method::POST,
                &format!("/notifications/{mine}/read"),
                None,
            )
            .await;
        r.expect(StatusCode::NOT_FOUND);
        let anon = s.anonymous_api();
        let r = anon
            .call(reqwest::Method::POST, "/notifications/read-all", None)
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(api.get("/notifications").await.json()["unread"], 1);
        let r = op.post("/notifikasi/baca-semua", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(!op.get("/notifikasi").await.body.contains("1 baru"));
        assert_eq!(
            op.post_without_csrf("/notifikasi/baca-semua", &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // The API says the same.
        let d = api.get("/deadlines").await.json();
        let items = d.as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["rule"], "DAT-2");
        assert_eq!(items[0]["state"], "overdue");
        assert_eq!(
            items[0]["due_on"],
            (today() - time::Duration::days(69)).to_string()
        );
        assert_eq!(
            api.get("/deadlines?state=kapan").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let notes = api.get("/notifications").await.json();
        assert_eq!(notes["unread"], 0);
        assert_eq!(notes["items"].as_array().unwrap().len(), 1);
        let admin_api = s.api("admin.kominfo").await;
        let d = admin_api.get("/deadlines?state=upcoming").await.json();
        assert_eq!(d[0]["subject"]["name"], "Data Kependudukan");
    }
}

/// Manggarai (INF-5 enabled): a PD whose last accepted LAN diagram is 400 days old.
#[tokio::test]
async fn manggarai_overdue_lan_diagram_is_on_the_calendar_and_reminded_once() {
    for s in Server::all().await {
        let region = RegionId::parse("manggarai").unwrap();
        // Manggarai is in WITA: its day starts an hour before Metro's (WIB).
        let today = region_today(&region);
        let submitted = today - time::Duration::days(400);
        let sys = Actor::system(region.clone(), "test");
        let pd = s
            .app
            .create_pd(
                &sys,
                &PdInput {
                    code: "DISKOMINFO".into(),
                    name: "Dinas Komunikasi dan Informatika".into(),
                    short_name: "Diskominfo".into(),
                    kind: "dinas".into(),
                    ..PdInput::default()
                },
            )
            .await
            .unwrap();
        for (username, role, pd_id) in [
            ("op.kominfo.mgr", "operator_pd", Some(pd.id)),
            ("admin.mgr", "admin_kominfo", None),
        ] {
            let input = UserInput {
                username: username.into(),
                full_name: username.into(),
                email: None,
                role: role.into(),
                pd_id: pd_id.map(|p: PdId| p.to_string()),
                active: true,
            };
            s.app
                .create_user(&sys, &input, "kata-sandi-uji-123")
                .await
                .unwrap();
        }
        let lan = record(
            &pd.id.to_string(),
            "Diagram LAN Diskominfo",
            "diterima",
            json!({"year": submitted.year(), "submitted_on": submitted.to_string()}),
        );
        s.app
            .create_record(&sys, EntityKind::LanDiagram, &lan)
            .await
            .unwrap();
        let cal = s.app.calendar(&sys, Some(pd.id)).await.unwrap();
        let inf5 = cal.iter().find(|d| d.rule == Rule::Inf5).expect("INF-5");
        assert_eq!(inf5.state, DeadlineState::Overdue);
        assert_eq!(inf5.due_on, today - time::Duration::days(34));
        assert_eq!(inf5.last_done, Some(today - time::Duration::days(400)));
        // DAT-7 (no backup ever) is overdue too: the operator gets both, once.
        let first = s.app.run_reminders(&region, today).await.unwrap();
        assert_eq!((first.due, first.notified), (2, 3), "{:?}", s.backend);
        let again = s.app.run_reminders(&region, today).await.unwrap();
        assert_eq!(again.notified, 0);
        let op = s.user_id("op.kominfo.mgr").await;
        let n = s
            .count(&format!(
                "SELECT COUNT(*) FROM notifications WHERE user_id = '{op}' AND kind = 'deadline.overdue'"
            ))
            .await;
        assert_eq!(n, 2);
        // Metro's users got nothing from Manggarai's run.
        assert_eq!(
            s.count("SELECT COUNT(*) FROM notifications WHERE region_id = 'metro'")
                .await,
            0
        );
    }
}

#[tokio::test]
async fn reminders_go_out_by_email_once_with_an_indonesian_subject() {
    let (port, inbox) = fake_smtp().await;
    for store in simpul_store::testing::fresh_stores().await {
        inbox.lock().unwrap().clear();
        let app = App::new(
            store,
            AppConfig {
                data_dir: std::env::temp_dir().join("simpul-tests").join("mail"),
                mail: MailConfig {
                    smtp_url: format!("smtp://127.0.0.1:{port}"),
                    from: "Simpul Kota Metro <simpul@metrokota.go.id>".into(),
                },
                ..AppConfig::default()
            },
        );
        simpul_demo::seed_organisation(&app).await.unwrap();
        seed_metro_datasets(&app).await;
        let metro = RegionId::parse("metro").unwrap();
        let rep = app.run_reminders(&metro, today()).await.unwrap();
        assert_eq!((rep.notified, rep.emailed, rep.email_failures), (2, 2, 0));
        let got = inbox.lock().unwrap().clone();
        assert_eq!(got.len(), 2);
        let (_, msg) = got
            .iter()
            .find(|(to, _)| to == &vec!["operator.dinkes@metrokota.go.id".to_owned()])
            .expect("a message to the Dinkes operator");
        let unfolded = msg.replace("\n ", " ");
        assert!(
            unfolded.contains("Subject: [Simpul] Pemutakhiran dataset terlewat: Data Puskesmas"),
            "{msg}"
        );
        assert!(
            unfolded.contains("From: \"Simpul Kota Metro\" <simpul@metrokota.go.id>")
                || unfolded.contains("From: Simpul Kota Metro <simpul@metrokota.go.id>"),
            "{msg}"
        );
        assert!(msg.contains("tenggat"));
        assert!(got
            .iter()
            .any(|(to, _)| to == &vec!["admin.kominfo@metrokota.go.id".to_owned()]));
        let again = app.run_reminders(&metro, today()).await.unwrap();
        assert_eq!((again.notified, again.emailed), (0, 0));
        assert_eq!(inbox.lock().unwrap().len(), 2, "nothing sent twice");
        let emailed = simpul_store::testing::count(
            &app.store,
            "SELECT COUNT(*) FROM notifications WHERE emailed_at IS NOT NULL",
        )
        .await
        .unwrap();
        assert_eq!(emailed, 2);
    }
}

#[tokio::test]
async fn notifications_are_shown_in_the_readers_language_and_old_rows_stay_readable() {
    for s in Server::all().await {
        seed_metro_datasets(&s.app).await;
        let metro = RegionId::parse("metro").unwrap();
        s.app.run_reminders(&metro, today()).await.unwrap();
        let mut op = s.login("operator.dinkes").await;
        // A row written before message keys were stored: shown as it was sent.
        let user = s.user_id("operator.dinkes").await;
        let mut tx = s.app.store.begin().await.unwrap();
        simpul_store::notifications::insert_once(
            &mut tx,
            &simpul_store::notifications::NewNotification {
                region: &metro,
                user: user.parse().unwrap(),
                kind: "deadline.overdue",
                title: "Catatan lama tersimpan".into(),
                body: "Isi lama.".into(),
                link: None,
                dedup_key: "old-row".into(),
                message_json: None,
            },
            "2026-01-01T00:00:00Z",
        )
        .await
        .unwrap();
        simpul_store::commit(tx).await.unwrap();
        let id = op.get("/notifikasi").await.body;
        assert!(
            id.contains("Pemutakhiran dataset terlewat: Data Puskesmas"),
            "{id}"
        );
        assert!(id.contains("Catatan lama tersimpan"));
        op.cookies.insert("lang".into(), "en".into());
        let en = op.get("/notifikasi").await.body;
        assert!(
            en.contains("Dataset update overdue: Data Puskesmas"),
            "{en}"
        );
        assert!(
            en.contains(", last done never.") || en.contains(", last done 20"),
            "{en}"
        );
        assert!(!en.contains("terlewat") && en.contains("Catatan lama tersimpan"));
        let mut admin = s.login("admin.kominfo").await;
        admin.cookies.insert("lang".into(), "en".into());
        let summary = admin.get("/notifikasi").await.body;
        assert!(
            summary.contains("SPBE deadline summary: 1 overdue, 0 due soon"),
            "{summary}"
        );
    }
}
