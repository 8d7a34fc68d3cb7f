//! SPBE evaluation use cases (issue 5, EVA-1): periods, assignment of indicators to PDs, the
//! self-assessment and validation workflow, evidence, what-if, reports and XLSX transfer.
//!
//! Roles: the Dinas Kominfo administrator opens periods and assigns indicators; a PD operator
//! answers the indicators assigned to their PD; the Koordinator SPBE role acts as the internal
//! assessor team (returns or accepts); the auditor role acts as the evaluator (document
//! assessment, interview, final validated level).

pub mod policy;

mod evidence;
mod suggest;
mod views;
pub(crate) mod workflow;
mod xlsx;

pub use suggest::Suggestion;
pub use views::{
    Criterion, IndicatorDetail, IndicatorView, PartScore, PeriodOverview, PriorityView, ScoreView,
    Simulation, YearSummary,
};
pub use workflow::Step;
pub use xlsx::HEADER;

use crate::{Actor, App, AppError, Result};
use simpul_domain::evaluation::{Framework, FrameworkSet};
use simpul_domain::ids::{EvaluationId, PdId};
use simpul_domain::{now_str, FieldError, Invalid};
use simpul_store::evaluation::{self as store, AssignmentRow, PeriodRow};
use simpul_store::{audit, commit, pds, Conn};
use std::sync::OnceLock;

/// The frameworks the platform knows (embedded).
pub fn frameworks() -> Result<&'static FrameworkSet> {
    static SET: OnceLock<Result<FrameworkSet, String>> = OnceLock::new();
    SET.get_or_init(|| FrameworkSet::builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| AppError::Internal(e.clone()))
}

/// The framework a period names.
pub fn framework_of(p: &PeriodRow) -> Result<&'static Framework> {
    frameworks()?
        .get(&p.framework)
        .ok_or_else(|| AppError::Internal(format!("unknown framework {}", p.framework)))
}

/// "Unknown value; choices: 1–47": an indicator number the framework does not have, with the
/// numbers it does have.
pub(crate) fn unknown_indicator(fw: &Framework, field: &str) -> FieldError {
    let numbers = fw.indicators().iter().map(|i| i.number);
    let range = match (numbers.clone().min(), numbers.max()) {
        (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
        _ => String::new(),
    };
    FieldError::with_param(field, "unknown_value", range)
}

/// The framework a period of `year` is evaluated under when it names none (see
/// [`FrameworkSet::for_year`]).
pub fn framework_for_year(year: i64) -> Result<&'static Framework> {
    frameworks()?
        .for_year(year)
        .ok_or_else(|| AppError::Internal("no framework is shipped".into()))
}

/// What opens a period.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct PeriodInput {
    pub year: i64,
    /// Framework code (`spbe-2018`, `spbe-2020`); default: the framework of the year
    /// (`spbe-2018` for 2018-2019, `spbe-2020` from 2020).
    #[serde(default)]
    pub framework: Option<String>,
    /// Deadline of the self-assessment, `YYYY-MM-DD`.
    #[serde(default)]
    pub self_assessment_due: Option<String>,
    /// Deadline of the validation, `YYYY-MM-DD`.
    #[serde(default)]
    pub validation_due: Option<String>,
}

fn date(field: &str, v: Option<&str>, inv: &mut Invalid) -> Option<String> {
    let v = v.map(str::trim).filter(|v| !v.is_empty())?;
    if simpul_domain::compliance::parse_date(v).is_none() {
        inv.push(FieldError::new(field, "date"));
        return None;
    }
    Some(v.to_owned())
}

impl PeriodInput {
    fn validate(&self) -> Result<PeriodRow, Invalid> {
        let mut inv = Invalid::default();
        if !(2000..=2100).contains(&self.year) {
            inv.push(FieldError::new("year", "year"));
        }
        let by_year = framework_for_year(self.year)
            .map(|f| f.code())
            .unwrap_or(simpul_domain::evaluation::SPBE_2020);
        let code = self
            .framework
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or(by_year);
        let known: Vec<String> = frameworks()
            .map(|s| s.iter().map(|f| f.code().to_owned()).collect())
            .unwrap_or_default();
        if !known.iter().any(|k| k == code) {
            inv.push(FieldError::with_param(
                "framework",
                "unknown_value",
                known.join(", "),
            ));
        }
        let sa = date(
            "self_assessment_due",
            self.self_assessment_due.as_deref(),
            &mut inv,
        );
        let va = date("validation_due", self.validation_due.as_deref(), &mut inv);
        if !inv.is_empty() {
            return Err(inv);
        }
        let now = now_str();
        Ok(PeriodRow {
            id: EvaluationId::new().to_string(),
            region: String::new(),
            year: self.year,
            framework: code.to_owned(),
            status: "terbuka".into(),
            self_assessment_due: sa,
            validation_due: va,
            imported: false,
            created_at: now.clone(),
            updated_at: now,
        })
    }
}

