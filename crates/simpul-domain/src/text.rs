//! Validated text values: trimmed, bounded, free of control characters.

use crate::validation::FieldError;

/// Trims `raw` and checks it is non-empty, at most `max` characters and free of control
/// characters (newlines are allowed only when `multiline`).
pub fn required(field: &str, raw: &str, max: usize, multiline: bool) -> Result<String, FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    bounded(field, v, max, multiline)
}

/// Like [`required`], but an empty value gives `None`.
pub fn optional(
    field: &str,
    raw: Option<&str>,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, FieldError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => bounded(field, v, max, multiline).map(Some),
    }
}

fn bounded(field: &str, v: &str, max: usize, multiline: bool) -> Result<String, FieldError> {
    if v.chars().count() > max {
        return Err(FieldError::with_param(field, "too_long", max));
    }
    let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t'));
    if v.chars().any(bad) {
        return Err(FieldError::new(field, "control_chars"));
    }
    Ok(v.to_owned())
}

/// A short identifier (a PD code, a login name): `raw` trimmed and already folded to one case
/// (`folded`), `len` bytes long, every byte `allowed`; empty gives `required`, anything else
/// wrong gives `code`.
pub fn token(
    field: &str,
    folded: String,
    len: std::ops::RangeInclusive<usize>,
    allowed: impl Fn(u8) -> bool,
    code: &'static str,
) -> Result<String, FieldError> {
    if folded.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if len.contains(&folded.len()) && folded.bytes().all(allowed) {
        Ok(folded)
    } else {
        Err(FieldError::new(field, code))
    }
}

/// Parses a closed-list value from its stable code, naming the accepted codes on failure.
pub fn parse_enum<T: Copy>(
    field: &str,
    raw: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
) -> Result<T, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    all.iter()
        .copied()
        .find(|v| code(*v) == raw)
        .ok_or_else(|| {
            let list: Vec<&str> = all.iter().map(|v| code(*v)).collect();
            FieldError::with_param(field, "unknown_value", list.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_rejects_blank_and_trims() {
        assert_eq!(
            required("name", "  ", 10, false).unwrap_err().code,
            "required"
        );
        assert_eq!(required("name", " Dinas ", 10, false).unwrap(), "Dinas");
    }

    #[test]
    fn required_rejects_overlong_values_by_characters_not_bytes() {
        assert!(required("name", &"é".repeat(10), 10, false).is_ok());
        assert_eq!(
            required("name", &"a".repeat(100_000), 200, false)
                .unwrap_err()
                .code,
            "too_long"
        );
    }

    #[test]
    fn control_characters_are_rejected_outside_multiline_fields() {
        assert_eq!(
            required("name", "a\u{0}b", 10, false).unwrap_err().code,
            "control_chars"
        );
        assert_eq!(
            required("name", "a\nb", 10, false).unwrap_err().code,
            "control_chars"
        );
        assert!(required("notes", "a\nb", 10, true).is_ok());
    }
}
