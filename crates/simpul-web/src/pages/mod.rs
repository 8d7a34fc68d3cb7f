//! Server-rendered pages. Every page gets the same base context (language, user, CSRF
//! token, what the user may do, pending flash message) from [`Page`].

pub mod form;
pub mod history;

pub use form::{after_submit, FormState};

use crate::error::{Failure, HtmlError};
use crate::extract::{CurrentUser, Req, FLASH_COOKIE};
use crate::i18n::{self, Lang};
use crate::router::AppState;
use crate::routes::Table;
use crate::templates;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Router;
use minijinja::value::Value;
use serde::Serialize;
use simpul_app::org::policy;
use simpul_app::Actor;
use std::collections::BTreeMap;

/// The routes (what the router is built from; tests read it): every feature's pages.
pub fn table() -> Table {
    crate::features::FEATURES
        .iter()
        .fold(Table::new(), |t, f| t.merge((f.pages)()))
}

/// The page routes and the routes outside the tables (redirects from where pages used to be).
pub fn routes() -> Router<AppState> {
    crate::features::FEATURES
        .iter()
        .fold(table().into_router(), |r, f| r.merge((f.redirects)()))
}

/// What the signed-in user may do, for showing or hiding links. The use cases check again.
#[derive(Serialize, Default)]
struct Can {
    manage_pds: bool,
    manage_users: bool,
    view_users: bool,
    manage_region: bool,
    view_audit: bool,
    view_sanctions: bool,
}

impl Can {
    fn of(a: &Actor) -> Can {
        Can {
            manage_pds: policy::manage_pds(a).is_ok(),
            manage_users: simpul_app::identity::policy::manage_users(a).is_ok(),
            view_users: simpul_app::identity::policy::view_users(a).is_ok(),
            manage_region: policy::manage_region(a).is_ok(),
            view_audit: simpul_app::platform::policy::view_audit_log(a).is_ok(),
            view_sanctions: simpul_app::sanctions::policy::view_sanctions(a).is_ok(),
        }
    }
}

