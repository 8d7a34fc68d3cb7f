//! Rules over applications (APP-2 … APP-16).

use super::{Check, Detail, Params, Snapshot, Subject, SubjectKind};
use crate::catalogue::{DocType, EntityKind, Record};
use std::collections::HashMap;

pub(super) fn subject(r: &Record, kind: SubjectKind) -> Subject {
    Subject {
        kind,
        id: r.id.to_string(),
        pd: Some(r.pd_id),
        name: r.name.clone(),
    }
}

fn app_subject(r: &Record) -> Subject {
    subject(r, SubjectKind::Application)
}

/// Shared by a central agency (APP-16 governs it instead of APP-2/3/4).
fn shared(r: &Record) -> bool {
    r.text("shared_from").is_some()
}

fn apps(s: &Snapshot) -> impl Iterator<Item = &Record> {
    s.active(EntityKind::Application)
}

/// Own (not shared) apps past the proposal stage.
fn own_apps(s: &Snapshot) -> impl Iterator<Item = &Record> {
    apps(s).filter(|r| !shared(r) && r.status != "usulan")
}

fn in_production(r: &Record) -> bool {
    r.status == "produksi"
}

fn missing_docs(s: &Snapshot, r: &Record, needed: &[DocType]) -> Option<Detail> {
    let missing: Vec<&str> = needed
        .iter()
        .filter(|t| !s.has_doc(r.id, **t))
        .map(|t| t.code())
        .collect();
    (!missing.is_empty()).then(|| Detail::new("missing_documents").arg("docs", missing.join(", ")))
}

/// The builder as messages name it: without the PD Mandiri TIK in the regulation, the code
/// `pd_mandiri_tik` is the PD building its own system (`pd_sendiri`), never "PD Mandiri TIK".
fn builder_shown<'a>(s: &Snapshot, dev: &'a str) -> &'a str {
    if dev == "pd_mandiri_tik" && !s.concepts.pd_mandiri_tik {
        "pd_sendiri"
    } else {
        dev
    }
}

/// APP-2: an app not built by Dinas went through Dinas.
pub(super) fn app2(s: &Snapshot, _: &Params) -> Vec<Check> {
    own_apps(s)
        .map(|r| {
            let outside = r.text("developer") != Some("dinas") && !r.flag("via_dinas");
            Check::when(
                app_subject(r),
                outside.then(|| {
                    Detail::new("not_via_dinas").arg(
                        "developer",
                        builder_shown(s, r.text("developer").unwrap_or("-")),
                    )
                }),
            )
        })
        .collect()
}

/// APP-3: the builder is one the region permits for the app's type and complexity.
pub(super) fn app3(s: &Snapshot, p: &Params) -> Vec<Check> {
    use crate::catalogue::Developer::*;
    own_apps(s)
        .map(|r| {
            let dev = r.text("developer").unwrap_or("");
            let (label, allowed) = match (r.text("app_type"), r.text("complexity")) {
                (Some("umum"), Some("besar")) => (
                    "umum_besar",
                    p.umum_besar.clone().unwrap_or(vec![Dinas, PihakKetiga]),
                ),
                (Some("umum"), _) => (
                    "umum_kecil",
                    p.umum_kecil
                        .clone()
                        .unwrap_or(vec![Dinas, PdMandiriTik, PihakKetiga]),
                ),
                _ => (
                    "khusus",
                    p.khusus
                        .clone()
                        .unwrap_or(vec![Dinas, PdMandiriTik, PihakKetiga]),
                ),
            };
            // The pack's list decides first; the PD's Mandiri TIK status is read only when
            // the regulation has that status (else `pd_mandiri_tik` is the PD building its
            // own system, as Perbup Lima Puluh Kota 47/2018 Pasal 10 lets every OPD do).
            let failure = if !allowed.iter().any(|d| d.code() == dev) {
                Some(
                    Detail::new("builder_not_permitted")
                        .arg("developer", builder_shown(s, dev))
                        .arg("app_type", label),
                )
            } else if dev == "pd_mandiri_tik"
                && s.concepts.pd_mandiri_tik
                && !s.pd(r.pd_id).is_some_and(|d| d.mandiri_tik)
            {
                Some(Detail::new("builder_not_mandiri_tik"))
            } else if dev == "pihak_ketiga"
                && p.pihak_ketiga_only_via_dinas.unwrap_or(true)
                && !r.flag("via_dinas")
            {
                Some(Detail::new("third_party_not_via_dinas"))
            } else {
                None
            };
            Check::when(app_subject(r), failure)
        })
        .collect()
}

