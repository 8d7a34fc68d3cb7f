//! Reading an uploaded CSV or XLSX file into a grid of text cells with the row numbers a
//! spreadsheet shows, and writing grids back out. Every limit ([`super::bounds`]) is checked
//! before or while reading, before anything is allocated in proportion to what the file claims,
//! so no upload can exhaust memory or panic.

use super::bounds::{self, Budget};
use super::{Format, Problem, MAX_BYTES, MAX_ROWS};
use std::collections::BTreeMap;
use std::io::Cursor;

/// At most this many columns are read; a template has at most 28.
pub const MAX_COLUMNS: usize = 200;

/// A problem with one cell found while reading (bad UTF-8, an Excel error value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub row: u32,
    pub col: usize,
    pub code: &'static str,
    pub param: Option<String>,
}

/// The non-empty rows of the first sheet, each with its spreadsheet row number (1-based).
#[derive(Debug, Default)]
pub struct Grid {
    pub rows: Vec<(u32, Vec<String>)>,
    pub cell_problems: Vec<CellProblem>,
}

fn unreadable(format: Format) -> Problem {
    Problem::file("unreadable_file", Some(format.label().to_owned()))
}

fn too_many_rows() -> Problem {
    Problem::file("too_many_rows", Some(MAX_ROWS.to_string()))
}

fn too_many_columns() -> Problem {
    Problem::file("too_many_columns", Some(MAX_COLUMNS.to_string()))
}

impl Grid {
    /// Adds a row unless all its cells are blank; the header and `MAX_ROWS` data rows fit.
    fn push(&mut self, row: u32, cells: Vec<String>) -> Result<(), Problem> {
        if cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        if self.rows.len() > MAX_ROWS {
            return Err(too_many_rows());
        }
        self.rows.push((row, cells));
        Ok(())
    }
}

/// Reads a file of `format` into a grid.
pub fn read(format: Format, bytes: &[u8]) -> Result<Grid, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::file(
            "file_too_large",
            Some(format!("{} MiB", MAX_BYTES / 1024 / 1024)),
        ));
    }
    match format {
        Format::Csv => read_csv(bytes),
        Format::Xlsx => read_xlsx(bytes),
    }
}

/// [`read`] on a blocking thread (parsing is CPU work); a panic in a parser (there should be
/// none) is a bad file, not a crash. Callers hold an import slot ([`crate::App::import_slot`]).
pub async fn read_upload(format: Format, bytes: &[u8]) -> Result<Grid, Problem> {
    if bytes.len() > MAX_BYTES {
        return read(format, bytes);
    }
    let owned = bytes.to_vec();
    tokio::task::spawn_blocking(move || read(format, &owned))
        .await
        .unwrap_or_else(|_| Err(unreadable(format)))
}

/// The delimiter of the header line: spreadsheets in the Indonesian locale save CSV with `;`
/// (the comma is the decimal separator there), others with `,`; some export tabs.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |d: u8| first.iter().filter(|b| **b == d).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (count(*d), *d == b','))
        .unwrap_or(b',')
}

/// Undoes the protection [`csv_cell`] applies to values that spreadsheets would take for a
/// formula.
fn unprotect(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

fn read_csv(bytes: &[u8]) -> Result<Grid, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delimiter = detect_delimiter(bytes);
    bounds::check_csv(bytes, delimiter)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut grid = Grid::default();
    let mut budget = Budget::default();
    let mut rec = csv::ByteRecord::new();
    // Spreadsheet row numbers: a quoted cell may span several lines but is one row, and the
    // reader skips blank lines, which a spreadsheet shows as empty rows. The reader's own line
    // count is unreliable with CRLF, so the line breaks between records are counted here: a
    // record's position is the byte after the previous record's terminator.
    let mut row = 0u32;
    let mut first = true;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return Err(unreadable(Format::Csv)),
        }
        let at = rec
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .min(bytes.len());
        let mut start = at;
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let gap = if first {
            &bytes[..start]
        } else {
            &bytes[at.saturating_sub(1)..start]
        };
        let breaks = gap
            .iter()
            .enumerate()
            .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && gap.get(i + 1) != Some(&b'\n')))
            .count();
        let blank = if first {
            breaks
        } else {
            breaks.saturating_sub(1)
        };
        first = false;
        row = row
            .saturating_add(1)
            .saturating_add(u32::try_from(blank).unwrap_or(u32::MAX));
        let width = rec.len().min(MAX_COLUMNS);
        budget.dense(width)?;
        let mut cells = Vec::with_capacity(width);
        for (col, raw) in rec.iter().enumerate() {
            if col >= MAX_COLUMNS {
                if raw.iter().any(|b| !b.is_ascii_whitespace()) {
                    return Err(too_many_columns());
                }
                continue;
            }
            if !raw.is_empty() {
                budget.cell(row, col, raw.len())?;
            }
            match std::str::from_utf8(raw) {
                Ok(s) => cells.push(unprotect(s).to_owned()),
                Err(_) => {
                    grid.cell_problems.push(CellProblem {
                        row,
                        col,
                        code: "invalid_utf8",
                        param: None,
                    });
                    // Kept non-empty so the row still counts as a row.
                    cells.push("\u{fffd}".to_owned());
                }
            }
        }
        grid.push(row, cells)?;
    }
    Ok(grid)
}

