//! Decoding helpers shared by the table modules.

use crate::{Result, StoreError};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::str::FromStr;

/// Reads a text column.
pub fn text(row: &AnyRow, col: &str) -> Result<String> {
    Ok(row.try_get::<String, _>(col)?)
}

/// Reads a nullable text column.
pub fn opt_text(row: &AnyRow, col: &str) -> Result<Option<String>> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

/// Reads a boolean column (SQLite stores 0/1, PostgreSQL `BOOLEAN`).
pub fn flag(row: &AnyRow, col: &str) -> Result<bool> {
    match row.try_get::<bool, _>(col) {
        Ok(b) => Ok(b),
        Err(_) => Ok(row.try_get::<i64, _>(col)? != 0),
    }
}

/// Reads a text column and parses it into `T`.
pub fn parsed<T: FromStr>(row: &AnyRow, col: &str) -> Result<T> {
    let s = text(row, col)?;
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("column {col}: unparsable value `{s}`")))
}

/// Reads a nullable text column and parses it into `T`.
pub fn opt_parsed<T: FromStr>(row: &AnyRow, col: &str) -> Result<Option<T>> {
    match opt_text(row, col)? {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|_| StoreError::Corrupt(format!("column {col}: unparsable value `{s}`"))),
    }
}

/// Reads a closed-list code column.
pub fn code<T>(row: &AnyRow, col: &str, from: impl Fn(&str) -> Option<T>) -> Result<T> {
    let s = text(row, col)?;
    from(&s).ok_or_else(|| StoreError::Corrupt(format!("column {col}: unknown code `{s}`")))
}
