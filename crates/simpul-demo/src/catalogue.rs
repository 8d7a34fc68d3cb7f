//! The Kota Metro demo catalogue (issue 3): a realistic register of the kinds of applications,
//! services, business processes, datasets, infrastructure, domains, LAN diagrams and backup
//! reports a Pemerintah Kota runs, spread over the 30 demo Perangkat Daerah of
//! `regions/demo/metro-pd.toml`. The records are data files of `regions/demo/`
//! (`assets.toml`, `applications.toml`, `datasets.toml`, `services.toml`, `processes.toml`,
//! `domains.toml`, `lan.toml`, `backups.toml`; see [`crate::data`]); links are the fields
//! naming other records (`runs_on`, `applications`, `stored_on`, …). Everything goes through
//! the use cases ([`App::create_record`], [`App::link_records`], [`App::retire_record`]) as the
//! system actor `demo`, so it is validated and audited like any user input. All names of
//! officials, decree numbers, serial numbers and contract references are FICTIONAL.
//!
//! Dates are relative to the day of seeding (today minus N days, given to [`seed_catalogue`];
//! [`crate::seed`] takes Metro's today), so the gaps below hold on the day the demo is
//! created; a demo database left for weeks drifts (daily datasets go stale). Some names carry
//! those dates too (`Laporan backup {pd} {date}`, `Diagram LAN {pd} {year}`), so the seeded
//! records are the same only for the same day of seeding.
//!
//! Volumes: 59 applications (two retired), 34 services, 12 business processes, 48 datasets,
//! 115 infrastructure assets (one retired), 39 domains, 29 LAN diagrams, 3 LAN change reports,
//! 21 backup reports and 309 links; about 715 audit entries in all.
//!
//! # Deliberate compliance gaps
//!
//! Most records are compliant, so that these stand out. The compliance engine (next issue)
//! should find exactly these, each with the obligation id of `OBLIGATIONS.md`. Some
//! obligations come from another region's regulation (e.g. APP-11 is LPK-13.6, INF-5 is MGR-16,
//! DAT-7 is MGR-10); Metro's rule pack may not enable them, but the data is here for the
//! regions whose packs do. `tests/catalogue.rs` checks each row the way the engine will,
//! so the demo stays as documented here.
//!
//! | obligation | record (code or name) | gap |
//! |---|---|---|
//! | APP-2 | `SIMRS` (RSUD-AY), `EBPHTB` (BAPENDA) | built by `pihak_ketiga` and `via_dinas = false` |
//! | APP-3 | `SIPARKIR` (DISHUB) | Aplikasi Khusus with developer `pd_mandiri_tik`, but DISHUB is not a PD Mandiri TIK |
//! | APP-4 | `SIMPATDA` (BAPENDA), `EPARLEMEN` (SETWAN) | closed source (`tertutup`), not shared, no `kominfo_consideration_ref` |
//! | APP-11 | `SIPD` and `EPLANNING` (BAPPELITBANGDA) | two production apps with function_label "Perencanaan pembangunan daerah" |
//! | APP-12 | `AGENDA` (SETDA) | desktop app in status `pengembangan` |
//! | APP-13 | `ESAKIP` (SETDA), `EBANSOS` (DINSOS) | `last_monev_date` more than a year ago |
//! | APP-13 | `SIMDIKLAT` (BKPSDM) | no `last_monev_date` at all |
//! | APP-15 | `ANTREAN` (RSUD-AY), `SITRANTIB` (SATPOLPP) | in production without `sla_ref` |
//! | DOM-1, DOM-2 | `dinkes-metro.com` (DINKES), `sikdametro.go.id` (DINKES), `ppdbmetro.id` (DISDIKBUD) | host outside `metrokota.go.id` |
//! | DOM-3 | DINKES (its only website is `dinkes-metro.com`), KESBANGPOL, DPPKB, DISPORA, the five kecamatan | no active website domain under `metrokota.go.id` |
//! | DAT-2 | "Data Harga Kebutuhan Pokok Harian" (DISDAG, harian, 20 days old), "Data Realisasi Pendapatan Daerah" (BAPENDA, bulanan, 150 days), "Data Produksi Padi dan Palawija" (DPP, triwulanan, 200 days), "Data Jalan Kota" (DPUPR, tahunan, 800 days) | `last_updated` older than the update frequency allows |
//! | DAT-3 | "Data Rekam Medis Pasien" (RSUD-AY), "Data Wajib Pajak Daerah" (BAPENDA), "Data Jalan Kota" (DPUPR) | `in_pusat_data = false` |
//! | DAT-3 | "Data Kunjungan Pasien Puskesmas" (DINKES) | in the Pusat Data without `dinas_consent` |
//! | INF-5 | DINKES, DLH, DPP, KEC-METROUTARA (last diagram last year), DISHUB, BPBD (two years ago), SATPOLPP (three years ago) | no LAN diagram this year, only an old one |
//! | INF-5 | SETWAN, KESBANGPOL, DISPORA, DPPKB, KEC-METROBARAT, KEC-METROTIMUR, KEC-METROSELATAN | no LAN diagram at all |
//! | DAT-7 | DINSOS, DPUPR, DISHUB | last backup report more than 6 months old |
//! | DAT-7 | RSUD-AY | recent backups go to its own NAS (`to_pusat_data = false`), the latest one failed |
//! | DAT-7 | every PD without an entry in `backups.toml` (15 PDs, e.g. SETWAN, DLH, the kecamatan) | no backup report at all |
//!
//! Not gaps, on purpose: applications shared by central agencies (`shared_from` and
//! `shared_legal_basis` set: SIPD, SRIKANDI, SPSE, SIAK, OSS-RBA, Dapodik, …) are closed source
//! without a Kominfo consideration and are deployed "by Dinas" (`developer = dinas`); APP-16
//! governs them, not APP-2/APP-3/APP-4. Their URLs are on the agencies' own domains, which are
//! not the region's domains and so are not registered as domain records. One licence
//! (`LIC-03`, antivirus) expired two months ago, for a later licence-expiry check.

