//! Finding use cases (issue 4): lists, detail with citation and history, the decisions people
//! take on a finding (acknowledge, except with reason, lift an exception: steps of workflow
//! `finding`, taken through the kernel), the compliance overview and the choice of rule pack.

use crate::compliance::finding_steps::FindingHandler;
use crate::compliance::policy;
use crate::compliance::{pack, Scope};
use crate::kernel::timeline::TimelineEntry;
use crate::kernel::StepInput;
use crate::{Actor, App, AppError, Result};
use serde::Serialize;
use simpul_domain::compliance::{FindingStatus, FindingStep, FindingWorkflow, RuleConfig};
use simpul_domain::workflow::Workflow;
use simpul_domain::{FieldError, Invalid};
use simpul_store::findings::{self, DayTally, Finding, FindingFilter};
use simpul_store::{pds, Page, Paging};

/// A finding with what the regulation says and what happened to it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingDetail {
    pub finding: Finding,
    /// The rule as the region's pack enables it (None when the pack no longer has it).
    pub rule: Option<RuleConfig>,
    /// The ayat that makes this violation sanctionable, when the regulation has one (issue 9.11).
    pub sanction: Option<simpul_domain::sanction::SanctionBasis>,
    /// What happened to it, oldest first (workflow `finding`'s history).
    pub timeline: Vec<TimelineEntry>,
    /// The steps the caller may take on it now.
    pub steps: Vec<FindingStep>,
}

/// One rule in the overview.
#[derive(Debug, Clone, Serialize)]
pub struct RuleStatus {
    pub config: RuleConfig,
    /// `checked`, `no_data` or `transition` at the last region-wide evaluation.
    pub state: String,
    pub applicable: i64,
    pub met: i64,
    /// Active findings now (terbuka or diakui, outside a transitional period).
    pub active: i64,
}

/// One PD in the overview.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PdCompliance {
    pub pd_id: String,
    pub pd_name: String,
    pub applicable: i64,
    pub met: i64,
    /// Share met in percent (100 when nothing applies).
    pub percent: i64,
}

/// How many of the pack's rules had data and were met (issue 9.11). A share of "met" (the
/// checks in `applicable`/`met`/`percent`) only counts rules with data; this says how many
/// rules that is and names those without, so no headline silently leaves rules out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RuleCounts {
    /// Rules the pack enables.
    pub enabled: usize,
    /// Rules with data at the last evaluation (the share of checks is over these).
    pub with_data: usize,
    /// Rules with data and no failure that counts.
    pub met: usize,
    /// Rules whose data the platform does not hold (yet); in no share.
    pub no_data: usize,
    /// Their obligation ids, e.g. `EVA-1`.
    pub no_data_rules: Vec<String>,
    /// PLN-8 and the like: they set a transitional period, they are not checks.
    pub transition: usize,
    /// Rules not evaluated yet (the pack changed since the last evaluation).
    pub not_evaluated: usize,
}

impl RuleCounts {
    /// Counts per-rule states as the overview lists them.
    pub fn of(rules: &[RuleStatus]) -> RuleCounts {
        let mut c = RuleCounts {
            enabled: rules.len(),
            ..Default::default()
        };
        for r in rules {
            match r.state.as_str() {
                "checked" => {
                    c.with_data += 1;
                    c.met += usize::from(r.met == r.applicable);
                }
                "no_data" => {
                    c.no_data += 1;
                    c.no_data_rules.push(r.config.rule.code().to_owned());
                }
                "transition" => c.transition += 1,
                _ => c.not_evaluated += 1,
            }
        }
        c
    }
}

/// Compliance of a region: per rule, per PD and over time.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub pack: Option<String>,
    pub pack_instrument: Option<String>,
    pub evaluated_on: Option<String>,
    /// Checks of the rules with data (`rule_counts.with_data` rules) and how many were met.
    pub applicable: i64,
    pub met: i64,
    /// `met` of `applicable` in percent: over the rules with data only.
    pub percent: i64,
    /// Rules with data, met, and without data.
    pub rule_counts: RuleCounts,
    pub rules: Vec<RuleStatus>,
    pub pds: Vec<PdCompliance>,
    pub history: Vec<DayTally>,
}

