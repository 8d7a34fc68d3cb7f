//! Rules over domains, datasets and each Perangkat Daerah (DOM, DAT, INF-5, ORG-5/6, PLN-7).

use super::checks_app::subject;
use super::{parse_date, Check, Detail, Params, PlanKind, Snapshot, Subject, SubjectKind};
use crate::catalogue::{EntityKind, Record, UpdateFrequency};
use crate::org::PerangkatDaerah;

fn pd_subject(p: &PerangkatDaerah) -> Subject {
    Subject {
        kind: SubjectKind::Pd,
        id: p.id.to_string(),
        pd: Some(p.id),
        name: p.short_name.clone(),
    }
}

/// Whether a host is the official domain or one of its subdomains.
pub(super) fn under_official(host: &str, official: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == official || host.ends_with(&format!(".{official}"))
}

fn outside_domains<'a>(s: &'a Snapshot, official: &'a str) -> impl Iterator<Item = &'a Record> {
    s.active(EntityKind::Domain)
        .filter(move |d| !under_official(d.text("host").unwrap_or(""), official))
}

// The domain rules check the domain named by the pack being applied (`Params::domain`), not
// the region's own: the finding quotes that pack's article ("... terintegrasi dengan domain
// www.limapuluhkotakab.go.id"), and a check that quotes one domain while testing another
// would cite a text that does not say what was tested. Under the region's own pack both are
// the same domain; an administrator who applies another region's pack asks, in effect,
// "how would we fare under that regulation as written", domain included.

/// DOM-1: every domain a PD uses is under the official domain.
pub(super) fn dom1(s: &Snapshot, p: &Params) -> Vec<Check> {
    let official = p.domain_or(&s.official_domain);
    s.active(EntityKind::Domain)
        .map(|d| {
            let ok = under_official(d.text("host").unwrap_or(""), official);
            Check::when(
                subject(d, SubjectKind::Domain),
                (!ok).then(|| Detail::new("outside_official_domain").arg("official", official)),
            )
        })
        .collect()
}

/// DOM-2: a PD with a subdomain not integrated with the official domain.
pub(super) fn dom2(s: &Snapshot, params: &Params) -> Vec<Check> {
    let official = params.domain_or(&s.official_domain);
    s.pds
        .iter()
        .map(|p| {
            let hosts: Vec<&str> = outside_domains(s, official)
                .filter(|d| d.pd_id == p.id)
                .map(|d| d.name.as_str())
                .collect();
            Check::when(
                pd_subject(p),
                (!hosts.is_empty()).then(|| {
                    Detail::new("pd_domain_not_integrated").arg("hosts", hosts.join(", "))
                }),
            )
        })
        .collect()
}

/// DOM-3: each PD runs a website under the official domain.
pub(super) fn dom3(s: &Snapshot, params: &Params) -> Vec<Check> {
    let official = params.domain_or(&s.official_domain);
    s.pds
        .iter()
        .map(|p| {
            let ok = s.active(EntityKind::Domain).any(|d| {
                d.pd_id == p.id
                    && d.text("purpose") == Some("website")
                    && under_official(d.text("host").unwrap_or(""), official)
            });
            Check::when(
                pd_subject(p),
                (!ok).then(|| Detail::new("no_website").arg("official", official)),
            )
        })
        .collect()
}

/// DAT-2: a dataset is updated within its update frequency.
pub(super) fn dat2(s: &Snapshot, _: &Params) -> Vec<Check> {
    s.active(EntityKind::Dataset)
        .filter_map(|d| {
            let freq = d
                .text("update_frequency")
                .and_then(UpdateFrequency::from_code)?;
            let max = i64::from(freq.max_days()?);
            let last = d.text("last_updated").and_then(parse_date);
            let failure = match last {
                None => Some(Detail::new("never_updated").arg("frequency", freq.code())),
                Some(l) if s.days_since(l) > max => Some(
                    Detail::new("update_overdue")
                        .arg("last", l)
                        .arg("frequency", freq.code()),
                ),
                Some(_) => None,
            };
            Some(Check::when(subject(d, SubjectKind::Dataset), failure))
        })
        .collect()
}

