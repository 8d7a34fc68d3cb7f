//! Test support: fresh, isolated databases on every backend under test.
//!
//! SQLite always; PostgreSQL too when `SIMPUL_TEST_POSTGRES_URL` is set (CI sets it). Each call
//! creates a new SQLite file or a new PostgreSQL database, so tests never share state.

use crate::{Result, Store};

/// The database URLs of the backends to test, each a fresh empty database.
pub async fn fresh_urls() -> Vec<String> {
    let mut urls = vec![fresh_sqlite_url()];
    if let Some(pg) = postgres_admin_url() {
        urls.push(
            fresh_postgres_url(&pg)
                .await
                .expect("create PostgreSQL test database"),
        );
    }
    urls
}

/// Fresh, migrated stores for every backend under test.
pub async fn fresh_stores() -> Vec<Store> {
    let mut out = Vec::new();
    for url in fresh_urls().await {
        let s = Store::connect(&url, true)
            .await
            .expect("connect test database");
        s.migrate().await.expect("migrate test database");
        out.push(s);
    }
    out
}

/// The PostgreSQL server to create test databases on, if configured.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("SIMPUL_TEST_POSTGRES_URL")
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// A URL for a new SQLite file in the system temp directory.
pub fn fresh_sqlite_url() -> String {
    let dir = std::env::temp_dir().join("simpul-tests");
    let _ = std::fs::create_dir_all(&dir);
    format!(
        "sqlite://{}/{}.db",
        dir.display(),
        uuid::Uuid::now_v7().simple()
    )
}

/// Creates a new database on the server of `admin_url` and returns its URL.
pub async fn fresh_postgres_url(admin_url: &str) -> Result<String> {
    sqlx::any::install_default_drivers();
    let name = format!("simpul_t_{}", uuid::Uuid::now_v7().simple());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(admin_url).await?;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await?;
    let _ = sqlx::Connection::close(conn).await;
    let base = match admin_url.rfind('/') {
        Some(i) if i > "postgres://".len() => &admin_url[..i],
        _ => admin_url,
    };
    Ok(format!("{base}/{name}"))
}

/// Runs raw SQL outside the use cases, for tests that tamper with the database directly.
pub async fn execute_raw(store: &Store, sql: &str) -> Result<u64> {
    let mut tx = store.begin().await?;
    let n = sqlx::query(sql).execute(&mut *tx).await?.rows_affected();
    tx.commit().await?;
    Ok(n)
}

/// Runs a scalar query returning one integer (counts in tests).
pub async fn count(store: &Store, sql: &str) -> Result<i64> {
    let mut c = store.read().await?;
    Ok(sqlx::query_scalar::<_, i64>(sql).fetch_one(&mut *c).await?)
}

/// Runs a query returning one text column (fingerprints in tests).
pub async fn strings(store: &Store, sql: &str) -> Result<Vec<String>> {
    let mut c = store.read().await?;
    Ok(sqlx::query_scalar::<_, String>(sql)
        .fetch_all(&mut *c)
        .await?)
}
