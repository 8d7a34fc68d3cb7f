//! Spreadsheet import/export of catalogue records, on SQLite and,
//! when `SIMPUL_TEST_POSTGRES_URL` is set, on PostgreSQL.

mod common;

use common::{count, envs, populate, Env};
use simpul_app::catalogue::transfer::{
    self, Format, ImportMode, ImportReport, MAX_BYTES, MAX_ROWS,
};
use simpul_app::{Actor, AppError};
use simpul_domain::catalogue::EntityKind;
use simpul_store::records::RecordFilter;
use simpul_store::Paging;

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
            let report = e.import_applications(format, &file(format, &rows)).await;
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
            let report = e.import_applications(format, &file(format, &rows)).await;
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
            let report = e.import_applications(format, &file(format, &rows)).await;
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
            let report = e.import_applications(format, &file(format, &rows)).await;
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
                .import_applications_as(
                    &e.admin,
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
            .import_applications_as(&e.dinkes, Format::Csv, &bytes, ImportMode::AllOrNothing)
            .await
            .unwrap();
        assert!(!report.written);
        assert_eq!(
            problems(&report),
            [(Some(3), Some("pd_code"), "pd_forbidden")]
        );
        assert_eq!(applications(&e).await.len(), before);

        let report = e
            .import_applications_as(&e.dinkes, Format::Csv, &bytes, ImportMode::OnlyValidRows)
            .await
            .unwrap();
        assert_eq!((report.created, report.rejected_rows), (1, 1));
        let apps = applications(&e).await;
        assert_eq!(apps.len(), before + 1);
        assert!(apps.iter().any(|a| a.code.as_deref() == Some("T-OWN")));
        let actor_rows = count(&e.store, "SELECT COUNT(*) FROM audit_log WHERE action = 'application.create' AND actor_name = 'operator.dinkes'").await;
        assert_eq!(actor_rows, 1);

        // A record of another PD cannot be taken over by reusing its code.
        e.import_applications(Format::Csv, &bytes).await;
        let takeover = file(
            Format::Csv,
            &[app_row("DINKES", "T-OTHER", "Diambil alih", "produksi")],
        );
        let report = e
            .import_applications_as(&e.dinkes, Format::Csv, &takeover, ImportMode::OnlyValidRows)
            .await
            .unwrap();
        assert_eq!(problems(&report), [(Some(2), Some("code"), "pd_forbidden")]);
        assert_eq!(report.problems[0].param.as_deref(), Some("DISDUKCAPIL"));
        assert!(!report.written);

        // Roles that register nothing of this kind are refused outright.
        let koordinator = Actor::from_user(&e.app.user_by_username("koordinator").await.unwrap());
        let r = e
            .import_applications_as(&koordinator, Format::Csv, &bytes, ImportMode::OnlyValidRows)
            .await;
        assert!(matches!(r, Err(AppError::Forbidden)));
        let walidata = Actor::from_user(&e.app.user_by_username("walidata").await.unwrap());
        let r = e
            .import_applications_as(&walidata, Format::Csv, &bytes, ImportMode::OnlyValidRows)
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
        // Issue 9.5: a record of millions of empty fields, a field of 40 KiB, and 2,000 rows
        // of 200 filled columns are refused before they are held as cells.
        (vec![b','; 5_000_000], Format::Csv, "too_many_columns"),
        (
            format!("{}a\n", "a,".repeat(199))
                .repeat(2_000)
                .into_bytes(),
            Format::Csv,
            "too_many_cells",
        ),
    ] {
        let r = import(bytes, format).await;
        assert_eq!(problems(&r), [(None, None, code)], "{code}");
    }
    let long = format!("pd_code\n\"{}\"\n", "x".repeat(40 * 1024));
    assert_eq!(
        problems(&import(long.into_bytes(), Format::Csv).await),
        [(Some(2), Some("#1"), "cell_too_large")]
    );
    let mut big = transfer::columns(EntityKind::Application).join(",");
    for i in 0..=MAX_ROWS {
        big.push_str(&format!("\nDINKES,C{i},n,uji"));
    }
    assert_eq!(
        problems(&import(big.into_bytes(), Format::Csv).await),
        [(None, None, "too_many_rows")]
    );
}

