//! Compliance pages (issue 4): overview per rule and per PD with history, findings list and
//! detail with the regulation's text, the decisions on a finding, the report for the Sekda
//! and head of region (printable page and XLSX), the rule pack choice.

use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, PageQuery, Req};
use crate::i18n::{self, Lang};
use crate::pages::{after_submit, base_url, options, redirect_with_flash, FormState, Page};
use crate::router::AppState;
use crate::routes::{self, Table};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use minijinja::Value;
use serde::{Deserialize, Serialize};
use simpul_app::compliance::policy;
use simpul_app::kernel::timeline::TimelineEntry;
use simpul_domain::compliance::Detail;
use simpul_domain::workflow::Code;
use simpul_store::findings::{Finding, FindingFilter, StatusFilter};
use simpul_store::Paging;
use std::collections::BTreeMap;

const STATUSES: [&str; 5] = ["aktif", "terbuka", "diakui", "diselesaikan", "dikecualikan"];
const SEVERITIES: [&str; 3] = ["tinggi", "sedang", "rendah"];

/// A finding's detail in words: `finding.<key>` with its arguments, document codes named.
pub fn describe(lang: Lang, d: &Detail) -> String {
    let mut args: Vec<(&str, String)> = Vec::new();
    for (k, v) in &d.args {
        let shown = match k.as_str() {
            "docs" => v
                .split(", ")
                .map(|c| i18n::t(lang, &format!("doc.{c}")))
                .collect::<Vec<_>>()
                .join("; "),
            "what" => i18n::t(lang, &format!("what.{v}")),
            "developer" | "frequency" | "app_type" => i18n::t(lang, &format!("compliance.opt_{v}")),
            _ => v.clone(),
        };
        args.push((k.as_str(), shown));
    }
    let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    i18n::tf(lang, &format!("finding.{}", d.key), &refs)
}

/// A finding as the templates show it.
#[derive(Serialize)]
struct FindingView<'a> {
    #[serde(flatten)]
    f: &'a Finding,
    text: String,
    link: Option<String>,
}

fn subject_link(f: &Finding) -> Option<String> {
    match f.subject_kind.as_str() {
        "pd" => Some(format!("/pd/{}", f.subject_id)),
        "region" => None,
        kind => simpul_domain::catalogue::EntityKind::from_code(kind)
            .map(|k| k.record_path(&f.subject_id)),
    }
}

fn views(lang: Lang, items: &[Finding]) -> Vec<FindingView<'_>> {
    items
        .iter()
        .map(|f| FindingView {
            f,
            text: describe(lang, &f.detail),
            link: subject_link(f),
        })
        .collect()
}

