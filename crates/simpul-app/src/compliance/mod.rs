//! Running the compliance engine (issue 4): which rules apply to a region (its pack),
//! evaluation of the whole region or of one PD after a change, and synchronisation of the
//! findings table with the result. A finding opens when a check fails, closes by itself when
//! the data complies, and reopens when it fails again; each step is in its history.

pub mod finding_steps;
pub mod findings;
pub mod policy;
pub mod report;

use crate::{Actor, App, AppError, Result};
use simpul_domain::compliance::{
    evaluate, system_step, Check, Concepts, Evaluation, FindingStatus, RuleConfig, RuleOutcome,
    Snapshot, SubjectKind,
};
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::now_str;
use simpul_domain::region::{builtin_packs, RegionPack};
use simpul_store::findings as finding_rows;
use simpul_store::{commit, regions, Conn};
use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::Instant;

/// The compliance engine as it opens, reopens and resolves findings (the daily evaluation,
/// and the re-evaluation after a change): the platform's system actor `system`, the name
/// and role the findings' history records for its steps.
pub fn engine(region: &RegionId) -> Actor {
    Actor::system(region.clone(), "system")
}

/// The built-in region packs, parsed and validated once.
pub fn packs() -> Result<&'static [RegionPack]> {
    static PACKS: OnceLock<Result<Vec<RegionPack>, String>> = OnceLock::new();
    PACKS
        .get_or_init(|| builtin_packs().map_err(|e| e.to_string()))
        .as_deref()
        .map_err(|e| AppError::Internal(e.clone()))
}

/// The pack with a slug.
pub fn pack(slug: &str) -> Option<&'static RegionPack> {
    packs()
        .ok()?
        .iter()
        .find(|p| p.region.slug.as_str() == slug)
}

/// What an evaluation did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct EvalSummary {
    pub region: String,
    pub pack: Option<String>,
    pub rules: usize,
    pub checks: u32,
    pub failed: u32,
    pub opened: u32,
    pub reopened: u32,
    pub resolved: u32,
    pub millis: u128,
    /// Time spent loading the snapshot, evaluating, and writing, in milliseconds.
    pub load_ms: u128,
    pub eval_ms: u128,
    pub write_ms: u128,
}

/// Which part of a region to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Region,
    Pd(PdId),
}

impl App {
    /// The slug of the pack whose rules apply to a region: its override, else its own.
    pub async fn pack_slug(&self, conn: &mut Conn, region: &RegionId) -> Result<Option<String>> {
        let slug = finding_rows::rule_pack(conn, region)
            .await?
            .unwrap_or_else(|| region.to_string());
        Ok(pack(&slug).map(|p| p.region.slug.to_string()))
    }

    /// The rules that apply to a region (empty when no pack matches).
    pub async fn rules_for(&self, conn: &mut Conn, region: &RegionId) -> Result<Vec<RuleConfig>> {
        let slug = self.pack_slug(conn, region).await?;
        Ok(slug
            .and_then(|s| pack(&s))
            .map(|p| p.rules.clone())
            .unwrap_or_default())
    }

    /// What the regulation of the pack applied to a region knows of (issue 9.11): decides
    /// whether PD pages show the PD Mandiri TIK status and whether APP-3 reads it.
    pub async fn concepts_for(&self, conn: &mut Conn, region: &RegionId) -> Result<Concepts> {
        let slug = self.pack_slug(conn, region).await?;
        Ok(slug
            .and_then(|s| pack(&s))
            .map(|p| p.concepts)
            .unwrap_or_default())
    }

    /// [`App::concepts_for`] the actor's region (PD pages show only what the regulation has).
    pub async fn region_concepts(&self, actor: &crate::Actor) -> Result<Concepts> {
        let mut conn = self.store.read().await?;
        self.concepts_for(&mut conn, actor.region()).await
    }

