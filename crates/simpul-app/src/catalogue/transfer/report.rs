//! What an import answers with: the problems found, by row and column, and the counts.

use super::{text, Format, ImportMode};
use serde::Serialize;
use simpul_domain::catalogue::EntityKind;

/// One problem found in an uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Spreadsheet row as the user sees it (the header is row 1); absent for the file as a whole.
    pub row: Option<u32>,
    /// Column name, when the problem is in one column or cell.
    pub column: Option<String>,
    /// Message key, like the domain's field error codes (`required`, `pd_forbidden`, …).
    pub code: &'static str,
    /// Parameter of the message (a maximum, the accepted values, other row numbers).
    pub param: Option<String>,
}

impl Problem {
    pub(super) fn file(code: &'static str, param: Option<String>) -> Problem {
        Problem {
            row: None,
            column: None,
            code,
            param,
        }
    }

    pub(super) fn cell(
        row: u32,
        column: &str,
        code: &'static str,
        param: Option<String>,
    ) -> Problem {
        Problem {
            row: Some(row),
            column: Some(column.to_owned()),
            code,
            param,
        }
    }

    /// The problem in plain Bahasa Indonesia (command line; the web layer uses its catalogues).
    pub fn text(&self) -> String {
        let msg = text::message(self.code, self.param.as_deref());
        match (self.row, &self.column) {
            (Some(r), Some(c)) => format!("Baris {r}, kolom {c}: {msg}"),
            (Some(r), None) => format!("Baris {r}: {msg}"),
            (None, Some(c)) => format!("Kolom {c}: {msg}"),
            (None, None) => msg,
        }
    }
}

/// The outcome of an import.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub kind: EntityKind,
    pub format: Format,
    pub mode: ImportMode,
    /// Non-empty data rows read below the header.
    pub rows: usize,
    /// Rows without any problem.
    pub valid_rows: usize,
    /// Rows with at least one problem (never written).
    pub rejected_rows: usize,
    pub created: usize,
    pub updated: usize,
    /// Rows equal to the record they match; nothing to write.
    pub unchanged: usize,
    /// Whether anything was written.
    pub written: bool,
    /// Every problem, by row then column.
    pub problems: Vec<Problem>,
}

impl ImportReport {
    pub(super) fn new(kind: EntityKind, format: Format, mode: ImportMode) -> Self {
        Self {
            kind,
            format,
            mode,
            rows: 0,
            valid_rows: 0,
            rejected_rows: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            written: false,
            problems: Vec::new(),
        }
    }

    pub(super) fn fail(mut self, p: Problem) -> Self {
        self.problems.push(p);
        self
    }

    /// The report in plain Bahasa Indonesia, one problem per line (command line).
    pub fn text(&self) -> String {
        let mode = match self.mode {
            ImportMode::AllOrNothing => "semua atau tidak sama sekali",
            ImportMode::OnlyValidRows => "hanya baris yang valid",
        };
        let mut out = format!(
            "Impor {} ({}, {mode}): {} baris data dibaca, {} valid, {} ditolak.\n",
            text::kind_label(self.kind),
            self.format.label(),
            self.rows,
            self.valid_rows,
            self.rejected_rows
        );
        if self.written || self.unchanged > 0 {
            out.push_str(&format!(
                "Disimpan: {} entri baru, {} diperbarui, {} tidak berubah.\n",
                self.created, self.updated, self.unchanged
            ));
        }
        if !self.written && !self.problems.is_empty() {
            out.push_str("Tidak ada yang disimpan.\n");
        }
        for p in &self.problems {
            out.push_str("  ");
            out.push_str(&p.text());
            out.push('\n');
        }
        out
    }
}
