//! Catalogue pages (issue 3): overview, list with search and filters, detail with links,
//! history and impact view, create/edit forms generated from each kind's field list, retire.

use crate::error::{Failure, HtmlError};
use crate::extract::{CsrfForm, CurrentUser, PageQuery, Req};
use crate::i18n::{self, Lang};
use crate::pages::{
    base_url, form_failure, history, parse_id, pd_names, redirect_with_flash, Page,
};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::Value;
use serde::{Deserialize, Serialize};
use simpul_app::catalogue::policy;
use simpul_domain::catalogue::{EntityKind, FieldKind, Record, RecordInput};
use simpul_domain::compliance::Concepts;
use simpul_domain::ids::{PdId, RecordId};
use simpul_store::records::{RecordFilter, RecordSort, COUNT_CAP};
use simpul_store::Paging;
use std::collections::BTreeMap;

fn kind_of(s: &str) -> Result<EntityKind, HtmlError> {
    EntityKind::from_slug(s).ok_or(HtmlError(Failure::NotFound))
}

fn kinds(lang: Lang) -> Vec<(String, String)> {
    EntityKind::ALL
        .iter()
        .map(|k| {
            (
                k.code().to_owned(),
                i18n::t(lang, &format!("kind.{}", k.code())),
            )
        })
        .collect()
}

pub async fn index(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    let a = &user.actor;
    let all: BTreeMap<&str, i64> = s
        .app
        .record_counts(a, None)
        .await?
        .into_iter()
        .map(|(k, n)| (k.code(), n))
        .collect();
    let own: BTreeMap<&str, i64> = match a.pd() {
        Some(pd) => s
            .app
            .record_counts(a, Some(pd))
            .await?
            .into_iter()
            .map(|(k, n)| (k.code(), n))
            .collect(),
        None => BTreeMap::new(),
    };
    let rows: Vec<Value> = EntityKind::ALL
        .iter()
        .map(|k| minijinja::context! { code => k.code(), all => all.get(k.code()).copied().unwrap_or(0), own => own.get(k.code()).copied().unwrap_or(0) })
        .collect();
    Page::new(&req, Some(&user), "catalogue").render(
        "catalogue_index.html",
        minijinja::context! { rows => rows, own_pd => a.pd().map(|p| p.to_string()) },
    )
}

#[derive(Deserialize, Serialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    pd: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    sort: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retired: Option<String>,
    /// Data filters of the kind (datasets: classification, update frequency, last update).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    classification: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    update_frequency: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    last_updated_before: String,
    #[serde(default, skip_serializing)]
    page: Option<i64>,
}

impl ListQuery {
    fn param(&self, name: &str) -> Option<&str> {
        match name {
            "classification" => Some(&self.classification),
            "update_frequency" => Some(&self.update_frequency),
            "last_updated_before" => Some(&self.last_updated_before),
            _ => None,
        }
    }
}

pub async fn list(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(kind): Path<String>,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    // A malformed filter value in a link is simply no filter.
    let (data_eq, data_before) = kind.parse_list_filters(|n| q.param(n)).unwrap_or_default();
    let f = RecordFilter {
        data_eq,
        data_before,
        kind: Some(kind),
        pd: q.pd.parse::<PdId>().ok(),
        status: kind
            .statuses()
            .iter()
            .find(|st| **st == q.status)
            .map(|st| st.to_string()),
        q: q.q.chars().take(200).collect(),
        include_retired: q.retired.is_some(),
        sort: RecordSort::parse(&q.sort).unwrap_or_default(),
    };
    let (option_filters, date_filter) = kind.list_filters();
    let data_filters: Vec<Value> = option_filters
        .iter()
        .map(|name| {
            let options: Vec<(String, String)> = kind
                .fields()
                .iter()
                .find(|f| f.name == *name)
                .map(|f| match f.kind {
                    FieldKind::Enum(c) => c
                        .iter()
                        .map(|c| (c.to_string(), i18n::t(req.lang, &format!("opt.{c}"))))
                        .collect(),
                    _ => Vec::new(),
                })
                .unwrap_or_default();
            minijinja::context! { name => name, label => i18n::t(req.lang, &format!("field.{name}")), options => options, value => q.param(name).unwrap_or_default() }
        })
        .collect();
    let date_filter = date_filter.map(|name| {
        let param = format!("{name}_before");
        minijinja::context! { name => param, label => i18n::tf(req.lang, "catalogue.filter_before", &[("field", &i18n::t(req.lang, &format!("field.{name}")))]), value => q.param(&param).unwrap_or_default() }
    });
    let page = s
        .app
        .list_records(&user.actor, &f, Paging::new(q.page, Some(25)))
        .await?;
    let names = pd_names(&s.app, &user.actor).await?;
    let statuses: Vec<(String, String)> = kind
        .statuses()
        .iter()
        .map(|st| (st.to_string(), i18n::t(req.lang, &format!("status.{st}"))))
        .collect();
    Page::new(&req, Some(&user), "catalogue").render(
        "record_list.html",
        minijinja::context! {
            kind => kind.code(), page => Value::from_serialize(&page), pages => page.pages(), capped => page.total > COUNT_CAP,
            f => minijinja::context! { q => q.q, pd => q.pd, status => q.status, sort => if q.sort.is_empty() { "name".to_owned() } else { q.sort.clone() }, retired => q.retired.is_some() },
            pd_names => names, statuses => statuses, data_filters => data_filters, date_filter => date_filter,
            can_create => policy::write_catalogue(&user.actor, kind).is_ok(),
            base_url => base_url(&kind.page_path(), &q),
        },
    )
}

