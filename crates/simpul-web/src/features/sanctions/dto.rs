//! The API bodies of administrative sanctions and signed decisions.

use crate::api::dto::{closed, request, response};
use crate::features::compliance::dto::FindingStatus;
use simpul_app::sanctions as views;
use simpul_domain::ids::{PdId, RegionId, SanctionId};
use simpul_domain::{compliance, sanction, signing};

closed! {
    /// A kind of administrative sanction, by stable code.
    SanctionKind = sanction::SanctionKind::ALL, sanction::SanctionKind::code;
    /// Where a sanction stands.
    SanctionStatus = sanction::SanctionStatus::ALL, sanction::SanctionStatus::code;
}

response! {
    /// A sanction with its findings and, once decided, the signed decision.
    SanctionView from views::SanctionView {
        #[serde(flatten)] sanction: Sanction => crate::api::dto::one,
        findings: Vec<SanctionFinding> => crate::api::dto::many,
        /// The sanction article for these findings, e.g. "Pasal 48 ayat (1) dan ayat (3) Perda
        /// Kota Metro …" (the ayat sanctioning the violation and the ayat listing the kinds).
        legal_basis: Option<String>,
        /// The regulation's wording of the kind.
        kind_label: Option<String>,
        /// The signed decision document, once decided.
        decision: Option<Decision> => crate::api::dto::opt,
        /// The steps the viewer may take now (`approve`, `reject`), from the workflow definition.
        steps: Vec<String>,
    }
}

response! {
    /// A sanction as stored and listed.
    Sanction from sanction::Sanction {
        #[schema(value_type = String)] id: SanctionId,
        #[schema(value_type = String)] region: RegionId,
        #[schema(value_type = String)] pd_id: PdId,
        /// The PD's name (joined for lists).
        pd_name: String,
        #[schema(value_type = SanctionKind)] kind: sanction::SanctionKind,
        reason: String,
        #[schema(value_type = SanctionStatus)] status: sanction::SanctionStatus,
        /// Full name of the administrator who proposed it.
        proposed_by: String,
        proposed_at: String,
        /// Full name of the head of region who decided.
        decided_by: Option<String>,
        decided_at: Option<String>,
        decision_note: Option<String>,
        /// Whether a signed decision is stored.
        signed: bool,
    }
}

response! {
    /// The sanction basis of one finding: the ayat that makes its violation sanctionable, quoted,
    /// with the obligation's article beside it, and the ayat listing the kinds.
    SanctionBasis from sanction::SanctionBasis {
        /// e.g. "Pasal 48 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019".
        citation: String,
        /// That ayat's text, quoted as written.
        text: String,
        /// The article of the obligation violated, e.g. "Pasal 17 ayat (1)".
        obligation: String,
        /// The article the quoted text names instead, when its cross-reference is off ("Pasal 18").
        cited_as: Option<String>,
        /// The ayat listing the kinds, e.g. "Pasal 48 ayat (3) Perda Kota Metro Nomor 8 Tahun 2019".
        kinds_citation: String,
    }
}

response! {
    /// One finding as a sanction shows and signs it: what was violated and where the rule is.
    SanctionFinding from sanction::SanctionFinding {
        id: String,
        /// The obligation id, e.g. `APP-2`.
        rule: String,
        /// What the finding is about (record or PD name).
        subject: String,
        /// The finding's status when read.
        #[schema(value_type = FindingStatus)] status: compliance::FindingStatus,
        /// "Pasal 17 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019", empty if the pack has no such rule.
        citation: String,
        /// The article's text, quoted.
        citation_text: String,
        /// The ayat that makes the violation sanctionable (absent in decisions signed before
        /// issue 9.11).
        #[serde(default, skip_serializing_if = "Option::is_none")] sanction: Option<SanctionBasis> => crate::api::dto::opt,
    }
}

response! {
    /// The decision document that is signed. Every value is a string (no number formatting to
    /// disagree about); the canonical JSON of this document is what the signature covers.
    Decision from sanction::Decision {
        format: String,
        region: String,
        sanction_id: String,
        pd: DecisionPd => crate::api::dto::one,
        kind: String,
        /// The kind in the regulation's own words.
        kind_label: String,
        /// The sanction article: the ayat sanctioning the findings' violations and the ayat of the
        /// kinds, e.g. "Pasal 48 ayat (1) dan ayat (3) Perda Kota Metro Nomor 8 Tahun 2019".
        legal_basis: String,
        findings: Vec<SanctionFinding> => crate::api::dto::many,
        proposal_reason: String,
        proposed_by: Signatory => crate::api::dto::one,
        proposed_at: String,
        decided_by: Signatory => crate::api::dto::one,
        /// `ditetapkan` or `ditolak`.
        decision: String,
        decision_note: String,
        decided_at: String,
    }
}

response! {
    /// The PD as named in a decision.
    DecisionPd from sanction::DecisionPd {
        id: String,
        code: String,
        name: String,
    }
}

response! {
    /// A person as named in a decision.
    Signatory from sanction::Signatory {
        name: String,
        role: String,
    }
}

response! {
    /// The signed export file.
    #[serde(deny_unknown_fields)]
    SignedExport from signing::SignedExport {
        /// The signed document.
        #[schema(value_type = Object)] decision: serde_json::Value,
        /// Ed25519 signature over the canonical JSON of `decision`, 128 lower-case hex digits.
        signature: String,
        /// The signer's public key, 64 lower-case hex digits.
        public_key: String,
        /// Always `Ed25519`.
        algorithm: String,
    }
}

request! {
    /// Untrusted input of a proposal, as typed in the form or sent as JSON.
    ProposalInput into sanction::ProposalInput {
        /// The Perangkat Daerah to be sanctioned.
        #[serde(default)] pd_id: String,
        /// `teguran_lisan`, `teguran_tertulis` or `sanksi_kepegawaian` (as the region allows).
        #[serde(default)] kind: String,
        /// Active findings of that PD the sanction is for (at least one).
        #[serde(default)] finding_ids: Vec<String>,
        #[serde(default)] reason: String,
    }
}

request! {
    /// Untrusted input of a decision.
    SanctionDecisionInput into sanction::DecisionInput {
        /// `ditetapkan` or `ditolak`.
        #[serde(default)] decision: String,
        /// Required when the proposal is refused.
        #[serde(default)] note: Option<String>,
    }
}
