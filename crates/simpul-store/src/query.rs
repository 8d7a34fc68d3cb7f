//! The one way rows are read with filters: a [`Where`] clause holds only the conditions that
//! are set, binds each value once under the dialect's placeholder ([`Dialect::param`]), and
//! runs the query decoding rows with `FromRow`: every row ([`Where::all`]), at most one
//! ([`Where::optional`]), or a page with the count of all matches ([`Where::page`]). Table
//! modules keep only their columns, their conditions and their order.

use crate::insert::Query;
use crate::{like_pattern, Conn, Dialect, Page, Paging, Result, StoreError};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::Arguments;

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Text(String),
    /// A nullable text column.
    OptText(Option<String>),
    Int(i64),
    Bool(bool),
}

impl Arg {
    /// Binds the value to the next placeholder of `q`.
    pub fn bind<'q>(self, q: Query<'q>) -> Query<'q> {
        match self {
            Arg::Text(s) => q.bind(s),
            Arg::OptText(s) => q.bind(s),
            Arg::Int(n) => q.bind(n),
            Arg::Bool(b) => q.bind(b),
        }
    }
}

/// Binds `args` in order (a table's fields, shared by its insert and its update).
pub(crate) fn bind_all<'q>(q: Query<'q>, args: impl IntoIterator<Item = Arg>) -> Query<'q> {
    args.into_iter().fold(q, |q, a| a.bind(q))
}

impl From<Option<String>> for Arg {
    fn from(s: Option<String>) -> Arg {
        Arg::OptText(s)
    }
}

impl From<&Option<String>> for Arg {
    fn from(s: &Option<String>) -> Arg {
        Arg::OptText(s.clone())
    }
}

impl From<Option<&str>> for Arg {
    fn from(s: Option<&str>) -> Arg {
        Arg::OptText(s.map(str::to_owned))
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Int(n)
    }
}

impl From<bool> for Arg {
    fn from(b: bool) -> Arg {
        Arg::Bool(b)
    }
}

/// A row type the helpers decode.
pub(crate) trait Decoded: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin {}
impl<T: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin> Decoded for T {}

/// The conditions of a WHERE clause, joined by `AND`, and the values they bind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Where {
    conds: Vec<String>,
    args: Vec<Arg>,
}

impl Where {
    pub fn new() -> Where {
        Where::default()
    }

    /// Binds `v` and returns its placeholder, for a condition written by the caller.
    pub fn param(&mut self, v: impl Into<Arg>) -> String {
        self.args.push(v.into());
        Dialect::param(self.args.len())
    }

    /// The placeholder the `k`-th value bound after this clause's own ones gets (from 1).
    pub fn next_param(&self, k: usize) -> String {
        Dialect::param(self.args.len() + k)
    }

    /// Adds a condition that binds nothing.
    pub fn push(&mut self, cond: impl Into<String>) {
        self.conds.push(cond.into());
    }

    /// `col = v`.
    pub fn eq(self, col: &str, v: impl Into<Arg>) -> Where {
        self.op(&format!("{col} ="), v)
    }

    /// `col = v` when `v` is set.
    pub fn eq_some<V: Into<Arg>>(self, col: &str, v: Option<V>) -> Where {
        match v {
            Some(v) => self.eq(col, v),
            None => self,
        }
    }

    /// `col_op v`, e.g. `op("at >=", day)`.
    pub fn op(mut self, col_op: &str, v: impl Into<Arg>) -> Where {
        let p = self.param(v);
        self.push(format!("{col_op} {p}"));
        self
    }

    /// `col_op v` when `v` is not empty.
    pub fn op_nonempty(self, col_op: &str, v: &str) -> Where {
        if v.is_empty() {
            self
        } else {
            self.op(col_op, v)
        }
    }

    /// `col = v` when `v` is not empty.
    pub fn eq_nonempty(self, col: &str, v: &str) -> Where {
        let col_op = format!("{col} =");
        self.op_nonempty(&col_op, v)
    }

    /// The condition `cond`, binding nothing.
    pub fn and(mut self, cond: &str) -> Where {
        self.push(cond);
        self
    }

    /// The condition `cond` (binding nothing) when `on`.
    pub fn when(self, on: bool, cond: &str) -> Where {
        if on {
            self.and(cond)
        } else {
            self
        }
    }

