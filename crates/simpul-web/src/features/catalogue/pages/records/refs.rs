//! The reference architecture codes page.

use super::kinds;
use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, Req};
use crate::pages::{after_submit, redirect_with_flash, FormState, Page};
use crate::router::AppState;
use axum::extract::State;
use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;

pub async fn refs(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    render_refs(&s, &req, &user, FormState::default()).await
}

async fn render_refs(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    form: FormState,
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
        form.status,
        "refs.html",
        minijinja::context! { trees => trees, errors => form.errors, v => form.values, kinds => kinds(req.lang) },
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
    let done = s
        .app
        .upsert_ref_code(&f.user.actor, &f.form.code, &f.form.name)
        .await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash("/referensi", "saved"),
        |form| render_refs(&s, &req, &f.user, form),
    )
    .await
}
