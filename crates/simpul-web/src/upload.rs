//! Multipart document uploads, shared by the page and the API, and the download response.

use crate::error::Failure;
use axum::extract::Multipart;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use simpul_domain::catalogue::document::MAX_DOCUMENT_BYTES;
use simpul_store::documents::DocumentRow;

/// Largest request accepted on upload routes: the largest document plus form overhead.
pub const UPLOAD_BODY_LIMIT: usize = MAX_DOCUMENT_BYTES + 64 * 1024;

/// The parts of an upload form.
#[derive(Default)]
pub struct UploadForm {
    pub csrf: String,
    pub doc_type: String,
    pub title: String,
    pub classification: String,
    /// Import mode (`all_or_nothing` or `only_valid_rows`) on spreadsheet imports.
    pub mode: String,
    /// Year of an imported evaluation.
    pub year: String,
    pub filename: String,
    pub content: Vec<u8>,
}

/// A malformed form is a 400; a body over the route's limit a 413, as documented.
fn bad(e: axum::extract::multipart::MultipartError) -> Failure {
    let key = if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        "error.too_large"
    } else {
        "error.bad_request"
    };
    Failure::BadRequest {
        field: "file".into(),
        key,
        detail: e.body_text(),
    }
}

fn not_multipart(e: axum::extract::multipart::MultipartRejection) -> Failure {
    Failure::BadRequest {
        field: "content-type".into(),
        key: "error.bad_request",
        detail: e.body_text(),
    }
}

macro_rules! multipart_extractor {
    ($(#[$doc:meta])* $name:ident, $error:path) => {
        $(#[$doc])*
        pub struct $name(pub Multipart);

        impl<S: Send + Sync> axum::extract::FromRequest<S> for $name {
            type Rejection = $error;

            async fn from_request(req: axum::extract::Request, s: &S) -> Result<Self, $error> {
                Multipart::from_request(req, s)
                    .await
                    .map($name)
                    .map_err(|e| $error(not_multipart(e)))
            }
        }
    };
}

multipart_extractor!(
    /// A multipart body of an API call; a body that is not multipart is a 400 in JSON.
    ApiMultipart,
    crate::error::ApiError
);
multipart_extractor!(
    /// A multipart form of a page; a body that is not multipart gets the error page.
    PageMultipart,
    crate::error::HtmlError
);

/// Reads every field; text fields are capped, the file at `limit` plus one byte (so "too
/// large" is reported by validation with a field message).
pub async fn read(mp: Multipart) -> Result<UploadForm, Failure> {
    read_limited(mp, MAX_DOCUMENT_BYTES).await
}

/// Like [`read`] with another file size limit.
pub async fn read_limited(mut mp: Multipart, limit: usize) -> Result<UploadForm, Failure> {
    let mut f = UploadForm::default();
    while let Some(mut field) = mp.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            f.filename = field.file_name().unwrap_or("").to_owned();
            while let Some(chunk) = field.chunk().await.map_err(bad)? {
                if f.content.len() <= limit {
                    f.content.extend_from_slice(&chunk);
                }
            }
            continue;
        }
        let value = field.text().await.map_err(bad)?;
        let value: String = value.chars().take(1000).collect();
        match name.as_str() {
            "_csrf" => f.csrf = value,
            "doc_type" => f.doc_type = value,
            "title" => f.title = value,
            "classification" => f.classification = value,
            "mode" => f.mode = value,
            "year" => f.year = value,
            _ => {}
        }
    }
    Ok(f)
}

/// A document as a download: its stored type, as an attachment, never rendered inline.
pub fn download(d: &DocumentRow, bytes: Vec<u8>) -> Response {
    attachment(&d.media_type, &d.filename, bytes)
}

/// Bytes of `media_type` as an attachment named `filename`, never cached.
pub fn attachment(media_type: &str, filename: &str, bytes: Vec<u8>) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(media_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    let name: String = filename
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || " ._-()".contains(*c))
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}
