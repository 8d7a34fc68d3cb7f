//! Spreadsheet import/export of catalogue records and the whole-region bundle, on SQLite and,
//! when `SIMPUL_TEST_POSTGRES_URL` is set, on PostgreSQL.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use simpul_app::bundle::Bundle;
use simpul_app::documents::Upload;
use simpul_app::transfer::{self, Format, ImportMode, ImportReport, MAX_BYTES, MAX_ROWS};
use simpul_app::{Actor, App, AppConfig, AppError};
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_store::records::RecordFilter;
use simpul_store::{testing, Paging, Store};

struct Env {
    app: App,
    store: Store,
    admin: Actor,
    dinkes: Actor,
}

/// A configuration with its own data directory, so each app has its own blob store (an
/// imported document must really be written at the destination).
fn config() -> AppConfig {
    AppConfig {
        data_dir: std::env::temp_dir().join(format!(
            "simpul-transfer-test-{}",
            uuid::Uuid::now_v7().simple()
        )),
        ..AppConfig::default()
    }
}

async fn env_for(store: Store) -> Env {
    let app = App::new(store.clone(), config());
    app.ensure_ref_codes().await.unwrap();
    app.seed_demo().await.unwrap();
    let admin = Actor::from_user(&app.user_by_username("admin.kominfo").await.unwrap());
    let dinkes = Actor::from_user(&app.user_by_username("operator.dinkes").await.unwrap());
    Env {
        app,
        store,
        admin,
        dinkes,
    }
}

async fn envs() -> Vec<Env> {
    let mut out = Vec::new();
    for s in testing::fresh_stores().await {
        out.push(env_for(s).await);
    }
    out
}

/// An application row in column order: pd_code, code, name, status, ref_code, description,
/// then the application's fields.
fn app_row(pd: &str, code: &str, name: &str, status: &str) -> Vec<String> {
    let mut row: Vec<String> = [pd, code, name, status, "RAA.01", "Aplikasi uji"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for f in EntityKind::Application.fields() {
        row.push(
            match f.name {
                "app_type" => "khusus",
                "audience" => "g2c, g2g",
                "operating_pd" => pd,
                "developer" => "dinas",
                "via_dinas" => "ya",
                "source_model" => "terbuka",
                "platform" => "web",
                "url" => "https://uji.metrokota.go.id",
                "operating_since" => "2024-01-15",
                _ => "",
            }
            .to_owned(),
        );
    }
    row
}

fn file(format: Format, rows: &[Vec<String>]) -> Vec<u8> {
    let header = transfer::columns(EntityKind::Application);
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(&header).unwrap();
            for r in rows {
                w.write_record(r).unwrap();
            }
            w.into_inner().unwrap()
        }
        Format::Xlsx => {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (c, h) in header.iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    // Dates typed into Excel become serial numbers; the import reads them back.
                    if v == "2024-01-15" {
                        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
                        ws.write_number_with_format(r as u32 + 1, c as u16, 45306.0, &date)
                            .unwrap();
                    } else {
                        ws.write_string(r as u32 + 1, c as u16, v).unwrap();
                    }
                }
            }
            wb.save_to_buffer().unwrap()
        }
    }
}

async fn count(store: &Store, sql: &str) -> i64 {
    testing::count(store, sql).await.unwrap()
}

async fn applications(e: &Env) -> Vec<simpul_domain::catalogue::Record> {
    let f = RecordFilter {
        kind: Some(EntityKind::Application),
        include_retired: true,
        ..Default::default()
    };
    e.app
        .list_records(&e.admin, &f, Paging::new(None, Some(200)))
        .await
        .unwrap()
        .items
}

fn problems(r: &ImportReport) -> Vec<(Option<u32>, Option<&str>, &str)> {
    r.problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.code))
        .collect()
}

