//! Organisation of a region (ORG-2, ORG-3): the Perangkat Daerah register and the
//! Tim Koordinasi SPBE.

use crate::ids::{PdId, RegionId, TimMemberId, UserId};
use crate::text::{optional, parse_enum, required};
use crate::validation::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

/// Kind of Perangkat Daerah, as organised under PP 18/2016.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PdKind {
    Sekretariat,
    Dinas,
    Badan,
    Inspektorat,
    Kecamatan,
    Kelurahan,
    Rsud,
    Satuan,
    Lainnya,
}

impl PdKind {
    pub const ALL: [PdKind; 9] = [
        PdKind::Sekretariat,
        PdKind::Dinas,
        PdKind::Badan,
        PdKind::Inspektorat,
        PdKind::Kecamatan,
        PdKind::Kelurahan,
        PdKind::Rsud,
        PdKind::Satuan,
        PdKind::Lainnya,
    ];

    /// Stable storage and wire code.
    pub fn code(self) -> &'static str {
        match self {
            PdKind::Sekretariat => "sekretariat",
            PdKind::Dinas => "dinas",
            PdKind::Badan => "badan",
            PdKind::Inspektorat => "inspektorat",
            PdKind::Kecamatan => "kecamatan",
            PdKind::Kelurahan => "kelurahan",
            PdKind::Rsud => "rsud",
            PdKind::Satuan => "satuan",
            PdKind::Lainnya => "lainnya",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        parse_enum(field, raw, &Self::ALL, Self::code)
    }
}

/// A validated PD short code such as `DISKOMINFO`: A–Z, 0–9 and `-`, 2..=20 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PdCode(String);

impl PdCode {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let allowed = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-';
        let v = raw.trim().to_ascii_uppercase();
        crate::text::token(field, v, 2..=20, allowed, "pd_code").map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Perangkat Daerah as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PerangkatDaerah {
    pub id: PdId,
    pub region: RegionId,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: PdKind,
    pub head_name: Option<String>,
    pub head_title: Option<String>,
    pub tasks: Option<String>,
    pub is_kominfo: bool,
    pub is_planning: bool,
    pub is_inspectorate: bool,
    pub mandiri_tik: bool,
    pub retired_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Untrusted input for creating or editing a PD, as typed in a form or sent as JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PdInput {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    #[serde(default)]
    pub head_name: Option<String>,
    #[serde(default)]
    pub head_title: Option<String>,
    #[serde(default)]
    pub tasks: Option<String>,
    #[serde(default)]
    pub is_kominfo: bool,
    #[serde(default)]
    pub is_planning: bool,
    #[serde(default)]
    pub is_inspectorate: bool,
    #[serde(default)]
    pub mandiri_tik: bool,
}

/// A PD input that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPd {
    pub code: PdCode,
    pub name: String,
    pub short_name: String,
    pub kind: PdKind,
    pub head_name: Option<String>,
    pub head_title: Option<String>,
    pub tasks: Option<String>,
    pub is_kominfo: bool,
    pub is_planning: bool,
    pub is_inspectorate: bool,
    pub mandiri_tik: bool,
}

impl PdInput {
    /// Validates every field, collecting all problems at once.
    pub fn validate(&self) -> Result<ValidPd, Invalid> {
        let mut inv = Invalid::default();
        let code = inv.take(PdCode::parse("code", &self.code));
        let name = inv.take(required("name", &self.name, 200, false));
        let short_name = inv.take(required("short_name", &self.short_name, 60, false));
        let kind = inv.take(PdKind::parse("kind", &self.kind));
        let head_name = inv.take(optional("head_name", self.head_name.as_deref(), 200, false));
        let head_title = inv.take(optional(
            "head_title",
            self.head_title.as_deref(),
            100,
            false,
        ));
        let tasks = inv.take(optional("tasks", self.tasks.as_deref(), 4000, true));
        match (code, name, short_name, kind, head_name, head_title, tasks) {
            (
                Some(code),
                Some(name),
                Some(short_name),
                Some(kind),
                Some(head_name),
                Some(head_title),
                Some(tasks),
            ) if inv.is_empty() => Ok(ValidPd {
                code,
                name,
                short_name,
                kind,
                head_name,
                head_title,
                tasks,
                is_kominfo: self.is_kominfo,
                is_planning: self.is_planning,
                is_inspectorate: self.is_inspectorate,
                mandiri_tik: self.mandiri_tik,
            }),
            _ => Err(inv),
        }
    }
}

impl From<&PerangkatDaerah> for PdInput {
    fn from(p: &PerangkatDaerah) -> Self {
        Self {
            code: p.code.clone(),
            name: p.name.clone(),
            short_name: p.short_name.clone(),
            kind: p.kind.code().to_owned(),
            head_name: p.head_name.clone(),
            head_title: p.head_title.clone(),
            tasks: p.tasks.clone(),
            is_kominfo: p.is_kominfo,
            is_planning: p.is_planning,
            is_inspectorate: p.is_inspectorate,
            mandiri_tik: p.mandiri_tik,
        }
    }
}

/// Position in the Tim Koordinasi SPBE (ORG-3: chaired by the Sekretaris Daerah).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimPosition {
    Ketua,
    Sekretaris,
    Anggota,
}

