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
pub(crate) mod sheet;
pub mod text;

use crate::catalogue::policy;
use crate::{Actor, App, AppError, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use simpul_domain::catalogue::{EntityKind, FieldKind, Record, RecordInput, ValidRecord};
use simpul_domain::ids::{PdId, RecordId};
use simpul_store::{records, restore, Conn};
use std::collections::{BTreeMap, HashMap, HashSet};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Write nothing if any row fails.
    AllOrNothing,
    /// Write the valid rows, skip the others.
    OnlyValidRows,
}

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
    fn file(code: &'static str, param: Option<String>) -> Problem {
        Problem {
            row: None,
            column: None,
            code,
            param,
        }
    }

    fn cell(row: u32, column: &str, code: &'static str, param: Option<String>) -> Problem {
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
    fn new(kind: EntityKind, format: Format, mode: ImportMode) -> Self {
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

    fn fail(mut self, p: Problem) -> Self {
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

/// The columns of a kind's spreadsheet, in order.
pub fn columns(kind: EntityKind) -> Vec<&'static str> {
    COMMON_COLUMNS
        .iter()
        .copied()
        .chain(kind.fields().iter().map(|f| f.name))
        .collect()
}

fn write(
    kind: EntityKind,
    format: Format,
    rows: &[Vec<String>],
    guide: Option<&sheet::Guide>,
) -> Result<Vec<u8>> {
    let header = columns(kind);
    match format {
        Format::Csv => sheet::write_csv(&header, rows).map_err(AppError::Internal),
        Format::Xlsx => sheet::write_xlsx(text::kind_label(kind), &header, rows, guide)
            .map_err(|e| AppError::Internal(e.to_string())),
    }
}

/// An example value for a field of this type (template row).
fn example(kind: FieldKind) -> String {
    match kind {
        FieldKind::Text(_) | FieldKind::LongText => String::new(),
        FieldKind::Enum(codes) | FieldKind::Multi(codes) => {
            codes.first().map(|c| (*c).to_owned()).unwrap_or_default()
        }
        FieldKind::Bool => "tidak".into(),
        FieldKind::Date => "2025-01-31".into(),
        FieldKind::Url => "https://aplikasi.metrokota.go.id".into(),
        FieldKind::Host => "aplikasi.metrokota.go.id".into(),
        FieldKind::Year => "2025".into(),
        FieldKind::Pd => "DISKOMINFO".into(),
    }
}

fn example_row(kind: EntityKind) -> Vec<String> {
    let mut row = vec![
        "DINKES".to_owned(),
        "CONTOH-01".to_owned(),
        format!("Contoh {}", text::kind_label(kind).to_lowercase()),
        kind.statuses()
            .first()
            .map(|s| (*s).to_owned())
            .unwrap_or_default(),
        kind.ref_tree()
            .map(|t| format!("{t}.01"))
            .unwrap_or_default(),
        "Baris contoh; hapus atau ganti dengan data sebenarnya.".to_owned(),
    ];
    for f in kind.fields() {
        let v = match f.kind {
            FieldKind::Text(_) | FieldKind::LongText if f.required => {
                format!("Contoh {}", text::column_label(f.name).to_lowercase())
            }
            k => example(k),
        };
        row.push(v);
    }
    row
}

fn guide(kind: EntityKind) -> sheet::Guide {
    let yn = |b: bool| if b { "ya" } else { "tidak" }.to_owned();
    let mut lines = Vec::new();
    for c in COMMON_COLUMNS {
        lines.push([
            c.to_owned(),
            text::column_label(c).to_owned(),
            yn(matches!(c, "pd_code" | "name" | "status")),
            text::common_help(kind, c),
        ]);
    }
    for f in kind.fields() {
        let mut help = text::field_kind_help(f.kind);
        if let Some(n) = text::field_note(kind, f.name) {
            help.push(' ');
            help.push_str(n);
        }
        lines.push([
            f.name.to_owned(),
            text::column_label(f.name).to_owned(),
            yn(f.required),
            help,
        ]);
    }
    sheet::Guide {
        title: format!("Petunjuk pengisian: {}", text::kind_label(kind)),
        notes: vec![
            format!("Isi satu entri per baris di lembar \"{}\", mulai baris 2. Baris 1 berisi nama kolom: jangan diubah, dihapus atau diterjemahkan.", text::kind_label(kind)),
            "Baris 2 templat adalah contoh; hapus atau ganti sebelum mengimpor.".into(),
            "Baris dengan kode yang sudah terdaftar memperbarui entri itu (seluruh kolomnya); baris lain menambah entri baru.".into(),
            "Perangkat Daerah ditulis dengan kodenya (misalnya DINKES), bukan namanya. Pilihan ganda dipisahkan koma; ya/tidak ditulis ya atau tidak; tanggal ditulis TTTT-BB-HH.".into(),
            "Semua baris diperiksa lebih dulu; laporan impor menyebut nomor baris, kolom dan masalahnya. Dalam mode \"semua atau tidak sama sekali\" tidak ada yang disimpan bila satu baris saja bermasalah.".into(),
            "Operator PD hanya dapat mengimpor entri milik Perangkat Daerahnya sendiri.".into(),
            format!("Paling banyak {}.{:03} baris data dan {} MiB per berkas.", MAX_ROWS / 1000, MAX_ROWS % 1000, MAX_BYTES / 1024 / 1024),
        ],
        table_header: ["Kolom", "Nama isian", "Wajib", "Keterangan dan nilai yang diizinkan"],
        columns: lines,
    }
}

/// An empty spreadsheet for `kind`: the header, one example row and, in XLSX, a second sheet
/// "Petunjuk" describing every column and its allowed values.
pub fn template(kind: EntityKind, format: Format) -> Result<Vec<u8>> {
    let g = guide(kind);
    write(kind, format, &[example_row(kind)], Some(&g))
}

/// The cell text of a stored value.
fn cell_text(kind: FieldKind, v: Option<&Value>, pd_code: &HashMap<String, String>) -> String {
    match (kind, v) {
        (_, None | Some(Value::Null)) if kind == FieldKind::Bool => "tidak".into(),
        (_, None | Some(Value::Null)) => String::new(),
        (FieldKind::Bool, Some(v)) => if v.as_bool().unwrap_or(false) {
            "ya"
        } else {
            "tidak"
        }
        .into(),
        (FieldKind::Pd, Some(Value::String(id))) => {
            pd_code.get(id).cloned().unwrap_or_else(|| id.clone())
        }
        (_, Some(Value::Array(items))) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| i.to_string())
            })
            .collect::<Vec<_>>()
            .join(", "),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(other)) => other.to_string(),
    }
}