/// An Excel serial date as `YYYY-MM-DD` (the time of day is dropped).
fn excel_date(serial: f64, is_1904: bool) -> Option<String> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let (base, days) = if is_1904 {
        (time::macros::date!(1904 - 01 - 01), days)
    } else if days >= 61 {
        // Excel counts a 29 February 1900 that never was; serials from 61 on are one day late.
        (time::macros::date!(1899 - 12 - 30), days)
    } else {
        (time::macros::date!(1899 - 12 - 31), days)
    };
    let d = base.checked_add(time::Duration::days(days))?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        d.year(),
        u8::from(d.month()),
        d.day()
    ))
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Grid, Problem> {
    use calamine::{DataRef, Reader};
    use std::borrow::Cow;
    bounds::check_xlsx(bytes)?;
    let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|_| unreadable(Format::Xlsx))?;
    let first = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| unreadable(Format::Xlsx))?;
    let mut reader = wb
        .worksheet_cells_reader(&first)
        .map_err(|_| unreadable(Format::Xlsx))?;
    // Sparse cells by row; calamine's own `Range` would allocate the whole bounding box.
    let mut sparse: BTreeMap<u32, BTreeMap<usize, String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut budget = Budget::default();
    while let Some(cell) = reader.next_cell().map_err(|_| unreadable(Format::Xlsx))? {
        let (r, c) = cell.get_position();
        let (row, col) = (r.saturating_add(1), c as usize);
        // Shared strings are borrowed until the cell is counted: one long string referenced
        // from every cell must not be copied before the budget refuses it.
        let text: Cow<'_, str> = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                Cow::Borrowed(s.as_str())
            }
            DataRef::SharedString(s) => Cow::Borrowed(*s),
            DataRef::Int(i) => i.to_string().into(),
            DataRef::Float(f) => number_text(*f).into(),
            DataRef::Bool(b) => Cow::Borrowed(if *b { "ya" } else { "tidak" }),
            DataRef::DateTime(dt) if dt.is_datetime() => {
                // calamine keeps the workbook's date system private; its Debug output shows it.
                let is_1904 = format!("{dt:?}").contains("is_1904: true");
                excel_date(dt.as_f64(), is_1904)
                    .unwrap_or_else(|| number_text(dt.as_f64()))
                    .into()
            }
            DataRef::DateTime(dt) => number_text(dt.as_f64()).into(),
            DataRef::Error(e) => {
                problems.push(CellProblem {
                    row,
                    col,
                    code: "cell_error",
                    param: Some(e.to_string()),
                });
                Cow::Borrowed("#")
            }
        };
        if text.trim().is_empty() {
            continue;
        }
        if col >= MAX_COLUMNS {
            return Err(too_many_columns());
        }
        if !sparse.contains_key(&row) && sparse.len() > MAX_ROWS {
            return Err(too_many_rows());
        }
        budget.cell(row, col, text.len())?;
        sparse
            .entry(row)
            .or_default()
            .insert(col, text.into_owned());
    }
    let mut grid = Grid {
        cell_problems: problems,
        ..Grid::default()
    };
    for (row, cells) in sparse {
        let width = cells.keys().next_back().map_or(0, |c| c + 1);
        budget.dense(width)?;
        let mut line = vec![String::new(); width];
        for (c, v) in cells {
            line[c] = v;
        }
        grid.push(row, line)?;
    }
    Ok(grid)
}

/// A cell for a CSV file: values a spreadsheet would evaluate as a formula (`=`, `+`, `-`,
/// `@`) get a leading `'`, which [`read`] removes again (CSV injection).
fn csv_cell(v: &str) -> std::borrow::Cow<'_, str> {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}").into()
    } else {
        v.into()
    }
}

