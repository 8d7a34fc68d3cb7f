//! Date arithmetic of the deadline calendar, rule by rule (TODAY is 2026-12-02).

use super::*;
use time::macros::date;

fn only(rule: Rule, snap: &Snapshot) -> Vec<Deadline> {
    only_with(cfg(rule), snap)
}

fn only_with(c: RuleConfig, snap: &Snapshot) -> Vec<Deadline> {
    deadlines(&[c], snap)
}

fn one(rule: Rule, snap: &Snapshot) -> Deadline {
    let d = only(rule, snap);
    assert_eq!(d.len(), 1, "{rule}: {d:?}");
    d.into_iter().next().unwrap()
}

fn lan(w: &World, submitted: &str, status: &str) -> Record {
    record(
        EntityKind::LanDiagram,
        &w.pd,
        "LAN",
        status,
        json!({"year": 2025, "submitted_on": submitted}),
    )
}

#[test]
fn states_follow_the_days_left() {
    let s = |d| DeadlineState::of(d, TODAY);
    assert_eq!(s(date!(2026 - 12 - 01)), DeadlineState::Overdue);
    assert_eq!(s(TODAY), DeadlineState::DueSoon);
    assert_eq!(s(date!(2027 - 01 - 01)), DeadlineState::DueSoon);
    assert_eq!(s(date!(2027 - 01 - 02)), DeadlineState::Upcoming);
}

#[test]
fn inf5_is_due_366_days_after_the_last_accepted_diagram() {
    let mut w = world();
    w.snap.records = vec![
        lan(&w, "2025-11-01", "diterima"),
        lan(&w, "2026-06-01", "ditolak"),
    ];
    let d = one(Rule::Inf5, &w.snap);
    assert_eq!(d.subject.kind, SubjectKind::Pd);
    assert_eq!(d.last_done, Some(date!(2025 - 11 - 01)));
    assert_eq!(d.due_on, date!(2026 - 11 - 02));
    assert_eq!(d.state, DeadlineState::Overdue);
    let mut c = cfg(Rule::Inf5);
    c.params.max_days = Some(400);
    let d = &only_with(c, &w.snap)[0];
    assert_eq!(d.due_on, date!(2026 - 12 - 06));
    assert_eq!(d.state, DeadlineState::DueSoon);
}

#[test]
fn never_done_is_overdue_today() {
    let w = world();
    for rule in [Rule::Inf5, Rule::Dat7] {
        let d = one(rule, &w.snap);
        assert_eq!(
            (d.due_on, d.state, d.last_done),
            (TODAY, DeadlineState::Overdue, None)
        );
    }
}

#[test]
fn dat2_uses_the_dataset_update_frequency() {
    let w = world();
    let mut snap = w.snap.clone();
    let ds = |freq: &str, last: Value| {
        record(
            EntityKind::Dataset,
            &w.pd,
            freq,
            "aktif",
            json!({"update_frequency": freq, "last_updated": last}),
        )
    };
    snap.records = vec![
        ds("bulanan", json!("2026-11-20")),
        ds("tahunan", json!("2025-12-01")),
        ds("tidak_tentu", json!("2020-01-01")),
        ds("mingguan", Value::Null),
    ];
    let d = only(Rule::Dat2, &snap);
    let by = |n: &str| d.iter().find(|x| x.subject.name == n).unwrap();
    assert_eq!(d.len(), 3, "irregular datasets have no deadline");
    assert_eq!(by("bulanan").due_on, date!(2026 - 12 - 21));
    assert_eq!(by("bulanan").state, DeadlineState::DueSoon);
    assert_eq!(by("tahunan").due_on, date!(2026 - 12 - 02));
    assert_eq!(by("mingguan").state, DeadlineState::Overdue);
    assert_eq!(by("bulanan").subject.kind, SubjectKind::Dataset);
}

