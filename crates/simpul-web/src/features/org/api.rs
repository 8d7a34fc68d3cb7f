//! API for the region profile, Perangkat Daerah and Tim Koordinasi SPBE.

use super::dto::{PdInput, PerangkatDaerah, RegionRow, TimMember, TimMemberInput};
use crate::api::parse_id as id;
use crate::api::ErrorBody;
use crate::error::{ApiError, Failure};
use crate::extract::{ApiActor, ApiJson, ApiQuery};
use crate::features::audit::dto::AuditRow;
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use simpul_app::org::region::RegionInput;
use simpul_domain::ids::{PdId, TimMemberId};
use simpul_domain::org::{self, PdKind};
use simpul_store::pds::{PdFilter, PdSort};
use simpul_store::Paging;
use utoipa::{IntoParams, ToSchema};

/// The caller's region profile.
#[utoipa::path(get, path = "/api/v1/region", tag = "organisation", security(("bearer" = [])),
    responses((status = 200, body = RegionRow), (status = 401, body = ErrorBody)))]
pub async fn get_region(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<RegionRow>, ApiError> {
    Ok(Json((&s.app.region(a.region()).await?).into()))
}

/// Edit the region profile (admin Kominfo).
#[utoipa::path(put, path = "/api/v1/region", tag = "organisation", security(("bearer" = [])), request_body = RegionInput,
    responses((status = 200, body = RegionRow), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_region(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiJson(input): ApiJson<RegionInput>,
) -> Result<Json<RegionRow>, ApiError> {
    Ok(Json((&s.app.update_region(&a, &input).await?).into()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdQuery {
    /// Search in name, short name and code.
    q: Option<String>,
    /// Kind code, e.g. `dinas`.
    kind: Option<String>,
    /// `name` (default), `code`, `kind` or `updated`.
    sort: Option<String>,
    /// Include retired PDs.
    include_retired: Option<bool>,
    page: Option<i64>,
    per_page: Option<i64>,
}

crate::api::page_of!(
    /// A page of Perangkat Daerah.
    PdList,
    PerangkatDaerah,
    from org::PerangkatDaerah
);

/// List Perangkat Daerah (ORG-2).
#[utoipa::path(get, path = "/api/v1/pd", tag = "organisation", security(("bearer" = [])), params(PdQuery),
    responses((status = 200, body = PdList), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_pds(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiQuery(q): ApiQuery<PdQuery>,
) -> Result<Json<PdList>, ApiError> {
    let kind = match q.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(PdKind::parse("kind", k).map_err(|e| ApiError(Failure::Invalid(vec![e])))?),
        None => None,
    };
    let sort = match q.sort.as_deref() {
        None | Some("") => PdSort::default(),
        Some(s) => PdSort::parse(s).ok_or_else(|| {
            ApiError(Failure::Invalid(vec![
                simpul_domain::FieldError::with_param(
                    "sort",
                    "unknown_value",
                    "name, code, kind, updated",
                ),
            ]))
        })?,
    };
    let f = PdFilter {
        q: q.q.unwrap_or_default().chars().take(200).collect(),
        kind,
        include_retired: q.include_retired.unwrap_or(false),
        sort,
    };
    let p = s
        .app
        .list_pds(&a, &f, Paging::new(q.page, q.per_page))
        .await?;
    Ok(Json(p.into()))
}

/// Register a Perangkat Daerah (admin Kominfo).
#[utoipa::path(post, path = "/api/v1/pd", tag = "organisation", security(("bearer" = [])), request_body = PdInput,
    responses((status = 201, body = PerangkatDaerah), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_pd(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiJson(input): ApiJson<PdInput>,
) -> Result<(StatusCode, Json<PerangkatDaerah>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json((&s.app.create_pd(&a, &input.into()).await?).into()),
    ))
}

/// One Perangkat Daerah.
#[utoipa::path(get, path = "/api/v1/pd/{id}", tag = "organisation", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = PerangkatDaerah), (status = 404, body = ErrorBody)))]
pub async fn get_pd(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(pd): Path<String>,
) -> Result<Json<PerangkatDaerah>, ApiError> {
    Ok(Json((&s.app.get_pd(&a, id::<PdId>(&pd)?).await?).into()))
}

/// Edit a Perangkat Daerah (admin Kominfo; a PD operator only their own, without code and flags).
#[utoipa::path(put, path = "/api/v1/pd/{id}", tag = "organisation", security(("bearer" = [])), params(("id" = String, Path)), request_body = PdInput,
    responses((status = 200, body = PerangkatDaerah), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_pd(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(pd): Path<String>,
    ApiJson(input): ApiJson<PdInput>,
) -> Result<Json<PerangkatDaerah>, ApiError> {
    let pd = s.app.update_pd(&a, id::<PdId>(&pd)?, &input.into()).await?;
    Ok(Json((&pd).into()))
}

/// Retire or reactivate.
#[derive(Deserialize, ToSchema)]
pub struct PdRetireInput {
    /// Why the PD is retired; `null` reactivates it.
    reason: Option<String>,
}

/// Retire (or with `reason: null` reactivate) a Perangkat Daerah (admin Kominfo).
#[utoipa::path(post, path = "/api/v1/pd/{id}/retire", tag = "organisation", security(("bearer" = [])), params(("id" = String, Path)), request_body = PdRetireInput,
    responses((status = 200, body = PerangkatDaerah), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn retire_pd(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(pd): Path<String>,
    ApiJson(r): ApiJson<PdRetireInput>,
) -> Result<Json<PerangkatDaerah>, ApiError> {
    let pd = s.app.retire_pd(&a, id::<PdId>(&pd)?, r.reason.as_deref());
    Ok(Json((&pd.await?).into()))
}

/// Change history of a Perangkat Daerah, newest first.
#[utoipa::path(get, path = "/api/v1/pd/{id}/history", tag = "audit", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Vec<AuditRow>), (status = 404, body = ErrorBody)))]
pub async fn pd_history(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(pd): Path<String>,
) -> Result<Json<Vec<AuditRow>>, ApiError> {
    let pd = id::<PdId>(&pd)?;
    s.app.get_pd(&a, pd).await?;
    let history = s.app.history(&a, "pd", &pd.to_string()).await?;
    Ok(Json(crate::api::dto::many(&history)))
}

/// Current members of the Tim Koordinasi SPBE (ORG-3).
#[utoipa::path(get, path = "/api/v1/tim", tag = "organisation", security(("bearer" = [])),
    responses((status = 200, body = Vec<TimMember>), (status = 401, body = ErrorBody)))]
pub async fn list_tim(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<Vec<TimMember>>, ApiError> {
    let members = s.app.tim_members(&a).await?;
    Ok(Json(crate::api::dto::many(&members)))
}

/// Add a member to the Tim Koordinasi SPBE (admin Kominfo).
#[utoipa::path(post, path = "/api/v1/tim", tag = "organisation", security(("bearer" = [])), request_body = TimMemberInput,
    responses((status = 201, body = TimMember), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_tim(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiJson(input): ApiJson<TimMemberInput>,
) -> Result<(StatusCode, Json<TimMember>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json((&s.app.add_tim_member(&a, &input.into()).await?).into()),
    ))
}

/// Why a member leaves.
#[derive(Deserialize, ToSchema)]
pub struct RemoveInput {
    reason: String,
}

/// Remove a member of the Tim Koordinasi SPBE (kept in history).
#[utoipa::path(post, path = "/api/v1/tim/{id}/remove", tag = "organisation", security(("bearer" = [])), params(("id" = String, Path)), request_body = RemoveInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn remove_tim(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(m): Path<String>,
    ApiJson(r): ApiJson<RemoveInput>,
) -> Result<StatusCode, ApiError> {
    s.app
        .remove_tim_member(&a, id::<TimMemberId>(&m)?, &r.reason)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

crate::features::api_doc!(
    "organisation",
    "Region profile, Perangkat Daerah, Tim Koordinasi SPBE (ORG-1..3)",
    [
        get_region, put_region, list_pds, create_pd, get_pd, put_pd, retire_pd, pd_history,
        list_tim, add_tim, remove_tim
    ]
);
