//! Region profiles (ORG-1): who the region is and which regulation it runs under. Loaded from
//! `regions/<slug>.toml`; the rule list is filled by the compliance engine.

use crate::ids::RegionId;
use serde::{Deserialize, Serialize};

/// Kota or kabupaten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    Kota,
    Kabupaten,
}

/// Title of the head of region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeadTitle {
    Walikota,
    Bupati,
}

/// Kind of legal instrument that sets the region's SPBE rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstrumentKind {
    /// Peraturan Daerah.
    Perda,
    /// Peraturan Bupati.
    Perbup,
    /// Peraturan Walikota.
    Perwali,
}

impl InstrumentKind {
    pub const ALL: [InstrumentKind; 3] = [
        InstrumentKind::Perda,
        InstrumentKind::Perbup,
        InstrumentKind::Perwali,
    ];

    /// The wire code (the variant's name).
    pub fn code(self) -> &'static str {
        match self {
            InstrumentKind::Perda => "Perda",
            InstrumentKind::Perbup => "Perbup",
            InstrumentKind::Perwali => "Perwali",
        }
    }
}

/// Indonesia's three time zones; every time the UI shows is in the region's zone, named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeZone {
    /// Waktu Indonesia Barat, UTC+7 (Sumatra, Java, West and Central Kalimantan).
    #[serde(rename = "WIB")]
    Wib,
    /// Waktu Indonesia Tengah, UTC+8 (Bali, Nusa Tenggara, Sulawesi, …).
    #[serde(rename = "WITA")]
    Wita,
    /// Waktu Indonesia Timur, UTC+9 (Maluku, Papua).
    #[serde(rename = "WIT")]
    Wit,
}

impl TimeZone {
    pub fn code(self) -> &'static str {
        match self {
            TimeZone::Wib => "WIB",
            TimeZone::Wita => "WITA",
            TimeZone::Wit => "WIT",
        }
    }

    pub fn parse(s: &str) -> Option<TimeZone> {
        match s {
            "WIB" => Some(TimeZone::Wib),
            "WITA" => Some(TimeZone::Wita),
            "WIT" => Some(TimeZone::Wit),
            _ => None,
        }
    }

    pub fn offset(self) -> time::UtcOffset {
        let hours = match self {
            TimeZone::Wib => 7,
            TimeZone::Wita => 8,
            TimeZone::Wit => 9,
        };
        time::UtcOffset::from_hms(hours, 0, 0).unwrap_or(time::UtcOffset::UTC)
    }

    /// Today's date in this zone.
    pub fn today(self) -> time::Date {
        crate::now_utc().to_offset(self.offset()).date()
    }
}

/// The region table of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionInfo {
    pub slug: RegionId,
    pub name: String,
    pub kind: RegionKind,
    pub province: String,
    pub kode_wilayah: String,
    pub head_title: HeadTitle,
    pub capital: String,
    pub official_domain: String,
    #[serde(default)]
    pub domain_article: Option<String>,
    /// The region's time zone (WIB, WITA or WIT): the UI shows every time in it.
    pub timezone: TimeZone,
}

/// The legal instrument in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub kind: InstrumentKind,
    pub number: u32,
    pub year: u32,
    pub title: String,
    #[serde(default)]
    pub enacted_on: Option<String>,
    #[serde(default)]
    pub promulgated_on: Option<String>,
    #[serde(default)]
    pub gazette: Option<String>,
    pub seed: String,
    pub manager: String,
    pub manager_article: String,
}

impl Instrument {
    /// The day the regulation came into force: its promulgation (these regulations take
    /// effect "pada tanggal diundangkan").
    pub fn in_force_on(&self) -> Option<time::Date> {
        self.promulgated_on
            .as_deref()
            .and_then(crate::compliance::parse_date)
    }

    /// Short citation, e.g. "Perda 8/2019".
    pub fn short(&self) -> String {
        format!("{:?} {}/{}", self.kind, self.number, self.year)
    }
}

/// A region's own days off (libur daerah), beyond the national calendar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    /// `[[calendar.local_holidays]]`.
    #[serde(default)]
    pub local_holidays: Vec<LocalHoliday>,
}

/// One local holiday, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalHoliday {
    /// `YYYY-MM-DD` (checked when the pack loads).
    pub date: String,
    /// Indonesian name, e.g. "Hari Raya Galungan".
    pub name: String,
    /// The instrument or practice that makes it a day off.
    pub citation: String,
}

impl LocalHoliday {
    pub fn day(&self) -> Option<time::Date> {
        crate::calendar::data::parse_date(&self.date)
    }
}

/// A parsed region pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionPack {
    /// The rules the region's regulation contains, with citations (issue 4).
    #[serde(default)]
    pub rules: Vec<crate::compliance::RuleConfig>,
    pub region: RegionInfo,
    pub instrument: Instrument,
    /// What the regulation knows of (issue 9.11); absent concepts are off.
    #[serde(default)]
    pub concepts: crate::compliance::Concepts,
    /// The workflows the regulation contains (`[workflows.<code>]`), each with its citation,
    /// deadlines, documents and deciding officers; a workflow absent here is off.
    #[serde(default)]
    pub workflows: std::collections::BTreeMap<String, crate::workflow::WorkflowConfig>,
    /// The region's local holidays (`[calendar]`); absent means none.
    #[serde(default)]
    pub calendar: CalendarConfig,
}

/// A pack that failed to load, with the file and reason.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