use crate::data::{self, RelativeDate};
use serde_json::{json, Map, Value};
use simpul_app::{Actor, App, AppError, Result};
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_domain::ids::{PdId, RecordId};
use std::collections::HashMap;

/// What the catalogue seeding created.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CatalogueSeedReport {
    pub records: usize,
    pub links: usize,
}

fn fmt_date(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// Seeds the Kota Metro demo catalogue as `actor` (the demo system actor), with its relative
/// dates counted back from `today`. Called once by [`crate::seed_on`] right after the
/// Perangkat Daerah exist.
pub async fn seed_catalogue(
    app: &App,
    actor: &Actor,
    today: time::Date,
) -> Result<CatalogueSeedReport> {
    app.ensure_ref_codes().await?;
    let pds: HashMap<String, PdId> = app
        .all_pds(actor)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect();
    let mut s = Seeder {
        app,
        actor,
        pds,
        ids: HashMap::new(),
        today,
        report: CatalogueSeedReport::default(),
    };
    s.run(&data::catalogue()?).await?;
    Ok(s.report)
}

struct Seeder<'a> {
    app: &'a App,
    actor: &'a Actor,
    pds: HashMap<String, PdId>,
    /// Records by key: application and asset codes, service, process and dataset names, hosts.
    ids: HashMap<String, RecordId>,
    today: time::Date,
    report: CatalogueSeedReport,
}

/// The fields of one record besides its kind and data.
struct Head<'a> {
    key: &'a str,
    pd: &'a str,
    name: &'a str,
    code: Option<&'a str>,
    status: &'a str,
    ref_code: Option<&'a str>,
    description: Option<&'a str>,
}

impl<'a> Head<'a> {
    /// A record with a code, found by it.
    fn coded(
        code: &'a str,
        name: &'a str,
        pd: &'a str,
        status: &'a str,
        ref_code: &'a str,
    ) -> Self {
        Head {
            key: code,
            code: Some(code),
            ..Head::named(name, pd, status, Some(ref_code))
        }
    }

    /// A record without a code, found by its name.
    fn named(name: &'a str, pd: &'a str, status: &'a str, ref_code: Option<&'a str>) -> Self {
        Head {
            key: name,
            pd,
            name,
            code: None,
            status,
            ref_code,
            description: None,
        }
    }

    /// A record that no other record links to.
    fn unkeyed(pd: &'a str, name: &'a str, status: &'a str) -> Self {
        Head {
            key: "",
            ..Head::named(name, pd, status, None)
        }
    }
}

