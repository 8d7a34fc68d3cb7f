//! The sanction workflow's persistence for the kernel ([`Handler`]): a proposal checks its
//! findings against the store and writes the `sanctions` row; a decision builds the
//! [`Decision`] document, signs it with the platform key and stores it with its signature,
//! which the kernel records as the step's signature (so the timeline verifies the very
//! document the PD downloads).

use super::{article, findings_of};
use crate::kernel::{Applied, FieldChange, Handler, Loaded, StepInput, Uow};
use crate::{App, AppError, Result};
use serde_json::{json, Value};
use simpul_domain::ids::{RegionId, SanctionId};
use simpul_domain::sanction::{
    Decision, DecisionInput, DecisionPd, ProposalInput, SanctionStatus, SanctionStep,
    SanctionWorkflow, Signatory, DECISION_FORMAT,
};
use simpul_domain::signing::canonical_json;
use simpul_domain::workflow::CaseHead;
use simpul_domain::{FieldError, Invalid};
use simpul_store::sanctions::{self, StoredDecision};
use simpul_store::{findings, pds, Conn};

/// The sanction workflow's handler.
pub struct Sanctions;

/// A proposal as the step's fields carry it (`pd_id`, `kind`, `finding_ids`, `reason`).
pub fn proposal_fields(p: &ProposalInput) -> StepInput {
    let mut fields = serde_json::Map::new();
    fields.insert("pd_id".into(), json!(p.pd_id));
    fields.insert("kind".into(), json!(p.kind));
    fields.insert("finding_ids".into(), json!(p.finding_ids));
    fields.insert("reason".into(), json!(p.reason));
    StepInput {
        fields,
        ..StepInput::default()
    }
}

fn proposal(input: &StepInput) -> Result<ProposalInput> {
    let finding_ids = match input.fields.get("finding_ids") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => {
            serde_json::from_value(v.clone()).map_err(|_| Invalid::one("finding_ids", "invalid"))?
        }
    };
    let text = |name: &str| input.text(name).unwrap_or_default();
    Ok(ProposalInput {
        pd_id: text("pd_id"),
        kind: text("kind"),
        finding_ids,
        reason: text("reason"),
    })
}

fn change(field: &str, before: Value, after: Value) -> FieldChange {
    FieldChange {
        field: field.to_owned(),
        before,
        after,
    }
}

impl Handler<SanctionWorkflow> for Sanctions {
    const ENTITY: &'static str = "sanction";
    const LABEL: &'static str = "Sanksi administratif";

