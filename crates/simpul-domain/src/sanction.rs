//! Administrative sanctions (SAN-1): the kinds a regulation allows, the lifecycle
//! `diusulkan → ditetapkan | ditolak`, validated proposals and decisions, and the decision
//! document the platform signs (see [`crate::signing`]).
//!
//! Only Kota Metro (Perda 8/2019 Pasal 48) and Lima Puluh Kota (Perbup 47/2018 Pasal 19)
//! have a sanction article; Jembrana and Manggarai have none, so their packs leave the
//! [`SanctionWorkflow`] out and nothing can be proposed there.

use crate::compliance::Citation;
use crate::ids::{PdId, RegionId, SanctionId};
use crate::text::{optional, parse_enum, required};
use crate::validation::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

mod workflow;
pub use workflow::{SanctionStep, SanctionWorkflow};

/// A kind of administrative sanction, by stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SanctionKind {
    TeguranLisan,
    TeguranTertulis,
    SanksiKepegawaian,
}

impl SanctionKind {
    pub const ALL: [SanctionKind; 3] = [
        SanctionKind::TeguranLisan,
        SanctionKind::TeguranTertulis,
        SanctionKind::SanksiKepegawaian,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SanctionKind::TeguranLisan => "teguran_lisan",
            SanctionKind::TeguranTertulis => "teguran_tertulis",
            SanctionKind::SanksiKepegawaian => "sanksi_kepegawaian",
        }
    }

    pub fn from_code(s: &str) -> Option<SanctionKind> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Where a sanction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SanctionStatus {
    Diusulkan,
    Ditetapkan,
    Ditolak,
}

impl SanctionStatus {
    pub const ALL: [SanctionStatus; 3] = [
        SanctionStatus::Diusulkan,
        SanctionStatus::Ditetapkan,
        SanctionStatus::Ditolak,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SanctionStatus::Diusulkan => "diusulkan",
            SanctionStatus::Ditetapkan => "ditetapkan",
            SanctionStatus::Ditolak => "ditolak",
        }
    }

    pub fn from_code(s: &str) -> Option<SanctionStatus> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// One sanctionable violation of a sanction article: the ayat that sanctions it, quoted as
/// written, and the article that holds the obligation (issue 9.11). The two can differ: Perda
/// Kota Metro 8/2019 Pasal 48 ayat (1) points to "Pasal 18" and ayat (2) to "Pasal 29 ayat
/// (3)", while the obligations sit in Pasal 17 ayat (1) and Pasal 28 ayat (3).
#[derive(Debug, Clone, Copy)]
pub struct SanctionGround {
    pub ayat: &'static str,
    /// The ayat's text, quoted as written (cross-references included).
    pub text: &'static str,
    /// The article that holds the obligation, e.g. "Pasal 17 ayat (1)".
    pub obligation: &'static str,
    /// The article the text names instead, when its cross-reference is off.
    pub cited_as: Option<&'static str>,
    /// The obligations (rule codes) whose violation this ayat sanctions.
    pub rules: &'static [&'static str],
}

/// A region's sanction article: the ayat that sanctions each violation, and the ayat listing
/// the kinds, in the regulation's own words.
#[derive(Debug, Clone, Copy)]
pub struct SanctionArticle {
    /// The pack (region slug) whose regulation this is.
    pub region: &'static str,
    pub instrument: &'static str,
    pub pasal: &'static str,
    /// The ayat listing the kinds of sanction.
    pub ayat: &'static str,
    pub text: &'static str,
    pub kinds: &'static [(SanctionKind, &'static str)],
    pub grounds: &'static [SanctionGround],
}

/// The sanction basis of one finding: the ayat that makes its violation sanctionable, quoted,
/// with the obligation's article beside it, and the ayat listing the kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SanctionBasis {
    /// e.g. "Pasal 48 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019".
    pub citation: String,
    /// That ayat's text, quoted as written.
    pub text: String,
    /// The article of the obligation violated, e.g. "Pasal 17 ayat (1)".
    pub obligation: String,
    /// The article the quoted text names instead, when its cross-reference is off ("Pasal 18").
    pub cited_as: Option<String>,
    /// The ayat listing the kinds, e.g. "Pasal 48 ayat (3) Perda Kota Metro Nomor 8 Tahun 2019".
    pub kinds_citation: String,
}

