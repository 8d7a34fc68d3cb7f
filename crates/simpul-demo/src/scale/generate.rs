//! One synthetic region generated and validated in memory: its PDs, records and links.

use super::batch::Gen;
use super::pools::pools;
use super::rng::Rng;
use super::{official_domain, synthetic_slug, ScaleSpec};
use serde_json::json;
use simpul_app::{AppError, Result};
use simpul_domain::catalogue::EntityKind;
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::org::ValidPd;
use simpul_store::bulk::{BulkLink, BulkRecord, SyntheticRegion};
use std::collections::HashSet;

/// One region, generated and validated, ready to write.
pub(super) struct Generated {
    pub(super) seed: u32,
    pub(super) region: SyntheticRegion,
    pub(super) pds: Vec<(PdId, ValidPd)>,
    pub(super) records: Vec<BulkRecord>,
    pub(super) links: Vec<BulkLink>,
}

pub(super) fn date(t: time::OffsetDateTime) -> String {
    let d = t.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

pub(super) fn host_label(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// Generates and validates synthetic region `r` (CPU only, no I/O).
pub(super) fn generate(r: u32, spec: ScaleSpec, today: time::OffsetDateTime) -> Result<Generated> {
    let pools = pools()?;
    let slug = synthetic_slug(r);
    let domain = official_domain(r);
    let region = SyntheticRegion {
        id: RegionId::parse(&slug).map_err(AppError::Internal)?,
        name: format!("Kabupaten Sintetis {r:02}"),
        kode_wilayah: format!("99.{r:02}"),
        official_domain: domain.clone(),
    };
    let mut g = Gen {
        rng: Rng::new(u64::from(r)),
        today,
        // Ids: UUID v7 counting up from 2026-01-01 plus one million milliseconds per region,
        // so they are distinct across regions and inserted in key order.
        millis: 1_767_225_600_000u64 + u64::from(r) * 1_000_000,
        records: Vec::new(),
        links: Vec::new(),
        seen: HashSet::new(),
    };
    let mut pds = Vec::new();
    for input in &pools.pd {
        pds.push((PdId(g.id()), input.validate()?));
    }
    let pd_ids: Vec<PdId> = pds.iter().map(|(id, _)| *id).collect();
    let days_ago = |n: u64| today - time::Duration::days(n as i64);

    // Assets first: applications and datasets run on servers.
    let mut servers = Vec::new();
    let mut routers = Vec::new();
    let total_weight: u64 = pools.asset.iter().map(|k| k.weight).sum();
    for i in 0..spec.assets {
        let roll = g.rng.next() % total_weight;
        let mut acc = 0;
        let k = pools
            .asset
            .iter()
            .find(|k| {
                acc += k.weight;
                roll < acc
            })
            .unwrap_or(&pools.asset[0]);
        let (kind, label, refc) = (k.asset_kind.as_str(), &k.label, k.ref_code.as_str());
        let pd = g.rng.below(pools.pd.len());
        let location = match kind {
            "server" if g.rng.chance(70) => "pusat_data",
            "server" if g.rng.chance(30) => "drc",
            "ruang_pusat_data" | "noc" => "pusat_data",
            _ => "pd",
        };
        let status = match g.rng.below(100) {
            0..=2 => "penghapusan",
            3..=5 => "perencanaan",
            6..=9 => "pengadaan",
            _ => "operasi",
        };
        let model = g.rng.pick(&k.models).as_str();
        let acquired = days_ago(30 + g.rng.below(9 * 365) as u64);
        let mut data = json!({
            "asset_kind": kind,
            "location": location,
            "brand_model": model,
            "serial_number": format!("SN{:010}", g.rng.next() % 10_000_000_000),
            "acquired_on": date(acquired),
        });
        if kind == "lisensi_perangkat_lunak" {
            data["licence_expiry"] = json!(date(
                today + time::Duration::days(g.rng.below(700) as i64 - 120)
            ));
        }
        if kind == "server" {
            data["specification"] = json!(format!(
                "{} vCPU, RAM {} GB, penyimpanan {} TB",
                8 << g.rng.below(4),
                32 << g.rng.below(4),
                1 + g.rng.below(20)
            ));
        }
        let name = format!("{label} {} {:05}", pools.pd[pd].short_name, i + 1);
        let retired =
            (status == "penghapusan").then(|| "Rusak berat, diusulkan penghapusan".to_owned());
        let idx = g.record(
            EntityKind::Asset,
            pd_ids[pd],
            &name,
            Some(format!("AST-{:06}", i + 1)),
            status,
            Some(refc),
            None,
            data,
            retired,
        )?;
        match kind {
            "server" => servers.push(idx),
            "router_switch" => routers.push(idx),
            _ => {}
        }
    }
    // The network: every switch to the region's core (the first one), every server to a switch.
    if let Some((&core, rest)) = routers.split_first() {
        for &sw in rest {
            g.link(sw, core, "connected_to");
        }
        for &s in &servers {
            let sw = *g.rng.pick(&routers);
            g.link(s, sw, "connected_to");
        }
    }

    let mut datasets = Vec::new();
    for i in 0..spec.datasets {
        let k = g.rng.pick(&pools.dataset);
        let (base, refc, nature, freq) =
            (&k.name, k.ref_code.as_str(), &k.nature, &k.update_frequency);
        let pd = g.rng.below(pools.pd.len());
        let max = simpul_domain::catalogue::UpdateFrequency::from_code(freq)
            .and_then(|f| f.max_days())
            .unwrap_or(365) as u64;
        // About one in eight is past its update frequency.
        let age = if g.rng.chance(12) {
            max + 1 + g.rng.below(400) as u64
        } else {
            g.rng.below(max as usize + 1) as u64
        };
        let in_pd = g.rng.chance(85);
        let data = json!({
            "walidata": format!("Bidang Statistik, Diskominfo Kabupaten Sintetis {r:02}"),
            "classification": g.rng.pick(&pools.classifications),
            "standard": "Standar Data Statistik Sektoral",
            "format": g.rng.pick(&pools.formats),
            "update_frequency": freq,
            "last_updated": date(days_ago(age)),
            "in_pusat_data": in_pd,
            "dinas_consent": in_pd && g.rng.chance(95),
            "nature": nature,
        });
        let name = format!("{base} {} {:04}", pools.pd[pd].short_name, i + 1);
        let desc = format!("{base} yang dihasilkan oleh {}.", pools.pd[pd].name);
        let idx = g.record(
            EntityKind::Dataset,
            pd_ids[pd],
            &name,
            None,
            "aktif",
            Some(refc),
            Some(&desc),
            data,
            None,
        )?;
        if in_pd && !servers.is_empty() {
            let s = *g.rng.pick(&servers);
            g.link(idx, s, "stored_on");
        }
        datasets.push(idx);
    }

    let mut apps = Vec::new();
    for i in 0..spec.applications {
        let k = g.rng.pick(&pools.application);
        let (base, function, refc) = (&k.name, &k.function_label, k.ref_code.as_str());
        let pd = g.rng.below(pools.pd.len());
        let status = match g.rng.below(100) {
            0..=4 => "usulan",
            5..=14 => "pengembangan",
            15..=22 => "uji",
            23..=27 => "dihentikan",
            _ => "produksi",
        };
        let umum = refc.starts_with("RAA.01");
        let developer = match g.rng.below(100) {
            0..=69 => "dinas",
            70..=79 => "pd_mandiri_tik",
            _ => "pihak_ketiga",
        };
        let source = if g.rng.chance(60) {
            "terbuka"
        } else {
            "tertutup"
        };
        let platform = match g.rng.below(100) {
            0..=79 => "web",
            80..=91 => "mobile",
            _ => "desktop",
        };
        let label = host_label(base);
        let mut data = json!({
            "app_type": if umum { "umum" } else { "khusus" },
            "audience": g.rng.pick(&pools.audiences),
            "developer": developer,
            "via_dinas": developer != "pihak_ketiga" || g.rng.chance(85),
            "source_model": source,
            "platform": platform,
            "function_label": function,
            "url": format!("https://{label}{}.{domain}", i + 1),
            "hosting": g.rng.pick(&pools.hostings),
            "funding": if g.rng.chance(85) { "apbd" } else { "apbn" },
        });
        if umum {
            data["complexity"] = json!(if g.rng.chance(50) { "besar" } else { "kecil" });
        }
        if source == "terbuka" {
            data["licence"] = json!(g.rng.pick(&pools.licences));
        } else if g.rng.chance(80) {
            data["kominfo_consideration_ref"] = json!(format!(
                "B-{}/M.KOMINFO/AP.01.02/{}",
                100 + g.rng.below(900),
                2018 + g.rng.below(8)
            ));
        }
        if g.rng.chance(10) {
            data["operating_pd"] = json!(pd_ids[g.rng.below(pools.pd.len())].to_string());
        }
        if matches!(status, "produksi" | "dihentikan") {
            data["operating_since"] = json!(date(days_ago(200 + g.rng.below(10 * 365) as u64)));
            if g.rng.chance(90) {
                data["last_monev_date"] = json!(date(days_ago(g.rng.below(500) as u64)));
            }
            if g.rng.chance(85) {
                data["sla_ref"] = json!(format!("SLA/{}/{:04}", label.to_uppercase(), i + 1));
            }
        }
        let name = format!("{base} {} {:04}", pools.pd[pd].short_name, i + 1);
        let desc = format!(
            "Aplikasi {} milik {}.",
            function.to_lowercase(),
            pools.pd[pd].name
        );
        let retired = (status == "dihentikan").then(|| "Digantikan aplikasi lain".to_owned());
        let idx = g.record(
            EntityKind::Application,
            pd_ids[pd],
            &name,
            Some(format!("APP-{:05}", i + 1)),
            status,
            Some(refc),
            Some(&desc),
            data,
            retired,
        )?;
        g.link_random(idx, &datasets, 1, 3, "uses_data");
        if !servers.is_empty() && g.rng.chance(80) {
            g.link_random(idx, &servers, 1, 2, "runs_on");
        }
        if !apps.is_empty() && g.rng.chance(10) {
            let other = *g.rng.pick(&apps);
            g.link(idx, other, "integrates_with");
        }
        apps.push(idx);
    }

    let mut services = Vec::new();
    for i in 0..spec.services {
        let k = g.rng.pick(&pools.service);
        let (base, typ, sector, refc) = (&k.name, &k.service_type, &k.sector, k.ref_code.as_str());
        let pd = g.rng.below(pools.pd.len());
        let mut data = json!({"service_type": typ, "sector": sector, "smart_city": g.rng.pick(&pools.smart_city)});
        if typ == "publik" {
            data["url"] = json!(format!("https://layanan{}.{domain}", i + 1));
        }
        let status = if g.rng.chance(90) {
            "operasi"
        } else {
            "perencanaan"
        };
        let name = format!("{base} {} {:04}", pools.pd[pd].short_name, i + 1);
        let idx = g.record(
            EntityKind::Service,
            pd_ids[pd],
            &name,
            None,
            status,
            Some(refc),
            None,
            data,
            None,
        )?;
        g.link_random(idx, &apps, 1, 2, "delivered_by");
        if !services.is_empty() && g.rng.chance(5) {
            let other = *g.rng.pick(&services);
            g.link(idx, other, "integrates");
        }
        services.push(idx);
    }

    for i in 0..spec.processes {
        let k = g.rng.pick(&pools.process);
        let (base, refc) = (&k.name, k.ref_code.as_str());
        let pd = g.rng.below(pools.pd.len());
        let status = if g.rng.chance(85) {
            "ditetapkan"
        } else {
            "draf"
        };
        let name = format!("{base} {} {:03}", pools.pd[pd].short_name, i + 1);
        let idx = g.record(EntityKind::BusinessProcess, pd_ids[pd], &name, None, status, Some(refc), None, json!({"legal_basis": format!("Peraturan Bupati Sintetis {r:02} Nomor {} Tahun 2024", i + 1)}), None)?;
        g.link_random(idx, &services, 2, 3, "realised_by");
    }

    for i in 0..spec.domains {
        let app = if apps.is_empty() {
            None
        } else {
            Some(*g.rng.pick(&apps))
        };
        let pd = g.rng.below(pools.pd.len());
        let purpose = g.rng.pick(&pools.domain_purposes);
        let label = app
            .map(|a| host_label(g.records[a].record.name.split(' ').next().unwrap_or("app")))
            .unwrap_or_else(|| "situs".into());
        // About one in twenty lies outside the official domain (DOM-1).
        let host = if g.rng.chance(5) {
            format!("{label}{}-{slug}.com", i + 1)
        } else {
            format!("{label}{}.{domain}", i + 1)
        };
        let status = if g.rng.chance(95) {
            "aktif"
        } else {
            "nonaktif"
        };
        let idx = g.record(
            EntityKind::Domain,
            pd_ids[pd],
            &host,
            None,
            status,
            None,
            None,
            json!({"host": host, "purpose": purpose}),
            None,
        )?;
        if let Some(a) = app {
            g.link(idx, a, "serves");
        }
    }

    // LAN diagrams (INF-5), LAN changes and backup reports (DAT-7), per PD.
    let year = today.year();
    for (p, pd) in pd_ids.iter().enumerate() {
        let short = &pools.pd[p].short_name;
        for back in 0..3 {
            if g.rng.chance(if back == 0 { 60 } else { 50 }) {
                let y = year - back;
                let submitted = if back == 0 {
                    days_ago(g.rng.below(300) as u64)
                } else {
                    days_ago((back as u64) * 365 + g.rng.below(200) as u64)
                };
                g.record(
                    EntityKind::LanDiagram,
                    *pd,
                    &format!("Diagram LAN {short} {y}"),
                    None,
                    "diterima",
                    None,
                    None,
                    json!({"year": y, "submitted_on": date(submitted)}),
                    None,
                )?;
            }
        }
        if g.rng.chance(30) {
            let data = json!({"changed_on": date(days_ago(g.rng.below(365) as u64)), "summary": "Penambahan switch akses dan access point; VLAN tamu dipisahkan."});
            g.record(
                EntityKind::LanChange,
                *pd,
                &format!("Perubahan LAN {short}"),
                None,
                "dilaporkan",
                None,
                None,
                data,
                None,
            )?;
        }
        if g.rng.chance(40) {
            for m in 0..12u64 {
                let d = days_ago(m * 30 + g.rng.below(10) as u64);
                let result = if g.rng.chance(95) {
                    "berhasil"
                } else {
                    "gagal"
                };
                let data = json!({"backup_date": date(d), "result": result, "to_pusat_data": true, "volume": format!("{} GB", 10 + g.rng.below(500))});
                g.record(
                    EntityKind::BackupReport,
                    *pd,
                    &format!("Laporan backup {short} {}", date(d)),
                    None,
                    "dilaporkan",
                    None,
                    None,
                    data,
                    None,
                )?;
            }
        }
    }
    Ok(Generated {
        seed: r,
        region,
        pds,
        records: g.records,
        links: g.links,
    })
}
