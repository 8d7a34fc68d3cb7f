//! Form submissions on pages. A successful one redirects; a failed one shows its page again
//! with the failure's status, the translated field errors and the user's input, so nothing
//! typed is lost. A failure that is not about the fields (forbidden, not found, …) is passed
//! on to the error page.

use crate::error::{Failure, HtmlError};
use crate::i18n::Lang;
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::Value;
use std::collections::BTreeMap;
use std::future::Future;

/// What a page with a form is shown with: the status, the field errors and the values in
/// the fields.
pub struct FormState {
    pub status: StatusCode,
    pub errors: BTreeMap<String, String>,
    pub values: Value,
}

impl Default for FormState {
    /// A page shown for the first time: `200`, no errors, empty fields.
    fn default() -> Self {
        FormState::new(Value::from(BTreeMap::<String, Value>::new()))
    }
}

impl FormState {
    /// A form shown for the first time with `values` in its fields.
    pub fn new(values: Value) -> Self {
        FormState {
            status: StatusCode::OK,
            errors: BTreeMap::new(),
            values,
        }
    }

    /// The state of a failed submission of the fields `raw`: the failure's status and
    /// translated messages by field, and the submitted values; a failure that is not about
    /// the fields is the error.
    pub fn failed(
        lang: Lang,
        e: impl Into<Failure>,
        raw: &[(String, String)],
    ) -> Result<Self, HtmlError> {
        match e.into() {
            f @ (Failure::Invalid(_) | Failure::Conflict(_)) => Ok(FormState {
                status: f.status(),
                errors: f.messages(lang, "").into_iter().collect(),
                values: Value::from(values(raw)),
            }),
            other => Err(HtmlError(other)),
        }
    }
}

/// What a page does with the `result` of a submission of the fields `raw`: on success the
/// response `done` makes of it (a redirect), else the page `again` shows in the failed state.
pub async fn after_submit<T, E, Fut>(
    lang: Lang,
    raw: &[(String, String)],
    result: Result<T, E>,
    done: impl FnOnce(T) -> Response,
    again: impl FnOnce(FormState) -> Fut,
) -> Result<Response, HtmlError>
where
    E: Into<Failure>,
    Fut: Future<Output = Result<Response, HtmlError>>,
{
    match result {
        Ok(x) => Ok(done(x)),
        Err(e) => again(FormState::failed(lang, e, raw)?).await,
    }
}

/// Submitted values by field name (for re-rendering a form with the user's input); the CSRF
/// token and passwords are never shown again.
fn values(raw: &[(String, String)]) -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    for (k, v) in raw {
        if k == "_csrf" || k.contains("password") {
            continue;
        }
        // Checkboxes arrive as "on"; the templates expect booleans.
        let val = if v == "on" {
            Value::from(true)
        } else {
            Value::from(v.as_str())
        };
        m.insert(k.clone(), val);
    }
    m
}