fn record_row(r: &Record, pd_code: &HashMap<String, String>) -> Vec<String> {
    let pd = r.pd_id.to_string();
    let mut row = vec![
        pd_code.get(&pd).cloned().unwrap_or(pd),
        r.code.clone().unwrap_or_default(),
        r.name.clone(),
        r.status.clone(),
        r.ref_code.clone().unwrap_or_default(),
        r.description.clone().unwrap_or_default(),
    ];
    for f in r.kind.fields() {
        row.push(cell_text(f.kind, r.data.get(f.name), pd_code));
    }
    row
}

/// Where each expected column is in the file.
struct Layout {
    /// Physical column of each of [`columns`]`(kind)`.
    pos: Vec<usize>,
    names: Vec<&'static str>,
}

impl Layout {
    fn from_header(
        kind: EntityKind,
        header_row: u32,
        header: &[String],
        data: &[(u32, Vec<String>)],
    ) -> Result<Layout, Vec<Problem>> {
        let names = columns(kind);
        let mut pos: Vec<Option<usize>> = vec![None; names.len()];
        let mut problems = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let name = h.trim().to_ascii_lowercase();
            if name.is_empty() {
                if data
                    .iter()
                    .any(|(_, cells)| cells.get(i).is_some_and(|c| !c.trim().is_empty()))
                {
                    problems.push(Problem {
                        row: Some(header_row),
                        column: Some(format!("#{}", i + 1)),
                        code: "unnamed_column",
                        param: None,
                    });
                }
                continue;
            }
            match names.iter().position(|n| *n == name) {
                Some(j) if pos[j].is_some() => problems.push(Problem::cell(
                    header_row,
                    names[j],
                    "duplicate_column",
                    None,
                )),
                Some(j) => pos[j] = Some(i),
                None => problems.push(Problem::cell(header_row, h.trim(), "unknown_column", None)),
            }
        }
        for (j, p) in pos.iter().enumerate() {
            if p.is_none() {
                problems.push(Problem::cell(header_row, names[j], "missing_column", None));
            }
        }
        if problems.is_empty() {
            Ok(Layout {
                pos: pos.into_iter().flatten().collect(),
                names,
            })
        } else {
            Err(problems)
        }
    }

    fn column_name(&self, physical: usize) -> Option<&'static str> {
        self.pos
            .iter()
            .position(|p| *p == physical)
            .map(|j| self.names[j])
    }
}

