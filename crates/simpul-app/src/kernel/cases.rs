//! Generic case storage: a [`Handler`] for any workflow whose case is one JSON document,
//! kept in the `cases` table (its history in `case_events`). A workflow supplies its
//! [`JsonRules`] (entity, label and, when it has them, its own validation); the defaults
//! merge the step's fields into the document and record each change as a labelled field.
//!
//! [`CaseSource`] is what the case API and the task list read of any workflow: the cases in
//! some states, and one case with its title and since when it is in its state. Workflows with
//! their own tables (findings, sanctions) implement it over those.

use super::{Applied, FieldChange, Handler, Loaded, StepInput, Uow};
use crate::{Actor, App, AppError, Result};
use serde_json::{Map, Value};
use simpul_domain::ids::{PdId, RegionId, UserId};
use simpul_domain::user::Role;
use simpul_domain::workflow::{CaseHead, Code, Workflow, WorkflowConfig};
use simpul_domain::{FieldError, Invalid};
use simpul_store::cases::{self, CaseRow, Scope};
use simpul_store::Conn;
use std::future::Future;
use std::marker::PhantomData;

/// A case as the case API and the task list see it.
#[derive(Debug, Clone)]
pub struct CaseSummary<W: Workflow> {
    pub id: String,
    pub head: CaseHead<W::State>,
    pub title: String,
    /// When the case entered its state (RFC 3339, UTC): step deadlines count from here.
    pub state_since: String,
    pub data: Value,
}

/// Which cases a task query wants.
#[derive(Debug, Clone, Copy)]
pub enum Within {
    All,
    Pd(PdId),
    Assignee(UserId),
}

/// What the generic case API and the task list read of a workflow's cases.
pub trait CaseSource<W: Workflow>: Handler<W> {
    /// One case of the region, `None` when there is none.
    fn summary<'a>(
        &'a self,
        conn: &'a mut Conn,
        region: &'a RegionId,
        id: &'a str,
    ) -> impl Future<Output = Result<Option<CaseSummary<W>>>> + Send + 'a;

    /// The first `limit` cases in `states` within `scope`, longest in their state first, and
    /// how many there are in all.
    fn in_states<'a>(
        &'a self,
        conn: &'a mut Conn,
        region: &'a RegionId,
        states: &'a [W::State],
        scope: Within,
        limit: i64,
    ) -> impl Future<Output = Result<(Vec<CaseSummary<W>>, i64)>> + Send + 'a;

    /// For each of `states`, its first `limit` cases within `scope` (longest in the state
    /// first) and how many there are: what the task list reads, since within one state the
    /// caller's steps, and so the deadline, are the same for every case. Default: one
    /// [`CaseSource::in_states`] per state; a source that reads all its cases at once
    /// overrides it to read them once.
    fn each_state<'a>(
        &'a self,
        conn: &'a mut Conn,
        region: &'a RegionId,
        states: &'a [W::State],
        scope: Within,
        limit: i64,
    ) -> impl Future<Output = Result<Vec<(Vec<CaseSummary<W>>, i64)>>> + Send + 'a {
        async move {
            let mut out = Vec::with_capacity(states.len());
            for state in states {
                let one = std::slice::from_ref(state);
                out.push(self.in_states(conn, region, one, scope, limit).await?);
            }
            Ok(out)
        }
    }

    /// Whether `actor` may see the case: everyone but PD operators, and a PD operator the
    /// cases of their PD, assigned to them, or on which they may take a step.
    fn may_see(&self, actor: &Actor, head: &CaseHead<W::State>, cfg: &WorkflowConfig) -> bool {
        actor.is_system()
            || actor.role() != Role::OperatorPd
            || (head.pd.is_some() && head.pd == actor.pd())
            || (actor.id().is_some() && head.assignee == actor.id())
            || !simpul_domain::workflow::allowed_steps::<W>(head, &actor.taker(), cfg).is_empty()
    }
}

/// One state's page of a workflow's own table for [`per_state`]: the first cases in `state`
/// (of PD `pd` when given) and how many there are.
pub type StatePage<W> = for<'c> fn(
    &'c mut Conn,
    &'c RegionId,
    <W as Workflow>::State,
    Option<PdId>,
    simpul_store::Paging,
) -> super::registry::Fut<'c, (Vec<CaseSummary<W>>, i64)>;

