//! The deadline calendar (`/kalender`) and the user's notifications (`/notifikasi`).

use crate::error::HtmlError;
use crate::extract::{CsrfForm, CurrentUser, PageQuery, Req};
use crate::pages::{redirect_with_flash, Page};
use crate::router::AppState;
use crate::routes::{self, Table};
use axum::extract::{Path, State};
use axum::response::Response;
use minijinja::Value;
use serde::{Deserialize, Serialize};
use simpul_app::deadlines::policy;
use simpul_app::deadlines::subject_link;
use simpul_domain::compliance::{Deadline, DeadlineState};
use simpul_domain::ids::PdId;
use std::collections::HashMap;

#[derive(Deserialize, Default)]
pub struct CalendarQuery {
    #[serde(default)]
    pd: String,
    #[serde(default)]
    state: String,
}

/// One row of the calendar.
#[derive(Serialize)]
struct Row {
    rule: String,
    subject: String,
    link: String,
    pd: String,
    due_on: String,
    state: &'static str,
    last_done: Option<String>,
}

/// The rows due in one month.
#[derive(Serialize)]
struct Month {
    year: i32,
    month: u8,
    rows: Vec<Row>,
}

fn by_month(list: &[Deadline], pd_names: &HashMap<PdId, String>) -> Vec<Month> {
    let mut out: Vec<Month> = Vec::new();
    for d in list {
        let (year, month) = (d.due_on.year(), u8::from(d.due_on.month()));
        if out
            .last()
            .is_none_or(|m| (m.year, m.month) != (year, month))
        {
            out.push(Month {
                year,
                month,
                rows: Vec::new(),
            });
        }
        let pd = d.subject.pd.and_then(|p| pd_names.get(&p).cloned());
        if let Some(m) = out.last_mut() {
            m.rows.push(Row {
                rule: d.rule.code().to_owned(),
                subject: d.subject.name.clone(),
                link: subject_link(&d.subject),
                pd: pd.unwrap_or_default(),
                due_on: d.due_on.to_string(),
                state: d.state.code(),
                last_done: d.last_done.map(|l| l.to_string()),
            });
        }
    }
    out
}

pub async fn calendar(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
    PageQuery(q): PageQuery<CalendarQuery>,
) -> Result<Response, HtmlError> {
    let pd: Option<PdId> = q.pd.parse().ok();
    let state = DeadlineState::from_code(&q.state);
    let mut list = s.app.calendar(&user.actor, pd).await?;
    let counts: Vec<(&str, usize)> = DeadlineState::ALL
        .iter()
        .map(|st| (st.code(), list.iter().filter(|d| d.state == *st).count()))
        .collect();
    if let Some(st) = state {
        list.retain(|d| d.state == st);
    }
    let pds = s.app.all_pds(&user.actor).await?;
    let names: HashMap<PdId, String> = pds.iter().map(|p| (p.id, p.short_name.clone())).collect();
    let own_only = policy::deadline_scope(&user.actor)?.is_some();
    let pd_options: Vec<(String, String)> = pds
        .iter()
        .map(|p| (p.id.to_string(), p.name.clone()))
        .collect();
    Page::new(&req, Some(&user), "kalender").render(
        "calendar.html",
        minijinja::context! {
            months => Value::from_serialize(by_month(&list, &names)),
            counts => counts,
            states => DeadlineState::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
            pds => pd_options, own_only => own_only,
            f => minijinja::context! { pd => pd.map(|p| p.to_string()).unwrap_or_default(), state => state.map(|s| s.code()).unwrap_or("") },
        },
    )
}

pub async fn notifications(
    State(s): State<AppState>,
    req: Req,
    user: CurrentUser,
) -> Result<Response, HtmlError> {
    let list = s.app.notifications(&user.actor).await?;
    let items: Vec<Value> = list
        .iter()
        .map(|n| {
            let (title, body) = localised(req.lang, n.message_json.as_deref())
                .unwrap_or_else(|| (n.title.clone(), n.body.clone()));
            minijinja::context! { title => title, body => body, ..Value::from_serialize(n) }
        })
        .collect();
    Page::new(&req, Some(&user), "notifikasi")
        .render("notifications.html", minijinja::context! { items => items })
}

