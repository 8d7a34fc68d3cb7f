//! Persistence for Simpul on SQLite or PostgreSQL.
//!
//! One implementation serves both backends through sqlx's `Any` driver: every query is
//! written in the common SQL subset with `$n` placeholders, ids and timestamps are stored as
//! text, and every backend difference (full-text search, JSON functions, pragmas, locks) is
//! a method of [`Dialect`]. Each module owns the queries of one table family and takes a
//! `&mut AnyConnection`, so the same function runs inside a use case's transaction or on a
//! plain read connection.

pub mod audit;
pub mod backup;
pub mod blobs;
pub mod bulk;
pub mod case_events;
pub mod cases;
pub mod dialect;
pub mod documents;
pub mod evaluation;
pub mod findings;
mod insert;
pub mod jobs;
pub mod login_failures;
pub mod migrate;
pub mod notifications;
pub mod outbox;
pub mod pds;
mod query;
pub mod records;
pub mod regions;
pub mod restore;
pub mod rows;
pub mod sanctions;
pub mod sessions;
pub mod testing;
pub mod tim;
pub mod tokens;
pub mod users;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, Transaction};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

pub use dialect::Dialect;

/// The pragmas of every SQLite connection; `autocheckpoint_off` for the write connection
/// while [`Store::spawn_wal_checkpoints`] runs.
async fn sqlite_setup(conn: &mut Conn, autocheckpoint_off: bool) -> sqlx::Result<()> {
    for sql in Dialect::SQLITE.connection_setup() {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    if autocheckpoint_off {
        sqlx::query(WAL_AUTOCHECKPOINT_OFF).execute(conn).await?;
    }
    Ok(())
}

/// Turns off SQLite's checkpoint-on-commit on the write connection (see
/// [`Store::spawn_wal_checkpoints`]).
const WAL_AUTOCHECKPOINT_OFF: &str = "PRAGMA wal_autocheckpoint = 0";
pub use sqlx::AnyConnection as Conn;

/// A write transaction. Commit it; dropping it rolls back.
pub type Tx = Transaction<'static, Any>;

/// The default database location.
pub const DEFAULT_URL: &str = "sqlite://data/simpul.db";

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Errors of the persistence layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL scheme `{0}`: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedScheme(String),
    #[error("SQLite database {0} does not exist (only the default location is created automatically); create it with `simpul migrate` after checking the path, or fix SIMPUL_DATABASE_URL")]
    MissingDatabase(PathBuf),
    #[error("unique value already taken: {0}")]
    Conflict(&'static str),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("migration {name} failed: {source}")]
    Migration { name: String, source: sqlx::Error },
    #[error("migration {name} was edited after this database applied it (recorded SHA-256 {recorded}, embedded {embedded}): restore the migration as it was and put the change in a new migration")]
    EditedMigration {
        name: String,
        recorded: String,
        embedded: String,
    },
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Maps a unique-constraint violation to [`StoreError::Conflict`] naming `field`.
    pub fn conflict_on(e: sqlx::Error, field: &'static str) -> StoreError {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict(field),
            _ => StoreError::Db(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Handle to the database. Cheap to clone.
///
/// On SQLite, writes go through a single-connection pool so that write transactions never
/// race each other for the file lock (which SQLite would answer with `SQLITE_BUSY`); reads use
/// a separate pool and run concurrently thanks to WAL. On PostgreSQL both are the same pool.
/// Pools hand out connections without pinging them first (`test_before_acquire(false)`): the
/// ping was one more round trip per acquire (a request acquires several); a connection that
/// broke (a restarted PostgreSQL) fails its next query and is then dropped from the pool.
#[derive(Clone, Debug)]
pub struct Store {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
    /// SQLite: whether [`Store::spawn_wal_checkpoints`] runs, so the writer never checkpoints
    /// inside a commit (read by every new write connection).
    background_checkpoints: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Store {
    /// Connects to `url`. `sqlite://PATH` must exist unless it is the default location or
    /// `create` is set; `postgres://` and `postgresql://` select PostgreSQL.
    pub async fn connect(url: &str, create: bool) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or(url);
        match scheme {
            "sqlite" => Self::connect_sqlite(url, create).await,
            "postgres" | "postgresql" => {
                let opts = AnyConnectOptions::from_str(url)?;
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .test_before_acquire(false)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(opts)
                    .await?;
                Ok(Store {
                    read: pool.clone(),
                    write: pool,
                    backend: Backend::Postgres,
                    background_checkpoints: Default::default(),
                })
            }
            other => Err(StoreError::UnsupportedScheme(other.to_owned())),
        }
    }

    async fn connect_sqlite(url: &str, create: bool) -> Result<Store> {
        let rest = &url["sqlite://".len()..];
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let is_default = url == DEFAULT_URL;
        if path != ":memory:" {
            let p = Path::new(path);
            if !p.exists() {
                if !(create || is_default) {
                    return Err(StoreError::MissingDatabase(p.to_path_buf()));
                }
                if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)?;
                }
            }
        }
        let mut full = format!("sqlite://{path}?mode=rwc");
        if !query.is_empty() {
            full = format!("sqlite://{path}?{query}");
        }
        let opts = AnyConnectOptions::from_str(&full)?;
        let background_checkpoints = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = background_checkpoints.clone();
        let write = AnyPoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(30))
            // A new write connection too leaves checkpoints to the background task once it runs.
            .after_connect(move |conn, _| {
                let off = flag.load(std::sync::atomic::Ordering::Relaxed);
                Box::pin(async move { sqlite_setup(conn, off).await })
            })
            .connect_with(opts.clone())
            .await?;
        if let Some(sql) = Dialect::SQLITE.database_setup() {
            sqlx::query(sql).execute(&write).await?;
        }
        let read = AnyPoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(|conn, _| Box::pin(async move { sqlite_setup(conn, false).await }))
            .connect_with(opts)
            .await?;
        Ok(Store {
            read,
            write,
            backend: Backend::Sqlite,
            background_checkpoints,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SQL spelling of this store's database.
    pub fn dialect(&self) -> Dialect {
        Dialect::new(self.backend)
    }

    /// A connection for reads.
    pub async fn read(&self) -> Result<PoolConnection<Any>> {
        Ok(self.read.acquire().await?)
    }

    /// Starts a write transaction: one per use case.
    ///
    /// On SQLite it is `BEGIN IMMEDIATE`: the write lock is taken at the start, so a second
    /// process writing the same file (a CLI command next to `serve`) waits for it (busy
    /// timeout) instead of failing with "database is locked" when a transaction that read first
    /// tries to write after the other one committed.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self.backend {
            Backend::Sqlite => self.write.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.write.begin().await?,
        })
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<Vec<&'static str>> {
        migrate::run(self).await
    }

    /// The connection pools' sizes now (for the metrics): SQLite's `read` and `write` pools,
    /// PostgreSQL's one `shared` pool.
    pub fn pool_stats(&self) -> Vec<PoolStats> {
        let stats = |pool: &'static str, p: &AnyPool| PoolStats {
            pool,
            size: p.size(),
            idle: u32::try_from(p.num_idle()).unwrap_or(u32::MAX),
            max: p.options().get_max_connections(),
        };
        match self.backend {
            Backend::Sqlite => vec![stats("read", &self.read), stats("write", &self.write)],
            Backend::Postgres => vec![stats("shared", &self.read)],
        }
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.read).await.is_ok()
    }

    /// Refreshes the query planner's statistics where they are stale (SQLite `PRAGMA
    /// optimize`, which analyses only tables whose size changed a lot, with a bounded sample).
    /// Without statistics SQLite can pick a poor index once tables grow (at --scale 25 a PD and
    /// status filter took 64 ms instead of 5 ms). PostgreSQL's autovacuum does this by itself.
    pub async fn optimize_planner(&self) -> Result<()> {
        if let Some(sql) = self.dialect().planner_refresh() {
            sqlx::query(sql).execute(&self.write).await?;
        }
        let reload = self.dialect().planner_reload();
        if !reload.is_empty() {
            // One transaction: two refreshes at once (two jobs) must not interleave the drop
            // and the create of the view.
            let mut tx = self.begin().await?;
            for sql in reload {
                sqlx::query(sql).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }
        Ok(())
    }

    /// SQLite: copies the write-ahead log into the database every `every` from a read
    /// connection (a passive checkpoint: it waits for no reader or writer), instead of the
    /// writer doing it inside whichever commit crosses 1,000 pages, which made that request
    /// wait. A no-op on PostgreSQL. Started by `serve`; short-lived commands keep SQLite's
    /// automatic checkpoints. `observe` is told each checkpoint's duration and success (the
    /// metrics).
    pub fn spawn_wal_checkpoints(
        &self,
        every: Duration,
        observe: impl Fn(Duration, bool) + Send + 'static,
    ) {
        if self.backend != Backend::Sqlite {
            return;
        }
        self.background_checkpoints
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let (read, write) = (self.read.clone(), self.write.clone());
        tokio::spawn(async move {
            if let Err(e) = sqlx::query(WAL_AUTOCHECKPOINT_OFF).execute(&write).await {
                tracing::warn!(error = %e, "could not leave WAL checkpoints to the background");
            }
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let started = std::time::Instant::now();
                let done = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                    .execute(&read)
                    .await;
                observe(started.elapsed(), done.is_ok());
                if let Err(e) = done {
                    tracing::warn!(error = %e, "WAL checkpoint failed");
                }
            }
        });
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// The state of one connection pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    pub pool: &'static str,
    /// Open connections, idle or in use.
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

/// A page of results.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    /// The count stopped at a cap: there are more than `total` matches.
    pub more: bool,
}

impl<T> Page<T> {
    /// The page `paging` asked for, holding `items` of `total` matches.
    pub fn of(items: Vec<T>, total: i64, paging: Paging) -> Page<T> {
        Page {
            items,
            total,
            page: paging.page,
            per_page: paging.per_page,
            more: false,
        }
    }

    /// The same page with each item converted.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
            more: self.more,
        }
    }

    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

/// Paging parameters, clamped to sane bounds.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
}

impl Paging {
    pub fn new(page: Option<i64>, per_page: Option<i64>) -> Paging {
        Paging {
            page: page.unwrap_or(1).clamp(1, 1_000_000),
            per_page: per_page.unwrap_or(25).clamp(1, 200),
        }
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }
}

/// A `LIKE` pattern that matches `q` anywhere, case-insensitively (compare with `LOWER(col)`),
/// with `%` and `_` in the query escaped (use `ESCAPE '\'`).
pub fn like_pattern(q: &str) -> String {
    let mut s = String::with_capacity(q.len() + 2);
    s.push('%');
    for c in q.trim().to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('%');
    s
}

/// Commits a use case's transaction.
pub async fn commit(tx: Tx) -> Result<()> {
    Ok(tx.commit().await?)
}