    async fn load(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> Result<Option<Loaded<SanctionWorkflow>>> {
        let Ok(sid) = id.parse::<SanctionId>() else {
            return Ok(None);
        };
        Ok(sanctions::get(conn, region, sid).await?.map(|s| Loaded {
            id: id.to_owned(),
            head: CaseHead {
                state: Some(s.status),
                pd: Some(s.pd_id),
                assignee: None,
            },
            data: json!({ "sanction": s }),
        }))
    }

    fn head_for_new(
        &self,
        input: &StepInput,
        _actor: &crate::Actor,
    ) -> Result<CaseHead<SanctionStatus>> {
        Ok(CaseHead::new_for(
            input.text("pd_id").and_then(|p| p.parse().ok()),
        ))
    }

    async fn apply(
        &self,
        uow: &mut Uow,
        app: &App,
        case: Option<&Loaded<SanctionWorkflow>>,
        step: SanctionStep,
        to: SanctionStatus,
        input: &StepInput,
    ) -> Result<Applied> {
        match (step, case) {
            (SanctionStep::Propose, _) => propose(uow, input).await,
            (SanctionStep::Approve | SanctionStep::Reject, Some(c)) => {
                decide(uow, app, c, to, input).await
            }
            (_, None) => Err(AppError::NotFound),
        }
    }
}

/// Validates and stores a proposal. Every finding must be an active finding of that PD in
/// the region, of a rule the sanction article covers, and not already sanctioned.
async fn propose(uow: &mut Uow, input: &StepInput) -> Result<Applied> {
    let region = uow.actor().region().clone();
    let proposer = uow.actor().full_name().to_owned();
    let now = uow.now().to_owned();
    let art = article(uow.conn(), &region).await?;
    let v = proposal(input)?.validate(art)?;
    let tx = uow.conn();
    let pd = pds::get(tx, &region, v.pd)
        .await?
        .filter(|p| p.retired_reason.is_none())
        .ok_or_else(|| Invalid::one("pd_id", "invalid"))?;
    for fid in &v.finding_ids {
        let f = findings::get(tx, &region, fid)
            .await?
            .ok_or_else(|| Invalid::one("finding_ids", "invalid"))?;
        let problem = if f.pd_id != Some(v.pd) {
            Some("sanction_finding_other_pd")
        } else if !f.status.is_active() {
            Some("sanction_finding_inactive")
        } else if !art.covers(&f.rule) {
            Some("sanction_rule_not_covered")
        } else {
            None
        };
        if let Some(code) = problem {
            return Err(AppError::Rule(FieldError::with_param(
                "finding_ids",
                code,
                format!("{} ({})", f.rule, f.subject_name),
            )));
        }
    }
    if let Some(taken) = sanctions::findings_in_force(tx, &v.finding_ids)
        .await?
        .first()
    {
        return Err(AppError::Rule(FieldError::with_param(
            "finding_ids",
            "sanction_finding_taken",
            taken,
        )));
    }
    let id = SanctionId::new();
    sanctions::insert(tx, &region, id, &v, &proposer, &now).await?;
    let after = sanctions::get(tx, &region, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Applied {
        id: id.to_string(),
        data: json!({ "sanction": after, "finding_ids": v.finding_ids }),
        fields: vec![
            change("kind", Value::Null, json!(v.kind.code())),
            change("reason", Value::Null, json!(v.reason)),
        ],
        pd: Some(v.pd),
        assignee: None,
        signature: None,
        title: format!("{}: {}", pd.name, art.wording(v.kind).unwrap_or_default()),
        link: format!("/sanksi/{id}"),
    })
}

/// The head of region imposes or refuses: the decision document is signed with the platform
/// key and stored with its signature. Decided sanctions never change.
async fn decide(
    uow: &mut Uow,
    app: &App,
    case: &Loaded<SanctionWorkflow>,
    to: SanctionStatus,
    input: &StepInput,
) -> Result<Applied> {
    let verdict = match to {
        SanctionStatus::Ditolak => "ditolak",
        _ => "ditetapkan",
    };
    let (verdict, note) = DecisionInput {
        decision: verdict.to_owned(),
        note: input.text("note"),
    }
    .validate()?;
    let key = app.platform_key()?;
    let actor = uow.actor().clone();
    let now = uow.now().to_owned();
    let id: SanctionId = case.id.parse().map_err(|_| AppError::NotFound)?;
    let tx = uow.conn();
    let before = sanctions::get(tx, actor.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let art = article(tx, actor.region()).await?;
    let pd = pds::get(tx, actor.region(), before.pd_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let shown_findings = findings_of(tx, actor.region(), id).await?;
    let decision = Decision {
        format: DECISION_FORMAT.to_owned(),
        region: actor.region().to_string(),
        sanction_id: id.to_string(),
        pd: DecisionPd {
            id: pd.id.to_string(),
            code: pd.code,
            name: pd.name.clone(),
        },
        kind: before.kind.code().to_owned(),
        kind_label: art.wording(before.kind).unwrap_or_default().to_owned(),
        legal_basis: art.legal_basis(shown_findings.iter().map(|f| f.rule.as_str())),
        findings: shown_findings,
        proposal_reason: before.reason.clone(),
        proposed_by: Signatory {
            name: before.proposed_by.clone(),
            role: "admin_kominfo".to_owned(),
        },
        proposed_at: before.proposed_at.clone(),
        decided_by: Signatory {
            name: actor.full_name().to_owned(),
            role: actor.role().code().to_owned(),
        },
        decision: verdict.code().to_owned(),
        decision_note: note.clone().unwrap_or_default(),
        decided_at: now.clone(),
    };
    let doc = serde_json::to_value(&decision).map_err(|e| AppError::Internal(e.to_string()))?;
    let signed = key.sign(&doc);
    let json = canonical_json(&doc);
    let stored = StoredDecision {
        status: verdict.status(),
        decided_by: actor.full_name(),
        decided_at: &now,
        note: note.as_deref(),
        decision_json: &json,
        signature: &signed.signature,
        signer_key: &signed.public_key,
    };
    if !sanctions::decide(tx, actor.region(), id, &stored).await? {
        // Decided by someone else since it was loaded.
        return Err(AppError::WrongState);
    }
    let after = sanctions::get(tx, actor.region(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Applied {
        id: case.id.clone(),
        data: json!({ "sanction": after, "signature": signed.signature, "public_key": signed.public_key }),
        fields: vec![
            change("status", json!(before.status.code()), json!(to.code())),
            change("decision_note", Value::Null, json!(note)),
        ],
        pd: Some(before.pd_id),
        assignee: None,
        signature: Some((
            json,
            format!("ed25519:{}:{}", signed.public_key, signed.signature),
        )),
        title: format!(
            "{}: {}",
            pd.name,
            art.wording(before.kind).unwrap_or_default()
        ),
        link: format!("/sanksi/{id}"),
    })
}

fn summary(
    s: simpul_domain::sanction::Sanction,
) -> crate::kernel::cases::CaseSummary<SanctionWorkflow> {
    crate::kernel::cases::CaseSummary {
        id: s.id.to_string(),
        head: CaseHead {
            state: Some(s.status),
            pd: Some(s.pd_id),
            assignee: None,
        },
        title: format!("{}: {}", s.pd_name, s.kind.code()),
        state_since: s
            .decided_at
            .clone()
            .unwrap_or_else(|| s.proposed_at.clone()),
        data: serde_json::to_value(&s).unwrap_or_default(),
    }
}

/// The sanctions table as the case API and the task list read it.
impl crate::kernel::cases::CaseSource<SanctionWorkflow> for Sanctions {
    async fn summary(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        id: &str,
    ) -> Result<Option<crate::kernel::cases::CaseSummary<SanctionWorkflow>>> {
        let Ok(sid) = id.parse::<SanctionId>() else {
            return Ok(None);
        };
        Ok(sanctions::get(conn, region, sid).await?.map(summary))
    }

    async fn in_states(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        states: &[SanctionStatus],
        scope: crate::kernel::cases::Within,
        limit: i64,
    ) -> Result<(
        Vec<crate::kernel::cases::CaseSummary<SanctionWorkflow>>,
        i64,
    )> {
        crate::kernel::cases::per_state(conn, region, states, scope, limit, sanction_page).await
    }
}

/// One status's page of the sanctions table ([`crate::kernel::cases::per_state`]).
fn sanction_page<'c>(
    conn: &'c mut Conn,
    region: &'c RegionId,
    status: SanctionStatus,
    pd: Option<simpul_domain::ids::PdId>,
    paging: simpul_store::Paging,
) -> crate::kernel::registry::Fut<
    'c,
    (
        Vec<crate::kernel::cases::CaseSummary<SanctionWorkflow>>,
        i64,
    ),
> {
    Box::pin(async move {
        let filter = sanctions::SanctionFilter {
            pd,
            status: Some(status),
        };
        let page = sanctions::list(conn, region, &filter, paging).await?;
        Ok((page.items.into_iter().map(summary).collect(), page.total))
    })
}
