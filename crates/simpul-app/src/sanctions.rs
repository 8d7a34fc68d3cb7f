//! Administrative sanctions (SAN-1): the Dinas Kominfo proposes a sanction against a PD for
//! some of its active findings; the head of region decides, and the platform signs the
//! decision. A decided sanction never changes. Every step is audited.

use crate::{policy, Actor, App, AppError, Result};
use serde::Serialize;
use simpul_domain::compliance::RuleConfig;
use simpul_domain::ids::{PdId, RegionId, SanctionId};
use simpul_domain::sanction::{
    article_for, Decision, DecisionInput, DecisionPd, ProposalInput, Sanction, SanctionArticle,
    SanctionFinding, SanctionStatus, Signatory, DECISION_FORMAT,
};
use simpul_domain::signing::{canonical_json, verify_file, SignedExport};
use simpul_domain::{now_str, FieldError, Invalid};
use simpul_store::findings::{self, Finding, FindingFilter};
use simpul_store::sanctions::{self, SanctionFilter, StoredDecision};
use simpul_store::{audit, commit, pds, Conn, Page, Paging};

/// A sanction with its findings and, once decided, the signed decision.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
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

async fn article(conn: &mut Conn, region: &RegionId) -> Result<&'static SanctionArticle> {
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

async fn findings_of(
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
    /// The sanction article of the regulation applied to the actor's region, if it has one.
    pub async fn sanction_article(
        &self,
        actor: &Actor,
    ) -> Result<Option<&'static SanctionArticle>> {
        article_of(&mut *self.store.read().await?, &actor.region).await
    }

    /// Sanctions the actor may see: all of the region's, or only their own PD's.
    pub async fn list_sanctions(
        &self,
        actor: &Actor,
        status: Option<SanctionStatus>,
        paging: Paging,
    ) -> Result<Page<Sanction>> {
        let pd = policy::view_sanctions(actor)?;
        let f = SanctionFilter { pd, status };
        Ok(sanctions::list(&mut *self.store.read().await?, &actor.region, &f, paging).await?)
    }

    /// One sanction; another PD's is "not found" for a PD operator.
    pub async fn get_sanction(&self, actor: &Actor, id: SanctionId) -> Result<SanctionView> {
        let scope = policy::view_sanctions(actor)?;
        let mut conn = self.store.read().await?;
        let s = sanctions::get(&mut conn, &actor.region, id)
            .await?
            .filter(|s| scope.is_none_or(|pd| pd == s.pd_id))
            .ok_or(AppError::NotFound)?;
        let findings = findings_of(&mut conn, &actor.region, id).await?;
        let export = stored_export(&mut conn, &actor.region, id).await?;
        let art = article_of(&mut conn, &actor.region).await?;
        Ok(SanctionView {
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
        stored_export(&mut *self.store.read().await?, &actor.region, id)
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

    /// Active findings of a PD whose rule the region's sanction article covers (the
    /// proposal form's choices).
    pub async fn sanctionable_findings(&self, actor: &Actor, pd: PdId) -> Result<Vec<Finding>> {
        policy::propose_sanction(actor)?;
        let art = article(&mut *self.store.read().await?, &actor.region).await?;
        let f = FindingFilter {
            pd: Some(pd),
            status: simpul_store::findings::StatusFilter::Active,
            ..FindingFilter::default()
        };
        let page = findings::list(
            &mut *self.store.read().await?,
            &actor.region,
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

    /// Proposes a sanction (admin Kominfo). Every finding must be an active finding of that
    /// PD in the region, of a rule the sanction article covers, and not already sanctioned.
    pub async fn propose_sanction(&self, actor: &Actor, input: &ProposalInput) -> Result<Sanction> {
        policy::propose_sanction(actor)?;
        let art = article(&mut *self.store.read().await?, &actor.region).await?;
        let v = input.validate(art)?;
        let id = SanctionId::new();
        let now = now_str();
        let mut tx = self.store.begin().await?;
        let pd = pds::get(&mut tx, &actor.region, v.pd).await?;
        if pd.is_none_or(|p| p.retired_reason.is_some()) {
            return Err(Invalid::one("pd_id", "invalid").into());
        }
        for fid in &v.finding_ids {
            let f = findings::get(&mut tx, &actor.region, fid)
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
        if let Some(taken) = sanctions::findings_in_force(&mut tx, &v.finding_ids)
            .await?
            .first()
        {
            return Err(AppError::Rule(FieldError::with_param(
                "finding_ids",
                "sanction_finding_taken",
                taken,
            )));
        }
        sanctions::insert(&mut tx, &actor.region, id, &v, &actor.full_name, &now).await?;
        let after = sanctions::get(&mut tx, &actor.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let snapshot = serde_json::json!({ "sanction": after, "finding_ids": v.finding_ids });
        audit::append(
            &mut tx,
            actor.audit(
                "sanction.propose",
                "sanction",
                &id.to_string(),
                None,
                Some(&snapshot),
            ),
            &now,
        )
        .await?;
        commit(tx).await?;
        Ok(after)
    }

    /// The head of region imposes or refuses a proposed sanction; the decision is signed
    /// with the platform key and stored with its signature. Decided sanctions never change.
    pub async fn decide_sanction(
        &self,
        actor: &Actor,
        id: SanctionId,
        input: &DecisionInput,
    ) -> Result<SanctionView> {
        policy::decide_sanction(actor)?;
        let (verdict, note) = input.validate()?;
        let key = self.platform_key()?;
        let now = now_str();
        let mut tx = self.store.begin().await?;
        let before = sanctions::get(&mut tx, &actor.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if before.status != SanctionStatus::Diusulkan {
            return Err(rule("decision", "sanction_decided"));
        }
        let art = article(&mut tx, &actor.region).await?;
        let pd = pds::get(&mut tx, &actor.region, before.pd_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let shown_findings = findings_of(&mut tx, &actor.region, id).await?;
        let decision = Decision {
            format: DECISION_FORMAT.to_owned(),
            region: actor.region.to_string(),
            sanction_id: id.to_string(),
            pd: DecisionPd {
                id: pd.id.to_string(),
                code: pd.code,
                name: pd.name,
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
                name: actor.full_name.clone(),
                role: actor.role.code().to_owned(),
            },
            decision: verdict.code().to_owned(),
            decision_note: note.clone().unwrap_or_default(),
            decided_at: now.clone(),
        };
        let doc = serde_json::to_value(&decision).map_err(|e| AppError::Internal(e.to_string()))?;
        let signed = key.sign(&doc);
        let stored = StoredDecision {
            status: verdict.status(),
            decided_by: &actor.full_name,
            decided_at: &now,
            note: note.as_deref(),
            decision_json: &canonical_json(&doc),
            signature: &signed.signature,
            signer_key: &signed.public_key,
        };
        if !sanctions::decide(&mut tx, &actor.region, id, &stored).await? {
            return Err(rule("decision", "sanction_decided"));
        }
        let after = sanctions::get(&mut tx, &actor.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let snapshot = serde_json::json!({ "sanction": after, "signature": signed.signature, "public_key": signed.public_key });
        audit::append(
            &mut tx,
            actor.audit(
                "sanction.decide",
                "sanction",
                &id.to_string(),
                Some(&serde_json::json!({ "sanction": before })),
                Some(&snapshot),
            ),
            &now,
        )
        .await?;
        commit(tx).await?;
        self.get_sanction(actor, id).await
    }
}