impl Seeder<'_> {
    fn pd(&self, code: &str) -> Result<PdId> {
        self.pds
            .get(code)
            .copied()
            .ok_or_else(|| AppError::Internal(format!("demo catalogue: unknown PD {code}")))
    }

    fn id(&self, key: &str) -> Result<RecordId> {
        self.ids
            .get(key)
            .copied()
            .ok_or_else(|| AppError::Internal(format!("demo catalogue: no record {key}")))
    }

    fn ago(&self, days: i64) -> String {
        fmt_date(self.today - time::Duration::days(days))
    }

    fn date(&self, d: RelativeDate) -> String {
        match d {
            RelativeDate::DaysAgo { days_ago } => self.ago(days_ago),
            RelativeDate::YearsAhead {
                years_ahead,
                month,
                day,
            } => format!("{}-{month:02}-{day:02}", self.today.year() + years_ahead),
        }
    }

    /// A date in `year`, on `month`/`day` or today if that is later than today.
    fn in_year(&self, year: i32, month: u8, day: u8) -> String {
        let m = time::Month::try_from(month).unwrap_or(time::Month::January);
        let d = time::Date::from_calendar_date(year, m, day).unwrap_or(self.today);
        fmt_date(d.min(self.today))
    }

    async fn add(&mut self, kind: EntityKind, h: Head<'_>, data: Value) -> Result<RecordId> {
        let input = RecordInput {
            pd_id: self.pd(h.pd)?.to_string(),
            name: h.name.to_owned(),
            code: h.code.map(str::to_owned),
            status: h.status.to_owned(),
            ref_code: h.ref_code.map(str::to_owned),
            description: h.description.map(str::to_owned),
            data: obj(data),
        };
        let r = self.app.create_record(self.actor, kind, &input).await?;
        self.report.records += 1;
        if !h.key.is_empty() {
            self.ids.insert(h.key.to_owned(), r.id);
        }
        Ok(r.id)
    }

    async fn link(&mut self, from: &str, to: &str) -> Result<()> {
        let (a, b) = (self.id(from)?, self.id(to)?);
        self.app.link_records(self.actor, a, b).await?;
        self.report.links += 1;
        Ok(())
    }

    async fn link_all(&mut self, from: &str, to: &[String]) -> Result<()> {
        for t in to {
            self.link(from, t).await?;
        }
        Ok(())
    }

    async fn retire(&mut self, key: &str, reason: &str) -> Result<()> {
        let id = self.id(key)?;
        self.app.retire_record(self.actor, id, Some(reason)).await?;
        Ok(())
    }

    async fn run(&mut self, c: &data::Catalogue) -> Result<()> {
        self.assets(&c.assets).await?;
        self.applications(&c.applications, &c.integrations).await?;
        self.datasets(c).await?;
        self.services(&c.services).await?;
        self.processes(&c.processes).await?;
        self.domains(&c.domains).await?;
        self.lan_and_backups(c).await?;
        Ok(())
    }

    async fn assets(&mut self, list: &[data::Asset]) -> Result<()> {
        for a in list {
            let mut data = json!({
                "asset_kind": a.asset_kind,
                "location": a.location,
                "brand_model": a.brand_model,
                "specification": a.specification,
                "acquired_on": a.acquired_on,
                "serial_number": format!("MTR-{}-{}", a.acquired_on.get(..4).unwrap_or(""), a.code),
            });
            if let Some(e) = a.licence_expiry {
                data["licence_expiry"] = json!(self.date(e));
            }
            let head = Head::coded(&a.code, &a.name, &a.pd, &a.status, &a.ref_code);
            self.add(EntityKind::Asset, head, data).await?;
        }
        for a in list {
            if let Some(to) = &a.connected_to {
                self.link(&a.code, to).await?;
            }
        }
        for a in list {
            if let Some(reason) = &a.retired_reason {
                self.retire(&a.code, reason).await?;
            }
        }
        Ok(())
    }

    async fn applications(
        &mut self,
        apps: &[data::Application],
        integrations: &[data::Integration],
    ) -> Result<()> {
        for a in apps {
            let mut data = json!({
                "app_type": a.app_type,
                "audience": a.audience,
                "developer": a.developer,
                "via_dinas": a.via_dinas,
                "source_model": a.source_model,
                "platform": a.platform,
                "function_label": a.function_label,
                "hosting": a.hosting,
                "funding": a.funding,
            });
            let optional = [
                ("complexity", &a.complexity),
                ("licence", &a.licence),
                ("url", &a.url),
                ("shared_from", &a.shared_from),
                ("shared_legal_basis", &a.shared_legal_basis),
            ];
            for (k, v) in optional {
                if let Some(v) = v {
                    data[k] = json!(v);
                }
            }
            if let Some(op) = &a.operating_pd {
                data["operating_pd"] = json!(self.pd(op)?.to_string());
            }
            if let Some(r) = &a.kominfo_consideration_ref {
                data["kominfo_consideration_ref"] = json!(r);
                data["kominfo_consideration_date"] = json!(a.operating_since);
            }
            let production = a.status == "produksi";
            if production && a.sla {
                let year = self.today.year() - 1;
                data["sla_ref"] = json!(format!("SLA {}/DISKOMINFO/{year}", a.code));
            }
            if production || a.retired_reason.is_some() {
                data["operating_since"] = json!(a.operating_since);
                if let Some(n) = a.last_monev_days_ago {
                    data["last_monev_date"] = json!(self.ago(n));
                }
            }
            let head = Head {
                description: Some(&a.description),
                ..Head::coded(&a.code, &a.name, &a.pd, &a.status, &a.ref_code)
            };
            self.add(EntityKind::Application, head, data).await?;
            self.link_all(&a.code, &a.runs_on).await?;
            if let Some(reason) = &a.retired_reason {
                self.retire(&a.code, reason).await?;
            }
        }
        for i in integrations {
            self.link(&i.from, &i.to).await?;
        }
        Ok(())
    }

    async fn datasets(&mut self, c: &data::Catalogue) -> Result<()> {
        for ds in &c.datasets {
            let mut data = json!({
                "walidata": c.walidata,
                "classification": ds.classification,
                "format": ds.format,
                "update_frequency": ds.update_frequency,
                "last_updated": self.ago(ds.last_updated_days_ago),
                "in_pusat_data": ds.in_pusat_data,
                "dinas_consent": ds.dinas_consent,
                "nature": ds.nature,
            });
            if ds.nature != "transaksional" {
                data["standard"] = json!(c.standard);
            }
            let desc = format!("Produsen data: {}.", ds.pd);
            let head = Head {
                description: Some(&desc),
                ..Head::named(&ds.name, &ds.pd, "aktif", Some(&ds.ref_code))
            };
            self.add(EntityKind::Dataset, head, data).await?;
            if let Some(asset) = &ds.stored_on {
                self.link(&ds.name, asset).await?;
            }
            for app in &ds.applications {
                self.link(app, &ds.name).await?;
            }
        }
        Ok(())
    }

    async fn services(&mut self, services: &[data::Service]) -> Result<()> {
        for sv in services {
            let mut data = json!({"service_type": sv.service_type, "sector": sv.sector, "smart_city": sv.smart_city});
            if let Some(u) = &sv.url {
                data["url"] = json!(u);
            }
            let head = Head::named(&sv.name, &sv.pd, "operasi", Some(&sv.ref_code));
            self.add(EntityKind::Service, head, data).await?;
            self.link_all(&sv.name, &sv.applications).await?;
        }
        for sv in services {
            self.link_all(&sv.name, &sv.integrates).await?;
        }
        Ok(())
    }

    async fn processes(&mut self, processes: &[data::Process]) -> Result<()> {
        for p in processes {
            let head = Head::named(&p.name, &p.pd, &p.status, Some(&p.ref_code));
            let data = json!({"legal_basis": p.legal_basis});
            self.add(EntityKind::BusinessProcess, head, data).await?;
            self.link_all(&p.name, &p.services).await?;
        }
        Ok(())
    }

    async fn domains(&mut self, domains: &[data::Domain]) -> Result<()> {
        for dm in domains {
            let head = Head::named(&dm.host, &dm.pd, "aktif", None);
            let data = json!({"host": dm.host, "purpose": dm.purpose});
            self.add(EntityKind::Domain, head, data).await?;
            self.link_all(&dm.host, &dm.applications).await?;
        }
        Ok(())
    }

    async fn lan_and_backups(&mut self, c: &data::Catalogue) -> Result<()> {
        let year = self.today.year();
        for l in &c.lan_diagrams {
            let y = year - l.years_ago;
            let submitted = self.in_year(y, l.submitted_month, l.submitted_day);
            let name = format!("Diagram LAN {} {y}", l.pd);
            let data = json!({"year": y, "submitted_on": submitted});
            let head = Head::unkeyed(&l.pd, &name, &l.status);
            self.add(EntityKind::LanDiagram, head, data).await?;
        }
        for l in &c.lan_changes {
            let data = json!({"changed_on": self.ago(l.changed_days_ago), "summary": l.summary});
            let head = Head::unkeyed(&l.pd, &l.title, "dilaporkan");
            self.add(EntityKind::LanChange, head, data).await?;
        }
        for b in &c.backups {
            let date = self.ago(b.days_ago);
            let name = format!("Laporan backup {} {date}", b.pd);
            let data = json!({"backup_date": date, "result": b.result, "to_pusat_data": b.to_pusat_data, "volume": b.volume});
            let head = Head::unkeyed(&b.pd, &name, "dilaporkan");
            self.add(EntityKind::BackupReport, head, data).await?;
        }
        Ok(())
    }
}
