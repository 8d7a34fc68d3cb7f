//! The name pools the generator picks from (`regions/demo/scale.toml`).

use serde::Deserialize;
use simpul_app::{AppError, Result};
use simpul_domain::org::PdInput;
use std::sync::LazyLock;

/// is part of its output.
#[derive(Debug, Deserialize)]
pub(super) struct Pools {
    pub(super) audiences: Vec<String>,
    pub(super) hostings: Vec<String>,
    pub(super) formats: Vec<String>,
    pub(super) smart_city: Vec<String>,
    pub(super) classifications: Vec<String>,
    pub(super) licences: Vec<String>,
    pub(super) domain_purposes: Vec<String>,
    /// The 30 Perangkat Daerah of a synthetic kabupaten.
    pub(super) pd: Vec<PdInput>,
    /// Application families.
    pub(super) application: Vec<AppKind>,
    /// Service families.
    pub(super) service: Vec<ServiceKind>,
    /// Business process families.
    pub(super) process: Vec<ProcessKind>,
    /// Dataset families.
    pub(super) dataset: Vec<DatasetKind>,
    /// Asset kinds with their weight per thousand.
    pub(super) asset: Vec<AssetKind>,
}

#[derive(Debug, Deserialize)]
pub(super) struct AppKind {
    pub(super) name: String,
    pub(super) function_label: String,
    pub(super) ref_code: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct ServiceKind {
    pub(super) name: String,
    pub(super) service_type: String,
    pub(super) sector: String,
    pub(super) ref_code: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct ProcessKind {
    pub(super) name: String,
    pub(super) ref_code: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct DatasetKind {
    pub(super) name: String,
    pub(super) ref_code: String,
    pub(super) nature: String,
    pub(super) update_frequency: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct AssetKind {
    pub(super) asset_kind: String,
    pub(super) weight: u64,
    pub(super) label: String,
    pub(super) ref_code: String,
    pub(super) models: Vec<String>,
}

pub(super) static POOLS: LazyLock<std::result::Result<Pools, String>> = LazyLock::new(|| {
    toml::from_str(include_str!("../../../../regions/demo/scale.toml"))
        .map_err(|e| format!("regions/demo/scale.toml: {e}"))
});

pub(super) fn pools() -> Result<&'static Pools> {
    POOLS.as_ref().map_err(|e| AppError::Internal(e.clone()))
}
