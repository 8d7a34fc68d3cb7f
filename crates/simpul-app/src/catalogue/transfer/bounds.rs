//! What an uploaded spreadsheet may unpack to (issue 9.5). A sensible sheet for the import's
//! 10,000 rows of at most 28 columns unpacks to some tens of MB; anything beyond is refused
//! BEFORE calamine or the CSV reader allocate in proportion to it. An XLSX file is checked
//! part by part with a capped inflating reader (a declared size can lie) and every XML part is
//! scanned for what calamine would buffer: the number of shared strings, the `uniqueCount`
//! calamine reserves room for, and the longest tag or text run its XML reader holds at once.
//! A CSV file is pre-read with the reader's own core (no allocation) for fields per record
//! and field length. While the grid is built, [`Budget`] bounds cells and text.

use super::{Format, Problem, MAX_ROWS};
use std::io::{Cursor, Read};

const MIB: u64 = 1024 * 1024;

/// All parts of an XLSX archive together, inflated.
pub const MAX_UNPACKED: u64 = 48 * MIB;
/// The shared strings part, inflated (the text of every distinct cell).
pub const MAX_SHARED_STRINGS: u64 = 16 * MIB;
/// At most this many parts in an XLSX archive (a workbook has a dozen or two).
const MAX_ZIP_ENTRIES: usize = 1_000;
/// The longest tag or text run in an XML part: one cell's text is at most [`MAX_CELL_BYTES`].
const MAX_XML_EVENT: u64 = 128 * 1024;
/// The longest cell, in bytes: the longest field takes 5,000 characters.
pub const MAX_CELL_BYTES: usize = 32 * 1024;
/// Non-empty cells (and shared strings): the data rows with 32 columns each.
pub const MAX_CELLS: usize = (MAX_ROWS + 1) * 32;
/// Text of all cells together.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// Fields of one CSV record, empty ones included (as many as a spreadsheet has columns).
const MAX_CSV_FIELDS: usize = 16_384;

fn mib(n: u64) -> String {
    format!("{} MiB", n / MIB)
}

/// "Berkas terlalu besar setelah diurai: …": `code` says which limit, `param` its value.
fn too_large(code: &'static str, param: impl ToString) -> Problem {
    Problem::file(code, Some(param.to_string()))
}

fn unreadable(format: Format) -> Problem {
    Problem::file("unreadable_file", Some(format.label().to_owned()))
}

fn cell_too_large(row: u32, col: usize) -> Problem {
    Problem {
        row: Some(row),
        column: Some(format!("#{}", col + 1)),
        code: "cell_too_large",
        param: Some(format!("{} KiB", MAX_CELL_BYTES / 1024)),
    }
}

/// Checks every part of an XLSX archive against the limits without keeping any of it.
pub fn check_xlsx(bytes: &[u8]) -> Result<(), Problem> {
    let bad = |_| unreadable(Format::Xlsx);
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).map_err(bad)?;
    if z.len() > MAX_ZIP_ENTRIES {
        return Err(too_large("too_many_parts", MAX_ZIP_ENTRIES));
    }
    // Declared sizes first: an honest bomb is refused without inflating a byte.
    let mut declared = 0u64;
    for i in 0..z.len() {
        let part = z.by_index_raw(i).map_err(bad)?;
        declared = declared.saturating_add(part.size());
        if is_shared_strings(part.name_raw()) && part.size() > MAX_SHARED_STRINGS {
            return Err(too_large(
                "shared_strings_too_large",
                mib(MAX_SHARED_STRINGS),
            ));
        }
    }
    if declared > MAX_UNPACKED {
        return Err(too_large("unpacked_too_large", mib(MAX_UNPACKED)));
    }
    // Then what really inflates, through a capped reader into a fixed buffer.
    let mut total = 0u64;
    let mut scan = XmlScan::default();
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..z.len() {
        let part = z.by_index(i).map_err(bad)?;
        let shared = is_shared_strings(part.name_raw());
        let cap = if shared {
            MAX_SHARED_STRINGS
        } else {
            MAX_UNPACKED
        };
        let mut r = part.take(cap + 1);
        let mut len = 0u64;
        scan.start_part();
        loop {
            let n = r.read(&mut buf).map_err(|_| unreadable(Format::Xlsx))?;
            if n == 0 {
                break;
            }
            len += n as u64;
            total += n as u64;
            if shared && len > MAX_SHARED_STRINGS {
                return Err(too_large(
                    "shared_strings_too_large",
                    mib(MAX_SHARED_STRINGS),
                ));
            }
            if total > MAX_UNPACKED {
                return Err(too_large("unpacked_too_large", mib(MAX_UNPACKED)));
            }
            scan.feed(&buf[..n])?;
        }
    }
    Ok(())
}

