//! Identifier newtypes. Record ids are UUID v7 (time-ordered); regions are identified by
//! their slug (`metro`, `manggarai`, …).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! uuid_id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            /// A new time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(s).map(Self)
            }
        }
    };
}

uuid_id!(
    /// A Perangkat Daerah.
    PdId
);
uuid_id!(
    /// A user account.
    UserId
);
uuid_id!(
    /// A member of the Tim Koordinasi SPBE.
    TimMemberId
);
uuid_id!(
    /// An API token.
    TokenId
);
uuid_id!(
    /// A catalogue record (application, service, dataset, asset, …).
    RecordId
);
uuid_id!(
    /// A stored document.
    DocumentId
);
uuid_id!(
    /// An administrative sanction (SAN-1).
    SanctionId
);
uuid_id!(
    /// An SPBE evaluation period (one region, one year).
    EvaluationId
);
uuid_id!(
    /// An evidence file of an SPBE evaluation answer.
    EvidenceId
);

/// A region (tenant) slug: lower-case ASCII letters and digits, 2..=32 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionId(String);

impl RegionId {
    pub fn parse(s: &str) -> Result<Self, String> {
        let ok = (2..=32).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(format!("invalid region slug `{s}`"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RegionId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<RegionId> for String {
    fn from(r: RegionId) -> String {
        r.0
    }
}

impl fmt::Display for RegionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_slug_accepts_only_lowercase_alphanumerics() {
        assert!(RegionId::parse("metro").is_ok());
        assert!(RegionId::parse("Metro").is_err());
        assert!(RegionId::parse("m").is_err());
        assert!(RegionId::parse("metro/../x").is_err());
    }

    #[test]
    fn uuid_ids_are_time_ordered() {
        let a = PdId::new();
        let b = PdId::new();
        assert!(a < b);
        assert_eq!(a.to_string().parse::<PdId>().unwrap(), a);
    }
}
