//! Pure domain types of Simpul: identifiers, validated values, the closed lists of the
//! regulations, region profiles, the audit hash chain and the SPBE evaluation frameworks with
//! their index arithmetic. No I/O, no async, no database.

pub mod audit;
pub mod calendar;
pub mod catalogue;
pub mod compliance;
pub mod evaluation;
pub mod ids;
pub mod org;
pub mod region;
pub mod sanction;
pub mod signing;
pub mod text;
pub mod user;
pub mod validation;
pub mod workflow;

pub use validation::{FieldError, Invalid};

/// Current UTC time, truncated to whole microseconds so that it survives a round trip
/// through both database backends unchanged.
pub fn now_utc() -> time::OffsetDateTime {
    let now = time::OffsetDateTime::now_utc();
    now.replace_nanosecond(now.nanosecond() / 1000 * 1000)
        .unwrap_or(now)
}

/// Formats a UTC timestamp as RFC 3339 with exactly six fractional digits, the wire and
/// storage format of every timestamp (fixed width, so text order is time order).
pub fn rfc3339(t: time::OffsetDateTime) -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_default()
}

/// The current time in storage format.
pub fn now_str() -> String {
    rfc3339(now_utc())
}

/// Parses an RFC 3339 timestamp.
pub fn parse_rfc3339(s: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}