/// DAT-3: data is kept in the Pusat Data, which Dinas manages with the owning PD's consent.
pub(super) fn dat3(s: &Snapshot, _: &Params) -> Vec<Check> {
    s.active(EntityKind::Dataset)
        .map(|d| {
            let failure = if !d.flag("in_pusat_data") {
                Some(Detail::new("not_in_pusat_data"))
            } else if !d.flag("dinas_consent") {
                Some(Detail::new("no_consent"))
            } else {
                None
            };
            Check::when(subject(d, SubjectKind::Dataset), failure)
        })
        .collect()
}

/// DAT-7: each PD's latest backup to the Pusat Data succeeded within the period.
pub(super) fn dat7(s: &Snapshot, p: &Params) -> Vec<Check> {
    let max = p.days(183);
    s.pds
        .iter()
        .map(|pd| {
            let mut reports: Vec<(time::Date, &Record)> = s
                .active(EntityKind::BackupReport)
                .filter(|b| b.pd_id == pd.id)
                .filter_map(|b| Some((b.text("backup_date").and_then(parse_date)?, b)))
                .collect();
            reports.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
            let good = reports.iter().find(|(d, b)| {
                b.flag("to_pusat_data")
                    && b.text("result") == Some("berhasil")
                    && s.days_since(*d) <= max
            });
            let failure = match (good, reports.first()) {
                (Some(_), _) => None,
                (None, None) => Some(Detail::new("no_backup")),
                (None, Some((d, b))) if !b.flag("to_pusat_data") => {
                    Some(Detail::new("backup_not_to_pusat_data").arg("last", d))
                }
                (None, Some((d, b))) if b.text("result") != Some("berhasil") => {
                    Some(Detail::new("backup_failed").arg("last", d))
                }
                (None, Some((d, _))) => Some(
                    Detail::new("backup_overdue")
                        .arg("last", d)
                        .arg("max_days", max),
                ),
            };
            Check::when(pd_subject(pd), failure)
        })
        .collect()
}

/// INF-5: each PD submitted a LAN diagram within the year.
pub(super) fn inf5(s: &Snapshot, p: &Params) -> Vec<Check> {
    let max = p.days(366);
    let year = i64::from(s.today.year());
    s.pds
        .iter()
        .map(|pd| {
            let diagrams: Vec<&Record> = s
                .records
                .iter()
                .filter(|l| {
                    l.kind == EntityKind::LanDiagram && l.pd_id == pd.id && l.status != "ditolak"
                })
                .collect();
            let current = diagrams.iter().any(|l| {
                l.data.get("year").and_then(|y| y.as_i64()) == Some(year)
                    || l.text("submitted_on")
                        .and_then(parse_date)
                        .is_some_and(|d| s.days_since(d) <= max)
            });
            let last = diagrams
                .iter()
                .filter_map(|l| l.data.get("year")?.as_i64())
                .max();
            let failure = match (current, last) {
                (true, _) => None,
                (false, None) => Some(Detail::new("no_lan_diagram")),
                (false, Some(y)) => Some(Detail::new("lan_diagram_overdue").arg("year", y)),
            };
            Check::when(pd_subject(pd), failure)
        })
        .collect()
}

/// ORG-5 and ORG-6: each PD has ICT technicians / competent ICT staff.
pub(super) fn ict_staff(s: &Snapshot, technicians: bool) -> Option<Vec<Check>> {
    let staff = s.ict_staff.as_ref()?;
    Some(
        s.pds
            .iter()
            .map(|p| {
                let st = staff.get(&p.id).cloned().unwrap_or_default();
                let (n, key) = if technicians {
                    (st.technicians, "no_ict_technician")
                } else {
                    (st.competent, "no_competent_ict_staff")
                };
                Check::when(pd_subject(p), (n == 0).then(|| Detail::new(key)))
            })
            .collect(),
    )
}

/// PLN-7: each PD has its operational SOPs.
pub(super) fn pln7(s: &Snapshot, _: &Params) -> Option<Vec<Check>> {
    let plans = s.plans.as_ref()?;
    Some(
        s.pds
            .iter()
            .map(|p| {
                let ok = plans
                    .iter()
                    .any(|d| d.kind == PlanKind::Sop && d.pd == Some(p.id));
                Check::when(pd_subject(p), (!ok).then(|| Detail::new("no_sop")))
            })
            .collect(),
    )
}
