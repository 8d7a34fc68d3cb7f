//! The caller and their API tokens.

use super::dto::{CreatedToken, TokenRow};
use crate::api::{parse_id as id, ErrorBody};
use crate::error::ApiError;
use crate::extract::{ApiActor, ApiJson};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use simpul_domain::ids::TokenId;
use simpul_domain::user::Role;
use utoipa::ToSchema;

/// The caller.
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: Option<String>,
    pub username: String,
    pub full_name: String,
    #[schema(value_type = crate::features::users::dto::Role)]
    pub role: Role,
    pub region: String,
    pub pd_id: Option<String>,
}

/// Who am I.
#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(ApiActor(a): ApiActor) -> Json<Me> {
    Json(Me {
        id: a.id().map(|i| i.to_string()),
        username: a.username().to_owned(),
        full_name: a.full_name().to_owned(),
        role: a.role(),
        region: a.region().to_string(),
        pd_id: a.pd().map(|p| p.to_string()),
    })
}

/// The caller's API tokens (metadata only).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Vec<TokenRow>), (status = 401, body = ErrorBody)))]
pub async fn list_tokens(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<Vec<TokenRow>>, ApiError> {
    Ok(Json(crate::api::dto::many(&s.app.my_tokens(&a).await?)))
}

/// A token to create.
#[derive(Deserialize, ToSchema)]
pub struct TokenInput {
    name: String,
}

/// Create an API token for the caller; the secret is in the answer once.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "account", security(("bearer" = [])), request_body = TokenInput,
    responses((status = 201, body = CreatedToken), (status = 422, body = ErrorBody)))]
pub async fn create_token(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiJson(t): ApiJson<TokenInput>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json((&s.app.create_token(&a, &t.name).await?).into()),
    ))
}

/// Revoke one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "account", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(t): Path<String>,
) -> Result<StatusCode, ApiError> {
    s.app.revoke_token(&a, id::<TokenId>(&t)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

crate::features::api_doc!(
    "account",
    "The caller and their API tokens",
    [me, list_tokens, create_token, revoke_token]
);
