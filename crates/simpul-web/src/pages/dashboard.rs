//! The home page: the dashboard for signed-in users, the public landing page otherwise.

use super::Page;
use crate::error::HtmlError;
use crate::extract::{MaybeUser, Req};
use crate::router::AppState;
use axum::extract::State;
use axum::response::Response;
use minijinja::Value;

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
    let region = s.app.region(&a.region).await?;
    let counts = s.app.pd_counts(a).await?;
    let tim = s.app.tim_members(a).await?;
    let user_count = s.app.count_users(a).await?;
    let own_pd = match a.pd {
        Some(id) => Some(s.app.get_pd(a, id).await?),
        None => None,
    };
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
        },
    )
}
