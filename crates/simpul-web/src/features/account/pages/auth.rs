//! Login and logout pages.

use crate::error::{Failure, HtmlError};
use crate::extract::{CsrfForm, PublicForm, Req, LOGIN_CSRF_COOKIE, SESSION_COOKIE};
use crate::features::home::pages::safe_next;
use crate::pages::{redirect_with_flash, Page};
use crate::router::AppState;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize, Default)]
pub struct LoginQuery {
    next: Option<String>,
}

fn render_login(
    req: &Req,
    status: StatusCode,
    username: &str,
    next: &str,
    failure: Option<String>,
) -> Result<Response, HtmlError> {
    let token = simpul_app::identity::password::random_token();
    let page = Page::new(req, None, "login");
    let mut res = page.render_status(
        status,
        "login.html",
        minijinja::context! { csrf => token.clone(), username => username, next => next, failure => failure },
    )?;
    let cookie = format!(
        "{LOGIN_CSRF_COOKIE}={token}; Path=/masuk; HttpOnly; SameSite=Strict; Max-Age=3600"
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

pub async fn login_form(req: Req, Query(q): Query<LoginQuery>) -> Result<Response, HtmlError> {
    render_login(
        &req,
        StatusCode::OK,
        "",
        &safe_next(q.next.as_deref()),
        None,
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

pub async fn login(
    State(s): State<AppState>,
    req: Req,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PublicForm {
        form,
        session_cookie,
    }: PublicForm<LoginForm>,
) -> Result<Response, HtmlError> {
    let next = safe_next(form.next.as_deref());
    let client = crate::client_addr::client_ip(addr.ip(), &headers, &s.web.trusted_proxies);
    match s
        .app
        .login(&form.username, &form.password, &client.to_string())
        .await
    {
        Ok(session) => {
            if let Some(old) = session_cookie {
                // A fresh id at every login: any session the browser carried before is ended.
                s.app.logout(&old).await?;
            }
            let mut res = Redirect::to(&next).into_response();
            let secure = if s.web.secure_cookies { "; Secure" } else { "" };
            let ttl = s.app.config.session_ttl.as_secs();
            let cookie = format!(
                "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={ttl}{secure}",
                session.cookie
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res.headers_mut().append(
                header::SET_COOKIE,
                HeaderValue::from_static(
                    "simpul_login_csrf=; Path=/masuk; Max-Age=0; HttpOnly; SameSite=Strict",
                ),
            );
            Ok(res)
        }
        Err(e) => {
            let f = Failure::from(e);
            let status = f.status();
            match f {
                Failure::BadCredentials | Failure::Throttled(_) => {
                    let msg = f
                        .messages(req.lang, &req.request_id)
                        .into_iter()
                        .map(|(_, m)| m)
                        .next();
                    render_login(&req, status, &form.username, &next, msg)
                }
                other => Err(HtmlError(other)),
            }
        }
    }
}

pub async fn logout(
    State(s): State<AppState>,
    form: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    s.app.logout(&form.user.cookie).await?;
    let mut res = redirect_with_flash("/masuk", "logged_out");
    res.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("simpul_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
    );
    Ok(res)
}