/// What a row is checked against, read in the import's transaction.
struct Context {
    /// PD code (upper case) → id, retired PDs included (as for single records).
    pd_by_code: HashMap<String, PdId>,
    pd_code_of: HashMap<PdId, String>,
    refs: HashSet<String>,
    /// Existing records of the kind by code.
    existing: HashMap<String, Record>,
}

impl Context {
    async fn load(conn: &mut Conn, actor: &Actor, kind: EntityKind) -> Result<Context> {
        let pds = restore::all_pds(conn, actor.region()).await?;
        let refs = records::refs(conn, Some(kind.ref_tree().unwrap_or(""))).await?;
        let existing = records::all_of_kind(conn, actor.region(), kind).await?;
        Ok(Context {
            pd_by_code: pds
                .iter()
                .map(|p| (p.code.to_ascii_uppercase(), p.id))
                .collect(),
            pd_code_of: pds.iter().map(|p| (p.id, p.code.clone())).collect(),
            refs: refs.into_iter().map(|r| r.code).collect(),
            existing: existing
                .into_iter()
                .filter_map(|r| r.code.clone().map(|c| (c, r)))
                .collect(),
        })
    }
}

/// A row that passed every check, with the record it updates.
struct GoodRow {
    valid: ValidRecord,
    existing: Option<Record>,
}

