//! The rule list of a region pack: which rules the region's regulation contains, each with
//! its citation and parameters, validated at load.

use super::rule::Rule;
use crate::catalogue::Developer;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Rendah,
    Sedang,
    Tinggi,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Rendah, Severity::Sedang, Severity::Tinggi];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Rendah => "rendah",
            Severity::Sedang => "sedang",
            Severity::Tinggi => "tinggi",
        }
    }

    pub fn from_code(s: &str) -> Option<Severity> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// Where the region's regulation says it: instrument, pasal, ayat, huruf and the quoted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// e.g. "Perda Kota Metro Nomor 8 Tahun 2019".
    pub instrument: String,
    pub pasal: String,
    #[serde(default)]
    pub ayat: Option<String>,
    #[serde(default)]
    pub huruf: Option<String>,
    /// The article's Indonesian text, quoted from the regulation.
    pub text: String,
}

impl Citation {
    /// "Pasal 17 ayat (2) huruf a".
    pub fn article(&self) -> String {
        let mut s = format!("Pasal {}", self.pasal);
        if let Some(a) = &self.ayat {
            s.push_str(&format!(" ayat ({a})"));
        }
        if let Some(h) = &self.huruf {
            s.push_str(&format!(" huruf {h}"));
        }
        s
    }

    /// "Pasal 17 ayat (2) Perda Kota Metro Nomor 8 Tahun 2019".
    pub fn full(&self) -> String {
        format!("{} {}", self.article(), self.instrument)
    }
}

/// Parameters of the rules; every field has the default of the national reading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Params {
    /// Longest gap, in days, for periodic obligations (APP-13, DAT-7, INF-5, AUD-2, AUD-3, EVA-1, EVA-2).
    pub max_days: Option<u32>,
    /// Longest gap between reviews, in years (PLN-2, PLN-3, PLN-4).
    pub max_years: Option<u32>,
    /// Grace for records that existed before the regulation (PLN-8).
    pub grace_days: Option<u32>,
    /// Who may build an Aplikasi Umum of large complexity (APP-3).
    pub umum_besar: Option<Vec<Developer>>,
    /// Who may build an Aplikasi Umum of small complexity (APP-3).
    pub umum_kecil: Option<Vec<Developer>>,
    /// Who may build an Aplikasi Khusus (APP-3).
    pub khusus: Option<Vec<Developer>>,
    /// Whether a third party may build only through Dinas (APP-3).
    pub pihak_ketiga_only_via_dinas: Option<bool>,
    /// The domain the pack's article requires domains and subdomains to sit under (DOM-1,
    /// DOM-2, DOM-3). Filled from the pack's `official_domain` when the pack does not set it,
    /// so a rule always checks the domain its own citation names (see [`Params::domain_or`]).
    pub domain: Option<String>,
}

impl Params {
    /// `max_days`, or the default for a periodic rule.
    pub fn days(&self, default: u32) -> i64 {
        i64::from(self.max_days.unwrap_or(default))
    }

    /// The domain a DOM rule checks: the pack's (the one its citation quotes), else the
    /// region's own (a rule config built without a pack, e.g. in tests).
    pub fn domain_or<'a>(&'a self, region_domain: &'a str) -> &'a str {
        self.domain.as_deref().unwrap_or(region_domain)
    }

    fn allowed(&self, rule: Rule) -> Result<(), String> {
        let periodic = matches!(
            rule,
            Rule::App13
                | Rule::Dat7
                | Rule::Inf5
                | Rule::Aud2
                | Rule::Aud3
                | Rule::Eva1
                | Rule::Eva2
        );
        let reviewed = matches!(rule, Rule::Pln2 | Rule::Pln3 | Rule::Pln4);
        let checks = [
            ("max_days", self.max_days.is_some(), periodic),
            ("max_years", self.max_years.is_some(), reviewed),
            ("grace_days", self.grace_days.is_some(), rule == Rule::Pln8),
            ("umum_besar", self.umum_besar.is_some(), rule == Rule::App3),
            ("umum_kecil", self.umum_kecil.is_some(), rule == Rule::App3),
            ("khusus", self.khusus.is_some(), rule == Rule::App3),
            (
                "pihak_ketiga_only_via_dinas",
                self.pihak_ketiga_only_via_dinas.is_some(),
                rule == Rule::App3,
            ),
            (
                "domain",
                self.domain.is_some(),
                matches!(rule, Rule::Dom1 | Rule::Dom2 | Rule::Dom3),
            ),
        ];
        for (name, set, ok) in checks {
            if set && !ok {
                return Err(format!("parameter `{name}` does not apply to {rule}"));
            }
        }
        if self.max_days == Some(0) || self.max_years == Some(0) {
            return Err(format!("{rule}: a period must be at least 1"));
        }
        Ok(())
    }
}

/// Institutions and statuses a region's regulation knows of. A concept the regulation does
/// not have must not appear in the region's checks, forms or messages (issue 9.11): e.g.
/// only Perbup Manggarai 52/2021 has the PD Mandiri TIK (Pasal 1 angka 31, Pasal 18).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Concepts {
    /// The regulation designates some PDs "PD Mandiri TIK"; without it the PD flag is not
    /// shown and APP-3 never reads it (`pd_mandiri_tik` as a builder then means the PD
    /// building its own system).
    pub pd_mandiri_tik: bool,
}

/// One enabled rule of a region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    pub rule: Rule,
    pub severity: Severity,
    pub citation: Citation,
    #[serde(default)]
    pub params: Params,
}

/// Validates a pack's rule list: each rule at most once, a citation with an article and
/// text, parameters that belong to the rule.
pub fn validate_rules(rules: &[RuleConfig]) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for r in rules {
        if !seen.insert(r.rule) {
            return Err(format!("rule {} is listed twice", r.rule));
        }
        let c = &r.citation;
        if c.instrument.trim().is_empty() || c.pasal.trim().is_empty() {
            return Err(format!(
                "rule {}: citation needs instrument and pasal",
                r.rule
            ));
        }
        if c.text.trim().len() < 20 {
            return Err(format!(
                "rule {}: citation text must quote the article",
                r.rule
            ));
        }
        r.params.allowed(r.rule)?;
    }
    Ok(())
}
