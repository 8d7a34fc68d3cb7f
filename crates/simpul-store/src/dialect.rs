//! Every difference between the SQL of SQLite and PostgreSQL, in one place.
//!
//! The table modules write their queries in the subset both databases share (`$n`
//! placeholders, `ON CONFLICT … DO UPDATE SET x = excluded.x`, `LOWER(col) LIKE … ESCAPE`,
//! flags compared as `col` or bound as booleans) and ask a [`Dialect`] for the rest: the
//! full-text search, JSON functions, multi-row placeholders, planner hints, connection and
//! maintenance statements. A module gets its dialect from the connection it runs on
//! ([`Dialect::of`]), so no caller has to pass the backend along.

use crate::{Backend, Conn};

/// The SQL spelling of one backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    backend: Backend,
}

/// Statements to run after a large load, and whether they may run inside a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Maintenance {
    pub statements: &'static [&'static str],
    /// PostgreSQL's `VACUUM` refuses to run inside a transaction.
    pub in_transaction: bool,
}

impl Dialect {
    pub const SQLITE: Dialect = Dialect {
        backend: Backend::Sqlite,
    };
    pub const POSTGRES: Dialect = Dialect {
        backend: Backend::Postgres,
    };

    pub const fn new(backend: Backend) -> Dialect {
        Dialect { backend }
    }

    /// The dialect of the database `conn` is connected to.
    pub fn of(conn: &Conn) -> Dialect {
        match conn.backend_name() {
            "PostgreSQL" => Dialect::POSTGRES,
            _ => Dialect::SQLITE,
        }
    }

    pub fn backend(self) -> Backend {
        self.backend
    }

    fn sqlite(self) -> bool {
        self.backend == Backend::Sqlite
    }

    /// `sqlite` on SQLite, `postgres` on PostgreSQL.
    fn pick<T>(self, sqlite: T, postgres: T) -> T {
        if self.sqlite() {
            sqlite
        } else {
            postgres
        }
    }

