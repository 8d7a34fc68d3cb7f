//! The Kota Metro demo and the synthetic `--scale N` regions. The demo is seeded from the data
//! files of `regions/demo/` (embedded at build time, see [`data`]) through the same use cases
//! as user input, so it is validated and audited; seeding is idempotent.

pub mod catalogue;
pub mod data;
pub mod organisation;
pub mod scale;

use simpul_app::deadlines::region_today;
use simpul_app::{Actor, App, AppError, Paging, Result};
use simpul_domain::ids::RegionId;
use simpul_store::pds::{self, PdFilter};
use std::sync::LazyLock;
use time::Date;

static ACCOUNTS: LazyLock<data::Accounts> = LazyLock::new(|| {
    data::accounts().expect("regions/demo/accounts.toml is embedded and parsed by the tests")
});

/// The password of every demo account (`accounts.toml`). Demo databases are for trying
/// Simpul out only.
pub fn password() -> &'static str {
    &ACCOUNTS.password
}

/// The demo accounts, one per role (`accounts.toml`).
pub fn accounts() -> &'static [data::Account] {
    &ACCOUNTS.account
}

/// What seeding did.
#[derive(Debug, Default)]
pub struct SeedReport {
    pub regions_added: usize,
    pub demo_seeded: bool,
}

/// Seeds the Kota Metro demo (organisation and catalogue) unless Metro already has
/// Perangkat Daerah, dated from Metro's today (its time zone).
pub async fn seed(app: &App) -> Result<SeedReport> {
    seed_on(app, region_today(&metro()?)).await
}

/// [`seed`] as on `today`: the catalogue's relative dates (and the names and years made from
/// them) count back from `today`, and the first compliance evaluation runs on `today`, so the
/// seeded database depends on `today` only.
pub async fn seed_on(app: &App, today: Date) -> Result<SeedReport> {
    seed_parts(app, Some(today)).await
}

/// Seeds only the organisation part of the demo (PDs, accounts, Tim Koordinasi, region
/// profile): a small, fast fixture for tests that build their own catalogue.
pub async fn seed_organisation(app: &App) -> Result<SeedReport> {
    seed_parts(app, None).await
}

fn metro() -> Result<RegionId> {
    RegionId::parse("metro").map_err(AppError::Internal)
}

/// Seeds the organisation and, when `catalogue` names the day of seeding, the catalogue.
async fn seed_parts(app: &App, catalogue: Option<Date>) -> Result<SeedReport> {
    let mut report = SeedReport {
        regions_added: app.ensure_regions().await?,
        demo_seeded: false,
    };
    app.ensure_ref_codes().await?;
    let metro = metro()?;
    let existing = pds::list(
        &mut *app.store.read().await?,
        &metro,
        &PdFilter::default(),
        Paging::new(None, Some(1)),
    )
    .await?;
    if existing.total > 0 {
        return Ok(report);
    }
    let sys = Actor::system(metro.clone(), "demo");
    organisation::seed_organisation(app, &sys, &metro).await?;
    if let Some(today) = catalogue {
        catalogue::seed_catalogue(app, &sys, today).await?;
        // The deliberate gaps of the demo catalogue show as findings from the start.
        app.evaluate_region_on(&metro, simpul_app::compliance::Scope::Region, today)
            .await?;
    }
    report.demo_seeded = true;
    Ok(report)
}
