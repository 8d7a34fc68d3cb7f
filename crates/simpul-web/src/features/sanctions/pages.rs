//! Sanction pages (SAN-1): list, proposal form, detail with the decision form, the signed
//! decision download, and the page publishing the platform's public key.

use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, PageQuery, Req};
use crate::pages::{
    after_submit, base_url, options, parse_id, redirect_with_flash, FormState, Page,
};
use crate::router::AppState;
use crate::routes::{self, Table};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use minijinja::Value;
use serde::{Deserialize, Serialize};
use simpul_domain::ids::{PdId, SanctionId};
use simpul_domain::sanction::{DecisionInput, ProposalInput, SanctionStatus};
use simpul_store::Paging;
use std::collections::BTreeMap;

#[derive(Deserialize, Serialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default, skip_serializing)]
    page: Option<i64>,
}

pub async fn list(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, HtmlError> {
    let status = SanctionStatus::from_code(&q.status);
    let page = s
        .app
        .list_sanctions(&user.actor, status, Paging::new(q.page, Some(25)))
        .await?;
    let pages = page.pages();
    Page::new(&req, Some(&user), "sanctions").render(
        "sanction_list.html",
        minijinja::context! {
            page => Value::from_serialize(&page), pages => pages,
            f => minijinja::context! { status => q.status },
            statuses => options(req.lang, &SanctionStatus::ALL, SanctionStatus::code, "sanction_status"),
            can_propose => s.app.sanction_opening_steps(&user.actor).await?.iter().any(|x| x == "propose"),
            base_url => base_url("/sanksi", &q),
        },
    )
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    /// The PD chosen in the form's own `pd_id` select ("Tampilkan temuan"); `pd` is kept for
    /// links.
    #[serde(default, alias = "pd")]
    pd_id: String,
}

async fn render_form(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    form: FormState,
    chosen: Vec<String>,
) -> Result<Response, HtmlError> {
    let a = &user.actor;
    let article = s.app.proposal_article(a).await?;
    let pds: Vec<(String, String)> = crate::pages::pd_pairs(&s.app, a).await?;
    let pd: Option<PdId> = form
        .values
        .get_attr("pd_id")
        .ok()
        .and_then(|p| p.as_str().and_then(|p| p.parse().ok()));
    let findings = match pd {
        Some(pd) => s.app.sanctionable_findings(a, pd).await?,
        None => Vec::new(),
    };
    let kinds: Vec<(String, String)> = article
        .kinds
        .iter()
        .map(|(k, w)| (k.code().to_owned(), (*w).to_owned()))
        .collect();
    Page::new(req, Some(user), "sanctions").render_status(
        form.status,
        "sanction_form.html",
        minijinja::context! {
            v => form.values, errors => form.errors, chosen => chosen,
            pds => pds,
            findings => Value::from_serialize(&findings),
            kinds => kinds,
            legal_basis => article.citation().full(),
            legal_text => article.text,
            grounds => article.grounds.iter().map(|g| minijinja::context! {
                citation => format!("Pasal {} ayat ({}) {}", article.pasal, g.ayat, article.instrument),
                text => g.text, obligation => g.obligation, cited_as => g.cited_as, rules => g.rules,
            }).collect::<Vec<_>>(),
        },
    )
}

pub async fn new_form(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    PageQuery(q): PageQuery<NewQuery>,
) -> Result<Response, HtmlError> {
    let v = BTreeMap::from([("pd_id", q.pd_id)]);
    render_form(&s, &req, &user, FormState::new(Value::from(v)), vec![]).await
}

#[derive(Deserialize, Default)]
pub struct ProposalForm {
    #[serde(default)]
    pd_id: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    reason: String,
}

pub async fn create(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<ProposalForm>,
) -> Result<Response, HtmlError> {
    // Ticked findings arrive as repeated `finding_ids` fields.
    let chosen: Vec<String> = f
        .raw
        .iter()
        .filter(|(k, _)| k == "finding_ids")
        .map(|(_, v)| v.clone())
        .collect();
    let input = ProposalInput {
        pd_id: f.form.pd_id.clone(),
        kind: f.form.kind.clone(),
        finding_ids: chosen.clone(),
        reason: f.form.reason.clone(),
    };
    let done = s.app.propose_sanction(&f.user.actor, &input).await;
    // The fields shown again are the form's own (the ticked findings are `chosen`).
    let ProposalForm {
        pd_id,
        kind,
        reason,
    } = f.form;
    let v = BTreeMap::from([("pd_id", pd_id), ("kind", kind), ("reason", reason)]);
    after_submit(
        req.lang,
        &f.raw,
        done,
        |x| redirect_with_flash(&format!("/sanksi/{}", x.id), "sanction_proposed"),
        |form| {
            let form = FormState {
                values: Value::from(v),
                ..form
            };
            render_form(&s, &req, &f.user, form, chosen)
        },
    )
    .await
}

async fn render_detail(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    id: SanctionId,
    form: FormState,
) -> Result<Response, HtmlError> {
    let view = s.app.get_sanction(&user.actor, id).await?;
    let verification = match view.sanction.signed {
        true => {
            let export = s.app.sanction_export(&user.actor, id).await?;
            Some(s.app.verify_export(&export)?)
        }
        false => None,
    };
    let names = crate::pages::pd_names(&s.app, &user.actor).await?;
    let timeline = s
        .app
        .timeline(&user.actor, "sanction", &id.to_string())
        .await?;
    let hist = crate::pages::history::rows(
        req.lang,
        &names,
        s.app
            .history(&user.actor, "sanction", &id.to_string())
            .await?,
    );
    Page::new(req, Some(user), "sanctions").render_status(
        form.status,
        "sanction_detail.html",
        minijinja::context! {
            s => Value::from_serialize(&view),
            timeline => Value::from_serialize(&timeline),
            verified => verification.as_ref().map(|r| r.is_ok()),
            verify_error => verification.and_then(|r| r.err()),
            history => Value::from_serialize(&hist),
            errors => form.errors, values => form.values,
        },
    )
}

pub async fn detail(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: SanctionId = parse_id(&id)?;
    render_detail(&s, &req, &user, id, FormState::default()).await
}

pub async fn decide(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<DecisionInput>,
) -> Result<Response, HtmlError> {
    let id: SanctionId = parse_id(&id)?;
    let done = s.app.decide_sanction(&f.user.actor, id, &f.form).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash(&format!("/sanksi/{id}"), "sanction_decided"),
        |form| render_detail(&s, &req, &f.user, id, form),
    )
    .await
}

