//! The create and edit forms generated from each kind's field list.

use super::fields::{field_views, input_from_raw};
use super::kind_of;
use crate::error::{Failure, HtmlError};
use crate::extract::{CsrfForm, CurrentUser, Req};
use crate::i18n::{self};
use crate::pages::{after_submit, parse_id, pd_names, redirect_with_flash, FormState, Page};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use simpul_app::catalogue::policy;
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_domain::ids::{PdId, RecordId};

async fn render_form(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    kind: EntityKind,
    id: Option<RecordId>,
    input: &RecordInput,
    form: FormState,
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
        form.status,
        "record_form.html",
        minijinja::context! {
            kind => kind.code(), id => id.map(|i| i.to_string()), locked => locked,
            v => Value::from_serialize(input),
            fields => Value::from_serialize(field_views(req.lang, concepts, kind, &input.data, &all_names)),
            pds => names.into_iter().collect::<Vec<_>>(), statuses => statuses, refs => refs, errors => form.errors,
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
    render_form(&s, &req, &user, kind, None, &input, FormState::default()).await
}

pub async fn create(
    State(s): State<AppState>,
    req: Req,
    Path(kind): Path<String>,
    f: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    let kind = kind_of(&kind)?;
    let input = input_from_raw(kind, &f.raw);
    let done = s.app.create_record(&f.user.actor, kind, &input).await;
    // The form shows the input read back from the fields (`v` of the template).
    after_submit(
        req.lang,
        &f.raw,
        done,
        |r| redirect_with_flash(&kind.record_path(r.id), "created"),
        |form| render_form(&s, &req, &f.user, kind, None, &input, form),
    )
    .await
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
    let input = r.to_input();
    render_form(
        &s,
        &req,
        &user,
        kind,
        Some(id),
        &input,
        FormState::default(),
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
    let done = s.app.update_record(&f.user.actor, id, &input).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash(&kind.record_path(id), "saved"),
        |form| render_form(&s, &req, &f.user, kind, Some(id), &input, form),
    )
    .await
}