    /// The directory name of this backend's migrations under `migrations/`.
    pub fn migrations_dir(self) -> &'static str {
        self.pick("sqlite", "postgres")
    }

    /// Statements every new connection runs first (SQLite pragmas; nothing on PostgreSQL).
    pub fn connection_setup(self) -> &'static [&'static str] {
        if self.sqlite() {
            &[
                "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 5000",
                "PRAGMA synchronous = NORMAL",
                // Reads of large regions (lists, the compliance snapshot) go through the OS
                // page cache without a read() per page, and keep more pages in memory.
                "PRAGMA mmap_size = 1073741824",
                "PRAGMA cache_size = -32768",
            ]
        } else {
            &[]
        }
    }

    /// Run once on the database when it is opened (SQLite's write-ahead log).
    pub fn database_setup(self) -> Option<&'static str> {
        self.sqlite().then_some("PRAGMA journal_mode = WAL")
    }

    /// A query counting the columns named `$2` of table `$1` (1 when it exists, else 0).
    pub fn column_count(self) -> &'static str {
        if self.sqlite() {
            "SELECT COUNT(*) FROM pragma_table_info($1) WHERE name = $2"
        } else {
            "SELECT COUNT(*) FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2"
        }
    }

    /// Serialises concurrent migrators (two `serve` processes starting together) until the
    /// end of the transaction. SQLite needs none: its single writer already is one.
    pub fn migration_lock(self) -> Option<&'static str> {
        (!self.sqlite()).then_some("SELECT pg_advisory_xact_lock(727170)")
    }

    /// Makes a read-only transaction see one snapshot. SQLite (WAL) transactions do so from
    /// their first read on by themselves.
    pub fn snapshot_transaction(self) -> Option<&'static str> {
        (!self.sqlite()).then_some("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    }

    /// Refreshes stale planner statistics (SQLite `PRAGMA optimize`, 0x10002: every table,
    /// not only those this connection queried). PostgreSQL's autovacuum does this by itself.
    pub fn planner_refresh(self) -> Option<&'static str> {
        self.sqlite().then_some("PRAGMA optimize = 0x10002")
    }

    /// SQLite: makes every other connection load the refreshed statistics. A connection reads
    /// `sqlite_stat1` only when it loads the schema, and an ANALYZE on one connection does not
    /// make the others reload it, so the read pool kept planning with the statistics of the
    /// hour it connected (a findings task query planned when the table was nearly empty took
    /// up to 110 ms instead of 0.1 ms on the connections opened before the first evaluation).
    /// Replacing a one-row view changes the schema cookie, which every connection checks at
    /// its next statement; it then reloads the schema with the new statistics and re-prepares
    /// its cached statements.
    pub fn planner_reload(self) -> &'static [&'static str] {
        if self.sqlite() {
            &[
                "DROP VIEW IF EXISTS planner_epoch",
                "CREATE VIEW planner_epoch AS SELECT 1 AS epoch",
            ]
        } else {
            &[]
        }
    }

    /// After a large load: statistics; on SQLite also merges the full-text index into one
    /// segment, on PostgreSQL also vacuums, so that index-only scans need not visit the table.
    pub fn after_bulk_load(self) -> Maintenance {
        if self.sqlite() {
            Maintenance {
                statements: &[
                    "INSERT INTO records_fts(records_fts) VALUES('optimize')",
                    "PRAGMA analysis_limit = 1000",
                    "ANALYZE",
                ],
                in_transaction: true,
            }
        } else {
            Maintenance {
                statements: &[
                    "VACUUM ANALYZE records",
                    "VACUUM ANALYZE record_links",
                    "ANALYZE pds",
                ],
                in_transaction: false,
            }
        }
    }

    /// The placeholder of the `n`-th bound value (from 1) in the queries the table modules
    /// write: `$n` on both backends (sqlx's SQLite driver reads `$n` as `?n`).
    pub fn param(n: usize) -> String {
        format!("${n}")
    }

    /// `(…),(…)` for `rows` rows of `cols` placeholders: `?` on SQLite, `$1…$n` on PostgreSQL.
    ///
    /// SQLite gets anonymous placeholders because sqlx looks up the name of every numbered
    /// parameter, which SQLite finds by a linear scan: numbered placeholders make a statement
    /// of n parameters cost O(n²) to bind (64% of the load time at 7,000 parameters).
    pub fn values_rows(self, rows: usize, cols: usize) -> String {
        let mut s = String::with_capacity(rows * cols * 6);
        let mut n = 0;
        for r in 0..rows {
            if r > 0 {
                s.push(',');
            }
            s.push('(');
            for c in 0..cols {
                if c > 0 {
                    s.push(',');
                }
                n += 1;
                if self.sqlite() {
                    s.push('?');
                } else {
                    s.push('$');
                    s.push_str(&n.to_string());
                }
            }
            s.push(')');
        }
        s
    }

    /// The expression reading the text field `name` of the JSON text column `col`. `name`
    /// must be a trusted identifier (it is spliced into the SQL).
    pub fn json_text_field(self, col: &str, name: &str) -> String {
        self.pick(
            format!("json_extract({col}, '$.{name}')"),
            format!("({col}::jsonb ->> '{name}')"),
        )
    }

    /// The JSON text column `col` as a JSON value (not a string) inside [`Self::json_rows`].
    pub fn json_value(self, col: &str) -> String {
        self.pick(format!("json({col})"), format!("CAST({col} AS json)"))
    }

    /// `SELECT items FROM rest` packed into one JSON array of arrays, as the text column
    /// `packed` (`[]` when no row matches).
    pub fn json_rows(self, items: &str, rest: &str) -> String {
        self.pick(format!("SELECT json_group_array(json_array({items})) AS packed FROM {rest}"), format!("SELECT CAST(COALESCE(json_agg(json_build_array({items})), '[]') AS TEXT) AS packed FROM {rest}"))
    }

    /// The condition "the record's search text matches the full-text query bound to the
    /// placeholder `param`" (FTS5 table `records_fts` on SQLite, a `tsvector` GIN index on
    /// PostgreSQL).
    pub fn records_text_match(self, param: &str) -> String {
        self.pick(
            format!("rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH {param})"),
            format!("to_tsvector('simple', search_text) @@ to_tsquery('simple', {param})"),
        )
    }

    /// A full-text query term matching words that start with `word` (letters and digits
    /// only, so it needs no quoting).
    pub fn text_prefix(self, word: &str) -> String {
        self.pick(format!("\"{word}\"*"), format!("{word}:*"))
    }

    /// The operator joining full-text query terms of which any may match.
    pub fn text_any(self) -> &'static str {
        self.pick(" OR ", " | ")
    }

    /// The operator joining full-text query terms that must all match.
    pub fn text_all(self) -> &'static str {
        self.pick(" AND ", " & ")
    }

    /// `col` written so that the planner does not use an index on it (SQLite's unary `+`),
    /// to make another condition (a full-text match) drive the query; PostgreSQL plans by
    /// cost and needs no hint.
    pub fn without_index(self, col: &str) -> String {
        self.pick(format!("+{col}"), col.to_owned())
    }
}

impl From<Backend> for Dialect {
    fn from(backend: Backend) -> Dialect {
        Dialect::new(backend)
    }
}

#[cfg(test)]
mod tests {
    use super::Dialect;

    #[test]
    fn placeholders_follow_the_backend() {
        assert_eq!(Dialect::SQLITE.values_rows(2, 2), "(?,?),(?,?)");
        assert_eq!(Dialect::POSTGRES.values_rows(2, 2), "($1,$2),($3,$4)");
    }

    #[test]
    fn json_fields_are_read_with_each_backends_function() {
        assert_eq!(
            Dialect::SQLITE.json_text_field("data_json", "url"),
            "json_extract(data_json, '$.url')"
        );
        assert_eq!(
            Dialect::POSTGRES.json_text_field("data_json", "url"),
            "(data_json::jsonb ->> 'url')"
        );
    }

    #[test]
    fn only_postgres_takes_the_migration_lock() {
        assert!(Dialect::SQLITE.migration_lock().is_none());
        assert!(Dialect::POSTGRES.migration_lock().is_some());
    }
}
