//! The demo data files of `regions/demo/`, embedded at build time and read into typed
//! structs. Codes (roles, statuses, kinds, PD codes) stay strings here: the seeders hand them
//! to the use cases, which validate them like any user input.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use simpul_app::{AppError, Result};
use simpul_domain::org::PdInput;

fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| AppError::Internal(format!("regions/demo/{file}: {e}")))
}

/// Parses a list `key` of `text` whose entries take the missing fields from its `[defaults]`.
fn parse_with_defaults<T: DeserializeOwned>(file: &str, text: &str, key: &str) -> Result<Vec<T>> {
    let bad = |e: String| AppError::Internal(format!("regions/demo/{file}: {e}"));
    let mut table: toml::Table = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
    let defaults = match table.remove("defaults") {
        Some(toml::Value::Table(t)) => t,
        _ => toml::Table::new(),
    };
    let Some(toml::Value::Array(items)) = table.remove(key) else {
        return Err(bad(format!("no [[{key}]] entries")));
    };
    items
        .into_iter()
        .map(|item| {
            let toml::Value::Table(mut entry) = item else {
                return Err(bad(format!("[[{key}]] entry is not a table")));
            };
            for (k, v) in &defaults {
                entry.entry(k.clone()).or_insert_with(|| v.clone());
            }
            toml::Value::Table(entry)
                .try_into()
                .map_err(|e: toml::de::Error| bad(e.to_string()))
        })
        .collect()
}

/// `metro-pd.toml`: the Perangkat Daerah register.
pub fn pds() -> Result<Vec<PdInput>> {
    #[derive(Deserialize)]
    struct File {
        pd: Vec<PdInput>,
    }
    let f: File = parse(
        "metro-pd.toml",
        include_str!("../../../regions/demo/metro-pd.toml"),
    )?;
    Ok(f.pd)
}

/// `accounts.toml`: one account per role.
#[derive(Debug, Deserialize)]
pub struct Accounts {
    pub password: String,
    pub email_domain: String,
    pub account: Vec<Account>,
}

/// One demo account: login name, role code, display name and the PD code it is bound to.
#[derive(Debug, Deserialize)]
pub struct Account {
    pub username: String,
    pub role: String,
    pub full_name: String,
    pub pd: Option<String>,
}

pub fn accounts() -> Result<Accounts> {
    parse(
        "accounts.toml",
        include_str!("../../../regions/demo/accounts.toml"),
    )
}

/// `organisation.toml`: the Tim Koordinasi SPBE and the region profile.
#[derive(Debug, Deserialize)]
pub struct Organisation {
    pub region: RegionProfile,
    pub tim: Tim,
}

#[derive(Debug, Deserialize)]
pub struct RegionProfile {
    pub head_name: String,
    pub sekda_name: String,
    pub address: String,
    pub contact_email: String,
}

#[derive(Debug, Deserialize)]
pub struct Tim {
    pub decree_ref: String,
    pub decree_date: String,
    pub member: Vec<TimMember>,
}

#[derive(Debug, Deserialize)]
pub struct TimMember {
    pub person_name: String,
    pub position: String,
    pub office: String,
    pub pd: Option<String>,
}

pub fn organisation() -> Result<Organisation> {
    parse(
        "organisation.toml",
        include_str!("../../../regions/demo/organisation.toml"),
    )
}

/// A date relative to the day of seeding.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(untagged)]
pub enum RelativeDate {
    /// Today minus this many days.
    DaysAgo { days_ago: i64 },
    /// This month and day, this many years after the current one.
    YearsAhead {
        years_ahead: i32,
        month: u8,
        day: u8,
    },
}

/// `assets.toml`: one infrastructure asset.
#[derive(Debug, Deserialize)]
pub struct Asset {
    pub code: String,
    pub name: String,
    pub pd: String,
    pub asset_kind: String,
    pub location: String,
    pub brand_model: String,
    pub specification: String,
    pub acquired_on: String,
    pub status: String,
    pub ref_code: String,
    pub licence_expiry: Option<RelativeDate>,
    /// The asset code this one is connected to.
    pub connected_to: Option<String>,
    /// Retire after creating, with this reason.
    pub retired_reason: Option<String>,
}

