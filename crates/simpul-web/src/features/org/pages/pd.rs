//! Perangkat Daerah pages: list, detail with history, create, edit, retire.

use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, PageQuery, Req};
use crate::pages::{
    after_submit, base_url, history, options, parse_id, redirect_with_flash, FormState, Page,
};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::{Deserialize, Serialize};
use simpul_app::org::policy;
use simpul_domain::ids::PdId;
use simpul_domain::org::{PdInput, PdKind};
use simpul_store::pds::{PdFilter, PdSort};
use simpul_store::Paging;

#[derive(Deserialize, Serialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    sort: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retired: Option<String>,
    #[serde(default, skip_serializing)]
    page: Option<i64>,
}

pub async fn list(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    PageQuery(q): PageQuery<ListQuery>,
) -> Result<Response, HtmlError> {
    let filter = PdFilter {
        q: q.q.chars().take(200).collect(),
        kind: PdKind::ALL.into_iter().find(|k| k.code() == q.kind),
        include_retired: q.retired.is_some(),
        sort: PdSort::parse(&q.sort).unwrap_or_default(),
    };
    let page = s
        .app
        .list_pds(&user.actor, &filter, Paging::new(q.page, Some(25)))
        .await?;
    let pages = page.pages();
    let concepts = s.app.region_concepts(&user.actor).await?;
    Page::new(&req, Some(&user), "pd").render(
        "pd_list.html",
        minijinja::context! {
            page => Value::from_serialize(&page), pages => pages,
            mandiri_concept => concepts.pd_mandiri_tik,
            f => minijinja::context! { q => q.q, kind => q.kind, sort => if q.sort.is_empty() { "name".to_owned() } else { q.sort.clone() }, retired => q.retired.is_some() },
            kinds => options(req.lang, &PdKind::ALL, PdKind::code, "pd_kind"),
            base_url => base_url("/pd", &q),
        },
    )
}

pub async fn detail(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: PdId = parse_id(&id)?;
    render_detail(&s, &req, &user, id, FormState::default()).await
}

async fn render_detail(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    id: PdId,
    form: FormState,
) -> Result<Response, HtmlError> {
    let pd = s.app.get_pd(&user.actor, id).await?;
    let names = crate::pages::pd_names(&s.app, &user.actor).await?;
    let concepts = s.app.region_concepts(&user.actor).await?;
    let omit: &[&str] = if concepts.pd_mandiri_tik {
        &[]
    } else {
        &["mandiri_tik"]
    };
    let hist = history::rows_without(
        req.lang,
        &names,
        s.app.history(&user.actor, "pd", &id.to_string()).await?,
        omit,
    );
    let counts: Vec<(String, i64)> = s
        .app
        .record_counts(&user.actor, Some(id))
        .await?
        .into_iter()
        .map(|(k, n)| (k.code().to_owned(), n))
        .collect();
    Page::new(req, Some(user), "pd").render_status(
        form.status,
        "pd_detail.html",
        minijinja::context! {
            pd => Value::from_serialize(&pd),
            mandiri_concept => concepts.pd_mandiri_tik,
            can_edit => policy::edit_pd(&user.actor, id).is_ok(),
            history => Value::from_serialize(&hist),
            catalogue => counts,
            errors => form.errors, values => form.values,
        },
    )
}

/// The PD form as submitted: checkboxes are present ("on") or absent.
#[derive(Deserialize, Default)]
pub struct PdForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    head_name: Option<String>,
    #[serde(default)]
    head_title: Option<String>,
    #[serde(default)]
    tasks: Option<String>,
    #[serde(default)]
    is_kominfo: Option<String>,
    #[serde(default)]
    is_planning: Option<String>,
    #[serde(default)]
    is_inspectorate: Option<String>,
    #[serde(default)]
    mandiri_tik: Option<String>,
}

impl From<PdForm> for PdInput {
    fn from(f: PdForm) -> Self {
        PdInput {
            code: f.code,
            name: f.name,
            short_name: f.short_name,
            kind: f.kind,
            head_name: f.head_name,
            head_title: f.head_title,
            tasks: f.tasks,
            is_kominfo: f.is_kominfo.is_some(),
            is_planning: f.is_planning.is_some(),
            is_inspectorate: f.is_inspectorate.is_some(),
            mandiri_tik: f.mandiri_tik.is_some(),
        }
    }
}

async fn render_form(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    pd_id: Option<PdId>,
    form: FormState,
) -> Result<Response, HtmlError> {
    // The PD Mandiri TIK status only where the region's regulation has it (issue 9.11).
    let concepts = s.app.region_concepts(&user.actor).await?;
    Page::new(req, Some(user), "pd").render_status(
        form.status,
        "pd_form.html",
        minijinja::context! {
            pd_id => pd_id.map(|i| i.to_string()),
            mandiri_concept => concepts.pd_mandiri_tik,
            v => form.values, errors => form.errors,
            admin => simpul_app::platform::policy::is_admin(&user.actor),
            kinds => options(req.lang, &PdKind::ALL, PdKind::code, "pd_kind"),
        },
    )
}

pub async fn new_form(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    policy::manage_pds(&user.actor)?;
    let v = Value::from_serialize(PdInput {
        kind: "dinas".into(),
        ..Default::default()
    });
    render_form(&s, &req, &user, None, FormState::new(v)).await
}

pub async fn create(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<PdForm>,
) -> Result<Response, HtmlError> {
    let input = PdInput::from(f.form);
    let done = s.app.create_pd(&f.user.actor, &input).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |pd| redirect_with_flash(&format!("/pd/{}", pd.id), "created"),
        |form| render_form(&s, &req, &f.user, None, form),
    )
    .await
}

pub async fn edit_form(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: PdId = parse_id(&id)?;
    let pd = s.app.get_pd(&user.actor, id).await?;
    policy::edit_pd(&user.actor, id)?;
    let v = Value::from_serialize(PdInput::from(&pd));
    render_form(&s, &req, &user, Some(id), FormState::new(v)).await
}

pub async fn update(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<PdForm>,
) -> Result<Response, HtmlError> {
    let id: PdId = parse_id(&id)?;
    let input = PdInput::from(f.form);
    let done = s.app.update_pd(&f.user.actor, id, &input).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash(&format!("/pd/{id}"), "saved"),
        |form| render_form(&s, &req, &f.user, Some(id), form),
    )
    .await
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

pub async fn retire(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<ReasonForm>,
) -> Result<Response, HtmlError> {
    let id: PdId = parse_id(&id)?;
    let done = s
        .app
        .retire_pd(&f.user.actor, id, Some(&f.form.reason))
        .await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash(&format!("/pd/{id}"), "retired"),
        |form| render_detail(&s, &req, &f.user, id, form),
    )
    .await
}

pub async fn reactivate(
    State(s): State<AppState>,
    Path(id): Path<String>,
    f: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    let id: PdId = parse_id(&id)?;
    s.app.retire_pd(&f.user.actor, id, None).await?;
    Ok(redirect_with_flash(&format!("/pd/{id}"), "reactivated"))
}
