//! Safe upgrades: a database made by an earlier release (the fixtures in `tests/fixtures/`)
//! is migrated by the current binary, and then its audit chain verifies and the reads that
//! touch every table family still work.

mod common;

use common::{fresh_dir, run, simpul_in, text};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Every committed fixture database.
fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sqlite"))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixture database in tests/fixtures");
    out
}

#[test]
fn a_database_made_by_an_earlier_release_migrates_and_still_verifies_and_reads() {
    for fixture in fixtures() {
        let data = fresh_dir("simpul-upgrade", "data");
        // A copy: the committed file is never opened for writing.
        let db = data.join("simpul.db");
        std::fs::copy(&fixture, &db).unwrap();
        let url = format!("sqlite://{}", db.display());

        let plan = text(&run(&url, &data, &["migrate", "--dry-run"]));
        assert!(plan.contains("migrasi"), "{plan}");
        let migrated = text(&run(&url, &data, &["migrate"]));
        assert!(migrated.contains("migrasi diterapkan"), "{migrated}");
        let again = text(&run(&url, &data, &["migrate", "--dry-run"]));
        assert!(
            again.contains("Tidak ada migrasi yang akan dijalankan"),
            "{}: {again}",
            fixture.display()
        );

        let verified = text(&run(&url, &data, &["audit", "verify"]));
        assert!(verified.contains("OK: rantai audit utuh"), "{verified}");
        let check = simpul_in(&url, &data, &["check", "--json"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(check.status.success(), "{}", text(&check));
        let findings: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        assert!(findings.is_object() || findings.is_array(), "{findings}");
        let bundle = data.join("metro.json");
        run(&url, &data, &["export", "--out", bundle.to_str().unwrap()]);
        let exported = std::fs::read_to_string(&bundle).unwrap();
        assert!(exported.contains("\"simpul-region-bundle\""));
        let _ = std::fs::remove_dir_all(&data);
    }
}

#[test]
fn migrate_dry_run_lists_what_would_run_and_changes_nothing() {
    let data = fresh_dir("simpul-upgrade", "dry");
    let db = data.join("baru.db");
    let url = format!("sqlite://{}", db.display());
    let plan = text(&run(&url, &data, &["migrate", "--dry-run"]));
    let first = simpul_store::migrate::MIGRATIONS[0].name;
    let last = simpul_store::migrate::MIGRATIONS.last().unwrap().name;
    assert!(
        plan.contains(&format!(
            "{} migrasi akan dijalankan (0 sudah diterapkan)",
            simpul_store::migrate::MIGRATIONS.len()
        )) && plan.contains(first)
            && plan.contains(last),
        "{plan}"
    );
    assert!(!db.exists(), "a dry run creates no database");
    let _ = std::fs::remove_dir_all(&data);
}