    /// When `q` is not blank: one of `cols`, lower-cased, contains it ([`like_pattern`]).
    pub fn contains(mut self, cols: &[&str], q: &str) -> Where {
        if !q.trim().is_empty() {
            let p = self.param(like_pattern(q));
            let any: Vec<String> = cols
                .iter()
                .map(|c| format!("LOWER({c}) LIKE {p} ESCAPE '\\'"))
                .collect();
            self.push(format!("({})", any.join(" OR ")));
        }
        self
    }

    /// `col LIKE pattern ESCAPE '\'` when `on`.
    pub fn like_when(mut self, on: bool, col: &str, pattern: String) -> Where {
        if on {
            let p = self.param(pattern);
            self.push(format!("{col} LIKE {p} ESCAPE '\\'"));
        }
        self
    }

    /// `col IN (values…)`.
    pub fn one_of(mut self, col: &str, values: &[&str]) -> Where {
        let marks: Vec<String> = values.iter().map(|v| self.param(*v)).collect();
        self.push(format!("{col} IN ({})", marks.join(",")));
        self
    }

    /// The conditions, `AND`-joined (`1 = 1` when there is none).
    pub fn sql(&self) -> String {
        if self.conds.is_empty() {
            "1 = 1".to_owned()
        } else {
            self.conds.join(" AND ")
        }
    }

    /// The bound values, then `extra`.
    pub fn args<'q>(&'q self, extra: &[Arg]) -> AnyArguments<'q> {
        let mut out = AnyArguments::default();
        for a in self.args.iter().chain(extra) {
            // Encoding into the `Any` buffer cannot fail for these types.
            let _ = match a {
                Arg::Text(s) => out.add(s.clone()),
                Arg::OptText(s) => out.add(s.clone()),
                Arg::Int(n) => out.add(*n),
                Arg::Bool(b) => out.add(*b),
            };
        }
        out
    }

    /// `SELECT COUNT(*) FROM {from} WHERE …`.
    pub async fn count(&self, conn: &mut Conn, from: &str) -> Result<i64> {
        let sql = format!("SELECT COUNT(*) FROM {from} WHERE {}", self.sql());
        Ok(sqlx::query_scalar_with(&sql, self.args(&[]))
            .fetch_one(conn)
            .await?)
    }

    /// How many rows match, counting no further than `cap` (reads at most `cap` index
    /// entries, where a full count reads them all).
    pub async fn count_up_to(&self, conn: &mut Conn, from: &str, cap: i64) -> Result<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM {from} WHERE {} LIMIT {cap}) capped",
            self.sql()
        );
        Ok(sqlx::query_scalar_with(&sql, self.args(&[]))
            .fetch_one(conn)
            .await?)
    }

    /// Every row of `{select} WHERE … {rest}` (`rest`: an ORDER BY, a LIMIT; may be empty).
    pub async fn all<T: Decoded>(
        &self,
        conn: &mut Conn,
        select: &str,
        rest: &str,
    ) -> Result<Vec<T>> {
        let sql = format!("{select} WHERE {} {rest}", self.sql());
        Ok(sqlx::query_as_with(&sql, self.args(&[]))
            .fetch_all(conn)
            .await?)
    }

    /// The row of `{select} WHERE …`, if any.
    pub async fn optional<T: Decoded>(&self, conn: &mut Conn, select: &str) -> Result<Option<T>> {
        let sql = format!("{select} WHERE {}", self.sql());
        Ok(sqlx::query_as_with(&sql, self.args(&[]))
            .fetch_optional(conn)
            .await?)
    }

    /// [`Where::all`], each row of type `R` converted into `T`.
    pub async fn all_into<R: Decoded, T: From<R>>(
        &self,
        conn: &mut Conn,
        select: &str,
        rest: &str,
    ) -> Result<Vec<T>> {
        let rows: Vec<R> = self.all(conn, select, rest).await?;
        Ok(rows.into_iter().map(T::from).collect())
    }

    /// [`Where::optional`], the row of type `R` converted into `T`.
    pub async fn optional_into<R: Decoded, T: From<R>>(
        &self,
        conn: &mut Conn,
        select: &str,
    ) -> Result<Option<T>> {
        let row: Option<R> = self.optional(conn, select).await?;
        Ok(row.map(T::from))
    }

    /// One page of `{select} WHERE … ORDER BY {order}` and the count of all rows of
    /// `{from} WHERE …`.
    pub async fn page<T: Decoded>(
        &self,
        conn: &mut Conn,
        select: &str,
        from: &str,
        order: &str,
        paging: Paging,
    ) -> Result<Page<T>> {
        let total = self.count(&mut *conn, from).await?;
        let sql = format!(
            "{select} WHERE {} ORDER BY {order} LIMIT {} OFFSET {}",
            self.sql(),
            self.next_param(1),
            self.next_param(2)
        );
        let extra = [Arg::Int(paging.per_page), Arg::Int(paging.offset())];
        let items = sqlx::query_as_with(&sql, self.args(&extra))
            .fetch_all(conn)
            .await?;
        Ok(Page::of(items, total, paging))
    }
}