impl SanctionArticle {
    /// The ayat listing the kinds.
    pub fn citation(&self) -> Citation {
        Citation {
            instrument: self.instrument.to_owned(),
            pasal: self.pasal.to_owned(),
            ayat: Some(self.ayat.to_owned()),
            huruf: None,
            text: self.text.to_owned(),
        }
    }

    /// The regulation's wording of `kind`, when it allows that kind.
    pub fn wording(&self, kind: SanctionKind) -> Option<&'static str> {
        self.kinds.iter().find(|(k, _)| *k == kind).map(|(_, w)| *w)
    }

    /// The ayat that sanctions violating `rule`, if any.
    pub fn ground(&self, rule: &str) -> Option<&'static SanctionGround> {
        self.grounds.iter().find(|g| g.rules.contains(&rule))
    }

    /// Whether violating `rule` is sanctionable.
    pub fn covers(&self, rule: &str) -> bool {
        self.ground(rule).is_some()
    }

    /// The sanction basis of a finding of `rule`.
    pub fn basis(&self, rule: &str) -> Option<SanctionBasis> {
        let g = self.ground(rule)?;
        Some(SanctionBasis {
            citation: format!("Pasal {} ayat ({}) {}", self.pasal, g.ayat, self.instrument),
            text: g.text.to_owned(),
            obligation: g.obligation.to_owned(),
            cited_as: g.cited_as.map(str::to_owned),
            kinds_citation: self.citation().full(),
        })
    }

    /// The legal basis of a sanction for findings of `rules`: the ayat(s) that sanction those
    /// violations and the ayat listing the kinds, e.g. "Pasal 48 ayat (1) dan ayat (3) Perda
    /// Kota Metro Nomor 8 Tahun 2019".
    pub fn legal_basis<'a>(&self, rules: impl IntoIterator<Item = &'a str>) -> String {
        let mut ayats: Vec<&str> = Vec::new();
        for r in rules {
            if let Some(g) = self.ground(r) {
                if !ayats.contains(&g.ayat) {
                    ayats.push(g.ayat);
                }
            }
        }
        ayats.sort();
        ayats.push(self.ayat);
        let list: Vec<String> = ayats.iter().map(|a| format!("ayat ({a})")).collect();
        let joined = match list.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} dan {last}", rest.join(", ")),
            _ => list.join(""),
        };
        format!("Pasal {} {joined} {}", self.pasal, self.instrument)
    }
}

const ARTICLES: &[SanctionArticle] = &[
    SanctionArticle {
        region: "metro",
        instrument: "Perda Kota Metro Nomor 8 Tahun 2019",
        pasal: "48",
        ayat: "3",
        text: "Sanksi administratif sebagaimana dimaksud pada ayat (1) dan ayat (2), meliputi : a. Teguran lisan; b. Teguran tertulis; dan/atau c. Sanksi kepegawaian sesuai dengan ketentuan peraturan perundang-undangan.",
        kinds: &[
            (SanctionKind::TeguranLisan, "Teguran lisan"),
            (SanctionKind::TeguranTertulis, "Teguran tertulis"),
            (
                SanctionKind::SanksiKepegawaian,
                "Sanksi kepegawaian sesuai dengan ketentuan peraturan perundang-undangan",
            ),
        ],
        grounds: &[
            SanctionGround {
                ayat: "1",
                text: "Perangkat Daerah yang membangun dan/atau mengembangkan Aplikasi dan/atau Website yang tidak melalui Dinas sebagaimana dimaksud dalam Pasal 18 dikenakan sanksi administratif.",
                obligation: "Pasal 17 ayat (1)",
                cited_as: Some("Pasal 18"),
                rules: &["APP-2"],
            },
            SanctionGround {
                ayat: "2",
                text: "Perangkat Daerah yang tidak mengintegrasikan nama subdomain dengan nama domain metrokota.go.id sebagaimana dimaksud dalam Pasal 29 ayat (3) dikenakan sanksi administratif.",
                obligation: "Pasal 28 ayat (3)",
                cited_as: Some("Pasal 29 ayat (3)"),
                rules: &["DOM-1", "DOM-2"],
            },
        ],
    },
    SanctionArticle {
        region: "limapuluhkota",
        instrument: "Perbup Lima Puluh Kota Nomor 47 Tahun 2018",
        pasal: "19",
        ayat: "2",
        text: "Sanksi administratif sebagaimana dimaksud pada ayat (1), berupa: a. peringatan lisan; b. peringatan tulisan berupa surat teguran.",
        kinds: &[
            (SanctionKind::TeguranLisan, "Peringatan lisan"),
            (
                SanctionKind::TeguranTertulis,
                "Peringatan tulisan berupa surat teguran",
            ),
        ],
        // Pasal 19 ayat (1): Pasal 8 ayat (2) (APP-15), Pasal 11 ayat (3) (DAT-2), Pasal 13
        // (APP-5, APP-8, APP-11..14), Pasal 15 ayat (2) (APP-16).
        grounds: &[SanctionGround {
            ayat: "1",
            text: "OPD yang melanggar ketentuan sebagaimana dimaksud dalam Pasal 8 ayat (2), Pasal 11 ayat (1), ayat (3), Pasal 13, dan Pasal 15 ayat (2) dikenakan sanksi administratif oleh Bupati.",
            obligation: "Pasal 8 ayat (2), Pasal 11 ayat (1) dan (3), Pasal 13, Pasal 15 ayat (2)",
            cited_as: None,
            rules: &[
                "APP-5", "APP-8", "APP-11", "APP-12", "APP-13", "APP-14", "APP-15", "APP-16",
                "DAT-2",
            ],
        }],
    },
];