#[tokio::test]
async fn a_file_with_one_bad_row_is_rejected_whole_and_imports_once_fixed() {
    for e in envs().await {
        let app_actions = "SELECT COUNT(*) FROM audit_log WHERE action IN ('application.create', 'application.update', 'application.import')";
        let actions_before = count(&e.store, app_actions).await;
        for format in [Format::Csv, Format::Xlsx] {
            let tag = format.extension().to_ascii_uppercase();
            let before = applications(&e).await.len();
            let audit_before = count(&e.store, "SELECT COUNT(*) FROM audit_log").await;
            let mut rows = vec![
                app_row(
                    "DINKES",
                    &format!("SIKDA-{tag}"),
                    "Sistem Informasi Kesehatan Daerah",
                    "produksi",
                ),
                app_row(
                    "disdukcapil",
                    &format!("SIAK-{tag}"),
                    "SIAK Terpusat",
                    "Produksi",
                ),
                app_row(
                    "DISKOMINFO",
                    &format!("PORTAL-{tag}"),
                    "Portal Kota",
                    "hidup",
                ),
            ];
            let report = e
                .app
                .import_catalogue(
                    &e.admin,
                    EntityKind::Application,
                    format,
                    &file(format, &rows),
                    ImportMode::AllOrNothing,
                )
                .await
                .unwrap();
            assert!(!report.written, "{report:?}");
            assert_eq!(
                (report.rows, report.valid_rows, report.rejected_rows),
                (3, 2, 1)
            );
            assert_eq!(
                problems(&report),
                [(Some(4), Some("status"), "unknown_value")],
                "{format:?}"
            );
            assert!(report.problems[0]
                .param
                .as_deref()
                .unwrap()
                .contains("produksi"));
            assert!(
                report
                    .text()
                    .contains("Baris 4, kolom status: Nilai tidak dikenal"),
                "{}",
                report.text()
            );
            assert_eq!(applications(&e).await.len(), before, "nothing written");
            assert_eq!(
                count(&e.store, "SELECT COUNT(*) FROM audit_log").await,
                audit_before
            );

            rows[2][3] = "usulan".into();
            let report = e
                .app
                .import_catalogue(
                    &e.admin,
                    EntityKind::Application,
                    format,
                    &file(format, &rows),
                    ImportMode::AllOrNothing,
                )
                .await
                .unwrap();
            assert!(report.written && report.problems.is_empty(), "{report:?}");
            assert_eq!((report.created, report.updated), (3, 0));
            let apps = applications(&e).await;
            assert_eq!(apps.len(), before + 3);
            let siak = apps
                .iter()
                .find(|a| a.code.as_deref() == Some(&format!("SIAK-{tag}")))
                .unwrap();
            assert_eq!(siak.status, "produksi");
            assert_eq!(
                siak.text("operating_since"),
                Some("2024-01-15"),
                "{format:?}: {:?}",
                siak.data
            );
            assert_eq!(siak.data["audience"], serde_json::json!(["g2g", "g2c"]));
            assert!(siak.flag("via_dinas"));
            let pd = e.app.get_pd(&e.admin, siak.pd_id).await.unwrap();
            assert_eq!(pd.code, "DISDUKCAPIL");
            assert_eq!(
                count(&e.store, "SELECT COUNT(*) FROM audit_log").await,
                audit_before + 4,
                "three creates and one import summary"
            );

            // Importing the same file again changes nothing; a changed row updates its record.
            let report = e
                .app
                .import_catalogue(
                    &e.admin,
                    EntityKind::Application,
                    format,
                    &file(format, &rows),
                    ImportMode::AllOrNothing,
                )
                .await
                .unwrap();
            assert_eq!(
                (
                    report.created,
                    report.updated,
                    report.unchanged,
                    report.written
                ),
                (0, 0, 3, false)
            );
            rows[1][2] = "SIAK Terpusat (baru)".into();
            let report = e
                .app
                .import_catalogue(
                    &e.admin,
                    EntityKind::Application,
                    format,
                    &file(format, &rows),
                    ImportMode::AllOrNothing,
                )
                .await
                .unwrap();
            assert_eq!(
                (report.created, report.updated, report.unchanged),
                (0, 1, 2)
            );
            assert_eq!(applications(&e).await.len(), before + 3);
        }
        let actions = count(&e.store, app_actions).await - actions_before;
        assert_eq!(actions, 2 * (3 + 1 + 1 + 1));
        assert!(e.app.verify_audit_chain().await.unwrap().is_ok());
    }
}

