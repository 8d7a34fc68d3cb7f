//! Pages for anonymous visitors: the region list and public region profiles; language switch.

use crate::error::HtmlError;
use crate::extract::{MaybeUser, Req};
use crate::pages::Page;
use crate::router::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use simpul_domain::ids::RegionId;

pub async fn region(
    State(s): State<AppState>,
    req: Req,
    MaybeUser(user): MaybeUser,
    Path(slug): Path<String>,
) -> Result<Response, HtmlError> {
    let id = RegionId::parse(&slug).map_err(|_| HtmlError(crate::error::Failure::NotFound))?;
    let region = s.app.region(&id).await?;
    let mut page = Page::new(&req, user.as_ref(), "");
    page.region_name = Some(region.name.clone());
    page.region_slug = Some(slug.clone());
    page.render(
        "public_region.html",
        minijinja::context! { region => minijinja::Value::from_serialize(&region) },
    )
}

#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// The one sanitiser of every `next`/`back` target: only same-site relative paths are
/// followed after login, a language switch or a form; anything else (another host, a
/// scheme, a backslash, a control character that would break the `Location` header, an
/// absurd length) becomes `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.contains("://")
                && !n.chars().any(char::is_control)
                && n.len() <= 2048 =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

pub async fn switch_lang(Path(lang): Path<String>, Query(q): Query<Next>) -> Response {
    let lang = crate::i18n::Lang::parse(&lang).unwrap_or_default();
    let mut res = Redirect::to(&safe_next(q.next.as_deref())).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(super::safe_next(Some("/pd?q=x")), "/pd?q=x");
        assert_eq!(super::safe_next(Some("//evil.example")), "/");
        assert_eq!(super::safe_next(Some("https://evil.example")), "/");
        assert_eq!(super::safe_next(Some("/\\evil")), "/");
        assert_eq!(super::safe_next(None), "/");
        for bad in ["/\r\nX: 1", "/\nX", "/\0", "/\x7f", "/a\tb"] {
            assert_eq!(super::safe_next(Some(bad)), "/", "{bad:?}");
        }
    }
}