/// calamine reads `{xl}/sharedStrings.xml`, names compared case-insensitively.
fn is_shared_strings(name: &[u8]) -> bool {
    name.to_ascii_lowercase().ends_with(b"sharedstrings.xml")
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum State {
    #[default]
    Text,
    /// Inside `<…>`, maybe inside a quoted attribute value.
    Tag(Option<u8>),
    Comment,
    CData,
}

/// Scans XML bytes as calamine's reader (quick-xml) splits them into events, keeping only the
/// first bytes of each tag. Works on any bytes: a binary part gives short events.
#[derive(Default)]
struct XmlScan {
    state: State,
    /// Bytes of the current event so far.
    run: u64,
    /// The first [`TAG_CAPTURE`] bytes of the current tag, after `<`.
    tag: Vec<u8>,
    /// The last two bytes (end of a comment or CDATA section).
    last: [u8; 2],
    /// `<si>` elements (shared strings) seen in all parts.
    strings: usize,
}

const TAG_CAPTURE: usize = 1024;

impl XmlScan {
    fn start_part(&mut self) {
        self.state = State::Text;
        self.run = 0;
        self.tag.clear();
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), Problem> {
        for &b in bytes {
            self.run += 1;
            if self.run > MAX_XML_EVENT {
                return Err(too_large(
                    "xml_too_large",
                    format!("{} KiB", MAX_XML_EVENT / 1024),
                ));
            }
            match self.state {
                State::Text if b == b'<' => {
                    self.state = State::Tag(None);
                    self.tag.clear();
                    self.run = 1;
                }
                State::Text => {}
                State::Tag(quote) => {
                    if self.tag.len() < TAG_CAPTURE {
                        self.tag.push(b);
                    }
                    match (quote, b) {
                        (Some(q), _) if b == q => self.state = State::Tag(None),
                        (Some(_), _) => {}
                        (None, b'>') => {
                            self.end_tag()?;
                            self.state = State::Text;
                            self.run = 0;
                        }
                        (None, b'"' | b'\'') => self.state = State::Tag(Some(b)),
                        _ => self.special_start()?,
                    }
                }
                State::Comment | State::CData => {
                    let close = if self.state == State::Comment {
                        *b"--"
                    } else {
                        *b"]]"
                    };
                    if b == b'>' && self.last == close {
                        self.state = State::Text;
                        self.run = 0;
                    }
                }
            }
            self.last = [self.last[1], b];
        }
        Ok(())
    }

    /// `<!--` and `<![CDATA[` run to their own end; a DTD has no place in a workbook. (Other
    /// `<!` are ordinary tags here: a binary part such as an image has them by chance.)
    fn special_start(&mut self) -> Result<(), Problem> {
        match self.tag.as_slice() {
            b"!--" => {
                self.state = State::Comment;
                self.last = [0, 0];
            }
            b"![CDATA[" => {
                self.state = State::CData;
                self.last = [0, 0];
            }
            t if t.eq_ignore_ascii_case(b"!DOCTYPE") => return Err(unreadable(Format::Xlsx)),
            _ => {}
        }
        Ok(())
    }

    fn end_tag(&mut self) -> Result<(), Problem> {
        let tag = &self.tag;
        let end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        let Some(end) = end else {
            // A name longer than the capture: no workbook element has one.
            return Err(unreadable(Format::Xlsx));
        };
        let name = &tag[..end];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        if local == b"si" {
            self.strings += 1;
            if self.strings > MAX_CELLS {
                return Err(too_large("too_many_strings", MAX_CELLS));
            }
        } else if local == b"sst" {
            // calamine reserves room for `uniqueCount` strings before reading any.
            if self.run > TAG_CAPTURE as u64 || declared_count_too_large(tag) {
                return Err(too_large("too_many_strings", MAX_CELLS));
            }
        }
        Ok(())
    }
}

/// Whether any `uniqueCount` attribute in a tag is above [`MAX_CELLS`].
fn declared_count_too_large(tag: &[u8]) -> bool {
    const ATTR: &[u8] = b"uniqueCount";
    (0..tag.len().saturating_sub(ATTR.len())).any(|i| {
        if &tag[i..i + ATTR.len()] != ATTR {
            return false;
        }
        let rest = &tag[i + ATTR.len()..];
        let rest = rest.trim_ascii_start().strip_prefix(b"=").unwrap_or(rest);
        let rest = rest.trim_ascii_start();
        let Some((&q, value)) = rest.split_first() else {
            return false;
        };
        let value = value.split(|b| *b == q).next().unwrap_or(value);
        let digits: Vec<u8> = value.iter().copied().filter(u8::is_ascii_digit).collect();
        digits.len() > 9
            || std::str::from_utf8(&digits)
                .ok()
                .and_then(|d| d.parse::<usize>().ok())
                .is_some_and(|n| n > MAX_CELLS)
    })
}

/// Pre-reads a CSV file with the CSV reader's core, storing nothing: refuses records with
/// more fields than a spreadsheet has columns and fields longer than [`MAX_CELL_BYTES`].
pub fn check_csv(bytes: &[u8], delimiter: u8) -> Result<(), Problem> {
    use csv_core::ReadFieldResult;
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = [0u8; 8 * 1024];
    let mut input = bytes;
    let (mut fields, mut field_len, mut records) = (0usize, 0usize, 0u32);
    loop {
        let (res, nin, nout) = rdr.read_field(input, &mut out);
        input = &input[nin..];
        field_len += nout;
        if field_len > MAX_CELL_BYTES {
            return Err(cell_too_large(records + 1, fields));
        }
        match res {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::Field { record_end } => {
                fields += 1;
                field_len = 0;
                if fields > MAX_CSV_FIELDS {
                    return Err(Problem::file(
                        "too_many_columns",
                        Some(super::sheet::MAX_COLUMNS.to_string()),
                    ));
                }
                if record_end {
                    fields = 0;
                    records = records.saturating_add(1);
                }
            }
            ReadFieldResult::End => return Ok(()),
        }
    }
}

/// What the cells read so far take; refuses the file once a limit is passed.
#[derive(Default)]
pub struct Budget {
    cells: usize,
    text: usize,
    dense: usize,
}

impl Budget {
    /// Counts one cell of `len` bytes at a spreadsheet position (0-based column).
    pub fn cell(&mut self, row: u32, col: usize, len: usize) -> Result<(), Problem> {
        if len > MAX_CELL_BYTES {
            return Err(cell_too_large(row, col));
        }
        self.cells += 1;
        self.text += len;
        if self.cells > MAX_CELLS {
            return Err(too_large("too_many_cells", MAX_CELLS));
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(too_large("too_much_text", mib(MAX_TEXT_BYTES as u64)));
        }
        Ok(())
    }

    /// Counts `n` positions of a row laid out densely (empty cells between filled ones).
    pub fn dense(&mut self, n: usize) -> Result<(), Problem> {
        self.dense += n;
        if self.dense > MAX_CELLS {
            return Err(too_large("too_many_cells", MAX_CELLS));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &[u8]) -> Result<usize, Problem> {
        let mut s = XmlScan::default();
        for chunk in xml.chunks(7) {
            s.feed(chunk)?;
        }
        Ok(s.strings)
    }

    #[test]
    fn the_scan_counts_shared_strings_with_and_without_a_prefix() {
        let xml = br#"<?xml version="1.0"?><sst uniqueCount="3"><si><t>a&gt;</t></si><x:si/><si ><t a=">">b</t></si><sin/><!-- <si> --><![CDATA[<si>]]></sst>"#;
        assert_eq!(scan(xml).unwrap(), 3);
    }

    #[test]
    fn a_declared_count_calamine_would_reserve_is_refused() {
        for tag in [
            r#"<sst count="5" uniqueCount="999999999">"#,
            r#"<x:sst uniqueCount = '12345678901234'>"#,
        ] {
            assert_eq!(
                scan(tag.as_bytes()).unwrap_err().code,
                "too_many_strings",
                "{tag}"
            );
        }
        assert!(scan(br#"<sst uniqueCount="300000">"#).is_ok());
    }

    #[test]
    fn long_text_runs_comments_and_doctypes_are_refused() {
        let mut long = b"<si><t>".to_vec();
        long.resize(200 * 1024, b'x');
        assert_eq!(scan(&long).unwrap_err().code, "xml_too_large");
        let mut comment = b"<!-- ".to_vec();
        comment.extend(std::iter::repeat_n(b'>', 200 * 1024));
        assert_eq!(scan(&comment).unwrap_err().code, "xml_too_large");
        assert_eq!(
            scan(b"<!DOCTYPE x [<!ENTITY a 'b'>]>").unwrap_err().code,
            "unreadable_file"
        );
        // Binary parts (images) have stray `<`, `<!` and quotes; they are not refused.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let noise: Vec<u8> = (0..4_000_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        assert!(scan(&noise).is_ok());
    }

    #[test]
    fn csv_records_with_huge_field_counts_or_fields_are_refused_before_reading() {
        assert_eq!(
            check_csv(&vec![b','; 1_000_000], b',').unwrap_err().code,
            "too_many_columns"
        );
        let mut long = b"a,\"".to_vec();
        long.resize(MAX_CELL_BYTES + 10, b'x');
        let p = check_csv(&long, b',').unwrap_err();
        assert_eq!(
            (p.code, p.row, p.column.as_deref()),
            ("cell_too_large", Some(1), Some("#2"))
        );
        assert!(check_csv(b"a,b\r\n\"x,\ny\",z\r\n", b',').is_ok());
    }
}