#[tokio::test]
async fn only_valid_rows_mode_writes_the_valid_rows() {
    for e in envs().await {
        for format in [Format::Csv, Format::Xlsx] {
            let tag = format.extension().to_ascii_uppercase();
            let before = applications(&e).await.len();
            let mut bad = app_row("DINKES", &format!("BAD-{tag}"), "Baris rusak", "produksi");
            let audience = transfer::columns(EntityKind::Application)
                .iter()
                .position(|c| *c == "audience")
                .unwrap();
            bad[audience] = "g2x".into();
            let rows = vec![
                app_row("DINKES", &format!("A-{tag}"), "Aplikasi A", "uji"),
                bad,
                app_row("BPKAD", &format!("B-{tag}"), "Aplikasi B", "usulan"),
            ];
            let report = e
                .app
                .import_catalogue(
                    &e.admin,
                    EntityKind::Application,
                    format,
                    &file(format, &rows),
                    ImportMode::OnlyValidRows,
                )
                .await
                .unwrap();
            assert!(report.written);
            assert_eq!((report.created, report.rejected_rows), (2, 1));
            assert_eq!(
                problems(&report),
                [(Some(3), Some("audience"), "unknown_value")]
            );
            let apps = applications(&e).await;
            assert_eq!(apps.len(), before + 2);
            assert!(!apps
                .iter()
                .any(|a| a.code.as_deref() == Some(&format!("BAD-{tag}"))));
        }
    }
}

#[tokio::test]
async fn an_operator_cannot_import_rows_of_another_pd() {
    for e in envs().await {
        let before = applications(&e).await.len();
        let rows = vec![
            app_row("DINKES", "T-OWN", "Aplikasi Dinkes", "produksi"),
            app_row("DISDUKCAPIL", "T-OTHER", "Aplikasi Disdukcapil", "produksi"),
        ];
        let bytes = file(Format::Csv, &rows);
        let report = e
            .app
            .import_catalogue(
                &e.dinkes,
                EntityKind::Application,
                Format::Csv,
                &bytes,
                ImportMode::AllOrNothing,
            )
            .await
            .unwrap();
        assert!(!report.written);
        assert_eq!(
            problems(&report),
            [(Some(3), Some("pd_code"), "pd_forbidden")]
        );
        assert_eq!(applications(&e).await.len(), before);

        let report = e
            .app
            .import_catalogue(
                &e.dinkes,
                EntityKind::Application,
                Format::Csv,
                &bytes,
                ImportMode::OnlyValidRows,
            )
            .await
            .unwrap();
        assert_eq!((report.created, report.rejected_rows), (1, 1));
        let apps = applications(&e).await;
        assert_eq!(apps.len(), before + 1);
        assert!(apps.iter().any(|a| a.code.as_deref() == Some("T-OWN")));
        let actor_rows = count(&e.store, "SELECT COUNT(*) FROM audit_log WHERE action = 'application.create' AND actor_name = 'operator.dinkes'").await;
        assert_eq!(actor_rows, 1);

        // A record of another PD cannot be taken over by reusing its code.
        e.app
            .import_catalogue(
                &e.admin,
                EntityKind::Application,
                Format::Csv,
                &bytes,
                ImportMode::AllOrNothing,
            )
            .await
            .unwrap();
        let takeover = file(
            Format::Csv,
            &[app_row("DINKES", "T-OTHER", "Diambil alih", "produksi")],
        );
        let report = e
            .app
            .import_catalogue(
                &e.dinkes,
                EntityKind::Application,
                Format::Csv,
                &takeover,
                ImportMode::OnlyValidRows,
            )
            .await
            .unwrap();
        assert_eq!(problems(&report), [(Some(2), Some("code"), "pd_forbidden")]);
        assert_eq!(report.problems[0].param.as_deref(), Some("DISDUKCAPIL"));
        assert!(!report.written);

        // Roles that register nothing of this kind are refused outright.
        let koordinator = Actor::from_user(&e.app.user_by_username("koordinator").await.unwrap());
        let r = e
            .app
            .import_catalogue(
                &koordinator,
                EntityKind::Application,
                Format::Csv,
                &bytes,
                ImportMode::OnlyValidRows,
            )
            .await;
        assert!(matches!(r, Err(AppError::Forbidden)));
        let walidata = Actor::from_user(&e.app.user_by_username("walidata").await.unwrap());
        let r = e
            .app
            .import_catalogue(
                &walidata,
                EntityKind::Application,
                Format::Csv,
                &bytes,
                ImportMode::OnlyValidRows,
            )
            .await;
        assert!(matches!(r, Err(AppError::Forbidden)));
    }
}

