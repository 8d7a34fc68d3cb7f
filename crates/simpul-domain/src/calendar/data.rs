//! The yearly data files `frameworks/calendar/<year>.toml`: every hari libur nasional and
//! cuti bersama of one year with the joint decree (SKB) that sets them, and the listed
//! differences from the Python `holidays` package (checked by `scripts/ci/calendar.sh`).
//! Parsed and validated here; a broken file is refused naming the file and the entry.

use serde::Deserialize;
use std::collections::BTreeSet;
use time::Date;

/// The year files shipped with the binary.
pub const SHIPPED: [(&str, &str); 3] = [
    (
        "frameworks/calendar/2025.toml",
        include_str!("../../../../frameworks/calendar/2025.toml"),
    ),
    (
        "frameworks/calendar/2026.toml",
        include_str!("../../../../frameworks/calendar/2026.toml"),
    ),
    (
        "frameworks/calendar/2027.toml",
        include_str!("../../../../frameworks/calendar/2027.toml"),
    ),
];

/// A calendar file that failed to load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: {entry}: {message}")]
    Entry {
        file: String,
        /// E.g. `holidays[3] (2026-03-20)`.
        entry: String,
        message: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// Hari libur nasional or cuti bersama.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HolidayKind {
    LiburNasional,
    CutiBersama,
}

impl HolidayKind {
    pub fn code(self) -> &'static str {
        match self {
            HolidayKind::LiburNasional => "libur_nasional",
            HolidayKind::CutiBersama => "cuti_bersama",
        }
    }

    pub fn parse(s: &str) -> Option<HolidayKind> {
        match s {
            "libur_nasional" => Some(HolidayKind::LiburNasional),
            "cuti_bersama" => Some(HolidayKind::CutiBersama),
            _ => None,
        }
    }
}

/// Whether a year's file follows its decree, or is provisional (decree not yet checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceStatus {
    Decree,
    Provisional,
}

/// One day off of the national calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name: String,
    pub kind: HolidayKind,
}

/// How the data differs from the `holidays` package on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DifferenceKind {
    /// The date is in this file but not in the package.
    OnlyHere,
    /// The package has the date, this file does not.
    OnlyPackage,
    /// Both have the date with a different kind.
    Kind,
}

impl DifferenceKind {
    pub fn parse(s: &str) -> Option<DifferenceKind> {
        match s {
            "only_here" => Some(DifferenceKind::OnlyHere),
            "only_package" => Some(DifferenceKind::OnlyPackage),
            "kind" => Some(DifferenceKind::Kind),
            _ => None,
        }
    }
}

/// A listed, justified difference from the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub date: Date,
    pub differs: DifferenceKind,
    pub justification: String,
}

/// A decree that changed a year's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    pub instrument: String,
    pub signed_on: Date,
    pub changes: String,
}

/// One parsed and validated year file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearData {
    pub year: i32,
    pub status: SourceStatus,
    /// The decree, e.g. "Keputusan Bersama … Nomor 1017 Tahun 2024, …".
    pub instrument: String,
    pub signed_on: Option<Date>,
    pub note: Option<String>,
    /// Later decrees that changed the list.
    pub amendments: Vec<Amendment>,
    pub holidays: Vec<Holiday>,
    pub differences: Vec<Difference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    year: i32,
    source: RawSource,
    #[serde(default)]
    holidays: Vec<RawHoliday>,
    #[serde(default)]
    differences: Vec<RawDifference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    status: String,
    instrument: String,
    #[serde(default)]
    signed_on: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    amendments: Vec<RawAmendment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmendment {
    instrument: String,
    signed_on: String,
    changes: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    date: String,
    name: String,
    kind: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDifference {
    date: String,
    differs: String,
    justification: String,
}

/// `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, fmt).ok()
}

