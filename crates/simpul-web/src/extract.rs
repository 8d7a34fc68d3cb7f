//! Request extractors. Each names what it proves: [`CurrentUser`] a live browser session,
//! [`CsrfForm`] a session plus a form carrying its CSRF token, [`ApiActor`] a valid bearer
//! token, [`ApiJson`] a well-formed JSON body.

use crate::error::{request_lang, ApiError, Failure, HtmlError};
use crate::i18n::Lang;
use crate::router::{AppState, REQUEST_ID};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use simpul_app::Actor;
use std::collections::HashMap;

pub const SESSION_COOKIE: &str = "simpul_session";
pub const LOGIN_CSRF_COOKIE: &str = "simpul_login_csrf";
pub const FLASH_COOKIE: &str = "simpul_flash";

/// Reads one cookie from the request headers.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Facts about the request every page needs: language, path, pending flash message.
#[derive(Debug, Clone)]
pub struct Req {
    pub lang: Lang,
    /// Path and query, for language switching and login redirects.
    pub path: String,
    pub flash: Option<String>,
    pub request_id: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Req {
    type Rejection = HtmlError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let flash = cookie(&parts.headers, FLASH_COOKIE)
            .filter(|f| f.len() < 40 && f.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        Ok(Req {
            lang: request_lang(&parts.headers),
            path: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".into()),
            flash,
            request_id: parts
                .headers
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned(),
        })
    }
}

/// A signed-in browser user. Without a live session, pages redirect to the login form.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub actor: Actor,
    pub csrf: String,
    pub cookie: String,
    /// Unread notifications, for the header.
    pub unread: i64,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = HtmlError;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(u) = parts.extensions.get::<CurrentUser>() {
            return Ok(u.clone());
        }
        let c =
            cookie(&parts.headers, SESSION_COOKIE).ok_or(HtmlError(Failure::Unauthenticated))?;
        let info = s
            .app
            .session(&c)
            .await?
            .ok_or(HtmlError(Failure::Unauthenticated))?;
        let unread = s.app.unread_notifications(&info.actor).await?;
        let u = CurrentUser {
            actor: info.actor,
            csrf: info.csrf,
            cookie: c,
            unread,
        };
        parts.extensions.insert(u.clone());
        Ok(u)
    }
}

/// A browser user if signed in (public pages).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = HtmlError;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Self::Rejection> {
        match CurrentUser::from_request_parts(parts, s).await {
            Ok(u) => Ok(MaybeUser(Some(u))),
            Err(HtmlError(Failure::Unauthenticated)) => Ok(MaybeUser(None)),
            Err(e) => Err(e),
        }
    }
}

/// Compares secrets in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Decodes a URL-encoded form strictly: every name and value must be valid UTF-8 after
/// percent-decoding (a browser never sends anything else; `%FF` is rejected, not replaced).
pub fn parse_form(body: &[u8]) -> Result<Vec<(String, String)>, Failure> {
    let bad = |field: &str| Failure::BadRequest {
        field: field.to_owned(),
        key: "error.invalid_utf8",
        detail: String::new(),
    };
    let text = std::str::from_utf8(body).map_err(|_| bad(""))?;
    let mut out = Vec::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k).ok_or_else(|| bad(""))?;
        let value = percent_decode(v).ok_or_else(|| bad(&key))?;
        out.push((key, value));
    }
    Ok(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b'%' => return None,
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Builds `T` from decoded form pairs (repeated keys: last wins; unknown keys ignored).
pub fn form_into<T: DeserializeOwned>(pairs: &[(String, String)]) -> Result<T, Failure> {
    let map: HashMap<&str, &str> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let encoded = serde_urlencoded::to_string(&map).map_err(|e| Failure::BadRequest {
        field: String::new(),
        key: "error.bad_request",
        detail: e.to_string(),
    })?;
    serde_urlencoded::from_str(&encoded).map_err(|e| Failure::BadRequest {
        field: String::new(),
        key: "error.bad_request",
        detail: e.to_string(),
    })
}

async fn body_bytes<S: Send + Sync>(req: Request, s: &S) -> Result<Bytes, Failure> {
    Bytes::from_request(req, s).await.map_err(|e| {
        let key = if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            "error.too_large"
        } else {
            "error.bad_request"
        };
        Failure::BadRequest {
            field: String::new(),
            key,
            detail: e.body_text(),
        }
    })
}

