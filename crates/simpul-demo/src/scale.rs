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

mod batch;
mod generate;
mod pools;
mod rng;
#[cfg(test)]
mod tests;

use generate::{generate, Generated};

use serde_json::json;
use simpul_app::{Actor, App, AppError, Result};
use simpul_domain::ids::RegionId;
use simpul_domain::user::UserInput;
use simpul_store::bulk::{self};
use simpul_store::{audit, commit};
use std::collections::BTreeMap;
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