    /// Loads what the rules read for a region (or one PD) on `today`.
    pub async fn snapshot(
        &self,
        region: &RegionId,
        scope: Scope,
        today: time::Date,
        needs: &finding_rows::Needs,
    ) -> Result<Snapshot> {
        let mut conn = self.store.read().await?;
        let row = regions::get(&mut conn, region)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut snap = Snapshot::empty(region.clone(), today, &row.official_domain);
        snap.region_name = row.name.clone();
        // PLN-8 counts from the regulation whose pack applies (its citation says "sejak
        // Peraturan ... ini diundangkan"), like every other rule of that pack.
        let applied = self
            .pack_slug(&mut conn, region)
            .await?
            .and_then(|s| pack(&s));
        snap.in_force_on = match applied {
            Some(p) if p.region.slug != *region => p.instrument.in_force_on(),
            _ => row.instrument.in_force_on(),
        };
        snap.concepts = applied.map(|p| p.concepts).unwrap_or_default();
        let pd = match scope {
            Scope::Region => None,
            Scope::Pd(p) => Some(p),
        };
        if needs.evaluations {
            snap.evaluations = crate::evaluation::completed_on(&mut conn, region).await?;
        }
        Ok(finding_rows::load_snapshot(&mut conn, snap, pd, needs).await?)
    }

    /// Evaluates a region, or one PD of it, and brings its findings up to date.
    pub async fn evaluate_region(&self, region: &RegionId, scope: Scope) -> Result<EvalSummary> {
        // The same day as the deadline calendar (the region's zone), so findings and reminders agree.
        self.evaluate_region_on(region, scope, crate::deadlines::region_today(region))
            .await
    }

    /// [`App::evaluate_region`] as of a given day.
    pub async fn evaluate_region_on(
        &self,
        region: &RegionId,
        scope: Scope,
        today: time::Date,
    ) -> Result<EvalSummary> {
        let started = Instant::now();
        let day = today.to_string();
        let (rules, slug, evaluated_today) = {
            let mut conn = self.store.read().await?;
            let rules = self.rules_for(&mut conn, region).await?;
            let slug = self.pack_slug(&mut conn, region).await?;
            let seen = finding_rows::history(&mut conn, region, "", 1).await?;
            (rules, slug, seen.first().is_some_and(|d| d.day == day))
        };
        // A PD alone can be re-evaluated only once the day's region-wide tally exists.
        let scope = if evaluated_today {
            scope
        } else {
            Scope::Region
        };
        let loading = Instant::now();
        let snap = self
            .snapshot(region, scope, today, &finding_rows::Needs::of(&rules))
            .await?;
        let load_ms = loading.elapsed().as_millis();
        let evaluating = Instant::now();
        let ev = evaluate(&rules, &snap);
        let mut summary = EvalSummary {
            region: region.to_string(),
            pack: slug,
            rules: rules.len(),
            load_ms,
            eval_ms: evaluating.elapsed().as_millis(),
            ..Default::default()
        };
        let writing = Instant::now();
        let now = now_str();
        let mut tx = self.store.begin().await?;
        self.sync_findings(&mut tx, region, scope, &rules, &ev, &now, &mut summary)
            .await?;
        record_tallies(&mut tx, region, scope, &snap, &ev, &day).await?;
        if scope == Scope::Region {
            finding_rows::mark_evaluated(&mut tx, region, &now).await?;
        }
        commit(tx).await?;
        summary.write_ms = writing.elapsed().as_millis();
        summary.millis = started.elapsed().as_millis();
        crate::platform::metrics::compliance_evaluated(scope != Scope::Region, started.elapsed());
        Ok(summary)
    }

