//! The JSON API under `/api/v1`: the same use cases as the pages, authenticated with bearer
//! tokens, documented by the OpenAPI 3 document generated from these handlers.

mod audit;
mod cases;
mod catalogue;
mod compliance;
mod deadlines;
mod evaluation;

pub use evaluation::XLSX;
mod org;
mod responses;
use responses::CommonResponses;
mod sanctions;
mod users;

use crate::error::ApiError;
use crate::extract::ApiActor;
use crate::router::AppState;
use crate::routes::{delete, get, post, put, Table};
use axum::{Json, Router};
use serde::Serialize;
use simpul_domain::user::Role;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// The routes (what the router is built from; tests read it).
pub fn table() -> Table {
    Table::new()
        .route("/openapi.json", get(openapi_json))
        .route("/me", get(me))
        .route("/region", get(org::get_region).put(org::put_region))
        .route("/pd", get(org::list_pds).post(org::create_pd))
        .route("/pd/{id}", get(org::get_pd).put(org::put_pd))
        .route("/pd/{id}/retire", post(org::retire_pd))
        .route("/pd/{id}/history", get(org::pd_history))
        .route("/tim", get(org::list_tim).post(org::add_tim))
        .route("/tim/{id}/remove", post(org::remove_tim))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", get(users::get).put(users::update))
        .route("/users/{id}/password", post(users::reset_password))
        .route("/tokens", get(users::list_tokens).post(users::create_token))
        .route("/tokens/{id}", delete(users::revoke_token))
        .route("/audit", get(audit::list))
        .route("/audit/checkpoint", get(audit::checkpoint))
        .route("/cases/{workflow}", post(cases::open))
        .route("/cases/{workflow}/{id}", get(cases::get))
        .route("/cases/{workflow}/{id}/steps/{step}", post(cases::step))
        .route("/tasks", get(cases::tasks))
        .route("/deadlines", get(deadlines::list))
        .route("/notifications", get(deadlines::notifications))
        .route("/notifications/read-all", post(deadlines::mark_all_read))
        .route("/notifications/{id}/read", post(deadlines::mark_read))
        .route(
            "/catalogue/{kind}",
            get(catalogue::list).post(catalogue::create),
        )
        .route("/catalogue/{kind}/schema", get(catalogue::schema))
        .route(
            "/catalogue/{kind}/{id}",
            get(catalogue::get).put(catalogue::update),
        )
        .route("/catalogue/{kind}/{id}/retire", post(catalogue::retire))
        .route("/catalogue/{kind}/{id}/links", post(catalogue::link))
        .route("/catalogue/{kind}/{id}/unlink", post(catalogue::unlink))
        .route("/catalogue/{kind}/{id}/impact", get(catalogue::impact))
        .route(
            "/catalogue/{kind}/{id}/documents",
            get(catalogue::documents)
                .post(catalogue::upload)
                .body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route("/documents/{id}", get(catalogue::download))
        .route("/ref-codes", get(catalogue::ref_codes))
        .route("/ref-codes/{code}", put(catalogue::put_ref_code))
        .route("/compliance", get(compliance::overview))
        .route("/compliance/evaluate", post(compliance::evaluate))
        .route("/compliance/pack", put(compliance::set_pack))
        .route("/findings", get(compliance::list))
        .route("/findings/{id}", get(compliance::get))
        .route("/findings/{id}/acknowledge", post(compliance::acknowledge))
        .route("/findings/{id}/except", post(compliance::except))
        .route("/findings/{id}/lift", post(compliance::lift))
        .route("/sanctions", get(sanctions::list).post(sanctions::propose))
        .route("/sanctions/{id}", get(sanctions::get))
        .route("/sanctions/{id}/decision", post(sanctions::decide))
        .route("/sanctions/{id}/decision.json", get(sanctions::export))
        .route("/signing-key", get(sanctions::signing_key))
        .route("/evaluations", get(evaluation::list).post(evaluation::open))
        .route("/evaluations/history", get(evaluation::history))
        .route(
            "/evaluations/import",
            post(evaluation::import).body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route("/evaluations/{id}", get(evaluation::get))
        .route("/evaluations/{id}/assignments", put(evaluation::assign))
        .route(
            "/evaluations/{id}/indicators/{n}",
            get(evaluation::indicator),
        )
        .route(
            "/evaluations/{id}/indicators/{n}/steps",
            post(evaluation::step),
        )
        .route(
            "/evaluations/{id}/indicators/{n}/evidence",
            post(evaluation::upload).body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route(
            "/evaluations/{id}/evidence/{evidence}",
            get(evaluation::download),
        )
        .route("/evaluations/{id}/simulation", post(evaluation::simulate))
        .route("/evaluations/{id}/export.xlsx", get(evaluation::export))
}

pub fn routes() -> Router<AppState> {
    table()
        .into_router()
        .fallback(|| async { ApiError(crate::error::Failure::NotFound) })
}

/// The error body of every 4xx and 5xx answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub errors: Vec<ErrorItem>,
}

/// One problem: the offending field (empty when not about one field) and a message in
/// Bahasa Indonesia, or English when `Accept-Language` prefers it.
#[derive(Serialize, ToSchema)]
pub struct ErrorItem {
    pub field: String,
    pub detail: String,
}

/// The caller.
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: Option<String>,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub region: String,
    pub pd_id: Option<String>,
}

/// Who am I.
#[utoipa::path(get, path = "/api/v1/me", tag = "account", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(ApiActor(a): ApiActor) -> Json<Me> {
    Json(Me {
        id: a.id.map(|i| i.to_string()),
        username: a.username,
        full_name: a.full_name,
        role: a.role,
        region: a.region.to_string(),
        pd_id: a.pd.map(|p| p.to_string()),
    })
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("spl_…")
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Simpul API", description = "JSON API of Simpul, the regional SPBE platform. Authenticate with `Authorization: Bearer <token>` (create a token on the Akun Saya page or with `simpul user token`)."),
    paths(
        me,
        org::get_region, org::put_region,
        org::list_pds, org::create_pd, org::get_pd, org::put_pd, org::retire_pd, org::pd_history,
        org::list_tim, org::add_tim, org::remove_tim,
        users::list, users::create, users::get, users::update, users::reset_password,
        users::list_tokens, users::create_token, users::revoke_token,
        audit::list, audit::checkpoint,
        catalogue::list, catalogue::create, catalogue::get, catalogue::update, catalogue::retire,
        catalogue::link, catalogue::unlink, catalogue::impact, catalogue::schema,
        catalogue::ref_codes, catalogue::put_ref_code,
        catalogue::upload, catalogue::documents, catalogue::download,
        compliance::overview, compliance::evaluate, compliance::set_pack, compliance::list, compliance::get,
        compliance::acknowledge, compliance::except, compliance::lift,
        cases::open, cases::get, cases::step, cases::tasks,
        deadlines::list, deadlines::notifications, deadlines::mark_read, deadlines::mark_all_read,
        sanctions::list, sanctions::propose, sanctions::get, sanctions::decide, sanctions::export,
        sanctions::signing_key,
        evaluation::list, evaluation::open, evaluation::get, evaluation::assign,
        evaluation::indicator, evaluation::step, evaluation::upload, evaluation::download,
        evaluation::simulate, evaluation::history, evaluation::export, evaluation::import,
    ),
    modifiers(&BearerAuth, &CommonResponses),
    tags((name = "organisation", description = "Region profile, Perangkat Daerah, Tim Koordinasi SPBE (ORG-1..3)"),
         (name = "users", description = "Accounts and roles (ORG-7)"),
         (name = "account", description = "The caller and their API tokens"),
         (name = "audit", description = "The hash-chained audit trail (SEC-1)"),
         (name = "catalogue", description = "The SPBE catalogue: applications, services, business processes, datasets, assets, domains, LAN and backup reports, their links and the reference architecture (ARC, APP, DAT, DOM, INF)"),
         (name = "compliance", description = "The compliance engine: every checkable obligation of the region's regulation as a cited rule, findings and their decisions"),
         (name = "cases", description = "Generic case API of the workflow kernel: open a case of any workflow, read it with its timeline and the caller's steps, take a step; the caller's tasks with working-day due dates (issue 10)"),
         (name = "deadlines", description = "Due dates of recurring obligations (INF-5, DAT-2, DAT-7, APP-13, AUD-2/3, EVA-1/2, PLN-2/3/4) and the caller's notifications"),
         (name = "sanctions", description = "Administrative sanctions proposed from findings and decided by the head of region, signed with the platform's Ed25519 key (SAN-1, SEC-1)"),
         (name = "evaluation", description = "SPBE evaluation (PermenPANRB 59/2020): periods, assignments, self-assessment with evidence, internal review (koordinator), validation (auditor as evaluator), index and predicate, what-if, year-over-year, XLSX (EVA-1)"))
)]
pub struct ApiDoc;

