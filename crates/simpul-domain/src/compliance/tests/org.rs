use super::*;

fn domain(w: &World, host: &str, purpose: &str) -> Record {
    record(
        EntityKind::Domain,
        &w.pd,
        host,
        "aktif",
        json!({"host": host, "purpose": purpose}),
    )
}

fn dataset(w: &World, data: Value) -> Record {
    let base = json!({"walidata": "Diskominfo", "classification": "terbuka", "format": "csv",
                      "update_frequency": "bulanan", "last_updated": "2026-11-20",
                      "in_pusat_data": true, "dinas_consent": true, "nature": "master"});
    with(
        record(EntityKind::Dataset, &w.pd, "Data Puskesmas", "aktif", base),
        data,
    )
}

#[test]
fn dom1_host_outside_the_official_domain_fails() {
    let mut w = world();
    w.snap.records = vec![domain(&w, "dinkes-metro.com", "website")];
    fails(
        Rule::Dom1,
        &w.snap,
        "dinkes-metro.com",
        "outside_official_domain",
    );
    w.snap.records = vec![domain(&w, "dinkes.metrokota.go.id", "website")];
    passes(Rule::Dom1, &w.snap);
}

#[test]
fn dom1_a_lookalike_suffix_is_not_the_official_domain() {
    let mut w = world();
    w.snap.records = vec![domain(&w, "sikdametrokota.go.id", "website")];
    fails(
        Rule::Dom1,
        &w.snap,
        "sikdametrokota.go.id",
        "outside_official_domain",
    );
}

#[test]
fn dom1_checks_the_domain_named_by_the_applied_pack_and_quotes_it() {
    // Metro's data under the Lima Puluh Kota pack: the rule tests the domain Perbup 47/2018
    // Pasal 14 ayat (5) names, the same one the finding's citation quotes.
    let packs = crate::region::builtin_packs().unwrap();
    for p in packs
        .iter()
        .filter(|p| p.rules.iter().any(|r| r.rule == Rule::Dom1))
    {
        let dom1 = p.rules.iter().find(|r| r.rule == Rule::Dom1).unwrap();
        let domain = dom1.params.domain.as_deref().unwrap();
        assert_eq!(domain, p.region.official_domain, "{}", p.region.slug);
        assert!(dom1.citation.text.contains(domain), "{}", p.region.slug);
    }
    let lpk = packs
        .iter()
        .find(|p| p.region.slug.as_str() == "limapuluhkota")
        .unwrap();
    let dom1 = lpk.rules.iter().find(|r| r.rule == Rule::Dom1).unwrap();
    let mut w = world();
    w.snap.records = vec![domain(&w, "dinkes.metrokota.go.id", "website")];
    let ev = evaluate(std::slice::from_ref(dom1), &w.snap);
    let (config, check) = ev
        .failures()
        .next()
        .expect("outside limapuluhkotakab.go.id");
    let detail = check.failure.as_ref().unwrap();
    assert_eq!(detail.args["official"], "limapuluhkotakab.go.id");
    assert!(config.citation.text.contains(&detail.args["official"]));
    w.snap.records = vec![domain(&w, "dinkes.limapuluhkotakab.go.id", "website")];
    assert_eq!(failures_with(dom1.clone(), &w.snap), vec![]);
}

#[test]
fn dom2_pd_with_a_non_integrated_subdomain_fails() {
    let mut w = world();
    w.snap.records = vec![domain(&w, "ppdbmetro.id", "aplikasi")];
    fails(Rule::Dom2, &w.snap, "DINKES", "pd_domain_not_integrated");
    w.snap.records = vec![domain(&w, "ppdb.metrokota.go.id", "aplikasi")];
    passes(Rule::Dom2, &w.snap);
}

#[test]
fn dom3_pd_without_a_website_under_the_official_domain_fails() {
    let mut w = world();
    w.snap.records = vec![
        domain(&w, "dinkes-metro.com", "website"),
        domain(&w, "sik.metrokota.go.id", "aplikasi"),
    ];
    fails(Rule::Dom3, &w.snap, "DINKES", "no_website");
    w.snap
        .records
        .push(domain(&w, "dinkes.metrokota.go.id", "website"));
    passes(Rule::Dom3, &w.snap);
}

#[test]
fn dat2_dataset_past_its_update_frequency_fails() {
    let mut w = world();
    w.snap.records = vec![dataset(&w, json!({"last_updated": "2026-06-01"}))];
    fails(Rule::Dat2, &w.snap, "Data Puskesmas", "update_overdue");
    w.snap.records = vec![dataset(&w, json!({"last_updated": null}))];
    fails(Rule::Dat2, &w.snap, "Data Puskesmas", "never_updated");
    w.snap.records = vec![dataset(&w, json!({}))];
    passes(Rule::Dat2, &w.snap);
}

