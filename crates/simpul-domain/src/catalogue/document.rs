//! Documents attached to catalogue records: what is accepted (size, type) and who may
//! download what (SEC-1 confidentiality by classification).

use super::codes::{Classification, DocType};
use crate::text::required;
use crate::validation::{FieldError, Invalid};
use serde::Serialize;

/// Largest accepted document, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// Accepted file types: extension, media type, and the magic bytes the content must start with.
const TYPES: &[(&str, &str, &[u8])] = &[
    ("pdf", "application/pdf", b"%PDF-"),
    ("png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("jpg", "image/jpeg", b"\xff\xd8\xff"),
    ("jpeg", "image/jpeg", b"\xff\xd8\xff"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK\x03\x04",
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        b"PK\x03\x04",
    ),
    (
        "odt",
        "application/vnd.oasis.opendocument.text",
        b"PK\x03\x04",
    ),
    (
        "ods",
        "application/vnd.oasis.opendocument.spreadsheet",
        b"PK\x03\x04",
    ),
    ("zip", "application/zip", b"PK\x03\x04"),
    ("txt", "text/plain; charset=utf-8", b""),
    ("csv", "text/csv; charset=utf-8", b""),
];

/// A validated upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidDocument {
    pub doc_type: DocType,
    pub title: String,
    pub filename: String,
    pub media_type: &'static str,
    pub classification: Classification,
}

/// The accepted extensions, for messages.
pub fn accepted_extensions() -> String {
    TYPES.iter().map(|t| t.0).collect::<Vec<_>>().join(", ")
}

/// Checks an upload's metadata and content.
pub fn validate(
    doc_type: &str,
    title: &str,
    filename: &str,
    classification: &str,
    content: &[u8],
) -> Result<ValidDocument, Invalid> {
    let mut inv = Invalid::default();
    let dt = inv.take(crate::text::parse_enum(
        "doc_type",
        doc_type,
        DocType::ALL,
        DocType::code,
    ));
    let cl = inv.take(crate::text::parse_enum(
        "classification",
        classification,
        Classification::ALL,
        Classification::code,
    ));
    // Keep only the last path component and safe characters of the name the browser sent.
    let base = filename.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let clean: String = base
        .chars()
        .filter(|c| c.is_alphanumeric() || " ._-()".contains(*c))
        .take(150)
        .collect();
    let title = if title.trim().is_empty() {
        clean.clone()
    } else {
        title.to_owned()
    };
    let title = inv.take(required("title", &title, 200, false));
    let ext = clean
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let kind = TYPES.iter().find(|t| t.0 == ext);
    if content.is_empty() {
        inv.push(FieldError::new("file", "required"));
    } else if content.len() > MAX_DOCUMENT_BYTES {
        inv.push(FieldError::with_param(
            "file",
            "file_too_large",
            MAX_DOCUMENT_BYTES / (1024 * 1024),
        ));
    } else {
        match kind {
            None => inv.push(FieldError::with_param(
                "file",
                "file_type",
                accepted_extensions(),
            )),
            Some((_, _, magic)) if !content.starts_with(magic) => {
                inv.push(FieldError::new("file", "file_content"))
            }
            Some((_, mt, _))
                if mt.starts_with("text/") && std::str::from_utf8(content).is_err() =>
            {
                inv.push(FieldError::new("file", "file_content"))
            }
            _ => {}
        }
    }
    match (dt, cl, title, kind) {
        (Some(doc_type), Some(classification), Some(title), Some((_, media_type, _)))
            if inv.is_empty() =>
        {
            Ok(ValidDocument {
                doc_type,
                title,
                filename: clean,
                media_type,
                classification,
            })
        }
        _ => Err(inv),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_accepted_and_its_name_cleaned() {
        let d = validate(
            "sop",
            "",
            "../../etc/SOP <SIKDA>.pdf",
            "terbatas",
            b"%PDF-1.7 ...",
        )
        .unwrap();
        assert_eq!(d.filename, "SOP SIKDA.pdf");
        assert_eq!(d.title, "SOP SIKDA.pdf");
        assert_eq!(d.media_type, "application/pdf");
    }

    #[test]
    fn a_disguised_or_unknown_file_is_refused() {
        assert_eq!(
            validate("sop", "x", "a.pdf", "terbuka", b"MZ\x90\x00")
                .unwrap_err()
                .0[0]
                .code,
            "file_content"
        );
        assert_eq!(
            validate("sop", "x", "a.exe", "terbuka", b"MZ\x90\x00")
                .unwrap_err()
                .0[0]
                .code,
            "file_type"
        );
        assert_eq!(
            validate("sop", "x", "a.txt", "terbuka", b"\xff\xfe")
                .unwrap_err()
                .0[0]
                .code,
            "file_content"
        );
        let e = validate("resep", "x", "a.pdf", "sangat", b"%PDF-").unwrap_err();
        assert_eq!(
            e.0.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
            ["doc_type", "classification"]
        );
    }
}
