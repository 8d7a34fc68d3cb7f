//! The one way rows are inserted: each table module names its columns once and binds one row
//! in that order; [`rows`] writes any number of rows, many per statement, with the backend's
//! placeholders ([`Dialect::values_rows`]). Single inserts, bulk loads and restores of a table
//! all go through it, so their column lists cannot drift apart.

use crate::{Conn, Dialect, Result, StoreError};
use sqlx::any::AnyArguments;
use sqlx::Any;

/// A query being bound.
pub(crate) type Query<'q> = sqlx::query::Query<'q, Any, AnyArguments<'q>>;

/// Rows per INSERT statement. 500 records × 14 columns = 7,000 parameters, well below the
/// limits of SQLite (32,766) and PostgreSQL (65,535).
pub(crate) const ROWS_PER_STATEMENT: usize = 500;

/// A table's insert: `INSERT INTO {table} ({cols}) VALUES …`, a unique violation reported as
/// a conflict on `conflict_field`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Insert {
    pub table: &'static str,
    pub cols: &'static str,
    pub conflict_field: &'static str,
}

impl Insert {
    /// The same insert that, on a row with the same `key`, overwrites every other column.
    fn upsert_sql(&self, dialect: Dialect, key: &str) -> String {
        let set: Vec<String> = self
            .cols
            .split(',')
            .map(str::trim)
            .filter(|c| *c != key)
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        format!(
            "{} ON CONFLICT ({key}) DO UPDATE SET {}",
            self.sql(dialect, 1),
            set.join(", ")
        )
    }

    fn sql(&self, dialect: Dialect, rows: usize) -> String {
        let n = self.cols.split(',').count();
        format!(
            "INSERT INTO {} ({}) VALUES {}",
            self.table,
            self.cols,
            dialect.values_rows(rows, n)
        )
    }
}

/// Inserts `rows`, each bound by `bind` in the order of the insert's columns, at most
/// `per_statement` a statement; returns the number of rows inserted.
pub(crate) async fn rows<T>(
    conn: &mut Conn,
    insert: Insert,
    rows: &[T],
    per_statement: usize,
    bind: for<'q> fn(Query<'q>, &'q T) -> Query<'q>,
) -> Result<u64> {
    let dialect = Dialect::of(conn);
    let mut n = 0;
    for chunk in rows.chunks(per_statement.max(1)) {
        let sql = insert.sql(dialect, chunk.len());
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = bind(q, r);
        }
        n += q
            .execute(&mut *conn)
            .await
            .map_err(|e| StoreError::conflict_on(e, insert.conflict_field))?
            .rows_affected();
    }
    Ok(n)
}

/// Inserts one row or, when a row with the same `key` exists, overwrites its other columns.
pub(crate) async fn upsert_one<T>(
    conn: &mut Conn,
    insert: Insert,
    key: &str,
    row: &T,
    bind: for<'q> fn(Query<'q>, &'q T) -> Query<'q>,
) -> Result<()> {
    let sql = insert.upsert_sql(Dialect::of(conn), key);
    bind(sqlx::query(&sql), row)
        .execute(conn)
        .await
        .map_err(|e| StoreError::conflict_on(e, insert.conflict_field))?;
    Ok(())
}

/// Inserts one row unless a row with the same `key` (a unique column list) exists; returns
/// whether it did.
pub(crate) async fn one_unless_exists<T>(
    conn: &mut Conn,
    insert: Insert,
    key: &str,
    row: &T,
    bind: for<'q> fn(Query<'q>, &'q T) -> Query<'q>,
) -> Result<bool> {
    let sql = format!(
        "{} ON CONFLICT ({key}) DO NOTHING",
        insert.sql(Dialect::of(conn), 1)
    );
    let done = bind(sqlx::query(&sql), row)
        .execute(conn)
        .await
        .map_err(|e| StoreError::conflict_on(e, insert.conflict_field))?;
    Ok(done.rows_affected() == 1)
}

/// Inserts one row.
pub(crate) async fn one<T>(
    conn: &mut Conn,
    insert: Insert,
    row: &T,
    bind: for<'q> fn(Query<'q>, &'q T) -> Query<'q>,
) -> Result<()> {
    rows(conn, insert, std::slice::from_ref(row), 1, bind).await?;
    Ok(())
}

/// `"a, b, c"` from the column names `a, b, c`.
macro_rules! cols {
    ($first:ident $(, $rest:ident)* $(,)?) => {
        concat!(stringify!($first) $(, ", ", stringify!($rest))*)
    };
}
pub(crate) use cols;

/// A table's [`Insert`] and the function binding one row in the order of its columns, from one
/// list of columns: a column `c` binds the row's field `c`, `c = expr` binds `expr` (written
/// over the row named in the signature); `select NAME` also defines `NAME`, the `SELECT` of
/// those columns from the table.
///
/// ```ignore
/// table_insert! {
///     const INSERT = "cases" conflict "id", select SELECT;
///     fn bind(c: &CaseRow) { id, region_id, state = c.state.code() }
/// }
/// ```
macro_rules! table_insert {
    (
        $vis:vis const $name:ident = $table:literal conflict $conflict:literal
            $(, select $select:ident)?;
        fn $bind:ident($row:ident: &$ty:ty) { $($col:ident $(= $val:expr)?),+ $(,)? }
    ) => {
        $vis const $name: $crate::insert::Insert = $crate::insert::Insert {
            table: $table,
            cols: $crate::insert::cols!($($col),+),
            conflict_field: $conflict,
        };

        $crate::insert::table_insert!(@select $table, [$($col),+] $($select)?);

        /// Binds one row in the order of the insert's columns.
        fn $bind<'q>(q: $crate::insert::Query<'q>, $row: &'q $ty) -> $crate::insert::Query<'q> {
            q $(.bind($crate::insert::table_insert!(@value $row.$col $(= $val)?)))+
        }
    };
    (@select $table:literal, [$($col:ident),+]) => {};
    (@select $table:literal, [$($col:ident),+] $select:ident) => {
        /// `SELECT` every inserted column `FROM` the table.
        const $select: &str = concat!("SELECT ", $crate::insert::cols!($($col),+), " FROM ", $table);
    };
    (@value $row:ident . $col:ident) => { &$row.$col };
    (@value $row:ident . $col:ident = $val:expr) => { $val };
}
pub(crate) use table_insert;
