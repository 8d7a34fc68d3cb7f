//! Spreadsheet import through the page: a file with one bad row is rejected whole with a
//! report naming the row; the fixed file imports everything; templates and exports download.

#[path = "../../simpul-app/tests/common/bomb.rs"]
mod bomb;
mod common;

use common::Server;
use reqwest::StatusCode;

/// Issue 9.5: a 1.6 MB workbook whose shared strings inflate to 240 MiB is refused with a 422
/// and a message in Bahasa Indonesia, on the import page and on the evaluation import API.
#[tokio::test]
async fn an_xlsx_bomb_is_refused_with_a_field_message_on_the_page_and_the_api() {
    let bomb = bomb::xlsx_bomb(240, false);
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let r = b
            .upload(
                "/katalog/aplikasi/impor",
                &[("mode", "all_or_nothing")],
                "bom.xlsx",
                bomb.clone(),
                true,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("Berkas terlalu besar setelah diurai"),
            "{}",
            r.body
        );
        let api = s.api("admin.kominfo").await;
        let r = api
            .upload(
                "/evaluations/import",
                &[("year", "2019")],
                "bom.xlsx",
                bomb.clone(),
            )
            .await;
        r.expect(StatusCode::UNPROCESSABLE_ENTITY);
        let err = &r.json()["errors"][0];
        assert_eq!(err["field"], "file");
        assert!(
            err["detail"]
                .as_str()
                .unwrap()
                .starts_with("Berkas terlalu besar setelah diurai:"),
            "{err}"
        );
    }
}

/// Issue 9.5: while every import slot is taken, another import waits briefly, then gets a 503
/// with Retry-After and an Indonesian message; once a slot is free it runs.
#[tokio::test]
async fn an_import_beyond_the_slots_is_answered_503_then_runs_once_a_slot_is_free() {
    let s = Server::all().await.remove(0);
    let mut slots = Vec::new();
    for _ in 0..simpul_app::IMPORT_SLOTS {
        slots.push(s.app.import_slot().await.unwrap());
    }
    let api = s.api("admin.kominfo").await;
    let garbage = b"PK\x03\x04 not a workbook".to_vec();
    let r = api
        .upload(
            "/evaluations/import",
            &[("year", "2019")],
            "x.xlsx",
            garbage.clone(),
        )
        .await;
    r.expect(StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.headers.get("retry-after").is_some());
    assert!(r.json()["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("Server sedang memproses impor lain"));
    let mut b = s.login("admin.kominfo").await;
    let page = b
        .upload(
            "/katalog/aplikasi/impor",
            &[("mode", "all_or_nothing")],
            "x.xlsx",
            garbage.clone(),
            true,
        )
        .await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    drop(slots);
    let r = api
        .upload(
            "/evaluations/import",
            &[("year", "2019")],
            "x.xlsx",
            garbage,
        )
        .await;
    r.expect(StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_spreadsheet_with_one_bad_row_is_rejected_whole_and_the_fixed_one_imports() {
    for s in Server::all().await {
        let mut b = s.login("admin.kominfo").await;
        let page = b.get("/katalog/aplikasi/impor-ekspor").await;
        assert_eq!(page.status, StatusCode::OK);
        let template = b.get("/katalog/aplikasi/templat/csv").await;
        assert_eq!(template.status, StatusCode::OK);
        let header = template
            .body
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_owned();
        assert!(header.starts_with("pd_code,code,name,status"), "{header}");
        let xlsx = b.get("/katalog/aplikasi/templat/xlsx").await;
        assert!(xlsx
            .headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("spreadsheetml"));

        let cols: Vec<&str> = header.split(',').collect();
        let row = |pd: &str, code: &str, name: &str, status: &str| {
            cols.iter()
                .map(|c| match *c {
                    "pd_code" => pd.to_owned(),
                    "code" => code.to_owned(),
                    "name" => name.to_owned(),
                    "status" => status.to_owned(),
                    "app_type" => "khusus".into(),
                    "audience" => "g2c".into(),
                    "developer" => "dinas".into(),
                    "source_model" => "terbuka".into(),
                    "platform" => "web".into(),
                    _ => String::new(),
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        let bad = format!(
            "{header}\n{}\n{}\n{}\n",
            row("DINKES", "IMP1", "Aplikasi Satu", "produksi"),
            row("DINKES", "IMP2", "Aplikasi Dua", "hidup"),
            row("BPKAD", "IMP3", "Aplikasi Tiga", "produksi")
        );
        let before = s.count("SELECT COUNT(*) FROM records").await;
        let r = b
            .upload(
                "/katalog/aplikasi/impor",
                &[("mode", "all_or_nothing")],
                "aplikasi.csv",
                bad.into_bytes(),
                true,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Tidak ada yang disimpan"), "{}", r.body);
        assert!(
            r.body.contains("<td>3</td><td>status</td>"),
            "the report names row 3, column status"
        );
        assert_eq!(
            s.count("SELECT COUNT(*) FROM records").await,
            before,
            "nothing written"
        );

        let good = format!(
            "{header}\n{}\n{}\n{}\n",
            row("DINKES", "IMP1", "Aplikasi Satu", "produksi"),
            row("DINKES", "IMP2", "Aplikasi Dua", "uji"),
            row("BPKAD", "IMP3", "Aplikasi Tiga", "produksi")
        );
        let r = b
            .upload(
                "/katalog/aplikasi/impor",
                &[("mode", "all_or_nothing")],
                "aplikasi.csv",
                good.into_bytes(),
                true,
            )
            .await;
        r.expect(StatusCode::OK);
        assert!(r.body.contains("Disimpan: 3 entri baru"));
        assert_eq!(s.count("SELECT COUNT(*) FROM records").await, before + 3);
        let export = b.get("/katalog/aplikasi/ekspor/csv").await;
        assert!(export.body.contains("Aplikasi Dua") && export.body.contains("IMP3"));

        // An operator may import only their own PD's rows.
        let mut op = s.login("operator.dinkes").await;
        let mixed = format!(
            "{header}\n{}\n{}\n",
            row("DINKES", "IMP4", "Aplikasi Empat", "produksi"),
            row("BPKAD", "IMP5", "Aplikasi Lima", "produksi")
        );
        let r = op
            .upload(
                "/katalog/aplikasi/impor",
                &[("mode", "all_or_nothing")],
                "aplikasi.csv",
                mixed.clone().into_bytes(),
                true,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("<td>3</td><td>pd_code</td>"), "{}", r.body);
        let r = op
            .upload(
                "/katalog/aplikasi/impor",
                &[("mode", "only_valid_rows")],
                "aplikasi.csv",
                mixed.into_bytes(),
                true,
            )
            .await;
        assert!(r.body.contains("Disimpan: 1 entri baru"), "{}", r.body);
        let r = op
            .upload(
                "/katalog/aplikasi/impor",
                &[],
                "aplikasi.csv",
                b"x".to_vec(),
                false,
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "CSRF is checked on imports"
        );
    }
}