    #[allow(clippy::too_many_arguments)]
    async fn sync_findings(
        &self,
        conn: &mut Conn,
        region: &RegionId,
        scope: Scope,
        rules: &[RuleConfig],
        ev: &Evaluation,
        now: &str,
        summary: &mut EvalSummary,
    ) -> Result<()> {
        let pd = match scope {
            Scope::Region => None,
            Scope::Pd(p) => Some(p),
        };
        let in_scope = |c: &Check| pd.is_none() || c.subject.pd == pd;
        let mut existing = finding_rows::keys(&mut *conn, region, pd).await?;
        let no_data: HashSet<&str> = ev
            .results
            .iter()
            .filter(|r| !matches!(r.outcome, RuleOutcome::Checked(_)))
            .map(|r| r.config.rule.code())
            .collect();
        let enabled: HashSet<&str> = rules.iter().map(|r| r.rule.code()).collect();
        let mut history = Vec::new();
        for r in &ev.results {
            let RuleOutcome::Checked(checks) = &r.outcome else {
                continue;
            };
            for c in checks.iter().filter(|c| in_scope(c)) {
                summary.checks += 1;
                let Some(detail) = &c.failure else { continue };
                summary.failed += 1;
                let detail_json =
                    serde_json::to_string(detail).map_err(|e| AppError::Internal(e.to_string()))?;
                let grace = c.grace_until.map(|d| d.to_string());
                let key = (r.config.rule.code().to_owned(), c.subject.id.clone());
                let severity = r.config.severity.code();
                match existing.remove(&key) {
                    None => {
                        let id = uuid::Uuid::now_v7().to_string();
                        let f = finding_rows::NewFinding {
                            id: id.clone(),
                            region,
                            rule: r.config.rule.code(),
                            subject_kind: subject_kind(c.subject.kind),
                            subject_id: &c.subject.id,
                            subject_name: &c.subject.name,
                            pd: c.subject.pd,
                            severity,
                            detail_json,
                            grace_until: grace,
                        };
                        finding_rows::insert(&mut *conn, &f, now).await?;
                        history.push(engine_step(id, None, FindingStatus::Terbuka, None)?);
                        summary.opened += 1;
                    }
                    Some(f) => {
                        let reopen = f.status == FindingStatus::Diselesaikan;
                        let changed = f.detail_json != detail_json
                            || f.grace_until != grace
                            || f.severity != severity;
                        if reopen || changed {
                            let status = reopen.then_some(FindingStatus::Terbuka);
                            finding_rows::refresh(
                                &mut *conn,
                                &f.id,
                                &c.subject.name,
                                severity,
                                &detail_json,
                                grace.as_deref(),
                                status,
                                now,
                            )
                            .await?;
                        }
                        if reopen {
                            history.push(engine_step(
                                f.id,
                                Some(f.status),
                                FindingStatus::Terbuka,
                                Some("muncul_kembali"),
                            )?);
                            summary.reopened += 1;
                        }
                    }
                }
            }
        }
        // What is left complies now, or its rule no longer applies; rules without data
        // cannot tell, so their findings stay as they are.
        for ((rule, _), f) in existing {
            if f.status == FindingStatus::Diselesaikan || no_data.contains(rule.as_str()) {
                continue;
            }
            let note = if enabled.contains(rule.as_str()) {
                "data_memenuhi"
            } else {
                "aturan_tidak_berlaku"
            };
            finding_rows::refresh(
                &mut *conn,
                &f.id,
                "",
                &f.severity,
                &f.detail_json,
                f.grace_until.as_deref(),
                Some(FindingStatus::Diselesaikan),
                now,
            )
            .await?;
            history.push(engine_step(
                f.id,
                Some(f.status),
                FindingStatus::Diselesaikan,
                Some(note),
            )?);
            summary.resolved += 1;
        }
        let engine = engine(region);
        let by = (engine.username(), engine.role_code());
        finding_rows::engine_events(&mut *conn, region, &history, by, now).await?;
        Ok(())
    }

    /// Re-evaluates the PDs a change touched; failures are logged, never returned, because
    /// the change itself has been committed.
    pub async fn reevaluate(&self, region: &RegionId, pds: &[PdId]) {
        let mut seen = HashSet::new();
        for pd in pds.iter().filter(|p| seen.insert(**p)) {
            if let Err(e) = self.evaluate_region(region, Scope::Pd(*pd)).await {
                tracing::warn!(region = %region, error = %e, "compliance re-evaluation failed");
            }
        }
    }

    /// Evaluates a region after a bulk change, logging a failure (the change is committed).
    pub(crate) async fn evaluate_after_bulk(&self, region: &RegionId) {
        if let Err(e) = self.evaluate_region(region, Scope::Region).await {
            tracing::warn!(region = %region, error = %e, "compliance evaluation failed");
        }
    }

    /// Evaluates every region (the daily run and `simpul check`), two at a time: loading and
    /// evaluating one region overlaps with the next (the writes still take turns).
    pub async fn evaluate_all(&self) -> Result<Vec<EvalSummary>> {
        let list = {
            let mut conn = self.store.read().await?;
            regions::list(&mut conn).await?
        };
        let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(2));
        let mut tasks = tokio::task::JoinSet::new();
        for (i, r) in list.into_iter().enumerate() {
            let (app, permits) = (self.clone(), permits.clone());
            tasks.spawn(async move {
                let _permit = permits.acquire_owned().await;
                (i, app.evaluate_region(&r.id, Scope::Region).await)
            });
        }
        let mut out = Vec::new();
        while let Some(done) = tasks.join_next().await {
            let (i, r) = done.map_err(|e| AppError::Internal(e.to_string()))?;
            out.push((i, r?));
        }
        out.sort_by_key(|(i, _)| *i);
        Ok(out.into_iter().map(|(_, s)| s).collect())
    }
}

