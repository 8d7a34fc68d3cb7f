//! The home page: the dashboard for signed-in users, the public landing page otherwise. The
//! dashboard is per role: everyone's tasks (for koordinator and pimpinan: the decisions
//! waiting for them) with due dates, and for PD operators their PD's open findings and
//! nearest deadlines.

use crate::error::HtmlError;
use crate::extract::{MaybeUser, Req};
use crate::pages::Page;
use crate::router::AppState;
use axum::extract::State;
use axum::response::Response;
use minijinja::Value;
use simpul_app::Paging;
use simpul_domain::user::Role;
use simpul_store::findings::FindingFilter;

pub async fn home(
    State(s): State<AppState>,
    req: Req,
    MaybeUser(user): MaybeUser,
) -> Result<Response, HtmlError> {
    let Some(user) = user else {
        let regions = s.app.regions().await?;
        return Page::new(&req, None, "home").render(
            "public_home.html",
            minijinja::context! { regions => Value::from_serialize(&regions) },
        );
    };
    let a = &user.actor;
    let region = s.app.region(a.region()).await?;
    let counts = s.app.pd_counts(a).await?;
    let tim = s.app.tim_members(a).await?;
    let user_count = s.app.count_users(a).await?;
    let own_pd = match a.pd() {
        Some(id) => Some(s.app.get_pd(a, id).await?),
        None => None,
    };
    let tasks = s
        .app
        .tasks(a, Paging::new(Some(1), Some(TASKS_SHOWN)))
        .await?;
    // PD operators: their PD's open findings and nearest deadlines.
    let (pd_findings, pd_deadlines) = match simpul_app::compliance::policy::findings_scope(a) {
        Some(pd) => {
            let filter = FindingFilter {
                pd: Some(pd),
                status: simpul_store::findings::StatusFilter::Active,
                ..FindingFilter::default()
            };
            let open = s
                .app
                .findings(a, filter, Paging::new(Some(1), Some(1)))
                .await?;
            let mut due = s.app.calendar(a, Some(pd)).await?;
            due.truncate(DEADLINES_SHOWN);
            (Some(open.total), due)
        }
        _ => (None, Vec::new()),
    };
    // Each task's case page, from the feature that owns its workflow.
    let task_links: Vec<Option<String>> = tasks
        .items
        .iter()
        .map(|k| crate::features::case_link(&k.workflow, &k.case_id))
        .collect();
    let decider = matches!(a.role(), Role::Koordinator | Role::Pimpinan);
    let mut page = Page::new(&req, Some(&user), "dashboard");
    page.region_name = Some(region.name.clone());
    page.render(
        "dashboard.html",
        minijinja::context! {
            counts => Value::from_serialize(&counts),
            pd_count => counts.len(),
            user_count => user_count,
            tim_count => tim.len(),
            own_pd => Value::from_serialize(&own_pd),
            tasks => Value::from_serialize(&tasks.items),
            task_links => task_links,
            tasks_more => (tasks.total - i64::try_from(tasks.items.len()).unwrap_or(0)).max(0),
            tasks_more_plus => tasks.more,
            decider => decider,
            pd_findings => pd_findings,
            pd_deadlines => Value::from_serialize(&pd_deadlines),
        },
    )
}

/// How many tasks and deadlines the dashboard lists.
const TASKS_SHOWN: i64 = 10;
const DEADLINES_SHOWN: usize = 5;
