//! A record's page (links, history, documents, findings) and what is done from it: retire,
//! reactivate, link, unlink, the impact view.

use super::fields::field_views;
use super::kind_of;
use crate::error::{Failure, HtmlError};
use crate::extract::{CsrfForm, CurrentUser, PageQuery, Req};
use crate::i18n::{self};
use crate::pages::{
    after_submit, history, parse_id, pd_names, redirect_with_flash, FormState, Page,
};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;
use simpul_app::catalogue::policy;
use simpul_domain::catalogue::{EntityKind, Record};
use simpul_domain::ids::RecordId;
use simpul_store::records::RecordFilter;
use simpul_store::Paging;

#[derive(Deserialize, Default)]
pub struct DetailQuery {
    #[serde(default)]
    link_q: String,
}

pub async fn detail(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path((kind, id)): Path<(String, String)>,
    PageQuery(q): PageQuery<DetailQuery>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    render_detail(&s, &req, &user, kind, id, &q.link_q, FormState::default()).await
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn render_detail(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    kind: EntityKind,
    id: RecordId,
    link_q: &str,
    form: FormState,
) -> Result<Response, HtmlError> {
    let d = s.app.record_detail(&user.actor, id).await?;
    if d.record.kind != kind {
        return Err(HtmlError(Failure::NotFound));
    }
    let names = pd_names(&s.app, &user.actor).await?;
    let hist = history::rows(
        req.lang,
        &names,
        s.app
            .history(&user.actor, kind.code(), &id.to_string())
            .await?,
    );
    let docs = s.app.record_documents(&user.actor, id).await?;
    let restricted_documents = docs.restricted;
    let docs: Vec<Value> = docs.visible.iter().map(Value::from_serialize).collect();
    let opt = |codes: &[&str], prefix: &str| {
        codes
            .iter()
            .map(|c| (c.to_string(), i18n::t(req.lang, &format!("{prefix}.{c}"))))
            .collect::<Vec<_>>()
    };
    let doc_types = opt(simpul_domain::catalogue::DocType::CODES, "doc");
    let classifications = opt(simpul_domain::catalogue::Classification::CODES, "opt");
    let can_edit = policy::write_record_of(&user.actor, kind, d.record.pd_id).is_ok();
    let targets: Vec<&str> = simpul_domain::catalogue::RELATIONS
        .iter()
        .filter(|r| r.from == kind)
        .map(|r| r.to.code())
        .collect();
    let candidates = if can_edit && !link_q.trim().is_empty() && !targets.is_empty() {
        let f = RecordFilter {
            q: link_q.chars().take(100).collect(),
            ..Default::default()
        };
        let found = s
            .app
            .list_records(&user.actor, &f, Paging::new(Some(1), Some(50)))
            .await?;
        found
            .items
            .into_iter()
            .filter(|r| targets.contains(&r.kind.code()) && r.id != id)
            .take(15)
            .collect::<Vec<Record>>()
    } else {
        Vec::new()
    };
    let found = s
        .app
        .findings_of(&user.actor, &d.record.id.to_string())
        .await?;
    let findings: Vec<(String, String, String)> = found
        .iter()
        .map(|f| {
            (
                f.id.clone(),
                f.rule.clone(),
                crate::features::compliance::pages::describe(req.lang, &f.detail),
            )
        })
        .collect();
    let concepts = s.app.region_concepts(&user.actor).await?;
    Page::new(req, Some(user), "catalogue").render_status(
        form.status,
        "record_detail.html",
        minijinja::context! {
            kind => kind.code(), r => Value::from_serialize(&d.record),
            fields => Value::from_serialize(field_views(req.lang, concepts, kind, &d.record.data, &names)),
            pd_name => names.get(&d.record.pd_id.to_string()).cloned().unwrap_or_default(),
            depends_on => Value::from_serialize(&d.depends_on), depended_on_by => Value::from_serialize(&d.depended_on_by),
            can_edit => can_edit, link_targets => targets, link_q => link_q, candidates => Value::from_serialize(&candidates),
            history => Value::from_serialize(&hist), errors => form.errors,
            documents => docs, restricted_documents => restricted_documents, doc_types => doc_types, classifications => classifications,
            accepted => simpul_domain::catalogue::document::accepted_extensions(),
            findings => findings,
        },
    )
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    pub(super) reason: String,
}

pub async fn retire(
    State(s): State<AppState>,
    req: Req,
    Path((kind, id)): Path<(String, String)>,
    f: CsrfForm<ReasonForm>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    let done = s
        .app
        .retire_record(&f.user.actor, id, Some(&f.form.reason))
        .await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash(&kind.record_path(id), "saved"),
        |form| render_detail(&s, &req, &f.user, kind, id, "", form),
    )
    .await
}

pub async fn reactivate(
    State(s): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
    f: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    s.app.retire_record(&f.user.actor, id, None).await?;
    Ok(redirect_with_flash(&kind.record_path(id), "saved"))
}

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    relation: String,
}

pub async fn link(
    State(s): State<AppState>,
    req: Req,
    Path((kind, id)): Path<(String, String)>,
    f: CsrfForm<LinkForm>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    let to: RecordId = f.form.to.parse().map_err(|_| {
        HtmlError(Failure::Invalid(vec![simpul_domain::FieldError::new(
            "to", "invalid",
        )]))
    })?;
    let done = s.app.link_records(&f.user.actor, id, to).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash(&kind.record_path(id), "saved"),
        |form| render_detail(&s, &req, &f.user, kind, id, "", form),
    )
    .await
}

pub async fn unlink(
    State(s): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
    f: CsrfForm<LinkForm>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    let to: RecordId = parse_id(&f.form.to)?;
    s.app
        .unlink_records(&f.user.actor, id, to, &f.form.relation)
        .await?;
    Ok(redirect_with_flash(&kind.record_path(id), "saved"))
}

pub async fn impact(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    let r = s.app.get_record(&user.actor, id).await?;
    if r.kind != kind {
        return Err(HtmlError(Failure::NotFound));
    }
    let impacted = s.app.impact(&user.actor, id).await?;
    let names = pd_names(&s.app, &user.actor).await?;
    Page::new(&req, Some(&user), "catalogue").render(
        "record_impact.html",
        minijinja::context! { kind => kind.code(), r => Value::from_serialize(&r), impacted => Value::from_serialize(&impacted), pd_names => names },
    )
}