#[tokio::test]
async fn bad_files_give_reports_not_panics() {
    let e = envs().await.remove(0);
    let import = |bytes: Vec<u8>, format: Format| {
        let app = e.app.clone();
        let admin = e.admin.clone();
        async move {
            app.import_catalogue(
                &admin,
                EntityKind::Application,
                format,
                &bytes,
                ImportMode::OnlyValidRows,
            )
            .await
            .unwrap()
        }
    };
    // Bad UTF-8 in one cell names the row and column; the other rows are still checked.
    let mut bytes = file(Format::Csv, &[app_row("DINKES", "OK1", "Baik", "uji")]);
    bytes.extend_from_slice(b"DINKES,BAD1,\xff\xfeRusak,uji\r\n");
    let r = import(bytes, Format::Csv).await;
    assert!(
        problems(&r).contains(&(Some(3), Some("name"), "invalid_utf8")),
        "{:?}",
        r.problems
    );
    assert_eq!(r.created, 1);

    // Header problems are named and nothing is read further.
    let r = import(b"pd_code,kode,name\nDINKES,X,Y\n".to_vec(), Format::Csv).await;
    let p = problems(&r);
    assert!(
        p.contains(&(Some(1), Some("kode"), "unknown_column")),
        "{p:?}"
    );
    assert!(
        p.contains(&(Some(1), Some("status"), "missing_column")),
        "{p:?}"
    );
    assert!(
        p.contains(&(Some(1), Some("app_type"), "missing_column")),
        "{p:?}"
    );
    assert!(!r.written);

    // The same code twice in one file: both rows are named, neither is written.
    let rows = vec![
        app_row("DINKES", "TWIN", "Satu", "uji"),
        app_row("DINKES", "twin", "Dua", "uji"),
    ];
    let r = import(file(Format::Xlsx, &rows), Format::Xlsx).await;
    assert_eq!(
        problems(&r),
        [
            (Some(2), Some("code"), "duplicate_code"),
            (Some(3), Some("code"), "duplicate_code")
        ]
    );
    assert_eq!(r.problems[0].param.as_deref(), Some("3"));

    // Unknown PD codes and reference codes.
    let mut row = app_row("DINKESS", "R1", "Satu", "uji");
    row[4] = "RAA.99.99".into();
    let r = import(file(Format::Csv, &[row]), Format::Csv).await;
    assert_eq!(
        problems(&r),
        [
            (Some(2), Some("pd_code"), "pd_unknown"),
            (Some(2), Some("ref_code"), "ref_code_unknown"),
            (Some(2), Some("operating_pd"), "pd_unknown")
        ]
    );

    for (bytes, format, code) in [
        (b"\x00garbage".to_vec(), Format::Xlsx, "unreadable_file"),
        (
            b"PK\x03\x04\x14\x00".to_vec(),
            Format::Xlsx,
            "unreadable_file",
        ),
        (Vec::new(), Format::Csv, "no_header"),
        (
            transfer::columns(EntityKind::Application)
                .join(",")
                .into_bytes(),
            Format::Csv,
            "no_rows",
        ),
        (vec![b'a'; MAX_BYTES + 1], Format::Csv, "file_too_large"),
    ] {
        let r = import(bytes, format).await;
        assert_eq!(problems(&r), [(None, None, code)], "{code}");
    }
    let mut big = transfer::columns(EntityKind::Application).join(",");
    for i in 0..=MAX_ROWS {
        big.push_str(&format!("\nDINKES,C{i},n,uji"));
    }
    assert_eq!(
        problems(&import(big.into_bytes(), Format::Csv).await),
        [(None, None, "too_many_rows")]
    );
}

fn app_input(pd: &str, code: &str, name: &str) -> RecordInput {
    let mut data = serde_json::Map::new();
    for (k, v) in [
        ("app_type", "umum"),
        ("complexity", "kecil"),
        ("audience", "g2e"),
        ("developer", "dinas"),
        ("source_model", "terbuka"),
        ("platform", "web"),
        ("operating_pd", pd),
    ] {
        data.insert(k.into(), v.into());
    }
    RecordInput {
        pd_id: pd.into(),
        name: name.into(),
        code: Some(code.into()),
        status: "produksi".into(),
        ref_code: Some("RAA.01".into()),
        description: Some("Baris pertama\nbaris kedua, dengan koma; dan \"kutip\"".into()),
        data,
    }
}

