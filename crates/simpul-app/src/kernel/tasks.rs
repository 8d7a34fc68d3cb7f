//! Tasks, computed from the definitions (no tasks table): for each workflow the region
//! enables, the cases in the states that wait for the caller ([`task_states`]), with the due
//! date of the caller's steps on the working-day calendar.

use super::cases::{CaseSource, CaseSummary, Within};
use crate::{Actor, App, Result};
use serde::Serialize;
use simpul_domain::calendar::WorkingCalendar;
use simpul_domain::ids::RegionId;
use simpul_domain::region::TimeZone;
use simpul_domain::workflow::{
    allowed_steps, deadline_days, task_states, Code, Workflow, WorkflowConfig,
};
use simpul_store::{Conn, Paging};

/// One thing the caller has to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Task {
    pub workflow: String,
    pub case_id: String,
    pub title: String,
    pub state: String,
    /// The steps the caller may take now, by code.
    pub steps: Vec<String>,
    /// When the case entered its state (RFC 3339, UTC).
    pub since: String,
    /// The earliest deadline of those steps (a date in the region's zone), if any.
    pub due: Option<String>,
    pub overdue: bool,
}

/// The region's time zone (its pack's; WIB when unknown).
pub fn region_zone(region: &RegionId) -> TimeZone {
    crate::compliance::pack(region.as_str()).map_or(TimeZone::Wib, |p| p.region.timezone)
}

/// The due date of the earliest-due of `steps` for a case in its state since `since`.
pub fn due_of<W: Workflow>(
    steps: &[W::Step],
    cfg: &WorkflowConfig,
    since: &str,
    zone: TimeZone,
) -> Option<time::Date> {
    let days = steps
        .iter()
        .filter_map(|s| deadline_days::<W>(*s, cfg))
        .min()?;
    let start = simpul_domain::parse_rfc3339(since)?
        .to_offset(zone.offset())
        .date();
    Some(WorkingCalendar::national().add_working_days(start, days))
}

fn task<W: Workflow>(
    c: &CaseSummary<W>,
    steps: &[W::Step],
    cfg: &WorkflowConfig,
    zone: TimeZone,
) -> Task {
    let due = due_of::<W>(steps, cfg, &c.state_since, zone);
    Task {
        workflow: W::CODE.to_owned(),
        case_id: c.id.clone(),
        title: c.title.clone(),
        state: c
            .head
            .state
            .map(|s| s.code().to_owned())
            .unwrap_or_default(),
        steps: steps.iter().map(|s| s.code().to_owned()).collect(),
        since: c.state_since.clone(),
        due: due.map(|d| d.to_string()),
        overdue: due.is_some_and(|d| d < zone.today()),
    }
}

/// The caller's tasks in one workflow: the first `limit` by due date, and how many in all.
pub async fn of_workflow<W: Workflow, H: CaseSource<W>>(
    h: &H,
    conn: &mut Conn,
    actor: &Actor,
    cfg: &WorkflowConfig,
    limit: i64,
) -> Result<(Vec<Task>, i64)> {
    let zone = region_zone(actor.region());
    let who = actor.taker();
    let mut out = Vec::new();
    let mut total = 0;
    for scope in task_states::<W>(&who, cfg) {
        let within = match (scope.pd_scoped, scope.assigned, actor.pd(), actor.id()) {
            (true, _, Some(pd), _) => Within::Pd(pd),
            (true, _, None, _) => continue,
            (_, true, _, Some(u)) => Within::Assignee(u),
            (_, true, _, None) => continue,
            _ => Within::All,
        };
        // Each state's oldest: within one state the caller's steps (and so the deadline)
        // are the same for every case, so the oldest are the earliest due.
        let pages = h
            .each_state(conn, actor.region(), &scope.states, within, limit)
            .await?;
        for (cases, n) in pages {
            total += n;
            for c in &cases {
                let steps = allowed_steps::<W>(&c.head, &who, cfg);
                if !steps.is_empty() {
                    out.push(task::<W>(c, &steps, cfg, zone));
                }
            }
        }
    }
    Ok((out, total))
}

/// Tasks are counted up to this many: past it a list says "more than 1,000" (counting every
/// one of 100,000 open cases on each request would cost more than the page itself). Pages
/// end there too, so no request loads more than this many cases.
pub const COUNTED: i64 = 1000;

/// A page of the caller's tasks.
#[derive(Debug, Clone, Serialize)]
pub struct TaskPage {
    pub items: Vec<Task>,
    /// How many tasks there are, at most [`COUNTED`].
    pub total: i64,
    /// There are more than `total` (= [`COUNTED`]).
    pub more: bool,
    pub page: i64,
    pub per_page: i64,
}

impl App {
    /// The caller's open tasks over every workflow the region enables, earliest due first
    /// (those without a deadline last); counted and paged up to [`COUNTED`].
    pub async fn tasks(&self, actor: &Actor, paging: Paging) -> Result<TaskPage> {
        let offset = paging.offset().min(COUNTED);
        let limit = (offset + paging.per_page).min(COUNTED);
        let mut all = Vec::new();
        let mut total = 0;
        let mut conn = self.store.read().await?;
        for flow in self.workflows() {
            let (items, n) = flow.tasks(self, &mut conn, actor, limit).await?;
            all.extend(items);
            total += n;
        }
        all.sort_by(|a, b| {
            (a.due.is_none(), &a.due, &a.since, &a.case_id).cmp(&(
                b.due.is_none(),
                &b.due,
                &b.since,
                &b.case_id,
            ))
        });
        let items = all
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(0))
            .take(usize::try_from(limit - offset).unwrap_or(0))
            .collect();
        // Each workflow counts up to simpul_store::cases::COUNT_CAP (> COUNTED) per state, so
        // a sum within COUNTED is exact and a larger one means more than COUNTED.
        Ok(TaskPage {
            items,
            total: total.min(COUNTED),
            more: total > COUNTED,
            page: paging.page,
            per_page: paging.per_page,
        })
    }
}
