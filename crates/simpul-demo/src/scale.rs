//! `simpul demo --scale N`: a synthetic province of N kabupaten for benchmarks, each with
//! about 2,000 applications and 20,000 infrastructure assets plus services, business
//! processes, datasets, domains, LAN diagrams, backup reports and their links in the
//! proportions of a real region, spread over 30 Perangkat Daerah.
//!
//! Regions are `sintetis01`, `sintetis02`, … ("Kabupaten Sintetis 01", kode wilayah `99.01`,
//! domain `sintetis01kab.go.id`), each with an administrator account `admin.sintetis01`
//! (password [`crate::password`]). Generation is deterministic: region `r` always
//! gets the same names, fields and links (xorshift seeded with `r`; ids are UUID v7 built from
//! the same generator); only the dates follow the day of generation.
//!
//! Loading bypasses the per-record use cases for speed: every record is still validated by
//! [`RecordInput::validate`] and its search text computed by
//! [`records::stored_search_text`](simpul_store::records::stored_search_text) (in
//! [`bulk::insert_records`]), but a
//! region is written with multi-row INSERTs in one transaction ([`simpul_store::bulk`]) that
//! also appends ONE audit entry summarising what was generated, so the audit chain stays
//! valid; at the end the planner statistics are refreshed ([`bulk::optimize`]). Regions that
//! already exist are skipped, so `--scale 25` after `--scale 10` adds 11–25.

use serde::Deserialize;
use serde_json::{json, Map, Value};
use simpul_app::{Actor, App, AppError, Result};
use simpul_domain::catalogue::{EntityKind, RecordInput};
use simpul_domain::ids::{PdId, RecordId, RegionId};
use simpul_domain::org::{PdInput, ValidPd};
use simpul_domain::user::UserInput;
use simpul_store::bulk::{self, BulkLink, BulkRecord, SyntheticRegion};
use simpul_store::{audit, commit};
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// How much one synthetic region holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleSpec {
    pub applications: usize,
    pub services: usize,
    pub processes: usize,
    pub datasets: usize,
    pub assets: usize,
    pub domains: usize,
}

impl ScaleSpec {
    /// The benchmark size of one region.
    pub const REGION: ScaleSpec = ScaleSpec {
        applications: 2_000,
        services: 1_500,
        processes: 250,
        datasets: 2_000,
        assets: 20_000,
        domains: 1_200,
    };

    /// The same proportions, divided by `d` (for tests).
    pub fn divided_by(self, d: usize) -> ScaleSpec {
        let f = |n: usize| (n / d).max(2);
        ScaleSpec {
            applications: f(self.applications),
            services: f(self.services),
            processes: f(self.processes),
            datasets: f(self.datasets),
            assets: f(self.assets),
            domains: f(self.domains),
        }
    }
}

/// What happened to one synthetic region.
#[derive(Debug, Clone)]
pub struct RegionLoad {
    pub region: RegionId,
    /// False when the region already existed and was left alone.
    pub created: bool,
    pub records: usize,
    pub links: usize,
    /// Time to generate (in parallel with the previous region's insert) and to write.
    pub generate: Duration,
    pub write: Duration,
}

/// The slug of synthetic region `r` (1-based).
pub fn synthetic_slug(r: u32) -> String {
    format!("sintetis{r:02}")
}

/// The administrator account of synthetic region `r`.
pub fn synthetic_admin(r: u32) -> String {
    format!("admin.{}", synthetic_slug(r))
}

/// Creates synthetic regions `1..=n` that do not exist yet, calling `progress` after each.
pub async fn seed_scale(
    app: &App,
    n: u32,
    spec: ScaleSpec,
    mut progress: impl FnMut(&RegionLoad),
) -> Result<Vec<RegionLoad>> {
    let today = simpul_domain::now_utc();
    let mut out = Vec::new();
    let mut todo = Vec::new();
    for r in 1..=n {
        let region = RegionId::parse(&synthetic_slug(r)).map_err(AppError::Internal)?;
        if simpul_store::regions::get(&mut *app.store.read().await?, &region)
            .await?
            .is_some()
        {
            let load = RegionLoad {
                region,
                created: false,
                records: 0,
                links: 0,
                generate: Duration::ZERO,
                write: Duration::ZERO,
            };
            progress(&load);
            out.push(load);
        } else {
            todo.push(r);
        }
    }
    // Generate region r+1 on a blocking thread while region r is written.
    let spawn = |r: u32| {
        tokio::task::spawn_blocking(move || {
            let t = Instant::now();
            let g = generate(r, spec, today);
            (t.elapsed(), g)
        })
    };
    let mut next = todo.first().map(|r| spawn(*r));
    for (i, r) in todo.iter().enumerate() {
        let Some(handle) = next.take() else { break };
        let (generate_time, generated) = handle
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let generated = generated?;
        next = todo.get(i + 1).map(|r| spawn(*r));
        let t = Instant::now();
        let (records, links) = write_region(app, &generated).await?;
        create_synthetic_admin(app, *r, &generated.region.id).await?;
        let load = RegionLoad {
            region: generated.region.id.clone(),
            created: true,
            records,
            links,
            generate: generate_time,
            write: t.elapsed(),
        };
        progress(&load);
        out.push(load);
    }
    if !todo.is_empty() {
        bulk::optimize(&app.store).await?;
    }
    Ok(out)
}

