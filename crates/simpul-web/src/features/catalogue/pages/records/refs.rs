//! The reference architecture codes page.

use super::kinds;
use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, Req};
use crate::pages::{form_failure, redirect_with_flash, Page};
use crate::router::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;
use std::collections::BTreeMap;

pub async fn refs(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    render_refs(
        &s,
        &req,
        &user,
        StatusCode::OK,
        BTreeMap::new(),
        BTreeMap::new(),
    )
    .await
}

async fn render_refs(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    status: StatusCode,
    errors: BTreeMap<String, String>,
    v: BTreeMap<String, Value>,
) -> Result<Response, HtmlError> {
    let codes = s.app.ref_codes(None).await?;
    // Each tree with its codes and their depth (grouped here: templates have no string
    // methods such as `startswith`).
    let trees: Vec<Value> = simpul_domain::catalogue::refarch::TREES
        .iter()
        .map(|(tree, name)| {
            let prefix = format!("{tree}.");
            let items: Vec<Value> = codes
                .iter()
                .filter(|c| c.code.starts_with(&prefix))
                .map(|c| minijinja::context! { code => c.code, name => c.name, level => c.code.split('.').count() })
                .collect();
            minijinja::context! { code => tree, name => name, codes => items }
        })
        .collect();
    Page::new(req, Some(user), "refs").render_status(
        status,
        "refs.html",
        minijinja::context! { trees => trees, errors => errors, v => v, kinds => kinds(req.lang) },
    )
}

#[derive(Deserialize)]
pub struct RefForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

pub async fn upsert_ref(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<RefForm>,
) -> Result<Response, HtmlError> {
    match s
        .app
        .upsert_ref_code(&f.user.actor, &f.form.code, &f.form.name)
        .await
    {
        Ok(_) => Ok(redirect_with_flash("/referensi", "saved")),
        Err(e) => {
            let (status, errors) = form_failure(req.lang, e)?;
            render_refs(
                &s,
                &req,
                &f.user,
                status,
                errors,
                crate::pages::values(&f.raw),
            )
            .await
        }
    }
}
