//! API for accounts and API tokens.

use super::dto::{User, UserInput};
use crate::api::parse_id as id;
use crate::api::ErrorBody;
use crate::error::{ApiError, Failure};
use crate::extract::{ApiActor, ApiJson, ApiQuery};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use simpul_domain::ids::UserId;
use simpul_domain::user::{self, Role};
use simpul_store::users::UserFilter;
use simpul_store::Paging;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Search in username and full name.
    q: Option<String>,
    /// Role code, e.g. `operator_pd`.
    role: Option<String>,
    /// PD id.
    pd: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

crate::api::page_of!(
    /// A page of accounts.
    UserList,
    User,
    from user::User
);

/// List accounts (admin Kominfo, auditor).
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])), params(UserQuery),
    responses((status = 200, body = UserList), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiQuery(q): ApiQuery<UserQuery>,
) -> Result<Json<UserList>, ApiError> {
    let role = match q.role.as_deref().filter(|r| !r.is_empty()) {
        Some(r) => Some(Role::parse("role", r).map_err(|e| ApiError(Failure::Invalid(vec![e])))?),
        None => None,
    };
    let f = UserFilter {
        q: q.q.unwrap_or_default().chars().take(200).collect(),
        role,
        pd: q.pd.filter(|p| !p.is_empty()),
    };
    let p = s
        .app
        .list_users(&a, &f, Paging::new(q.page, q.per_page))
        .await?;
    Ok(Json(p.into()))
}

/// A new account with its initial password.
#[derive(Deserialize, ToSchema)]
pub struct NewUser {
    #[serde(flatten)]
    pub user: UserInput,
    pub password: String,
}

/// Create an account (admin Kominfo).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])), request_body = NewUser,
    responses((status = 201, body = User), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiJson(n): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json((&s.app.create_user(&a, &n.user.into(), &n.password).await?).into()),
    ))
}

/// One account.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = User), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(u): Path<String>,
) -> Result<Json<User>, ApiError> {
    Ok(Json((&s.app.get_user(&a, id::<UserId>(&u)?).await?).into()))
}

/// Edit an account (admin Kominfo).
#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])), params(("id" = String, Path)), request_body = UserInput,
    responses((status = 200, body = User), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(u): Path<String>,
    ApiJson(input): ApiJson<UserInput>,
) -> Result<Json<User>, ApiError> {
    let input: user::UserInput = input.into();
    let user = s.app.update_user(&a, id::<UserId>(&u)?, &input).await?;
    Ok(Json((&user).into()))
}

/// A new password.
#[derive(Deserialize, ToSchema)]
pub struct PasswordInput {
    password: String,
}

/// Reset an account's password and end its sessions (admin Kominfo).
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", security(("bearer" = [])), params(("id" = String, Path)), request_body = PasswordInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reset_password(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(u): Path<String>,
    ApiJson(p): ApiJson<PasswordInput>,
) -> Result<StatusCode, ApiError> {
    s.app
        .reset_password(&a, id::<UserId>(&u)?, &p.password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

crate::features::api_doc!(
    "users",
    "Accounts and roles (ORG-7)",
    [list, create, get, update, reset_password]
);