async fn write_region(app: &App, g: &Generated) -> Result<(usize, usize)> {
    let now = simpul_domain::now_str();
    let region = &g.region.id;
    let mut tx = app.store.begin().await?;
    if !bulk::insert_synthetic_region(&mut tx, &g.region, &now).await? {
        return Err(AppError::Conflict("region"));
    }
    bulk::insert_pds(&mut tx, region, &g.pds, &now).await?;
    let t = Instant::now();
    let records = bulk::insert_records(&mut tx, region, &g.records).await? as usize;
    let t_records = t.elapsed();
    let links = bulk::insert_links(&mut tx, region, &g.links, &now).await? as usize;
    let t_links = t.elapsed() - t_records;
    let mut per_kind = BTreeMap::new();
    for r in &g.records {
        *per_kind.entry(r.kind.code()).or_insert(0usize) += 1;
    }
    let summary = json!({
        "generator": "simpul demo --scale",
        "seed": g.seed,
        "region": {"id": region.as_str(), "name": g.region.name, "kode_wilayah": g.region.kode_wilayah, "official_domain": g.region.official_domain},
        "pds": g.pds.len(),
        "records": per_kind,
        "links": links,
    });
    let actor = Actor::system(region.clone(), "demo-scale");
    audit::append(
        &mut tx,
        actor.audit(
            "region.synthetic_seed",
            "region",
            region.as_str(),
            None,
            Some(&summary),
        ),
        &now,
    )
    .await?;
    let t = Instant::now();
    commit(tx).await?;
    tracing::debug!(
        %region,
        records_ms = t_records.as_millis() as u64,
        links_ms = t_links.as_millis() as u64,
        commit_ms = t.elapsed().as_millis() as u64,
        "synthetic region written"
    );
    Ok((records, links))
}

async fn create_synthetic_admin(app: &App, r: u32, region: &RegionId) -> Result<()> {
    let input = UserInput {
        username: synthetic_admin(r),
        full_name: format!("Admin Diskominfo Kabupaten Sintetis {r:02}"),
        email: Some(format!("admin@{}", official_domain(r))),
        role: "admin_kominfo".into(),
        pd_id: None,
        active: true,
    };
    app.create_user(
        &Actor::system(region.clone(), "demo-scale"),
        &input,
        crate::password(),
    )
    .await?;
    Ok(())
}

fn official_domain(r: u32) -> String {
    format!("{}kab.go.id", synthetic_slug(r))
}

/// xorshift64*: small, fast, deterministic; not for anything secret.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for _ in 0..8 {
            r.next();
        }
        r
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A UUID v7 at `millis` with generated random bits.
    fn uuid(&mut self, millis: u64) -> uuid::Uuid {
        let mut bytes = [0u8; 10];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes()[..2]);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }
}

/// One region, generated and validated, ready to write.
struct Generated {
    seed: u32,
    region: SyntheticRegion,
    pds: Vec<(PdId, ValidPd)>,
    records: Vec<BulkRecord>,
    links: Vec<BulkLink>,
}

/// The name pools of `regions/demo/scale.toml`; the generator picks from them, so their order
/// is part of its output.
#[derive(Debug, Deserialize)]
struct Pools {
    audiences: Vec<String>,
    hostings: Vec<String>,
    formats: Vec<String>,
    smart_city: Vec<String>,
    classifications: Vec<String>,
    licences: Vec<String>,
    domain_purposes: Vec<String>,
    /// The 30 Perangkat Daerah of a synthetic kabupaten.
    pd: Vec<PdInput>,
    /// Application families.
    application: Vec<AppKind>,
    /// Service families.
    service: Vec<ServiceKind>,
    /// Business process families.
    process: Vec<ProcessKind>,
    /// Dataset families.
    dataset: Vec<DatasetKind>,
    /// Asset kinds with their weight per thousand.
    asset: Vec<AssetKind>,
}

#[derive(Debug, Deserialize)]
struct AppKind {
    name: String,
    function_label: String,
    ref_code: String,
}

#[derive(Debug, Deserialize)]
struct ServiceKind {
    name: String,
    service_type: String,
    sector: String,
    ref_code: String,
}

#[derive(Debug, Deserialize)]
struct ProcessKind {
    name: String,
    ref_code: String,
}

#[derive(Debug, Deserialize)]
struct DatasetKind {
    name: String,
    ref_code: String,
    nature: String,
    update_frequency: String,
}

#[derive(Debug, Deserialize)]
struct AssetKind {
    asset_kind: String,
    weight: u64,
    label: String,
    ref_code: String,
    models: Vec<String>,
}