/// [`CaseSource::in_states`] of a workflow whose own table lists one state at a time: the
/// pages `page` reads per state, merged, longest in their state first. Such cases are never
/// assigned to a person, so `Within::Assignee` finds none.
pub async fn per_state<W: Workflow>(
    conn: &mut Conn,
    region: &RegionId,
    states: &[W::State],
    scope: Within,
    limit: i64,
    page: StatePage<W>,
) -> Result<(Vec<CaseSummary<W>>, i64)> {
    let pd = match scope {
        Within::All => None,
        Within::Pd(p) => Some(p),
        Within::Assignee(_) => return Ok((Vec::new(), 0)),
    };
    let paging = simpul_store::Paging::new(Some(1), Some(limit));
    let (mut items, mut total) = (Vec::new(), 0);
    for state in states {
        let (mut some, n) = page(conn, region, *state, pd, paging).await?;
        total += n;
        items.append(&mut some);
    }
    items.sort_by(|a, b| a.state_since.cmp(&b.state_since));
    items.truncate(usize::try_from(limit).unwrap_or(0));
    Ok((items, total))
}

/// A workflow's own rules over its JSON case; every method has a default.
pub trait JsonRules<W: Workflow>: Send + Sync + 'static {
    /// The audit log's entity type.
    const ENTITY: &'static str;
    /// The workflow's name in Bahasa Indonesia (notifications).
    const LABEL: &'static str;

    /// The case after `step`: validates the step's own fields and returns the new document.
    /// Default: the fields of the input merged into the document.
    fn next(&self, data: Option<&Value>, step: W::Step, input: &StepInput) -> Result<Value> {
        let _ = step;
        let mut out = data.and_then(Value::as_object).cloned().unwrap_or_default();
        for (k, v) in &input.fields {
            out.insert(k.clone(), v.clone());
        }
        Ok(Value::Object(out))
    }

    /// What lists and notifications call the case: the document's `title`.
    fn title(&self, data: &Value) -> Option<String> {
        data.get("title")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// How the actor's region runs the workflow (default: its pack).
    fn config<'a>(
        &'a self,
        app: &'a App,
        conn: &'a mut Conn,
        region: &'a RegionId,
    ) -> impl Future<Output = Result<WorkflowConfig>> + Send + 'a {
        app.workflow_config(conn, region, W::CODE)
    }
}

/// The [`Handler`] of a workflow whose case is a JSON document in `cases`.
pub struct JsonCases<W, R> {
    pub rules: R,
    _w: PhantomData<fn() -> W>,
}

impl<W, R> JsonCases<W, R> {
    pub fn new(rules: R) -> Self {
        JsonCases {
            rules,
            _w: PhantomData,
        }
    }
}

fn parse<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    s.and_then(|s| s.parse().ok())
}

fn summary<W: Workflow>(row: CaseRow) -> Result<CaseSummary<W>> {
    let state = W::State::from_code(&row.state).ok_or_else(|| {
        AppError::Internal(format!("case {}: unknown state {}", row.id, row.state))
    })?;
    Ok(CaseSummary {
        head: CaseHead {
            state: Some(state),
            pd: parse(row.pd_id.as_deref()),
            assignee: parse(row.assignee_id.as_deref()),
        },
        data: serde_json::from_str(&row.data_json).unwrap_or(Value::Null),
        id: row.id,
        title: row.title,
        state_since: row.state_since,
    })
}

/// The changes between two documents, field by field (for the timeline).
pub fn field_changes(before: Option<&Value>, after: &Value) -> Vec<FieldChange> {
    let empty = Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    for (k, v) in a {
        let old = b.get(k).cloned().unwrap_or(Value::Null);
        if &old != v {
            out.push(FieldChange {
                field: k.clone(),
                before: old,
                after: v.clone(),
            });
        }
    }
    for (k, v) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
        out.push(FieldChange {
            field: k.clone(),
            before: v.clone(),
            after: Value::Null,
        });
    }
    out
}

impl<W: Workflow, R: JsonRules<W>> Handler<W> for JsonCases<W, R> {
    const ENTITY: &'static str = R::ENTITY;
    const LABEL: &'static str = R::LABEL;