/// A few records of several kinds with links, a retired record, a removed Tim member and two
/// stored documents (one withdrawn).
async fn populate(e: &Env) {
    let pds = e.app.all_pds(&e.admin).await.unwrap();
    let pd = |c: &str| pds.iter().find(|p| p.code == c).unwrap().id.to_string();
    let simpeg = e
        .app
        .create_record(
            &e.admin,
            EntityKind::Application,
            &app_input(&pd("BKPSDM"), "T-SIMPEG", "=SIMPEG Kepegawaian"),
        )
        .await
        .unwrap();
    let sikda = e
        .app
        .create_record(
            &e.dinkes,
            EntityKind::Application,
            &app_input(&pd("DINKES"), "T-SIKDA", "SIKDA Generik"),
        )
        .await
        .unwrap();
    let mut data = serde_json::Map::new();
    for (k, v) in [
        ("service_type", "publik"),
        ("sector", "kesehatan"),
        ("smart_city", "masyarakat,kehidupan"),
    ] {
        data.insert(k.into(), v.into());
    }
    let layanan = RecordInput {
        pd_id: pd("DINKES"),
        name: "Layanan rujukan".into(),
        code: Some("T-RUJUKAN".into()),
        status: "operasi".into(),
        ref_code: None,
        description: None,
        data,
    };
    let layanan = e
        .app
        .create_record(&e.admin, EntityKind::Service, &layanan)
        .await
        .unwrap();
    let mut data = serde_json::Map::new();
    for (k, v) in [("host", "sikda.metrokota.go.id"), ("purpose", "aplikasi")] {
        data.insert(k.into(), v.into());
    }
    let domain = RecordInput {
        pd_id: pd("DINKES"),
        name: "sikda.metrokota.go.id".into(),
        code: None,
        status: "aktif".into(),
        ref_code: None,
        description: None,
        data,
    };
    let domain = e
        .app
        .create_record(&e.admin, EntityKind::Domain, &domain)
        .await
        .unwrap();
    e.app
        .link_records(&e.admin, layanan.id, sikda.id)
        .await
        .unwrap();
    e.app
        .link_records(&e.admin, domain.id, sikda.id)
        .await
        .unwrap();
    e.app
        .link_records(&e.admin, sikda.id, simpeg.id)
        .await
        .unwrap();
    e.app
        .retire_record(&e.admin, simpeg.id, Some("Diganti aplikasi nasional"))
        .await
        .unwrap();
    e.app
        .upload_document(
            &e.dinkes,
            sikda.id,
            Upload {
                doc_type: "sop",
                title: "SOP SIKDA",
                filename: "sop-sikda.pdf",
                classification: "terbatas",
                content: b"%PDF-1.4\n\x00\xff isi dokumen uji\n%%EOF\n",
            },
        )
        .await
        .unwrap();
    let old = e
        .app
        .upload_document(
            &e.admin,
            simpeg.id,
            Upload {
                doc_type: "sop",
                title: "",
                filename: "catatan lama.txt",
                classification: "rahasia",
                content: "Catatan rahasia; baris kedua\n".as_bytes(),
            },
        )
        .await
        .unwrap();
    e.app
        .retire_document(&e.admin, old.id, "Diganti versi baru")
        .await
        .unwrap();
    let member = e.app.tim_members(&e.admin).await.unwrap().pop().unwrap();
    e.app
        .remove_tim_member(&e.admin, member.id, "Mutasi jabatan")
        .await
        .unwrap();
}

