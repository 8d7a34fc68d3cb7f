//! Seeding the demo from the data files of `regions/demo/` builds the same database as the
//! Rust literals it replaced: the counts per table, kind, audit action and rule, and digests
//! of every record's columns (name, code, status, …; not its data) and of every link, were
//! recorded from the literal-based seeder before the move, on [`SEEDED_ON`]. Some names carry
//! dates relative to the day of seeding (`Laporan backup {pd} {date}`), so the test
//! seeds as on that day. Runs on SQLite, and on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL`
//! is set; the backends' rows are also compared with each other.

use sha2::{Digest, Sha256};
use simpul_app::{App, AppConfig, Store};
use simpul_store::testing;
use time::macros::date;
use time::Date;

/// The day the digests below were recorded.
const SEEDED_ON: Date = date!(2026 - 12 - 03);

/// The rows of a one-column query, sorted (collations differ between the backends).
async fn rows(store: &Store, sql: &str) -> Vec<String> {
    let mut v = testing::strings(store, sql).await.unwrap();
    v.sort();
    v
}

fn digest(lines: &[String]) -> String {
    hex::encode(Sha256::digest(lines.join("\n").as_bytes()))
}

/// Asserts the digest of `lines`, listing them when it differs (to compare with a good run).
fn assert_digest(what: &str, lines: &[String], expected: &str) {
    let got = digest(lines);
    if got != expected {
        eprintln!("{what}:\n{}", lines.join("\n"));
    }
    assert_eq!(got, expected, "digest of the {what}");
}

/// Asserts that two backends hold the same rows, naming the rows only one of them has.
fn assert_same_rows(what: &str, first: &[String], other: &[String]) {
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|r| !b.contains(r)).cloned().collect()
    };
    assert!(
        first == other,
        "{what} differ between the backends; only in the first: {:#?}; only in the other: {:#?}",
        only(first, other),
        only(other, first)
    );
}

