//! Rules over planning, audits and oversight (PLN-2/3/4, AUD-2/3, EVA-1/2). The platform does
//! not record most of these activities yet: the snapshot then holds `None` and the rules report
//! no data; they are written against the records they will read. EVA-1 also reads the
//! evaluation periods completed in the platform's SPBE evaluation module.

use super::{
    ActivityKind, AuditKind, Check, Detail, Params, PlanKind, Snapshot, Subject, SubjectKind,
};
use crate::catalogue::EntityKind;
use time::Date;

fn region_subject(s: &Snapshot) -> Subject {
    Subject {
        kind: SubjectKind::Region,
        id: s.region.to_string(),
        pd: None,
        name: s.region_name.clone(),
    }
}

/// The latest of some dates, or a "never" detail.
fn periodic(s: &Snapshot, last: Option<Date>, max_days: i64, what: &str) -> Option<Detail> {
    match last {
        None => Some(Detail::new("never_done").arg("what", what)),
        Some(d) if s.days_since(d) > max_days => Some(
            Detail::new("overdue")
                .arg("what", what)
                .arg("last", d)
                .arg("max_days", max_days),
        ),
        Some(_) => None,
    }
}

/// PLN-2, PLN-3, PLN-4: the plan of a kind exists and was set or reviewed within the period.
pub(super) fn plan_review(
    s: &Snapshot,
    p: &Params,
    kind: PlanKind,
    default_years: u32,
) -> Option<Vec<Check>> {
    let plans = s.plans.as_ref()?;
    let what = match kind {
        PlanKind::MasterPlan => "rencana_induk",
        PlanKind::Roadmap => "peta_rencana",
        PlanKind::Architecture => "arsitektur",
        PlanKind::Sop => "sop",
    };
    let last = plans
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.reviewed_on.unwrap_or(d.set_on).max(d.set_on))
        .max();
    let max = i64::from(p.max_years.unwrap_or(default_years)) * 366;
    Some(vec![Check::when(
        region_subject(s),
        periodic(s, last, max, what),
    )])
}

fn latest_audit(
    s: &Snapshot,
    kind: AuditKind,
    subject: Option<crate::ids::RecordId>,
) -> Option<Date> {
    s.audits
        .as_ref()?
        .iter()
        .filter(|a| a.kind == kind && a.subject == subject)
        .map(|a| a.done_on)
        .max()
}

fn khusus_in_production(s: &Snapshot) -> impl Iterator<Item = &crate::catalogue::Record> {
    s.active(EntityKind::Application)
        .filter(|r| r.text("app_type") == Some("khusus") && r.status == "produksi")
        .filter(|r| r.text("shared_from").is_none())
}

/// AUD-2 (application audit) and AUD-3 (security audit): each Aplikasi Khusus in production
/// at least once per period; AUD-3 also the infrastructure.
pub(super) fn audits(s: &Snapshot, p: &Params, kind: AuditKind) -> Option<Vec<Check>> {
    s.audits.as_ref()?;
    let max = p.days(366);
    let what = match kind {
        AuditKind::Application => "audit_aplikasi",
        AuditKind::Security => "audit_keamanan",
        AuditKind::Infrastructure => "audit_infrastruktur",
    };
    let mut out: Vec<Check> = khusus_in_production(s)
        .map(|r| {
            let last = latest_audit(s, kind, Some(r.id));
            Check::when(
                super::checks_app::subject(r, SubjectKind::Application),
                periodic(s, last, max, what),
            )
        })
        .collect();
    if kind == AuditKind::Security {
        let last = latest_audit(s, AuditKind::Security, None);
        out.push(Check::when(
            region_subject(s),
            periodic(s, last, max, "audit_keamanan_infrastruktur"),
        ));
    }
    Some(out)
}

/// EVA-1 (monitoring and evaluation) and EVA-2 (technical supervision), region-wide.
pub(super) fn activity(s: &Snapshot, p: &Params, kind: ActivityKind) -> Option<Vec<Check>> {
    let last = s.activity_days(kind)?.into_iter().max();
    let what = match kind {
        ActivityKind::Evaluation => "evaluasi_spbe",
        ActivityKind::Supervision => "supervisi_teknis",
    };
    Some(vec![Check::when(
        region_subject(s),
        periodic(s, last, p.days(366), what),
    )])
}
