//! API of the SPBE evaluation (issue 5): periods, assignments, the answer workflow, evidence,
//! what-if, year-over-year, XLSX export and import.

use super::dto::{
    AnswerRow, AssignmentRow, EvidenceRow, IndicatorDetail, PeriodOverview, PeriodRow,
};
use crate::api::dto::many;
use crate::api::parse_id as id;
use crate::api::ErrorBody;
use crate::error::{ApiError, Failure};
use crate::extract::{ApiActor, ApiJson};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use simpul_app::evaluation::{PeriodInput, Simulation, Step, YearSummary};
use simpul_domain::evaluation::{Level, Levels};
use simpul_domain::ids::{EvaluationId, EvidenceId, PdId};
use simpul_domain::FieldError;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The media type of XLSX workbooks.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Evaluation periods of the caller's region, newest first.
#[utoipa::path(get, path = "/api/v1/evaluations", tag = "evaluation", security(("bearer" = [])),
    responses((status = 200, body = Vec<PeriodRow>), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<Vec<PeriodRow>>, ApiError> {
    Ok(Json(many(&s.app.evaluation_periods(&a).await?)))
}

/// Open the evaluation of a year (admin Kominfo).
#[utoipa::path(post, path = "/api/v1/evaluations", tag = "evaluation", security(("bearer" = [])), request_body = PeriodInput,
    responses((status = 201, body = PeriodRow), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    ApiJson(input): ApiJson<PeriodInput>,
) -> Result<(StatusCode, Json<PeriodRow>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json((&s.app.open_evaluation(&a, &input).await?).into()),
    ))
}

/// A period: indicator table with assignee, claimed and validated levels, status; scorecards
/// (index and predicate) from claimed and from validated levels.
#[utoipa::path(get, path = "/api/v1/evaluations/{id}", tag = "evaluation", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = PeriodOverview), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(p): Path<String>,
) -> Result<Json<PeriodOverview>, ApiError> {
    let overview = s.app.evaluation_overview(&a, id::<EvaluationId>(&p)?);
    Ok(Json((&overview.await?).into()))
}

/// One assignment: the indicator and its responsible PD (`null` unassigns).
#[derive(Deserialize, ToSchema)]
pub struct AssignItem {
    indicator: u16,
    pd_id: Option<String>,
}

/// Assignments to change.
#[derive(Deserialize, ToSchema)]
pub struct AssignInput {
    assignments: Vec<AssignItem>,
}

/// Assign indicators to responsible PDs (admin Kominfo).
#[utoipa::path(put, path = "/api/v1/evaluations/{id}/assignments", tag = "evaluation", security(("bearer" = [])), params(("id" = String, Path)), request_body = AssignInput,
    responses((status = 200, body = Vec<AssignmentRow>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assign(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(p): Path<String>,
    ApiJson(input): ApiJson<AssignInput>,
) -> Result<Json<Vec<AssignmentRow>>, ApiError> {
    let mut pairs = Vec::new();
    for item in input.assignments {
        let pd = match item.pd_id.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => Some(p.parse::<PdId>().map_err(|_| {
                ApiError(Failure::Invalid(vec![simpul_domain::FieldError::new(
                    "pd_id", "invalid",
                )]))
            })?),
            None => None,
        };
        pairs.push((item.indicator, pd));
    }
    Ok(Json(many(
        &s.app.assign_indicators(&a, id(&p)?, &pairs).await?,
    )))
}

/// One indicator: criteria per level, the answer, its evidence.
#[utoipa::path(get, path = "/api/v1/evaluations/{id}/indicators/{n}", tag = "evaluation", security(("bearer" = [])), params(("id" = String, Path), ("n" = u16, Path)),
    responses((status = 200, body = IndicatorDetail), (status = 404, body = ErrorBody)))]
pub async fn indicator(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((p, n)): Path<(String, String)>,
) -> Result<Json<IndicatorDetail>, ApiError> {
    let detail = s.app.evaluation_indicator(&a, id(&p)?, id(&n)?);
    Ok(Json((&detail.await?).into()))
}

