//! The audit log page.

use crate::error::HtmlError;
use crate::extract::{CurrentUser, PageQuery, Req};
use crate::pages::{base_url, Page};
use crate::router::AppState;
use crate::routes::{self, Table};
use axum::extract::State;
use axum::response::Response;
use minijinja::Value;
use serde::{Deserialize, Serialize};
use simpul_store::audit::AuditFilter;
use simpul_store::Paging;

#[derive(Deserialize, Serialize, Default)]
pub struct LogQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    entity_type: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default, skip_serializing)]
    page: Option<i64>,
}

/// Entity types that have their own page.
pub const ENTITY_TYPES: [&str; 5] = ["pd", "user", "region", "tim_member", "api_token"];

fn link(entity_type: &str, id: &str) -> Option<String> {
    match entity_type {
        "pd" => Some(format!("/pd/{id}")),
        "user" => Some(format!("/pengguna/{id}")),
        "region" => Some("/profil-daerah".to_owned()),
        "tim_member" => Some("/tim".to_owned()),
        _ => None,
    }
}

fn date_or_empty(s: &str) -> String {
    let s = s.trim();
    let ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if ok {
        s.to_owned()
    } else {
        String::new()
    }
}

pub async fn log(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    PageQuery(q): PageQuery<LogQuery>,
) -> Result<Response, HtmlError> {
    let f = AuditFilter {
        actor: q.actor.chars().take(100).collect(),
        action: q.action.chars().take(100).collect(),
        entity_type: ENTITY_TYPES
            .iter()
            .find(|t| **t == q.entity_type)
            .map(|t| t.to_string())
            .unwrap_or_default(),
        entity_id: String::new(),
        from: date_or_empty(&q.from),
        to: date_or_empty(&q.to),
    };
    let page = s
        .app
        .audit_log(&user.actor, &f, Paging::new(q.page, Some(50)))
        .await?;
    let items: Vec<Value> = page
        .items
        .iter()
        .map(|r| minijinja::context! { link => link(&r.entity_type, &r.entity_id), ..Value::from_serialize(r) })
        .collect();
    Page::new(&req, Some(&user), "audit").render(
        "audit.html",
        minijinja::context! {
            page => minijinja::context! { items => items, total => page.total, page => page.page, per_page => page.per_page },
            pages => page.pages(), f => Value::from_serialize(&q), entity_types => ENTITY_TYPES,
            base_url => base_url("/audit", &q),
        },
    )
}

/// The pages of this feature.
pub fn table() -> Table {
    Table::new().route("/audit", routes::get(log))
}