/// The sanction article of a pack's regulation (by the pack's region slug), if it has one.
pub fn article_for(pack: &str) -> Option<&'static SanctionArticle> {
    ARTICLES.iter().find(|a| a.region == pack)
}

/// Untrusted input of a proposal, as typed in the form or sent as JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProposalInput {
    /// The Perangkat Daerah to be sanctioned.
    #[serde(default)]
    pub pd_id: String,
    /// `teguran_lisan`, `teguran_tertulis` or `sanksi_kepegawaian` (as the region allows).
    #[serde(default)]
    pub kind: String,
    /// Active findings of that PD the sanction is for (at least one).
    #[serde(default)]
    pub finding_ids: Vec<String>,
    #[serde(default)]
    pub reason: String,
}

/// A proposal that passed validation (the findings are checked against the store later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProposal {
    pub pd: PdId,
    pub kind: SanctionKind,
    pub finding_ids: Vec<String>,
    pub reason: String,
}

/// At most this many findings in one sanction.
pub const MAX_FINDINGS: usize = 100;

impl ProposalInput {
    /// Validates the input against the region's sanction article; every bad field is named.
    pub fn validate(&self, article: &SanctionArticle) -> Result<ValidProposal, Invalid> {
        let mut inv = Invalid::default();
        let pd = match self.pd_id.trim() {
            "" => inv.take::<PdId>(Err(FieldError::new("pd_id", "required"))),
            s => inv.take(s.parse().map_err(|_| FieldError::new("pd_id", "invalid"))),
        };
        let kind = inv.take(parse_enum("kind", &self.kind, &SanctionKind::ALL, |k| {
            k.code()
        }));
        if let Some(k) = kind {
            if article.wording(k).is_none() {
                let allowed: Vec<&str> = article.kinds.iter().map(|(k, _)| k.code()).collect();
                inv.push(FieldError::with_param(
                    "kind",
                    "sanction_kind_not_allowed",
                    allowed.join(", "),
                ));
            }
        }
        let mut ids: Vec<String> = Vec::new();
        for raw in &self.finding_ids {
            let id = raw.trim();
            if uuid::Uuid::parse_str(id).is_err() {
                inv.push(FieldError::new("finding_ids", "invalid"));
                break;
            }
            if !ids.iter().any(|x| x == id) {
                ids.push(id.to_owned());
            }
        }
        if ids.is_empty() && !inv.0.iter().any(|e| e.field == "finding_ids") {
            inv.push(FieldError::new("finding_ids", "sanction_no_findings"));
        }
        if ids.len() > MAX_FINDINGS {
            inv.push(FieldError::with_param(
                "finding_ids",
                "too_many",
                MAX_FINDINGS,
            ));
        }
        let reason = inv.take(required("reason", &self.reason, 2000, true));
        inv.clone().into_result()?;
        match (pd, kind, reason) {
            (Some(pd), Some(kind), Some(reason)) => Ok(ValidProposal {
                pd,
                kind,
                finding_ids: ids,
                reason,
            }),
            _ => Err(inv),
        }
    }
}