/// A state-changing form from a signed-in user, with its CSRF token checked.
#[derive(Debug)]
pub struct CsrfForm<T> {
    pub user: CurrentUser,
    pub form: T,
    /// Every submitted field, decoded, to re-render the form on error.
    pub raw: Vec<(String, String)>,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = HtmlError;

    async fn from_request(req: Request, s: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let user = CurrentUser::from_request_parts(&mut parts, s).await?;
        let bytes = body_bytes(Request::from_parts(parts, body), s).await?;
        let raw = parse_form(&bytes)?;
        let token = raw
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if !same_secret(token, &user.csrf) {
            return Err(HtmlError(Failure::Csrf));
        }
        let form = form_into(&raw)?;
        Ok(CsrfForm { user, form, raw })
    }
}

/// A form from an anonymous visitor (the login form), CSRF-checked against the
/// double-submit cookie set when the form was shown.
#[derive(Debug)]
pub struct PublicForm<T> {
    pub form: T,
    pub session_cookie: Option<String>,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for PublicForm<T> {
    type Rejection = HtmlError;

    async fn from_request(req: Request, s: &AppState) -> Result<Self, Self::Rejection> {
        let expected = cookie(req.headers(), LOGIN_CSRF_COOKIE).unwrap_or_default();
        let session_cookie = cookie(req.headers(), SESSION_COOKIE);
        let bytes = body_bytes(req, s).await?;
        let raw = parse_form(&bytes)?;
        let token = raw
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if expected.is_empty() || !same_secret(token, &expected) {
            return Err(HtmlError(Failure::Csrf));
        }
        Ok(PublicForm {
            form: form_into(&raw)?,
            session_cookie,
        })
    }
}

/// The account behind a valid `Authorization: Bearer spl_…` token.
#[derive(Debug, Clone)]
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(ApiError(Failure::Unauthenticated))?;
        let actor = s
            .app
            .bearer(token)
            .await?
            .ok_or(ApiError(Failure::Unauthenticated))?;
        Ok(ApiActor(actor))
    }
}

/// A JSON request body. Wrong content type is 415, unparsable JSON 400, a value of the wrong
/// type 422; each names the offending field path.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, s: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';')
                    .next()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(ApiError(Failure::UnsupportedMedia));
        }
        let bytes = body_bytes(req, s).await?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        match serde_path_to_error::deserialize::<_, T>(de) {
            Ok(v) => Ok(ApiJson(v)),
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let field = if path == "." { "body".to_owned() } else { path };
                if inner.is_data() {
                    let msg = inner.to_string();
                    Err(ApiError(Failure::Invalid(vec![data_error(field, &msg)])))
                } else {
                    // Only the position: the parser's own words are English.
                    Err(ApiError(Failure::BadRequest {
                        field,
                        key: "error.malformed_json",
                        detail: format!("{}:{}", inner.line(), inner.column()),
                    }))
                }
            }
        }
    }
}