#[test]
fn dat2_irregular_datasets_are_not_checked() {
    let mut w = world();
    w.snap.records = vec![dataset(
        &w,
        json!({"update_frequency": "tidak_tentu", "last_updated": null}),
    )];
    assert_eq!(checked(Rule::Dat2, &w.snap), 0);
}

#[test]
fn dat3_dataset_outside_the_pusat_data_or_without_consent_fails() {
    let mut w = world();
    w.snap.records = vec![dataset(&w, json!({"in_pusat_data": false}))];
    fails(Rule::Dat3, &w.snap, "Data Puskesmas", "not_in_pusat_data");
    w.snap.records = vec![dataset(&w, json!({"dinas_consent": false}))];
    fails(Rule::Dat3, &w.snap, "Data Puskesmas", "no_consent");
    w.snap.records = vec![dataset(&w, json!({}))];
    passes(Rule::Dat3, &w.snap);
}

fn backup(w: &World, date: &str, to_pd: bool, result: &str) -> Record {
    record(
        EntityKind::BackupReport,
        &w.pd,
        date,
        "dilaporkan",
        json!({"backup_date": date, "result": result, "to_pusat_data": to_pd}),
    )
}

#[test]
fn dat7_pd_without_a_recent_successful_backup_to_the_pusat_data_fails() {
    let mut w = world();
    fails(Rule::Dat7, &w.snap, "DINKES", "no_backup");
    w.snap.records = vec![backup(&w, "2026-01-10", true, "berhasil")];
    fails(Rule::Dat7, &w.snap, "DINKES", "backup_overdue");
    w.snap.records = vec![backup(&w, "2026-11-30", false, "berhasil")];
    fails(Rule::Dat7, &w.snap, "DINKES", "backup_not_to_pusat_data");
    w.snap.records = vec![backup(&w, "2026-11-30", true, "gagal")];
    fails(Rule::Dat7, &w.snap, "DINKES", "backup_failed");
    w.snap
        .records
        .push(backup(&w, "2026-11-01", true, "berhasil"));
    passes(Rule::Dat7, &w.snap);
}

fn lan(w: &World, year: i32, submitted: &str, status: &str) -> Record {
    record(
        EntityKind::LanDiagram,
        &w.pd,
        "LAN",
        status,
        json!({"year": year, "submitted_on": submitted}),
    )
}

#[test]
fn inf5_pd_without_a_lan_diagram_within_a_year_fails() {
    let mut w = world();
    fails(Rule::Inf5, &w.snap, "DINKES", "no_lan_diagram");
    w.snap.records = vec![lan(&w, 2025, "2025-08-01", "diterima")];
    fails(Rule::Inf5, &w.snap, "DINKES", "lan_diagram_overdue");
    w.snap.records = vec![lan(&w, 2026, "2026-03-01", "ditolak")];
    fails(Rule::Inf5, &w.snap, "DINKES", "no_lan_diagram");
    w.snap.records = vec![lan(&w, 2026, "2026-03-01", "diterima")];
    passes(Rule::Inf5, &w.snap);
}

#[test]
fn org5_and_org6_report_no_data_until_ict_staff_is_recorded() {
    let mut w = world();
    for rule in [Rule::Org5, Rule::Org6] {
        assert_eq!(
            evaluate(&[cfg(rule)], &w.snap).results[0].outcome,
            RuleOutcome::NoData
        );
    }
    let id = w.pd.id;
    w.snap.ict_staff = Some(
        [(
            id,
            IctStaff {
                technicians: 0,
                competent: 2,
            },
        )]
        .into(),
    );
    fails(Rule::Org5, &w.snap, "DINKES", "no_ict_technician");
    passes(Rule::Org6, &w.snap);
    w.snap.ict_staff = Some(
        [(
            id,
            IctStaff {
                technicians: 1,
                competent: 0,
            },
        )]
        .into(),
    );
    passes(Rule::Org5, &w.snap);
    fails(Rule::Org6, &w.snap, "DINKES", "no_competent_ict_staff");
}

#[test]
fn pln7_pd_without_sops_fails() {
    let mut w = world();
    assert_eq!(
        evaluate(&[cfg(Rule::Pln7)], &w.snap).results[0].outcome,
        RuleOutcome::NoData
    );
    w.snap.plans = Some(vec![]);
    fails(Rule::Pln7, &w.snap, "DINKES", "no_sop");
    let pd = Some(w.pd.id);
    w.snap.plans = Some(vec![PlanRecord {
        kind: PlanKind::Sop,
        pd,
        set_on: date!(2024 - 01 - 01),
        reviewed_on: None,
    }]);
    passes(Rule::Pln7, &w.snap);
}
