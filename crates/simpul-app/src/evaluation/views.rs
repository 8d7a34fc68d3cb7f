//! Read models of an evaluation: the indicator table, scorecards from claimed and from
//! validated levels, one indicator with its criteria, the what-if sandbox with priorities,
//! and the year-over-year summary.

use super::{framework_of, period};
use crate::{Actor, App, AppError, Result};
use serde::Serialize;
use simpul_domain::evaluation::{
    AnswerStep, Coverage, EvaluationAnswer, Framework, IndexValue, Level, Levels,
};
use simpul_domain::ids::EvaluationId;
use simpul_domain::workflow::{Code, Workflow};
use simpul_domain::Invalid;
use simpul_store::evaluation::{self as store, AnswerRow, EvidenceRow, PeriodRow};

/// An index of a domain or aspect (absent when none of its indicators has a level).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PartScore {
    pub code: String,
    pub name: String,
    /// Two decimals, e.g. `"2.24"`.
    pub index: Option<String>,
    pub hundredths: Option<u64>,
}

/// Index, predicate, domain and aspect indices of one set of levels.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScoreView {
    /// The index over the indicators that have a level: the official index only when
    /// `complete`, otherwise a provisional figure over `scored` of `total` indicators.
    pub index: String,
    pub hundredths: u64,
    /// The predicate band (Lampiran I Tabel 13); `null` until every indicator has a level,
    /// since a predicate of a partial index would read as the result.
    pub predicate: Option<String>,
    /// Whether every indicator has a level (otherwise the index covers the scored ones).
    pub complete: bool,
    pub scored: usize,
    pub total: usize,
    pub domains: Vec<PartScore>,
    pub aspects: Vec<PartScore>,
}

fn part(code: &str, name: &str, v: Option<IndexValue>) -> PartScore {
    PartScore {
        code: code.to_owned(),
        name: name.to_owned(),
        index: v.map(|v| v.to_string()),
        hundredths: v.map(|v| v.hundredths()),
    }
}

/// The scorecard of `levels` (partial coverage); `None` when nothing is scored.
pub fn score(fw: &Framework, levels: &Levels) -> Option<ScoreView> {
    let sc = fw.scorecard(levels, Coverage::Partial).ok()?;
    let name = |code: &str, list: &[(String, String)]| {
        list.iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let dn: Vec<(String, String)> = fw
        .domains()
        .iter()
        .map(|d| (d.code.clone(), d.name.clone()))
        .collect();
    let an: Vec<(String, String)> = fw
        .aspects()
        .iter()
        .map(|a| (a.code.clone(), a.name.clone()))
        .collect();
    let complete = sc.scored == sc.total;
    Some(ScoreView {
        index: sc.index.to_string(),
        hundredths: sc.index.hundredths(),
        predicate: Some(sc.predicate).filter(|_| complete),
        complete,
        scored: sc.scored,
        total: sc.total,
        domains: sc
            .domains
            .iter()
            .map(|(c, v)| part(c, &name(c, &dn), *v))
            .collect(),
        aspects: sc
            .aspects
            .iter()
            .map(|(c, v)| part(c, &name(c, &an), *v))
            .collect(),
    })
}

/// One row of the indicator table.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    pub number: u16,
    pub domain: String,
    pub domain_name: String,
    pub aspect: String,
    pub aspect_name: String,
    pub name: String,
    pub weight: String,
    /// The names of levels 1..5 for this indicator (Layanan SPBE: Informasi … Optimalisasi;
    /// the other domains: Rintisan … Optimum).
    pub level_names: Vec<String>,
    pub pd_id: Option<String>,
    pub pd_name: Option<String>,
    pub claimed_level: Option<i64>,
    pub document_level: Option<i64>,
    pub validated_level: Option<i64>,
    /// `belum` when there is no answer yet, else the answer's review status.
    pub review_status: String,
    pub evidence: usize,
}

/// A period with its indicator table and both scorecards.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodOverview {
    pub period: PeriodRow,
    pub framework_name: String,
    pub indicators: Vec<IndicatorView>,
    /// From the PDs' claimed levels.
    pub claimed: Option<ScoreView>,
    /// From the evaluator's validated levels.
    pub validated: Option<ScoreView>,
}