/// The days the region's evaluation periods were completed, for EVA-1: a period is complete
/// when every indicator of its framework has a validated level, on the day the last one was
/// validated (an imported period: the end of its year, or the import day if earlier).
/// `None` when the region has no evaluation period at all (no data).
pub(crate) async fn completed_on(
    conn: &mut Conn,
    region: &simpul_domain::ids::RegionId,
) -> Result<Option<Vec<time::Date>>> {
    let periods = store::periods(conn, region).await?;
    if periods.is_empty() {
        return Ok(None);
    }
    let day = |s: &str| simpul_domain::compliance::parse_date(s.get(..10).unwrap_or(s));
    let mut days = Vec::new();
    for p in &periods {
        let Ok(fw) = framework_of(p) else { continue };
        let answers = store::answers(conn, &p.id).await?;
        let validated = fw
            .indicators()
            .iter()
            .filter(|i| {
                answers
                    .iter()
                    .any(|a| a.indicator == i64::from(i.number) && a.validated_level.is_some())
            })
            .count();
        if validated < fw.indicators().len() {
            continue;
        }
        let last = if p.imported {
            let year_end = day(&format!("{}-12-31", p.year));
            [year_end, day(&p.created_at)].into_iter().flatten().min()
        } else {
            answers
                .iter()
                .filter_map(|a| a.validated_at.as_deref().and_then(day))
                .max()
        };
        days.extend(last);
    }
    Ok(Some(days))
}

/// The period `id` of the actor's region, or "not found".
pub(crate) async fn period(conn: &mut Conn, actor: &Actor, id: EvaluationId) -> Result<PeriodRow> {
    store::get_period(conn, actor.region(), id)
        .await?
        .ok_or(AppError::NotFound)
}

impl App {
    /// Evaluation periods of the actor's region, newest first. Every role reads them.
    pub async fn evaluation_periods(&self, actor: &Actor) -> Result<Vec<PeriodRow>> {
        Ok(store::periods(&mut *self.store.read().await?, actor.region()).await?)
    }

    pub async fn evaluation_period(&self, actor: &Actor, id: EvaluationId) -> Result<PeriodRow> {
        period(&mut *self.store.read().await?, actor, id).await
    }

    /// Opens the evaluation of one year (administrators).
    pub async fn open_evaluation(&self, actor: &Actor, input: &PeriodInput) -> Result<PeriodRow> {
        policy::manage_evaluation(actor)?;
        let mut p = input.validate()?;
        p.region = actor.region().to_string();
        let mut tx = self.store.begin().await?;
        store::insert_period(&mut tx, &p).await?;
        audit::append(
            &mut tx,
            actor.audit("evaluation.open", "evaluation", &p.id, None, Some(&p)),
            &p.created_at,
        )
        .await?;
        commit(tx).await?;
        Ok(p)
    }

    /// Assigns indicators to responsible PDs (`None` unassigns), in one audited step.
    pub async fn assign_indicators(
        &self,
        actor: &Actor,
        id: EvaluationId,
        pairs: &[(u16, Option<PdId>)],
    ) -> Result<Vec<AssignmentRow>> {
        policy::manage_evaluation(actor)?;
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let p = period(&mut tx, actor, id).await?;
        if p.imported {
            return Err(AppError::Rule(FieldError::new("status", "eval_archived")));
        }
        let fw = framework_of(&p)?;
        let mut inv = Invalid::default();
        for (n, pd) in pairs {
            if fw.indicator(*n).is_none() {
                inv.push(unknown_indicator(fw, "indicator"));
            }
            if let Some(pd) = pd {
                if pds::get(&mut tx, actor.region(), *pd).await?.is_none() {
                    inv.push(FieldError::new("pd_id", "invalid"));
                }
            }
        }
        if !inv.is_empty() {
            return Err(inv.into());
        }
        let before = store::assignments(&mut tx, &p.id).await?;
        for (n, pd) in pairs {
            let pd = pd.map(|p| p.to_string());
            store::assign(&mut tx, &p.id, i64::from(*n), pd.as_deref(), &now).await?;
        }
        let after = store::assignments(&mut tx, &p.id).await?;
        tx.audit(
            "evaluation.assign",
            "evaluation",
            &p.id,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit(self).await?;
        Ok(after)
    }
}
