//! The one executor: taking a step of any workflow is authorize (the definition's
//! [`check`]) → guard (required fields and documents) → the workflow's own change (its
//! [`Handler`]) → one history event (signed when the step is) → the audit entry → outbox
//! messages to the people who now have something to do, all in one [`Uow`].

use super::outbox::Notify;
use super::Uow;
use crate::{Actor, App, AppError, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use simpul_domain::ids::{DocumentId, PdId, RegionId, UserId};
use simpul_domain::user::Role;
use simpul_domain::workflow::{
    self, check, required_documents, CaseHead, Code, Party, Refusal, Workflow, WorkflowConfig,
};
use simpul_domain::{FieldError, Invalid};
use simpul_store::case_events::{self, CaseEvent};
use simpul_store::{documents, users, Conn};
use std::future::Future;

/// What a step is taken with: a comment, named fields and attached documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StepInput {
    #[serde(default)]
    pub comment: Option<String>,
    /// The step's fields, by name (e.g. `reason`, `level`).
    #[serde(default)]
    #[schema(value_type = Object)]
    pub fields: serde_json::Map<String, Value>,
    /// Ids of documents already uploaded, attached to this step.
    #[serde(default)]
    pub documents: Vec<String>,
}

impl StepInput {
    /// A field as text, trimmed; `None` when absent, null or blank.
    pub fn text(&self, name: &str) -> Option<String> {
        if name == "comment" {
            return self
                .comment
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned);
        }
        match self.fields.get(name)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A field as an integer.
    pub fn int(&self, name: &str) -> Option<i64> {
        match self.fields.get(name)? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// A case as loaded for a step.
#[derive(Debug, Clone)]
pub struct Loaded<W: Workflow> {
    pub id: String,
    pub head: CaseHead<W::State>,
    /// The case as recorded before the step (the audit entry's `before`).
    pub data: Value,
}

/// One labelled field change, for the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// What the workflow's own change did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The case id (new for an opening step).
    pub id: String,
    /// The case as recorded after the step (the audit entry's `after`).
    pub data: Value,
    pub fields: Vec<FieldChange>,
    /// The PD the case belongs to after the step, for notifications.
    pub pd: Option<PdId>,
    pub assignee: Option<UserId>,
    /// A signature the workflow made itself over its own decision document (e.g. the
    /// sanction decision); otherwise a signed step gets the kernel's over the event.
    pub signature: Option<(String, String)>,
    /// What people see in notifications and task lists, e.g. the PD and the subject.
    pub title: String,
    /// The page of the case.
    pub link: String,
}

/// A workflow's persistence and its own rules: the kernel calls it inside the step's
/// transaction, after authorization and the definition's guard.
pub trait Handler<W: Workflow>: Send + Sync {
    /// The audit log's entity type, e.g. `sanction`.
    const ENTITY: &'static str;
    /// The workflow's name in Bahasa Indonesia (notifications).
    const LABEL: &'static str;

    /// The case in the actor's region, `None` when there is none.
    fn load(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> impl Future<Output = Result<Option<Loaded<W>>>> + Send;

    /// How the actor's region runs the workflow: the region pack's `[workflows.<code>]`.
    /// A workflow every region has regardless of its regulation (or a test workflow) may
    /// return its own configuration.
    fn config<'a>(
        &'a self,
        app: &'a App,
        conn: &'a mut Conn,
        region: &'a RegionId,
    ) -> impl Future<Output = Result<WorkflowConfig>> + Send + 'a {
        app.workflow_config(conn, region, W::CODE)
    }

    /// The head of a case an opening step would create (its PD from the input).
    fn head_for_new(&self, input: &StepInput, actor: &Actor) -> Result<CaseHead<W::State>> {
        let _ = input;
        Ok(CaseHead::new_for(actor.pd()))
    }

    /// The workflow's own validation and change: the case goes to `to`.
    fn apply(
        &self,
        uow: &mut Uow,
        app: &App,
        case: Option<&Loaded<W>>,
        step: W::Step,
        to: W::State,
        input: &StepInput,
    ) -> impl Future<Output = Result<Applied>> + Send;

    /// The audit action of a step; `<workflow>.<step>` unless the workflow had its own.
    fn audit_action(&self, step: W::Step) -> String {
        format!("{}.{}", W::CODE, step.code())
    }
}

