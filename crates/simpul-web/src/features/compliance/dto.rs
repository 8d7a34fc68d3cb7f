//! The API bodies of compliance: the regulation pack's rules, findings and the overview.

use crate::api::dto::closed;
use simpul_domain::compliance;

closed! {
    /// A rule: the check of one obligation of kind C. Its code is the obligation id.
    Rule = compliance::Rule::ALL, compliance::Rule::code;
    /// What a rule checks one by one: a catalogue record, a Perangkat Daerah, or the region.
    SubjectKind = compliance::SubjectKind::ALL, compliance::SubjectKind::code;
}