/// A notification's title and body in `lang`, from its stored message keys and arguments
/// (`None` for rows that have none: they show their stored Indonesian texts).
fn localised(lang: crate::i18n::Lang, message: Option<&str>) -> Option<(String, String)> {
    use crate::i18n::{t, tf};
    let m: serde_json::Value = serde_json::from_str(message?).ok()?;
    let arg = |v: &serde_json::Value, k: &str| match &v[k] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    // Rule and state codes are shown by their labels in `lang`; a task message's workflow,
    // state and steps by the workflow's labels.
    let text = |part: &serde_json::Value, key: &str| {
        let a = &part["args"];
        if key.starts_with("task_") {
            let wf = arg(a, "workflow");
            let label =
                |part: &str, name: &str| crate::i18n::workflow_label(lang, &wf, part, Some(name));
            let steps: Vec<String> = arg(a, "steps")
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|s| label("step", s))
                .collect();
            return tf(
                lang,
                &format!("notify_msg.{key}"),
                &[
                    (
                        "workflow",
                        &crate::i18n::workflow_label(lang, &wf, "label", None),
                    ),
                    ("title", &arg(a, "title")),
                    ("state", &label("state", &arg(a, "state"))),
                    ("steps", &steps.join(", ")),
                ],
            );
        }
        let state = t(lang, &format!("notify_msg.state_{}", arg(a, "state")));
        let last = match arg(a, "last_done") {
            l if l.is_empty() => t(lang, "notify_msg.never"),
            l => l,
        };
        tf(
            lang,
            &format!("notify_msg.{key}"),
            &[
                (
                    "rule",
                    &t(lang, &format!("deadline_rule.{}", arg(a, "rule"))),
                ),
                ("code", &arg(a, "rule")),
                ("state", &state),
                ("subject", &arg(a, "subject")),
                ("due_on", &arg(a, "due_on")),
                ("last_done", &last),
                ("overdue", &arg(a, "overdue")),
                ("due_soon", &arg(a, "due_soon")),
            ],
        )
    };
    let (title, body) = (&m["title"], &m["body"]);
    let title_text = text(title, title["key"].as_str()?);
    let body_text = match body["lines"].as_array() {
        Some(lines) => lines
            .iter()
            .map(|l| text(&serde_json::json!({ "args": l }), "summary_line"))
            .collect::<Vec<_>>()
            .join("\n"),
        None => text(body, body["key"].as_str()?),
    };
    Some((title_text, body_text))
}

pub async fn mark_read(
    State(s): State<AppState>,
    Path(id): Path<String>,
    f: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    s.app.mark_read(&f.user.actor, Some(&id)).await?;
    Ok(redirect_with_flash("/notifikasi", "marked_read"))
}

pub async fn mark_all_read(
    State(s): State<AppState>,
    f: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, HtmlError> {
    s.app.mark_read(&f.user.actor, None).await?;
    Ok(redirect_with_flash("/notifikasi", "marked_read"))
}

/// The pages of this feature.
pub fn table() -> Table {
    Table::new()
        .route("/kalender", routes::get(calendar))
        .route("/notifikasi", routes::get(notifications))
        .route("/notifikasi/baca-semua", routes::post(mark_all_read))
        .route("/notifikasi/{id}/baca", routes::post(mark_read))
}

#[cfg(test)]
mod tests {
    use super::localised;
    use crate::i18n::Lang;
    use simpul_app::kernel::outbox::Notify;
    use simpul_app::kernel::Applied;

    #[test]
    fn a_task_notification_is_shown_with_the_workflow_state_and_step_labels_of_the_reader() {
        let applied = Applied {
            id: "c1".into(),
            data: serde_json::Value::Null,
            fields: Vec::new(),
            pd: None,
            assignee: None,
            signature: None,
            title: "Izin aplikasi".into(),
            link: "/x".into(),
        };
        let n = Notify::task(
            simpul_domain::ids::UserId::new(),
            "trial",
            "Uji coba",
            &applied,
            "diajukan",
            &["tinjau"],
        );
        let (title, body) = localised(Lang::En, n.message_json.as_deref()).unwrap();
        assert_eq!(title, "New task: Trial — Izin aplikasi");
        assert_eq!(
            body,
            "Trial \"Izin aplikasi\" is waiting for your action (state: Submitted)."
        );
        let (title, _) = localised(Lang::Id, n.message_json.as_deref()).unwrap();
        assert_eq!(title, "Tugas baru: Uji coba — Izin aplikasi");
    }
}
