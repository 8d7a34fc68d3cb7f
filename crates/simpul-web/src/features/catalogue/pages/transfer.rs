//! Spreadsheet exchange pages for the catalogue: template and export downloads (XLSX, CSV)
//! and the import with its validation report (issue 3, item 5).

use crate::error::{Failure, HtmlError};
use crate::extract::{CurrentUser, Req};
use crate::i18n::{self, Lang};
use crate::pages::Page;
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::Value;
use simpul_app::catalogue::policy;
use simpul_app::catalogue::transfer::{self, Format, ImportMode, Problem};
use simpul_domain::catalogue::EntityKind;

/// Largest spreadsheet accepted (the import itself also checks).
pub const IMPORT_LIMIT: usize = 10 * 1024 * 1024;

fn kind_of(s: &str) -> Result<EntityKind, HtmlError> {
    EntityKind::from_slug(s).ok_or(HtmlError(Failure::NotFound))
}

fn format_of(s: &str) -> Result<Format, HtmlError> {
    Format::parse(s).ok_or(HtmlError(Failure::NotFound))
}

fn file(kind: EntityKind, what: &str, format: Format, bytes: Vec<u8>) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(format.media_type()) {
        h.insert(header::CONTENT_TYPE, v);
    }
    let name = format!("simpul-{}-{what}.{}", kind.code(), format.extension());
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

pub async fn page(
    req: Req,
    user: CurrentUser,
    Path(kind): Path<String>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    render(&req, &user, kind, StatusCode::OK, None).await
}

async fn render(
    req: &Req,
    user: &CurrentUser,
    kind: EntityKind,
    status: StatusCode,
    report: Option<Value>,
) -> Result<Response, HtmlError> {
    Page::new(req, Some(user), "catalogue").render_status(
        status,
        "transfer.html",
        minijinja::context! {
            kind => kind.code(), report => report,
            can_import => policy::write_catalogue(&user.actor, kind).is_ok(),
            columns => transfer::columns(kind),
        },
    )
}

pub async fn template(
    Path((kind, format)): Path<(String, String)>,
    _user: CurrentUser,
) -> Result<Response, HtmlError> {
    let (kind, format) = (kind_of(&kind)?, format_of(&format)?);
    Ok(file(
        kind,
        "templat",
        format,
        transfer::template(kind, format)?,
    ))
}

pub async fn export(
    State(s): State<AppState>,
    user: CurrentUser,
    Path((kind, format)): Path<(String, String)>,
) -> Result<Response, HtmlError> {
    let (kind, format) = (kind_of(&kind)?, format_of(&format)?);
    Ok(file(
        kind,
        "ekspor",
        format,
        s.app.export_catalogue(&user.actor, kind, format).await?,
    ))
}

/// A problem in the page's language: the catalogue message when there is one, else the
/// import's own Indonesian text.
fn problem_text(lang: Lang, p: &Problem) -> String {
    let key = format!("err.{}", p.code);
    let msg = i18n::tf(lang, &key, &[("param", p.param.as_deref().unwrap_or(""))]);
    if msg == key {
        simpul_app::catalogue::transfer::Problem {
            row: None,
            column: None,
            ..p.clone()
        }
        .text()
    } else {
        msg
    }
}

pub async fn import(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(kind): Path<String>,
    crate::upload::PageMultipart(mp): crate::upload::PageMultipart,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let form = crate::upload::read_limited(mp, IMPORT_LIMIT).await?;
    if !crate::extract::same_secret(&form.csrf, &user.csrf) {
        return Err(HtmlError(Failure::Csrf));
    }
    let name = form.filename.to_ascii_lowercase();
    let format = if name.ends_with(".csv") {
        Format::Csv
    } else {
        Format::Xlsx
    };
    let mode = if form.mode == "only_valid_rows" {
        ImportMode::OnlyValidRows
    } else {
        ImportMode::AllOrNothing
    };
    let report = s
        .app
        .import_catalogue(&user.actor, kind, format, &form.content, mode)
        .await?;
    let problems: Vec<Value> = report
        .problems
        .iter()
        .map(|p| minijinja::context! { row => p.row, column => p.column, message => problem_text(req.lang, p) })
        .collect();
    let status = if report.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = minijinja::context! { problems => problems, ..Value::from_serialize(&report) };
    render(&req, &user, kind, status, Some(view)).await
}
