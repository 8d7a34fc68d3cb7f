//! `simpul export` / `simpul import` and `simpul catalogue export|import|template` end to end,
//! on SQLite and, when `SIMPUL_TEST_POSTGRES_URL` is set, on PostgreSQL.

mod common;

use common::{simpul, text};
use simpul_store::testing;
use std::path::PathBuf;

fn ok(url: &str, args: &[&str]) -> String {
    let o = simpul(url, args);
    assert!(o.status.success(), "simpul {args:?}: {}", text(&o));
    text(&o)
}

fn temp_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join("simpul-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}-{name}", common::unique()))
}

#[tokio::test]
async fn a_region_exported_and_imported_into_an_empty_database_exports_identically() {
    let sources = testing::fresh_urls().await;
    let targets = testing::fresh_urls().await;
    for (src, dst) in sources.iter().zip(&targets) {
        ok(src, &["migrate"]);
        ok(src, &["demo"]);
        let first = temp_file("first.json");
        let second = temp_file("second.json");
        // Without --region the one region holding data is exported.
        let out = ok(src, &["export", "--out", first.to_str().unwrap()]);
        assert!(out.contains("Daerah metro diekspor"), "{out}");
        let bundle = std::fs::read_to_string(&first).unwrap();
        assert!(
            bundle.contains("\"format\": \"simpul-region-bundle\"") && !bundle.contains("argon2")
        );

        ok(dst, &["migrate"]);
        let out = ok(dst, &["import", first.to_str().unwrap()]);
        assert!(
            out.contains("Daerah metro diimpor")
                && out.contains("simpul user reset-password admin.kominfo"),
            "{out}"
        );
        ok(
            dst,
            &[
                "export",
                "--region",
                "metro",
                "--out",
                second.to_str().unwrap(),
            ],
        );
        assert_eq!(std::fs::read_to_string(&second).unwrap(), bundle);
        let o = simpul(dst, &["audit", "verify"]);
        assert!(o.status.success(), "{}", text(&o));

        // Importing twice is refused; a file that is not a bundle is named.
        let o = simpul(dst, &["import", first.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).contains("region_not_empty"), "{}", text(&o));
        std::fs::write(&second, "{\"format\": \"other\"}").unwrap();
        let o = simpul(dst, &["import", second.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            text(&o).contains("not a Simpul region bundle"),
            "{}",
            text(&o)
        );
        let _ = std::fs::remove_file(&first);
        let _ = std::fs::remove_file(&second);
    }
}

#[tokio::test]
async fn catalogue_spreadsheets_from_the_command_line() {
    for url in testing::fresh_urls().await {
        ok(&url, &["migrate"]);
        ok(&url, &["demo"]);
        let template = temp_file("template.xlsx");
        let t = template.to_str().unwrap();
        ok(&url, &["catalogue", "template", "--kind", "application", t]);
        assert!(
            std::fs::read(&template).unwrap().starts_with(b"PK"),
            "an XLSX (zip) file"
        );
        let out = ok(&url, &["catalogue", "import", "--kind", "application", t]);
        assert!(out.contains("1 entri baru"), "{out}");

        let mut csv = String::from_utf8(std::fs::read(temp_csv_template(&url)).unwrap()).unwrap();
        csv = csv.replace("CONTOH-01", "CLI-01");
        let bad = csv
            .lines()
            .nth(1)
            .unwrap()
            .replace("CLI-01", "CLI-02")
            .replace(",usulan,", ",hidup,");
        csv.push_str(&bad);
        csv.push_str("\r\n");
        let file = temp_file("apps.csv");
        std::fs::write(&file, &csv).unwrap();
        let f = file.to_str().unwrap();
        let o = simpul(&url, &["catalogue", "import", "--kind", "application", f]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(
            text(&o).contains("Baris 3, kolom status: Nilai tidak dikenal"),
            "{}",
            text(&o)
        );
        assert!(text(&o).contains("Tidak ada yang disimpan"), "{}", text(&o));
        let o = simpul(
            &url,
            &[
                "catalogue",
                "import",
                "--kind",
                "application",
                "--only-valid",
                f,
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(text(&o).contains("1 entri baru"), "{}", text(&o));

        let export = temp_file("export.csv");
        ok(
            &url,
            &[
                "catalogue",
                "export",
                "--kind",
                "application",
                "--format",
                "csv",
                export.to_str().unwrap(),
            ],
        );
        let exported = std::fs::read_to_string(&export).unwrap();
        assert!(
            exported.contains("DINKES,CLI-01") && exported.contains("DINKES,CONTOH-01"),
            "{exported}"
        );

        let o = simpul(&url, &["catalogue", "export", "--kind", "aplikasi", f]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).contains("unknown kind"), "{}", text(&o));
        for p in [&template, &file, &export] {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn temp_csv_template(url: &str) -> PathBuf {
    let p = temp_file("template.csv");
    ok(
        url,
        &[
            "catalogue",
            "template",
            "--kind",
            "application",
            "--format",
            "csv",
            p.to_str().unwrap(),
        ],
    );
    p
}
