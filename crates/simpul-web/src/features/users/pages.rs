//! Account administration pages.

use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, PageQuery, Req};
use crate::pages::{
    after_submit, base_url, history, options, parse_id, redirect_with_flash, FormState, Page,
};
use crate::router::AppState;
use crate::routes::{self, Table};
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::{Deserialize, Serialize};
use simpul_app::identity::policy;
use simpul_app::{Actor, App};
use simpul_domain::ids::UserId;
use simpul_domain::user::{Role, UserInput};
use simpul_store::users::UserFilter;
use simpul_store::Paging;
use std::collections::BTreeMap;

#[derive(Deserialize, Serialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    pd: String,
    #[serde(default, skip_serializing)]
    page: Option<i64>,
}

async fn pd_options(app: &App, a: &Actor) -> Result<Vec<(String, String)>, HtmlError> {
    crate::pages::pd_pairs(app, a).await
}

pub async fn list(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, HtmlError> {
    let f = UserFilter {
        q: q.q.chars().take(200).collect(),
        role: Role::from_code(&q.role),
        pd: Some(q.pd.clone()).filter(|p| !p.is_empty()),
    };
    let page = s
        .app
        .list_users(&user.actor, &f, Paging::new(q.page, Some(25)))
        .await?;
    let pds = pd_options(&s.app, &user.actor).await?;
    let pd_names: BTreeMap<String, String> = pds.iter().cloned().collect();
    Page::new(&req, Some(&user), "users").render(
        "user_list.html",
        minijinja::context! {
            page => Value::from_serialize(&page), pages => page.pages(),
            f => minijinja::context! { q => q.q, role => q.role, pd => q.pd },
            roles => options(req.lang, &Role::ALL, Role::code, "role"),
            pds => pds, pd_names => pd_names,
            base_url => base_url("/pengguna", &q),
        },
    )
}

pub async fn detail(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: UserId = parse_id(&id)?;
    render_detail(&s, &req, &user, id, FormState::default()).await
}

async fn render_detail(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    id: UserId,
    form: FormState,
) -> Result<Response, HtmlError> {
    let u = s.app.get_user(&user.actor, id).await?;
    let pd_name = match u.pd_id {
        Some(p) => Some(s.app.get_pd(&user.actor, p).await?.name),
        None => None,
    };
    let names = crate::pages::pd_names(&s.app, &user.actor).await?;
    let hist = history::rows(
        req.lang,
        &names,
        s.app.history(&user.actor, "user", &id.to_string()).await?,
    );
    Page::new(req, Some(user), "users").render_status(
        form.status,
        "user_detail.html",
        minijinja::context! { u => Value::from_serialize(&u), pd_name => pd_name, history => Value::from_serialize(&hist), errors => form.errors },
    )
}

#[derive(Deserialize, Default)]
pub struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    role: String,
    #[serde(default)]
    pd_id: Option<String>,
    #[serde(default)]
    active: Option<String>,
    #[serde(default)]
    password: String,
}

impl UserForm {
    fn input(&self) -> UserInput {
        UserInput {
            username: self.username.clone(),
            full_name: self.full_name.clone(),
            email: self.email.clone(),
            role: self.role.clone(),
            pd_id: self.pd_id.clone(),
            active: self.active.is_some(),
        }
    }
}

async fn render_form(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    user_id: Option<UserId>,
    form: FormState,
) -> Result<Response, HtmlError> {
    let pds = pd_options(&s.app, &user.actor).await?;
    Page::new(req, Some(user), "users").render_status(
        form.status,
        "user_form.html",
        minijinja::context! {
            user_id => user_id.map(|i| i.to_string()), v => form.values, errors => form.errors,
            roles => options(req.lang, &Role::ALL, Role::code, "role"), pds => pds,
        },
    )
}

pub async fn new_form(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    policy::manage_users(&user.actor)?;
    let v = Value::from_serialize(UserInput {
        role: "operator_pd".into(),
        active: true,
        ..Default::default()
    });
    render_form(&s, &req, &user, None, FormState::new(v)).await
}

pub async fn create(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<UserForm>,
) -> Result<Response, HtmlError> {
    let (input, password) = (f.form.input(), &f.form.password);
    let done = s.app.create_user(&f.user.actor, &input, password).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |u| redirect_with_flash(&format!("/pengguna/{}", u.id), "created"),
        |form| render_form(&s, &req, &f.user, None, form),
    )
    .await
}

pub async fn edit_form(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: UserId = parse_id(&id)?;
    policy::manage_users(&user.actor)?;
    let u = s.app.get_user(&user.actor, id).await?;
    let v = UserInput {
        username: u.username,
        full_name: u.full_name,
        email: u.email,
        role: u.role.code().into(),
        pd_id: u.pd_id.map(|p| p.to_string()),
        active: u.active,
    };
    let form = FormState::new(Value::from_serialize(v));
    render_form(&s, &req, &user, Some(id), form).await
}

pub async fn update(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<UserForm>,
) -> Result<Response, HtmlError> {
    let id: UserId = parse_id(&id)?;
    let done = s.app.update_user(&f.user.actor, id, &f.form.input()).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash(&format!("/pengguna/{id}"), "saved"),
        |form| render_form(&s, &req, &f.user, Some(id), form),
    )
    .await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

pub async fn reset_password(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<PasswordForm>,
) -> Result<Response, HtmlError> {
    let id: UserId = parse_id(&id)?;
    let done = s
        .app
        .reset_password(&f.user.actor, id, &f.form.password)
        .await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |()| redirect_with_flash(&format!("/pengguna/{id}"), "password_reset"),
        |form| render_detail(&s, &req, &f.user, id, form),
    )
    .await
}

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/pengguna", routes::get(list).post(create))
        .route("/pengguna/baru", routes::get(new_form))
        .route("/pengguna/{id}", routes::get(detail).post(update))
        .route("/pengguna/{id}/ubah", routes::get(edit_form))
        .route("/pengguna/{id}/kata-sandi", routes::post(reset_password))
}