/// `applications.toml`: one application; missing fields come from its `[defaults]`.
#[derive(Debug, Deserialize)]
pub struct Application {
    pub code: String,
    pub name: String,
    pub pd: String,
    pub description: String,
    pub status: String,
    pub ref_code: String,
    pub app_type: String,
    pub complexity: Option<String>,
    pub audience: String,
    pub developer: String,
    pub via_dinas: bool,
    pub source_model: String,
    pub licence: Option<String>,
    pub platform: String,
    pub function_label: String,
    pub url: Option<String>,
    pub hosting: String,
    pub funding: String,
    pub operating_pd: Option<String>,
    pub shared_from: Option<String>,
    pub shared_legal_basis: Option<String>,
    /// The minister's consideration of a closed-source app (APP-4), dated `operating_since`.
    pub kominfo_consideration_ref: Option<String>,
    /// Whether a production app has its SLA (APP-15).
    pub sla: bool,
    pub operating_since: String,
    /// Monitored and evaluated this many days ago; never when absent (APP-13).
    pub last_monev_days_ago: Option<i64>,
    /// Asset codes the app runs on.
    #[serde(default)]
    pub runs_on: Vec<String>,
    /// Retire after creating, with this reason.
    pub retired_reason: Option<String>,
}

/// An integration between two applications (APP-17), by code.
#[derive(Debug, Deserialize)]
pub struct Integration {
    pub from: String,
    pub to: String,
}

/// `datasets.toml`: one dataset.
#[derive(Debug, Deserialize)]
pub struct Dataset {
    pub name: String,
    pub pd: String,
    pub classification: String,
    pub format: String,
    pub update_frequency: String,
    pub nature: String,
    pub ref_code: String,
    pub last_updated_days_ago: i64,
    pub in_pusat_data: bool,
    pub dinas_consent: bool,
    /// Application codes that use the dataset.
    pub applications: Vec<String>,
    /// The asset code it is stored on.
    pub stored_on: Option<String>,
}

/// `services.toml`: one service.
#[derive(Debug, Deserialize)]
pub struct Service {
    pub name: String,
    pub pd: String,
    pub service_type: String,
    pub sector: String,
    pub smart_city: String,
    pub ref_code: String,
    pub url: Option<String>,
    /// Application codes that deliver it.
    pub applications: Vec<String>,
    /// Names of the services it integrates.
    #[serde(default)]
    pub integrates: Vec<String>,
}

/// `processes.toml`: one business process.
#[derive(Debug, Deserialize)]
pub struct Process {
    pub name: String,
    pub pd: String,
    pub ref_code: String,
    pub status: String,
    pub legal_basis: String,
    /// Names of the services that realise it.
    pub services: Vec<String>,
}

/// `domains.toml`: one domain.
#[derive(Debug, Deserialize)]
pub struct Domain {
    pub host: String,
    pub pd: String,
    pub purpose: String,
    /// Application codes it serves.
    #[serde(default)]
    pub applications: Vec<String>,
}

/// `lan.toml`: one LAN diagram, submitted `years_ago` years before the current one.
#[derive(Debug, Deserialize)]
pub struct LanDiagram {
    pub pd: String,
    pub years_ago: i32,
    pub status: String,
    pub submitted_month: u8,
    pub submitted_day: u8,
}

/// `lan.toml`: one LAN change report.
#[derive(Debug, Deserialize)]
pub struct LanChange {
    pub pd: String,
    pub title: String,
    pub changed_days_ago: i64,
    pub summary: String,
}

/// `backups.toml`: one backup report.
#[derive(Debug, Deserialize)]
pub struct Backup {
    pub pd: String,
    pub days_ago: i64,
    pub result: String,
    pub to_pusat_data: bool,
    pub volume: String,
}

/// The whole demo catalogue.
#[derive(Debug)]
pub struct Catalogue {
    pub assets: Vec<Asset>,
    pub applications: Vec<Application>,
    pub integrations: Vec<Integration>,
    pub walidata: String,
    pub standard: String,
    pub datasets: Vec<Dataset>,
    pub services: Vec<Service>,
    pub processes: Vec<Process>,
    pub domains: Vec<Domain>,
    pub lan_diagrams: Vec<LanDiagram>,
    pub lan_changes: Vec<LanChange>,
    pub backups: Vec<Backup>,
}