/// One indicator with the criteria of each level, its answer and evidence.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorDetail {
    pub indicator: IndicatorView,
    /// The criteria of levels 1..5.
    pub criteria: Vec<Criterion>,
    pub answer: Option<AnswerRow>,
    pub evidence: Vec<EvidenceRow>,
    /// What the catalogue already holds that may support this indicator.
    pub suggested: Vec<super::Suggestion>,
    /// The workflow steps the viewer may take now (codes of `evaluation_answer`), from the
    /// kernel's `allowed_steps`: what the page shows forms and buttons for.
    pub steps: Vec<AnswerStep>,
    /// The answer's history (workflow `evaluation_answer`, case `<period>/<indicator>`).
    pub timeline: Vec<crate::kernel::timeline::TimelineEntry>,
}

/// What one level of an indicator requires.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Criterion {
    pub level: u8,
    pub name: String,
    pub text: String,
}

/// An indicator where one more level raises the index.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PriorityView {
    pub indicator: u16,
    pub name: String,
    pub level: u8,
    pub next_level: u8,
    pub next_level_name: String,
    pub next_criteria: String,
    /// Index gain of one more level.
    pub gain: String,
    /// Index gain of raising it to level 5.
    pub potential: String,
}

/// The what-if sandbox: levels in use, the resulting scorecard, the ranked priorities.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Simulation {
    #[schema(value_type = Object)]
    pub levels: Levels,
    pub score: Option<ScoreView>,
    pub priorities: Vec<PriorityView>,
}

/// One year of the year-over-year comparison.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct YearSummary {
    pub year: i64,
    pub period_id: String,
    /// `validasi` (all final levels), `mandiri` (claims only) or `campuran`.
    pub basis: String,
    pub score: Option<ScoreView>,
}

fn levels_of(answers: &[AnswerRow], pick: impl Fn(&AnswerRow) -> Option<i64>) -> Levels {
    let mut l = Levels::new();
    for a in answers {
        if let Some(v) = pick(a).and_then(|v| u8::try_from(v).ok()) {
            if let (Ok(n), Ok(level)) = (u16::try_from(a.indicator), Level::new(v)) {
                l.insert(n, level);
            }
        }
    }
    l
}

/// Final levels where validated, else claimed; and which basis that is.
fn best_levels(answers: &[AnswerRow]) -> (Levels, &'static str) {
    let levels = levels_of(answers, |a| a.validated_level.or(a.claimed_level));
    let validated = levels_of(answers, |a| a.validated_level).len();
    let basis = match validated {
        0 => "mandiri",
        v if v == levels.len() => "validasi",
        _ => "campuran",
    };
    (levels, basis)
}

fn table(
    fw: &Framework,
    assignments: &[store::AssignmentRow],
    answers: &[AnswerRow],
    evidence: &[EvidenceRow],
) -> Vec<IndicatorView> {
    fw.indicators()
        .iter()
        .map(|i| {
            let n = i64::from(i.number);
            let aspect = fw.aspect(&i.aspect);
            let domain = aspect.and_then(|a| fw.domain(&a.domain));
            let asg = assignments.iter().find(|a| a.indicator == n);
            let ans = answers.iter().find(|a| a.indicator == n);
            IndicatorView {
                number: i.number,
                domain: domain.map(|d| d.code.clone()).unwrap_or_default(),
                domain_name: domain.map(|d| d.name.clone()).unwrap_or_default(),
                aspect: i.aspect.clone(),
                aspect_name: aspect.map(|a| a.name.clone()).unwrap_or_default(),
                name: i.name.clone(),
                weight: i.weight.to_string(),
                level_names: fw
                    .level_names_of(i.number)
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                pd_id: asg.map(|a| a.pd_id.clone()),
                pd_name: asg.map(|a| a.pd_name.clone()),
                claimed_level: ans.and_then(|a| a.claimed_level),
                document_level: ans.and_then(|a| a.document_level),
                validated_level: ans.and_then(|a| a.validated_level),
                review_status: ans.map_or("belum", |a| a.review_status.code()).to_owned(),
                evidence: evidence.iter().filter(|e| e.indicator == n).count(),
            }
        })
        .collect()
}

impl App {
    /// A period with its indicator table and scorecards.
    pub async fn evaluation_overview(
        &self,
        actor: &Actor,
        id: EvaluationId,
    ) -> Result<PeriodOverview> {
        let mut c = self.store.read().await?;
        let p = period(&mut c, actor, id).await?;
        let fw = framework_of(&p)?;
        let asg = store::assignments(&mut c, &p.id).await?;
        let answers = store::answers(&mut c, &p.id).await?;
        let evidence = store::evidence(&mut c, &p.id).await?;
        Ok(PeriodOverview {
            indicators: table(fw, &asg, &answers, &evidence),
            claimed: score(fw, &levels_of(&answers, |a| a.claimed_level)),
            validated: score(fw, &levels_of(&answers, |a| a.validated_level)),
            framework_name: fw.name().to_owned(),
            period: p,
        })
    }

