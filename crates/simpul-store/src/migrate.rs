//! Embedded migrations, one SQL list per backend, applied in order and recorded in
//! `schema_migrations`; then the data migrations that SQL cannot express, which a SQL migration
//! records as pending in `data_migrations` (since `0008_search_scope`).

use crate::{records, Backend, Conn, Result, Store, StoreError};

type Migration = (&'static str, &'static str);

const SQLITE: &[Migration] = &[
    (
        "0001_foundation",
        include_str!("../migrations/sqlite/0001_foundation.sql"),
    ),
    (
        "0002_catalogue",
        include_str!("../migrations/sqlite/0002_catalogue.sql"),
    ),
    (
        "0003_list_indexes",
        include_str!("../migrations/sqlite/0003_list_indexes.sql"),
    ),
    (
        "0004_compliance",
        include_str!("../migrations/sqlite/0004_compliance.sql"),
    ),
    (
        "0005_sanctions",
        include_str!("../migrations/sqlite/0005_sanctions.sql"),
    ),
    (
        "0006_notifications",
        include_str!("../migrations/sqlite/0006_notifications.sql"),
    ),
    (
        "0007_evaluation",
        include_str!("../migrations/sqlite/0007_evaluation.sql"),
    ),
    (
        "0008_search_scope",
        include_str!("../migrations/sqlite/0008_search_scope.sql"),
    ),
    (
        "0009_finding_subject",
        include_str!("../migrations/sqlite/0009_finding_subject.sql"),
    ),
    (
        "0010_compliance_state",
        include_str!("../migrations/sqlite/0010_compliance_state.sql"),
    ),
    (
        "0011_notification_message",
        include_str!("../migrations/sqlite/0011_notification_message.sql"),
    ),
    (
        "0012_workflow_kernel",
        include_str!("../migrations/sqlite/0012_workflow_kernel.sql"),
    ),
    (
        "0014_cases",
        include_str!("../migrations/sqlite/0014_cases.sql"),
    ),
];
const POSTGRES: &[Migration] = &[
    (
        "0001_foundation",
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (
        "0002_catalogue",
        include_str!("../migrations/postgres/0002_catalogue.sql"),
    ),
    (
        "0003_list_indexes",
        include_str!("../migrations/postgres/0003_list_indexes.sql"),
    ),
    (
        "0004_compliance",
        include_str!("../migrations/postgres/0004_compliance.sql"),
    ),
    (
        "0005_sanctions",
        include_str!("../migrations/postgres/0005_sanctions.sql"),
    ),
    (
        "0006_notifications",
        include_str!("../migrations/postgres/0006_notifications.sql"),
    ),
    (
        "0007_evaluation",
        include_str!("../migrations/postgres/0007_evaluation.sql"),
    ),
    (
        "0008_search_scope",
        include_str!("../migrations/postgres/0008_search_scope.sql"),
    ),
    (
        "0009_finding_subject",
        include_str!("../migrations/postgres/0009_finding_subject.sql"),
    ),
    (
        "0010_compliance_state",
        include_str!("../migrations/postgres/0010_compliance_state.sql"),
    ),
    (
        "0011_notification_message",
        include_str!("../migrations/postgres/0011_notification_message.sql"),
    ),
    (
        "0012_workflow_kernel",
        include_str!("../migrations/postgres/0012_workflow_kernel.sql"),
    ),
    (
        "0014_cases",
        include_str!("../migrations/postgres/0014_cases.sql"),
    ),
];

/// Applies every migration not yet recorded, then the pending data migrations; returns the
/// names of the SQL migrations applied.
pub async fn run(store: &Store) -> Result<Vec<&'static str>> {
    let applied = run_sql(store).await?;
    run_data_migrations(store).await?;
    Ok(applied)
}

/// Serialises concurrent migrators on PostgreSQL (two `serve` processes starting together)
/// until the end of the transaction.
async fn lock(conn: &mut Conn, backend: Backend) -> Result<()> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(727170)")
            .execute(conn)
            .await?;
    }
    Ok(())
}

async fn run_sql(store: &Store) -> Result<Vec<&'static str>> {
    let list = match store.backend() {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    let mut tx = store.begin().await?;
    lock(&mut tx, store.backend()).await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        .execute(&mut *tx)
        .await?;
    let done: Vec<String> = sqlx::query_scalar("SELECT name FROM schema_migrations")
        .fetch_all(&mut *tx)
        .await?;
    let mut applied = Vec::new();
    for (name, sql) in list {
        if done.iter().any(|d| d == name) {
            continue;
        }
        for stmt in split_statements(sql) {
            sqlx::query(&stmt)
                .execute(&mut *tx)
                .await
                .map_err(|source| StoreError::Migration {
                    name: (*name).to_owned(),
                    source,
                })?;
        }
        sqlx::query("INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)")
            .bind(*name)
            .bind(simpul_domain::now_str())
            .execute(&mut *tx)
            .await?;
        applied.push(*name);
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
        lock(&mut tx, store.backend()).await?;
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
            "search_scope" => {
                records::rewrite_search_text(&mut tx, store.backend(), &after, DATA_BATCH).await?
            }
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
