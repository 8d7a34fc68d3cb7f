//! Accounts and roles (ORG-7): the rights the regulations give each kind of user.

use crate::ids::{PdId, RegionId, UserId};
use crate::text::{parse_enum, required};
use crate::validation::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

/// Role of an account. Anonymous citizens have no account and see public pages only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Administrator at the Dinas Kominfo, the SPBE manager of the region.
    AdminKominfo,
    /// Operator of one Perangkat Daerah; writes only that PD's records.
    OperatorPd,
    /// Koordinator SPBE, the Sekretaris Daerah: approver.
    Koordinator,
    /// Head of region (Walikota/Bupati): decides.
    Pimpinan,
    /// Walidata: data steward for Satu Data.
    Walidata,
    /// Auditor or inspectorate: reads everything, writes audit records only.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::AdminKominfo,
        Role::OperatorPd,
        Role::Koordinator,
        Role::Pimpinan,
        Role::Walidata,
        Role::Auditor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::AdminKominfo => "admin_kominfo",
            Role::OperatorPd => "operator_pd",
            Role::Koordinator => "koordinator",
            Role::Pimpinan => "pimpinan",
            Role::Walidata => "walidata",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        parse_enum(field, raw, &Self::ALL, Self::code)
    }

    pub fn from_code(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == raw)
    }

    /// Whether accounts of this role must be bound to one PD.
    pub fn needs_pd(self) -> bool {
        matches!(self, Role::OperatorPd)
    }
}

/// A login name: 3..=64 characters of a–z, 0–9, `.`, `_`, `-`, stored lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b);
        let v = raw.trim().to_ascii_lowercase();
        crate::text::token(field, v, 3..=64, allowed, "username").map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the policy: 10..=128 characters, not only one repeated char.
/// The value never appears in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let n = raw.chars().count();
        if n == 0 {
            return Err(FieldError::new(field, "required"));
        }
        if n < 10 {
            return Err(FieldError::with_param(field, "password_short", 10));
        }
        if n > 128 {
            return Err(FieldError::with_param(field, "too_long", 128));
        }
        let first = raw.chars().next();
        if raw.chars().all(|c| Some(c) == first) {
            return Err(FieldError::new(field, "password_weak"));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// An account as stored (without its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub region: RegionId,
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub role: Role,
    pub pd_id: Option<PdId>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// Untrusted input for creating or editing an account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserInput {
    pub username: String,
    pub full_name: String,
    #[serde(default)]
    pub email: Option<String>,
    pub role: String,
    #[serde(default)]
    pub pd_id: Option<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// A validated account input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUser {
    pub username: Username,
    pub full_name: String,
    pub email: Option<String>,
    pub role: Role,
    pub pd_id: Option<PdId>,
    pub active: bool,
}

impl UserInput {
    pub fn validate(&self) -> Result<ValidUser, Invalid> {
        let mut inv = Invalid::default();
        let username = inv.take(Username::parse("username", &self.username));
        let full_name = inv.take(required("full_name", &self.full_name, 200, false));
        let email = inv.take(parse_email(self.email.as_deref()));
        let role = inv.take(Role::parse("role", &self.role));
        let pd_id = match self.pd_id.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(s) => inv.take(
                s.parse::<PdId>()
                    .map(Some)
                    .map_err(|_| FieldError::new("pd_id", "invalid")),
            ),
        };
        if let (Some(role), Some(pd)) = (role, pd_id) {
            if role.needs_pd() && pd.is_none() {
                inv.push(FieldError::new("pd_id", "pd_required_for_operator"));
            }
        }
        match (username, full_name, email, role, pd_id) {
            (Some(username), Some(full_name), Some(email), Some(role), Some(pd_id))
                if inv.is_empty() =>
            {
                Ok(ValidUser {
                    username,
                    full_name,
                    email,
                    role,
                    // Only PD operators are bound to a PD; the binding means "writes only here".
                    pd_id: if role.needs_pd() { pd_id } else { None },
                    active: self.active,
                })
            }
            _ => Err(inv),
        }
    }
}

fn parse_email(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = raw.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let ok = v.len() <= 254
        && v.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
        })
        && !v.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(Some(v.to_owned()))
    } else {
        Err(FieldError::new("email", "email"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_without_pd_is_rejected() {
        let u = UserInput {
            username: "op.dinkes".into(),
            full_name: "Operator".into(),
            role: "operator_pd".into(),
            ..Default::default()
        };
        assert_eq!(
            u.validate().unwrap_err().0[0].code,
            "pd_required_for_operator"
        );
    }

    #[test]
    fn non_operators_are_never_bound_to_a_pd() {
        let pd = PdId::new().to_string();
        let u = UserInput {
            username: "sekda".into(),
            full_name: "Sekda".into(),
            role: "koordinator".into(),
            pd_id: Some(pd),
            ..Default::default()
        };
        assert_eq!(u.validate().unwrap().pd_id, None);
    }

    #[test]
    fn unknown_role_names_the_accepted_ones() {
        let u = UserInput {
            username: "abc".into(),
            full_name: "A".into(),
            role: "root".into(),
            ..Default::default()
        };
        let e = &u.validate().unwrap_err().0[0];
        assert_eq!(e.code, "unknown_value");
        assert!(e.param.as_deref().unwrap().contains("admin_kominfo"));
    }

    #[test]
    fn password_policy_rejects_short_and_trivial_passwords() {
        assert_eq!(
            NewPassword::parse("p", "short").unwrap_err().code,
            "password_short"
        );
        assert_eq!(
            NewPassword::parse("p", "aaaaaaaaaaaa").unwrap_err().code,
            "password_weak"
        );
        assert!(NewPassword::parse("p", "kopi-tubruk-2026").is_ok());
        assert_eq!(
            format!("{:?}", NewPassword::parse("p", "kopi-tubruk-2026").unwrap()),
            "NewPassword(***)"
        );
    }

    #[test]
    fn usernames_are_lower_cased_and_restricted() {
        assert_eq!(
            Username::parse("u", " Admin.Kominfo ").unwrap().as_str(),
            "admin.kominfo"
        );
        assert!(Username::parse("u", "a b").is_err());
        assert!(Username::parse("u", "ab").is_err());
    }
}