/// One field of a record for display or editing.
#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    label: String,
    widget: &'static str,
    required: bool,
    options: Vec<(String, String)>,
    value: String,
    values: Vec<String>,
    checked: bool,
    display: String,
}

fn value_text(v: Option<&serde_json::Value>) -> String {
    match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The label of an option code. Where the region's regulation has no PD Mandiri TIK, the
/// builder `pd_mandiri_tik` is the PD building its own system and is named so (issue 9.11).
fn opt_label(lang: Lang, concepts: Concepts, code: &str) -> String {
    if code == "pd_mandiri_tik" && !concepts.pd_mandiri_tik {
        return i18n::t(lang, "opt.pd_sendiri");
    }
    i18n::t(lang, &format!("opt.{code}"))
}

fn field_views(
    lang: Lang,
    concepts: Concepts,
    kind: EntityKind,
    data: &serde_json::Map<String, serde_json::Value>,
    pds: &BTreeMap<String, String>,
) -> Vec<FieldView> {
    let opt = |codes: &[&str]| {
        codes
            .iter()
            .map(|c| (c.to_string(), opt_label(lang, concepts, c)))
            .collect::<Vec<_>>()
    };
    kind.fields()
        .iter()
        .map(|f| {
            let raw = data.get(f.name);
            let value = value_text(raw);
            let values: Vec<String> = raw
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let checked = raw.and_then(|v| v.as_bool()).unwrap_or(false);
            let (widget, options) = match f.kind {
                FieldKind::Text(_) | FieldKind::Host => ("text", vec![]),
                FieldKind::LongText => ("textarea", vec![]),
                FieldKind::Enum(c) => ("select", opt(c)),
                FieldKind::Multi(c) => ("multi", opt(c)),
                FieldKind::Bool => ("checkbox", vec![]),
                FieldKind::Date => ("date", vec![]),
                FieldKind::Url => ("url", vec![]),
                FieldKind::Year => ("number", vec![]),
                FieldKind::Pd => (
                    "select",
                    pds.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                ),
            };
            let display = match f.kind {
                FieldKind::Enum(_) if !value.is_empty() => opt_label(lang, concepts, &value),
                FieldKind::Multi(_) => values
                    .iter()
                    .map(|v| opt_label(lang, concepts, v))
                    .collect::<Vec<_>>()
                    .join(", "),
                FieldKind::Bool => i18n::t(lang, if checked { "common.yes" } else { "common.no" }),
                FieldKind::Pd => pds.get(&value).cloned().unwrap_or_default(),
                _ => value.clone(),
            };
            FieldView {
                name: f.name,
                label: i18n::t(lang, &format!("field.{}", f.name)),
                widget,
                required: f.required,
                options,
                value,
                values,
                checked,
                display,
            }
        })
        .collect()
}

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
    render_detail(
        &s,
        &req,
        &user,
        kind,
        id,
        &q.link_q,
        StatusCode::OK,
        BTreeMap::new(),
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render_detail(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    kind: EntityKind,
    id: RecordId,
    link_q: &str,
    status: StatusCode,
    errors: BTreeMap<String, String>,
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
        status,
        "record_detail.html",
        minijinja::context! {
            kind => kind.code(), r => Value::from_serialize(&d.record),
            fields => Value::from_serialize(field_views(req.lang, concepts, kind, &d.record.data, &names)),
            pd_name => names.get(&d.record.pd_id.to_string()).cloned().unwrap_or_default(),
            depends_on => Value::from_serialize(&d.depends_on), depended_on_by => Value::from_serialize(&d.depended_on_by),
            can_edit => can_edit, link_targets => targets, link_q => link_q, candidates => Value::from_serialize(&candidates),
            history => Value::from_serialize(&hist), errors => errors,
            documents => docs, restricted_documents => restricted_documents, doc_types => doc_types, classifications => classifications,
            accepted => simpul_domain::catalogue::document::accepted_extensions(),
            findings => findings,
        },
    )
}

fn input_from_raw(kind: EntityKind, raw: &[(String, String)]) -> RecordInput {
    let get = |k: &str| {
        raw.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    let mut data = serde_json::Map::new();
    for f in kind.fields() {
        let v = match f.kind {
            FieldKind::Multi(_) => serde_json::Value::Array(
                raw.iter()
                    .filter(|(n, _)| n == f.name)
                    .map(|(_, v)| serde_json::Value::String(v.clone()))
                    .collect(),
            ),
            FieldKind::Bool => serde_json::Value::Bool(get(f.name).is_some()),
            _ => match get(f.name) {
                Some(v) => serde_json::Value::String(v),
                None => continue,
            },
        };
        data.insert(f.name.to_owned(), v);
    }
    RecordInput {
        pd_id: get("pd_id").unwrap_or_default(),
        name: get("name").unwrap_or_default(),
        code: get("code"),
        status: get("status").unwrap_or_default(),
        ref_code: get("ref_code"),
        description: get("description"),
        data,
    }
}

#[allow(clippy::too_many_arguments)]
async fn render_form(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    kind: EntityKind,
    id: Option<RecordId>,
    input: &RecordInput,
    status: StatusCode,
    errors: BTreeMap<String, String>,
) -> Result<Response, HtmlError> {
    let a = &user.actor;
    let mut names = pd_names(&s.app, a).await?;
    // Offer only the PDs the actor may register records for (an operator: their own).
    names.retain(|k, _| {
        k.parse::<PdId>()
            .is_ok_and(|p| policy::write_record_of(a, kind, p).is_ok())
    });
    let all_names = pd_names(&s.app, a).await?;
    let refs = match kind.ref_tree() {
        Some(t) => s
            .app
            .ref_codes(Some(t))
            .await?
            .into_iter()
            .map(|r| (r.code.clone(), format!("{} {}", r.code, r.name)))
            .collect(),
        None => Vec::new(),
    };
    let statuses: Vec<(String, String)> = kind
        .statuses()
        .iter()
        .map(|st| (st.to_string(), i18n::t(req.lang, &format!("status.{st}"))))
        .collect();
    // A field the user may not set is shown read-only with the value it keeps (issue 9.15).
    let before = match id {
        Some(id) => Some(s.app.get_record(a, id).await?),
        None => None,
    };
    let locked = policy::reviewed_field(a, kind, before.as_ref()).map(|(field, kept)| {
        let value = kept.as_str().unwrap_or_default().to_owned();
        let prefix = if field == "status" { "status" } else { "opt" };
        minijinja::context! {
            name => field,
            value => value,
            display => i18n::t(req.lang, &format!("{prefix}.{value}")),
            hint => i18n::t(req.lang, &format!("catalogue.locked_{field}")),
        }
    });
    let concepts = s.app.region_concepts(&user.actor).await?;
    Page::new(req, Some(user), "catalogue").render_status(
        status,
        "record_form.html",
        minijinja::context! {
            kind => kind.code(), id => id.map(|i| i.to_string()), locked => locked,
            v => Value::from_serialize(input),
            fields => Value::from_serialize(field_views(req.lang, concepts, kind, &input.data, &all_names)),
            pds => names.into_iter().collect::<Vec<_>>(), statuses => statuses, refs => refs, errors => errors,
        },
    )
}

pub async fn new_form(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(kind): Path<String>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    policy::write_catalogue(&user.actor, kind)?;
    let input = RecordInput {
        pd_id: user.actor.pd().map(|p| p.to_string()).unwrap_or_default(),
        status: kind.statuses()[0].to_owned(),
        ..Default::default()
    };
    render_form(
        &s,
        &req,
        &user,
        kind,
        None,
        &input,
        StatusCode::OK,
        BTreeMap::new(),
    )
    .await
}

pub async fn create(
    State(s): State<AppState>,
    req: Req,
    Path(kind): Path<String>,
    f: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let input = input_from_raw(kind, &f.raw);
    match s.app.create_record(&f.user.actor, kind, &input).await {
        Ok(r) => Ok(redirect_with_flash(&kind.record_path(r.id), "created")),
        Err(e) => {
            let (status, errors) = form_failure(req.lang, e)?;
            render_form(&s, &req, &f.user, kind, None, &input, status, errors).await
        }
    }
}

pub async fn edit_form(
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
    policy::write_record_of(&user.actor, kind, r.pd_id)?;
    render_form(
        &s,
        &req,
        &user,
        kind,
        Some(id),
        &r.to_input(),
        StatusCode::OK,
        BTreeMap::new(),
    )
    .await
}

pub async fn update(
    State(s): State<AppState>,
    req: Req,
    Path((kind, id)): Path<(String, String)>,
    f: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    let input = input_from_raw(kind, &f.raw);
    match s.app.update_record(&f.user.actor, id, &input).await {
        Ok(_) => Ok(redirect_with_flash(&kind.record_path(id), "saved")),
        Err(e) => {
            let (status, errors) = form_failure(req.lang, e)?;
            render_form(&s, &req, &f.user, kind, Some(id), &input, status, errors).await
        }
    }
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

pub async fn retire(
    State(s): State<AppState>,
    req: Req,
    Path((kind, id)): Path<(String, String)>,
    f: CsrfForm<ReasonForm>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    match s
        .app
        .retire_record(&f.user.actor, id, Some(&f.form.reason))
        .await
    {
        Ok(_) => Ok(redirect_with_flash(&kind.record_path(id), "saved")),
        Err(e) => {
            let (status, errors) = form_failure(req.lang, e)?;
            render_detail(&s, &req, &f.user, kind, id, "", status, errors).await
        }
    }
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
    match s.app.link_records(&f.user.actor, id, to).await {
        Ok(_) => Ok(redirect_with_flash(&kind.record_path(id), "saved")),
        Err(e) => {
            let (status, errors) = form_failure(req.lang, e)?;
            render_detail(&s, &req, &f.user, kind, id, "", status, errors).await
        }
    }
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

pub async fn refs(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    render_refs(
        &s,
        &req,
        &user,
        StatusCode::OK,
        BTreeMap::new(),
        BTreeMap::new(),
    )
    .await
}

async fn render_refs(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    status: StatusCode,
    errors: BTreeMap<String, String>,
    v: BTreeMap<String, Value>,
) -> Result<Response, HtmlError> {
    let codes = s.app.ref_codes(None).await?;
    // Each tree with its codes and their depth (grouped here: templates have no string
    // methods such as `startswith`).
    let trees: Vec<Value> = simpul_domain::catalogue::refarch::TREES
        .iter()
        .map(|(tree, name)| {
            let prefix = format!("{tree}.");
            let items: Vec<Value> = codes
                .iter()
                .filter(|c| c.code.starts_with(&prefix))
                .map(|c| minijinja::context! { code => c.code, name => c.name, level => c.code.split('.').count() })
                .collect();
            minijinja::context! { code => tree, name => name, codes => items }
        })
        .collect();
    Page::new(req, Some(user), "refs").render_status(
        status,
        "refs.html",
        minijinja::context! { trees => trees, errors => errors, v => v, kinds => kinds(req.lang) },
    )
}

#[derive(Deserialize)]
pub struct RefForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

pub async fn upsert_ref(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<RefForm>,
) -> Result<Response, HtmlError> {
    match s
        .app
        .upsert_ref_code(&f.user.actor, &f.form.code, &f.form.name)
        .await
    {
        Ok(_) => Ok(redirect_with_flash("/referensi", "saved")),
        Err(e) => {
            let (status, errors) = form_failure(req.lang, e)?;
            render_refs(
                &s,
                &req,
                &f.user,
                status,
                errors,
                crate::pages::values(&f.raw),
            )
            .await
        }
    }
}

pub async fn upload(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path((kind, id)): Path<(String, String)>,
    crate::upload::PageMultipart(mp): crate::upload::PageMultipart,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let id: RecordId = parse_id(&id)?;
    let form = crate::upload::read(mp).await?;
    if !crate::extract::same_secret(&form.csrf, &user.csrf) {
        return Err(HtmlError(Failure::Csrf));
    }
    let up = simpul_app::catalogue::documents::Upload {
        doc_type: &form.doc_type,
        title: &form.title,
        filename: &form.filename,
        classification: &form.classification,
        content: &form.content,
    };
    match s.app.upload_document(&user.actor, id, up).await {
        Ok(_) => Ok(redirect_with_flash(&kind.record_path(id), "saved")),
        Err(e) => {
            let (status, errors) = form_failure(req.lang, e)?;
            render_detail(&s, &req, &user, kind, id, "", status, errors).await
        }
    }
}

pub async fn download(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id = parse_id(&id)?;
    let (d, bytes) = s.app.download_document(&user.actor, id).await?;
    Ok(crate::upload::download(&d, bytes))
}

pub async fn retire_document(
    State(s): State<AppState>,
    Path(id): Path<String>,
    f: CsrfForm<ReasonForm>,
) -> Result<Response, HtmlError> {
    let id = parse_id(&id)?;
    s.app
        .retire_document(&f.user.actor, id, &f.form.reason)
        .await?;
    let back = f
        .raw
        .iter()
        .find(|(k, _)| k == "back")
        .map(|(_, v)| crate::features::home::pages::safe_next(Some(v)))
        .unwrap_or_else(|| "/katalog".into());
    Ok(redirect_with_flash(&back, "saved"))
}