#[tokio::test]
async fn the_demo_seeded_from_data_files_is_the_database_the_literals_built() {
    let mut first: Option<(Vec<String>, Vec<String>)> = None;
    for store in testing::fresh_stores().await {
        let app = App::new(store.clone(), AppConfig::default());
        assert!(
            simpul_demo::seed_on(&app, SEEDED_ON)
                .await
                .unwrap()
                .demo_seeded
        );

        for (table, n) in [
            ("regions", 4),
            ("pds", 30),
            ("users", 7),
            ("tim_members", 5),
            ("records", 360),
            ("record_links", 309),
            ("documents", 0),
            ("audit_log", 715),
            ("findings", 17),
            ("case_events", 17),
            ("compliance_daily", 43),
        ] {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            assert_eq!(testing::count(&store, &sql).await.unwrap(), n, "{table}");
        }
        let per_kind = rows(
            &store,
            "SELECT kind || ' ' || COUNT(*) || ' ' || COUNT(retired_reason) FROM records \
             WHERE region_id = 'metro' GROUP BY kind",
        )
        .await;
        assert_eq!(
            per_kind,
            [
                "application 59 2",
                "asset 115 1",
                "backup_report 21 0",
                "business_process 12 0",
                "dataset 48 0",
                "domain 39 0",
                "lan_change 3 0",
                "lan_diagram 29 0",
                "service 34 0",
            ]
        );
        let actions = rows(
            &store,
            "SELECT action || ' ' || COUNT(*) FROM audit_log GROUP BY action",
        )
        .await;
        assert_eq!(
            actions,
            [
                "application.create 59",
                "application.link 121",
                "application.retire 2",
                "asset.create 115",
                "asset.link 32",
                "asset.retire 1",
                "backup_report.create 21",
                "business_process.create 12",
                "business_process.link 21",
                "dataset.create 48",
                "dataset.link 47",
                "domain.create 39",
                "domain.link 33",
                "lan_change.create 3",
                "lan_diagram.create 29",
                "pd.create 30",
                "region.update 1",
                "service.create 34",
                "service.link 55",
                "tim.add 5",
                "user.create 7",
            ]
        );
        let rules = rows(
            &store,
            "SELECT rule || ' ' || COUNT(*) FROM findings GROUP BY rule",
        )
        .await;
        assert_eq!(
            rules,
            ["APP-2 2", "APP-4 2", "DAT-2 4", "DAT-3 4", "DOM-1 3", "DOM-2 2"]
        );

        let records = rows(
            &store,
            "SELECT r.kind || ' | ' || COALESCE(r.code, '') || ' | ' || r.name || ' | ' || r.status \
             || ' | ' || COALESCE(r.ref_code, '') || ' | ' || COALESCE(r.description, '') || ' | ' \
             || p.code || ' | ' || COALESCE(r.retired_reason, '') \
             FROM records r JOIN pds p ON p.id = r.pd_id WHERE r.region_id = 'metro'",
        )
        .await;
        assert_digest(
            "records",
            &records,
            "e8f3b96b43c1f23146d17df446f35d2bec37180301719c547508bd268910be84",
        );
        let links = rows(
            &store,
            "SELECT a.kind || ':' || COALESCE(a.code, a.name) || ' | ' || b.kind || ':' \
             || COALESCE(b.code, b.name) || ' | ' || l.relation FROM record_links l \
             JOIN records a ON a.id = l.from_id JOIN records b ON b.id = l.to_id \
             WHERE l.region_id = 'metro'",
        )
        .await;
        assert_digest(
            "links",
            &links,
            "2884b028f803ca01a0d7222fd2887565dfee09a253d07e7e66966222a0c713de",
        );
        match &first {
            None => first = Some((records, links)),
            Some((r, l)) => {
                assert_same_rows("records", r, &records);
                assert_same_rows("links", l, &links);
            }
        }

        let users = rows(
            &store,
            "SELECT u.username || ' ' || u.role || ' ' || COALESCE(p.code, '-') || ' ' || u.email \
             FROM users u LEFT JOIN pds p ON p.id = u.pd_id",
        )
        .await;
        assert_eq!(
            users,
            [
                "admin.kominfo admin_kominfo - admin.kominfo@metrokota.go.id",
                "auditor auditor - auditor@metrokota.go.id",
                "koordinator koordinator - koordinator@metrokota.go.id",
                "operator.dinkes operator_pd DINKES operator.dinkes@metrokota.go.id",
                "operator.disdukcapil operator_pd DISDUKCAPIL operator.disdukcapil@metrokota.go.id",
                "pimpinan pimpinan - pimpinan@metrokota.go.id",
                "walidata walidata - walidata@metrokota.go.id",
            ]
        );
        let region = rows(
            &store,
            "SELECT head_name || ' | ' || sekda_name || ' | ' || tim_decree_ref || ' | ' \
             || tim_decree_date FROM regions WHERE id = 'metro'",
        )
        .await;
        assert_eq!(
            region,
            ["Walikota Metro (demo) | Drs. Hendra Wijayakusuma, M.M. | Keputusan Walikota Metro \
              Nomor 100/KPTS/D-7/2024 (demo) | 2024-01-15"]
        );
        let tim = rows(
            &store,
            "SELECT t.position || ' ' || p.code FROM tim_members t JOIN pds p ON p.id = t.pd_id",
        )
        .await;
        assert_eq!(
            tim,
            [
                "anggota BAPPELITBANGDA",
                "anggota BPKAD",
                "anggota INSPEKTORAT",
                "ketua SETDA",
                "sekretaris DISKOMINFO",
            ]
        );

        // Seeding again finds Metro's PDs and adds nothing.
        assert!(!simpul_demo::seed(&app).await.unwrap().demo_seeded);
        assert_eq!(
            testing::count(&store, "SELECT COUNT(*) FROM audit_log")
                .await
                .unwrap(),
            715
        );
        // The accounts sign in with the password of accounts.toml.
        assert!(app
            .login("operator.dinkes", simpul_demo::password(), "test")
            .await
            .is_ok());
    }
}