/// One workflow step on an indicator: `claim`, `submit` (operator of the assigned PD),
/// `return`, `accept` (internal assessor: koordinator), `assess`, `validate` (evaluator:
/// auditor), `sanggah` (operator of the assigned PD).
#[utoipa::path(post, path = "/api/v1/evaluations/{id}/indicators/{n}/steps", tag = "evaluation", security(("bearer" = [])), params(("id" = String, Path), ("n" = u16, Path)), request_body = Step,
    responses((status = 200, body = AnswerRow), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn step(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((p, n)): Path<(String, String)>,
    ApiJson(body): ApiJson<StepBody>,
) -> Result<Json<AnswerRow>, ApiError> {
    let step = body.into_step()?;
    let answer = s.app.evaluation_step(&a, id(&p)?, id(&n)?, &step);
    Ok(Json((&answer.await?).into()))
}

/// A workflow step as posted, documented as [`Step`]: every field any step may carry, read
/// flat, so that a value of the wrong type is reported on its own field (inside an internally
/// tagged enum the deserializer no longer knows the field's name).
#[derive(Deserialize)]
pub struct StepBody {
    step: StepKind,
    level: Option<i64>,
    explanation: Option<String>,
    note: Option<String>,
    document_level: Option<i64>,
    interview_note: Option<String>,
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StepKind {
    Claim,
    Submit,
    Return,
    Accept,
    Assess,
    Sanggah,
    Validate,
}

impl StepBody {
    /// The step; a level the step needs and lacks is "required" on its field (missing texts
    /// are empty, which the step itself rejects as required).
    fn into_step(self) -> Result<Step, ApiError> {
        let need = |v: Option<i64>, field: &str| {
            v.ok_or_else(|| ApiError(Failure::Invalid(vec![FieldError::new(field, "required")])))
        };
        Ok(match self.step {
            StepKind::Claim => Step::Claim {
                level: need(self.level, "level")?,
                explanation: self.explanation.unwrap_or_default(),
            },
            StepKind::Submit => Step::Submit,
            StepKind::Return => Step::Return {
                note: self.note.unwrap_or_default(),
            },
            StepKind::Accept => Step::Accept { note: self.note },
            StepKind::Assess => Step::Assess {
                document_level: need(self.document_level, "document_level")?,
                interview_note: self.interview_note,
            },
            StepKind::Sanggah => Step::Sanggah {
                text: self.text.unwrap_or_default(),
            },
            StepKind::Validate => Step::Validate {
                level: need(self.level, "level")?,
            },
        })
    }
}

/// An evidence upload (multipart/form-data).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct EvidenceUpload {
    /// Title shown with the evidence; the file name when absent or empty.
    #[schema(required = false)]
    title: String,
    #[schema(format = Binary, value_type = String)]
    file: Vec<u8>,
}

/// An import of an earlier year's results (multipart/form-data).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct EvaluationImport {
    /// The year evaluated.
    year: i32,
    /// An XLSX in the layout of `GET /api/v1/evaluations/{id}/export.xlsx`.
    #[schema(format = Binary, value_type = String)]
    file: Vec<u8>,
}

/// Attach an evidence file (multipart: `title`, `file`) to an indicator (operator of the
/// assigned PD, while the claim is editable).
#[utoipa::path(post, path = "/api/v1/evaluations/{id}/indicators/{n}/evidence", tag = "evaluation", security(("bearer" = [])), params(("id" = String, Path), ("n" = u16, Path)),
    request_body(content_type = "multipart/form-data", content = EvidenceUpload),
    responses((status = 201, body = EvidenceRow), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((p, n)): Path<(String, String)>,
    crate::upload::ApiMultipart(mp): crate::upload::ApiMultipart,
) -> Result<(StatusCode, Json<EvidenceRow>), ApiError> {
    let (p, n) = (id(&p)?, id(&n)?);
    let f = crate::upload::read(mp).await?;
    let row = s
        .app
        .upload_evidence(&a, p, n, &f.title, &f.filename, &f.content)
        .await?;
    Ok((StatusCode::CREATED, Json((&row).into())))
}