/// The field error of a JSON value that does not fit its field, as a message code (never the
/// deserializer's English text, which would otherwise be shown inside an Indonesian sentence):
/// a missing field is `required`, an unknown variant `unknown_value` with the real choices, a
/// value of the wrong JSON type `type_integer`, `type_string`…, a number too large for its
/// field `out_of_range`, anything else (a domain type's own check) `invalid`.
fn data_error(field: String, msg: &str) -> simpul_domain::FieldError {
    use simpul_domain::FieldError;
    // serde_json appends " at line L column C"; the text before it is serde's.
    let msg = msg.rsplit_once(" at line ").map_or(msg, |(m, _)| m);
    let quoted =
        |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        let full = match field.as_str() {
            "body" | "." => name.to_owned(),
            parent => format!("{parent}.{name}"),
        };
        return FieldError::new(&full, "required");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let choices = rest
            .split_once("expected")
            .map_or(Vec::new(), |(_, e)| quoted(e));
        return FieldError::with_param(&field, "unknown_value", choices.join(", "));
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let choices = rest
            .split_once("expected")
            .map_or(Vec::new(), |(_, e)| quoted(e));
        return FieldError::with_param(&field, "unknown_field", choices.join(", "));
    }
    if msg.starts_with("invalid value: integer") {
        return FieldError::new(&field, "out_of_range");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        let code = match expected {
            e if [
                "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "integer",
            ]
            .iter()
            .any(|t| e.contains(t)) =>
            {
                "type_integer"
            }
            e if e.contains("f32") || e.contains("f64") || e.contains("number") => "type_number",
            e if e.contains("string") || e.contains("char") => "type_string",
            e if e.contains("bool") => "type_bool",
            e if e.contains("sequence") || e.contains("tuple") => "type_list",
            e if e.contains("map") || e.contains("struct") || e.contains("enum") => "type_object",
            _ => "invalid",
        };
        return FieldError::new(&field, code);
    }
    FieldError::new(&field, "invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_and_percent_and_reject_invalid_utf8() {
        let p = parse_form(b"name=Dinas+Kesehatan&kode=%C3%A9&_csrf=x").unwrap();
        assert_eq!(p[0], ("name".into(), "Dinas Kesehatan".into()));
        assert_eq!(p[1].1, "é");
        assert!(
            matches!(parse_form(b"name=%FF"), Err(Failure::BadRequest { field, .. }) if field == "name")
        );
        assert!(parse_form(b"name=%F").is_err());
        assert!(parse_form(&[b'n', b'=', 0xff]).is_err());
    }

    #[test]
    fn json_value_errors_become_message_codes_without_the_parsers_english() {
        let code = |json: &str| {
            #[derive(serde::Deserialize, Debug)]
            #[allow(dead_code)]
            #[serde(rename_all = "snake_case")]
            enum Kind {
                Claim,
                Submit,
            }
            #[derive(serde::Deserialize, Debug)]
            #[allow(dead_code)]
            struct Step {
                step: Kind,
                level: u8,
                note: String,
            }
            let de = &mut serde_json::Deserializer::from_str(json);
            let e = serde_path_to_error::deserialize::<_, Step>(de).unwrap_err();
            let path = e.path().to_string();
            let fe = data_error(path, &e.into_inner().to_string());
            (fe.field, fe.code.to_owned(), fe.param.unwrap_or_default())
        };
        let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
        assert_eq!(
            code(r#"{"step": "claim", "level": "x", "note": ""}"#),
            s("level", "type_integer", "")
        );
        assert_eq!(
            code(r#"{"step": "claim", "level": 300, "note": ""}"#),
            s("level", "out_of_range", "")
        );
        assert_eq!(
            code(r#"{"step": "claim", "level": 3}"#),
            s("note", "required", "")
        );
        assert_eq!(
            code(r#"{"step": "fly"}"#),
            s("step", "unknown_value", "claim, submit")
        );
    }

    #[test]
    fn secrets_compare_in_full() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
    }
}

fn query_failure(e: axum::extract::rejection::QueryRejection) -> Failure {
    Failure::BadRequest {
        field: "query".into(),
        key: "error.bad_request",
        detail: e.body_text(),
    }
}

/// Rejects a query string whose percent-escapes do not decode to UTF-8 (`q=%ff%fe`): the
/// decoder would otherwise turn them into U+FFFD and search for that.
fn query_is_utf8(parts: &Parts) -> Result<(), Failure> {
    let raw = parts.uri.query().unwrap_or("");
    let decodes = |p: &str| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        percent_decode(k).is_some() && percent_decode(v).is_some()
    };
    if raw.split('&').all(decodes) {
        Ok(())
    } else {
        Err(Failure::BadRequest {
            field: "query".into(),
            key: "error.invalid_utf8",
            detail: String::new(),
        })
    }
}

/// A query-string extractor whose malformed input fails as `$error` (the API's error format
/// or the error page).
macro_rules! query_extractor {
    ($(#[$meta:meta])* $name:ident, $error:ident) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name<T>(pub T);

        impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for $name<T> {
            type Rejection = $error;

            async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
                query_is_utf8(parts).map_err($error)?;
                axum::extract::Query::<T>::from_request_parts(parts, s)
                    .await
                    .map(|q| $name(q.0))
                    .map_err(|e| $error(query_failure(e)))
            }
        }
    };
}

query_extractor!(
    /// Query parameters of an API call; malformed ones are a 400 in the API's error format.
    ApiQuery,
    ApiError
);
query_extractor!(
    /// Query parameters of a page; malformed ones get the error page, not a bare 400.
    PageQuery,
    HtmlError
);
