use super::*;

fn app_world(app: Record) -> Snapshot {
    let mut w = world();
    let app = Record {
        pd_id: w.pd.id,
        ..app
    };
    w.snap.records.push(app);
    w.snap
}

fn one(changes: Value) -> Snapshot {
    let w = world();
    app_world(with(good_app(&w.pd, "SIMPUS"), changes))
}

#[test]
fn app2_third_party_app_not_through_dinas_fails_and_through_dinas_passes() {
    fails(
        Rule::App2,
        &one(json!({"developer": "pihak_ketiga", "via_dinas": false})),
        "SIMPUS",
        "not_via_dinas",
    );
    passes(
        Rule::App2,
        &one(json!({"developer": "pihak_ketiga", "via_dinas": true})),
    );
}

/// A snapshot whose regulation knows the PD Mandiri TIK (as Perbup Manggarai 52/2021 does).
fn with_mandiri_concept(mut s: Snapshot) -> Snapshot {
    s.concepts.pd_mandiri_tik = true;
    s
}

#[test]
fn app3_mandiri_tik_builder_needs_a_pd_mandiri_tik() {
    fails(
        Rule::App3,
        &with_mandiri_concept(one(json!({"developer": "pd_mandiri_tik"}))),
        "SIMPUS",
        "builder_not_mandiri_tik",
    );
    let mut s = with_mandiri_concept(one(json!({"developer": "pd_mandiri_tik"})));
    s.pds[0].mandiri_tik = true;
    passes(Rule::App3, &s);
}

#[test]
fn app3_never_reads_the_mandiri_tik_flag_when_the_regulation_has_no_such_status() {
    // Perbup Lima Puluh Kota 47/2018 Pasal 10: the OPD builds its own systems; the pack lists
    // `pd_mandiri_tik` (the PD itself) as a permitted builder and knows no PD Mandiri TIK.
    let lpk = crate::region::builtin_packs()
        .unwrap()
        .into_iter()
        .find(|p| p.region.slug.as_str() == "limapuluhkota")
        .unwrap();
    assert!(!lpk.concepts.pd_mandiri_tik);
    let app3 = lpk.rules.iter().find(|r| r.rule == Rule::App3).unwrap();
    let mut s = one(json!({"developer": "pd_mandiri_tik"}));
    s.concepts = lpk.concepts;
    assert!(!s.pds[0].mandiri_tik);
    assert_eq!(failures_with(app3.clone(), &s), vec![]);
}

#[test]
fn app3_names_the_builder_not_permitted_before_the_mandiri_tik_status() {
    // Manggarai: an Aplikasi Umum besar is built by Dinas only; a PD that is not Mandiri TIK
    // building it is told the builder is not permitted, not that it lacks a status.
    let s = with_mandiri_concept(one(
        json!({"app_type": "umum", "complexity": "besar", "developer": "pd_mandiri_tik"}),
    ));
    assert_eq!(
        failures(Rule::App3, &s),
        vec![("SIMPUS".into(), "builder_not_permitted".into())]
    );
}

#[test]
fn app3_follows_the_regions_list_of_builders() {
    let s = one(json!({"app_type": "umum", "complexity": "besar", "developer": "pd_mandiri_tik"}));
    let mut s = with_mandiri_concept(s);
    s.pds[0].mandiri_tik = true;
    assert_eq!(
        failures(Rule::App3, &s),
        vec![("SIMPUS".into(), "builder_not_permitted".into())]
    );
    let mut c = cfg(Rule::App3);
    c.params.umum_besar = Some(vec![
        crate::catalogue::Developer::Dinas,
        crate::catalogue::Developer::PdMandiriTik,
    ]);
    assert_eq!(failures_with(c, &s), vec![]);
}

#[test]
fn app4_closed_source_needs_the_ministers_consideration() {
    fails(
        Rule::App4,
        &one(json!({"source_model": "tertutup"})),
        "SIMPUS",
        "closed_without_consideration",
    );
    passes(
        Rule::App4,
        &one(json!({"source_model": "tertutup", "kominfo_consideration_ref": "B-12/2021"})),
    );
}

#[test]
fn app4_does_not_apply_to_shared_central_apps() {
    let s = one(json!({"source_model": "tertutup", "shared_from": "Kemendagri"}));
    assert_eq!(failures(Rule::App4, &s), vec![]);
}

#[test]
fn app5_apbd_closed_source_needs_a_licence() {
    fails(
        Rule::App5,
        &one(json!({"source_model": "tertutup"})),
        "SIMPUS",
        "apbd_without_licence",
    );
    passes(
        Rule::App5,
        &one(json!({"source_model": "tertutup", "licence": "Lisensi komersial 50 pengguna"})),
    );
}

#[test]
fn app6_a_khusus_app_duplicating_an_umum_app_needs_study_and_consideration() {
    let w = world();
    let mut umum = with(
        good_app(&w.pd, "SRIKANDI"),
        json!({"app_type": "umum", "complexity": "besar"}),
    );
    umum.ref_code = Some("RAA.01.01".into());
    let mut dup = good_app(&w.pd, "ESURAT");
    dup.ref_code = Some("RAA.01.01".into());
    let mut s = w.snap;
    s.records = vec![umum, dup.clone()];
    fails(Rule::App6, &s, "ESURAT", "duplicates_umum");
    docs(&mut s, &dup, &[DocType::KajianBiayaManfaat]);
    s.records[1]
        .data
        .insert("kominfo_consideration_ref".into(), json!("B-1/2022"));
    passes(Rule::App6, &s);
}

