//! A record's documents: upload, download, retire.

use super::detail::{render_detail, ReasonForm};
use super::kind_of;
use crate::error::{Failure, HtmlError};
use crate::extract::{CsrfForm, CurrentUser, Req};
use crate::pages::{after_submit, parse_id, redirect_with_flash};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use simpul_domain::ids::RecordId;

pub async fn upload(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path((kind, id)): Path<(String, String)>,
    crate::upload::PageMultipart(mp): crate::upload::PageMultipart,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    let form = crate::upload::read(mp).await?;
    if !crate::extract::same_secret(&form.csrf, &user.csrf) {
        return Err(HtmlError(Failure::Csrf));
    }
    let up = simpul_app::catalogue::documents::Upload {
        doc_type: &form.doc_type,
        title: &form.title,
        filename: &form.filename,
        classification: &form.classification,
        content: &form.content,
    };
    let done = s.app.upload_document(&user.actor, id, up).await;
    after_submit(
        req.lang,
        &[],
        done,
        |_| redirect_with_flash(&kind.record_path(id), "saved"),
        |form| render_detail(&s, &req, &user, kind, id, "", form),
    )
    .await
}

pub async fn download(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id = parse_id(&id)?;
    let (d, bytes) = s.app.download_document(&user.actor, id).await?;
    Ok(crate::upload::download(&d, bytes))
}

pub async fn retire_document(
    State(s): State<AppState>,
    Path(id): Path<String>,
    f: CsrfForm<ReasonForm>,
) -> Result<Response, HtmlError> {
    let id = parse_id(&id)?;
    s.app
        .retire_document(&f.user.actor, id, &f.form.reason)
        .await?;
    let back = f
        .raw
        .iter()
        .find(|(k, _)| k == "back")
        .map(|(_, v)| crate::features::home::pages::safe_next(Some(v)))
        .unwrap_or_else(|| "/katalog".into());
    Ok(redirect_with_flash(&back, "saved"))
}
