//! Region profile and Tim Koordinasi SPBE pages.

use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, Req};
use crate::pages::{
    after_submit, history, options, parse_id, redirect_with_flash, FormState, Page,
};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::Deserialize;
use simpul_app::org::policy;
use simpul_app::org::region::RegionInput;
use simpul_domain::ids::TimMemberId;
use simpul_domain::org::{TimMemberInput, TimPosition};
use std::collections::BTreeMap;

pub async fn show(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    let region = s.app.region(user.actor.region()).await?;
    let names = crate::pages::pd_names(&s.app, &user.actor).await?;
    let hist = history::rows(
        req.lang,
        &names,
        s.app
            .history(&user.actor, "region", user.actor.region().as_str())
            .await?,
    );
    let mut page = Page::new(&req, Some(&user), "region");
    page.region_name = Some(region.name.clone());
    page.render("region.html", minijinja::context! { region => Value::from_serialize(&region), history => Value::from_serialize(&hist) })
}

async fn render_form(
    req: &Req,
    user: &CurrentUser,
    form: FormState,
) -> Result<Response, HtmlError> {
    Page::new(req, Some(user), "region").render_status(
        form.status,
        "region_form.html",
        minijinja::context! { v => form.values, errors => form.errors },
    )
}

pub async fn edit_form(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    policy::manage_region(&user.actor)?;
    let region = s.app.region(user.actor.region()).await?;
    let v = Value::from_serialize(RegionInput::from_row(&region));
    render_form(&req, &user, FormState::new(v)).await
}

pub async fn update(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<RegionInput>,
) -> Result<Response, HtmlError> {
    let done = s.app.update_region(&f.user.actor, &f.form).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash("/profil-daerah", "saved"),
        |form| render_form(&req, &f.user, form),
    )
    .await
}

async fn render_tim(
    s: &AppState,
    req: &Req,
    user: &CurrentUser,
    form: FormState,
) -> Result<Response, HtmlError> {
    let a = &user.actor;
    let region = s.app.region(a.region()).await?;
    let members = s.app.tim_members(a).await?;
    let pds: Vec<(String, String)> = crate::pages::pd_pairs(&s.app, a).await?;
    let pd_names: BTreeMap<String, String> = pds.iter().cloned().collect();
    let has_chair = members.iter().any(|m| m.position == TimPosition::Ketua);
    Page::new(req, Some(user), "tim").render_status(
        form.status,
        "tim.html",
        minijinja::context! {
            region => Value::from_serialize(&region), members => Value::from_serialize(&members), has_chair => has_chair,
            pds => pds, pd_names => pd_names, v => form.values, errors => form.errors,
            positions => options(req.lang, &TimPosition::ALL, TimPosition::code, "tim_position"),
        },
    )
}

/// The Tim form as first shown: a new member (anggota).
fn new_member() -> FormState {
    FormState::new(Value::from_serialize(TimMemberInput {
        position: "anggota".into(),
        ..Default::default()
    }))
}

pub async fn tim(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    render_tim(&s, &req, &user, new_member()).await
}

pub async fn add_member(
    State(s): State<AppState>,
    req: Req,
    f: CsrfForm<TimMemberInput>,
) -> Result<Response, HtmlError> {
    let done = s.app.add_tim_member(&f.user.actor, &f.form).await;
    after_submit(
        req.lang,
        &f.raw,
        done,
        |_| redirect_with_flash("/tim", "member_added"),
        |form| render_tim(&s, &req, &f.user, form),
    )
    .await
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

pub async fn remove_member(
    State(s): State<AppState>,
    req: Req,
    Path(id): Path<String>,
    f: CsrfForm<ReasonForm>,
) -> Result<Response, HtmlError> {
    let id: TimMemberId = parse_id(&id)?;
    let done = s
        .app
        .remove_tim_member(&f.user.actor, id, &f.form.reason)
        .await;
    // The add form below the list keeps its defaults: the reason was typed elsewhere.
    after_submit(
        req.lang,
        &f.raw,
        done,
        |()| redirect_with_flash("/tim", "member_removed"),
        |form| {
            let form = FormState {
                values: new_member().values,
                ..form
            };
            render_tim(&s, &req, &f.user, form)
        },
    )
    .await
}
