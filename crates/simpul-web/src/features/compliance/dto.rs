//! The API bodies of compliance: the regulation pack's rules, findings and the overview.

use crate::api::dto::{closed, response};
use crate::features::sanctions::dto::SanctionBasis;
use simpul_app::compliance::findings as views;
use simpul_app::compliance::findings::{PdCompliance, RuleCounts};
use simpul_app::kernel::timeline::TimelineEntry;
use simpul_domain::catalogue::Developer;
use simpul_domain::compliance;
use simpul_domain::compliance::FindingStep;
use simpul_domain::ids::PdId;
use simpul_domain::workflow::Code;
use simpul_store::findings;
use std::collections::BTreeMap;

closed! {
    /// A rule: the check of one obligation of kind C. Its code is the obligation id.
    Rule = compliance::Rule::ALL, compliance::Rule::code;
    /// What a rule checks one by one: a catalogue record, a Perangkat Daerah, or the region.
    SubjectKind = compliance::SubjectKind::ALL, compliance::SubjectKind::code;
    /// How serious a finding is.
    Severity = compliance::Severity::ALL, compliance::Severity::code;
    /// Where a finding stands; the codes are stored and on the wire.
    FindingStatus = compliance::FindingStatus::ALL, compliance::FindingStatus::code;
}

response! {
    /// Compliance of a region: per rule, per PD and over time.
    Overview from views::Overview {
        pack: Option<String>,
        pack_instrument: Option<String>,
        evaluated_on: Option<String>,
        /// Checks of the rules with data (`rule_counts.with_data` rules) and how many were met.
        applicable: i64,
        met: i64,
        /// `met` of `applicable` in percent: over the rules with data only.
        percent: i64,
        /// Rules with data, met, and without data.
        rule_counts: RuleCounts,
        rules: Vec<RuleStatus> => crate::api::dto::many,
        pds: Vec<PdCompliance>,
        history: Vec<DayTally> => crate::api::dto::many,
    }
}

response! {
    /// One rule in the overview.
    RuleStatus from views::RuleStatus {
        config: RuleConfig => crate::api::dto::one,
        /// `checked`, `no_data` or `transition` at the last region-wide evaluation.
        state: String,
        applicable: i64,
        met: i64,
        /// Active findings now (terbuka or diakui, outside a transitional period).
        active: i64,
    }
}

response! {
    /// One day's tally of a scope.
    DayTally from findings::DayTally {
        day: String,
        scope: String,
        applicable: i64,
        met: i64,
        state: String,
    }
}

response! {
    /// A finding with what the regulation says and what happened to it.
    FindingDetail from views::FindingDetail {
        finding: Finding => crate::api::dto::one,
        /// The rule as the region's pack enables it (None when the pack no longer has it).
        rule: Option<RuleConfig> => crate::api::dto::opt,
        /// The ayat that makes this violation sanctionable, when the regulation has one (issue 9.11).
        sanction: Option<SanctionBasis> => crate::api::dto::opt,
        /// What happened to it, oldest first (workflow `finding`'s history).
        timeline: Vec<TimelineEntry>,
        /// The steps the caller may take on it now.
        #[schema(value_type = Vec<String>)] steps: Vec<FindingStep>,
    }
}

response! {
    /// A finding as shown.
    Finding from findings::Finding {
        id: String,
        rule: String,
        subject_kind: String,
        subject_id: String,
        subject_name: String,
        #[schema(value_type = Option<String>)] pd_id: Option<PdId>,
        pd_name: Option<String>,
        severity: String,
        detail: Detail => crate::api::dto::one,
        #[schema(value_type = FindingStatus)] status: compliance::FindingStatus,
        grace_until: Option<String>,
        first_seen: String,
        last_seen: String,
        resolved_at: Option<String>,
        note: Option<String>,
        decided_by: Option<String>,
    }
}

response! {
    /// Why a check failed: a message key of the i18n files (`finding.<key>`) and its arguments.
    Detail from compliance::Detail {
        key: String,
        args: BTreeMap<String, String>,
    }
}

response! {
    /// One enabled rule of a region.
    #[serde(deny_unknown_fields)]
    RuleConfig from compliance::RuleConfig {
        #[schema(value_type = Rule)] rule: compliance::Rule,
        #[schema(value_type = Severity)] severity: compliance::Severity,
        citation: Citation => crate::api::dto::one,
        #[serde(default)] params: Params => crate::api::dto::one,
    }
}

response! {
    /// Where the region's regulation says it: instrument, pasal, ayat, huruf and the quoted text.
    #[serde(deny_unknown_fields)]
    Citation from compliance::Citation {
        /// e.g. "Perda Kota Metro Nomor 8 Tahun 2019".
        instrument: String,
        pasal: String,
        #[serde(default)] ayat: Option<String>,
        #[serde(default)] huruf: Option<String>,
        /// The article's Indonesian text, quoted from the regulation.
        text: String,
    }
}

response! {
    /// Parameters of the rules; every field has the default of the national reading.
    #[serde(deny_unknown_fields, default)]
    #[derive(Default)]
    Params from compliance::Params {
        /// Longest gap, in days, for periodic obligations (APP-13, DAT-7, INF-5, AUD-2, AUD-3, EVA-1, EVA-2).
        max_days: Option<u32>,
        /// Longest gap between reviews, in years (PLN-2, PLN-3, PLN-4).
        max_years: Option<u32>,
        /// Grace for records that existed before the regulation (PLN-8).
        grace_days: Option<u32>,
        /// Who may build an Aplikasi Umum of large complexity (APP-3).
        #[schema(value_type = Option<Vec<String>>)] umum_besar: Option<Vec<Developer>>,
        /// Who may build an Aplikasi Umum of small complexity (APP-3).
        #[schema(value_type = Option<Vec<String>>)] umum_kecil: Option<Vec<Developer>>,
        /// Who may build an Aplikasi Khusus (APP-3).
        #[schema(value_type = Option<Vec<String>>)] khusus: Option<Vec<Developer>>,
        /// Whether a third party may build only through Dinas (APP-3).
        pihak_ketiga_only_via_dinas: Option<bool>,
        /// The domain the pack's article requires domains and subdomains to sit under (DOM-1,
        /// DOM-2, DOM-3). Filled from the pack's `official_domain` when the pack does not set it,
        /// so a rule always checks the domain its own citation names (see [`Params::domain_or`]).
        domain: Option<String>,
    }
}