/// What the head of region decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Ditetapkan,
    Ditolak,
}

impl Verdict {
    pub const ALL: [Verdict; 2] = [Verdict::Ditetapkan, Verdict::Ditolak];

    pub fn code(self) -> &'static str {
        match self {
            Verdict::Ditetapkan => "ditetapkan",
            Verdict::Ditolak => "ditolak",
        }
    }

    pub fn status(self) -> SanctionStatus {
        match self {
            Verdict::Ditetapkan => SanctionStatus::Ditetapkan,
            Verdict::Ditolak => SanctionStatus::Ditolak,
        }
    }
}

/// Untrusted input of a decision.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DecisionInput {
    /// `ditetapkan` or `ditolak`.
    #[serde(default)]
    pub decision: String,
    /// Required when the proposal is refused.
    #[serde(default)]
    pub note: Option<String>,
}

impl DecisionInput {
    /// The verdict alone, which says which step the decision is.
    pub fn verdict(&self) -> Result<Verdict, Invalid> {
        parse_enum("decision", &self.decision, &Verdict::ALL, |v| v.code())
            .map_err(|e| Invalid(vec![e]))
    }

    pub fn validate(&self) -> Result<(Verdict, Option<String>), Invalid> {
        let mut inv = Invalid::default();
        let verdict = inv.take(parse_enum("decision", &self.decision, &Verdict::ALL, |v| {
            v.code()
        }));
        let note = inv.take(optional("note", self.note.as_deref(), 2000, true));
        if verdict == Some(Verdict::Ditolak) && matches!(note, Some(None)) {
            inv.push(FieldError::new("note", "sanction_note_required"));
        }
        inv.clone().into_result()?;
        match (verdict, note) {
            (Some(v), Some(n)) => Ok((v, n)),
            _ => Err(inv),
        }
    }
}

/// One finding as a sanction shows and signs it: what was violated and where the rule is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SanctionFinding {
    pub id: String,
    /// The obligation id, e.g. `APP-2`.
    pub rule: String,
    /// What the finding is about (record or PD name).
    pub subject: String,
    /// The finding's status when read.
    pub status: crate::compliance::FindingStatus,
    /// "Pasal 17 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019", empty if the pack has no such rule.
    pub citation: String,
    /// The article's text, quoted.
    pub citation_text: String,
    /// The ayat that makes the violation sanctionable (absent in decisions signed before
    /// issue 9.11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanction: Option<SanctionBasis>,
}

/// A person as named in a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub name: String,
    pub role: String,
}

/// The PD as named in a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionPd {
    pub id: String,
    pub code: String,
    pub name: String,
}

/// Format tag of the decision document, so later versions can be told apart.
pub const DECISION_FORMAT: &str = "simpul.sanction-decision/1";

/// The decision document that is signed. Every value is a string (no number formatting to
/// disagree about); the canonical JSON of this document is what the signature covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub format: String,
    pub region: String,
    pub sanction_id: String,
    pub pd: DecisionPd,
    pub kind: String,
    /// The kind in the regulation's own words.
    pub kind_label: String,
    /// The sanction article: the ayat sanctioning the findings' violations and the ayat of the
    /// kinds, e.g. "Pasal 48 ayat (1) dan ayat (3) Perda Kota Metro Nomor 8 Tahun 2019".
    pub legal_basis: String,
    pub findings: Vec<SanctionFinding>,
    pub proposal_reason: String,
    pub proposed_by: Signatory,
    pub proposed_at: String,
    pub decided_by: Signatory,
    /// `ditetapkan` or `ditolak`.
    pub decision: String,
    pub decision_note: String,
    pub decided_at: String,
}