/// APP-4: closed source needs the minister's consideration on record.
pub(super) fn app4(s: &Snapshot, _: &Params) -> Vec<Check> {
    own_apps(s)
        .map(|r| {
            let closed = r.text("source_model") == Some("tertutup");
            let considered = r.text("kominfo_consideration_ref").is_some()
                || s.has_doc(r.id, DocType::PertimbanganMenteri);
            Check::when(
                app_subject(r),
                (closed && !considered).then(|| Detail::new("closed_without_consideration")),
            )
        })
        .collect()
}

/// APP-5: an APBD-funded app is open source or licensed.
pub(super) fn app5(s: &Snapshot, _: &Params) -> Vec<Check> {
    apps(s)
        .filter(|r| r.text("funding") == Some("apbd"))
        .map(|r| {
            let bad = r.text("source_model") == Some("tertutup") && r.text("licence").is_none();
            Check::when(
                app_subject(r),
                bad.then(|| Detail::new("apbd_without_licence")),
            )
        })
        .collect()
}

/// APP-6: a Khusus app with the function (reference code) of an Aplikasi Umum needs the
/// cost-benefit study and the minister's consideration.
pub(super) fn app6(s: &Snapshot, _: &Params) -> Vec<Check> {
    let umum: HashMap<&str, &str> = apps(s)
        .filter(|r| r.text("app_type") == Some("umum"))
        .filter_map(|r| Some((r.ref_code.as_deref()?, r.name.as_str())))
        .collect();
    own_apps(s)
        .filter(|r| r.text("app_type") == Some("khusus"))
        .filter_map(|r| Some((r, *umum.get(r.ref_code.as_deref()?)?)))
        .map(|(r, umum_name)| {
            let study = s.has_doc(r.id, DocType::KajianBiayaManfaat);
            let considered = r.text("kominfo_consideration_ref").is_some();
            Check::when(
                app_subject(r),
                (!study || !considered)
                    .then(|| Detail::new("duplicates_umum").arg("umum", umum_name)),
            )
        })
        .collect()
}

/// APP-7: an Aplikasi Khusus has the administrative-reform minister's consideration.
pub(super) fn app7(s: &Snapshot, _: &Params) -> Vec<Check> {
    own_apps(s)
        .filter(|r| r.text("app_type") == Some("khusus"))
        .map(|r| {
            let ok = r.text("panrb_consideration_ref").is_some();
            Check::when(
                app_subject(r),
                (!ok).then(|| Detail::new("khusus_without_panrb")),
            )
        })
        .collect()
}

/// APP-8: an app handed over by a third party carries the handover documents.
pub(super) fn app8(s: &Snapshot, _: &Params) -> Vec<Check> {
    use DocType::*;
    const NEEDED: &[DocType] = &[
        ArsitekturProsesBisnis,
        ArsitekturData,
        ArsitekturAplikasi,
        ArsitekturInfrastruktur,
        KodeSumber,
        ManualOperasional,
        UjiKeamanan,
        UjiKinerja,
        UjiDebugging,
    ];
    own_apps(s)
        .filter(|r| r.text("developer") == Some("pihak_ketiga") && in_production(r))
        .map(|r| Check::when(app_subject(r), missing_docs(s, r, NEEDED)))
        .collect()
}

