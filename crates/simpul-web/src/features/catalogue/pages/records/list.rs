//! The catalogue's overview and the list of one kind with search and filters.

use super::kind_of;
use crate::error::HtmlError;
use crate::extract::{CurrentUser, PageQuery, Req};
use crate::i18n::{self};
use crate::pages::{base_url, pd_names, Page};
use crate::router::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::{Deserialize, Serialize};
use simpul_app::catalogue::policy;
use simpul_domain::catalogue::{EntityKind, FieldKind};
use simpul_domain::ids::PdId;
use simpul_store::records::{RecordFilter, RecordSort};
use simpul_store::Paging;
use std::collections::BTreeMap;

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
            kind => kind.code(), page => Value::from_serialize(&page), pages => page.pages(), capped => page.more,
            f => minijinja::context! { q => q.q, pd => q.pd, status => q.status, sort => if q.sort.is_empty() { "name".to_owned() } else { q.sort.clone() }, retired => q.retired.is_some() },
            pd_names => names, statuses => statuses, data_filters => data_filters, date_filter => date_filter,
            can_create => policy::write_catalogue(&user.actor, kind).is_ok(),
            base_url => base_url(&kind.page_path(), &q),
        },
    )
}
