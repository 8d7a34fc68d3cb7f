//! The kinds of catalogue record, their fields and lifecycles.

use super::codes::*;
use super::field::{field, req, FieldKind::*, FieldSpec};
use crate::validation::FieldError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A kind of catalogue record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// Aplikasi SPBE (APP-1).
    Application,
    /// Layanan SPBE (ARC-2..5).
    Service,
    /// Proses bisnis (ARC-1).
    BusinessProcess,
    /// Dataset (DAT-1, DAT-4, DAT-6).
    Dataset,
    /// Infrastructure asset (INF-1..3, MGT-3).
    Asset,
    /// Domain or subdomain (DOM-1, DOM-3).
    Domain,
    /// Annual LAN diagram submission of a PD (INF-5).
    LanDiagram,
    /// Report of a LAN change (INF-5).
    LanChange,
    /// Data backup report of a PD (DAT-7).
    BackupReport,
}

const APPLICATION: &[FieldSpec] = &[
    req("app_type", Enum(AppType::CODES)),
    field("complexity", Enum(Complexity::CODES)),
    req("audience", Multi(Audience::CODES)),
    field("operating_pd", Pd),
    req("developer", Enum(Developer::CODES)),
    field("via_dinas", Bool),
    req("source_model", Enum(SourceModel::CODES)),
    field("licence", Text(100)),
    req("platform", Enum(Platform::CODES)),
    field("function_label", Text(200)),
    field("url", Url),
    field("hosting", Enum(Hosting::CODES)),
    field("funding", Enum(Funding::CODES)),
    field("sla_ref", Text(200)),
    field("kominfo_consideration_ref", Text(200)),
    field("kominfo_consideration_date", Date),
    field("panrb_consideration_ref", Text(200)),
    field("panrb_consideration_date", Date),
    field("shared_from", Text(200)),
    field("shared_legal_basis", Text(200)),
    field("last_monev_date", Date),
    field("operating_since", Date),
];

const SERVICE: &[FieldSpec] = &[
    req("service_type", Enum(ServiceType::CODES)),
    req("sector", Enum(ServiceSector::CODES)),
    field("smart_city", Multi(SmartCity::CODES)),
    field("url", Url),
];

const BUSINESS_PROCESS: &[FieldSpec] = &[field("legal_basis", Text(200))];

const DATASET: &[FieldSpec] = &[
    req("walidata", Text(200)),
    req("classification", Enum(Classification::CODES)),
    field("standard", Text(200)),
    req("format", Enum(DataFormat::CODES)),
    req("update_frequency", Enum(UpdateFrequency::CODES)),
    field("last_updated", Date),
    field("in_pusat_data", Bool),
    field("dinas_consent", Bool),
    req("nature", Enum(DataNature::CODES)),
];

const ASSET: &[FieldSpec] = &[
    req("asset_kind", Enum(AssetKind::CODES)),
    req("location", Enum(AssetLocation::CODES)),
    field("brand_model", Text(200)),
    field("serial_number", Text(100)),
    field("specification", Text(500)),
    field("acquired_on", Date),
    field("licence_expiry", Date),
];

const DOMAIN: &[FieldSpec] = &[
    req("host", Host),
    req("purpose", Enum(DomainPurpose::CODES)),
];

const LAN_DIAGRAM: &[FieldSpec] = &[req("year", Year), req("submitted_on", Date)];

const LAN_CHANGE: &[FieldSpec] = &[req("changed_on", Date), req("summary", LongText)];

const BACKUP_REPORT: &[FieldSpec] = &[
    req("backup_date", Date),
    req("result", Enum(BackupResult::CODES)),
    field("to_pusat_data", Bool),
    field("volume", Text(50)),
];

