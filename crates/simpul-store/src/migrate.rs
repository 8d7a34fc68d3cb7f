//! Embedded migrations, one list of names with a SQL file per backend, applied in order and
//! recorded in `schema_migrations` with the SHA-256 of their SQL, so that a migration edited
//! after a database applied it stops the start instead of leaving schemas to drift; then the data migrations that SQL cannot express, which a SQL migration
//! records as pending in `data_migrations` (since `0008_search_scope`).

use crate::{records, Conn, Dialect, Result, Store, StoreError};
use sha2::{Digest, Sha256};

/// One schema migration: its name and its SQL for each backend.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

impl Migration {
    /// The SQL of this migration in `dialect`.
    pub fn sql(&self, dialect: Dialect) -> &'static str {
        match dialect {
            Dialect::SQLITE => self.sqlite,
            _ => self.postgres,
        }
    }
}

/// The list of migrations from their names: `each NAME` is a file `NAME.sql` in both
/// `migrations/sqlite` and `migrations/postgres`; `shared NAME` one file in
/// `migrations/shared` that both backends run as it is (a test checks that the directories
/// hold exactly these files).
macro_rules! migrations {
    ($($kind:ident $name:literal),* $(,)?) => {
        &[$(migration!($kind $name)),*]
    };
}

macro_rules! migration {
    (each $name:literal) => {
        Migration {
            name: $name,
            sqlite: include_str!(concat!("../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../migrations/postgres/", $name, ".sql")),
        }
    };
    (shared $name:literal) => {
        Migration {
            name: $name,
            sqlite: include_str!(concat!("../migrations/shared/", $name, ".sql")),
            postgres: include_str!(concat!("../migrations/shared/", $name, ".sql")),
        }
    };
}

/// Every schema migration, in the order they apply.
pub const MIGRATIONS: &[Migration] = migrations![
    each "0001_foundation",
    each "0002_catalogue",
    shared "0003_list_indexes",
    each "0004_compliance",
    shared "0005_sanctions",
    shared "0006_notifications",
    each "0007_evaluation",
    shared "0008_search_scope",
    shared "0009_finding_subject",
    shared "0010_compliance_state",
    shared "0011_notification_message",
    shared "0012_workflow_kernel",
    each "0013_finding_workflow",
    shared "0014_cases",
    shared "0015_task_order",
];

/// SHA-256 (hex) of a migration's SQL, as recorded in `schema_migrations.checksum`. Line
/// endings are normalised, so that a checkout with CRLF endings is not an edit.
pub fn checksum(sql: &str) -> String {
    hex::encode(Sha256::digest(sql.replace("\r\n", "\n")))
}

/// Applies every migration not yet recorded, then the pending data migrations; returns the
/// names of the SQL migrations applied. Refuses ([`StoreError::EditedMigration`]) when the
/// SQL of an applied migration differs from what was applied.
pub async fn run(store: &Store) -> Result<Vec<&'static str>> {
    let applied = apply(store, MIGRATIONS).await?;
    run_data_migrations(store).await?;
    Ok(applied)
}

/// Serialises concurrent migrators until the end of the transaction.
async fn lock(conn: &mut Conn) -> Result<()> {
    if let Some(sql) = Dialect::of(conn).migration_lock() {
        sqlx::query(sql).execute(conn).await?;
    }
    Ok(())
}

