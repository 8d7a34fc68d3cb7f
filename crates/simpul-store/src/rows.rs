//! Decoding of rows.
//!
//! Table modules decode rows with `#[derive(sqlx::FromRow)]`: a struct of the store is derived
//! directly; a domain struct (which cannot implement sqlx's traits here) is decoded into a
//! private row struct of column types and converted with `From`. The column types below
//! are what the derive cannot take from sqlx through the `Any` driver:
//!
//! - [`Flag`]: a boolean stored as INTEGER 0/1 on SQLite and BOOLEAN on PostgreSQL (`Any`
//!   decodes `bool` from a BOOLEAN value only);
//! - [`Text`]: a text column parsed into an id, a region slug or a closed-list code
//!   ([`FromText`]), `Text<Option<T>>` for a nullable one; `#[sqlx(try_from = "Text<T>")]`
//!   puts the parsed value straight into a field;
//! - [`JsonText`]: JSON stored as text.

use sqlx::any::{AnyTypeInfo, AnyTypeInfoKind, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::{Any, Decode, Type, Value, ValueRef};

/// A flag column (SQLite INTEGER 0/1, PostgreSQL BOOLEAN).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        use AnyTypeInfoKind::*;
        matches!(ty.kind(), Bool | SmallInt | Integer | BigInt)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> std::result::Result<Flag, BoxDynError> {
        let v = ValueRef::to_owned(&value);
        match v.try_decode::<bool>() {
            Ok(b) => Ok(Flag(b)),
            Err(_) => Ok(Flag(v.try_decode::<i64>()? != 0)),
        }
    }
}

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

/// A value stored as text: an id, a region slug, a closed-list code.
pub trait FromText: Sized {
    /// Parses the stored text; the error says what was wrong.
    fn from_text(s: &str) -> std::result::Result<Self, String>;

    /// The value of a NULL column, if this type has one (only `Option` does).
    fn null() -> Option<Self> {
        None
    }
}

impl<T: FromText> FromText for Option<T> {
    fn from_text(s: &str) -> std::result::Result<Self, String> {
        T::from_text(s).map(Some)
    }

    fn null() -> Option<Self> {
        Some(None)
    }
}

/// A text column parsed into `T` ([`FromText`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<T>(pub T);

/// Columns stored as text: their SQL type is `String`'s.
macro_rules! text_column {
    ($($t:ident),*) => {$(
        impl<T> Type<Any> for $t<T> {
            fn type_info() -> AnyTypeInfo {
                <String as Type<Any>>::type_info()
            }

            fn compatible(ty: &AnyTypeInfo) -> bool {
                <String as Type<Any>>::compatible(ty)
            }
        }
    )*};
}

text_column!(Text, JsonText);

impl<'r, T: FromText> Decode<'r, Any> for Text<T> {
    fn decode(value: AnyValueRef<'r>) -> std::result::Result<Text<T>, BoxDynError> {
        if value.is_null() {
            return T::null().map(Text).ok_or_else(|| "unexpected NULL".into());
        }
        let s = <String as Decode<Any>>::decode(value)?;
        T::from_text(&s).map(Text).map_err(Into::into)
    }
}

/// [`FromText`] for types with `FromStr`, and `From<Text<T>>` for them and their `Option`
/// (so that `#[sqlx(try_from = "Text<T>")]` fills a field of type `T`).
macro_rules! from_text {
    (parse: $($t:ty),*) => {$(
        impl FromText for $t {
            fn from_text(s: &str) -> std::result::Result<Self, String> {
                s.parse().map_err(|_| format!("unparsable value `{s}`"))
            }
        }
        from_text!(into: $t);
    )*};
    (code: $($t:ty),*) => {$(
        impl FromText for $t {
            fn from_text(s: &str) -> std::result::Result<Self, String> {
                <$t>::from_code(s).ok_or_else(|| format!("unknown code `{s}`"))
            }
        }
        from_text!(into: $t);
    )*};
    (into: $t:ty) => {
        impl From<Text<$t>> for $t {
            fn from(t: Text<$t>) -> $t {
                t.0
            }
        }
        impl From<Text<Option<$t>>> for Option<$t> {
            fn from(t: Text<Option<$t>>) -> Option<$t> {
                t.0
            }
        }
    };
}

use simpul_domain::catalogue::EntityKind;
use simpul_domain::compliance::FindingStatus;
use simpul_domain::evaluation::AnswerState;
use simpul_domain::ids::{
    DocumentId, PdId, RecordId, RegionId, SanctionId, TimMemberId, TokenId, UserId,
};
use simpul_domain::org::{PdKind, TimPosition};
use simpul_domain::sanction::{SanctionKind, SanctionStatus};
use simpul_domain::user::Role;
#[allow(unused_imports)]
use simpul_domain::workflow::Code as _;

from_text!(parse: PdId, RecordId, UserId, TokenId, DocumentId, TimMemberId, SanctionId);
from_text!(code: EntityKind, Role, AnswerState, SanctionKind, SanctionStatus, FindingStatus);

impl FromText for RegionId {
    fn from_text(s: &str) -> std::result::Result<Self, String> {
        RegionId::parse(s)
    }
}
from_text!(into: RegionId);

impl FromText for PdKind {
    fn from_text(s: &str) -> std::result::Result<Self, String> {
        PdKind::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or_else(|| format!("unknown code `{s}`"))
    }
}
from_text!(into: PdKind);

impl FromText for TimPosition {
    fn from_text(s: &str) -> std::result::Result<Self, String> {
        TimPosition::ALL
            .into_iter()
            .find(|p| p.code() == s)
            .ok_or_else(|| format!("unknown code `{s}`"))
    }
}
from_text!(into: TimPosition);

/// JSON stored as text, decoded into `T`.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonText<T>(pub T);

impl<'r, T: serde::de::DeserializeOwned> Decode<'r, Any> for JsonText<T> {
    fn decode(value: AnyValueRef<'r>) -> std::result::Result<JsonText<T>, BoxDynError> {
        let s = <String as Decode<Any>>::decode(value)?;
        Ok(JsonText(serde_json::from_str(&s)?))
    }
}

impl From<JsonText<serde_json::Map<String, serde_json::Value>>>
    for serde_json::Map<String, serde_json::Value>
{
    fn from(j: JsonText<serde_json::Map<String, serde_json::Value>>) -> Self {
        j.0
    }
}

/// A row struct decoded with `FromRow` whose fields are those of a domain struct (which
/// cannot implement sqlx's traits here), and the `From` moving them over: each field is
/// declared once, with the `#[sqlx(…)]` attributes that decode it (a column name, a
/// [`Text`], [`Flag`] or [`JsonText`] column type); `also { field: value }` fills the domain
/// fields no column holds.
macro_rules! domain_row {
    (
        $(#[$meta:meta])*
        $vis:vis struct $row:ident => $domain:ident {
            $( $(#[$fmeta:meta])* $field:ident: $ty:ty ),+ $(,)?
        }
        $( also { $($extra:ident: $value:expr),+ $(,)? } )?
    ) => {
        $(#[$meta])*
        #[derive(sqlx::FromRow)]
        $vis struct $row {
            $( $(#[$fmeta])* $field: $ty ),+
        }

        impl From<$row> for $domain {
            fn from(r: $row) -> $domain {
                $domain {
                    $( $field: r.$field, )+
                    $( $( $extra: $value, )+ )?
                }
            }
        }
    };
}
pub(crate) use domain_row;