/// APP-9: a deployed app carries requirements, design, user manual and source code.
pub(super) fn app9(s: &Snapshot, _: &Params) -> Vec<Check> {
    use DocType::*;
    const NEEDED: &[DocType] = &[DokumenKebutuhan, DokumenDesain, ManualPengguna, KodeSumber];
    own_apps(s)
        .filter(|r| in_production(r))
        .map(|r| Check::when(app_subject(r), missing_docs(s, r, NEEDED)))
        .collect()
}

/// APP-11: a PD runs at most one production app per function.
pub(super) fn app11(s: &Snapshot, _: &Params) -> Vec<Check> {
    let key = |r: &Record| {
        r.text("function_label")
            .map(|f| (r.pd_id, f.trim().to_lowercase()))
    };
    let mut groups: HashMap<_, Vec<&Record>> = HashMap::new();
    for r in apps(s).filter(|r| in_production(r)) {
        if let Some(k) = key(r) {
            groups.entry(k).or_default().push(r);
        }
    }
    apps(s)
        .filter(|r| in_production(r))
        .map(|r| {
            let others: Vec<&str> = key(r)
                .and_then(|k| groups.get(&k))
                .map(|g| {
                    g.iter()
                        .filter(|o| o.id != r.id)
                        .map(|o| o.name.as_str())
                        .collect()
                })
                .unwrap_or_default();
            Check::when(
                app_subject(r),
                (!others.is_empty())
                    .then(|| Detail::new("same_function").arg("others", others.join(", "))),
            )
        })
        .collect()
}

/// APP-12: a desktop app being developed further becomes a web app.
pub(super) fn app12(s: &Snapshot, _: &Params) -> Vec<Check> {
    apps(s)
        .filter(|r| r.text("platform") == Some("desktop"))
        .map(|r| {
            let developing = matches!(r.status.as_str(), "usulan" | "pengembangan");
            Check::when(
                app_subject(r),
                developing.then(|| Detail::new("desktop_in_development")),
            )
        })
        .collect()
}

/// APP-13: each app in production was monitored and evaluated within the period.
pub(super) fn app13(s: &Snapshot, p: &Params) -> Vec<Check> {
    let max = p.days(365);
    apps(s)
        .filter(|r| in_production(r))
        .map(|r| {
            let last = r.text("last_monev_date").and_then(super::parse_date);
            let failure = match last {
                None => Some(Detail::new("never_evaluated")),
                Some(d) if s.days_since(d) > max => Some(
                    Detail::new("evaluation_overdue")
                        .arg("last", d)
                        .arg("max_days", max),
                ),
                Some(_) => None,
            };
            Check::when(app_subject(r), failure)
        })
        .collect()
}

/// APP-14: each app in use has its policy document and SOP.
pub(super) fn app14(s: &Snapshot, _: &Params) -> Vec<Check> {
    apps(s)
        .filter(|r| in_production(r))
        .map(|r| {
            Check::when(
                app_subject(r),
                missing_docs(s, r, &[DocType::Kebijakan, DocType::Sop]),
            )
        })
        .collect()
}

/// APP-15: each system in production has an SLA.
pub(super) fn app15(s: &Snapshot, _: &Params) -> Vec<Check> {
    apps(s)
        .filter(|r| in_production(r))
        .map(|r| {
            let ok = r.text("sla_ref").is_some() || s.has_doc(r.id, DocType::Sla);
            Check::when(app_subject(r), (!ok).then(|| Detail::new("no_sla")))
        })
        .collect()
}

/// APP-16: a shared app has its origin agency and legal basis on record.
pub(super) fn app16(s: &Snapshot, _: &Params) -> Vec<Check> {
    apps(s)
        .filter(|r| shared(r))
        .map(|r| {
            let ok = r.text("shared_legal_basis").is_some();
            Check::when(
                app_subject(r),
                (!ok).then(|| Detail::new("shared_without_legal_basis")),
            )
        })
        .collect()
}