/// Checks one data row completely; every problem is collected.
fn check_row(
    actor: &Actor,
    kind: EntityKind,
    ctx: &Context,
    layout: &Layout,
    row: u32,
    cells: &[String],
    bad_cells: &HashSet<&'static str>,
) -> (Option<GoodRow>, Vec<Problem>) {
    let cell = |name: &str| -> &str {
        let j = layout
            .names
            .iter()
            .position(|n| *n == name)
            .unwrap_or(usize::MAX);
        layout
            .pos
            .get(j)
            .and_then(|p| cells.get(*p))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    let mut problems: Vec<Problem> = Vec::new();
    // Columns that already have a problem in this row (also bad cells found while reading).
    let mut flagged: HashSet<&str> = bad_cells.clone();
    let flag = |problems: &mut Vec<Problem>,
                flagged: &mut HashSet<&str>,
                column: &'static str,
                code: &'static str,
                param: Option<String>| {
        flagged.insert(column);
        problems.push(Problem::cell(row, column, code, param));
    };
    let resolve = |code: &str| ctx.pd_by_code.get(&code.to_ascii_uppercase()).copied();

    let pd_code = cell("pd_code");
    let pd_id = match (pd_code, resolve(pd_code)) {
        (_, _) if bad_cells.contains("pd_code") => None,
        ("", _) => {
            flag(&mut problems, &mut flagged, "pd_code", "required", None);
            None
        }
        (c, None) => {
            flag(
                &mut problems,
                &mut flagged,
                "pd_code",
                "pd_unknown",
                Some(c.to_ascii_uppercase()),
            );
            None
        }
        (_, Some(id)) => Some(id),
    };
    if let Some(pd) = pd_id {
        if policy::write_record_of(actor, kind, pd).is_err() {
            flag(&mut problems, &mut flagged, "pd_code", "pd_forbidden", None);
        }
    }
    let mut data = Map::new();
    for f in kind.fields() {
        let raw = cell(f.name);
        if raw.is_empty() || bad_cells.contains(f.name) {
            continue;
        }
        if f.kind == FieldKind::Pd {
            match resolve(raw) {
                Some(id) => data.insert(f.name.to_owned(), Value::String(id.to_string())),
                None => {
                    flag(
                        &mut problems,
                        &mut flagged,
                        f.name,
                        "pd_unknown",
                        Some(raw.to_ascii_uppercase()),
                    );
                    continue;
                }
            };
        } else {
            data.insert(f.name.to_owned(), Value::String(raw.to_owned()));
        }
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let input = RecordInput {
        pd_id: pd_id.map(|p| p.to_string()).unwrap_or_default(),
        name: cell("name").to_owned(),
        code: opt(cell("code")),
        // Status codes are lower case; "Produksi" typed in a spreadsheet means `produksi`.
        status: cell("status").to_lowercase(),
        ref_code: opt(cell("ref_code")),
        description: opt(cell("description")),
        data,
    };
    let valid = match input.validate(kind) {
        Ok(v) => Some(v),
        Err(inv) => {
            for e in inv.0 {
                let column = if e.field == "pd_id" {
                    "pd_code"
                } else {
                    layout
                        .names
                        .iter()
                        .copied()
                        .find(|n| *n == e.field)
                        .unwrap_or("name")
                };
                // One problem per cell: the first found is the one to fix.
                if !flagged.contains(column) {
                    flag(&mut problems, &mut flagged, column, e.code, e.param);
                }
            }
            None
        }
    };
    let ref_code = cell("ref_code").to_ascii_uppercase();
    if !ref_code.is_empty() && !flagged.contains("ref_code") && !ctx.refs.contains(&ref_code) {
        flag(
            &mut problems,
            &mut flagged,
            "ref_code",
            "ref_code_unknown",
            Some(kind.ref_tree().unwrap_or("").to_owned()),
        );
    }
    let code = cell("code").to_ascii_uppercase();
    let existing = ctx
        .existing
        .get(&code)
        .filter(|_| !code.is_empty() && !flagged.contains("code"));
    if let Some(e) = existing {
        // Updating a record also needs the right to edit it where it is now.
        if policy::write_record_of(actor, kind, e.pd_id).is_err() && !flagged.contains("pd_code") {
            flag(
                &mut problems,
                &mut flagged,
                "code",
                "pd_forbidden",
                ctx.pd_code_of.get(&e.pd_id).cloned(),
            );
        }
    }
    // A reviewed field (a LAN diagram's status, a dataset's classification) the importer
    // may not set or change (issue 9.15).
    if let Some(Err(AppError::Invalid(inv))) = valid
        .as_ref()
        .map(|v| policy::check_reviewed_fields(actor, kind, existing, v))
    {
        for e in inv.0 {
            let column = if e.field == "status" {
                "status"
            } else {
                "classification"
            };
            if !flagged.contains(column) {
                flag(&mut problems, &mut flagged, column, e.code, e.param);
            }
        }
    }
    match valid {
        Some(valid) if problems.is_empty() => (
            Some(GoodRow {
                valid,
                existing: existing.cloned(),
            }),
            problems,
        ),
        _ => (None, problems),
    }
}

fn unchanged(before: &Record, v: &ValidRecord) -> bool {
    before.pd_id == v.pd_id
        && before.name == v.name
        && before.code == v.code
        && before.status == v.status
        && before.ref_code == v.ref_code
        && before.description == v.description
        && before.data == v.data
}

impl App {
    /// Every record of `kind` in the actor's region (retired ones too), by name, as a
    /// spreadsheet. Everyone who can read the catalogue can export it.
    pub async fn export_catalogue(
        &self,
        actor: &Actor,
        kind: EntityKind,
        format: Format,
    ) -> Result<Vec<u8>> {
        let mut c = self.store.read().await?;
        let pds = restore::all_pds(&mut c, actor.region()).await?;
        let pd_code: HashMap<String, String> = pds
            .into_iter()
            .map(|p| (p.id.to_string(), p.code))
            .collect();
        let recs = records::all_of_kind(&mut c, actor.region(), kind).await?;
        drop(c);
        let rows: Vec<Vec<String>> = recs.iter().map(|r| record_row(r, &pd_code)).collect();
        write(kind, format, &rows, None)
    }

    /// Imports a spreadsheet of `kind` records. Every row is checked first; the report names
    /// each problem by row and column. With [`ImportMode::AllOrNothing`] nothing is written if
    /// any row fails; with [`ImportMode::OnlyValidRows`] the valid rows are. A role that cannot
    /// register records of `kind` at all gets [`AppError::Forbidden`]; everything about the file
    /// itself is in the report.
    pub async fn import_catalogue(
        &self,
        actor: &Actor,
        kind: EntityKind,
        format: Format,
        bytes: &[u8],
        mode: ImportMode,
    ) -> Result<ImportReport> {
        policy::write_catalogue(actor, kind)?;
        let report = ImportReport::new(kind, format, mode);
        let _slot = self.import_slot().await?;
        let grid = match sheet::read_upload(format, bytes).await {
            Ok(g) => g,
            Err(p) => return Ok(report.fail(p)),
        };
        let mut rows = grid.rows.into_iter();
        let Some((header_row, header)) = rows.next() else {
            return Ok(report.fail(Problem::file("no_header", None)));
        };
        let data: Vec<(u32, Vec<String>)> = rows.collect();
        let layout = match Layout::from_header(kind, header_row, &header, &data) {
            Ok(l) => l,
            Err(problems) => {
                let mut report = report;
                report.rows = data.len();
                report.problems = problems;
                return Ok(report);
            }
        };
        if data.is_empty() {
            return Ok(report.fail(Problem::file("no_rows", None)));
        }
        self.check_and_write(actor, kind, report, layout, data, grid.cell_problems)
            .await
    }

    async fn check_and_write(
        &self,
        actor: &Actor,
        kind: EntityKind,
        mut report: ImportReport,
        layout: Layout,
        data: Vec<(u32, Vec<String>)>,
        cell_problems: Vec<sheet::CellProblem>,
    ) -> Result<ImportReport> {
        report.rows = data.len();
        let mut bad_cells: HashMap<u32, Vec<(&'static str, Problem)>> = HashMap::new();
        for cp in cell_problems {
            if let Some(col) = layout.column_name(cp.col) {
                bad_cells
                    .entry(cp.row)
                    .or_default()
                    .push((col, Problem::cell(cp.row, col, cp.code, cp.param)));
            }
        }
        // Checks run in the write transaction, so no other write slips in between.
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let ctx = Context::load(&mut tx, actor, kind).await?;
        let mut checked: Vec<(u32, Option<GoodRow>, Vec<Problem>)> = Vec::with_capacity(data.len());
        for (row, cells) in &data {
            let cell_probs = bad_cells.remove(row).unwrap_or_default();
            let bad: HashSet<&'static str> = cell_probs.iter().map(|(c, _)| *c).collect();
            let (good, mut problems) = check_row(actor, kind, &ctx, &layout, *row, cells, &bad);
            problems.extend(cell_probs.into_iter().map(|(_, p)| p));
            let good = if problems.is_empty() { good } else { None };
            checked.push((*row, good, problems));
        }
        // A code may appear once per file: which row would win is not the user's intent.
        let mut by_code: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let j = layout.names.iter().position(|n| *n == "code").unwrap_or(0);
        for (row, cells) in &data {
            let code = cells
                .get(layout.pos[j])
                .map(|c| c.trim().to_ascii_uppercase())
                .unwrap_or_default();
            if !code.is_empty() {
                by_code.entry(code).or_default().push(*row);
            }
        }
        let dup_rows: HashMap<u32, String> = by_code
            .values()
            .filter(|rows| rows.len() > 1)
            .flat_map(|rows| {
                rows.iter().map(move |r| {
                    (
                        *r,
                        rows.iter()
                            .filter(|o| *o != r)
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                })
            })
            .collect();
        for (row, good, problems) in &mut checked {
            if let Some(others) = dup_rows.get(row) {
                problems.push(Problem::cell(
                    *row,
                    "code",
                    "duplicate_code",
                    Some(others.clone()),
                ));
                *good = None;
            }
        }
        let order = |c: &Option<String>| {
            c.as_deref()
                .and_then(|c| layout.names.iter().position(|n| *n == c))
                .unwrap_or(usize::MAX)
        };
        let mut good_rows = Vec::new();
        for (_, good, mut problems) in checked {
            problems.sort_by_key(|p| order(&p.column));
            report.problems.extend(problems);
            match good {
                Some(g) => good_rows.push(g),
                None => report.rejected_rows += 1,
            }
        }
        report.valid_rows = good_rows.len();
        if report.rejected_rows > 0 && report.mode == ImportMode::AllOrNothing {
            return Ok(report);
        }
        let kc = kind.code();
        for g in good_rows {
            match g.existing {
                Some(before) if unchanged(&before, &g.valid) => report.unchanged += 1,
                Some(before) => {
                    records::update(
                        &mut tx,
                        actor.region(),
                        before.id,
                        before.kind,
                        &g.valid,
                        &now,
                    )
                    .await?;
                    let after = records::get(&mut tx, actor.region(), before.id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    tx.audit(
                        &format!("{kc}.update"),
                        kc,
                        &before.id.to_string(),
                        Some(&before),
                        Some(&after),
                    )
                    .await?;
                    report.updated += 1;
                }
                None => {
                    let id = RecordId::new();
                    records::insert(&mut tx, actor.region(), id, kind, &g.valid, &now, &now)
                        .await?;
                    let after = records::get(&mut tx, actor.region(), id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    tx.audit(
                        &format!("{kc}.create"),
                        kc,
                        &id.to_string(),
                        None,
                        Some(&after),
                    )
                    .await?;
                    report.created += 1;
                }
            }
        }
        if report.created + report.updated == 0 {
            return Ok(report);
        }
        let summary = serde_json::json!({
            "format": report.format,
            "mode": report.mode,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected_rows,
        });
        let batch = uuid::Uuid::now_v7().to_string();
        tx.audit(&format!("{kc}.import"), kc, &batch, None, Some(&summary))
            .await?;
        tx.commit(self).await?;
        report.written = true;
        if crate::compliance::read_by_rules(kind) {
            self.evaluate_after_bulk(actor.region()).await;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_label_and_every_option_a_label() {
        for kind in EntityKind::ALL {
            assert!(!text::kind_label(kind).is_empty() && text::kind_label(kind).len() <= 31);
            for c in columns(kind) {
                assert!(!text::column_label(c).is_empty(), "{c}");
            }
            for s in kind.statuses() {
                assert!(!text::option_label(s).is_empty(), "{s}");
            }
            for f in kind.fields() {
                if let FieldKind::Enum(codes) | FieldKind::Multi(codes) = f.kind {
                    for c in codes {
                        assert!(!text::option_label(c).is_empty(), "{c}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_problem_code_has_a_plain_text() {
        for code in PROBLEM_CODES {
            assert_ne!(
                text::message(code, Some("x")),
                format!("{code} (x)"),
                "{code}"
            );
        }
    }

    #[test]
    fn the_template_example_row_is_valid_for_every_kind() {
        for kind in EntityKind::ALL {
            let row = example_row(kind);
            let cols = columns(kind);
            assert_eq!(row.len(), cols.len());
            let mut data = Map::new();
            for (f, v) in kind.fields().iter().zip(&row[6..]) {
                let v = if f.kind == FieldKind::Pd {
                    PdId::new().to_string()
                } else {
                    v.clone()
                };
                if !v.is_empty() {
                    data.insert(f.name.to_owned(), Value::String(v));
                }
            }
            let input = RecordInput {
                pd_id: PdId::new().to_string(),
                name: row[2].clone(),
                code: Some(row[1].clone()),
                status: row[3].clone(),
                ref_code: Some(row[4].clone()).filter(|s| !s.is_empty()),
                description: Some(row[5].clone()),
                data,
            };
            input
                .validate(kind)
                .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
            for format in [Format::Csv, Format::Xlsx] {
                let bytes = template(kind, format).unwrap();
                let grid = sheet::read(format, &bytes).unwrap();
                assert_eq!(grid.rows[0].1, cols, "{kind:?} {format:?}");
                assert_eq!(
                    grid.rows[1]
                        .1
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>(),
                    row.iter().map(|s| s.as_str()).collect::<Vec<_>>()[..grid.rows[1].1.len()]
                );
            }
        }
    }

    #[test]
    fn the_header_check_names_unknown_missing_and_duplicate_columns() {
        let mut header: Vec<String> = columns(EntityKind::Domain)
            .iter()
            .map(|s| s.to_string())
            .collect();
        header.retain(|c| c != "host");
        header.push(" NAME ".into());
        header.push("hosts".into());
        let err = Layout::from_header(EntityKind::Domain, 1, &header, &[])
            .err()
            .unwrap();
        let got: Vec<(&str, &str)> = err
            .iter()
            .map(|p| (p.column.as_deref().unwrap(), p.code))
            .collect();
        assert_eq!(
            got,
            [
                ("name", "duplicate_column"),
                ("hosts", "unknown_column"),
                ("host", "missing_column")
            ]
        );
        assert!(err.iter().all(|p| p.row == Some(1)));
    }
}