/// `WHERE region_id = region AND id = id`: one row of a region by its id.
pub(crate) fn in_region(region: &str, id: impl Into<Arg>) -> Where {
    Where::new().eq("region_id", region).eq("id", id)
}

/// The row `id` of `region` read by `select` as `R`, converted into `T`.
pub(crate) async fn one_in_region<R: Decoded, T: From<R>>(
    conn: &mut Conn,
    select: &str,
    region: &str,
    id: impl Into<Arg>,
) -> Result<Option<T>> {
    in_region(region, id)
        .optional_into::<R, T>(conn, select)
        .await
}

/// `UPDATE {table} SET … WHERE …`, the assignments and then the conditions binding their
/// values in order.
#[derive(Debug, Clone)]
pub(crate) struct Update {
    table: &'static str,
    sets: Vec<String>,
    w: Where,
}

impl Update {
    pub fn new(table: &'static str) -> Update {
        Update {
            table,
            sets: Vec::new(),
            w: Where::new(),
        }
    }

    /// `col = v`.
    pub fn set(mut self, col: &str, v: impl Into<Arg>) -> Update {
        let p = self.w.param(v);
        self.sets.push(format!("{col} = {p}"));
        self
    }

    /// `col = v` for each field.
    pub fn fields(self, fields: impl IntoIterator<Item = (&'static str, Arg)>) -> Update {
        fields.into_iter().fold(self, |u, (col, v)| u.set(col, v))
    }

    /// An assignment written by the caller, e.g. `attempts = attempts + 1`.
    pub fn set_sql(mut self, assignment: impl Into<String>) -> Update {
        self.sets.push(assignment.into());
        self
    }

    /// Binds `v` and returns its placeholder, for an assignment or condition of the caller.
    pub fn param(&mut self, v: impl Into<Arg>) -> String {
        self.w.param(v)
    }

    /// Narrows the rows updated.
    pub fn filter(mut self, f: impl FnOnce(Where) -> Where) -> Update {
        self.w = f(self.w);
        self
    }

    /// Only the row `id` of `region`.
    pub fn in_region(self, region: &str, id: impl Into<Arg>) -> Update {
        let id = id.into();
        self.filter(|w| w.eq("region_id", region).eq("id", id))
    }

    /// Only the row `id`.
    pub fn id(self, id: impl Into<Arg>) -> Update {
        let id = id.into();
        self.filter(|w| w.eq("id", id))
    }

    /// Runs the update; returns the number of rows changed.
    pub async fn run(self, conn: &mut Conn) -> Result<u64> {
        Ok(self.execute(conn).await?)
    }

    /// Runs the update, a unique violation reported as a conflict on `field`.
    pub async fn run_unique(self, conn: &mut Conn, field: &'static str) -> Result<u64> {
        self.execute(conn)
            .await
            .map_err(|e| StoreError::conflict_on(e, field))
    }

    async fn execute(self, conn: &mut Conn) -> std::result::Result<u64, sqlx::Error> {
        let sql = format!(
            "UPDATE {} SET {} WHERE {}",
            self.table,
            self.sets.join(", "),
            self.w.sql()
        );
        Ok(sqlx::query_with(&sql, self.w.args(&[]))
            .execute(conn)
            .await?
            .rows_affected())
    }
}

/// Every row of `region` read by `select` as `R` (converted into `T`), in `rest`'s order.
pub(crate) async fn of_region<R: Decoded, T: From<R>>(
    conn: &mut Conn,
    select: &str,
    region: &str,
    rest: &str,
) -> Result<Vec<T>> {
    Where::new()
        .eq("region_id", region)
        .all_into::<R, T>(conn, select, rest)
        .await
}
