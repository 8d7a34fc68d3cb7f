//! The user's own account: password change and API tokens.

mod auth;

use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, Req};
use crate::pages::{after_submit, parse_id, redirect_with_flash, FormState, Page};
use crate::router::AppState;
use crate::routes::{self, Table};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;
use simpul_domain::ids::TokenId;
use std::collections::BTreeMap;

struct View {
    status: StatusCode,
    errors: BTreeMap<String, String>,
    token_errors: BTreeMap<String, String>,
    token_name: String,
    new_token: Option<String>,
}

impl Default for View {
    fn default() -> Self {
        View {
            status: StatusCode::OK,
            errors: BTreeMap::new(),
            token_errors: BTreeMap::new(),
            token_name: String::new(),
            new_token: None,
        }
    }
}

async fn render(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    v: View,
) -> Result<Response, HtmlError> {
    let tokens = s.app.my_tokens(&user.actor).await?;
    Page::new(req, Some(user), "account").render_status(
        v.status,
        "account.html",
        minijinja::context! {
            tokens => Value::from_serialize(&tokens), errors => v.errors, token_errors => v.token_errors,
            token_name => v.token_name, new_token => v.new_token,
        },
    )
}

pub async fn show(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    render(&s, &req, &user, View::default()).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

pub async fn change_password(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<PasswordForm>,
) -> Result<Response, HtmlError> {
    let p = &f.form;
    let done = s
        .app
        .change_password(
            &f.user.actor,
            &p.current_password,
            &p.new_password,
            &p.confirm_password,
        )
        .await;
    let signed_out = |()| {
        let mut res = redirect_with_flash("/masuk", "password_changed");
        res.headers_mut().append(
            header::SET_COOKIE,
            HeaderValue::from_static("simpul_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
        );
        res
    };
    after_submit(req.lang, &f.raw, done, signed_out, |form| {
        let (status, errors) = (form.status, form.errors);
        render(
            &s,
            &req,
            &f.user,
            View {
                status,
                errors,
                ..Default::default()
            },
        )
    })
    .await
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<TokenForm>,
) -> Result<Response, HtmlError> {
    // The secret is rendered directly (not via redirect) so it never sits in a cookie or URL.
    match s.app.create_token(&f.user.actor, &f.form.name).await {
        Ok(t) => {
            render(
                &s,
                &req,
                &f.user,
                View {
                    status: StatusCode::CREATED,
                    new_token: Some(t.secret),
                    ..Default::default()
                },
            )
            .await
        }
        Err(e) => {
            let FormState {
                status,
                errors: token_errors,
                ..
            } = FormState::failed(req.lang, e, &[])?;
            render(
                &s,
                &req,
                &f.user,
                View {
                    status,
                    token_errors,
                    token_name: f.form.name.clone(),
                    ..Default::default()
                },
            )
            .await
        }
    }
}

pub async fn revoke_token(
    State(s): State<AppState>,
    Path(id): Path<String>,
    f: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    let id: TokenId = parse_id(&id)?;
    s.app.revoke_token(&f.user.actor, id).await?;
    Ok(redirect_with_flash("/akun", "token_revoked"))
}

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/masuk", routes::get(auth::login_form).post(auth::login))
        .route("/keluar", routes::post(auth::logout))
        .route("/akun", routes::get(show))
        .route("/akun/kata-sandi", routes::post(change_password))
        .route("/akun/token", routes::post(create_token))
        .route("/akun/token/{id}/cabut", routes::post(revoke_token))
}