/// Creates the bookkeeping table, or adds the `checksum` column to one written before
/// checksums were recorded (its rows get theirs on this start, in [`apply`]).
async fn bookkeeping(conn: &mut Conn) -> Result<()> {
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL, checksum TEXT)",
    )
    .execute(&mut *conn)
    .await?;
    let has: i64 = sqlx::query_scalar(Dialect::of(conn).column_count())
        .bind("schema_migrations")
        .bind("checksum")
        .fetch_one(&mut *conn)
        .await?;
    if has == 0 {
        sqlx::query("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT")
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Applies the migrations of `list` not yet recorded, checking and recording the checksums of
/// those that are; [`run`] passes [`MIGRATIONS`].
pub async fn apply(store: &Store, list: &[Migration]) -> Result<Vec<&'static str>> {
    let dialect = store.dialect();
    let mut tx = store.begin().await?;
    lock(&mut tx).await?;
    bookkeeping(&mut tx).await?;
    let done: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT name, checksum FROM schema_migrations")
            .fetch_all(&mut *tx)
            .await?;
    let mut applied = Vec::new();
    for m in list {
        let sql = m.sql(dialect);
        let sum = checksum(sql);
        match done.iter().find(|(d, _)| d == m.name) {
            Some((_, Some(recorded))) if *recorded == sum => continue,
            Some((_, Some(recorded))) => {
                return Err(StoreError::EditedMigration {
                    name: m.name.to_owned(),
                    recorded: recorded.clone(),
                    embedded: sum,
                })
            }
            Some((_, None)) => {
                // Applied before checksums were recorded: trust it once, record it now.
                sqlx::query("UPDATE schema_migrations SET checksum = $2 WHERE name = $1")
                    .bind(m.name)
                    .bind(&sum)
                    .execute(&mut *tx)
                    .await?;
                continue;
            }
            None => {}
        }
        for stmt in split_statements(sql) {
            sqlx::query(&stmt)
                .execute(&mut *tx)
                .await
                .map_err(|source| StoreError::Migration {
                    name: m.name.to_owned(),
                    source,
                })?;
        }
        sqlx::query(
            "INSERT INTO schema_migrations (name, applied_at, checksum) VALUES ($1, $2, $3)",
        )
        .bind(m.name)
        .bind(simpul_domain::now_str())
        .bind(&sum)
        .execute(&mut *tx)
        .await?;
        applied.push(m.name);
    }
    tx.commit().await?;
    Ok(applied)
}

/// Rows per batch of a data migration; each batch is one transaction that also records its
/// progress, so that an interrupted migration resumes where it stopped.
const DATA_BATCH: i64 = 1_000;

/// Runs the data migrations pending in `data_migrations` to completion, one batch per
/// transaction, deleting each one's row when it is done (so a second run does nothing).
/// Returns the number of rows rewritten.
pub async fn run_data_migrations(store: &Store) -> Result<u64> {
    let mut rewritten = 0;
    loop {
        let mut tx = store.begin().await?;
        lock(&mut tx).await?;
        let pending = sqlx::query_as::<_, (String, String)>(
            "SELECT name, after_id FROM data_migrations ORDER BY name LIMIT 1",
        )
        .fetch_optional(&mut *tx)
        .await?;
        let Some((name, after)) = pending else {
            break;
        };
        if after.is_empty() {
            // Operators see why this start takes longer (about a minute per 700,000 records).
            tracing::info!(migration = %name, "data migration started");
        }
        let last = match name.as_str() {
            "search_scope" => records::rewrite_search_text(&mut tx, &after, DATA_BATCH).await?,
            other => {
                return Err(StoreError::Corrupt(format!(
                    "unknown data migration {other}"
                )))
            }
        };
        match last {
            Some((id, n)) => {
                sqlx::query("UPDATE data_migrations SET after_id = $2 WHERE name = $1")
                    .bind(&name)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                rewritten += n;
            }
            None => {
                sqlx::query("DELETE FROM data_migrations WHERE name = $1")
                    .bind(&name)
                    .execute(&mut *tx)
                    .await?;
                tracing::info!(migration = %name, rows = rewritten, "data migration done");
            }
        }
        tx.commit().await?;
    }
    Ok(rewritten)
}

/// Splits a migration file into statements on `;` at line ends, dropping `--` comments; a
/// `CREATE TRIGGER … BEGIN … END;` block stays one statement.
fn split_statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_trigger = false;
    for line in sql.lines() {
        let line = line.split("--").next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        if cur.is_empty()
            && line
                .trim_start()
                .to_ascii_uppercase()
                .starts_with("CREATE TRIGGER")
        {
            in_trigger = true;
        }
        cur.push_str(line);
        cur.push('\n');
        let ends = line.trim_end().ends_with(';');
        if ends && (!in_trigger || line.trim().eq_ignore_ascii_case("END;")) {
            in_trigger = false;
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn statements_are_split_and_comments_dropped() {
        let s = super::split_statements(
            "-- c\nCREATE TABLE a (x TEXT); -- t\nINSERT INTO a VALUES ('y');\n",
        );
        assert_eq!(s.len(), 2);
        assert!(s[0].starts_with("CREATE TABLE a"));
    }

    #[test]
    fn trigger_bodies_stay_whole() {
        let s = super::split_statements("CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO b VALUES (1);\n  INSERT INTO b VALUES (2);\nEND;\nSELECT 1;\n");
        assert_eq!(s.len(), 2);
        assert!(s[0].trim_end().ends_with("END;"));
    }
}
