//! The tools every feature's API DTOs (`features/<f>/dto.rs`) are made with: the domain and
//! store crates know nothing of OpenAPI, so the web layer describes what it sends and takes.
//!
//! - [`response!`]: a body the API answers with, made `From<&T>` a domain or store value,
//!   field by field (each field cloned, or converted with the function after `=>`, e.g.
//!   [`one`], [`many`], [`opt`] for fields that are DTOs themselves).
//! - [`request!`]: a body the API takes, turned `From` itself into the domain input.
//! - [`closed!`]: the schema of a closed list (a domain enum): a string with the enum's
//!   codes, built from the enum's list of values, so no variant is written again here.
//!
//! Fields are written `name: Type` (no `pub`); their attributes (`///`, `#[serde]`,
//! `#[schema]`) are kept, so the wire format and the document are what they say.

/// A response DTO `$name` (also its schema name) made from `&$from`.
macro_rules! response {
    ($(#[$m:meta])* $name:ident from $from:ty {
        $($(#[$fm:meta])* $field:ident: $ty:ty $(=> $conv:path)?),* $(,)?
    }) => {
        #[derive(serde::Serialize, utoipa::ToSchema)]
        $(#[$m])*
        pub struct $name {
            $($(#[$fm])* pub $field: $ty),*
        }

        impl From<&$from> for $name {
            fn from(d: &$from) -> Self {
                Self { $($field: $crate::api::dto::response!(@field d.$field $(, $conv)?)),* }
            }
        }
    };
    (@field $e:expr) => { Clone::clone(&$e) };
    (@field $e:expr, $conv:path) => { $conv(&$e) };
}
pub(crate) use response;

/// A request DTO `$name` (also its schema name) that becomes the domain input `$into`.
macro_rules! request {
    ($(#[$m:meta])* $name:ident into $into:ty {
        $($(#[$fm:meta])* $field:ident: $ty:ty),* $(,)?
    }) => {
        #[derive(serde::Deserialize, utoipa::ToSchema)]
        $(#[$m])*
        pub struct $name {
            $($(#[$fm])* pub $field: $ty),*
        }

        impl From<$name> for $into {
            fn from(d: $name) -> Self {
                Self { $($field: d.$field),* }
            }
        }
    };
}
pub(crate) use request;

/// Schemas of closed lists: `$name` is a marker type for `#[schema(value_type = closed::X)]`
/// whose schema (named `$name`) is a string enum of `$all`'s codes by `$code`.
macro_rules! closed {
    ($($(#[doc = $doc:literal])+ $name:ident = $all:expr, $code:expr;)+) => {
        $(
            $(#[doc = $doc])+
            pub struct $name;

            impl utoipa::PartialSchema for $name {
                fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                    $crate::api::dto::string_enum(&[$($doc),+], $all.iter().map(|v| $code(*v)))
                }
            }

            impl utoipa::ToSchema for $name {
                fn name() -> std::borrow::Cow<'static, str> {
                    stringify!($name).into()
                }
            }
        )+
    };
}
pub(crate) use closed;

/// A string schema with the allowed values, described by the lines of a doc comment (joined
/// as utoipa's derive joins them).
pub fn string_enum<'a>(
    doc: &[&str],
    values: impl Iterator<Item = &'a str>,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    let description: Vec<&str> = doc.iter().map(|l| l.trim()).collect();
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .description(Some(description.join("\n")))
        .enum_values(Some(values.map(str::to_owned)))
        .into()
}

/// A field that is a DTO itself.
pub fn one<D, T: for<'a> From<&'a D>>(d: &D) -> T {
    T::from(d)
}

/// A list of DTOs.
pub fn many<D, T: for<'a> From<&'a D>>(d: &[D]) -> Vec<T> {
    d.iter().map(T::from).collect()
}

/// An optional DTO.
pub fn opt<D, T: for<'a> From<&'a D>>(d: &Option<D>) -> Option<T> {
    d.as_ref().map(T::from)
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use simpul_domain::workflow::Code;
    use simpul_domain::{catalogue, compliance, org, region, sanction, user};

    /// The codes a closed list's schema shows are what serde puts on the wire.
    fn wire_codes<T: Serialize + Copy>(all: &[T], code: impl Fn(T) -> &'static str) {
        for v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), code(*v));
        }
    }

    #[test]
    fn closed_list_schemas_show_the_wire_codes() {
        wire_codes(&user::Role::ALL, user::Role::code);
        wire_codes(&org::PdKind::ALL, org::PdKind::code);
        wire_codes(&org::TimPosition::ALL, org::TimPosition::code);
        wire_codes(&region::InstrumentKind::ALL, region::InstrumentKind::code);
        wire_codes(compliance::Rule::ALL, compliance::Rule::code);
        wire_codes(&compliance::SubjectKind::ALL, compliance::SubjectKind::code);
        wire_codes(&compliance::Severity::ALL, compliance::Severity::code);
        wire_codes(compliance::FindingStatus::ALL, Code::code);
        wire_codes(
            &compliance::DeadlineState::ALL,
            compliance::DeadlineState::code,
        );
        wire_codes(&sanction::SanctionKind::ALL, sanction::SanctionKind::code);
        wire_codes(
            &sanction::SanctionStatus::ALL,
            sanction::SanctionStatus::code,
        );
        wire_codes(&catalogue::EntityKind::ALL, catalogue::EntityKind::code);
    }
}
