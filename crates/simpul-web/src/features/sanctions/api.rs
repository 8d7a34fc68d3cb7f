//! API for administrative sanctions (SAN-1) and the platform's public signing key.

use super::dto::{ProposalInput, Sanction, SanctionDecisionInput, SanctionView, SignedExport};
use crate::api::parse_id as id;
use crate::api::ErrorBody;
use crate::error::{ApiError, Failure};
use crate::extract::{ApiActor, ApiJson, ApiQuery};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use simpul_domain::sanction::{self, SanctionStatus};
use simpul_domain::signing::ALGORITHM;
use simpul_store::Paging;
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SanctionQuery {
    /// `diusulkan`, `ditetapkan` or `ditolak`.
    status: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

crate::api::page_of!(
    /// A page of sanctions.
    SanctionList,
    Sanction,
    from sanction::Sanction
);

/// List sanctions: all of the region's for administrators, the head of region, the
/// koordinator and auditors; only the own PD's for a PD operator.
#[utoipa::path(get, path = "/api/v1/sanctions", tag = "sanctions", security(("bearer" = [])), params(SanctionQuery),
    responses((status = 200, body = SanctionList), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiQuery(q): ApiQuery<SanctionQuery>,
) -> Result<Json<SanctionList>, ApiError> {
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => Some(SanctionStatus::from_code(raw).ok_or_else(|| {
            ApiError(Failure::Invalid(vec![
                simpul_domain::FieldError::with_param(
                    "status",
                    "unknown_value",
                    "diusulkan, ditetapkan, ditolak",
                ),
            ]))
        })?),
    };
    let p = s
        .app
        .list_sanctions(&a, status, Paging::new(q.page, q.per_page))
        .await?;
    Ok(Json(p.into()))
}

/// Propose a sanction against a PD for some of its active findings (admin Kominfo).
#[utoipa::path(post, path = "/api/v1/sanctions", tag = "sanctions", security(("bearer" = [])), request_body = ProposalInput,
    responses((status = 201, body = Sanction), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiJson(input): ApiJson<ProposalInput>,
) -> Result<(StatusCode, Json<Sanction>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json((&s.app.propose_sanction(&a, &input.into()).await?).into()),
    ))
}

/// One sanction with its findings, citations and (once decided) the decision document.
#[utoipa::path(get, path = "/api/v1/sanctions/{id}", tag = "sanctions", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = SanctionView), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(sid): Path<String>,
) -> Result<Json<SanctionView>, ApiError> {
    Ok(Json((&s.app.get_sanction(&a, id(&sid)?).await?).into()))
}

/// Decide a proposed sanction (head of region): `ditetapkan` (the workflow step `approve`) or
/// `ditolak` (`reject`, with a note). The decision is signed with the platform key and cannot
/// be changed afterwards (409).
#[utoipa::path(post, path = "/api/v1/sanctions/{id}/decision", tag = "sanctions", security(("bearer" = [])), params(("id" = String, Path)), request_body = SanctionDecisionInput,
    responses((status = 200, body = SanctionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "Already decided", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(sid): Path<String>,
    ApiJson(input): ApiJson<SanctionDecisionInput>,
) -> Result<Json<SanctionView>, ApiError> {
    let input: sanction::DecisionInput = input.into();
    let view = s.app.decide_sanction(&a, id(&sid)?, &input).await?;
    Ok(Json((&view).into()))
}

/// The signed decision file: `{decision, signature, public_key, algorithm}`; verify it with
/// `simpul verify FILE --public-key HEX`.
#[utoipa::path(get, path = "/api/v1/sanctions/{id}/decision.json", tag = "sanctions", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = SignedExport), (status = 404, body = ErrorBody)))]
pub async fn export(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(sid): Path<String>,
) -> Result<Response, ApiError> {
    let sid = id(&sid)?;
    let export = s.app.sanction_export(&a, sid).await?;
    Ok(crate::features::sanctions::pages::signed_file(
        &export, &sid,
    ))
}

/// The platform's public signing key.
#[derive(Serialize, ToSchema)]
pub struct SigningKey {
    /// Always `Ed25519`.
    pub algorithm: String,
    /// 64 lower-case hex digits.
    pub public_key: String,
}

/// The public key that verifies signed decisions (no authentication needed).
#[utoipa::path(get, path = "/api/v1/signing-key", tag = "sanctions",
    responses((status = 200, body = SigningKey)))]
pub async fn signing_key(State(s): State<AppState>) -> Result<Json<SigningKey>, ApiError> {
    Ok(Json(SigningKey {
        algorithm: ALGORITHM.to_owned(),
        public_key: s.app.public_key_hex()?,
    }))
}

crate::features::api_doc!(
    "sanctions",
    "Administrative sanctions proposed from findings and decided by the head of region, signed with the platform's Ed25519 key (SAN-1, SEC-1)",
    [list, propose, get, decide, export, signing_key]
);
