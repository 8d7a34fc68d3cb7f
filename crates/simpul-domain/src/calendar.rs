//! The working-day calendar (hari kerja): Monday to Friday, minus national holidays and cuti
//! bersama (data per year in `frameworks/calendar/<year>.toml`, each citing its SKB) and minus
//! a region's local holidays (its pack). Deadlines of workflow steps count these days.
//!
//! Skeleton: weekends only until the yearly data files are filled in.

use std::collections::BTreeSet;
use time::{Date, Duration, Weekday};

/// Which days are not working days, beyond Saturday and Sunday.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    off: BTreeSet<Date>,
}

impl WorkingCalendar {
    /// The national calendar shipped with the binary.
    pub fn national() -> WorkingCalendar {
        WorkingCalendar::default()
    }

    /// This calendar plus a region's local holidays.
    pub fn with_local(mut self, days: impl IntoIterator<Item = Date>) -> WorkingCalendar {
        self.off.extend(days);
        self
    }

    /// Monday to Friday and not a holiday.
    pub fn is_working_day(&self, d: Date) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.off.contains(&d)
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn five_working_days_from_a_friday_end_on_the_next_friday() {
        let c = WorkingCalendar::national();
        assert_eq!(
            c.add_working_days(date!(2026 - 01 - 09), 5),
            date!(2026 - 01 - 16)
        );
    }

    #[test]
    fn a_local_holiday_pushes_the_deadline_by_one_day() {
        let c = WorkingCalendar::national().with_local([date!(2026 - 01 - 13)]);
        assert_eq!(
            c.add_working_days(date!(2026 - 01 - 09), 5),
            date!(2026 - 01 - 19)
        );
    }
}
