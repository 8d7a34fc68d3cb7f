//! The Kota Metro demo and the synthetic `--scale N` regions. The demo is seeded from the data
//! files of `regions/demo/` (embedded at build time, see [`data`]) through the same use cases
//! as user input, so it is validated and audited; seeding is idempotent.

pub mod catalogue;
pub mod data;
pub mod organisation;
pub mod scale;

use simpul_app::{Actor, App, AppError, Paging, Result};
use simpul_domain::ids::RegionId;
use simpul_store::pds::{self, PdFilter};
use std::sync::LazyLock;

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
/// Perangkat Daerah.
pub async fn seed(app: &App) -> Result<SeedReport> {
    seed_parts(app, true).await
}

/// Seeds only the organisation part of the demo (PDs, accounts, Tim Koordinasi, region
/// profile): a small, fast fixture for tests that build their own catalogue.
pub async fn seed_organisation(app: &App) -> Result<SeedReport> {
    seed_parts(app, false).await
}

async fn seed_parts(app: &App, catalogue: bool) -> Result<SeedReport> {
    let mut report = SeedReport {
        regions_added: app.ensure_regions().await?,
        demo_seeded: false,
    };
    app.ensure_ref_codes().await?;
    let metro = RegionId::parse("metro").map_err(AppError::Internal)?;
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
    if catalogue {
        catalogue::seed_catalogue(app, &sys).await?;
        // The deliberate gaps of the demo catalogue show as findings from the start.
        app.evaluate_region(&metro, simpul_app::compliance::Scope::Region)
            .await?;
    }
    report.demo_seeded = true;
    Ok(report)
}
