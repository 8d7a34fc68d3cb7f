//! The deadline calendar of recurring obligations (issue 4 item 5) and the daily reminder
//! task that turns due and overdue deadlines into notifications ([`crate::notify`]).

use crate::{policy, Actor, App, Result};
use simpul_domain::catalogue::EntityKind;
use simpul_domain::compliance::{deadlines, Deadline, Subject, SubjectKind};
use simpul_domain::ids::{PdId, RegionId};
use simpul_store::findings;
use std::time::Duration;
use time::Date;

/// Today's date for reminders: the calendar day in WIB (UTC+7), the westernmost Indonesian
/// time zone, so that nothing becomes overdue early anywhere in the country.
pub fn today() -> Date {
    let wib = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    simpul_domain::now_utc().to_offset(wib).date()
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
        let rules = {
            let mut conn = self.store.read().await?;
            self.rules_for(&mut conn, region).await?
        };
        let needs = findings::Needs::of(&rules);
        let snap = self
            .snapshot(region, crate::compliance::Scope::Region, today, &needs)
            .await?;
        Ok(deadlines(&rules, &snap))
    }

    /// The calendar the actor may see: a PD operator only their own PD's deadlines, every
    /// other role the whole region's, optionally narrowed to one PD.
    pub async fn calendar(&self, actor: &Actor, pd: Option<PdId>) -> Result<Vec<Deadline>> {
        let own = policy::deadline_scope(actor)?;
        let pd = own.or(pd);
        let all = self.region_deadlines(&actor.region, today()).await?;
        Ok(match pd {
            Some(p) => all
                .into_iter()
                .filter(|d| d.subject.pd == Some(p))
                .collect(),
            None => all,
        })
    }
}

/// Starts the daily reminder task: once shortly after start, then every 24 hours, for every
/// region. Failures are logged; the next day tries again.
pub fn spawn_daily(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(60)).await;
        let mut tick = tokio::time::interval(Duration::from_secs(24 * 3600));
        loop {
            tick.tick().await;
            match app.regions().await {
                Ok(list) => {
                    for r in list {
                        match app.run_reminders(&r.id, today()).await {
                            Ok(rep) => tracing::info!(region = %r.id, ?rep, "reminders sent"),
                            Err(e) => {
                                tracing::error!(region = %r.id, error = %e, "reminders failed")
                            }
                        }
                    }
                }
                Err(e) => tracing::error!(error = %e, "reminders: listing regions failed"),
            }
        }
    })
}
