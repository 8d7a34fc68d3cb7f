//! One indicator of an evaluation: criteria per level, the answer and its evidence, the
//! forms of the steps the viewer may take now (the workflow kernel's `allowed_steps`) and the
//! answer's timeline; and the what-if sandbox with the ranked priorities.

use crate::error::{Failure, HtmlError};
use crate::extract::{CsrfForm, CurrentUser, PageQuery, Req};
use crate::pages::{after_submit, parse_id, redirect_with_flash, FormState, Page};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;
use simpul_app::evaluation::Step;
use simpul_app::kernel::timeline::TimelineEntry;
use simpul_domain::evaluation::Levels;
use simpul_domain::ids::{EvaluationId, EvidenceId};
use std::collections::BTreeMap;

async fn render(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    id: EvaluationId,
    n: u16,
    form: FormState,
) -> Result<Response, HtmlError> {
    let p = s.app.evaluation_period(&user.actor, id).await?;
    let d = s.app.evaluation_indicator(&user.actor, id, n).await?;
    let levels: Vec<(String, String)> = d
        .criteria
        .iter()
        .map(|c| (c.level.to_string(), format!("{} — {}", c.level, c.name)))
        .collect();
    Page::new(req, Some(user), "evaluasi").render_status(
        form.status,
        "evaluation_indicator.html",
        minijinja::context! {
            levels => levels,
            period => Value::from_serialize(&p),
            d => Value::from_serialize(&d),
            timeline => Value::from_serialize(answer_timeline(d.timeline)),
            errors => form.errors, values => form.values,
        },
    )
}

/// What an answer's timeline shows of each step's changes: what people wrote and the levels,
/// not the bookkeeping (who and when are the entry's own, the status is its transition).
const TIMELINE_FIELDS: &[&str] = &[
    "claimed_level",
    "explanation",
    "reviewer_note",
    "document_level",
    "interview_note",
    "sanggah",
    "validated_level",
];

fn answer_timeline(mut entries: Vec<TimelineEntry>) -> Vec<TimelineEntry> {
    for e in &mut entries {
        e.fields
            .retain(|f| TIMELINE_FIELDS.contains(&f.field.as_str()));
    }
    entries
}

pub async fn detail(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, HtmlError> {
    let (id, n) = (parse_id(&id)?, parse_id(&n)?);
    render(&s, &req, &user, id, n, FormState::default()).await
}

/// Every field any step's form may send.
#[derive(Deserialize, Default)]
pub struct StepForm {
    #[serde(default)]
    level: String,
    #[serde(default)]
    explanation: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    document_level: String,
    #[serde(default)]
    interview_note: String,
    #[serde(default)]
    text: String,
}

/// The posted level; anything that is not a number is 0, which the step rejects with
/// "Tingkat harus 1 sampai 5." on the field.
fn level(v: &str) -> i64 {
    v.trim().parse().unwrap_or(0)
}

/// The step segments of `POST /evaluasi/{id}/indikator/{n}/{step}`, as [`step`] reads them.
pub const STEPS: [&str; 7] = [
    "klaim",
    "ajukan",
    "kembalikan",
    "terima",
    "nilai-dokumen",
    "sanggah",
    "validasi",
];

pub async fn step(
    State(s): State<AppState>,
    req: Req,
    Path((id, n, step)): Path<(String, String, String)>,
    f: CsrfForm<StepForm>,
) -> Result<Response, HtmlError> {
    let (id, n): (EvaluationId, u16) = (parse_id(&id)?, parse_id(&n)?);
    let v = f.form;
    let some = |t: String| Some(t).filter(|t| !t.trim().is_empty());
    let step = match step.as_str() {
        "klaim" => Step::Claim {
            level: level(&v.level),
            explanation: v.explanation,
        },
        "ajukan" => Step::Submit,
        "kembalikan" => Step::Return { note: v.note },
        "terima" => Step::Accept { note: some(v.note) },
        "nilai-dokumen" => Step::Assess {
            document_level: level(&v.document_level),
            interview_note: some(v.interview_note),
        },
        "sanggah" => Step::Sanggah { text: v.text },
        "validasi" => Step::Validate {
            level: level(&v.level),
        },
        _ => return Err(HtmlError(Failure::NotFound)),
    };
    let done = s.app.evaluation_step(&f.user.actor, id, n, &step).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash(&format!("/evaluasi/{id}/indikator/{n}"), "saved"),
        |form| render(&s, &req, &f.user, id, n, form),
    )
    .await
}

pub async fn upload(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path((id, n)): Path<(String, String)>,
    crate::upload::PageMultipart(mp): crate::upload::PageMultipart,
) -> Result<Response, HtmlError> {
    let (id, n): (EvaluationId, u16) = (parse_id(&id)?, parse_id(&n)?);
    let form = crate::upload::read(mp).await?;
    if !crate::extract::same_secret(&form.csrf, &user.csrf) {
        return Err(HtmlError(Failure::Csrf));
    }
    let (title, filename) = (&form.title, &form.filename);
    let done = s
        .app
        .upload_evidence(&user.actor, id, n, title, filename, &form.content)
        .await;
    // An uploaded file is not shown again: the fields stay empty.
    after_submit(
        req.lang,
        &[],
        done,
        |_| redirect_with_flash(&format!("/evaluasi/{id}/indikator/{n}"), "saved"),
        |form| render(&s, &req, &user, id, n, form),
    )
    .await
}

pub async fn download(
    State(s): State<AppState>,
    user: CurrentUser,
    Path((id, e)): Path<(String, String)>,
) -> Result<Response, HtmlError> {
    let (id, e): (EvaluationId, EvidenceId) = (parse_id(&id)?, parse_id(&e)?);
    let (row, bytes) = s.app.download_evidence(&user.actor, id, e).await?;
    Ok(crate::upload::attachment(
        &row.media_type,
        &row.filename,
        bytes,
    ))
}

/// The what-if sandbox: `l<n>=<level>` in the query changes indicator `n`; nothing is stored.
pub async fn simulate(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
    PageQuery(q): PageQuery<BTreeMap<String, String>>,
) -> Result<Response, HtmlError> {
    let id: EvaluationId = parse_id(&id)?;
    let mut changes = Levels::new();
    for (k, v) in &q {
        let n = k.strip_prefix('l').and_then(|n| n.parse::<u16>().ok());
        if let (Some(n), Ok(l)) = (n, v.trim().parse::<u8>()) {
            // Out-of-range levels are ignored: the sandbox only ever shows valid levels.
            let _ = changes.set(n, l);
        }
    }
    let ov = s.app.evaluation_overview(&user.actor, id).await?;
    let sim = s.app.simulate_evaluation(&user.actor, id, &changes).await?;
    // Every indicator's level in the sandbox, 0 for none (the form's select needs a value).
    let current: BTreeMap<String, u8> = ov
        .indicators
        .iter()
        .map(|i| {
            let l = sim.levels.get(i.number).map_or(0, |l| l.get());
            (i.number.to_string(), l)
        })
        .collect();
    Page::new(&req, Some(&user), "evaluasi").render(
        "evaluation_simulation.html",
        minijinja::context! {
            current => current,
            ov => Value::from_serialize(&ov),
            sim => Value::from_serialize(&sim),
        },
    )
}