/// Parses and validates one year file; `file` names it in errors.
pub fn parse_year(file: &str, text: &str) -> Result<YearData, CalendarError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| CalendarError::Parse {
        file: file.to_owned(),
        message: e.to_string(),
    })?;
    let invalid = |message: String| CalendarError::Invalid {
        file: file.to_owned(),
        message,
    };
    let status = match raw.source.status.as_str() {
        "decree" => SourceStatus::Decree,
        "provisional" => SourceStatus::Provisional,
        s => {
            return Err(invalid(format!(
                "source.status `{s}` must be decree or provisional"
            )))
        }
    };
    if raw.source.instrument.trim().is_empty() {
        return Err(invalid("source.instrument is empty".into()));
    }
    let date_of = |d: &str| {
        parse_date(d).ok_or_else(|| invalid(format!("signed_on `{d}` must be YYYY-MM-DD")))
    };
    let signed_on = raw.source.signed_on.as_deref().map(date_of).transpose()?;
    let mut amendments = Vec::with_capacity(raw.source.amendments.len());
    for a in &raw.source.amendments {
        amendments.push(Amendment {
            instrument: a.instrument.clone(),
            signed_on: date_of(&a.signed_on)?,
            changes: a.changes.clone(),
        });
    }
    let year = raw.year;
    let entry_err = |list: &str, i: usize, date: &str, message: String| CalendarError::Entry {
        file: file.to_owned(),
        entry: format!("{list}[{i}] ({date})"),
        message,
    };
    let in_year = |list: &str, i: usize, s: &str| -> Result<Date, CalendarError> {
        let d =
            parse_date(s).ok_or_else(|| entry_err(list, i, s, "date must be YYYY-MM-DD".into()))?;
        if d.year() != year {
            return Err(entry_err(
                list,
                i,
                s,
                format!("date is outside the file's year {year}"),
            ));
        }
        Ok(d)
    };
    let mut holidays = Vec::with_capacity(raw.holidays.len());
    let mut seen = BTreeSet::new();
    for (i, h) in raw.holidays.iter().enumerate() {
        let date = in_year("holidays", i, &h.date)?;
        let kind = HolidayKind::parse(&h.kind).ok_or_else(|| {
            entry_err(
                "holidays",
                i,
                &h.date,
                format!(
                    "unknown kind `{}`, expected libur_nasional or cuti_bersama",
                    h.kind
                ),
            )
        })?;
        if h.name.trim().is_empty() {
            return Err(entry_err("holidays", i, &h.date, "name is empty".into()));
        }
        if !seen.insert(date) {
            return Err(entry_err(
                "holidays",
                i,
                &h.date,
                "duplicate date (each day is listed once)".into(),
            ));
        }
        holidays.push(Holiday {
            date,
            name: h.name.clone(),
            kind,
        });
    }
    if holidays.is_empty() {
        return Err(invalid("no [[holidays]] entries".into()));
    }
    let mut differences = Vec::with_capacity(raw.differences.len());
    let mut seen = BTreeSet::new();
    for (i, d) in raw.differences.iter().enumerate() {
        let date = in_year("differences", i, &d.date)?;
        let differs = DifferenceKind::parse(&d.differs).ok_or_else(|| {
            entry_err(
                "differences",
                i,
                &d.date,
                format!(
                    "unknown differs `{}`, expected only_here, only_package or kind",
                    d.differs
                ),
            )
        })?;
        if d.justification.trim().is_empty() {
            return Err(entry_err(
                "differences",
                i,
                &d.date,
                "a difference needs a justification".into(),
            ));
        }
        if !seen.insert(date) {
            return Err(entry_err(
                "differences",
                i,
                &d.date,
                "duplicate date".into(),
            ));
        }
        differences.push(Difference {
            date,
            differs,
            justification: d.justification.clone(),
        });
    }
    holidays.sort_by_key(|h| h.date);
    Ok(YearData {
        year,
        status,
        instrument: raw.source.instrument,
        signed_on,
        note: raw.source.note,
        amendments,
        holidays,
        differences,
    })
}

/// Parses every shipped year; the years must be distinct.
pub fn parse_shipped() -> Result<Vec<YearData>, CalendarError> {
    let mut years: Vec<YearData> = Vec::new();
    for (file, text) in SHIPPED {
        let y = parse_year(file, text)?;
        let named = file
            .rsplit('/')
            .next()
            .and_then(|n| n.strip_suffix(".toml"))
            .and_then(|n| n.parse::<i32>().ok());
        if named != Some(y.year) {
            return Err(CalendarError::Invalid {
                file: file.to_owned(),
                message: format!("year = {} does not match the file name", y.year),
            });
        }
        if years.iter().any(|o| o.year == y.year) {
            return Err(CalendarError::Invalid {
                file: file.to_owned(),
                message: format!("year {} is shipped twice", y.year),
            });
        }
        years.push(y);
    }
    Ok(years)
}