    /// One indicator of a period with criteria, answer and evidence.
    pub async fn evaluation_indicator(
        &self,
        actor: &Actor,
        id: EvaluationId,
        n: u16,
    ) -> Result<IndicatorDetail> {
        let mut c = self.store.read().await?;
        let p = period(&mut c, actor, id).await?;
        let fw = framework_of(&p)?;
        fw.indicator(n).ok_or(AppError::NotFound)?;
        let asg = store::assignments(&mut c, &p.id).await?;
        let answers = store::answers(&mut c, &p.id).await?;
        let evidence: Vec<EvidenceRow> = store::evidence(&mut c, &p.id)
            .await?
            .into_iter()
            .filter(|e| e.indicator == i64::from(n))
            .collect();
        let view = table(fw, &asg, &answers, &evidence)
            .into_iter()
            .find(|v| v.number == n)
            .ok_or(AppError::NotFound)?;
        let criteria = (1..=5)
            .filter_map(|l| Level::new(l).ok())
            .map(|l| {
                let text = fw
                    .criteria(n)
                    .map(|c| c.text(l).to_owned())
                    .unwrap_or_default();
                Criterion {
                    level: l.get(),
                    name: fw.level_name(n, l).to_owned(),
                    text,
                }
            })
            .collect();
        let answer = answers.into_iter().find(|a| a.indicator == i64::from(n));
        let steps = self
            .evaluation_steps(&mut c, actor, &p, n, answer.as_ref())
            .await?;
        drop(c);
        let case = super::workflow::case_id(&p.id, n);
        Ok(IndicatorDetail {
            suggested: self.suggested_evidence(actor, n).await?,
            timeline: self.timeline(actor, EvaluationAnswer::CODE, &case).await?,
            indicator: view,
            criteria,
            answer,
            evidence,
            steps,
        })
    }

    /// The what-if sandbox: the period's levels (validated, else claimed) with `changes`
    /// applied; nothing is stored.
    pub async fn simulate_evaluation(
        &self,
        actor: &Actor,
        id: EvaluationId,
        changes: &Levels,
    ) -> Result<Simulation> {
        let mut c = self.store.read().await?;
        let p = period(&mut c, actor, id).await?;
        let fw = framework_of(&p)?;
        let (mut levels, _) = best_levels(&store::answers(&mut c, &p.id).await?);
        for (n, l) in changes.iter() {
            if fw.indicator(n).is_none() {
                let e = super::unknown_indicator(fw, &format!("levels.{n}"));
                return Err(Invalid(vec![e]).into());
            }
            levels.insert(n, l);
        }
        let priorities = fw
            .priorities(&levels, Coverage::Partial)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|pr| {
                let next = pr.level.raised()?;
                Some(PriorityView {
                    indicator: pr.indicator,
                    name: fw.indicator(pr.indicator)?.name.clone(),
                    level: pr.level.get(),
                    next_level: next.get(),
                    next_level_name: fw.level_name(pr.indicator, next).to_owned(),
                    next_criteria: fw
                        .criteria(pr.indicator)
                        .map(|c| c.text(next).to_owned())
                        .unwrap_or_default(),
                    gain: pr.gain.format(4),
                    potential: pr.potential.format(4),
                })
            })
            .collect();
        Ok(Simulation {
            score: score(fw, &levels),
            levels,
            priorities,
        })
    }

    /// Every period of the region, oldest year first, with its index (final levels where
    /// validated, else claimed).
    pub async fn evaluation_history(&self, actor: &Actor) -> Result<Vec<YearSummary>> {
        let mut c = self.store.read().await?;
        let mut out = Vec::new();
        for p in store::periods(&mut c, actor.region())
            .await?
            .into_iter()
            .rev()
        {
            let fw = framework_of(&p)?;
            let (levels, basis) = best_levels(&store::answers(&mut c, &p.id).await?);
            out.push(YearSummary {
                year: p.year,
                period_id: p.id.clone(),
                basis: basis.to_owned(),
                score: score(fw, &levels),
            });
        }
        Ok(out)
    }
}
