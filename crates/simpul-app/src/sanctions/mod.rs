//! Administrative sanctions (SAN-1) on the workflow kernel ([`SanctionWorkflow`]): the Dinas
//! Kominfo proposes a sanction against a PD for some of its active findings; the head of
//! region decides, and the platform signs the decision. A decided sanction never changes.
//! Both use cases take their step through [`App::take_step`] (authorization, history event,
//! audit entry, notifications); [`handler`] holds the sanction's own rules and tables.

pub mod policy;

pub mod handler;

use crate::kernel::step::refused;
use crate::kernel::{Handler, StepInput};
use crate::{Actor, App, AppError, Result};
use handler::{proposal_fields, Sanctions};
use serde::Serialize;
use simpul_domain::compliance::RuleConfig;
use simpul_domain::ids::{PdId, RegionId, SanctionId};
use simpul_domain::sanction::{
    article_for, Decision, DecisionInput, ProposalInput, Sanction, SanctionArticle,
    SanctionFinding, SanctionStatus, SanctionStep, SanctionWorkflow,
};
use simpul_domain::signing::{verify_file, SignedExport};
use simpul_domain::workflow::{allowed_steps, check, CaseHead, Code, Workflow, WorkflowConfig};
use simpul_domain::FieldError;
use simpul_store::findings::{self, Finding, FindingFilter};
use simpul_store::sanctions::{self, SanctionFilter};
use simpul_store::{Conn, Page, Paging};

/// A sanction with its findings and, once decided, the signed decision.
#[derive(Debug, Clone, Serialize)]
pub struct SanctionView {
    #[serde(flatten)]
    pub sanction: Sanction,
    pub findings: Vec<SanctionFinding>,
    /// The sanction article for these findings, e.g. "Pasal 48 ayat (1) dan ayat (3) Perda
    /// Kota Metro …" (the ayat sanctioning the violation and the ayat listing the kinds).
    pub legal_basis: Option<String>,
    /// The regulation's wording of the kind.
    pub kind_label: Option<String>,
    /// The signed decision document, once decided.
    pub decision: Option<Decision>,
    /// The steps the viewer may take now (`approve`, `reject`), from the workflow definition.
    pub steps: Vec<String>,
}

fn rule(field: &str, code: &'static str) -> AppError {
    AppError::Rule(FieldError::new(field, code))
}

/// The sanction article of the regulation whose pack applies to `region` (a sanction rests on
/// the same regulation as the findings it is for).
pub async fn article_of(
    conn: &mut Conn,
    region: &RegionId,
) -> Result<Option<&'static SanctionArticle>> {
    let slug = findings::rule_pack(conn, region)
        .await?
        .unwrap_or_else(|| region.to_string());
    Ok(article_for(&slug))
}

/// Step codes, for views.
fn codes(steps: Vec<SanctionStep>) -> Vec<String> {
    steps.into_iter().map(|s| s.code().to_owned()).collect()
}

/// The guard's "note required" in the words sanctions always used.
fn note_required(e: AppError) -> AppError {
    match e {
        AppError::Invalid(mut inv) => {
            for fe in inv.0.iter_mut() {
                if fe.field == "note" && fe.code == "required" {
                    fe.code = "sanction_note_required";
                }
            }
            AppError::Invalid(inv)
        }
        other => other,
    }
}

pub(crate) async fn article(
    conn: &mut Conn,
    region: &RegionId,
) -> Result<&'static SanctionArticle> {
    article_of(conn, region)
        .await?
        .ok_or_else(|| rule("kind", "sanction_no_article"))
}

/// The rules (with citations) of the pack that applies to `region`.
async fn pack_rules(conn: &mut Conn, region: &RegionId) -> Result<Vec<RuleConfig>> {
    let slug = findings::rule_pack(conn, region)
        .await?
        .unwrap_or_else(|| region.to_string());
    Ok(crate::compliance::pack(&slug)
        .map(|p| p.rules.clone())
        .unwrap_or_default())
}

fn shown(f: &Finding, rules: &[RuleConfig], art: Option<&SanctionArticle>) -> SanctionFinding {
    let c = rules.iter().find(|r| r.rule.code() == f.rule);
    SanctionFinding {
        id: f.id.clone(),
        rule: f.rule.clone(),
        subject: f.subject_name.clone(),
        status: f.status,
        citation: c.map(|c| c.citation.full()).unwrap_or_default(),
        citation_text: c.map(|c| c.citation.text.clone()).unwrap_or_default(),
        sanction: art.and_then(|a| a.basis(&f.rule)),
    }
}

