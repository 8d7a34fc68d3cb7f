//! Test data shared by the bulk-load and search-scope tests: synthetic regions ("Kabupaten
//! Uji NN"), their Diskominfo, and valid server records.
#![allow(dead_code)]

use serde_json::json;
use simpul_domain::catalogue::{EntityKind, RecordInput, ValidRecord};
use simpul_domain::ids::RegionId;
use simpul_domain::org::{PdInput, ValidPd};
use simpul_store::bulk::SyntheticRegion;

pub const NOW: &str = "2026-01-01T00:00:00.000000Z";

/// Synthetic region number `r`: `ujiNN`, "Kabupaten Uji NN", 99.NN, ujiNNkab.go.id.
pub fn region(r: u32) -> SyntheticRegion {
    SyntheticRegion {
        id: RegionId::parse(&format!("uji{r:02}")).unwrap(),
        name: format!("Kabupaten Uji {r:02}"),
        kode_wilayah: format!("99.{r:02}"),
        official_domain: format!("uji{r:02}kab.go.id"),
    }
}

/// The region's Diskominfo (the Dinas of the region).
pub fn diskominfo() -> ValidPd {
    PdInput {
        code: "DISKOMINFO".into(),
        name: "Dinas Komunikasi dan Informatika".into(),
        short_name: "Diskominfo".into(),
        kind: "dinas".into(),
        is_kominfo: true,
        ..Default::default()
    }
    .validate()
    .unwrap()
}

/// A server in the data centre of PD `pd`, with `code` if given.
pub fn server(pd: simpul_domain::ids::PdId, name: &str, code: Option<&str>) -> ValidRecord {
    RecordInput {
        pd_id: pd.to_string(),
        name: name.into(),
        code: code.map(str::to_owned),
        status: "operasi".into(),
        data: json!({"asset_kind": "server", "location": "pusat_data"})
            .as_object()
            .cloned()
            .unwrap(),
        ..Default::default()
    }
    .validate(EntityKind::Asset)
    .unwrap()
}
