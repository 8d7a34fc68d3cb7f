//! Server-rendered pages. Every page gets the same base context (language, user, CSRF
//! token, what the user may do, pending flash message) from [`Page`].

mod account;
mod audit;
mod auth;
mod catalogue;
pub mod compliance;
mod dashboard;
mod deadlines;
mod evaluation;
mod history;
pub mod moved;
mod pd;
mod public;
mod region;
mod sanctions;
mod transfer;

pub use evaluation::STEPS as EVALUATION_STEPS;
pub use sanctions::signed_file;
mod users;

use crate::error::{Failure, HtmlError};
use crate::extract::{CurrentUser, Req, FLASH_COOKIE};
use crate::i18n::{self, Lang};
use crate::router::AppState;
use crate::routes::{get, post, Table};
use crate::templates;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Router;
use minijinja::value::Value;
use serde::Serialize;
use simpul_app::org::policy;
use simpul_app::Actor;
use std::collections::BTreeMap;

/// The routes (what the router is built from; tests read it).
pub fn table() -> Table {
    Table::new()
        .route("/", get(dashboard::home))
        .route("/daerah/{slug}", get(public::region))
        .route("/masuk", get(auth::login_form).post(auth::login))
        .route("/keluar", post(auth::logout))
        .route("/bahasa/{lang}", get(public::switch_lang))
        .route("/pd", get(pd::list).post(pd::create))
        .route("/pd/baru", get(pd::new_form))
        .route("/pd/{id}", get(pd::detail).post(pd::update))
        .route("/pd/{id}/ubah", get(pd::edit_form))
        .route("/pd/{id}/nonaktifkan", post(pd::retire))
        .route("/pd/{id}/aktifkan", post(pd::reactivate))
        .route("/pengguna", get(users::list).post(users::create))
        .route("/pengguna/baru", get(users::new_form))
        .route("/pengguna/{id}", get(users::detail).post(users::update))
        .route("/pengguna/{id}/ubah", get(users::edit_form))
        .route("/pengguna/{id}/kata-sandi", post(users::reset_password))
        .route("/profil-daerah", get(region::show).post(region::update))
        .route("/profil-daerah/ubah", get(region::edit_form))
        .route("/tim", get(region::tim).post(region::add_member))
        .route("/tim/{id}/hapus", post(region::remove_member))
        .route("/audit", get(audit::log))
        .route("/katalog", get(catalogue::index))
        .route(
            "/katalog/{kind}",
            get(catalogue::list).post(catalogue::create),
        )
        .route("/katalog/{kind}/baru", get(catalogue::new_form))
        .route(
            "/katalog/{kind}/{id}",
            get(catalogue::detail).post(catalogue::update),
        )
        .route("/katalog/{kind}/{id}/ubah", get(catalogue::edit_form))
        .route("/katalog/{kind}/{id}/nonaktifkan", post(catalogue::retire))
        .route("/katalog/{kind}/{id}/aktifkan", post(catalogue::reactivate))
        .route("/katalog/{kind}/{id}/tautan", post(catalogue::link))
        .route("/katalog/{kind}/{id}/lepas-tautan", post(catalogue::unlink))
        .route("/katalog/{kind}/{id}/dampak", get(catalogue::impact))
        .route(
            "/katalog/{kind}/{id}/dokumen",
            post(catalogue::upload).body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route("/dokumen/{id}", get(catalogue::download))
        .route("/katalog/{kind}/impor-ekspor", get(transfer::page))
        .route("/katalog/{kind}/templat/{format}", get(transfer::template))
        .route("/katalog/{kind}/ekspor/{format}", get(transfer::export))
        .route(
            "/katalog/{kind}/impor",
            post(transfer::import).body_limit(transfer::IMPORT_LIMIT + 64 * 1024),
        )
        .route(
            "/dokumen/{id}/nonaktifkan",
            post(catalogue::retire_document),
        )
        .route(
            "/referensi",
            get(catalogue::refs).post(catalogue::upsert_ref),
        )
        .route("/kepatuhan", get(compliance::overview))
        .route("/kepatuhan/evaluasi", post(compliance::run))
        .route("/kepatuhan/paket", post(compliance::set_pack))
        .route("/kepatuhan/laporan", get(compliance::report))
        .route("/kepatuhan/laporan.xlsx", get(compliance::report_xlsx))
        .route("/temuan", get(compliance::list))
        .route("/temuan/{id}", get(compliance::detail))
        .route("/temuan/{id}/akui", post(compliance::acknowledge))
        .route("/temuan/{id}/kecualikan", post(compliance::except))
        .route("/temuan/{id}/buka", post(compliance::lift))
        .route("/kalender", get(deadlines::calendar))
        .route("/notifikasi", get(deadlines::notifications))
        .route("/notifikasi/baca-semua", post(deadlines::mark_all_read))
        .route("/notifikasi/{id}/baca", post(deadlines::mark_read))
        .route("/evaluasi", get(evaluation::list).post(evaluation::open))
        .route("/evaluasi/tahunan", get(evaluation::history))
        .route(
            "/evaluasi/impor",
            post(evaluation::import).body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route("/evaluasi/{id}", get(evaluation::overview))
        .route("/evaluasi/{id}/penugasan", post(evaluation::assign))
        .route("/evaluasi/{id}/simulasi", get(evaluation::simulate))
        .route("/evaluasi/{id}/laporan", get(evaluation::report))
        .route("/evaluasi/{id}/ekspor.xlsx", get(evaluation::export))
        .route("/evaluasi/{id}/indikator/{n}", get(evaluation::indicator))
        .route(
            "/evaluasi/{id}/indikator/{n}/{step}",
            post(evaluation::step),
        )
        .route(
            "/evaluasi/{id}/indikator/{n}/bukti",
            post(evaluation::upload).body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route("/evaluasi/{id}/bukti/{evidence}", get(evaluation::download))
        .route("/akun", get(account::show))
        .route("/akun/kata-sandi", post(account::change_password))
        .route("/akun/token", post(account::create_token))
        .route("/akun/token/{id}/cabut", post(account::revoke_token))
        .route("/sanksi", get(sanctions::list).post(sanctions::create))
        .route("/sanksi/baru", get(sanctions::new_form))
        .route("/sanksi/{id}", get(sanctions::detail))
        .route("/sanksi/{id}/keputusan", post(sanctions::decide))
        .route("/sanksi/{id}/keputusan.json", get(sanctions::export))
        .route("/kunci-tanda-tangan", get(sanctions::key_page))
        .route(
            "/.well-known/simpul-signing-key",
            get(sanctions::well_known_key),
        )
}

/// The page routes and the redirects from where pages used to be ([`moved`]).
pub fn routes() -> Router<AppState> {
    table().into_router().merge(moved::routes())
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
            region_name => self.region_name.clone().or_else(|| self.user.map(|u| region_label(u.actor.region.as_str()))),
            tz => self.region_slug.as_deref().or(self.user.map(|u| u.actor.region.as_str())).and_then(region_zone).map(|z| z.code()),
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

/// Status and translated field errors of a failed form submission, for re-rendering the
/// form; a failure that is not about fields (forbidden, not found, …) is passed on.
pub fn form_failure(
    lang: Lang,
    e: impl Into<Failure>,
) -> Result<(StatusCode, BTreeMap<String, String>), HtmlError> {
    match e.into() {
        f @ (Failure::Invalid(_) | Failure::Conflict(_)) => {
            Ok((f.status(), f.messages(lang, "").into_iter().collect()))
        }
        other => Err(HtmlError(other)),
    }
}

/// Submitted values by field name (for re-rendering a form with the user's input).
pub fn values(raw: &[(String, String)]) -> BTreeMap<String, Value> {
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
