//! SPBE evaluation pages (issue 5): periods, one period's indicator table and scorecards
//! with server-rendered SVG charts, assignment, year-over-year, printable report, XLSX.

mod chart;
mod indicator;

pub use indicator::{detail as indicator, download, simulate, step, upload, STEPS};

use crate::error::{Failure, HtmlError};
use crate::extract::{CsrfForm, CurrentUser, Req};
use crate::pages::{after_submit, parse_id, redirect_with_flash, FormState, Page};
use crate::router::AppState;
use crate::routes::{self, Table};
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;
use simpul_app::evaluation::policy;
use simpul_app::evaluation::PeriodInput;
use simpul_domain::ids::{EvaluationId, PdId};
use std::collections::BTreeMap;

async fn render_list(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    form: FormState,
) -> Result<Response, HtmlError> {
    let periods = s.app.evaluation_periods(&user.actor).await?;
    Page::new(req, Some(user), "evaluasi").render_status(
        form.status,
        "evaluation_list.html",
        minijinja::context! {
            periods => Value::from_serialize(&periods),
            can_manage => policy::manage_evaluation(&user.actor).is_ok(),
            errors => form.errors, values => form.values,
        },
    )
}

pub async fn list(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    render_list(&s, &req, &user, FormState::default()).await
}

#[derive(Deserialize, Default)]
pub struct OpenForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    self_assessment_due: Option<String>,
    #[serde(default)]
    validation_due: Option<String>,
}

pub async fn open(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<OpenForm>,
) -> Result<Response, HtmlError> {
    let input = PeriodInput {
        year: f.form.year.trim().parse().unwrap_or(0),
        framework: None,
        self_assessment_due: f.form.self_assessment_due,
        validation_due: f.form.validation_due,
    };
    let done = s.app.open_evaluation(&f.user.actor, &input).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |p| redirect_with_flash(&format!("/evaluasi/{}", p.id), "created"),
        |form| render_list(&s, &req, &f.user, form),
    )
    .await
}

pub async fn import(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    crate::upload::PageMultipart(mp): crate::upload::PageMultipart,
) -> Result<Response, HtmlError> {
    let form = crate::upload::read(mp).await?;
    if !crate::extract::same_secret(&form.csrf, &user.csrf) {
        return Err(HtmlError(Failure::Csrf));
    }
    let year = form.year.trim().parse().unwrap_or(0);
    let done = s
        .app
        .import_evaluation(&user.actor, year, None, &form.content)
        .await;
    // An uploaded file is not shown again: the fields stay empty.
    after_submit(
        req.lang,
        &[],
        done,
        |p| redirect_with_flash(&format!("/evaluasi/{}", p.id), "created"),
        |form| render_list(&s, &req, &user, form),
    )
    .await
}

pub async fn overview(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: EvaluationId = parse_id(&id)?;
    let ov = s.app.evaluation_overview(&user.actor, id).await?;
    let pds = if policy::manage_evaluation(&user.actor).is_ok() {
        s.app.all_pds(&user.actor).await?
    } else {
        Vec::new()
    };
    Page::new(&req, Some(&user), "evaluasi").render(
        "evaluation_period.html",
        minijinja::context! {
            ov => Value::from_serialize(&ov),
            can_manage => policy::manage_evaluation(&user.actor).is_ok() && !ov.period.imported,
            pds => Value::from_serialize(&pds),
            domain_chart => chart::parts(&ov.claimed, &ov.validated, |s| &s.domains),
            aspect_chart => chart::parts(&ov.claimed, &ov.validated, |s| &s.aspects),
            indicator_chart => chart::indicators(&ov.indicators),
        },
    )
}

/// The assignment form: `pd_<n>` per indicator (empty: unassigned).
pub async fn assign(
    State(s): State<AppState>,
    Path(id): Path<String>,
    f: CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, HtmlError> {
    let id: EvaluationId = parse_id(&id)?;
    let mut pairs = Vec::new();
    for (k, v) in &f.form {
        let Some(n) = k.strip_prefix("pd_").and_then(|n| n.parse::<u16>().ok()) else {
            continue;
        };
        let pd = match v.trim() {
            "" => None,
            v => Some(parse_id::<PdId>(v)?),
        };
        pairs.push((n, pd));
    }
    s.app.assign_indicators(&f.user.actor, id, &pairs).await?;
    Ok(redirect_with_flash(&format!("/evaluasi/{id}"), "saved"))
}

pub async fn history(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    let years = s.app.evaluation_history(&user.actor).await?;
    Page::new(&req, Some(&user), "evaluasi").render(
        "evaluation_history.html",
        minijinja::context! {
            years => Value::from_serialize(&years),
            chart => chart::years(&years),
            domain_chart => chart::domains_by_year(&years),
            domain_legend => years.iter().rev().take(3).rev().map(|y| y.year.to_string()).collect::<Vec<_>>(),
            domain_codes => years.iter().find_map(|y| y.score.as_ref()).map(|s| s.domains.iter().map(|d| d.code.clone()).collect::<Vec<_>>()).unwrap_or_default(),
        },
    )
}

/// The printable report to the head of region.
pub async fn report(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: EvaluationId = parse_id(&id)?;
    let ov = s.app.evaluation_overview(&user.actor, id).await?;
    let sim = s
        .app
        .simulate_evaluation(&user.actor, id, &Default::default())
        .await?;
    let years = s.app.evaluation_history(&user.actor).await?;
    Page::new(&req, Some(&user), "evaluasi").render(
        "evaluation_report.html",
        minijinja::context! {
            ov => Value::from_serialize(&ov),
            priorities => Value::from_serialize(sim.priorities.iter().take(10).collect::<Vec<_>>()),
            years => Value::from_serialize(&years),
            domain_chart => chart::parts(&ov.claimed, &ov.validated, |s| &s.domains),
        },
    )
}

pub async fn export(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: EvaluationId = parse_id(&id)?;
    let year = s.app.evaluation_period(&user.actor, id).await?.year;
    let bytes = s.app.export_evaluation(&user.actor, id).await?;
    Ok(crate::upload::attachment(
        crate::features::evaluation::api::XLSX,
        &format!("evaluasi-spbe-{year}.xlsx"),
        bytes,
    ))
}

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/evaluasi", routes::get(list).post(open))
        .route("/evaluasi/tahunan", routes::get(history))
        .route(
            "/evaluasi/impor",
            routes::post(import).body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route("/evaluasi/{id}", routes::get(overview))
        .route("/evaluasi/{id}/penugasan", routes::post(assign))
        .route("/evaluasi/{id}/simulasi", routes::get(simulate))
        .route("/evaluasi/{id}/laporan", routes::get(report))
        .route("/evaluasi/{id}/ekspor.xlsx", routes::get(export))
        .route("/evaluasi/{id}/indikator/{n}", routes::get(indicator))
        .route("/evaluasi/{id}/indikator/{n}/{step}", routes::post(step))
        .route(
            "/evaluasi/{id}/indikator/{n}/bukti",
            routes::post(upload).body_limit(crate::upload::UPLOAD_BODY_LIMIT),
        )
        .route("/evaluasi/{id}/bukti/{evidence}", routes::get(download))
}

/// An evaluation answer's page: its indicator in its period (case id `<period>/<n>`), the
/// `case_link` of this feature.
pub fn case_link(workflow: &str, case: &str) -> Option<String> {
    let (period, n) = case
        .split_once('/')
        .filter(|_| workflow == "evaluation_answer")?;
    Some(format!("/evaluasi/{period}/indikator/{n}"))
}