pub(crate) async fn findings_of(
    conn: &mut Conn,
    region: &RegionId,
    id: SanctionId,
) -> Result<Vec<SanctionFinding>> {
    let rules = pack_rules(conn, region).await?;
    let art = article_of(conn, region).await?;
    let mut out = Vec::new();
    for fid in sanctions::finding_ids(conn, id).await? {
        if let Some(f) = findings::get(conn, region, &fid).await? {
            out.push(shown(&f, &rules, art));
        }
    }
    Ok(out)
}

/// The signed export of a decided sanction, from what is stored.
async fn stored_export(
    conn: &mut Conn,
    region: &RegionId,
    id: SanctionId,
) -> Result<Option<SignedExport>> {
    let Some((json, signature, key)) = sanctions::signed(conn, region, id).await? else {
        return Ok(None);
    };
    let decision =
        serde_json::from_str(&json).map_err(|e| AppError::Internal(format!("decision: {e}")))?;
    Ok(Some(SignedExport {
        decision,
        signature,
        public_key: key,
        algorithm: simpul_domain::signing::ALGORITHM.to_owned(),
    }))
}

impl App {
    /// Sanctions the actor may see: all of the region's, or only their own PD's.
    pub async fn list_sanctions(
        &self,
        actor: &Actor,
        status: Option<SanctionStatus>,
        paging: Paging,
    ) -> Result<Page<Sanction>> {
        let pd = policy::view_sanctions(actor)?;
        let f = SanctionFilter { pd, status };
        Ok(sanctions::list(&mut *self.store.read().await?, actor.region(), &f, paging).await?)
    }

    /// One sanction; another PD's is "not found" for a PD operator.
    pub async fn get_sanction(&self, actor: &Actor, id: SanctionId) -> Result<SanctionView> {
        let scope = policy::view_sanctions(actor)?;
        let mut conn = self.store.read().await?;
        let s = sanctions::get(&mut conn, actor.region(), id)
            .await?
            .filter(|s| scope.is_none_or(|pd| pd == s.pd_id))
            .ok_or(AppError::NotFound)?;
        let findings = findings_of(&mut conn, actor.region(), id).await?;
        let export = stored_export(&mut conn, actor.region(), id).await?;
        let art = article_of(&mut conn, actor.region()).await?;
        let cfg = self
            .workflow_config(&mut conn, actor.region(), SanctionWorkflow::CODE)
            .await?;
        let head = CaseHead {
            state: Some(s.status),
            pd: Some(s.pd_id),
            assignee: None,
        };
        Ok(SanctionView {
            steps: codes(allowed_steps::<SanctionWorkflow>(
                &head,
                &actor.taker(),
                &cfg,
            )),
            legal_basis: art.map(|a| a.legal_basis(findings.iter().map(|f| f.rule.as_str()))),
            kind_label: art.and_then(|a| a.wording(s.kind)).map(str::to_owned),
            decision: export.and_then(|e| serde_json::from_value(e.decision).ok()),
            sanction: s,
            findings,
        })
    }

