//! The whole-region bundle (`simpul export` / `simpul import`, docs/BUNDLE.md): one JSON
//! document with a region's profile, Perangkat Daerah, Tim Koordinasi members, accounts
//! (without password hashes), the reference architecture codes, every catalogue record and
//! every link and (since version 2) every stored document with its content, (since version 3)
//! the rule pack chosen for the region, with their ids and timestamps. Export → import into an empty database → export gives the same bytes: every list
//! has a fixed order and nothing in the bundle depends on when or where it was made.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use simpul_domain::catalogue::refarch::RefCode;
use simpul_domain::catalogue::EntityKind;
use simpul_domain::ids::{DocumentId, PdId, RecordId, RegionId, TimMemberId, UserId};
use simpul_domain::region::Instrument;

mod export;
mod import;

/// The value of [`Bundle::format`].
pub const FORMAT: &str = "simpul-region-bundle";
/// The bundle schema version this build writes.
pub const VERSION: u32 = 3;
/// The versions this build reads: version 2 is version 3 without `region.rule_pack`, and
/// version 1 is version 2 without `documents`.
pub const READABLE_VERSIONS: [u32; 3] = [1, 2, VERSION];

/// A whole region, as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`FORMAT`].
    pub format: String,
    /// Schema version, [`VERSION`].
    pub version: u32,
    pub region: RegionProfile,
    /// Every PD, retired ones included, by id.
    pub pds: Vec<BundlePd>,
    /// Every Tim Koordinasi member, removed ones included, by id.
    pub tim_members: Vec<BundleTimMember>,
    /// Every account, by id, without its password hash.
    pub users: Vec<BundleUser>,
    /// The reference architecture codes (shared by all regions of a deployment), by code.
    pub ref_codes: Vec<RefCode>,
    /// Every catalogue record, by kind (in [`EntityKind::ALL`] order) then id.
    pub records: Vec<BundleRecord>,
    /// Every link between records, by `from`, `to`, `relation`.
    pub links: Vec<BundleLink>,
    /// Every stored document, retired ones included, by id, with its content (version 2; a
    /// version-1 file has no such key and reads as an empty list).
    #[serde(default)]
    pub documents: Vec<BundleDocument>,
}

/// The `regions` row: the pack's facts and the fields administrators edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionProfile {
    pub id: RegionId,
    pub name: String,
    pub kind: String,
    pub province: String,
    pub kode_wilayah: String,
    pub head_title: String,
    pub capital: String,
    pub official_domain: String,
    pub domain_article: Option<String>,
    pub instrument: Instrument,
    /// Slug of another region's rule pack an administrator chose to apply, `null` for the
    /// region's own (version 3; older files have no such key and read as `null`).
    #[serde(default)]
    pub rule_pack: Option<String>,
    pub head_name: Option<String>,
    pub sekda_name: Option<String>,
    pub address: Option<String>,
    pub contact_email: Option<String>,
    pub tim_decree_ref: Option<String>,
    pub tim_decree_date: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundlePd {
    pub id: PdId,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub head_name: Option<String>,
    pub head_title: Option<String>,
    pub tasks: Option<String>,
    pub is_kominfo: bool,
    pub is_planning: bool,
    pub is_inspectorate: bool,
    pub mandiri_tik: bool,
    pub retired_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleTimMember {
    pub id: TimMemberId,
    pub person_name: String,
    pub position: String,
    pub office: String,
    pub pd_id: Option<PdId>,
    pub decree_ref: Option<String>,
    pub created_at: String,
    pub removed_at: Option<String>,
    pub removed_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleUser {
    pub id: UserId,
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub role: String,
    pub pd_id: Option<PdId>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRecord {
    pub id: RecordId,
    pub kind: EntityKind,
    pub pd_id: PdId,
    pub code: Option<String>,
    pub name: String,
    pub status: String,
    pub ref_code: Option<String>,
    pub description: Option<String>,
    pub data: Map<String, Value>,
    pub retired_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleLink {
    pub from: RecordId,
    pub to: RecordId,
    pub relation: String,
    pub created_at: String,
}

/// A `documents` row (every column but the region, which is the bundle's) and the file itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleDocument {
    pub id: DocumentId,
    /// The record it is attached to (in `records`).
    pub record_id: RecordId,
    /// The PD that owned the record at upload time (in `pds`).
    pub pd_id: PdId,
    pub doc_type: String,
    pub title: String,
    pub filename: String,
    pub media_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, 64 lower-case hex digits (the blob's address).
    pub sha256: String,
    pub classification: String,
    /// The account that uploaded it (in `users`); null when uploaded by the platform itself.
    pub uploaded_by: Option<UserId>,
    pub created_at: String,
    pub retired_reason: Option<String>,
    /// The file's bytes, standard base64 with padding.
    pub content: String,
}

impl Bundle {
    /// The bundle as pretty-printed JSON with a final newline (the file format).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Parses a bundle file, checking its format marker and version.
    pub fn from_json(text: &str) -> std::result::Result<Bundle, String> {
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
            documents: Option<serde::de::IgnoredAny>,
            region: Option<HeadRegion>,
        }
        #[derive(Deserialize)]
        struct HeadRegion {
            #[serde(default)]
            rule_pack: Present,
        }
        let head: Head =
            serde_json::from_str(text).map_err(|e| format!("not a JSON document: {e}"))?;
        if head.format.as_deref() != Some(FORMAT) {
            return Err(format!(
                "not a Simpul region bundle (`format` must be `{FORMAT}`)"
            ));
        }
        match head.version {
            Some(v) if READABLE_VERSIONS.contains(&v) => {}
            other => {
                return Err(format!(
                "unsupported bundle version {other:?}; this build reads versions 1 to {VERSION}"
            ))
            }
        }
        // `documents` defaults to empty for version 1, so a version-1 file carrying the key
        // would otherwise be read as if it were version 2 with a wrong number.
        if head.version == Some(1) && head.documents.is_some() {
            return Err("invalid bundle: unknown field `documents` in a version 1 bundle".into());
        }
        // Likewise `region.rule_pack` before version 3.
        let pack_given = head.region.as_ref().is_some_and(|r| r.rule_pack.0);
        if head.version.is_some_and(|v| v < 3) && pack_given {
            return Err("invalid bundle: unknown field `region.rule_pack` before version 3".into());
        }
        serde_json::from_str(text).map_err(|e| format!("invalid bundle: {e}"))
    }
}

/// Whether a key is in a document at all (even as `null`).
#[derive(Default)]
struct Present(bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d)?;
        Ok(Present(true))
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegionImportSummary {
    pub region: String,
    pub pds: usize,
    pub tim_members: usize,
    pub users: usize,
    pub records: usize,
    pub links: usize,
    pub documents: usize,
    pub ref_codes_added: usize,
    pub ref_codes_renamed: usize,
    /// Login names of the imported accounts: each needs `simpul user reset-password`.
    pub usernames: Vec<String>,
}
