//! Spreadsheet import and export of catalogue records, one kind per file (issue 3, item 5).
//!
//! Columns: `pd_code`, `code`, `name`, `status`, `ref_code`, `description`, then every field of
//! the kind in field order. PDs appear by their code (also in PD fields), multi-choice fields
//! comma-separated, yes/no fields as `ya`/`tidak`. An import reads and validates every row
//! before writing anything and answers with a report that names the spreadsheet row (header =
//! row 1), the column and the problem as a message key; rows whose `code` matches a record of
//! the region update it, the others create records, all in one transaction with one audit entry
//! per record plus a `{kind}.import` summary.

pub(crate) mod bounds;
mod check;
mod export;
mod report;
pub(crate) mod sheet;
#[cfg(test)]
mod tests;
pub mod text;
mod use_cases;

pub use export::template;
pub use report::{ImportReport, Problem};

use serde::{Deserialize, Serialize};
use simpul_domain::catalogue::EntityKind;

/// At most this many data rows per file. Not a memory limit (50,000 asset rows peaked at about
/// 200 MB RSS): an import writes row by row (insert, re-read, audit entry) in one transaction,
/// and on SQLite that transaction holds the only write connection, whose other users give up
/// after 30 s. Measured 2026-12-02 (debug build, shared 2-core machine): 10,000 rows 12 s,
/// 50,000 rows 65 s on SQLite and 10 min on PostgreSQL. Raising it needs batched writes first.
pub const MAX_ROWS: usize = 10_000;
/// At most this many bytes per file.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The columns every kind has, before its own fields.
pub const COMMON_COLUMNS: [&str; 6] = [
    "pd_code",
    "code",
    "name",
    "status",
    "ref_code",
    "description",
];

/// Every message key a report can carry (for the web layer's catalogue tests): the domain's
/// validation codes plus those of the import itself.
pub const PROBLEM_CODES: &[&str] = &[
    "required",
    "too_long",
    "control_chars",
    "unknown_value",
    "invalid",
    "date",
    "type",
    "type_string",
    "record_code",
    "ref_code",
    "ref_code_unknown",
    "bool",
    "url",
    "host",
    "year",
    "complexity_required",
    "unknown_column",
    "missing_column",
    "duplicate_column",
    "unnamed_column",
    "pd_unknown",
    "pd_forbidden",
    "duplicate_code",
    "invalid_utf8",
    "cell_error",
    "too_many_rows",
    "too_many_columns",
    "file_too_large",
    "unpacked_too_large",
    "shared_strings_too_large",
    "too_many_parts",
    "xml_too_large",
    "too_many_strings",
    "too_many_cells",
    "too_much_text",
    "cell_too_large",
    "unreadable_file",
    "no_header",
    "no_rows",
];

/// File format of a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// File name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Xlsx => "XLSX",
        }
    }
}

/// What to do when some rows fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Write nothing if any row fails.
    AllOrNothing,
    /// Write the valid rows, skip the others.
    OnlyValidRows,
}

/// The columns of a kind's spreadsheet, in order.
pub fn columns(kind: EntityKind) -> Vec<&'static str> {
    COMMON_COLUMNS
        .iter()
        .copied()
        .chain(kind.fields().iter().map(|f| f.name))
        .collect()
}