/// Name and time zone of each built-in region, from its pack (neither is editable).
fn region_facts(slug: &str) -> Option<&'static (String, simpul_domain::region::TimeZone)> {
    use simpul_domain::region::TimeZone;
    static FACTS: std::sync::OnceLock<std::collections::HashMap<String, (String, TimeZone)>> =
        std::sync::OnceLock::new();
    FACTS
        .get_or_init(|| {
            simpul_domain::region::builtin_packs()
                .map(|packs| {
                    packs
                        .into_iter()
                        .map(|p| {
                            (
                                p.region.slug.to_string(),
                                (p.region.name, p.region.timezone),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .get(slug)
}

/// The display name of a region, else the slug.
fn region_label(slug: &str) -> String {
    region_facts(slug).map_or_else(|| slug.to_owned(), |f| f.0.clone())
}

/// The time zone of a region, for the `dt` filter; `None` (UTC) for an unknown region.
pub fn region_zone(slug: &str) -> Option<simpul_domain::region::TimeZone> {
    region_facts(slug).map(|f| f.1)
}

/// A page being rendered for one request.
pub struct Page<'a> {
    pub req: &'a Req,
    pub user: Option<&'a CurrentUser>,
    pub region_name: Option<String>,
    /// The region whose zone the page's times are shown in (else the user's region).
    pub region_slug: Option<String>,
    pub nav: &'static str,
}

impl<'a> Page<'a> {
    pub fn new(req: &'a Req, user: Option<&'a CurrentUser>, nav: &'static str) -> Self {
        Page {
            req,
            user,
            region_name: None,
            region_slug: None,
            nav,
        }
    }

    fn base(&self) -> Value {
        let (user, csrf, can) = match self.user {
            Some(u) => (
                Value::from_serialize(&u.actor),
                u.csrf.clone(),
                Can::of(&u.actor),
            ),
            None => (Value::from(()), String::new(), Can::default()),
        };
        minijinja::context! {
            lang => self.req.lang.code(),
            path => self.req.path,
            flash => self.req.flash,
            user => user,
            csrf => csrf,
            unread => self.user.map_or(0, |u| u.unread),
            can => Value::from_serialize(&can),
            nav => self.nav,
            region_name => self.region_name.clone().or_else(|| self.user.map(|u| region_label(u.actor.region().as_str()))),
            tz => self.region_slug.as_deref().or(self.user.map(|u| u.actor.region().as_str())).and_then(region_zone).map(|z| z.code()),
        }
    }

    /// Renders `template` with the page's base context merged under `ctx`.
    pub fn render(&self, template: &str, ctx: Value) -> Result<Response, HtmlError> {
        self.render_status(StatusCode::OK, template, ctx)
    }

    pub fn render_status(
        &self,
        status: StatusCode,
        template: &str,
        ctx: Value,
    ) -> Result<Response, HtmlError> {
        let merged = minijinja::context! { ..ctx, ..self.base() };
        let html = templates::render(template, merged).map_err(|e| {
            tracing::error!(template, error = %e, "template rendering failed");
            HtmlError(Failure::Internal)
        })?;
        let mut res = (status, Html(html)).into_response();
        if self.req.flash.is_some() {
            res.headers_mut().append(
                header::SET_COOKIE,
                HeaderValue::from_static(
                    "simpul_flash=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
                ),
            );
        }
        Ok(res)
    }
}

/// `303 See Other` to `to`, with a flash message key for the next page.
pub fn redirect_with_flash(to: &str, flash: &str) -> Response {
    let mut res = Redirect::to(to).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{FLASH_COOKIE}={flash}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// The error page.
pub fn render_error(lang: Lang, status: StatusCode, message: &str) -> Response {
    match error_html(lang, message) {
        Some(html) => (status, Html(html)).into_response(),
        None => (status, message.to_owned()).into_response(),
    }
}

/// The HTML of the error page showing `message`.
pub fn error_html(lang: Lang, message: &str) -> Option<String> {
    let ctx = minijinja::context! {
        lang => lang.code(), path => "/", flash => (), user => (), csrf => "", can => Value::from_serialize(Can::default()),
        nav => "", region_name => (), message => message, unread => 0,
    };
    templates::render("error.html", ctx).ok()
}

pub async fn not_found() -> HtmlError {
    HtmlError(Failure::NotFound)
}

/// Perangkat Daerah names by id (for lists, and for history entries instead of ids).
pub async fn pd_names(
    app: &simpul_app::App,
    a: &Actor,
) -> Result<BTreeMap<String, String>, HtmlError> {
    pd_pairs(app, a).await
}

/// `(id, name)` of every Perangkat Daerah the actor sees, in the store's order, collected
/// into `C` (a map of names, or the options of a `<select>`).
pub async fn pd_pairs<C: FromIterator<(String, String)>>(
    app: &simpul_app::App,
    a: &Actor,
) -> Result<C, HtmlError> {
    Ok(app
        .all_pds(a)
        .await?
        .into_iter()
        .map(|p| (p.id.to_string(), p.name))
        .collect())
}

/// Options for a `<select>`: `(value, label)` pairs.
pub fn options<T: Copy>(
    lang: Lang,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    prefix: &str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| {
            (
                code(*v).to_owned(),
                i18n::t(lang, &format!("{prefix}.{}", code(*v))),
            )
        })
        .collect()
}

/// Parses an id path segment; anything malformed is simply "not found".
pub fn parse_id<T: std::str::FromStr>(s: &str) -> Result<T, HtmlError> {
    s.parse().map_err(|_| HtmlError(Failure::NotFound))
}

/// Query-string pager base: the current filters followed by `&`.
pub fn base_url<T: Serialize>(path: &str, filters: &T) -> String {
    let qs = serde_urlencoded::to_string(filters).unwrap_or_default();
    if qs.is_empty() {
        format!("{path}?")
    } else {
        format!("{path}?{qs}&")
    }
}
