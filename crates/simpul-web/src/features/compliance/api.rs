//! Compliance API (issue 4): overview, findings and the decisions on them, evaluation now.

use super::dto::{Finding, FindingDetail, Overview};
use crate::api::ErrorBody;
use crate::error::{ApiError, Failure};
use crate::extract::{ApiActor, ApiJson, ApiQuery};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use simpul_domain::FieldError;
use simpul_store::findings::{self, FindingFilter, StatusFilter};
use simpul_store::Paging;
use utoipa::{IntoParams, ToSchema};

/// Compliance of the caller's region per obligation, per PD and over time.
#[utoipa::path(get, path = "/api/v1/compliance", tag = "compliance", security(("bearer" = [])),
    responses((status = 200, body = Overview), (status = 401, body = ErrorBody)))]
pub async fn overview(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<Overview>, ApiError> {
    Ok(Json((&s.app.compliance_overview(&a).await?).into()))
}

/// What an evaluation did.
#[derive(Serialize, ToSchema)]
pub struct EvaluationResult {
    pub pack: Option<String>,
    pub rules: usize,
    pub checks: u32,
    pub failed: u32,
    pub opened: u32,
    pub reopened: u32,
    pub resolved: u32,
}

/// Evaluate the caller's region now (admin Kominfo).
#[utoipa::path(post, path = "/api/v1/compliance/evaluate", tag = "compliance", security(("bearer" = [])),
    responses((status = 200, body = EvaluationResult), (status = 403, body = ErrorBody)))]
pub async fn evaluate(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<EvaluationResult>, ApiError> {
    let r = s.app.run_compliance(&a).await?;
    Ok(Json(EvaluationResult {
        pack: r.pack,
        rules: r.rules,
        checks: r.checks,
        failed: r.failed,
        opened: r.opened,
        reopened: r.reopened,
        resolved: r.resolved,
    }))
}

/// Which region's rule pack applies to the caller's region.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PackInput {
    /// Slug of a built-in region pack (`metro`, `jembrana`, `limapuluhkota`, `manggarai`), or
    /// `null` for the region's own pack.
    pub pack: Option<String>,
}

/// The rule pack that applies after the change, and the evaluation it triggered.
#[derive(Serialize, ToSchema)]
pub struct PackChoice {
    /// Slug of the pack whose rules apply (`null` when no pack matches the region).
    pub pack: Option<String>,
    /// Whether that is the region's own pack.
    pub own: bool,
    /// The pack's regulation, short form (`Perbup 47/2018`).
    pub instrument: Option<String>,
}

/// Choose which region's rule pack applies to the caller's region and evaluate again
/// (admin Kominfo). Findings of rules the new pack lacks close; its own rules open theirs.
#[utoipa::path(put, path = "/api/v1/compliance/pack", tag = "compliance", security(("bearer" = [])), request_body = PackInput,
    responses((status = 200, body = PackChoice), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_pack(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiJson(input): ApiJson<PackInput>,
) -> Result<Json<PackChoice>, ApiError> {
    let pack = s.app.set_rule_pack(&a, input.pack.as_deref()).await?;
    Ok(Json(PackChoice {
        own: pack.as_deref() == Some(a.region().as_str()),
        instrument: pack
            .as_deref()
            .and_then(simpul_app::compliance::pack)
            .map(|p| p.instrument.short()),
        pack,
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FindingQuery {
    /// PD id (a PD operator always gets their own PD's).
    pd: Option<String>,
    /// `aktif` (default: terbuka or diakui), `terbuka`, `diakui`, `diselesaikan`, `dikecualikan` or `semua`.
    status: Option<String>,
    /// Obligation id, e.g. `APP-4`.
    rule: Option<String>,
    /// `tinggi`, `sedang` or `rendah`.
    severity: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

crate::api::page_of!(
    /// A page of findings.
    FindingList,
    Finding,
    from findings::Finding
);

fn invalid(field: &str) -> ApiError {
    ApiError(Failure::Invalid(vec![FieldError::new(field, "invalid")]))
}

/// Findings of the caller's region, most severe first.
#[utoipa::path(get, path = "/api/v1/findings", tag = "compliance", security(("bearer" = [])), params(FindingQuery),
    responses((status = 200, body = FindingList), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiQuery(q): ApiQuery<FindingQuery>,
) -> Result<Json<FindingList>, ApiError> {
    let status = match q.status.as_deref() {
        None | Some("") => StatusFilter::Active,
        Some("semua") => StatusFilter::Any,
        Some(code) => StatusFilter::from_code(code).ok_or_else(|| invalid("status"))?,
    };
    let pd = match q.pd.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(p.parse().map_err(|_| invalid("pd"))?),
        None => None,
    };
    let severity = q.severity.unwrap_or_default();
    if !["", "tinggi", "sedang", "rendah"].contains(&severity.as_str()) {
        return Err(invalid("severity"));
    }
    let filter = FindingFilter {
        pd,
        status,
        rule: q.rule.unwrap_or_default().chars().take(10).collect(),
        severity,
    };
    let page = s
        .app
        .findings(&a, filter, Paging::new(q.page, q.per_page))
        .await?;
    Ok(Json(page.into()))
}

/// One finding with its rule, citation and history.
#[utoipa::path(get, path = "/api/v1/findings/{id}", tag = "compliance", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = FindingDetail), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<FindingDetail>, ApiError> {
    Ok(Json((&s.app.finding_detail(&a, &id).await?).into()))
}

/// A note or reason for a decision on a finding.
#[derive(Deserialize, ToSchema, Default)]
pub struct FindingDecisionInput {
    /// Follow-up plan (acknowledge) or reason (except; required).
    #[serde(default)]
    pub note: Option<String>,
}

/// The PD acknowledges a finding (operator of the finding's PD or admin); 409 unless it is open.
#[utoipa::path(post, path = "/api/v1/findings/{id}/acknowledge", tag = "compliance", security(("bearer" = [])), params(("id" = String, Path)), request_body = FindingDecisionInput,
    responses((status = 200, body = Finding), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn acknowledge(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FindingDecisionInput>,
) -> Result<Json<Finding>, ApiError> {
    let finding = s.app.acknowledge_finding(&a, &id, input.note.as_deref());
    Ok(Json((&finding.await?).into()))
}

/// Except a finding with a reason (admin Kominfo or Koordinator, who is recorded as approver).
#[utoipa::path(post, path = "/api/v1/findings/{id}/except", tag = "compliance", security(("bearer" = [])), params(("id" = String, Path)), request_body = FindingDecisionInput,
    responses((status = 200, body = Finding), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn except(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FindingDecisionInput>,
) -> Result<Json<Finding>, ApiError> {
    let note = input.note.as_deref().unwrap_or("");
    Ok(Json((&s.app.except_finding(&a, &id, note).await?).into()))
}

/// Lift an exception (admin Kominfo or Koordinator).
#[utoipa::path(post, path = "/api/v1/findings/{id}/lift", tag = "compliance", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Finding), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn lift(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(id): Path<String>,
) -> Result<Json<Finding>, ApiError> {
    Ok(Json((&s.app.lift_exception(&a, &id).await?).into()))
}

crate::features::api_doc!(
    "compliance",
    "The compliance engine: every checkable obligation of the region's regulation as a cited rule, findings and their decisions",
    [overview, evaluate, set_pack, list, get, acknowledge, except, lift]
);
