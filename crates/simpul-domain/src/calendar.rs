//! The working-day calendar (hari kerja): Monday to Friday, minus national holidays and cuti
//! bersama (data per year in `frameworks/calendar/<year>.toml`, each citing its SKB; see
//! [`data`]) and minus a region's local holidays (its pack's `[[calendar.local_holidays]]`).
//! Deadlines of workflow steps count these days. Years without a shipped file count weekends
//! only; [`WorkingCalendar::covers`] tells callers so.

pub mod data;
#[cfg(test)]
mod tests;

pub use data::{CalendarError, HolidayKind, SourceStatus};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use time::{Date, Duration, Weekday};

/// Why a weekday is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOffKind {
    LiburNasional,
    CutiBersama,
    /// A region's local holiday (libur daerah), from its pack.
    Local,
}

/// A day off beyond Saturday and Sunday, with its name (Indonesian).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    pub kind: DayOffKind,
    pub name: String,
}

/// Which days are not working days, beyond Saturday and Sunday.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    off: BTreeMap<Date, DayOff>,
    /// Years whose national data is in this calendar, with the status of their source.
    years: BTreeMap<i32, SourceStatus>,
}

impl WorkingCalendar {
    /// The national calendar shipped with the binary (parsed once).
    ///
    /// # Panics
    /// When a shipped year file is broken, which the unit test
    /// `every_shipped_year_parses` rules out before a release.
    pub fn national() -> WorkingCalendar {
        match WorkingCalendar::try_national() {
            Ok(c) => c.clone(),
            Err(e) => panic!("shipped working-day calendar: {e}"),
        }
    }

    /// The national calendar, or why a shipped file was refused.
    pub fn try_national() -> Result<&'static WorkingCalendar, CalendarError> {
        static NATIONAL: OnceLock<Result<WorkingCalendar, CalendarError>> = OnceLock::new();
        NATIONAL
            .get_or_init(|| data::parse_shipped().map(|ys| WorkingCalendar::from_years(&ys)))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A calendar of the given year data (national days only).
    pub fn from_years(years: &[data::YearData]) -> WorkingCalendar {
        let mut c = WorkingCalendar::default();
        for y in years {
            c.years.insert(y.year, y.status);
            for h in &y.holidays {
                let kind = match h.kind {
                    HolidayKind::LiburNasional => DayOffKind::LiburNasional,
                    HolidayKind::CutiBersama => DayOffKind::CutiBersama,
                };
                c.off.insert(
                    h.date,
                    DayOff {
                        kind,
                        name: h.name.clone(),
                    },
                );
            }
        }
        c
    }

    /// This calendar plus a region's local holidays (unnamed).
    pub fn with_local(self, days: impl IntoIterator<Item = Date>) -> WorkingCalendar {
        self.with_local_named(days.into_iter().map(|d| (d, "Libur daerah".to_owned())))
    }

    /// This calendar plus a region's local holidays with their names. A date that is
    /// already a national day off keeps its national entry.
    pub fn with_local_named(
        mut self,
        days: impl IntoIterator<Item = (Date, String)>,
    ) -> WorkingCalendar {
        for (date, name) in days {
            self.off.entry(date).or_insert(DayOff {
                kind: DayOffKind::Local,
                name,
            });
        }
        self
    }

    /// Whether national holidays of `year` are known; if not, only weekends count as days
    /// off in that year (the UI should say so).
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// Whether `year`'s national data is provisional (its decree not yet checked).
    pub fn is_provisional(&self, year: i32) -> bool {
        self.years.get(&year) == Some(&SourceStatus::Provisional)
    }

    /// The years with national data.
    pub fn years(&self) -> BTreeSet<i32> {
        self.years.keys().copied().collect()
    }

    /// The holiday on `d` (libur nasional, cuti bersama or local), if any, weekend or not.
    pub fn day_off(&self, d: Date) -> Option<&DayOff> {
        self.off.get(&d)
    }

    /// Every holiday from `from` to `to` inclusive.
    pub fn days_off(&self, from: Date, to: Date) -> impl Iterator<Item = (Date, &DayOff)> {
        self.off.range(from..=to).map(|(d, o)| (*d, o))
    }

    /// Monday to Friday and not a holiday.
    pub fn is_working_day(&self, d: Date) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.off.contains_key(&d)
    }

    /// The `n`-th working day after `from` (`from` itself is not counted): the due date of a
    /// step with a deadline of `n` hari kerja opened on `from`. `n == 0` gives `from`.
    pub fn add_working_days(&self, from: Date, n: u32) -> Date {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }
}