static POOLS: LazyLock<std::result::Result<Pools, String>> = LazyLock::new(|| {
    toml::from_str(include_str!("../../../regions/demo/scale.toml"))
        .map_err(|e| format!("regions/demo/scale.toml: {e}"))
});

fn pools() -> Result<&'static Pools> {
    POOLS.as_ref().map_err(|e| AppError::Internal(e.clone()))
}

fn date(t: time::OffsetDateTime) -> String {
    let d = t.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn host_label(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// Generates and validates synthetic region `r` (CPU only, no I/O).
fn generate(r: u32, spec: ScaleSpec, today: time::OffsetDateTime) -> Result<Generated> {
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

struct Gen {
    rng: Rng,
    today: time::OffsetDateTime,
    records: Vec<BulkRecord>,
    links: Vec<BulkLink>,
    seen: HashSet<(u32, u32)>,
    millis: u64,
}

impl Gen {
    /// The next id: a UUID v7 one millisecond after the previous one.
    fn id(&mut self) -> uuid::Uuid {
        self.millis += 1;
        self.rng.uuid(self.millis)
    }

    /// Validates and queues a record; returns its index.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        kind: EntityKind,
        pd: PdId,
        name: &str,
        code: Option<String>,
        status: &str,
        refc: Option<&str>,
        desc: Option<&str>,
        data: Value,
        retired: Option<String>,
    ) -> Result<usize> {
        let input = RecordInput {
            pd_id: pd.to_string(),
            name: name.to_owned(),
            code,
            status: status.to_owned(),
            ref_code: refc.map(str::to_owned),
            description: desc.map(str::to_owned),
            data: match data {
                Value::Object(m) => m,
                _ => Map::new(),
            },
        };
        let record = input.validate(kind)?;
        let updated = self.today - time::Duration::seconds(self.rng.below(3 * 365 * 86_400) as i64);
        let created = updated - time::Duration::seconds(self.rng.below(365 * 86_400) as i64);
        let id = RecordId(self.id());
        self.records.push(BulkRecord {
            id,
            kind,
            record,
            retired_reason: retired,
            created_at: simpul_domain::rfc3339(created),
            updated_at: simpul_domain::rfc3339(updated),
        });
        Ok(self.records.len() - 1)
    }

    /// Links `from` to `at_least + below(more)` targets picked at random (none when there
    /// are no targets; the random draws are the same either way).
    fn link_random(
        &mut self,
        from: usize,
        targets: &[usize],
        at_least: usize,
        more: usize,
        relation: &'static str,
    ) {
        for _ in 0..at_least + self.rng.below(more) {
            if !targets.is_empty() {
                let t = *self.rng.pick(targets);
                self.link(from, t, relation);
            }
        }
    }

    /// Queues a link unless the pair is already linked.
    fn link(&mut self, from: usize, to: usize, relation: &'static str) {
        if from != to && self.seen.insert((from as u32, to as u32)) {
            self.links.push(BulkLink {
                from: self.records[from].id,
                to: self.records[to].id,
                relation,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_valid() {
        let today = simpul_domain::now_utc();
        let spec = ScaleSpec::REGION.divided_by(40);
        let a = generate(3, spec, today).unwrap();
        let b = generate(3, spec, today).unwrap();
        assert_eq!(a.records.len(), b.records.len());
        assert!(a
            .records
            .iter()
            .zip(&b.records)
            .all(|(x, y)| x.id == y.id && x.record == y.record));
        assert_eq!(a.links.len(), b.links.len());
        assert_eq!(a.pds.len(), 30);
        let apps = a
            .records
            .iter()
            .filter(|r| r.kind == EntityKind::Application)
            .count();
        assert_eq!(apps, spec.applications);
        // Links only between the kinds their relation allows.
        let kind_of: std::collections::HashMap<_, _> =
            a.records.iter().map(|r| (r.id, r.kind)).collect();
        for l in &a.links {
            let rel = simpul_domain::catalogue::Relation::between(kind_of[&l.from], kind_of[&l.to])
                .unwrap();
            assert_eq!(rel.code, l.relation);
        }
        let c = generate(4, spec, today).unwrap();
        assert_ne!(a.records[0].id, c.records[0].id);
    }

    /// The digest of one region generated on a fixed day, recorded when the name pools were
    /// Rust literals: moving them to `regions/demo/scale.toml` changed nothing. Editing the
    /// pools (or the generator, or the Debug form of its output) changes it on purpose.
    #[test]
    fn a_region_generated_on_a_fixed_day_is_the_one_the_literal_pools_generated() {
        use sha2::Digest;
        let today = time::macros::datetime!(2026-12-03 10:00 UTC);
        let g = generate(3, ScaleSpec::REGION.divided_by(10), today).unwrap();
        let text = format!("{:?}{:?}{:?}", g.pds, g.records, g.links);
        assert_eq!(
            hex::encode(sha2::Sha256::digest(text.as_bytes())),
            "266a07fe6d82907195b0f2f8555302384ce418188138a0ba24754148836fdc39"
        );
    }
}
