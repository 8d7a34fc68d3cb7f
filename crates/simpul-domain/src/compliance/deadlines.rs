//! Deadlines of the recurring obligations (issue 4 item 5): for each periodic rule the region
//! enables, the day each subject is next due, computed with the same periods the rules check,
//! so that the calendar and the findings agree (a deadline is overdue exactly when its rule
//! fails for lateness).

use super::checks_app::subject as record_subject;
use super::{
    parse_date, ActivityKind, AuditKind, PlanKind, Rule, RuleConfig, Snapshot, Subject, SubjectKind,
};
use crate::catalogue::{EntityKind, Record, UpdateFrequency};
use crate::org::PerangkatDaerah;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

// Dates on the wire as `YYYY-MM-DD`.
time::serde::format_description!(ymd, Date, "[year]-[month]-[day]");

/// Days before the due day from which a deadline is "due soon".
pub const DUE_SOON_DAYS: i64 = 30;

/// Where a deadline stands on the snapshot's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// Due in more than [`DUE_SOON_DAYS`] days.
    Upcoming,
    /// Due within [`DUE_SOON_DAYS`] days (or today).
    DueSoon,
    /// Past due, or never done.
    Overdue,
}

impl DeadlineState {
    pub const ALL: [DeadlineState; 3] = [
        DeadlineState::Overdue,
        DeadlineState::DueSoon,
        DeadlineState::Upcoming,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DeadlineState::Upcoming => "upcoming",
            DeadlineState::DueSoon => "due_soon",
            DeadlineState::Overdue => "overdue",
        }
    }

    pub fn from_code(s: &str) -> Option<DeadlineState> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }

    /// The state of something due on `due_on`, seen on `today`.
    pub fn of(due_on: Date, today: Date) -> DeadlineState {
        let left = (due_on - today).whole_days();
        if left < 0 {
            DeadlineState::Overdue
        } else if left <= DUE_SOON_DAYS {
            DeadlineState::DueSoon
        } else {
            DeadlineState::Upcoming
        }
    }
}

/// When one subject next has to do what a periodic rule asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub rule: Rule,
    pub subject: Subject,
    /// The last day the obligation is met; today when it was never done.
    #[serde(with = "ymd")]
    pub due_on: Date,
    pub state: DeadlineState,
    /// When it was last done, if ever.
    #[serde(with = "ymd::option")]
    pub last_done: Option<Date>,
}

/// The deadlines of every periodic rule the region enables, ordered by due day.
pub fn deadlines(rules: &[RuleConfig], snap: &Snapshot) -> Vec<Deadline> {
    let mut out = Vec::new();
    for cfg in rules {
        let days = |default: u32| cfg.params.days(default);
        let years = |default: u32| i64::from(cfg.params.max_years.unwrap_or(default)) * 366;
        let found: Vec<(Subject, Option<Date>, i64)> = match cfg.rule {
            Rule::Inf5 => per_pd(snap, |pd| last_lan_diagram(snap, pd), days(366)),
            Rule::Dat7 => per_pd(snap, |pd| last_backup(snap, pd), days(183)),
            Rule::Dat2 => datasets(snap),
            Rule::App13 => snap
                .active(EntityKind::Application)
                .filter(|r| r.status == "produksi")
                .map(|r| (app(r), date_of(r, "last_monev_date"), days(365)))
                .collect(),
            Rule::Aud2 => audits(snap, AuditKind::Application, days(366)),
            Rule::Aud3 => audits(snap, AuditKind::Security, days(366)),
            Rule::Eva1 => activity(snap, ActivityKind::Evaluation, days(366)),
            Rule::Eva2 => activity(snap, ActivityKind::Supervision, days(366)),
            Rule::Pln2 => plan(snap, PlanKind::MasterPlan, years(5)),
            Rule::Pln3 => plan(snap, PlanKind::Roadmap, years(5)),
            Rule::Pln4 => plan(snap, PlanKind::Architecture, years(3)),
            _ => Vec::new(),
        };
        out.extend(found.into_iter().map(|(subject, last, max)| {
            let due_on = last
                .and_then(|d| d.checked_add(Duration::days(max)))
                .unwrap_or(snap.today);
            let state = if last.is_none() {
                DeadlineState::Overdue
            } else {
                DeadlineState::of(due_on, snap.today)
            };
            Deadline {
                rule: cfg.rule,
                subject,
                due_on,
                state,
                last_done: last,
            }
        }));
    }
    out.sort_by(|a, b| {
        (a.due_on, a.rule, &a.subject.name).cmp(&(b.due_on, b.rule, &b.subject.name))
    });
    out
}