/// A sanction as stored and listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sanction {
    pub id: SanctionId,
    pub region: RegionId,
    pub pd_id: PdId,
    /// The PD's name (joined for lists).
    pub pd_name: String,
    pub kind: SanctionKind,
    pub reason: String,
    pub status: SanctionStatus,
    /// Full name of the administrator who proposed it.
    pub proposed_by: String,
    pub proposed_at: String,
    /// Full name of the head of region who decided.
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
    /// Whether a signed decision is stored.
    pub signed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metro() -> &'static SanctionArticle {
        article_for("metro").unwrap()
    }

    fn input() -> ProposalInput {
        ProposalInput {
            pd_id: PdId::new().to_string(),
            kind: "teguran_tertulis".into(),
            finding_ids: vec![uuid::Uuid::now_v7().to_string()],
            reason: "Aplikasi dibangun tanpa melalui Dinas.".into(),
        }
    }

    #[test]
    fn kinds_follow_each_regulation() {
        assert_eq!(metro().kinds.len(), 3);
        let lpk = article_for("limapuluhkota").unwrap();
        assert!(lpk.wording(SanctionKind::SanksiKepegawaian).is_none());
        assert!(article_for("jembrana").is_none());
        assert!(article_for("manggarai").is_none());
    }

    #[test]
    fn sanctioned_rules_are_enabled_in_the_region_packs() {
        let packs = crate::region::builtin_packs().unwrap();
        for a in ARTICLES {
            let pack = packs
                .iter()
                .find(|p| p.region.slug.as_str() == a.region)
                .unwrap();
            for r in a.grounds.iter().flat_map(|g| g.rules) {
                assert!(
                    pack.rules.iter().any(|c| c.rule.code() == *r),
                    "{} {r}",
                    a.region
                );
            }
            assert!(a.instrument == pack.rules[0].citation.instrument);
        }
    }

    #[test]
    fn a_proposal_names_every_bad_field() {
        assert!(input().validate(metro()).is_ok());
        let bad = ProposalInput {
            pd_id: "x".into(),
            kind: "denda".into(),
            finding_ids: vec![],
            reason: " ".into(),
        };
        let fields: Vec<_> = bad
            .validate(metro())
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("pd_id".into(), "invalid"),
                ("kind".into(), "unknown_value"),
                ("finding_ids".into(), "sanction_no_findings"),
                ("reason".into(), "required"),
            ]
        );
        let lpk = article_for("limapuluhkota").unwrap();
        let e = ProposalInput {
            kind: "sanksi_kepegawaian".into(),
            ..input()
        }
        .validate(lpk)
        .unwrap_err();
        assert_eq!(e.0[0].code, "sanction_kind_not_allowed");
    }

    #[test]
    fn metro_app2_is_sanctionable_under_pasal_48_ayat_1_quoted_as_written_beside_pasal_17() {
        let b = metro().basis("APP-2").unwrap();
        assert_eq!(
            b.citation,
            "Pasal 48 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019"
        );
        // Quoted as written: the Perda points to "Pasal 18"; the obligation is Pasal 17 ayat (1).
        assert!(b.text.contains("sebagaimana dimaksud dalam Pasal 18"));
        assert_eq!(b.obligation, "Pasal 17 ayat (1)");
        assert_eq!(b.cited_as.as_deref(), Some("Pasal 18"));
        assert!(b.kinds_citation.starts_with("Pasal 48 ayat (3)"));
        let dom = metro().basis("DOM-2").unwrap();
        assert!(dom.citation.starts_with("Pasal 48 ayat (2)"));
        assert_eq!(dom.obligation, "Pasal 28 ayat (3)");
        assert_eq!(
            metro().legal_basis(["APP-2"]),
            "Pasal 48 ayat (1) dan ayat (3) Perda Kota Metro Nomor 8 Tahun 2019"
        );
        assert_eq!(
            metro().legal_basis(["DOM-1", "APP-2", "DOM-2"]),
            "Pasal 48 ayat (1), ayat (2) dan ayat (3) Perda Kota Metro Nomor 8 Tahun 2019"
        );
        assert!(metro().basis("APP-4").is_none());
    }

    #[test]
    fn refusing_needs_a_note() {
        let d = DecisionInput {
            decision: "ditolak".into(),
            note: None,
        };
        assert_eq!(
            d.validate().unwrap_err().0[0].code,
            "sanction_note_required"
        );
        let d = DecisionInput {
            decision: "ditetapkan".into(),
            note: Some(" ".into()),
        };
        assert_eq!(d.validate().unwrap(), (Verdict::Ditetapkan, None));
        assert!(DecisionInput::default().validate().is_err());
    }
}
