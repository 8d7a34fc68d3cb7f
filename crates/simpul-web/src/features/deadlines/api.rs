//! API for the deadline calendar and the caller's notifications.

use super::dto::{Deadline, Notification};
use crate::api::ErrorBody;
use crate::error::{ApiError, Failure};
use crate::extract::{ApiActor, ApiQuery};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use simpul_domain::compliance::DeadlineState;
use simpul_domain::ids::PdId;
use simpul_domain::FieldError;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    /// Only this Perangkat Daerah (ignored for PD operators, who see only their own).
    pd: Option<String>,
    /// `overdue`, `due_soon` or `upcoming`.
    state: Option<String>,
}

fn invalid(field: &str) -> ApiError {
    ApiError(Failure::Invalid(vec![FieldError::new(field, "invalid")]))
}

/// Due dates of the recurring obligations the region's regulation enables, by due day.
#[utoipa::path(get, path = "/api/v1/deadlines", tag = "deadlines", security(("bearer" = [])), params(DeadlineQuery),
    responses((status = 200, body = Vec<Deadline>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiQuery(q): ApiQuery<DeadlineQuery>,
) -> Result<Json<Vec<Deadline>>, ApiError> {
    let pd = match q.pd.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(p.parse::<PdId>().map_err(|_| invalid("pd"))?),
        None => None,
    };
    let state = match q.state.as_deref().filter(|p| !p.is_empty()) {
        Some(st) => Some(DeadlineState::from_code(st).ok_or_else(|| invalid("state"))?),
        None => None,
    };
    let mut list = s.app.calendar(&a, pd).await?;
    if let Some(st) = state {
        list.retain(|d| d.state == st);
    }
    Ok(Json(crate::api::dto::many(&list)))
}

/// The caller's notifications and how many are unread.
#[derive(Serialize, ToSchema)]
pub struct NotificationList {
    pub unread: i64,
    pub items: Vec<Notification>,
}

/// The caller's notifications, newest first (at most 200).
#[utoipa::path(get, path = "/api/v1/notifications", tag = "deadlines", security(("bearer" = [])),
    responses((status = 200, body = NotificationList), (status = 401, body = ErrorBody)))]
pub async fn notifications(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<NotificationList>, ApiError> {
    Ok(Json(NotificationList {
        unread: s.app.unread_notifications(&a).await?,
        items: crate::api::dto::many(&s.app.notifications(&a).await?),
    }))
}

/// How many notifications a call marked read.
#[derive(Serialize, ToSchema)]
pub struct Marked {
    pub marked: u64,
}

/// Mark one of the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "deadlines", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Marked), (status = 401, body = ErrorBody)))]
pub async fn mark_read(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<Marked>, ApiError> {
    Ok(Json(Marked {
        marked: s.app.mark_read(&a, Some(&id)).await?,
    }))
}

/// Mark all of the caller's notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "deadlines", security(("bearer" = [])),
    responses((status = 200, body = Marked), (status = 401, body = ErrorBody)))]
pub async fn mark_all_read(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<Marked>, ApiError> {
    Ok(Json(Marked {
        marked: s.app.mark_read(&a, None).await?,
    }))
}

crate::features::api_doc!(
    "deadlines",
    "Due dates of recurring obligations (INF-5, DAT-2, DAT-7, APP-13, AUD-2/3, EVA-1/2, PLN-2/3/4) and the caller's notifications",
    [list, notifications, mark_read, mark_all_read]
);
