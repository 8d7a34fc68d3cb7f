use super::*;

fn plan(kind: PlanKind, set_on: time::Date, reviewed_on: Option<time::Date>) -> PlanRecord {
    PlanRecord {
        kind,
        pd: None,
        set_on,
        reviewed_on,
    }
}

#[test]
fn pln2_pln3_pln4_plans_not_reviewed_within_the_period_fail() {
    let mut w = world();
    for rule in [Rule::Pln2, Rule::Pln3, Rule::Pln4] {
        assert_eq!(
            evaluate(&[cfg(rule)], &w.snap).results[0].outcome,
            RuleOutcome::NoData
        );
    }
    w.snap.plans = Some(vec![]);
    fails(Rule::Pln2, &w.snap, "metro", "never_done");
    w.snap.plans = Some(vec![
        plan(
            PlanKind::MasterPlan,
            date!(2020 - 01 - 01),
            Some(date!(2023 - 05 - 01)),
        ),
        plan(
            PlanKind::Roadmap,
            date!(2020 - 01 - 01),
            Some(date!(2025 - 05 - 01)),
        ),
        plan(
            PlanKind::Architecture,
            date!(2021 - 01 - 01),
            Some(date!(2025 - 02 - 01)),
        ),
    ]);
    // Defaults: 5 years for the master plan and the roadmap, 3 for the architecture.
    passes(Rule::Pln2, &w.snap);
    passes(Rule::Pln3, &w.snap);
    passes(Rule::Pln4, &w.snap);
    let mut c = cfg(Rule::Pln2);
    c.params.max_years = Some(2);
    assert_eq!(
        failures_with(c, &w.snap),
        vec![("metro".into(), "overdue".into())]
    );
    let mut c = cfg(Rule::Pln4);
    c.params.max_years = Some(1);
    assert_eq!(
        failures_with(c, &w.snap),
        vec![("metro".into(), "overdue".into())]
    );
}

#[test]
fn aud2_khusus_app_not_audited_within_a_year_fails() {
    let mut w = world();
    let app = good_app(&w.pd, "SIMPUS");
    w.snap.records = vec![app.clone()];
    assert_eq!(
        evaluate(&[cfg(Rule::Aud2)], &w.snap).results[0].outcome,
        RuleOutcome::NoData
    );
    w.snap.audits = Some(vec![AuditRecord {
        kind: AuditKind::Application,
        subject: Some(app.id),
        done_on: date!(2025 - 01 - 01),
    }]);
    fails(Rule::Aud2, &w.snap, "SIMPUS", "overdue");
    w.snap.audits = Some(vec![AuditRecord {
        kind: AuditKind::Application,
        subject: Some(app.id),
        done_on: date!(2026 - 03 - 01),
    }]);
    passes(Rule::Aud2, &w.snap);
}

#[test]
fn aud3_security_audit_of_apps_and_infrastructure_within_a_year() {
    let mut w = world();
    let app = good_app(&w.pd, "SIMPUS");
    w.snap.records = vec![app.clone()];
    w.snap.audits = Some(vec![AuditRecord {
        kind: AuditKind::Security,
        subject: Some(app.id),
        done_on: date!(2026 - 03 - 01),
    }]);
    fails(Rule::Aud3, &w.snap, "metro", "never_done");
    w.snap.audits.as_mut().unwrap().push(AuditRecord {
        kind: AuditKind::Security,
        subject: None,
        done_on: date!(2026 - 04 - 01),
    });
    passes(Rule::Aud3, &w.snap);
}

#[test]
fn eva1_and_eva2_need_a_yearly_activity() {
    let mut w = world();
    assert_eq!(
        evaluate(&[cfg(Rule::Eva1)], &w.snap).results[0].outcome,
        RuleOutcome::NoData
    );
    w.snap.activities = Some(vec![
        ActivityRecord {
            kind: ActivityKind::Evaluation,
            done_on: date!(2026 - 02 - 01),
        },
        ActivityRecord {
            kind: ActivityKind::Supervision,
            done_on: date!(2025 - 02 - 01),
        },
    ]);
    passes(Rule::Eva1, &w.snap);
    fails(Rule::Eva2, &w.snap, "metro", "overdue");
}

#[test]
fn pack_validation_rejects_duplicates_foreign_parameters_and_empty_citations() {
    let twice = [cfg(Rule::App2), cfg(Rule::App2)];
    assert!(validate_rules(&twice).unwrap_err().contains("twice"));
    let mut c = cfg(Rule::App2);
    c.params.max_days = Some(30);
    assert!(validate_rules(&[c]).unwrap_err().contains("max_days"));
    let mut c = cfg(Rule::App2);
    c.citation.text = "".into();
    assert!(validate_rules(&[c]).is_err());
    assert!(validate_rules(&[cfg(Rule::App2), cfg(Rule::Inf5)]).is_ok());
}

#[test]
fn rule_codes_round_trip_and_cover_every_c_obligation() {
    assert_eq!(Rule::ALL.len(), 32);
    for r in Rule::ALL {
        assert_eq!(Rule::from_code(r.code()), Some(*r));
    }
}

#[test]
fn eva1_reads_completed_evaluation_periods_and_eva2_stays_without_data() {
    let mut w = world();
    w.snap.evaluations = Some(vec![]);
    fails(Rule::Eva1, &w.snap, "metro", "never_done");
    w.snap.evaluations = Some(vec![date!(2026 - 02 - 01)]);
    passes(Rule::Eva1, &w.snap);
    assert_eq!(
        evaluate(&[cfg(Rule::Eva2)], &w.snap).results[0].outcome,
        RuleOutcome::NoData,
        "evaluation periods say nothing about technical supervision"
    );
}