/// Download an evidence file.
#[utoipa::path(get, path = "/api/v1/evaluations/{id}/evidence/{evidence}", tag = "evaluation", security(("bearer" = [])), params(("id" = String, Path), ("evidence" = String, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = ErrorBody)))]
pub async fn download(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path((p, e)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (row, bytes) = s
        .app
        .download_evidence(&a, id(&p)?, id::<EvidenceId>(&e)?)
        .await?;
    Ok(crate::upload::attachment(
        &row.media_type,
        &row.filename,
        bytes,
    ))
}

/// What-if levels: indicator number → level 1..5, over the period's current levels.
#[derive(Deserialize, ToSchema, Default)]
pub struct SimulationInput {
    #[serde(default)]
    #[schema(value_type = Object)]
    levels: BTreeMap<String, i64>,
}

/// The what-if levels, each checked: `levels.<n>` names the offending entry ("Tingkat harus
/// 1 sampai 5."); indicator numbers are checked against the period's framework later.
fn what_if_levels(raw: &BTreeMap<String, i64>) -> Result<Levels, ApiError> {
    let mut levels = Levels::new();
    let mut errors = Vec::new();
    for (k, v) in raw {
        let field = format!("levels.{k}");
        let level = u8::try_from(*v).ok().and_then(|v| Level::new(v).ok());
        match (k.trim().parse::<u16>(), level) {
            (Err(_), _) => errors.push(FieldError::new(&field, "invalid")),
            (Ok(_), None) => errors.push(FieldError::new(&field, "level_range")),
            (Ok(n), Some(l)) => {
                levels.insert(n, l);
            }
        }
    }
    if errors.is_empty() {
        Ok(levels)
    } else {
        Err(ApiError(Failure::Invalid(errors)))
    }
}

/// What-if: the index with changed levels (nothing is stored) and the ranked priorities.
#[utoipa::path(post, path = "/api/v1/evaluations/{id}/simulation", tag = "evaluation", security(("bearer" = [])), params(("id" = String, Path)), request_body = SimulationInput,
    responses((status = 200, body = Simulation), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn simulate(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(p): Path<String>,
    ApiJson(input): ApiJson<SimulationInput>,
) -> Result<Json<Simulation>, ApiError> {
    let levels = what_if_levels(&input.levels)?;
    Ok(Json(s.app.simulate_evaluation(&a, id(&p)?, &levels).await?))
}

/// Year-over-year: every period's index (validated levels where final, else claimed).
#[utoipa::path(get, path = "/api/v1/evaluations/history", tag = "evaluation", security(("bearer" = [])),
    responses((status = 200, body = Vec<YearSummary>), (status = 401, body = ErrorBody)))]
pub async fn history(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
) -> Result<Json<Vec<YearSummary>>, ApiError> {
    Ok(Json(s.app.evaluation_history(&a).await?))
}

/// The period as XLSX in the national form's layout (indicator, level, explanation, evidence).
#[utoipa::path(get, path = "/api/v1/evaluations/{id}/export.xlsx", tag = "evaluation", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (status = 404, body = ErrorBody)))]
pub async fn export(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    Path(p): Path<String>,
) -> Result<Response, ApiError> {
    let p: EvaluationId = id(&p)?;
    let year = s.app.evaluation_period(&a, p).await?.year;
    let bytes = s.app.export_evaluation(&a, p).await?;
    Ok(crate::upload::attachment(
        XLSX,
        &format!("evaluasi-spbe-{year}.xlsx"),
        bytes,
    ))
}

/// Import an earlier year's results (multipart: `year`, `file` in the export's layout) as a
/// new archived period (admin Kominfo). The workbook must stay within the spreadsheet limits
/// (at most 10 MiB, and what it unpacks to); at most two imports run at once.
#[utoipa::path(post, path = "/api/v1/evaluations/import", tag = "evaluation", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", content = EvaluationImport),
    responses((status = 201, body = PeriodRow), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 503, description = "Other imports hold every slot; retry after Retry-After seconds", body = ErrorBody)))]
pub async fn import(
    State(s): State<AppState>,
    ApiActor(a): ApiActor,
    crate::upload::ApiMultipart(mp): crate::upload::ApiMultipart,
) -> Result<(StatusCode, Json<PeriodRow>), ApiError> {
    let f = crate::upload::read(mp).await?;
    let year = f.year.trim().parse().unwrap_or(0);
    let p = s.app.import_evaluation(&a, year, None, &f.content).await?;
    Ok((StatusCode::CREATED, Json((&p).into())))
}

crate::features::api_doc!(
    "evaluation",
    "SPBE evaluation (PermenPANRB 59/2020): periods, assignments, self-assessment with evidence, internal review (koordinator), validation (auditor as evaluator), index and predicate, what-if, year-over-year, XLSX (EVA-1)",
    [list, open, get, assign, indicator, step, upload(crate::upload::UPLOAD_BODY_LIMIT), download, simulate, history, export, import(crate::upload::UPLOAD_BODY_LIMIT)]
);
