//! What the rules read: one region's catalogue, organisation and activity records at a day.

use crate::catalogue::{DocType, EntityKind, Record};
use crate::ids::{PdId, RecordId, RegionId};
use crate::org::PerangkatDaerah;
use std::collections::{HashMap, HashSet};
use time::Date;

/// A region's data as the rules see it. Built by the store; pure from here on.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub region: RegionId,
    /// The region's name, for region-wide checks.
    pub region_name: String,
    /// The day the rules are evaluated for.
    pub today: Date,
    /// The region's official domain, e.g. `metrokota.go.id` (DOM-1).
    pub official_domain: String,
    /// The day the region's regulation came into force (PLN-8).
    pub in_force_on: Option<Date>,
    /// What the applied pack's regulation knows of (APP-3 reads `pd_mandiri_tik`).
    pub concepts: super::Concepts,
    /// Active (not retired) Perangkat Daerah.
    pub pds: Vec<PerangkatDaerah>,
    /// Catalogue records the rules read (applications, datasets, domains, LAN diagrams,
    /// backup reports), retired ones included so that rules can skip them explicitly.
    pub records: Vec<Record>,
    /// Document types attached to each record (active documents only).
    pub documents: HashMap<RecordId, HashSet<DocType>>,
    /// ICT staff per PD (ORG-5, ORG-6); `None` until the platform records it.
    pub ict_staff: Option<HashMap<PdId, IctStaff>>,
    /// Planning documents and their reviews (PLN-2, PLN-3, PLN-4, PLN-7); `None` until recorded.
    pub plans: Option<Vec<PlanRecord>>,
    /// ICT audits (AUD-2, AUD-3); `None` until recorded.
    pub audits: Option<Vec<AuditRecord>>,
    /// Monitoring/evaluation and supervision activities (EVA-1, EVA-2); `None` until recorded.
    pub activities: Option<Vec<ActivityRecord>>,
    /// Days on which the region's SPBE evaluation periods in the platform's evaluation module
    /// were completed (every indicator has a validated level), for EVA-1; `None` when the
    /// region has no evaluation period there. Read through [`Snapshot::activity_days`].
    pub evaluations: Option<Vec<Date>>,
}

/// ICT staff of a PD.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IctStaff {
    /// ICT technicians acting as Service Desk Tier 1 (ORG-5).
    pub technicians: u32,
    /// Staff meeting the ICT competency standard (ORG-6).
    pub competent: u32,
}

/// Kind of planning document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanKind {
    /// Rencana Induk / Master Plan (PLN-1, PLN-2).
    MasterPlan,
    /// Peta Rencana SPBE (PLN-3).
    Roadmap,
    /// Arsitektur SPBE (PLN-4).
    Architecture,
    /// A PD's operational SOPs (PLN-7).
    Sop,
}

/// A planning document: set on a day, last reviewed on a day, owned by a PD (for SOPs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRecord {
    pub kind: PlanKind,
    pub pd: Option<PdId>,
    pub set_on: Date,
    pub reviewed_on: Option<Date>,
}

/// Kind of ICT audit (AUD-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditKind {
    Application,
    Security,
    Infrastructure,
}

/// An ICT audit done on a day, of an application or (subject `None`) of the infrastructure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub kind: AuditKind,
    pub subject: Option<RecordId>,
    pub done_on: Date,
}

/// Kind of oversight activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    /// SPBE monitoring and evaluation (EVA-1).
    Evaluation,
    /// Technical supervision by Dinas (EVA-2).
    Supervision,
}

/// An oversight activity reported on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRecord {
    pub kind: ActivityKind,
    pub done_on: Date,
}

impl Snapshot {
    /// An empty snapshot for a day (tests and regions without data).
    pub fn empty(region: RegionId, today: Date, official_domain: &str) -> Snapshot {
        Snapshot {
            region_name: region.to_string(),
            region,
            today,
            official_domain: official_domain.to_owned(),
            in_force_on: None,
            concepts: super::Concepts::default(),
            pds: Vec::new(),
            records: Vec::new(),
            documents: HashMap::new(),
            ict_staff: None,
            plans: None,
            audits: None,
            activities: None,
            evaluations: None,
        }
    }

    /// The days activities of `kind` were done: the recorded activities, and for
    /// [`ActivityKind::Evaluation`] also the completed evaluation periods; `None` when
    /// neither source has data.
    pub fn activity_days(&self, kind: ActivityKind) -> Option<Vec<Date>> {
        let recorded = self.activities.as_ref().map(|acts| {
            acts.iter()
                .filter(|a| a.kind == kind)
                .map(|a| a.done_on)
                .collect::<Vec<_>>()
        });
        let periods = match kind {
            ActivityKind::Evaluation => self.evaluations.clone(),
            ActivityKind::Supervision => None,
        };
        match (recorded, periods) {
            (None, None) => None,
            (a, b) => Some(a.into_iter().chain(b).flatten().collect()),
        }
    }

    /// Active records of a kind (not in the kind's retired status).
    pub fn active(&self, kind: EntityKind) -> impl Iterator<Item = &Record> {
        let retired = kind.retired_status();
        self.records
            .iter()
            .filter(move |r| r.kind == kind && Some(r.status.as_str()) != retired)
    }

    /// Whether a record has a document of the type.
    pub fn has_doc(&self, record: RecordId, t: DocType) -> bool {
        self.documents.get(&record).is_some_and(|s| s.contains(&t))
    }

    /// The PD with an id, if active.
    pub fn pd(&self, id: PdId) -> Option<&PerangkatDaerah> {
        self.pds.iter().find(|p| p.id == id)
    }

    /// Days from `d` to today (negative in the future).
    pub fn days_since(&self, d: Date) -> i64 {
        (self.today - d).whole_days()
    }
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, fmt).ok()
}