fn date_of(r: &Record, field: &str) -> Option<Date> {
    r.text(field).and_then(parse_date)
}

fn app(r: &Record) -> Subject {
    record_subject(r, SubjectKind::Application)
}

fn pd_subject(p: &PerangkatDaerah) -> Subject {
    Subject {
        kind: SubjectKind::Pd,
        id: p.id.to_string(),
        pd: Some(p.id),
        name: p.short_name.clone(),
    }
}

fn region_subject(s: &Snapshot) -> Subject {
    Subject {
        kind: SubjectKind::Region,
        id: s.region.to_string(),
        pd: None,
        name: s.region_name.clone(),
    }
}

fn per_pd(
    s: &Snapshot,
    last: impl Fn(&PerangkatDaerah) -> Option<Date>,
    max: i64,
) -> Vec<(Subject, Option<Date>, i64)> {
    s.pds
        .iter()
        .map(|p| (pd_subject(p), last(p), max))
        .collect()
}

/// INF-5: the last LAN diagram of the PD that was not rejected.
fn last_lan_diagram(s: &Snapshot, pd: &PerangkatDaerah) -> Option<Date> {
    s.records
        .iter()
        .filter(|l| l.kind == EntityKind::LanDiagram && l.pd_id == pd.id && l.status != "ditolak")
        .filter_map(|l| date_of(l, "submitted_on"))
        .max()
}

/// DAT-7: the last successful backup of the PD to the Pusat Data.
fn last_backup(s: &Snapshot, pd: &PerangkatDaerah) -> Option<Date> {
    s.active(EntityKind::BackupReport)
        .filter(|b| b.pd_id == pd.id && b.flag("to_pusat_data"))
        .filter(|b| b.text("result") == Some("berhasil"))
        .filter_map(|b| date_of(b, "backup_date"))
        .max()
}

/// DAT-2: each dataset with a regular update frequency.
fn datasets(s: &Snapshot) -> Vec<(Subject, Option<Date>, i64)> {
    s.active(EntityKind::Dataset)
        .filter_map(|d| {
            let freq = d
                .text("update_frequency")
                .and_then(UpdateFrequency::from_code)?;
            let max = i64::from(freq.max_days()?);
            Some((
                record_subject(d, SubjectKind::Dataset),
                date_of(d, "last_updated"),
                max,
            ))
        })
        .collect()
}

/// AUD-2, AUD-3: each own Aplikasi Khusus in production; AUD-3 also the infrastructure.
fn audits(s: &Snapshot, kind: AuditKind, max: i64) -> Vec<(Subject, Option<Date>, i64)> {
    let Some(audits) = s.audits.as_ref() else {
        return Vec::new();
    };
    let latest = |subject| {
        audits
            .iter()
            .filter(|a| a.kind == kind && a.subject == subject)
            .map(|a| a.done_on)
            .max()
    };
    let mut out: Vec<_> = s
        .active(EntityKind::Application)
        .filter(|r| r.text("app_type") == Some("khusus") && r.status == "produksi")
        .filter(|r| r.text("shared_from").is_none())
        .map(|r| (app(r), latest(Some(r.id)), max))
        .collect();
    if kind == AuditKind::Security {
        out.push((region_subject(s), latest(None), max));
    }
    out
}

/// EVA-1, EVA-2: region-wide activities.
fn activity(s: &Snapshot, kind: ActivityKind, max: i64) -> Vec<(Subject, Option<Date>, i64)> {
    let Some(days) = s.activity_days(kind) else {
        return Vec::new();
    };
    let last = days.into_iter().max();
    vec![(region_subject(s), last, max)]
}

/// PLN-2/3/4: the plan's last setting or review.
fn plan(s: &Snapshot, kind: PlanKind, max: i64) -> Vec<(Subject, Option<Date>, i64)> {
    let Some(plans) = s.plans.as_ref() else {
        return Vec::new();
    };
    let last = plans
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.reviewed_on.unwrap_or(d.set_on).max(d.set_on))
        .max();
    vec![(region_subject(s), last, max)]
}