#[test]
fn dat7_counts_only_successful_backups_to_the_pusat_data() {
    let mut w = world();
    let b = |date: &str, to: bool, result: &str| {
        record(
            EntityKind::BackupReport,
            &w.pd,
            date,
            "aktif",
            json!({"backup_date": date, "to_pusat_data": to, "result": result}),
        )
    };
    w.snap.records = vec![
        b("2026-03-01", true, "berhasil"),
        b("2026-10-01", false, "berhasil"),
        b("2026-11-01", true, "gagal"),
    ];
    let d = one(Rule::Dat7, &w.snap);
    assert_eq!(d.last_done, Some(date!(2026 - 03 - 01)));
    assert_eq!(d.due_on, date!(2026 - 08 - 31));
    assert_eq!(d.state, DeadlineState::Overdue);
}

#[test]
fn app13_applies_to_apps_in_production() {
    let mut w = world();
    let mut dev = good_app(&w.pd, "Dev");
    dev.status = "pengembangan".into();
    w.snap.records = vec![good_app(&w.pd, "SIMPUS"), dev];
    let d = one(Rule::App13, &w.snap);
    assert_eq!(d.subject.name, "SIMPUS");
    assert_eq!(d.due_on, date!(2027 - 06 - 01));
    assert_eq!(d.state, DeadlineState::Upcoming);
}

#[test]
fn audits_activities_and_plans_are_skipped_until_recorded() {
    let mut w = world();
    w.snap.records = vec![good_app(&w.pd, "SIMPUS")];
    for rule in [
        Rule::Aud2,
        Rule::Aud3,
        Rule::Eva1,
        Rule::Eva2,
        Rule::Pln2,
        Rule::Pln3,
        Rule::Pln4,
    ] {
        assert_eq!(only(rule, &w.snap), vec![], "{rule}");
    }
}

#[test]
fn audits_per_khusus_app_and_the_infrastructure() {
    let mut w = world();
    let app = good_app(&w.pd, "SIMPUS");
    w.snap.audits = Some(vec![
        AuditRecord {
            kind: AuditKind::Application,
            subject: Some(app.id),
            done_on: date!(2026 - 01 - 10),
        },
        AuditRecord {
            kind: AuditKind::Security,
            subject: None,
            done_on: date!(2026 - 06 - 01),
        },
    ]);
    w.snap.records = vec![app];
    let d = one(Rule::Aud2, &w.snap);
    assert_eq!(d.due_on, date!(2027 - 01 - 11));
    let d = only(Rule::Aud3, &w.snap);
    assert_eq!(d.len(), 2);
    assert_eq!(
        d[0].state,
        DeadlineState::Overdue,
        "app never security-audited"
    );
    assert_eq!(d[1].subject.kind, SubjectKind::Region);
    assert_eq!(d[1].due_on, date!(2027 - 06 - 02));
}

#[test]
fn evaluation_and_supervision_are_yearly() {
    let mut w = world();
    w.snap.activities = Some(vec![ActivityRecord {
        kind: ActivityKind::Evaluation,
        done_on: date!(2025 - 12 - 01),
    }]);
    let d = one(Rule::Eva1, &w.snap);
    assert_eq!(
        (d.due_on, d.state),
        (date!(2026 - 12 - 02), DeadlineState::DueSoon)
    );
    assert_eq!(one(Rule::Eva2, &w.snap).state, DeadlineState::Overdue);
}

#[test]
fn plan_reviews_count_years_of_366_days_from_the_last_review() {
    let mut w = world();
    w.snap.plans = Some(vec![PlanRecord {
        kind: PlanKind::Architecture,
        pd: None,
        set_on: date!(2022 - 01 - 01),
        reviewed_on: Some(date!(2024 - 01 - 01)),
    }]);
    let d = one(Rule::Pln4, &w.snap);
    assert_eq!(d.due_on, date!(2027 - 01 - 03));
    let mut c = cfg(Rule::Pln4);
    c.params.max_years = Some(1);
    assert_eq!(only_with(c, &w.snap)[0].state, DeadlineState::Overdue);
    assert_eq!(one(Rule::Pln2, &w.snap).state, DeadlineState::Overdue);
}

#[test]
fn rules_the_region_does_not_enable_give_no_deadline() {
    let w = world();
    assert_eq!(deadlines(&[cfg(Rule::Dom1)], &w.snap), vec![]);
    assert_eq!(deadlines(&[], &w.snap), vec![]);
}