/// What taking a step did.
#[derive(Debug, Clone)]
pub struct StepOutcome<W: Workflow> {
    pub id: String,
    pub from: Option<W::State>,
    pub to: W::State,
    pub data: Value,
    pub event: CaseEvent,
}

/// The refusal as the error every caller maps: 403, 409, or 404 for a disabled workflow.
pub fn refused(r: Refusal) -> AppError {
    match r {
        Refusal::NotPermitted => AppError::Forbidden,
        Refusal::WrongState => AppError::WrongState,
        Refusal::NotEnabled => AppError::NotFound,
    }
}

impl App {
    /// How the region's applied pack runs workflow `code` (disabled when absent).
    pub async fn workflow_config(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        code: &str,
    ) -> Result<WorkflowConfig> {
        let slug = simpul_store::findings::rule_pack(conn, region)
            .await?
            .unwrap_or_else(|| region.to_string());
        Ok(crate::compliance::pack(&slug)
            .map(|p| p.workflow(code))
            .unwrap_or_else(WorkflowConfig::disabled))
    }

    /// Takes `step` on case `id` (or opens a case when `id` is `None`) for `actor`: the one
    /// executor of every workflow.
    pub async fn take_step<W: Workflow, H: Handler<W>>(
        &self,
        h: &H,
        actor: &Actor,
        id: Option<&str>,
        step: W::Step,
        input: &StepInput,
    ) -> Result<StepOutcome<W>> {
        let mut uow = self.write(actor).await?;
        let cfg = h.config(self, uow.conn(), actor.region()).await?;
        let loaded = match id {
            Some(id) => Some(
                h.load(uow.conn(), actor.region(), id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        let head = match &loaded {
            Some(l) => l.head,
            None => h.head_for_new(input, actor)?,
        };
        let def = check::<W>(&head, &actor.taker(), step, &cfg).map_err(refused)?;
        let docs = guard::<W>(uow.conn(), actor, step, def.guard.fields, &cfg, input).await?;
        let applied = h
            .apply(&mut uow, self, loaded.as_ref(), step, def.to, input)
            .await?;
        let from = head.state;
        let mut event = CaseEvent {
            id: uuid::Uuid::now_v7().to_string(),
            region_id: actor.region().to_string(),
            workflow: W::CODE.to_owned(),
            case_id: applied.id.clone(),
            at: uow.now().to_owned(),
            actor_id: actor.id().map(|u| u.to_string()),
            actor_name: actor.username().to_owned(),
            role: actor.role_code().to_owned(),
            step: step.code().to_owned(),
            from_state: from.map(|s| s.code().to_owned()),
            to_state: def.to.code().to_owned(),
            comment: input.text("comment"),
            fields_json: serde_json::to_string(&applied.fields).unwrap_or_else(|_| "[]".into()),
            documents_json: serde_json::to_string(&docs).unwrap_or_else(|_| "[]".into()),
            signed_json: None,
            signature: None,
        };
        if def.signed {
            let (json, sig) = match &applied.signature {
                Some(s) => s.clone(),
                None => {
                    let doc = signed_document(&event, &applied.data);
                    let s = self.platform_key()?.sign(&doc);
                    (
                        simpul_domain::signing::canonical_json(&doc),
                        format!("ed25519:{}:{}", s.public_key, s.signature),
                    )
                }
            };
            (event.signed_json, event.signature) = (Some(json), Some(sig));
        }
        case_events::insert(uow.conn(), &event).await?;
        uow.audit(
            &h.audit_action(step),
            H::ENTITY,
            &applied.id,
            loaded.as_ref().map(|l| &l.data),
            Some(&applied.data),
        )
        .await?;
        let after = CaseHead {
            state: Some(def.to),
            pd: applied.pd,
            assignee: applied.assignee,
        };
        notify_next::<W>(&mut uow, &cfg, &after, H::LABEL, &applied).await?;
        uow.commit(self).await?;
        Ok(StepOutcome {
            id: applied.id,
            from,
            to: def.to,
            data: applied.data,
            event,
        })
    }
}

/// The document a kernel-signed step signs: the event without its signature, plus the case.
fn signed_document(e: &CaseEvent, data: &Value) -> Value {
    serde_json::json!({
        "workflow": e.workflow, "case": e.case_id, "region": e.region_id, "step": e.step,
        "from": e.from_state, "to": e.to_state, "at": e.at, "actor": e.actor_name,
        "role": e.role, "comment": e.comment, "data": data,
    })
}

/// An attached document as the history records it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttachedDocument {
    pub id: String,
    pub doc_type: String,
    pub title: String,
}

/// The definition's guard: required fields present, required documents attached (and in
/// the region, and visible to the actor). Returns the attached documents.
async fn guard<W: Workflow>(
    conn: &mut Conn,
    actor: &Actor,
    step: W::Step,
    fields: &[&str],
    cfg: &WorkflowConfig,
    input: &StepInput,
) -> Result<Vec<AttachedDocument>> {
    let mut errors: Vec<FieldError> = fields
        .iter()
        .filter(|f| input.text(f).is_none())
        .map(|f| FieldError::new(f, "required"))
        .collect();
    let mut docs = Vec::new();
    for raw in &input.documents {
        let found = match raw.parse::<DocumentId>() {
            Ok(id) => documents::get(conn, actor.region(), id).await?,
            Err(_) => None,
        };
        match found {
            Some(d)
                if crate::platform::policy::may_see_document(actor, &d.classification, d.pd_id) =>
            {
                docs.push(AttachedDocument {
                    id: d.id.to_string(),
                    doc_type: d.doc_type,
                    title: d.title,
                })
            }
            _ => errors.push(FieldError::with_param("documents", "document_unknown", raw)),
        }
    }
    for needed in required_documents::<W>(step, cfg) {
        if !docs.iter().any(|d| d.doc_type == needed) {
            errors.push(FieldError::with_param(
                "documents",
                "document_required",
                &needed,
            ));
        }
    }
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err(Invalid(errors).into())
    }
}

/// Queues a notification to everyone who may take a step from the case's new state (not the
/// actor): the new task's assignees.
async fn notify_next<W: Workflow>(
    uow: &mut Uow,
    cfg: &WorkflowConfig,
    case: &CaseHead<W::State>,
    label: &str,
    applied: &Applied,
) -> Result<()> {
    let Some(state) = case.state else {
        return Ok(());
    };
    let steps: Vec<_> = W::STEPS
        .iter()
        .filter(|d| d.from.contains(&state))
        .collect();
    if steps.is_empty() {
        return Ok(());
    }
    let region = uow.actor().region().clone();
    let me = uow.actor().id();
    // Only the accounts that could be a party: those of the parties' roles, or everyone
    // when a step is the assignee's.
    let people = match party_roles(&steps, cfg) {
        Some(roles) => users::active_with_roles(uow.conn(), &region, &roles).await?,
        None => users::active(uow.conn(), &region).await?,
    };
    for u in people.iter().filter(|u| Some(u.id) != me) {
        let who = simpul_domain::workflow::Taker {
            user: Some(u.id),
            role: u.role,
            pd: u.pd_id,
            system: false,
        };
        let mine: Vec<&str> = steps
            .iter()
            .filter(|d| d.by.iter().any(|p| workflow::is_party(*p, case, &who, cfg)))
            .map(|d| d.step.code())
            .collect();
        if mine.is_empty() {
            continue;
        }
        let n = Notify::task(u.id, W::CODE, label, applied, state.code(), &mine);
        uow.queue(super::outbox::NOTIFY, &n).await?;
    }
    Ok(())
}

/// The roles (by code) of the people who may take one of `steps` under `cfg`; `None` when a
/// step is the assignee's, who may have any role.
fn party_roles<S, T>(
    steps: &[&workflow::StepDef<S, T>],
    cfg: &WorkflowConfig,
) -> Option<Vec<&'static str>> {
    let mut out: Vec<&'static str> = Vec::new();
    for d in steps {
        for p in d.by {
            let r = match *p {
                Party::Role(r) | Party::OwnPd(r) => r,
                Party::Param(param, default) => cfg.param_role(param).unwrap_or(default),
                Party::Assignee => return None,
                Party::System => continue,
            };
            if !out.contains(&r.code()) {
                out.push(r.code());
            }
        }
    }
    Some(out)
}

/// Roles that can ever take a step of `W` (for the matrix and task views).
pub fn roles_of<W: Workflow>() -> Vec<Role> {
    let mut out = Vec::new();
    for d in W::STEPS {
        for p in d.by {
            let r = match *p {
                Party::Role(r) | Party::OwnPd(r) | Party::Param(_, r) => r,
                Party::Assignee | Party::System => continue,
            };
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}
