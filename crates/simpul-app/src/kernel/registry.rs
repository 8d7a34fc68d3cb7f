//! Dispatch by workflow code: the generic case API, the task list and the dashboard reach
//! every workflow through [`CaseFlow`], and [`standard`] is THE list that maps codes to
//! handlers. Adding a workflow is one line there (see docs/ARCHITECTURE.md, "How to add a
//! workflow"); tests may register a test-only workflow with [`App::register_workflow`].

use super::cases::CaseSource;
use super::timeline::TimelineEntry;
use super::{StepInput, Task};
use crate::{Actor, App, AppError, Result};
use serde::Serialize;
use simpul_domain::ids::{PdId, RegionId, UserId};
use simpul_domain::workflow::{
    allowed_steps, CaseHead, Code, Definition, Taker, Workflow, WorkflowConfig,
};
use simpul_store::Conn;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

/// Every workflow reachable through the generic case API, by code. One line per workflow:
/// `flow::<TheWorkflow, _>(TheHandler)`, where the handler implements [`CaseSource`].
pub fn standard() -> Vec<Arc<dyn CaseFlow>> {
    vec![
        flow::<simpul_domain::compliance::FindingWorkflow, _>(
            crate::compliance::finding_steps::FindingHandler,
        ),
        flow::<simpul_domain::sanction::SanctionWorkflow, _>(crate::sanctions::handler::Sanctions),
        flow::<simpul_domain::evaluation::EvaluationAnswer, _>(
            crate::evaluation::workflow::AnswerHandler,
        ),
    ]
}

/// A boxed future of a [`CaseFlow`] method.
pub type Fut<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// A case as the generic API returns it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CaseView {
    pub workflow: String,
    pub id: String,
    pub state: String,
    pub title: String,
    pub pd_id: Option<String>,
    /// When the case entered its state (RFC 3339, UTC).
    pub state_since: String,
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    /// The steps the caller may take now, by code.
    pub steps: Vec<String>,
    /// The earliest deadline of those steps (a date in the region's zone).
    pub due: Option<String>,
    pub timeline: Vec<TimelineEntry>,
}

/// One workflow with its types erased: what dispatch by code calls.
pub trait CaseFlow: Send + Sync {
    fn code(&self) -> &'static str;
    /// The workflow's name in Bahasa Indonesia.
    fn label(&self) -> &'static str;
    fn definition(&self) -> Definition;
    /// Opens a case with the first opening step the actor may take; returns its id.
    fn open<'a>(&'a self, app: &'a App, actor: &'a Actor, input: &'a StepInput) -> Fut<'a, String>;
    /// Takes step `step` (a code) on case `id`.
    fn step<'a>(
        &'a self,
        app: &'a App,
        actor: &'a Actor,
        id: &'a str,
        step: &'a str,
        input: &'a StepInput,
    ) -> Fut<'a, ()>;
    /// One case with its timeline and the actor's steps (404 when the actor may not see it
    /// or the region does not run the workflow).
    fn view<'a>(&'a self, app: &'a App, actor: &'a Actor, id: &'a str) -> Fut<'a, CaseView>;
    /// The actor's tasks: the first `limit` by due date, and how many in all (read on
    /// `conn`, which the task list shares between workflows).
    fn tasks<'a>(
        &'a self,
        app: &'a App,
        conn: &'a mut Conn,
        actor: &'a Actor,
        limit: i64,
    ) -> Fut<'a, (Vec<Task>, i64)>;
    /// How `region` runs the workflow.
    fn config<'a>(&'a self, app: &'a App, region: &'a RegionId) -> Fut<'a, WorkflowConfig>;
    /// The steps (codes) `who` may take on a case in `state` (`None`: not opened yet) of
    /// PD `pd` assigned to `assignee`: [`allowed_steps`] by code, for the authorization
    /// matrix. `None` when `state` is not a state of the workflow.
    fn allowed(
        &self,
        state: Option<&str>,
        pd: Option<PdId>,
        assignee: Option<UserId>,
        who: &Taker,
        cfg: &WorkflowConfig,
    ) -> Option<Vec<&'static str>>;
}

struct Flow<W, H> {
    handler: H,
    _w: PhantomData<fn() -> W>,
}

/// Registers workflow `W` with its handler.
pub fn flow<W: Workflow, H: CaseSource<W> + 'static>(handler: H) -> Arc<dyn CaseFlow> {
    Arc::new(Flow::<W, H> {
        handler,
        _w: PhantomData,
    })
}

