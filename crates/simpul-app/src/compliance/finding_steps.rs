//! The decisions people take on a finding as steps of workflow `finding` (issue 10): the
//! kernel authorizes them from the definition, records them in the finding's history and
//! audits them; this handler writes the finding. The engine's own steps (open, resolve,
//! reopen) are taken in bulk by the evaluation ([`crate::compliance`]), never through here.

use crate::kernel::{Applied, FieldChange, Handler, Loaded, StepInput, Uow};
use crate::{Actor, App, AppError, Result};
use serde_json::Value;
use simpul_domain::compliance::{FindingStatus, FindingStep, FindingWorkflow};
use simpul_domain::ids::RegionId;
use simpul_domain::workflow::{allowed_steps, CaseHead, Code, Workflow};
use simpul_domain::{FieldError, Invalid};
use simpul_store::findings::{self, Finding};
use simpul_store::Conn;

/// Persistence of workflow `finding`.
pub struct FindingHandler;

fn json(f: &Finding) -> Result<Value> {
    serde_json::to_value(f).map_err(|e| AppError::Internal(e.to_string()))
}

/// A note or reason: at most 1000 characters.
fn bounded(field: &str, v: Option<String>) -> Result<Option<String>> {
    match v {
        Some(v) if v.chars().count() > 1000 => {
            Err(Invalid(vec![FieldError::with_param(field, "too_long", "1000")]).into())
        }
        v => Ok(v),
    }
}

/// What the kernel knows of a finding.
pub fn head(f: &Finding) -> CaseHead<FindingStatus> {
    CaseHead {
        state: Some(f.status),
        pd: f.pd_id,
        assignee: None,
    }
}

impl Handler<FindingWorkflow> for FindingHandler {
    const ENTITY: &'static str = "finding";
    const LABEL: &'static str = "Temuan kepatuhan";

    async fn load(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> Result<Option<Loaded<FindingWorkflow>>> {
        let Some(f) = findings::get(conn, region, id).await? else {
            return Ok(None);
        };
        Ok(Some(Loaded {
            id: f.id.clone(),
            head: head(&f),
            data: json(&f)?,
        }))
    }

    async fn apply(
        &self,
        uow: &mut Uow,
        _app: &App,
        case: Option<&Loaded<FindingWorkflow>>,
        step: FindingStep,
        to: FindingStatus,
        input: &StepInput,
    ) -> Result<Applied> {
        let case = case.ok_or(AppError::NotFound)?;
        let (note, decided_by, fields) = match step {
            FindingStep::Acknowledge => (bounded("note", input.text("comment"))?, None, vec![]),
            FindingStep::Except => {
                let reason = bounded("reason", input.text("reason"))?;
                let change = FieldChange {
                    field: "reason".into(),
                    before: Value::Null,
                    after: reason.clone().map_or(Value::Null, Value::String),
                };
                let by = Some(uow.actor().username().to_owned());
                (reason, by, vec![change])
            }
            FindingStep::Lift => (None, None, vec![]),
            FindingStep::Open | FindingStep::Resolve | FindingStep::Reopen => {
                return Err(AppError::Internal(format!(
                    "step {} is the engine's, taken in bulk by the evaluation",
                    step.code()
                )))
            }
        };
        let now = uow.now().to_owned();
        findings::decide(
            uow.conn(),
            &case.id,
            to,
            note.as_deref(),
            decided_by.as_deref(),
            &now,
        )
        .await?;
        let region = uow.actor().region().clone();
        let after = findings::get(uow.conn(), &region, &case.id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Applied {
            id: after.id.clone(),
            data: json(&after)?,
            fields,
            pd: after.pd_id,
            assignee: None,
            signature: None,
            title: format!("{}: {}", after.rule, after.subject_name),
            link: format!("/temuan/{}", after.id),
        })
    }

    /// The audit actions findings always had: `finding.<new status>`.
    fn audit_action(&self, step: FindingStep) -> String {
        format!("finding.{}", FindingWorkflow::def(step).to.code())
    }
}

impl App {
    /// The steps `actor` may take on finding `f` now (the page's buttons).
    pub async fn finding_steps(&self, actor: &Actor, f: &Finding) -> Result<Vec<FindingStep>> {
        let mut conn = self.store.read().await?;
        let cfg = self
            .workflow_config(&mut conn, actor.region(), FindingWorkflow::CODE)
            .await?;
        Ok(allowed_steps::<FindingWorkflow>(
            &head(f),
            &actor.taker(),
            &cfg,
        ))
    }
}

fn summary(f: &Finding) -> Result<crate::kernel::cases::CaseSummary<FindingWorkflow>> {
    Ok(crate::kernel::cases::CaseSummary {
        id: f.id.clone(),
        head: head(f),
        title: format!("{}: {}", f.rule, f.subject_name),
        state_since: f
            .resolved_at
            .clone()
            .unwrap_or_else(|| f.first_seen.clone()),
        data: json(f)?,
    })
}

/// The findings table as the case API and the task list read it.
impl crate::kernel::cases::CaseSource<FindingWorkflow> for FindingHandler {
    async fn summary(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> Result<Option<crate::kernel::cases::CaseSummary<FindingWorkflow>>> {
        findings::get(conn, region, id)
            .await?
            .as_ref()
            .map(summary)
            .transpose()
    }

    async fn in_states(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        states: &[FindingStatus],
        scope: crate::kernel::cases::Within,
        limit: i64,
    ) -> Result<(Vec<crate::kernel::cases::CaseSummary<FindingWorkflow>>, i64)> {
        crate::kernel::cases::per_state(conn, region, states, scope, limit, finding_page).await
    }
}

/// One status's page of the findings table ([`crate::kernel::cases::per_state`]).
fn finding_page<'c>(
    conn: &'c mut Conn,
    region: &'c RegionId,
    status: FindingStatus,
    pd: Option<simpul_domain::ids::PdId>,
    paging: simpul_store::Paging,
) -> crate::kernel::registry::Fut<'c, (Vec<crate::kernel::cases::CaseSummary<FindingWorkflow>>, i64)>
{
    Box::pin(async move {
        let filter = findings::FindingFilter {
            pd,
            status: findings::StatusFilter::Is(status),
            rule: String::new(),
            severity: String::new(),
        };
        let page = findings::list(conn, region, &filter, paging).await?;
        let items = page.items.iter().map(summary).collect::<Result<_>>()?;
        Ok((items, page.total))
    })
}