fn percent(applicable: i64, met: i64) -> i64 {
    if applicable == 0 {
        100
    } else {
        met * 100 / applicable
    }
}

impl App {
    /// Findings the actor may see, filtered; a PD operator sees only their PD's.
    pub async fn findings(
        &self,
        actor: &Actor,
        mut filter: FindingFilter,
        paging: Paging,
    ) -> Result<Page<Finding>> {
        if let Some(pd) = policy::findings_scope(actor) {
            filter.pd = Some(pd);
        }
        let mut conn = self.store.read().await?;
        Ok(findings::list(&mut conn, actor.region(), &filter, paging).await?)
    }

    /// One finding with its rule, citation and history.
    pub async fn finding_detail(&self, actor: &Actor, id: &str) -> Result<FindingDetail> {
        let mut conn = self.store.read().await?;
        let finding = findings::get(&mut conn, actor.region(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        if let Some(pd) = policy::findings_scope(actor) {
            if finding.pd_id != Some(pd) {
                return Err(AppError::NotFound);
            }
        }
        let rule = self
            .rules_for(&mut conn, actor.region())
            .await?
            .into_iter()
            .find(|r| r.rule.code() == finding.rule);
        let sanction = crate::sanctions::article_of(&mut conn, actor.region())
            .await?
            .and_then(|a| a.basis(&finding.rule));
        drop(conn);
        let timeline = self.timeline(actor, FindingWorkflow::CODE, id).await?;
        let steps = self.finding_steps(actor, &finding).await?;
        Ok(FindingDetail {
            finding,
            rule,
            sanction,
            timeline,
            steps,
        })
    }

    /// The active findings of one record (its detail page).
    pub async fn findings_of(&self, actor: &Actor, subject: &str) -> Result<Vec<Finding>> {
        let mut conn = self.store.read().await?;
        let all = findings::of_subject(&mut conn, actor.region(), subject).await?;
        Ok(all
            .into_iter()
            .filter(|f| f.status != FindingStatus::Diselesaikan)
            .collect())
    }

    async fn finding_step(
        &self,
        actor: &Actor,
        id: &str,
        step: FindingStep,
        input: StepInput,
    ) -> Result<Finding> {
        let done = self
            .take_step::<FindingWorkflow, _>(&FindingHandler, actor, Some(id), step, &input)
            .await?;
        let mut conn = self.store.read().await?;
        findings::get(&mut conn, actor.region(), &done.id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The PD acknowledges a finding and says what it will do (terbuka → diakui).
    pub async fn acknowledge_finding(
        &self,
        actor: &Actor,
        id: &str,
        note: Option<&str>,
    ) -> Result<Finding> {
        let input = StepInput {
            comment: note.map(str::to_owned),
            ..StepInput::default()
        };
        self.finding_step(actor, id, FindingStep::Acknowledge, input)
            .await
    }

    /// The Kominfo administrator or the Koordinator excepts a finding, with a reason.
    pub async fn except_finding(&self, actor: &Actor, id: &str, reason: &str) -> Result<Finding> {
        let mut input = StepInput::default();
        input.fields.insert("reason".into(), reason.into());
        self.finding_step(actor, id, FindingStep::Except, input)
            .await
    }

    /// Lifts an exception: the finding is open again (the next evaluation closes it if the
    /// data complies).
    pub async fn lift_exception(&self, actor: &Actor, id: &str) -> Result<Finding> {
        let f = self
            .finding_step(actor, id, FindingStep::Lift, StepInput::default())
            .await?;
        if let Some(pd) = f.pd_id {
            self.reevaluate(actor.region(), &[pd]).await;
        }
        Ok(f)
    }

    /// Compliance of the actor's region per rule, per PD and over time.
    pub async fn compliance_overview(&self, actor: &Actor) -> Result<Overview> {
        let mut conn = self.store.read().await?;
        let region = actor.region();
        let slug = self.pack_slug(&mut conn, region).await?;
        let rules = self.rules_for(&mut conn, region).await?;
        let latest = findings::latest_day(&mut conn, region).await?;
        let active = findings::count_by_rule(&mut conn, region).await?;
        let history = findings::history(&mut conn, region, "", 90).await?;
        let names = pds::all(&mut conn, region).await?;
        let row = |scope: &str| latest.iter().find(|d| d.scope == scope);
        let rules: Vec<RuleStatus> = rules
            .into_iter()
            .map(|config| {
                let d = row(&format!("rule:{}", config.rule.code()));
                RuleStatus {
                    state: d.map_or("belum".into(), |d| d.state.clone()),
                    applicable: d.map_or(0, |d| d.applicable),
                    met: d.map_or(0, |d| d.met),
                    active: active
                        .iter()
                        .find(|(r, _)| r == config.rule.code())
                        .map_or(0, |(_, n)| *n),
                    config,
                }
            })
            .collect();
        let own = policy::findings_scope(actor);
        let mut pds: Vec<PdCompliance> = names
            .iter()
            .filter(|p| own.is_none() || own == Some(p.id))
            .filter_map(|p| {
                let d = row(&format!("pd:{}", p.id))?;
                Some(PdCompliance {
                    pd_id: p.id.to_string(),
                    pd_name: p.name.clone(),
                    applicable: d.applicable,
                    met: d.met,
                    percent: percent(d.applicable, d.met),
                })
            })
            .collect();
        pds.sort_by(|a, b| a.percent.cmp(&b.percent).then(a.pd_name.cmp(&b.pd_name)));
        let total = row("");
        Ok(Overview {
            pack_instrument: slug.as_deref().and_then(pack).map(|p| p.instrument.short()),
            pack: slug,
            evaluated_on: total.map(|d| d.day.clone()),
            applicable: total.map_or(0, |d| d.applicable),
            met: total.map_or(0, |d| d.met),
            percent: total.map_or(100, |d| percent(d.applicable, d.met)),
            rule_counts: RuleCounts::of(&rules),
            rules,
            pds,
            history,
        })
    }

    /// Evaluates the actor's region now.
    pub async fn run_compliance(&self, actor: &Actor) -> Result<crate::compliance::EvalSummary> {
        policy::run_compliance(actor)?;
        let summary = self.evaluate_region(actor.region(), Scope::Region).await?;
        // Who asked for the evaluation and what it changed is part of the audit trail.
        let mut tx = self.write(actor).await?;
        tx.audit(
            "compliance.evaluate",
            "region",
            actor.region().as_str(),
            None,
            Some(&summary),
        )
        .await?;
        tx.commit(self).await?;
        Ok(summary)
    }

    /// Chooses which region's pack applies to the actor's region (`None`: its own), then
    /// evaluates again. Findings of rules the new pack lacks close; its own rules open theirs.
    /// Returns the slug of the pack that applies now.
    pub async fn set_rule_pack(&self, actor: &Actor, slug: Option<&str>) -> Result<Option<String>> {
        policy::run_compliance(actor)?;
        let slug = slug.map(str::trim).filter(|s| !s.is_empty());
        if let Some(s) = slug {
            if pack(s).is_none() {
                return Err(Invalid(vec![FieldError::new("pack", "invalid")]).into());
            }
        }
        let mut tx = self.write(actor).await?;
        let before = findings::rule_pack(&mut tx, actor.region()).await?;
        findings::set_rule_pack(&mut tx, actor.region(), slug).await?;
        tx.audit(
            "region.rule_pack",
            "region",
            actor.region().as_str(),
            Some(&before),
            Some(&slug.map(str::to_owned)),
        )
        .await?;
        tx.commit(self).await?;
        let summary = self.evaluate_region(actor.region(), Scope::Region).await?;
        Ok(summary.pack)
    }
}