pub async fn overview(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    let o = s.app.compliance_overview(&user.actor).await?;
    let packs: Vec<(String, String)> = simpul_app::compliance::packs()
        .map(|ps| {
            ps.iter()
                .map(|p| {
                    (
                        p.region.slug.to_string(),
                        format!("{} ({})", p.region.name, p.instrument.short()),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let chart = history_points(&o.history);
    Page::new(&req, Some(&user), "compliance").render(
        "compliance.html",
        minijinja::context! {
            o => Value::from_serialize(&o),
            chart => chart,
            packs => packs,
            can_run => policy::run_compliance(&user.actor).is_ok(),
        },
    )
}

/// Points of the compliance-over-time line (x 0..600, y 0..150 for 0..100 %).
fn history_points(h: &[simpul_store::findings::DayTally]) -> Vec<(i64, i64, String, i64)> {
    let n = h.len().max(2) as i64 - 1;
    h.iter()
        .enumerate()
        .map(|(i, d)| {
            let pct = if d.applicable == 0 {
                100
            } else {
                d.met * 100 / d.applicable
            };
            (
                i as i64 * 600 / n,
                150 - pct * 150 / 100,
                d.day.clone(),
                pct,
            )
        })
        .collect()
}

#[derive(Deserialize, Serialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    pd: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    severity: String,
    #[serde(default, skip_serializing)]
    page: Option<i64>,
}

pub async fn list(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, HtmlError> {
    let status = q.status.clone().unwrap_or_else(|| "aktif".into());
    let filter = FindingFilter {
        pd: q.pd.parse().ok(),
        status: StatusFilter::from_code(&status).unwrap_or_default(),
        rule: q.rule.chars().take(10).collect(),
        severity: if SEVERITIES.contains(&q.severity.as_str()) {
            q.severity.clone()
        } else {
            String::new()
        },
    };
    let page = s
        .app
        .findings(&user.actor, filter, Paging::new(q.page, Some(50)))
        .await?;
    let pds: Vec<(String, String)> = if policy::findings_scope(&user.actor).is_some() {
        Vec::new()
    } else {
        crate::pages::pd_pairs(&s.app, &user.actor).await?
    };
    let overview = s.app.compliance_overview(&user.actor).await?;
    let rules: Vec<(String, String)> = overview
        .rules
        .iter()
        .map(|r| {
            (
                r.config.rule.code().to_owned(),
                format!(
                    "{} · {}",
                    r.config.rule.code(),
                    i18n::t(req.lang, &format!("rule.{}", r.config.rule.code()))
                ),
            )
        })
        .collect();
    let lang = req.lang;
    Page::new(&req, Some(&user), "findings").render(
        "finding_list.html",
        minijinja::context! {
            items => Value::from_serialize(views(lang, &page.items)),
            page => Value::from_serialize(&page), pages => page.pages(),
            f => minijinja::context! { pd => q.pd, status => status, rule => q.rule, severity => q.severity },
            pds => pds, rules => rules,
            statuses => options(lang, &STATUSES, |s| s, "finding_status"),
            severities => options(lang, &SEVERITIES, |s| s, "severity"),
            base_url => base_url("/temuan", &ListQuery { status: Some(status.clone()), ..q }),
        },
    )
}

pub async fn detail(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    render_detail(&s, &req, &user, &id, FormState::default()).await
}

/// The notes the compliance engine writes on the steps it takes, by code.
const ENGINE_NOTES: &[&str] = &["muncul_kembali", "data_memenuhi", "aturan_tidak_berlaku"];

/// A finding's timeline for people: the engine's steps say so, with their notes in words.
fn finding_timeline(lang: Lang, mut entries: Vec<TimelineEntry>) -> Vec<TimelineEntry> {
    for e in entries.iter_mut().filter(|e| e.role == "system") {
        e.actor = i18n::t(lang, "findings.engine");
        if let Some(c) = e
            .comment
            .as_mut()
            .filter(|c| ENGINE_NOTES.contains(&c.as_str()))
        {
            *c = i18n::t(lang, &format!("finding_note.{c}"));
        }
    }
    entries
}

async fn render_detail(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    id: &str,
    form: FormState,
) -> Result<Response, HtmlError> {
    let d = s.app.finding_detail(&user.actor, id).await?;
    let steps: Vec<&str> = d.steps.iter().map(|s| s.code()).collect();
    Page::new(req, Some(user), "findings").render_status(
        form.status,
        "finding_detail.html",
        minijinja::context! {
            d => Value::from_serialize(&d),
            timeline => Value::from_serialize(finding_timeline(req.lang, d.timeline.clone())),
            text => describe(req.lang, &d.finding.detail),
            link => subject_link(&d.finding),
            steps => steps,
            errors => form.errors,
        },
    )
}

#[derive(Deserialize, Default)]
pub struct DecisionForm {
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    reason: String,
}

pub async fn acknowledge(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<DecisionForm>,
) -> Result<Response, HtmlError> {
    let r = s
        .app
        .acknowledge_finding(&f.user.actor, &id, f.form.note.as_deref())
        .await;
    decided(&s, &req, &f, &id, r.map(|_| ())).await
}

pub async fn except(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<DecisionForm>,
) -> Result<Response, HtmlError> {
    let r = s
        .app
        .except_finding(&f.user.actor, &id, &f.form.reason)
        .await;
    decided(&s, &req, &f, &id, r.map(|_| ())).await
}

pub async fn lift(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<DecisionForm>,
) -> Result<Response, HtmlError> {
    let r = s.app.lift_exception(&f.user.actor, &id).await;
    decided(&s, &req, &f, &id, r.map(|_| ())).await
}

async fn decided(
    s: &AppState,
    req: &Req,
    f: &CsrfForm<DecisionForm>,
    id: &str,
    r: simpul_app::Result<()>,
) -> Result<Response, HtmlError> {
    // Someone else decided first (the page offered a step no longer possible).
    if let Err(simpul_app::AppError::WrongState) = r {
        return Ok(redirect_with_flash(
            &format!("/temuan/{id}"),
            "finding_changed",
        ));
    }
    after_submit(
        req.lang,
        &f.raw,
        r,
        |()| redirect_with_flash(&format!("/temuan/{id}"), "saved"),
        |form| render_detail(s, req, &f.user, id, form),
    )
    .await
}

pub async fn run(
    State(s): State<AppState>,
    f: CsrfForm<BTreeMap<String, String>>,
) -> Result<Response, HtmlError> {
    s.app.run_compliance(&f.user.actor).await?;
    Ok(redirect_with_flash("/kepatuhan", "evaluated"))
}

#[derive(Deserialize, Default)]
pub struct PackForm {
    #[serde(default)]
    pack: String,
}

pub async fn set_pack(
    State(s): State<AppState>,
    f: CsrfForm<PackForm>,
) -> Result<Response, HtmlError> {
    let slug = Some(f.form.pack.as_str())
        .filter(|p| !p.is_empty() && *p != f.user.actor.region().as_str());
    s.app.set_rule_pack(&f.user.actor, slug).await?;
    Ok(redirect_with_flash("/kepatuhan", "evaluated"))
}

pub async fn report(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    let o = s.app.compliance_overview(&user.actor).await?;
    let all = s
        .app
        .findings(
            &user.actor,
            FindingFilter {
                status: StatusFilter::Active,
                ..Default::default()
            },
            Paging::new(Some(1), Some(5000)),
        )
        .await?;
    let region = s.app.region(user.actor.region()).await?;
    let lang = req.lang;
    Page::new(&req, Some(&user), "compliance").render(
        "compliance_report.html",
        minijinja::context! {
            o => Value::from_serialize(&o),
            region => Value::from_serialize(&region),
            items => Value::from_serialize(views(lang, &all.items)),
            total => all.total,
            today => simpul_domain::now_utc().date().to_string(),
        },
    )
}

pub async fn report_xlsx(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    let lang = req.lang;
    let describe = move |d: &Detail| describe(lang, d);
    let rule_name = move |code: &str| i18n::t(lang, &format!("rule.{code}"));
    let bytes = s
        .app
        .compliance_report_xlsx(&user.actor, &describe, &rule_name)
        .await?;
    let name = format!(
        "kepatuhan-spbe-{}-{}.xlsx",
        user.actor.region(),
        simpul_domain::now_utc().date()
    );
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/kepatuhan", routes::get(overview))
        .route("/kepatuhan/evaluasi", routes::post(run))
        .route("/kepatuhan/paket", routes::post(set_pack))
        .route("/kepatuhan/laporan", routes::get(report))
        .route("/kepatuhan/laporan.xlsx", routes::get(report_xlsx))
        .route("/temuan", routes::get(list))
        .route("/temuan/{id}", routes::get(detail))
        .route("/temuan/{id}/akui", routes::post(acknowledge))
        .route("/temuan/{id}/kecualikan", routes::post(except))
        .route("/temuan/{id}/buka", routes::post(lift))
}

/// A finding's page. (the `case_link` of this feature).
pub fn case_link(workflow: &str, case: &str) -> Option<String> {
    (workflow == "finding").then(|| format!("/temuan/{case}"))
}