#[tokio::test]
async fn export_import_export_gives_an_identical_bundle_on_every_backend_pair() {
    let sources = envs().await;
    for src in &sources {
        populate(src).await;
        let region = src.admin.region.clone();
        let bundle = src.app.export_region(&region).await.unwrap();
        let json = bundle.to_json();
        assert!(
            !json.contains("argon2") && !json.contains("password"),
            "no password hashes in a bundle"
        );
        assert!(json.contains("\"removed_reason\": \"Mutasi jabatan\""));
        assert!(json.contains("\"retired_reason\": \"Diganti aplikasi nasional\""));
        assert_eq!(bundle.version, 2);
        assert_eq!(bundle.documents.len(), 2);
        assert!(json.contains("\"retired_reason\": \"Diganti versi baru\""));
        // base64 of "%PDF-1.4".
        assert!(json.contains("\"content\": \"JVBERi0xLjQ"));
        assert_eq!(
            src.app.export_region(&region).await.unwrap().to_json(),
            json,
            "deterministic"
        );
        let parsed = Bundle::from_json(&json).unwrap();
        assert_eq!(parsed, bundle);

        for target in testing::fresh_stores().await {
            let app = App::new(target.clone(), config());
            app.ensure_regions().await.unwrap();
            app.ensure_ref_codes().await.unwrap();
            let summary = app.import_region(&parsed).await.unwrap();
            assert_eq!(summary.pds, bundle.pds.len());
            assert_eq!(summary.records, bundle.records.len());
            assert_eq!(summary.links, bundle.links.len());
            assert_eq!(summary.documents, 2);
            assert!(summary.usernames.contains(&"admin.kominfo".to_owned()));
            let again = app.export_region(&region).await.unwrap().to_json();
            assert_eq!(
                again,
                json,
                "{:?} → {:?}",
                src.store.backend(),
                target.backend()
            );

            // Imported accounts cannot sign in until an administrator sets a password.
            let r = app
                .login(
                    "admin.kominfo",
                    simpul_app::demo::DEMO_PASSWORD,
                    "127.0.0.1",
                )
                .await;
            assert!(matches!(r, Err(AppError::BadCredentials)), "{r:?}");
            let admin = app.user_by_username("admin.kominfo").await.unwrap();
            app.reset_password(
                &Actor::system(region.clone(), "cli"),
                admin.id,
                "sandi-baru-yang-panjang",
            )
            .await
            .unwrap();
            assert!(app
                .login("admin.kominfo", "sandi-baru-yang-panjang", "127.0.0.1")
                .await
                .is_ok());

            // The imported catalogue works as if entered by hand.
            let actor = Actor::from_user(&admin);
            let detail = app
                .record_detail(
                    &actor,
                    bundle
                        .records
                        .iter()
                        .find(|r| r.code.as_deref() == Some("T-SIKDA"))
                        .unwrap()
                        .id,
                )
                .await
                .unwrap();
            assert_eq!(detail.depends_on.len(), 1);
            assert_eq!(detail.depended_on_by.len(), 2);
            assert!(app.verify_audit_chain().await.unwrap().is_ok());

            // Stored documents came with their files.
            for d in &bundle.documents {
                let (row, bytes) = app.download_document(&actor, d.id).await.unwrap();
                assert_eq!(row.sha256, d.sha256);
                assert_eq!(bytes.len() as i64, d.size_bytes);
            }

            // A region that already has data is not overwritten.
            let r = app.import_region(&parsed).await;
            assert!(
                matches!(r, Err(AppError::Rule(ref e)) if e.code == "region_not_empty"),
                "{r:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_broken_bundle_names_the_item_and_writes_nothing() {
    let e = envs().await.remove(0);
    populate(&e).await;
    let mut bundle = e.app.export_region(&e.admin.region).await.unwrap();
    bundle.records[1].status = "hidup".into();
    bundle.links[0].relation = "runs_on".into();
    let target = testing::fresh_stores().await.remove(0);
    let app = App::new(target.clone(), config());
    app.ensure_regions().await.unwrap();
    let Err(AppError::Invalid(inv)) = app.import_region(&bundle).await else {
        panic!("accepted a broken bundle")
    };
    let fields: Vec<&str> = inv.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["records[1].status", "links[0].relation"]);
    assert_eq!(count(&target, "SELECT COUNT(*) FROM pds").await, 0);
    assert!(Bundle::from_json("{\"format\":\"x\"}")
        .unwrap_err()
        .contains("not a Simpul region bundle"));
}

/// Whether an app's data directory holds any blob file.
fn has_blobs(app_config: &AppConfig) -> bool {
    fn any_file(dir: &std::path::Path) -> bool {
        std::fs::read_dir(dir).is_ok_and(|rd| {
            rd.flatten()
                .any(|e| e.path().is_file() || any_file(&e.path()))
        })
    }
    any_file(&app_config.data_dir.join("blobs"))
}

#[tokio::test]
async fn a_bundle_with_altered_document_content_is_refused_and_writes_nothing() {
    for e in envs().await {
        populate(&e).await;
        let mut bundle = e.app.export_region(&e.admin.region).await.unwrap();
        // Same length, other bytes: only the SHA-256 gives it away.
        let mut bytes = BASE64.decode(&bundle.documents[0].content).unwrap();
        let last = bytes.len() - 2;
        bytes[last] ^= 1;
        bundle.documents[0].content = BASE64.encode(&bytes);
        bundle.documents[1].content = "bukan base64!".into();
        let bundle = Bundle::from_json(&bundle.to_json()).unwrap();
        for target in testing::fresh_stores().await {
            let cfg = config();
            let app = App::new(target.clone(), cfg.clone());
            app.ensure_regions().await.unwrap();
            let Err(AppError::Invalid(inv)) = app.import_region(&bundle).await else {
                panic!("accepted altered document content")
            };
            let fields: Vec<(&str, &str)> =
                inv.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
            assert_eq!(
                fields,
                [
                    ("documents[0].sha256", "sha256_mismatch"),
                    ("documents[1].content", "base64")
                ]
            );
            assert_eq!(count(&target, "SELECT COUNT(*) FROM pds").await, 0);
            assert_eq!(count(&target, "SELECT COUNT(*) FROM records").await, 0);
            assert_eq!(count(&target, "SELECT COUNT(*) FROM documents").await, 0);
            assert!(!has_blobs(&cfg), "no file written");
        }
    }
}

#[tokio::test]
async fn a_document_breaking_the_upload_rules_or_its_record_is_refused() {
    let e = envs().await.remove(0);
    populate(&e).await;
    let mut bundle = e.app.export_region(&e.admin.region).await.unwrap();
    // An executable renamed: content and hash agree, but upload would refuse it.
    let exe = b"MZ\x90\x00 not a pdf";
    let d = &mut bundle.documents[0];
    d.content = BASE64.encode(exe);
    d.size_bytes = exe.len() as i64;
    d.sha256 = hex::encode(Sha256::digest(exe));
    d.classification = "sangat_rahasia".into();
    bundle.documents[1].record_id = simpul_domain::ids::RecordId::new();
    bundle.documents[1].size_bytes += 1;
    let target = testing::fresh_stores().await.remove(0);
    let app = App::new(target.clone(), config());
    app.ensure_regions().await.unwrap();
    let Err(AppError::Invalid(inv)) = app.import_region(&bundle).await else {
        panic!("accepted a document upload would refuse")
    };
    let fields: Vec<(&str, &str)> = inv.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
    assert_eq!(
        fields,
        [
            ("documents[0].classification", "unknown_value"),
            ("documents[0].file", "file_content"),
            ("documents[1].record_id", "invalid"),
            ("documents[1].size_bytes", "size_mismatch"),
        ]
    );
    assert_eq!(count(&target, "SELECT COUNT(*) FROM documents").await, 0);
}

#[tokio::test]
async fn a_version_1_bundle_still_imports() {
    let e = envs().await.remove(0);
    populate(&e).await;
    let region = e.admin.region.clone();
    let mut v: serde_json::Value =
        serde_json::from_str(&e.app.export_region(&region).await.unwrap().to_json()).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.insert("version".into(), 1.into());
    let with_documents = serde_json::to_string_pretty(&v).unwrap();
    assert!(
        Bundle::from_json(&with_documents)
            .unwrap_err()
            .contains("`documents`"),
        "version 1 has no documents"
    );
    v.as_object_mut().unwrap().remove("documents");
    let v1 = Bundle::from_json(&serde_json::to_string_pretty(&v).unwrap()).unwrap();
    assert_eq!(v1.version, 1);
    assert!(v1.documents.is_empty());
    let mut unknown = v.clone();
    unknown
        .as_object_mut()
        .unwrap()
        .insert("attachments".into(), serde_json::Value::Array(vec![]));
    assert!(Bundle::from_json(&unknown.to_string())
        .unwrap_err()
        .contains("unknown field"));
    for target in testing::fresh_stores().await {
        let app = App::new(target.clone(), config());
        app.ensure_regions().await.unwrap();
        let summary = app.import_region(&v1).await.unwrap();
        assert_eq!(summary.records, v1.records.len());
        assert_eq!(summary.documents, 0);
        // Written back as version 2.
        let again = app.export_region(&region).await.unwrap();
        assert_eq!(again.version, 2);
        assert!(again.documents.is_empty());
        assert_eq!(again.records, v1.records);
    }
}

#[tokio::test]
async fn an_export_with_a_missing_or_damaged_file_fails_naming_the_document() {
    let cfg = config();
    let store = testing::fresh_stores().await.remove(0);
    let app = App::new(store.clone(), cfg.clone());
    app.ensure_ref_codes().await.unwrap();
    app.seed_demo().await.unwrap();
    let admin = Actor::from_user(&app.user_by_username("admin.kominfo").await.unwrap());
    let dinkes = Actor::from_user(&app.user_by_username("operator.dinkes").await.unwrap());
    let e = Env {
        app: app.clone(),
        store,
        admin: admin.clone(),
        dinkes,
    };
    populate(&e).await;
    let bundle = app.export_region(&admin.region).await.unwrap();
    let d = &bundle.documents[0];
    let path = cfg
        .data_dir
        .join("blobs")
        .join(&d.sha256[..2])
        .join(&d.sha256[2..4])
        .join(&d.sha256);
    std::fs::write(&path, b"%PDF-diubah").unwrap();
    let err = app
        .export_region(&admin.region)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&d.id.to_string()) && err.contains(&d.filename),
        "{err}"
    );
    std::fs::remove_file(&path).unwrap();
    let err = app
        .export_region(&admin.region)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(&d.id.to_string()), "{err}");
}