/// The OpenAPI document as pretty JSON (what `/api/v1/openapi.json` serves and
/// `docs/openapi.json` holds).
pub fn openapi_document() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc.to_pretty_json().unwrap_or_default() + "\n"
}

async fn openapi_json() -> impl axum::response::IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        openapi_document(),
    )
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi;

    #[test]
    fn every_api_route_is_documented_and_every_documented_operation_is_routed() {
        let doc = super::ApiDoc::openapi();
        let mut documented = Vec::new();
        for (path, item) in &doc.paths.paths {
            let ops = [
                ("GET", &item.get),
                ("PUT", &item.put),
                ("POST", &item.post),
                ("DELETE", &item.delete),
                ("PATCH", &item.patch),
            ];
            for (m, op) in ops {
                if op.is_some() {
                    documented.push(format!("{m} {path}"));
                }
            }
        }
        let mut routed: Vec<String> = super::table()
            .routes()
            .iter()
            .filter(|(_, p)| *p != "/openapi.json")
            .map(|(m, p)| format!("{m} /api/v1{p}"))
            .collect();
        documented.sort();
        routed.sort();
        assert_eq!(documented, routed);
    }

    #[test]
    fn committed_openapi_document_matches_the_code() {
        let committed = include_str!("../../../../docs/openapi.json");
        let generated = super::openapi_document();
        if committed != generated {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json.new");
            let _ = std::fs::write(path, &generated);
            panic!("docs/openapi.json is stale: run `cargo run -- openapi > docs/openapi.json` (new copy written to docs/openapi.json.new)");
        }
    }
}
