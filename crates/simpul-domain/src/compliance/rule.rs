//! The checkable obligations (kind C of OBLIGATIONS.md), one rule each.

use serde::{Deserialize, Serialize};

macro_rules! rules {
    ($($(#[$m:meta])* $variant:ident = $code:literal, $subject:ident;)+) => {
        /// A rule: the check of one obligation of kind C. Its code is the obligation id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Rule {
            $($(#[$m])* #[serde(rename = $code)] $variant),+
        }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            /// The obligation id, e.g. `APP-4`.
            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code),+ }
            }

            pub fn from_code(s: &str) -> Option<Rule> {
                match s { $($code => Some(Rule::$variant),)+ _ => None }
            }

            /// What the rule mainly checks one by one (a rule may also check the region).
            pub fn subject(self) -> SubjectKind {
                match self { $(Rule::$variant => SubjectKind::$subject),+ }
            }
        }
    };
}

/// What a rule checks one by one: a catalogue record, a Perangkat Daerah, or the region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Application,
    Dataset,
    Domain,
    Pd,
    Region,
}

impl SubjectKind {
    pub const ALL: [SubjectKind; 5] = [
        SubjectKind::Application,
        SubjectKind::Dataset,
        SubjectKind::Domain,
        SubjectKind::Pd,
        SubjectKind::Region,
    ];

    /// The wire code.
    pub fn code(self) -> &'static str {
        match self {
            SubjectKind::Application => "application",
            SubjectKind::Dataset => "dataset",
            SubjectKind::Domain => "domain",
            SubjectKind::Pd => "pd",
            SubjectKind::Region => "region",
        }
    }
}

rules! {
    /// Each PD has an ICT technician acting as Service Desk Tier 1 (MGR-20.1).
    Org5 = "ORG-5", Pd;
    /// Each PD has ICT staff meeting the competency standards (MET-25, LPK-9).
    Org6 = "ORG-6", Pd;
    /// The master plan is reviewed at most every N years (LPK-5.3, JEM-8.1).
    Pln2 = "PLN-2", Region;
    /// The Peta Rencana is reviewed at least every N years (MET-9.2, JEM-10).
    Pln3 = "PLN-3", Region;
    /// The Arsitektur SPBE is reviewed at mid-term and in the final year, or yearly (MET-10, JEM-9, MGR-4).
    Pln4 = "PLN-4", Region;
    /// Each PD has its operational SOPs (LPK-7, MGR-22).
    Pln7 = "PLN-7", Pd;
    /// Transitional period: pre-existing infrastructure, apps and subdomains conform within a year (MET-49, LPK-20).
    Pln8 = "PLN-8", Region;
    /// Building an app goes through Dinas (MET-17.1, LPK-16.2).
    App2 = "APP-2", Application;
    /// Only the permitted builders build each kind of app (MGR-12.4, LPK-16.3).
    App3 = "APP-3", Application;
    /// Open source first; closed source needs the minister's consideration (MET-17.2-3, JEM-21).
    App4 = "APP-4", Application;
    /// APBD-funded apps are legal (licensed) or open source (LPK-13.3).
    App5 = "APP-5", Application;
    /// A similar app beside an Aplikasi Umum needs a cost-benefit study and consideration (JEM-23).
    App6 = "APP-6", Application;
    /// An Aplikasi Khusus needs the administrative-reform minister's consideration (JEM-24).
    App7 = "APP-7", Application;
    /// A handover carries architecture documents, source code, manual and test reports (LPK-13.4).
    App8 = "APP-8", Application;
    /// A deployed app carries requirements, design, user manual and source code (MGR-13).
    App9 = "APP-9", Application;
    /// A PD runs at most one app per function (LPK-13.6).
    App11 = "APP-11", Application;
    /// A desktop app developed further becomes a web app (LPK-13.7).
    App12 = "APP-12", Application;
    /// Each app is monitored and evaluated periodically (LPK-13.8).
    App13 = "APP-13", Application;
    /// Each app in use has its policy document and SOP (LPK-13.9).
    App14 = "APP-14", Application;
    /// Each electronic system has an SLA (LPK-8.2).
    App15 = "APP-15", Application;
    /// A shared app from a central agency has its legal basis and origin on record (LPK-15.2).
    App16 = "APP-16", Application;
    /// Domains and subdomains are under the region's official domain (MET-28, LPK-14, MGR-17.2).
    Dom1 = "DOM-1", Domain;
    /// A PD whose subdomain is not integrated with the official domain (MET-48.2).
    Dom2 = "DOM-2", Pd;
    /// Each PD runs a website (MGR-17.1, LPK-14.2).
    Dom3 = "DOM-3", Pd;
    /// Datasets are updated within their update frequency (MET-19.3).
    Dat2 = "DAT-2", Dataset;
    /// Data is kept in the Pusat Data, managed by Dinas only with the PD's consent (MET-19.2, LPK-11.4, MGR-9).
    Dat3 = "DAT-3", Dataset;
    /// Each PD backs up its data regularly to the Pusat Data (MGR-10).
    Dat7 = "DAT-7", Pd;
    /// Each PD submits its LAN diagram at least yearly (MGR-16).
    Inf5 = "INF-5", Pd;
    /// Each Aplikasi Khusus is audited at least yearly (JEM-43.2).
    Aud2 = "AUD-2", Application;
    /// Security audit of the infrastructure and each Aplikasi Khusus at least yearly (JEM-44.3).
    Aud3 = "AUD-3", Region;
    /// SPBE monitoring and evaluation at least yearly (MET-45, JEM-52, MGR-23, LPK-18).
    Eva1 = "EVA-1", Region;
    /// Technical supervision by Dinas at least yearly (MET-44).
    Eva2 = "EVA-2", Region;
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Rule {
    /// The catalogue kinds the rule reads (the snapshot loads only what enabled rules read).
    pub fn reads(self) -> &'static [crate::catalogue::EntityKind] {
        use crate::catalogue::EntityKind::*;
        match self {
            Rule::App2
            | Rule::App3
            | Rule::App4
            | Rule::App5
            | Rule::App6
            | Rule::App7
            | Rule::App8
            | Rule::App9
            | Rule::App11
            | Rule::App12
            | Rule::App13
            | Rule::App14
            | Rule::App15
            | Rule::App16
            | Rule::Aud2
            | Rule::Aud3
            | Rule::Pln8 => &[Application],
            Rule::Dom1 | Rule::Dom2 | Rule::Dom3 => &[Domain],
            Rule::Dat2 | Rule::Dat3 => &[Dataset],
            Rule::Dat7 => &[BackupReport],
            Rule::Inf5 => &[LanDiagram],
            Rule::Org5 | Rule::Org6 | Rule::Pln2 | Rule::Pln3 | Rule::Pln4 | Rule::Pln7 => &[],
            Rule::Eva1 | Rule::Eva2 => &[],
        }
    }

    /// Whether the rule looks at the documents attached to records.
    pub fn reads_documents(self) -> bool {
        matches!(
            self,
            Rule::App4 | Rule::App6 | Rule::App8 | Rule::App9 | Rule::App14 | Rule::App15
        )
    }
}