impl TimPosition {
    pub const ALL: [TimPosition; 3] = [
        TimPosition::Ketua,
        TimPosition::Sekretaris,
        TimPosition::Anggota,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TimPosition::Ketua => "ketua",
            TimPosition::Sekretaris => "sekretaris",
            TimPosition::Anggota => "anggota",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        parse_enum(field, raw, &Self::ALL, Self::code)
    }
}

/// A member of the Tim Koordinasi SPBE.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimMember {
    pub id: TimMemberId,
    pub region: RegionId,
    pub person_name: String,
    pub position: TimPosition,
    pub office: String,
    pub pd_id: Option<PdId>,
    pub user_id: Option<UserId>,
    pub decree_ref: Option<String>,
    pub created_at: String,
}

/// Untrusted input for a Tim Koordinasi member.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TimMemberInput {
    pub person_name: String,
    pub position: String,
    /// Office held, e.g. "Sekretaris Daerah" or "Kepala Dinas Kominfo".
    pub office: String,
    #[serde(default)]
    pub pd_id: Option<String>,
    #[serde(default)]
    pub decree_ref: Option<String>,
}

/// A validated Tim Koordinasi member input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTimMember {
    pub person_name: String,
    pub position: TimPosition,
    pub office: String,
    pub pd_id: Option<PdId>,
    pub decree_ref: Option<String>,
}

impl TimMemberInput {
    pub fn validate(&self) -> Result<ValidTimMember, Invalid> {
        let mut inv = Invalid::default();
        let person_name = inv.take(required("person_name", &self.person_name, 200, false));
        let position = inv.take(TimPosition::parse("position", &self.position));
        let office = inv.take(required("office", &self.office, 200, false));
        let pd_id = match self.pd_id.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(s) => inv.take(
                s.parse::<PdId>()
                    .map(Some)
                    .map_err(|_| FieldError::new("pd_id", "invalid")),
            ),
        };
        let decree_ref = inv.take(optional(
            "decree_ref",
            self.decree_ref.as_deref(),
            200,
            false,
        ));
        match (person_name, position, office, pd_id, decree_ref) {
            (Some(person_name), Some(position), Some(office), Some(pd_id), Some(decree_ref))
                if inv.is_empty() =>
            {
                Ok(ValidTimMember {
                    person_name,
                    position,
                    office,
                    pd_id,
                    decree_ref,
                })
            }
            _ => Err(inv),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_input() -> PdInput {
        PdInput {
            code: "diskominfo".into(),
            name: "Dinas Komunikasi dan Informatika".into(),
            short_name: "Diskominfo".into(),
            kind: "dinas".into(),
            ..Default::default()
        }
    }

    #[test]
    fn valid_pd_input_is_accepted_and_code_upper_cased() {
        let v = valid_input().validate().unwrap();
        assert_eq!(v.code.as_str(), "DISKOMINFO");
        assert_eq!(v.kind, PdKind::Dinas);
    }

    #[test]
    fn every_invalid_field_is_reported_at_once() {
        let input = PdInput {
            code: "x y".into(),
            name: "".into(),
            short_name: "a".repeat(61),
            kind: "kementerian".into(),
            ..Default::default()
        };
        let err = input.validate().unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["code", "name", "short_name", "kind"]);
        assert_eq!(err.0[3].code, "unknown_value");
    }

    #[test]
    fn a_100kb_name_is_rejected() {
        let input = PdInput {
            name: "x".repeat(100_000),
            ..valid_input()
        };
        assert_eq!(input.validate().unwrap_err().0[0].code, "too_long");
    }

    #[test]
    fn tim_member_with_bad_pd_reference_is_rejected() {
        let input = TimMemberInput {
            person_name: "A".into(),
            position: "ketua".into(),
            office: "Sekda".into(),
            pd_id: Some("nope".into()),
            decree_ref: None,
        };
        assert_eq!(input.validate().unwrap_err().0[0].field, "pd_id");
    }
}
