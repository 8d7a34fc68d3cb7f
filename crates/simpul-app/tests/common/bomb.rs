//! XLSX "bombs" for the import limit tests (issue 9.5): a small, valid workbook whose
//! `xl/sharedStrings.xml` inflates to hundreds of MiB. Also used by the web tests and the
//! memory check (`#[path]`), so it depends on nothing but `zip`.
#![allow(dead_code)]

use std::io::{Cursor, Write};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Aplikasi" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>"#;

/// A workbook whose shared strings inflate to `mib` MiB of short strings (each costs a
/// reader that keeps them far more than its 20 bytes of XML). With `lie`, the zip headers
/// declare the shared strings part as 1 KiB.
pub fn xlsx_bomb(mib: usize, lie: bool) -> Vec<u8> {
    let one = "<si><t>Bom!</t></si>";
    let count = mib * 1024 * 1024 / one.len();
    workbook(SHEET, one, count, count, lie)
}

/// A small workbook whose shared strings part declares `unique_count` strings.
pub fn xlsx_declaring_strings(unique_count: usize) -> Vec<u8> {
    workbook(
        SHEET,
        "<si><t>a</t></si><si><t>b</t></si>",
        1,
        unique_count,
        false,
    )
}

/// A small workbook with one shared string of `len` bytes in two cells of each of `rows` rows.
pub fn xlsx_one_string_everywhere(len: usize, rows: usize) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for r in 1..=rows {
        sheet.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}" t="s"><v>0</v></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let one = format!("<si><t>{}</t></si>", "x".repeat(len));
    workbook(&sheet, &one, 1, 1, false)
}

/// The parts of a workbook; the shared strings are `si` repeated `times`.
fn workbook(sheet: &str, si: &str, times: usize, unique: usize, lie: bool) -> Vec<u8> {
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet),
    ] {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.start_file("xl/sharedStrings.xml", opts).unwrap();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{times}" uniqueCount="{unique}">"#).unwrap();
    let block = si.repeat(512.min(times));
    for _ in 0..times.div_ceil(512) {
        z.write_all(block.as_bytes()).unwrap();
    }
    z.write_all(b"</sst>").unwrap();
    let mut bytes = z.finish().unwrap().into_inner();
    if lie {
        declare_small(&mut bytes, b"xl/sharedStrings.xml");
    }
    bytes
}

/// Overwrites the uncompressed size of `name` in its local header and in the central
/// directory with 1024.
fn declare_small(bytes: &mut [u8], name: &[u8]) {
    let small = 1024u32.to_le_bytes();
    let mut i = 0;
    while i + 46 <= bytes.len() {
        let (sig, name_at, size_at) = match &bytes[i..i + 4] {
            b"PK\x03\x04" => ("local", 30, 22),
            b"PK\x01\x02" => ("central", 46, 24),
            _ => {
                i += 1;
                continue;
            }
        };
        let len_at = if sig == "local" { 26 } else { 28 };
        let n = u16::from_le_bytes([bytes[i + len_at], bytes[i + len_at + 1]]) as usize;
        if bytes.get(i + name_at..i + name_at + n) == Some(name) {
            bytes[i + size_at..i + size_at + 4].copy_from_slice(&small);
        }
        i += 4;
    }
}