/// Issue 9.5: a 240 MiB shared strings part from a file of some hundred KiB is refused before
/// calamine reads it, whether the zip declares its real size or lies about it; so is a
/// workbook declaring more shared strings than a sheet can hold, and one cell referenced
/// from every row does not multiply the text.
#[tokio::test]
async fn an_xlsx_bomb_is_refused_before_it_is_unpacked() {
    let e = envs().await.remove(0);
    for lie in [false, true] {
        let bomb = common::bomb::xlsx_bomb(240, lie);
        assert!(bomb.len() < MAX_BYTES, "{} bytes", bomb.len());
        for format_import in [true, false] {
            let code = if format_import {
                let r = e.import_applications(Format::Xlsx, &bomb).await;
                assert!(!r.written);
                assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
                r.problems[0].code
            } else {
                match e.app.import_evaluation(&e.admin, 2019, None, &bomb).await {
                    Err(AppError::Invalid(inv)) => {
                        assert_eq!(inv.0[0].field, "file");
                        // The message keys are shared with the catalogue import.
                        transfer::PROBLEM_CODES
                            .iter()
                            .find(|c| **c == inv.0[0].code)
                            .copied()
                            .unwrap_or("?")
                    }
                    other => panic!("{other:?}"),
                }
            };
            // A lying declared size is caught by the capped reader, or the zip reader stops at
            // it and the part is cut short: refused either way, never inflated.
            let want: &[&str] = if lie {
                &["shared_strings_too_large", "unreadable_file"]
            } else {
                &["shared_strings_too_large"]
            };
            assert!(want.contains(&code), "lie={lie}: {code}");
        }
    }
    // A small file declaring room for a billion strings (calamine reserves room up front).
    let r = e
        .import_applications(
            Format::Xlsx,
            &common::bomb::xlsx_declaring_strings(1_000_000_000),
        )
        .await;
    assert_eq!(problems(&r), [(None, None, "too_many_strings")]);
    // One 30 KiB text in 20,000 cells is 600 MB once copied into cells: refused on the way.
    let r = e
        .import_applications(
            Format::Xlsx,
            &common::bomb::xlsx_one_string_everywhere(30 * 1024, 10_000),
        )
        .await;
    assert_eq!(problems(&r), [(None, None, "too_much_text")]);
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
        let r = e.import_applications(format, &bytes).await;
        assert!(r.problems.is_empty(), "{format:?}: {:?}", r.problems);
        assert_eq!(r.created + r.unchanged, 1);
    }
}

/// A dataset row of `pd` with `classification`, in the template's column order.
fn dataset_csv(pd: &str, code: &str, classification: &str) -> Vec<u8> {
    let header = transfer::columns(EntityKind::Dataset);
    let mut row: Vec<String> = [pd, code, "Data Uji Impor", "aktif", "", ""]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for f in EntityKind::Dataset.fields() {
        row.push(
            match f.name {
                "walidata" => "Walidata Dinkes",
                "classification" => classification,
                "format" => "csv",
                "update_frequency" => "bulanan",
                "nature" => "master",
                _ => "",
            }
            .to_owned(),
        );
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    w.write_record(&row).unwrap();
    w.into_inner().unwrap()
}

#[tokio::test]
async fn an_operators_import_cannot_set_dataset_classification() {
    for e in envs().await {
        let import = |bytes: Vec<u8>| {
            let e = &e;
            async move {
                e.app
                    .import_catalogue(
                        &e.dinkes,
                        EntityKind::Dataset,
                        Format::Csv,
                        &bytes,
                        ImportMode::AllOrNothing,
                    )
                    .await
                    .unwrap()
            }
        };
        let report = import(dataset_csv("DINKES", "DS-UJI", "terbuka")).await;
        assert!(!report.written);
        assert_eq!(
            problems(&report),
            [(Some(2), Some("classification"), "reviewed_by_walidata")]
        );
        // The classification an operator's new dataset gets until the Walidata sets it.
        let report = import(dataset_csv("DINKES", "DS-UJI", "terbatas")).await;
        assert_eq!(report.created, 1, "{:?}", report.problems);
    }
}