/// The signed decision file, as an attachment.
pub async fn export(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: SanctionId = parse_id(&id)?;
    let export = s.app.sanction_export(&user.actor, id).await?;
    Ok(signed_file(&export, &id))
}

/// The response carrying a signed export file.
pub fn signed_file(export: &simpul_domain::signing::SignedExport, id: &SanctionId) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"keputusan-sanksi-{id}.json\""),
            ),
        ],
        export.to_file(),
    )
        .into_response()
}

/// The public key for people: how to verify a decision file.
pub async fn key_page(
    State(s): State<AppState>,
    req: Req,
    MaybeUser(user): MaybeUser,
) -> Result<Response, HtmlError> {
    let key = s.app.public_key_hex()?;
    Page::new(&req, user.as_ref(), "sanctions").render(
        "signing_key.html",
        minijinja::context! { public_key => key },
    )
}

/// `/.well-known/simpul-signing-key`: the public key as hex text.
pub async fn well_known_key(State(s): State<AppState>) -> Result<Response, HtmlError> {
    let key = s.app.public_key_hex()?;
    Ok((
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{key}\n"),
    )
        .into_response())
}

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/sanksi", routes::get(list).post(create))
        .route("/sanksi/baru", routes::get(new_form))
        .route("/sanksi/{id}", routes::get(detail))
        .route("/sanksi/{id}/keputusan", routes::post(decide))
        .route("/sanksi/{id}/keputusan.json", routes::get(export))
        .route("/kunci-tanda-tangan", routes::get(key_page))
        .route(
            "/.well-known/simpul-signing-key",
            routes::get(well_known_key),
        )
}

/// A sanction's page. (the `case_link` of this feature).
pub fn case_link(workflow: &str, case: &str) -> Option<String> {
    (workflow == "sanction").then(|| format!("/sanksi/{case}"))
}