impl RegionPack {
    /// How this region runs workflow `code`: disabled when its regulation has no such process.
    pub fn workflow(&self, code: &str) -> crate::workflow::WorkflowConfig {
        self.workflows
            .get(code)
            .cloned()
            .unwrap_or_else(crate::workflow::WorkflowConfig::disabled)
    }

    /// The region's working-day calendar: the national one plus its local holidays.
    pub fn working_calendar(&self) -> crate::calendar::WorkingCalendar {
        crate::calendar::WorkingCalendar::national().with_local_named(
            self.calendar
                .local_holidays
                .iter()
                .filter_map(|h| Some((h.day()?, h.name.clone()))),
        )
    }

    /// Parses and validates a pack; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, PackError> {
        let mut pack: RegionPack = toml::from_str(text).map_err(|e| PackError::Parse {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        let invalid = |message: String| PackError::Invalid {
            file: file.to_owned(),
            message,
        };
        let kode = &pack.region.kode_wilayah;
        let kode_ok = kode.len() == 5
            && kode.as_bytes()[2] == b'.'
            && kode
                .bytes()
                .enumerate()
                .all(|(i, b)| i == 2 || b.is_ascii_digit());
        if !kode_ok {
            return Err(invalid(format!(
                "kode_wilayah `{kode}` must look like 18.72"
            )));
        }
        let d = &pack.region.official_domain;
        if !d.ends_with(".go.id") || d.contains(char::is_whitespace) {
            return Err(invalid(format!(
                "official_domain `{d}` must be a .go.id domain"
            )));
        }
        for date in [&pack.instrument.enacted_on, &pack.instrument.promulgated_on]
            .into_iter()
            .flatten()
        {
            let fmt = time::macros::format_description!("[year]-[month]-[day]");
            if time::Date::parse(date, fmt).is_err() {
                return Err(invalid(format!("date `{date}` must be YYYY-MM-DD")));
            }
        }
        validate_local_holidays(&pack.calendar).map_err(invalid)?;
        crate::compliance::validate_rules(&pack.rules).map_err(invalid)?;
        for (code, cfg) in &pack.workflows {
            let def = crate::workflow::definition(code)
                .ok_or_else(|| invalid(format!("unknown workflow `{code}`")))?;
            cfg.validate(&def).map_err(invalid)?;
        }
        // A domain rule checks the domain its own pack names (see checks_org).
        for r in pack.rules.iter_mut().filter(|r| {
            use crate::compliance::Rule::*;
            matches!(r.rule, Dom1 | Dom2 | Dom3)
        }) {
            r.params
                .domain
                .get_or_insert_with(|| pack.region.official_domain.clone());
        }
        let expected_title = match pack.region.kind {
            RegionKind::Kota => HeadTitle::Walikota,
            RegionKind::Kabupaten => HeadTitle::Bupati,
        };
        if pack.region.head_title != expected_title {
            return Err(invalid(format!(
                "head_title of a {:?} must be {expected_title:?}",
                pack.region.kind
            )));
        }
        Ok(pack)
    }
}

/// Each local holiday has a valid date (listed once), a name and a citation.
fn validate_local_holidays(c: &CalendarConfig) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, h) in c.local_holidays.iter().enumerate() {
        let at = format!("calendar.local_holidays[{i}] ({})", h.date);
        let day = h
            .day()
            .ok_or_else(|| format!("{at}: date must be YYYY-MM-DD"))?;
        if h.name.trim().is_empty() {
            return Err(format!("{at}: name is empty"));
        }
        if h.citation.trim().is_empty() {
            return Err(format!("{at}: a local holiday needs a citation"));
        }
        if !seen.insert(day) {
            return Err(format!("{at}: duplicate date"));
        }
    }
    Ok(())
}

/// The four region packs shipped with Simpul, embedded in the binary.
pub const BUILTIN_PACKS: [(&str, &str); 4] = [
    (
        "regions/metro.toml",
        include_str!("../../../regions/metro.toml"),
    ),
    (
        "regions/jembrana.toml",
        include_str!("../../../regions/jembrana.toml"),
    ),
    (
        "regions/limapuluhkota.toml",
        include_str!("../../../regions/limapuluhkota.toml"),
    ),
    (
        "regions/manggarai.toml",
        include_str!("../../../regions/manggarai.toml"),
    ),
];

/// Parses every built-in pack.
pub fn builtin_packs() -> Result<Vec<RegionPack>, PackError> {
    BUILTIN_PACKS
        .iter()
        .map(|(f, t)| RegionPack::parse(f, t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_load_with_the_kemendagri_codes() {
        let packs = builtin_packs().unwrap();
        let codes: Vec<(&str, &str)> = packs
            .iter()
            .map(|p| (p.region.slug.as_str(), p.region.kode_wilayah.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("metro", "18.72"),
                ("jembrana", "51.01"),
                ("limapuluhkota", "13.07"),
                ("manggarai", "53.10")
            ]
        );
        assert_eq!(packs[0].region.head_title, HeadTitle::Walikota);
        assert_eq!(packs[3].instrument.short(), "Perbup 52/2021");
    }

    #[test]
    fn a_pack_with_a_bad_domain_is_rejected_with_the_file_name() {
        let text = BUILTIN_PACKS[0]
            .1
            .replace("metrokota.go.id", "metro.example.com");
        let err = RegionPack::parse("regions/x.toml", &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("regions/x.toml: official_domain"), "{err}");
    }

    #[test]
    fn a_pack_with_an_unknown_key_is_rejected() {
        let text = BUILTIN_PACKS[0]
            .1
            .replace("[region]", "[region]\nnmae = \"typo\"");
        assert!(RegionPack::parse("x", &text).is_err());
    }
}
