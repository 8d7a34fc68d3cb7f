//! API for the audit trail.

use super::dto::{AuditRow, Checkpoint};
use crate::api::ErrorBody;
use crate::error::ApiError;
use crate::extract::{ApiActor, ApiQuery};
use crate::router::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use simpul_store::audit::{self, AuditFilter};
use simpul_store::Paging;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Actor username contains.
    actor: Option<String>,
    /// Action prefix, e.g. `pd.`.
    action: Option<String>,
    entity_type: Option<String>,
    entity_id: Option<String>,
    /// From date `YYYY-MM-DD` (inclusive).
    #[param(format = Date)]
    from: Option<String>,
    /// To date `YYYY-MM-DD` (inclusive).
    #[param(format = Date)]
    to: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

crate::api::page_of!(
    /// A page of audit entries, newest first.
    AuditList,
    AuditRow,
    from audit::AuditRow
);

/// The region's audit log (admin Kominfo, auditor, koordinator, pimpinan).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = AuditList), (status = 400, description = "`from` or `to` is not a date `YYYY-MM-DD`", body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditList>, ApiError> {
    let f = AuditFilter {
        actor: q.actor.unwrap_or_default(),
        action: q.action.unwrap_or_default(),
        entity_type: q.entity_type.unwrap_or_default(),
        entity_id: q.entity_id.unwrap_or_default(),
        from: date(q.from, "from")?,
        to: date(q.to, "to")?,
    };
    let p = s
        .app
        .audit_log(&a, &f, Paging::new(q.page, q.per_page))
        .await?;
    Ok(Json(p.into()))
}

/// A date filter as given, checked to be `YYYY-MM-DD` (empty when absent).
fn date(value: Option<String>, field: &str) -> Result<String, ApiError> {
    let value = value.unwrap_or_default();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if value.is_empty() || time::Date::parse(&value, format).is_ok() {
        Ok(value)
    } else {
        Err(ApiError(crate::error::Failure::BadRequest {
            field: field.into(),
            key: "error.bad_date",
            detail: value.chars().take(40).collect(),
        }))
    }
}

/// The chain head signed now with the platform key (issue 9.7), for an external witness to
/// store: `simpul audit verify --checkpoint FILE` later proves that no entry up to it was
/// changed or removed. Administrators and auditors.
#[utoipa::path(get, path = "/api/v1/audit/checkpoint", tag = "audit", security(("bearer" = [])),
    responses((status = 200, body = Checkpoint), (status = 403, body = ErrorBody)))]
pub async fn checkpoint(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<Checkpoint>, ApiError> {
    Ok(Json((&s.app.audit_checkpoint(&a).await?).into()))
}

crate::features::api_doc!(
    "audit",
    "The hash-chained audit trail (SEC-1)",
    [list, checkpoint]
);
