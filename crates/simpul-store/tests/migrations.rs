//! Schema migrations: one list of names for both backends, and checksums that refuse a start
//! on a database whose applied migrations were edited since. Every test runs on SQLite and,
//! when `SIMPUL_TEST_POSTGRES_URL` is set, on PostgreSQL too.

use simpul_store::migrate::{self, Migration, MIGRATIONS};
use simpul_store::{testing, Dialect, StoreError};
use std::collections::BTreeSet;

fn files_in(dir: &str) -> BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(dir);
    std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn both_backends_have_a_file_for_every_listed_migration_and_no_other() {
    let listed: BTreeSet<String> = MIGRATIONS
        .iter()
        .map(|m| format!("{}.sql", m.name))
        .collect();
    assert_eq!(listed.len(), MIGRATIONS.len(), "a name is listed twice");
    // A migration is one shared file or one file per backend, never both.
    let shared = files_in("shared");
    assert!(shared.is_subset(&listed), "unlisted shared migrations");
    for dialect in [Dialect::SQLITE, Dialect::POSTGRES] {
        let own = files_in(dialect.migrations_dir());
        assert!(own.is_disjoint(&shared), "{dialect:?}: also in shared/");
        let all: BTreeSet<String> = own.union(&shared).cloned().collect();
        assert_eq!(all, listed, "{dialect:?}");
    }
    let mut sorted: Vec<&str> = MIGRATIONS.iter().map(|m| m.name).collect();
    sorted.sort();
    assert_eq!(
        sorted,
        MIGRATIONS.iter().map(|m| m.name).collect::<Vec<_>>(),
        "listed in order"
    );
}

#[tokio::test]
async fn every_applied_migration_is_recorded_with_the_checksum_of_its_sql() {
    for s in testing::fresh_stores().await {
        for m in MIGRATIONS {
            let sum = migrate::checksum(m.sql(s.dialect()));
            let n = testing::count(
                &s,
                &format!(
                    "SELECT COUNT(*) FROM schema_migrations WHERE name = '{}' AND checksum = '{sum}'",
                    m.name
                ),
            )
            .await
            .unwrap();
            assert_eq!(n, 1, "{} on {:?}", m.name, s.backend());
        }
    }
}

#[tokio::test]
async fn an_edited_migration_is_refused_at_start() {
    for s in testing::fresh_stores().await {
        let mut edited: Vec<Migration> = MIGRATIONS.to_vec();
        let m = &mut edited[1];
        m.sqlite = Box::leak(m.sqlite.replace("TEXT", "TEXT ").into_boxed_str());
        m.postgres = Box::leak(m.postgres.replace("TEXT", "TEXT ").into_boxed_str());
        match migrate::apply(&s, &edited).await {
            Err(StoreError::EditedMigration { name, .. }) => {
                assert_eq!(name, "0002_catalogue", "{:?}", s.backend())
            }
            other => panic!("{:?}: an edited migration started: {other:?}", s.backend()),
        }
        let message = migrate::apply(&s, &edited).await.unwrap_err().to_string();
        assert!(
            message.contains("migration 0002_catalogue was edited"),
            "{message}"
        );
        // The original list still starts.
        assert!(s.migrate().await.unwrap().is_empty(), "{:?}", s.backend());
    }
}

#[tokio::test]
async fn a_database_migrated_before_checksums_starts_and_gets_them() {
    for s in testing::fresh_stores().await {
        // The bookkeeping table as it was before checksums.
        testing::execute_raw(&s, "DROP TABLE schema_migrations")
            .await
            .unwrap();
        testing::execute_raw(
            &s,
            "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .await
        .unwrap();
        for m in MIGRATIONS {
            testing::execute_raw(
                &s,
                &format!(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES ('{}', '2026-01-01T00:00:00.000000Z')",
                    m.name
                ),
            )
            .await
            .unwrap();
        }
        assert!(s.migrate().await.unwrap().is_empty(), "{:?}", s.backend());
        let missing = testing::count(
            &s,
            "SELECT COUNT(*) FROM schema_migrations WHERE checksum IS NULL",
        )
        .await
        .unwrap();
        assert_eq!(missing, 0, "{:?}", s.backend());
        // From now on an edit is caught.
        let mut edited: Vec<Migration> = MIGRATIONS.to_vec();
        edited[0].sqlite = "CREATE TABLE x (y TEXT);";
        edited[0].postgres = "CREATE TABLE x (y TEXT);";
        assert!(
            matches!(
                migrate::apply(&s, &edited).await,
                Err(StoreError::EditedMigration { ref name, .. }) if name == "0001_foundation"
            ),
            "{:?}",
            s.backend()
        );
    }
}