/// The engine's move of a finding from `from` to `to` as a step of workflow `finding`: the
/// definition must have it as a step of [`Party::System`](simpul_domain::workflow::Party),
/// or the engine would write a history the definition forbids. Checked here instead of
/// taking each step through the kernel, which a region's thousands of findings cannot afford.
fn engine_step(
    finding: String,
    from: Option<FindingStatus>,
    to: FindingStatus,
    note: Option<&'static str>,
) -> Result<finding_rows::EngineEvent> {
    let step = system_step(from, to).ok_or_else(|| {
        AppError::Internal(format!(
            "workflow `finding` has no engine step from {from:?} to {to:?}"
        ))
    })?;
    Ok(finding_rows::EngineEvent {
        finding,
        step,
        from,
        to,
        note,
    })
}

fn subject_kind(k: SubjectKind) -> &'static str {
    match k {
        SubjectKind::Application => "application",
        SubjectKind::Dataset => "dataset",
        SubjectKind::Domain => "domain",
        SubjectKind::Pd => "pd",
        SubjectKind::Region => "region",
    }
}

/// Writes the day's tallies: per PD in scope, per rule and for the region.
async fn record_tallies(
    conn: &mut Conn,
    region: &RegionId,
    scope: Scope,
    snap: &Snapshot,
    ev: &Evaluation,
    day: &str,
) -> Result<()> {
    let per_pd = ev.per_pd();
    for p in &snap.pds {
        let t = per_pd.get(&p.id).copied().unwrap_or_default();
        let tally = (i64::from(t.applicable), i64::from(t.met));
        finding_rows::record_day(
            &mut *conn,
            region,
            day,
            &format!("pd:{}", p.id),
            tally,
            "checked",
        )
        .await?;
    }
    if scope == Scope::Region {
        finding_rows::clear_rule_day(&mut *conn, region, day).await?;
        for r in &ev.results {
            let (tally, state) = match &r.outcome {
                RuleOutcome::Checked(c) => {
                    let met = c.iter().filter(|c| !c.counts_as_failure()).count();
                    ((c.len() as i64, met as i64), "checked")
                }
                RuleOutcome::NoData => ((0, 0), "no_data"),
                RuleOutcome::Transition { .. } => ((0, 0), "transition"),
            };
            let scope = format!("rule:{}", r.config.rule.code());
            finding_rows::record_day(&mut *conn, region, day, &scope, tally, state).await?;
        }
    }
    finding_rows::sum_region_day(conn, region, day).await?;
    Ok(())
}

/// Whether the rules read records of a kind.
pub(crate) fn read_by_rules(kind: simpul_domain::catalogue::EntityKind) -> bool {
    use simpul_domain::catalogue::EntityKind::*;
    matches!(
        kind,
        Application | Dataset | Domain | LanDiagram | BackupReport
    )
}

impl App {
    /// Brings findings up to date after a catalogue record changed: its PD(s), or the whole
    /// region when an Aplikasi Umum changed (APP-6 compares every PD's apps with it).
    /// Bulk writers acting as the system (demo seeding, imports) evaluate once at the end.
    pub(crate) async fn after_record_change(
        &self,
        actor: &crate::Actor,
        records: &[&simpul_domain::catalogue::Record],
    ) {
        let region = actor.region();
        let Some(first) = records.first() else { return };
        if actor.is_system() || !read_by_rules(first.kind) {
            return;
        }
        let umum = records.iter().any(|r| r.text("app_type") == Some("umum"));
        if umum {
            if let Err(e) = self.evaluate_region(region, Scope::Region).await {
                tracing::warn!(region = %region, error = %e, "compliance re-evaluation failed");
            }
        } else {
            let pds: Vec<PdId> = records.iter().map(|r| r.pd_id).collect();
            self.reevaluate(region, &pds).await;
        }
    }
}