    /// The signed decision file of a decided sanction (same visibility as the sanction).
    pub async fn sanction_export(&self, actor: &Actor, id: SanctionId) -> Result<SignedExport> {
        self.get_sanction(actor, id).await?;
        stored_export(&mut *self.store.read().await?, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Whether a signed decision verifies against the current platform key; the error names
    /// the problem (e.g. the key was replaced, or the stored decision was edited).
    pub fn verify_export(&self, export: &SignedExport) -> Result<std::result::Result<(), String>> {
        let key = self.public_key_hex()?;
        Ok(verify_file(&export.to_file(), Some(&key))
            .map(|_| ())
            .map_err(|e| e.to_string()))
    }

    /// The sanction article the actor may propose under: forbidden unless the workflow lets
    /// the actor propose, `sanction_no_article` when the region's regulation has none (its
    /// pack leaves the workflow out).
    pub async fn proposal_article(&self, actor: &Actor) -> Result<&'static SanctionArticle> {
        let mut conn = self.store.read().await?;
        let cfg = self
            .workflow_config(&mut conn, actor.region(), SanctionWorkflow::CODE)
            .await?;
        let if_enabled = WorkflowConfig {
            enabled: true,
            ..cfg.clone()
        };
        let new = CaseHead::new_for(None);
        check::<SanctionWorkflow>(&new, &actor.taker(), SanctionStep::Propose, &if_enabled)
            .map_err(refused)?;
        if !cfg.enabled {
            return Err(rule("kind", "sanction_no_article"));
        }
        article(&mut conn, actor.region()).await
    }

    /// The steps the actor may take to open a sanction (`propose`, or nothing).
    pub async fn sanction_opening_steps(&self, actor: &Actor) -> Result<Vec<String>> {
        let mut conn = self.store.read().await?;
        let cfg = self
            .workflow_config(&mut conn, actor.region(), SanctionWorkflow::CODE)
            .await?;
        Ok(codes(allowed_steps::<SanctionWorkflow>(
            &CaseHead::new_for(None),
            &actor.taker(),
            &cfg,
        )))
    }

    /// Active findings of a PD whose rule the region's sanction article covers (the
    /// proposal form's choices).
    pub async fn sanctionable_findings(&self, actor: &Actor, pd: PdId) -> Result<Vec<Finding>> {
        let art = self.proposal_article(actor).await?;
        let f = FindingFilter {
            pd: Some(pd),
            status: simpul_store::findings::StatusFilter::Active,
            ..FindingFilter::default()
        };
        let page = findings::list(
            &mut *self.store.read().await?,
            actor.region(),
            &f,
            Paging::new(Some(1), Some(200)),
        )
        .await?;
        Ok(page
            .items
            .into_iter()
            .filter(|f| art.covers(&f.rule))
            .collect())
    }

    /// Proposes a sanction (admin Kominfo): the workflow's `propose` step.
    pub async fn propose_sanction(&self, actor: &Actor, input: &ProposalInput) -> Result<Sanction> {
        self.proposal_article(actor).await?;
        let out = self
            .take_step::<SanctionWorkflow, _>(
                &Sanctions,
                actor,
                None,
                SanctionStep::Propose,
                &proposal_fields(input),
            )
            .await?;
        let id: SanctionId = out
            .id
            .parse()
            .map_err(|_| AppError::Internal("sanction id".into()))?;
        sanctions::get(&mut *self.store.read().await?, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The head of region imposes (`approve`) or refuses (`reject`, with a note) a proposed
    /// sanction; the decision is signed with the platform key and stored with its signature.
    /// Decided sanctions never change (409).
    pub async fn decide_sanction(
        &self,
        actor: &Actor,
        id: SanctionId,
        input: &DecisionInput,
    ) -> Result<SanctionView> {
        let verdict = match input.verdict() {
            Ok(v) => v,
            Err(inv) => {
                // No step to take, but a stranger still learns nothing of the case.
                self.may_decide(actor, id).await?;
                return Err(inv.into());
            }
        };
        let note = input.note.clone().filter(|n| !n.trim().is_empty());
        let mut fields = serde_json::Map::new();
        fields.insert("note".into(), serde_json::json!(note));
        let step_input = StepInput {
            comment: note,
            fields,
            documents: Vec::new(),
        };
        let step = SanctionStep::of(verdict);
        self.take_step::<SanctionWorkflow, _>(
            &Sanctions,
            actor,
            Some(&id.to_string()),
            step,
            &step_input,
        )
        .await
        .map_err(note_required)?;
        self.get_sanction(actor, id).await
    }

    /// Whether the actor may decide sanction `id` now (403, 404 or 409 otherwise).
    async fn may_decide(&self, actor: &Actor, id: SanctionId) -> Result<()> {
        let mut conn = self.store.read().await?;
        let cfg = self
            .workflow_config(&mut conn, actor.region(), SanctionWorkflow::CODE)
            .await?;
        let case = Sanctions
            .load(&mut conn, actor.region(), &id.to_string())
            .await?
            .ok_or(AppError::NotFound)?;
        check::<SanctionWorkflow>(&case.head, &actor.taker(), SanctionStep::Approve, &cfg)
            .map_err(refused)?;
        Ok(())
    }
}