impl<W: Workflow, H: CaseSource<W> + 'static> CaseFlow for Flow<W, H> {
    fn code(&self) -> &'static str {
        W::CODE
    }

    fn label(&self) -> &'static str {
        H::LABEL
    }

    fn definition(&self) -> Definition {
        Definition::of::<W>()
    }

    fn open<'a>(&'a self, app: &'a App, actor: &'a Actor, input: &'a StepInput) -> Fut<'a, String> {
        Box::pin(async move {
            let cfg = {
                let mut conn = app.store.read().await?;
                self.handler.config(app, &mut conn, actor.region()).await?
            };
            let head = self.handler.head_for_new(input, actor)?;
            let opening = W::STEPS.iter().filter(|d| d.from.is_empty());
            let step = allowed_steps::<W>(&head, &actor.taker(), &cfg)
                .first()
                .copied()
                .or_else(|| opening.map(|d| d.step).next())
                .ok_or(AppError::NotFound)?;
            let done = app
                .take_step::<W, H>(&self.handler, actor, None, step, input)
                .await?;
            Ok(done.id)
        })
    }

    fn step<'a>(
        &'a self,
        app: &'a App,
        actor: &'a Actor,
        id: &'a str,
        step: &'a str,
        input: &'a StepInput,
    ) -> Fut<'a, ()> {
        Box::pin(async move {
            let step = W::Step::from_code(step).ok_or(AppError::NotFound)?;
            app.take_step::<W, H>(&self.handler, actor, Some(id), step, input)
                .await?;
            Ok(())
        })
    }

    fn view<'a>(&'a self, app: &'a App, actor: &'a Actor, id: &'a str) -> Fut<'a, CaseView> {
        Box::pin(async move {
            let (cfg, case) = {
                let mut conn = app.store.read().await?;
                let cfg = self.handler.config(app, &mut conn, actor.region()).await?;
                let case = self.handler.summary(&mut conn, actor.region(), id).await?;
                (cfg, case)
            };
            let case = case
                .filter(|c| cfg.enabled && self.handler.may_see(actor, &c.head, &cfg))
                .ok_or(AppError::NotFound)?;
            let steps = allowed_steps::<W>(&case.head, &actor.taker(), &cfg);
            let zone = super::tasks::region_zone(actor.region());
            let due = super::tasks::due_of::<W>(&steps, &cfg, &case.state_since, zone);
            Ok(CaseView {
                workflow: W::CODE.to_owned(),
                state: case
                    .head
                    .state
                    .map(|s| s.code().to_owned())
                    .unwrap_or_default(),
                title: case.title,
                pd_id: case.head.pd.map(|p| p.to_string()),
                state_since: case.state_since,
                data: case.data,
                steps: steps.iter().map(|s| s.code().to_owned()).collect(),
                due: due.map(|d| d.to_string()),
                timeline: app.timeline(actor, W::CODE, &case.id).await?,
                id: case.id,
            })
        })
    }

    fn tasks<'a>(
        &'a self,
        app: &'a App,
        conn: &'a mut Conn,
        actor: &'a Actor,
        limit: i64,
    ) -> Fut<'a, (Vec<Task>, i64)> {
        Box::pin(async move {
            let cfg = self.handler.config(app, conn, actor.region()).await?;
            if !cfg.enabled {
                return Ok((Vec::new(), 0));
            }
            super::tasks::of_workflow::<W, H>(&self.handler, conn, actor, &cfg, limit).await
        })
    }

    fn config<'a>(&'a self, app: &'a App, region: &'a RegionId) -> Fut<'a, WorkflowConfig> {
        Box::pin(async move {
            let mut conn = app.store.read().await?;
            self.handler.config(app, &mut conn, region).await
        })
    }

    fn allowed(
        &self,
        state: Option<&str>,
        pd: Option<PdId>,
        assignee: Option<UserId>,
        who: &Taker,
        cfg: &WorkflowConfig,
    ) -> Option<Vec<&'static str>> {
        let state = match state {
            Some(s) => Some(W::State::from_code(s)?),
            None => None,
        };
        let head = CaseHead {
            state,
            pd,
            assignee,
        };
        Some(
            allowed_steps::<W>(&head, who, cfg)
                .into_iter()
                .map(|s| s.code())
                .collect(),
        )
    }
}

impl App {
    /// Every workflow reachable by code (the [`standard`] list plus any a test registered).
    pub fn workflows(&self) -> Vec<Arc<dyn CaseFlow>> {
        self.workflows.read().map(|w| w.clone()).unwrap_or_default()
    }

    /// The workflow `code`, `None` when there is none.
    pub fn workflow(&self, code: &str) -> Option<Arc<dyn CaseFlow>> {
        self.workflows().into_iter().find(|f| f.code() == code)
    }

    /// Adds a workflow to this app (replacing one with the same code): for test workflows;
    /// the platform's own are in [`standard`].
    pub fn register_workflow(&self, flow: Arc<dyn CaseFlow>) {
        if let Ok(mut list) = self.workflows.write() {
            list.retain(|f| f.code() != flow.code());
            list.push(flow);
        }
    }
}