impl EntityKind {
    /// The data fields a list of this kind can be filtered by (issue 9.14): option fields
    /// by value, and a date field by "before" (or never set).
    pub fn list_filters(self) -> (&'static [&'static str], Option<&'static str>) {
        match self {
            EntityKind::Dataset => (
                &["classification", "update_frequency"],
                Some("last_updated"),
            ),
            _ => (&[], None),
        }
    }

    /// Reads the list filters of this kind from query parameters (`get(name)`): each option
    /// field by its name, the date field as `{field}_before`. Unknown values are field errors.
    #[allow(clippy::type_complexity)]
    pub fn parse_list_filters<'a>(
        self,
        get: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<(Vec<(&'static str, String)>, Option<(&'static str, String)>), FieldError> {
        let (options, date) = self.list_filters();
        let mut eq = Vec::new();
        for name in options {
            let Some(v) = get(name).map(str::trim).filter(|v| !v.is_empty()) else {
                continue;
            };
            let codes = self
                .fields()
                .iter()
                .find(|f| f.name == *name)
                .and_then(|f| match f.kind {
                    Enum(c) => Some(c),
                    _ => None,
                })
                .unwrap_or(&[]);
            if !codes.contains(&v) {
                return Err(FieldError::with_param(
                    name,
                    "unknown_value",
                    codes.join(", "),
                ));
            }
            eq.push((*name, v.to_owned()));
        }
        let before = match date {
            Some(name) => {
                let param = format!("{name}_before");
                match get(&param).map(str::trim).filter(|v| !v.is_empty()) {
                    None => None,
                    Some(v) => {
                        let f = time::macros::format_description!("[year]-[month]-[day]");
                        time::Date::parse(v, &f).map_err(|_| FieldError::new(&param, "date"))?;
                        Some((name, v.to_owned()))
                    }
                }
            }
            None => None,
        };
        Ok((eq, before))
    }

    pub const ALL: [EntityKind; 9] = [
        EntityKind::Application,
        EntityKind::Service,
        EntityKind::BusinessProcess,
        EntityKind::Dataset,
        EntityKind::Asset,
        EntityKind::Domain,
        EntityKind::LanDiagram,
        EntityKind::LanChange,
        EntityKind::BackupReport,
    ];

    /// Stable code, used in storage, URLs and the API.
    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Application => "application",
            EntityKind::Service => "service",
            EntityKind::BusinessProcess => "business_process",
            EntityKind::Dataset => "dataset",
            EntityKind::Asset => "asset",
            EntityKind::Domain => "domain",
            EntityKind::LanDiagram => "lan_diagram",
            EntityKind::LanChange => "lan_change",
            EntityKind::BackupReport => "backup_report",
        }
    }

    pub fn from_code(s: &str) -> Option<EntityKind> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    /// The kind's segment in page URLs (`/katalog/{slug}`), in Bahasa Indonesia; storage
    /// and the API keep [`EntityKind::code`]. The one mapping between the two.
    pub fn slug(self) -> &'static str {
        match self {
            EntityKind::Application => "aplikasi",
            EntityKind::Service => "layanan",
            EntityKind::BusinessProcess => "proses-bisnis",
            EntityKind::Dataset => "data",
            EntityKind::Asset => "aset",
            EntityKind::Domain => "domain",
            EntityKind::LanDiagram => "diagram-lan",
            EntityKind::LanChange => "perubahan-lan",
            EntityKind::BackupReport => "laporan-cadangan",
        }
    }

    pub fn from_slug(s: &str) -> Option<EntityKind> {
        Self::ALL.into_iter().find(|k| k.slug() == s)
    }

    /// The page of the kind's records (`/katalog/aplikasi`).
    pub fn page_path(self) -> String {
        format!("/katalog/{}", self.slug())
    }

    /// The page of one record of the kind (`/katalog/aplikasi/{id}`).
    pub fn record_path(self, id: impl std::fmt::Display) -> String {
        format!("/katalog/{}/{id}", self.slug())
    }

    /// The kind's own fields.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            EntityKind::Application => APPLICATION,
            EntityKind::Service => SERVICE,
            EntityKind::BusinessProcess => BUSINESS_PROCESS,
            EntityKind::Dataset => DATASET,
            EntityKind::Asset => ASSET,
            EntityKind::Domain => DOMAIN,
            EntityKind::LanDiagram => LAN_DIAGRAM,
            EntityKind::LanChange => LAN_CHANGE,
            EntityKind::BackupReport => BACKUP_REPORT,
        }
    }

    /// Lifecycle statuses, in order; the last is the retired state where there is one.
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            EntityKind::Application => &["usulan", "pengembangan", "uji", "produksi", "dihentikan"],
            EntityKind::Service => &["perencanaan", "operasi", "dihentikan"],
            EntityKind::BusinessProcess => &["draf", "ditetapkan", "dihentikan"],
            EntityKind::Dataset => &["aktif", "dihentikan"],
            EntityKind::Asset => &["perencanaan", "pengadaan", "operasi", "penghapusan"],
            EntityKind::Domain => &["aktif", "nonaktif"],
            EntityKind::LanDiagram => &["diajukan", "diterima", "ditolak"],
            EntityKind::LanChange | EntityKind::BackupReport => &["dilaporkan"],
        }
    }

    /// The status a retired record takes, if the lifecycle has one.
    pub fn retired_status(self) -> Option<&'static str> {
        match self {
            EntityKind::Application
            | EntityKind::Service
            | EntityKind::BusinessProcess
            | EntityKind::Dataset => Some("dihentikan"),
            EntityKind::Asset => Some("penghapusan"),
            EntityKind::Domain => Some("nonaktif"),
            _ => None,
        }
    }

    /// Prefix of the reference architecture codes records of this kind point into.
    pub fn ref_tree(self) -> Option<&'static str> {
        match self {
            EntityKind::Application => Some("RAA"),
            EntityKind::Service => Some("RAL"),
            EntityKind::BusinessProcess => Some("RAB"),
            EntityKind::Dataset => Some("RAD"),
            EntityKind::Asset => Some("RAI"),
            _ => None,
        }
    }

    /// Rules that involve more than one field.
    pub fn cross_checks(self, data: &Map<String, Value>) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self == EntityKind::Application {
            let umum = data.get("app_type").and_then(Value::as_str) == Some("umum");
            if umum && !data.contains_key("complexity") {
                // APP-1: an Aplikasi Umum is besar or kecil (it decides who may build it, APP-3).
                out.push(FieldError::new("complexity", "complexity_required"));
            }
        }
        out
    }
}
