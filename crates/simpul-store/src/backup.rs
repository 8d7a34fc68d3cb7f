//! The database part of `simpul backup` / `simpul restore`: a consistent snapshot of the
//! whole database while the platform keeps serving, and its restore into an empty database.
//!
//! SQLite: `VACUUM INTO` on a read connection, which copies the database as of one read
//! transaction (WAL readers do not block writers, so `serve` keeps writing meanwhile), compacted
//! into a new file. PostgreSQL: `pg_dump --format=custom` (one repeatable-read snapshot) and
//! `pg_restore`, which must be on PATH; the password of the URL is handed to them in
//! `PGPASSWORD`, never on their command line.

use crate::{Backend, Store, StoreError, DEFAULT_URL};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// The snapshot's file name inside a backup directory, per backend.
pub fn snapshot_file(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "database.sqlite",
        Backend::Postgres => "database.pgdump",
    }
}

/// Errors of the database part of backups.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("`{0}` is not on PATH: backups of PostgreSQL need the PostgreSQL client tools of the server's major version (Debian: apt-get install postgresql-client)")]
    ToolMissing(&'static str),
    #[error("`{tool}` failed ({status}): {stderr}")]
    ToolFailed {
        tool: &'static str,
        status: String,
        stderr: String,
    },
    #[error("the target database is not empty ({tables} tables): restore only into a new, empty database")]
    NotEmpty { tables: i64 },
    #[error("the target database URL `{0}` is not a file SQLite can restore into")]
    BadTarget(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

type Result<T> = std::result::Result<T, BackupError>;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The backend a database URL selects (`None` for an unsupported scheme).
pub fn backend_of(url: &str) -> Option<Backend> {
    match url.split_once("://").map(|(s, _)| s) {
        Some("sqlite") => Some(Backend::Sqlite),
        Some("postgres" | "postgresql") => Some(Backend::Postgres),
        _ => None,
    }
}

impl Store {
    /// Writes a consistent snapshot of the whole database to `dir/<snapshot_file>` and returns
    /// its path. `url` is the URL this store was opened with (PostgreSQL: for `pg_dump`).
    pub async fn snapshot(&self, url: &str, dir: &Path) -> Result<PathBuf> {
        let path = dir.join(snapshot_file(self.backend()));
        match self.backend() {
            Backend::Sqlite => {
                let target = path.to_string_lossy().into_owned();
                let mut c = self.read().await?;
                sqlx::query("VACUUM INTO $1")
                    .bind(target)
                    .execute(&mut *c)
                    .await?;
            }
            Backend::Postgres => {
                let file = format!("--file={}", path.display());
                run_pg_tool(
                    "pg_dump",
                    url,
                    &["--format=custom", "--no-owner", "--no-privileges", &file],
                )
                .await?;
            }
        }
        Ok(path)
    }

    /// The last schema migration applied (`None` on a database never migrated).
    pub async fn schema_version(&self) -> crate::Result<Option<String>> {
        let mut c = self.read().await?;
        Ok(
            sqlx::query_scalar::<_, Option<String>>("SELECT MAX(name) FROM schema_migrations")
                .fetch_one(&mut *c)
                .await?,
        )
    }

    /// Number of tables of the database (0: empty, fit for a restore).
    pub async fn table_count(&self) -> crate::Result<i64> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"
            }
        };
        let mut c = self.read().await?;
        Ok(sqlx::query_scalar(sql).fetch_one(&mut *c).await?)
    }
}

/// The document digests a SQLite snapshot refers to, read without changing the file
/// (read-only, none of the store's pragmas).
pub async fn sqlite_snapshot_references(file: &Path) -> Result<std::collections::HashSet<String>> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", file.display());
    let mut c = sqlx::AnyConnection::connect(&url).await?;
    let refs = crate::blobs::referenced(&mut c).await?;
    c.close().await?;
    for f in sqlite_files(file).iter().skip(1) {
        let _ = std::fs::remove_file(f);
    }
    Ok(refs)
}

/// The file of a `sqlite://PATH` URL.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://")?;
    let path = rest.split_once('?').map(|(p, _)| p).unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// The files SQLite keeps for the database at `path` (itself, its WAL, shared memory and
/// rollback journal).
pub fn sqlite_files(path: &Path) -> Vec<PathBuf> {
    let mut out = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        out.push(PathBuf::from(p));
    }
    out
}