    async fn load(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> Result<Option<Loaded<W>>> {
        let Some(row) = cases::get(conn, region.as_str(), W::CODE, id).await? else {
            return Ok(None);
        };
        let s = summary::<W>(row)?;
        Ok(Some(Loaded {
            id: s.id,
            head: s.head,
            data: s.data,
        }))
    }

    fn config<'a>(
        &'a self,
        app: &'a App,
        conn: &'a mut Conn,
        region: &'a RegionId,
    ) -> impl Future<Output = Result<WorkflowConfig>> + Send + 'a {
        self.rules.config(app, conn, region)
    }

    /// The case's PD: the actor's own, else the `pd` field (an administrator opening a case
    /// for a PD).
    fn head_for_new(&self, input: &StepInput, actor: &Actor) -> Result<CaseHead<W::State>> {
        let pd = match (actor.pd(), input.text("pd")) {
            (Some(pd), _) => Some(pd),
            (None, Some(raw)) => Some(
                raw.parse::<PdId>()
                    .map_err(|_| AppError::from(Invalid(vec![FieldError::new("pd", "invalid")])))?,
            ),
            (None, None) => None,
        };
        Ok(CaseHead::new_for(pd))
    }

    async fn apply(
        &self,
        uow: &mut Uow,
        _app: &App,
        case: Option<&Loaded<W>>,
        step: W::Step,
        to: W::State,
        input: &StepInput,
    ) -> Result<Applied> {
        let before = case.map(|c| &c.data);
        let mut data = self.rules.next(before, step, input)?;
        let head = match case {
            Some(c) => c.head,
            None => self.head_for_new(input, uow.actor())?,
        };
        let title = self
            .rules
            .title(&data)
            .ok_or_else(|| AppError::from(Invalid(vec![FieldError::new("title", "required")])))?;
        if let (None, Some(obj)) = (case, data.as_object_mut()) {
            if let Some(pd) = head.pd {
                obj.insert("pd".into(), Value::String(pd.to_string()));
            }
        }
        let fields = field_changes(before, &data);
        let now = uow.now().to_owned();
        let actor = uow.actor().clone();
        let row = CaseRow {
            id: case.map_or_else(|| uuid::Uuid::now_v7().to_string(), |c| c.id.clone()),
            region_id: actor.region().to_string(),
            workflow: W::CODE.to_owned(),
            state: to.code().to_owned(),
            pd_id: head.pd.map(|p| p.to_string()),
            assignee_id: head.assignee.map(|u| u.to_string()),
            title: title.clone(),
            data_json: data.to_string(),
            opened_by: actor.id().map(|u| u.to_string()),
            opened_at: now.clone(),
            state_since: now.clone(),
            updated_at: now,
        };
        if case.is_some() {
            cases::update(uow.conn(), &row).await?;
        } else {
            cases::insert(uow.conn(), &row).await?;
        }
        Ok(Applied {
            link: format!("/api/v1/cases/{}/{}", W::CODE, row.id),
            id: row.id,
            data,
            fields,
            pd: head.pd,
            assignee: head.assignee,
            signature: None,
            title,
        })
    }
}

impl<W: Workflow, R: JsonRules<W>> CaseSource<W> for JsonCases<W, R> {
    async fn summary(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> Result<Option<CaseSummary<W>>> {
        cases::get(conn, region.as_str(), W::CODE, id)
            .await?
            .map(summary::<W>)
            .transpose()
    }

    async fn in_states(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        states: &[W::State],
        scope: Within,
        limit: i64,
    ) -> Result<(Vec<CaseSummary<W>>, i64)> {
        let codes: Vec<&str> = states.iter().map(|s| s.code()).collect();
        let key = match scope {
            Within::All => None,
            Within::Pd(p) => Some(p.to_string()),
            Within::Assignee(u) => Some(u.to_string()),
        };
        let scope = match (&scope, key.as_deref()) {
            (Within::Pd(_), Some(k)) => Scope::Pd(k),
            (Within::Assignee(_), Some(k)) => Scope::Assignee(k),
            _ => Scope::All,
        };
        let r = region.as_str();
        let total = cases::count_in_states(conn, r, W::CODE, &codes, scope).await?;
        if total == 0 {
            return Ok((Vec::new(), 0));
        }
        let rows = cases::in_states(conn, r, W::CODE, &codes, scope, limit).await?;
        let items = rows.into_iter().map(summary::<W>).collect::<Result<_>>()?;
        Ok((items, total))
    }
}
