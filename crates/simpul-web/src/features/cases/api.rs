//! The generic case API (issue 10): open a case of any workflow, read it with its timeline
//! and the steps the caller may take now, take one step, and list the caller's open tasks.
//! Every workflow is reached by its code through the app's registry
//! (`simpul_app::kernel::registry`).

use crate::api::ErrorBody;
use crate::error::{ApiError, Failure};
use crate::extract::{ApiActor, ApiJson, ApiQuery};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use simpul_app::kernel::{CaseFlow, CaseView, StepInput, Task};
use simpul_app::Paging;
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};

fn flow(s: &AppState, code: &str) -> Result<Arc<dyn CaseFlow>, ApiError> {
    s.app.workflow(code).ok_or(ApiError(Failure::NotFound))
}

/// Open a case of `workflow` with the first opening step the caller may take.
#[utoipa::path(post, path = "/api/v1/cases/{workflow}", tag = "cases", security(("bearer" = [])),
    params(("workflow" = String, Path, description = "Workflow code, e.g. `finding`")),
    request_body = StepInput,
    responses((status = 201, body = CaseView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "Unknown workflow, or not enabled in the region", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(workflow): Path<String>,
    ApiJson(input): ApiJson<StepInput>,
) -> Result<(StatusCode, Json<CaseView>), ApiError> {
    let f = flow(&s, &workflow)?;
    let id = f.open(&s.app, &a, &input).await?;
    Ok((StatusCode::CREATED, Json(f.view(&s.app, &a, &id).await?)))
}

/// One case: state, data, timeline and the steps the caller may take now.
#[utoipa::path(get, path = "/api/v1/cases/{workflow}/{id}", tag = "cases", security(("bearer" = [])),
    params(("workflow" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = CaseView), (status = 401, body = ErrorBody),
        (status = 404, description = "Unknown workflow or case, or not enabled in the region", body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((workflow, id)): Path<(String, String)>,
) -> Result<Json<CaseView>, ApiError> {
    Ok(Json(flow(&s, &workflow)?.view(&s.app, &a, &id).await?))
}

/// Take one step of a case; answers the case as it is after the step.
#[utoipa::path(post, path = "/api/v1/cases/{workflow}/{id}/steps/{step}", tag = "cases", security(("bearer" = [])),
    params(("workflow" = String, Path), ("id" = String, Path), ("step" = String, Path, description = "Step code")),
    request_body = StepInput,
    responses((status = 200, body = CaseView), (status = 401, body = ErrorBody),
        (status = 403, description = "The caller may not take this step", body = ErrorBody),
        (status = 404, description = "Unknown workflow, case or step, or not enabled in the region", body = ErrorBody),
        (status = 409, description = "The step does not leave from the case's state", body = ErrorBody),
        (status = 422, description = "A required field or document is missing", body = ErrorBody)))]
pub async fn step(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((workflow, id, step)): Path<(String, String, String)>,
    ApiJson(input): ApiJson<StepInput>,
) -> Result<Json<CaseView>, ApiError> {
    let f = flow(&s, &workflow)?;
    f.step(&s.app, &a, &id, &step, &input).await?;
    Ok(Json(f.view(&s.app, &a, &id).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    page: Option<i64>,
    per_page: Option<i64>,
}

/// A page of the caller's tasks, earliest due first.
#[derive(Serialize, ToSchema)]
pub struct TaskList {
    pub items: Vec<Task>,
    /// How many tasks there are, counted up to 1,000.
    pub total: i64,
    /// There are more than `total` (1,000) tasks.
    pub more: bool,
    pub page: i64,
    pub per_page: i64,
}

/// The caller's open tasks over every workflow the region runs, earliest due first.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "cases", security(("bearer" = [])), params(TaskQuery),
    responses((status = 200, body = TaskList), (status = 401, body = ErrorBody)))]
pub async fn tasks(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiQuery(q): ApiQuery<TaskQuery>,
) -> Result<Json<TaskList>, ApiError> {
    let p = s.app.tasks(&a, Paging::new(q.page, q.per_page)).await?;
    Ok(Json(TaskList {
        items: p.items,
        total: p.total,
        more: p.more,
        page: p.page,
        per_page: p.per_page,
    }))
}

crate::features::api_doc!(
    "cases",
    "Generic case API of the workflow kernel: open a case of any workflow, read it with its timeline and the caller's steps, take a step; the caller's tasks with working-day due dates (issue 10)",
    [open, get, step, tasks]
);