pub fn catalogue() -> Result<Catalogue> {
    #[derive(Deserialize)]
    struct Assets {
        asset: Vec<Asset>,
    }
    #[derive(Deserialize)]
    struct Integrations {
        integration: Vec<Integration>,
    }
    #[derive(Deserialize)]
    struct Datasets {
        walidata: String,
        standard: String,
        dataset: Vec<Dataset>,
    }
    #[derive(Deserialize)]
    struct Services {
        service: Vec<Service>,
    }
    #[derive(Deserialize)]
    struct Processes {
        process: Vec<Process>,
    }
    #[derive(Deserialize)]
    struct Domains {
        domain: Vec<Domain>,
    }
    #[derive(Deserialize)]
    struct Lan {
        lan_diagram: Vec<LanDiagram>,
        lan_change: Vec<LanChange>,
    }
    #[derive(Deserialize)]
    struct Backups {
        backup: Vec<Backup>,
    }
    let apps = include_str!("../../../regions/demo/applications.toml");
    let assets: Assets = parse(
        "assets.toml",
        include_str!("../../../regions/demo/assets.toml"),
    )?;
    let integrations: Integrations = parse("applications.toml", apps)?;
    let datasets: Datasets = parse(
        "datasets.toml",
        include_str!("../../../regions/demo/datasets.toml"),
    )?;
    let services: Services = parse(
        "services.toml",
        include_str!("../../../regions/demo/services.toml"),
    )?;
    let processes: Processes = parse(
        "processes.toml",
        include_str!("../../../regions/demo/processes.toml"),
    )?;
    let domains: Domains = parse(
        "domains.toml",
        include_str!("../../../regions/demo/domains.toml"),
    )?;
    let lan: Lan = parse("lan.toml", include_str!("../../../regions/demo/lan.toml"))?;
    let backups: Backups = parse(
        "backups.toml",
        include_str!("../../../regions/demo/backups.toml"),
    )?;
    Ok(Catalogue {
        assets: assets.asset,
        applications: parse_with_defaults("applications.toml", apps, "application")?,
        integrations: integrations.integration,
        walidata: datasets.walidata,
        standard: datasets.standard,
        datasets: datasets.dataset,
        services: services.service,
        processes: processes.process,
        domains: domains.domain,
        lan_diagrams: lan.lan_diagram,
        lan_changes: lan.lan_change,
        backups: backups.backup,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_demo_files_parse_and_name_only_known_pds_and_records() {
        let pds: HashSet<String> = pds().unwrap().into_iter().map(|p| p.code).collect();
        let c = catalogue().unwrap();
        let accounts = accounts().unwrap();
        let org = organisation().unwrap();
        let named = accounts.account.iter().filter_map(|a| a.pd.as_deref());
        let named = named.chain(org.tim.member.iter().filter_map(|m| m.pd.as_deref()));
        let named = named
            .chain(c.assets.iter().map(|a| a.pd.as_str()))
            .chain(c.applications.iter().map(|a| a.pd.as_str()))
            .chain(
                c.applications
                    .iter()
                    .filter_map(|a| a.operating_pd.as_deref()),
            )
            .chain(c.datasets.iter().map(|d| d.pd.as_str()))
            .chain(c.services.iter().map(|s| s.pd.as_str()))
            .chain(c.processes.iter().map(|p| p.pd.as_str()))
            .chain(c.domains.iter().map(|d| d.pd.as_str()))
            .chain(c.lan_diagrams.iter().map(|l| l.pd.as_str()))
            .chain(c.lan_changes.iter().map(|l| l.pd.as_str()))
            .chain(c.backups.iter().map(|b| b.pd.as_str()));
        for code in named {
            assert!(pds.contains(code), "unknown PD {code}");
        }

        let assets: HashSet<&str> = c.assets.iter().map(|a| a.code.as_str()).collect();
        let apps: HashSet<&str> = c.applications.iter().map(|a| a.code.as_str()).collect();
        let services: HashSet<&str> = c.services.iter().map(|s| s.name.as_str()).collect();
        let links_to_assets = c.assets.iter().filter_map(|a| a.connected_to.as_deref());
        let links_to_assets = links_to_assets
            .chain(
                c.applications
                    .iter()
                    .flat_map(|a| a.runs_on.iter().map(String::as_str)),
            )
            .chain(c.datasets.iter().filter_map(|d| d.stored_on.as_deref()));
        for code in links_to_assets {
            assert!(assets.contains(code), "unknown asset {code}");
        }
        let links_to_apps = c.integrations.iter().flat_map(|i| [&i.from, &i.to]);
        let links_to_apps = links_to_apps
            .chain(c.datasets.iter().flat_map(|d| &d.applications))
            .chain(c.services.iter().flat_map(|s| &s.applications))
            .chain(c.domains.iter().flat_map(|d| &d.applications));
        for code in links_to_apps {
            assert!(apps.contains(code.as_str()), "unknown application {code}");
        }
        let links_to_services = c.services.iter().flat_map(|s| &s.integrates);
        for name in links_to_services.chain(c.processes.iter().flat_map(|p| &p.services)) {
            assert!(services.contains(name.as_str()), "unknown service {name}");
        }
        assert_eq!(accounts.account.len(), 7);
    }
}