/// A CSV file: UTF-8 with a byte order mark (so spreadsheets detect the encoding), comma
/// separated, CRLF line ends.
pub fn write_csv(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(header).map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record(r.iter().map(|v| csv_cell(v).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// The guide sheet of a template: a title, general notes, then one line per column.
pub struct Guide {
    pub title: String,
    pub notes: Vec<String>,
    pub table_header: [&'static str; 4],
    pub columns: Vec<[String; 4]>,
}

/// An XLSX workbook: the data sheet (header, rows; every cell text, so codes and dates stay
/// as typed) and, for templates, the "Petunjuk" sheet.
pub fn write_xlsx(
    sheet_name: &str,
    header: &[&str],
    rows: &[Vec<String>],
    guide: Option<&Guide>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format as Fmt, Workbook};
    let mut wb = Workbook::new();
    let text = Fmt::new().set_num_format("@");
    let bold = Fmt::new().set_bold().set_num_format("@");
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name)?;
    for (c, name) in header.iter().enumerate() {
        let c = c as u16;
        ws.set_column_format(c, &text)?;
        ws.set_column_width(c, (name.len() as f64 + 4.0).max(14.0))?;
        ws.write_string_with_format(0, c, *name, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            ws.write_string_with_format(r as u32 + 1, c as u16, v, &text)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if let Some(g) = guide {
        let wrap = Fmt::new().set_text_wrap();
        let gs = wb.add_worksheet();
        gs.set_name("Petunjuk")?;
        gs.set_column_width(0, 28)?;
        gs.set_column_width(1, 36)?;
        gs.set_column_width(2, 8)?;
        gs.set_column_width(3, 90)?;
        gs.write_string_with_format(0, 0, &g.title, &Fmt::new().set_bold())?;
        let mut r = 2u32;
        for n in &g.notes {
            gs.write_string(r, 0, n)?;
            r += 1;
        }
        r += 1;
        for (c, h) in g.table_header.iter().enumerate() {
            gs.write_string_with_format(r, c as u16, *h, &Fmt::new().set_bold())?;
        }
        for line in &g.columns {
            r += 1;
            for (c, v) in line.iter().enumerate() {
                gs.write_string_with_format(r, c as u16, v, &wrap)?;
            }
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_row_numbers_follow_the_spreadsheet_across_multiline_cells_and_blank_lines() {
        for (csv, want) in [
            ("a,b\r\n1,\"two\nlines\"\r\n\r\n3,x\r\n", [1, 2, 4]),
            ("\n\na,b\n1,x\n\n\n3,y\n", [3, 4, 7]),
            ("a\rb\r\rc", [1, 2, 4]),
            ("a,b\r\n1,\"x\r\ny\"\r\n2,z", [1, 2, 3]),
        ] {
            let g = read_csv(csv.as_bytes()).unwrap();
            let rows: Vec<u32> = g.rows.iter().map(|(r, _)| *r).collect();
            assert_eq!(rows, want, "{csv:?}");
        }
    }

    #[test]
    fn semicolon_csv_and_bom_are_understood() {
        let g = read_csv("\u{feff}pd_code;name\r\nDINKES;\"a; b\"\r\n".as_bytes()).unwrap();
        assert_eq!(g.rows[0].1, ["pd_code", "name"]);
        assert_eq!(g.rows[1].1, ["DINKES", "a; b"]);
    }

    #[test]
    fn bad_utf8_is_a_cell_problem_not_a_panic() {
        let mut bytes = b"a,b\n1,".to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe]);
        bytes.extend_from_slice(b"\n");
        let g = read_csv(&bytes).unwrap();
        assert_eq!(
            g.cell_problems,
            [CellProblem {
                row: 2,
                col: 1,
                code: "invalid_utf8",
                param: None
            }]
        );
    }

    #[test]
    fn formula_like_values_survive_a_csv_round_trip_without_being_formulas() {
        let out = write_csv(
            &["a"],
            &[vec!["=HYPERLINK(\"x\")".into()], vec!["- item".into()]],
        )
        .unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains("'=HYPERLINK"), "{text}");
        let g = read_csv(&out).unwrap();
        assert_eq!(g.rows[1].1[0], "=HYPERLINK(\"x\")");
        assert_eq!(g.rows[2].1[0], "- item");
    }

    #[test]
    fn excel_serial_dates_convert() {
        assert_eq!(excel_date(45306.0, false).as_deref(), Some("2024-01-15"));
        assert_eq!(excel_date(1.0, false).as_deref(), Some("1900-01-01"));
        assert_eq!(excel_date(0.0, true).as_deref(), Some("1904-01-01"));
        assert_eq!(excel_date(f64::NAN, false), None);
    }

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        for bytes in [&b""[..], b"PK\x03\x04garbage", b"\x00\x01\x02"] {
            assert_eq!(read_xlsx(bytes).unwrap_err().code, "unreadable_file");
        }
    }

    #[test]
    fn a_far_away_cell_does_not_allocate_the_bounding_box() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "a").unwrap();
        ws.write_string(1_048_575, 16_000, "far").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        assert_eq!(read_xlsx(&bytes).unwrap_err().code, "too_many_columns");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "a").unwrap();
        ws.write_string(1_048_575, 1, "far").unwrap();
        let g = read_xlsx(&wb.save_to_buffer().unwrap()).unwrap();
        assert_eq!(g.rows.last().unwrap().0, 1_048_576);
    }
}
