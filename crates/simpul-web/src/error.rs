//! Every failure of a request, mapped to an HTTP response in one place.
//!
//! Handlers return `HtmlError` (pages) or `ApiError` (JSON). Both turn the failure into a
//! [`Failure`] marker on an empty response; the [`render_failures`] middleware, which knows
//! the request's language and path, then renders the error page, the login redirect or the
//! JSON body `{"errors":[{"field":…,"detail":…}]}`. Unexpected errors are logged once with
//! the request id and answered with an opaque 500.

use crate::i18n::{self, field_error, Lang};
use crate::router::REQUEST_ID;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use simpul_app::AppError;
use simpul_domain::FieldError;

/// What went wrong, in the terms the client is told.
#[derive(Debug, Clone)]
pub enum Failure {
    Invalid(Vec<FieldError>),
    Unauthenticated,
    BadCredentials,
    Throttled(u64),
    /// Too many imports at once: 503 with Retry-After (seconds).
    Busy(u64),
    Forbidden,
    NotFound,
    Conflict(&'static str),
    /// A workflow step not allowed from the case's current state (409).
    WrongState,
    /// Malformed request: field, message key and a detail for the `{detail}` placeholder.
    BadRequest {
        field: String,
        key: &'static str,
        detail: String,
    },
    Csrf,
    UnsupportedMedia,
    Internal,
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::Unauthenticated | Failure::BadCredentials => StatusCode::UNAUTHORIZED,
            Failure::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            Failure::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Forbidden | Failure::Csrf => StatusCode::FORBIDDEN,
            Failure::NotFound => StatusCode::NOT_FOUND,
            Failure::Conflict(_) | Failure::WrongState => StatusCode::CONFLICT,
            Failure::BadRequest { key, .. } if *key == "error.too_large" => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            Failure::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Failure::UnsupportedMedia => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// `(field, message)` pairs in `lang`.
    pub fn messages(&self, lang: Lang, request_id: &str) -> Vec<(String, String)> {
        let one = |field: &str, key: &str| vec![(field.to_owned(), i18n::t(lang, key))];
        match self {
            Failure::Invalid(errs) => errs
                .iter()
                .map(|e| (e.field.clone(), field_error(lang, e)))
                .collect(),
            Failure::Unauthenticated => one("authorization", "error.unauthenticated"),
            Failure::BadCredentials => one("credentials", "login.failed"),
            Failure::Throttled(s) => {
                vec![(
                    "credentials".into(),
                    i18n::tf(lang, "login.throttled", &[("seconds", &s.to_string())]),
                )]
            }
            Failure::Busy(_) => one("file", "error.busy"),
            Failure::Forbidden => one("", "error.forbidden"),
            Failure::NotFound => one("", "error.not_found"),
            Failure::Conflict(f) => one(f, "err.conflict"),
            Failure::WrongState => one("state", "error.wrong_state"),
            Failure::BadRequest { field, key, detail } => {
                vec![(field.clone(), i18n::tf(lang, key, &[("detail", detail)]))]
            }
            Failure::Csrf => one("_csrf", "error.csrf"),
            Failure::UnsupportedMedia => one("content-type", "error.unsupported_media"),
            Failure::Internal => vec![(
                String::new(),
                i18n::tf(lang, "error.internal", &[("request_id", request_id)]),
            )],
        }
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid(inv) => Failure::Invalid(inv.0),
            AppError::Rule(fe) => Failure::Invalid(vec![fe]),
            AppError::Unauthenticated => Failure::Unauthenticated,
            AppError::BadCredentials => Failure::BadCredentials,
            AppError::Throttled { retry_after_secs } => Failure::Throttled(retry_after_secs),
            AppError::Busy { retry_after_secs } => Failure::Busy(retry_after_secs),
            AppError::Forbidden => Failure::Forbidden,
            AppError::NotFound => Failure::NotFound,
            AppError::Conflict(f) => Failure::Conflict(f),
            AppError::WrongState => Failure::WrongState,
            other => {
                // The only place an unexpected error is logged; the client gets the request id.
                tracing::error!(error = %other, "request failed");
                Failure::Internal
            }
        }
    }
}

/// Marks a response for rendering by [`render_failures`].
#[derive(Debug, Clone)]
struct Marker {
    failure: Failure,
    api: bool,
}

fn marked(failure: Failure, api: bool) -> Response {
    let mut res = failure.status().into_response();
    res.extensions_mut().insert(Marker { failure, api });
    res
}

/// A handler's failure type, answered as the error page or in the API's error format.
macro_rules! failure_type {
    ($(#[$meta:meta])* $name:ident, api: $api:expr) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name(pub Failure);

        impl<E: Into<Failure>> From<E> for $name {
            fn from(e: E) -> Self {
                $name(e.into())
            }
        }

        impl IntoResponse for $name {
            fn into_response(self) -> Response {
                marked(self.0, $api)
            }
        }
    };
}

failure_type!(
    /// A failure of an HTML page handler.
    HtmlError,
    api: false
);
failure_type!(
    /// A failure of a JSON API handler.
    ApiError,
    api: true
);

/// The language of a page: the `lang` cookie set by the language switch, else Bahasa
/// Indonesia (whatever the browser's locale: the platform's language is Indonesian, English
/// is chosen explicitly).
pub fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    crate::extract::cookie(headers, "lang")
        .and_then(|v| Lang::parse(&v))
        .unwrap_or_default()
}

/// Renders marked failures with the request's language.
pub async fn render_failures(req: Request, next: Next) -> Response {
    let headers = req.headers();
    let lang = request_lang(headers);
    let api_lang = Lang::from_accept(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or(""),
    );
    let request_id = headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let res = next.run(req).await;
    let Some(marker) = res.extensions().get::<Marker>().cloned() else {
        return res;
    };
    let status = marker.failure.status();
    if marker.api {
        let errors: Vec<serde_json::Value> = marker
            .failure
            .messages(api_lang, &request_id)
            .into_iter()
            .map(|(field, detail)| serde_json::json!({ "field": field, "detail": detail }))
            .collect();
        let mut out = (status, axum::Json(serde_json::json!({ "errors": errors }))).into_response();
        if matches!(marker.failure, Failure::Unauthenticated) {
            out.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Failure::Throttled(s) | Failure::Busy(s) = marker.failure {
            out.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        return out;
    }
    if matches!(marker.failure, Failure::Unauthenticated) {
        let next_path = if path.starts_with("/masuk") {
            "/".to_owned()
        } else {
            path
        };
        return Redirect::to(&format!("/masuk?next={}", urlencode(&next_path))).into_response();
    }
    let message = marker
        .failure
        .messages(lang, &request_id)
        .into_iter()
        .map(|(_, m)| m)
        .collect::<Vec<_>>()
        .join(" ");
    crate::pages::render_error(lang, status, &message)
}

/// Percent-encodes a query parameter value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
