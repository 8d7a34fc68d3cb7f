//! The deadline calendar of recurring obligations (issue 4 item 5) and the daily reminder
//! task that turns due and overdue deadlines into notifications ([`crate::platform::notify`]).

pub mod policy;

use crate::{Actor, App, Result};
use simpul_domain::calendar::WorkingCalendar;
use simpul_domain::catalogue::EntityKind;
use simpul_domain::compliance::{deadlines, Deadline, Subject, SubjectKind};
use simpul_domain::ids::{PdId, RegionId};
use simpul_domain::region::TimeZone;
use simpul_store::findings;
use time::Date;

/// Today's date where no region is known: the calendar day in WIB (UTC+7), the westernmost
/// Indonesian time zone, so that nothing becomes overdue early anywhere in the country.
pub fn today() -> Date {
    today_in(TimeZone::Wib)
}

/// Today's date in a time zone (WIB, WITA or WIT).
pub fn today_in(zone: TimeZone) -> Date {
    simpul_domain::now_utc().to_offset(zone.offset()).date()
}

/// The time zone of a region, from its own pack; `None` for a region without a pack.
pub fn region_zone(region: &RegionId) -> Option<TimeZone> {
    crate::compliance::pack(region.as_str()).map(|p| p.region.timezone)
}

/// Today's date in a region's zone (its pack's `timezone`), else in WIB: the day reminders,
/// the deadline calendar and evaluations of the region use.
pub fn region_today(region: &RegionId) -> Date {
    region_zone(region).map_or_else(today, today_in)
}

/// A region's working-day calendar: national holidays and cuti bersama plus the local
/// holidays of its own pack (national only for a region without a pack).
pub fn region_calendar(region: &RegionId) -> WorkingCalendar {
    crate::compliance::pack(region.as_str())
        .map_or_else(WorkingCalendar::national, |p| p.working_calendar())
}

/// The path of the web UI that shows a deadline's subject.
pub fn subject_link(s: &Subject) -> String {
    match s.kind {
        SubjectKind::Application => EntityKind::Application.record_path(&s.id),
        SubjectKind::Dataset => EntityKind::Dataset.record_path(&s.id),
        SubjectKind::Domain => EntityKind::Domain.record_path(&s.id),
        SubjectKind::Pd => format!("/pd/{}", s.id),
        SubjectKind::Region => "/profil-daerah".to_owned(),
    }
}

impl App {
    /// Every deadline of a region on `today`, region-wide and of every PD.
    pub async fn region_deadlines(&self, region: &RegionId, today: Date) -> Result<Vec<Deadline>> {
        self.deadlines_in(region, crate::compliance::Scope::Region, today)
            .await
    }

    /// The deadlines on `today` of the records in `scope`.
    async fn deadlines_in(
        &self,
        region: &RegionId,
        scope: crate::compliance::Scope,
        today: Date,
    ) -> Result<Vec<Deadline>> {
        let rules = {
            let mut conn = self.store.read().await?;
            self.rules_for(&mut conn, region).await?
        };
        let needs = findings::Needs::of(&rules);
        let snap = self.snapshot(region, scope, today, &needs).await?;
        Ok(deadlines(&rules, &snap))
    }

    /// The calendar the actor may see: a PD operator only their own PD's deadlines, every
    /// other role the whole region's, optionally narrowed to one PD.
    pub async fn calendar(&self, actor: &Actor, pd: Option<PdId>) -> Result<Vec<Deadline>> {
        let own = policy::deadline_scope(actor)?;
        let pd = own.or(pd);
        let today = region_today(actor.region());
        // One PD's calendar reads only that PD's records (as its re-evaluation does), not the
        // whole region's: the operator dashboard shows it on every visit.
        let all = match pd {
            Some(p) => {
                self.deadlines_in(actor.region(), crate::compliance::Scope::Pd(p), today)
                    .await?
            }
            None => self.region_deadlines(actor.region(), today).await?,
        };
        Ok(match pd {
            Some(p) => all
                .into_iter()
                .filter(|d| d.subject.pd == Some(p))
                .collect(),
            None => all,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_region_counts_its_own_zone_and_its_own_local_holidays() {
        let jembrana = RegionId::parse("jembrana").unwrap();
        let metro = RegionId::parse("metro").unwrap();
        assert_eq!(region_zone(&jembrana), Some(TimeZone::Wita));
        assert_eq!(region_zone(&metro), Some(TimeZone::Wib));
        // Hari Raya Galungan is a day off in Jembrana only.
        assert!(!region_calendar(&jembrana).is_working_day(date!(2026 - 06 - 17)));
        assert!(region_calendar(&metro).is_working_day(date!(2026 - 06 - 17)));
        let unknown = RegionId::parse("tanpapaket").unwrap();
        assert_eq!(region_zone(&unknown), None);
        assert!(!region_calendar(&unknown).is_working_day(date!(2026 - 03 - 20)));
    }
}