/// Refuses ([`BackupError::NotEmpty`]) a target database that holds any table. A SQLite file
/// that does not exist yet is empty (and is not created here).
pub async fn ensure_empty_target(url: &str) -> Result<()> {
    if backend_of(url) == Some(Backend::Sqlite) {
        let path = sqlite_path(url).ok_or_else(|| BackupError::BadTarget(url.to_owned()))?;
        if !path.exists() {
            return Ok(());
        }
    }
    let store = Store::connect(url, url == DEFAULT_URL).await?;
    let tables = store.table_count().await?;
    store.close().await;
    if tables > 0 {
        return Err(BackupError::NotEmpty { tables });
    }
    Ok(())
}

/// Restores the snapshot `file` into the empty database at `url` (check it first with
/// [`ensure_empty_target`]). SQLite: the file is copied next to the target and renamed into
/// place, replacing an empty database file.
pub async fn restore_snapshot(url: &str, file: &Path) -> Result<()> {
    match backend_of(url) {
        Some(Backend::Sqlite) => {
            let path = sqlite_path(url).ok_or_else(|| BackupError::BadTarget(url.to_owned()))?;
            let (src, dst) = (file.to_path_buf(), path.clone());
            tokio::task::spawn_blocking(move || copy_into_place(&src, &dst))
                .await
                .map_err(|e| BackupError::Io {
                    path: path.clone(),
                    source: std::io::Error::other(e),
                })?
        }
        Some(Backend::Postgres) => {
            let file = file.to_string_lossy().into_owned();
            run_pg_tool(
                "pg_restore",
                url,
                &[
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    &file,
                ],
            )
            .await
        }
        None => Err(StoreError::UnsupportedScheme(url.to_owned()).into()),
    }
}

fn copy_into_place(src: &Path, dst: &Path) -> Result<()> {
    if let Some(dir) = dst.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let mut tmp = dst.as_os_str().to_owned();
    tmp.push(".restoring");
    let tmp = PathBuf::from(tmp);
    std::fs::copy(src, &tmp).map_err(io(&tmp))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io(&tmp))?;
    // An empty database's own WAL and shared memory must not be applied to the new file.
    for f in sqlite_files(dst).iter().skip(1) {
        match std::fs::remove_file(f) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(f)(e)),
            _ => {}
        }
    }
    std::fs::rename(&tmp, dst).map_err(io(dst))?;
    Ok(())
}

/// A libpq connection string without its password, and the password (for `PGPASSWORD`).
fn libpq_target(url: &str) -> (String, Option<String>) {
    if let (Some(s), Some(at)) = (url.find("://"), url.rfind('@')) {
        if at > s {
            if let Some((user, pw)) = url[s + 3..at].split_once(':') {
                let bare = format!("{}{}{}", &url[..s + 3], user, &url[at..]);
                return (bare, Some(pw.to_owned()));
            }
        }
    }
    (url.to_owned(), None)
}

async fn run_pg_tool(tool: &'static str, url: &str, args: &[&str]) -> Result<()> {
    let (target, password) = libpq_target(url);
    let mut cmd = tokio::process::Command::new(tool);
    cmd.args(args)
        .arg(format!("--dbname={target}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(pw) = password {
        cmd.env("PGPASSWORD", pw);
    }
    let out = match cmd.output().await {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(BackupError::ToolMissing(tool))
        }
        Err(e) => {
            return Err(BackupError::Io {
                path: PathBuf::from(tool),
                source: e,
            })
        }
    };
    if !out.status.success() {
        return Err(BackupError::ToolFailed {
            tool,
            status: out.status.to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_password_goes_to_the_environment_not_the_command_line() {
        let (t, pw) = super::libpq_target("postgres://simpul:rahasia@127.0.0.1:5432/simpul");
        assert_eq!(t, "postgres://simpul@127.0.0.1:5432/simpul");
        assert_eq!(pw.as_deref(), Some("rahasia"));
        let (t, pw) = super::libpq_target("postgres://postgres@127.0.0.1/db");
        assert_eq!((t.as_str(), pw), ("postgres://postgres@127.0.0.1/db", None));
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            super::sqlite_path("sqlite://data/simpul.db?mode=rwc").unwrap(),
            std::path::PathBuf::from("data/simpul.db")
        );
        assert!(super::sqlite_path("sqlite://:memory:").is_none());
    }
}