#[test]
fn app7_khusus_app_needs_the_panrb_consideration() {
    fails(
        Rule::App7,
        &one(json!({"panrb_consideration_ref": null})),
        "SIMPUS",
        "khusus_without_panrb",
    );
    passes(Rule::App7, &one(json!({})));
}

#[test]
fn app8_third_party_handover_needs_every_handover_document() {
    let mut s = one(json!({"developer": "pihak_ketiga"}));
    fails(Rule::App8, &s, "SIMPUS", "missing_documents");
    let r = s.records[0].clone();
    use DocType::*;
    docs(
        &mut s,
        &r,
        &[
            ArsitekturProsesBisnis,
            ArsitekturData,
            ArsitekturAplikasi,
            ArsitekturInfrastruktur,
            KodeSumber,
            ManualOperasional,
            UjiKeamanan,
            UjiKinerja,
            UjiDebugging,
        ],
    );
    passes(Rule::App8, &s);
}

#[test]
fn app9_deployed_app_needs_requirements_design_manual_and_source() {
    let mut s = one(json!({}));
    fails(Rule::App9, &s, "SIMPUS", "missing_documents");
    let r = s.records[0].clone();
    use DocType::*;
    docs(
        &mut s,
        &r,
        &[DokumenKebutuhan, DokumenDesain, ManualPengguna, KodeSumber],
    );
    passes(Rule::App9, &s);
}

#[test]
fn app11_two_production_apps_with_one_function_in_one_pd_fail_both() {
    let w = world();
    let a = with(
        good_app(&w.pd, "SIPD"),
        json!({"function_label": "Perencanaan"}),
    );
    let b = with(
        good_app(&w.pd, "EPLANNING"),
        json!({"function_label": " perencanaan "}),
    );
    let mut s = w.snap;
    s.records = vec![a, b];
    assert_eq!(failures(Rule::App11, &s).len(), 2);
    s.records[1]
        .data
        .insert("function_label".into(), json!("Penganggaran"));
    passes(Rule::App11, &s);
}

#[test]
fn app12_desktop_app_in_development_fails_web_passes() {
    let s = one(json!({"platform": "desktop"}));
    let mut s = s;
    s.records[0].status = "pengembangan".into();
    fails(Rule::App12, &s, "SIMPUS", "desktop_in_development");
    s.records[0].data.insert("platform".into(), json!("web"));
    assert_eq!(failures(Rule::App12, &s), vec![]);
    s.records[0]
        .data
        .insert("platform".into(), json!("desktop"));
    s.records[0].status = "produksi".into();
    passes(Rule::App12, &s);
}

#[test]
fn app13_monitoring_older_than_the_period_or_missing_fails() {
    fails(
        Rule::App13,
        &one(json!({"last_monev_date": "2025-10-01"})),
        "SIMPUS",
        "evaluation_overdue",
    );
    fails(
        Rule::App13,
        &one(json!({"last_monev_date": null})),
        "SIMPUS",
        "never_evaluated",
    );
    passes(Rule::App13, &one(json!({"last_monev_date": "2026-01-10"})));
}

#[test]
fn app14_app_in_use_needs_policy_and_sop() {
    let mut s = one(json!({}));
    fails(Rule::App14, &s, "SIMPUS", "missing_documents");
    let r = s.records[0].clone();
    docs(&mut s, &r, &[DocType::Kebijakan, DocType::Sop]);
    passes(Rule::App14, &s);
}

#[test]
fn app15_production_without_sla_fails() {
    fails(
        Rule::App15,
        &one(json!({"sla_ref": null})),
        "SIMPUS",
        "no_sla",
    );
    passes(Rule::App15, &one(json!({})));
}

#[test]
fn app16_shared_app_needs_its_legal_basis() {
    fails(
        Rule::App16,
        &one(json!({"shared_from": "Kemendagri"})),
        "SIMPUS",
        "shared_without_legal_basis",
    );
    passes(
        Rule::App16,
        &one(json!({"shared_from": "Kemendagri", "shared_legal_basis": "Permendagri 70/2019"})),
    );
}

#[test]
fn retired_apps_are_not_checked() {
    let mut s = one(json!({"sla_ref": null}));
    s.records[0].status = "dihentikan".into();
    assert_eq!(checked(Rule::App15, &s), 0);
}

#[test]
fn pre_existing_apps_get_the_transitional_period_of_pln8() {
    let mut s = one(json!({"sla_ref": null, "operating_since": "2026-01-01"}));
    s.in_force_on = Some(date!(2026 - 06 - 01));
    let ev = evaluate(&[cfg(Rule::App15), cfg(Rule::Pln8)], &s);
    let (_, c) = ev.failures().next().unwrap();
    assert_eq!(c.grace_until, Some(date!(2027 - 06 - 01)));
    assert!(!c.counts_as_failure());
    // Without PLN-8 in the pack there is no grace.
    let ev = evaluate(&[cfg(Rule::App15)], &s);
    assert!(ev.failures().next().unwrap().1.counts_as_failure());
    // After the period, the failure counts.
    s.today = date!(2027 - 06 - 02);
    let ev = evaluate(&[cfg(Rule::App15), cfg(Rule::Pln8)], &s);
    assert!(ev.failures().next().unwrap().1.counts_as_failure());
}