#[tokio::test]
async fn a_spreadsheet_export_imports_back_unchanged() {
    for e in envs().await {
        populate(&e).await;
        for kind in [
            EntityKind::Application,
            EntityKind::Service,
            EntityKind::Domain,
        ] {
            for format in [Format::Csv, Format::Xlsx] {
                let f = RecordFilter {
                    kind: Some(kind),
                    include_retired: true,
                    ..Default::default()
                };
                let existing = e
                    .app
                    .list_records(&e.admin, &f, Paging::new(None, Some(200)))
                    .await
                    .unwrap()
                    .items;
                let with_code = existing.iter().filter(|r| r.code.is_some()).count();
                let bytes = e
                    .app
                    .export_catalogue(&e.admin, kind, format)
                    .await
                    .unwrap();
                let r = e
                    .app
                    .import_catalogue(&e.admin, kind, format, &bytes, ImportMode::AllOrNothing)
                    .await
                    .unwrap();
                assert!(
                    r.problems.is_empty(),
                    "{kind:?} {format:?}: {:?}",
                    r.problems
                );
                // Records with a code match themselves unchanged; those without are created again.
                assert_eq!(
                    (r.rows, r.unchanged, r.updated),
                    (existing.len(), with_code, 0),
                    "{kind:?} {format:?}"
                );
                assert_eq!(r.created, existing.len() - with_code);
            }
        }
        let csv = String::from_utf8(
            e.app
                .export_catalogue(&e.admin, EntityKind::Application, Format::Csv)
                .await
                .unwrap(),
        )
        .unwrap();
        assert!(
            csv.starts_with("\u{feff}pd_code,code,name,status,ref_code,description,app_type"),
            "{csv}"
        );
        assert!(
            csv.contains("'=SIMPEG Kepegawaian"),
            "formula-like values are defused in CSV"
        );
        assert!(csv.contains("BKPSDM,T-SIMPEG"));
    }
}

#[tokio::test]
async fn templates_are_importable_once_the_example_is_filled_in() {
    let e = envs().await.remove(0);
    for format in [Format::Csv, Format::Xlsx] {
        let bytes = transfer::template(EntityKind::Application, format).unwrap();
        let r = e
            .app
            .import_catalogue(
                &e.admin,
                EntityKind::Application,
                format,
                &bytes,
                ImportMode::AllOrNothing,
            )
            .await
            .unwrap();
        assert!(r.problems.is_empty(), "{format:?}: {:?}", r.problems);
        assert_eq!(r.created + r.unchanged, 1);
    }
}
