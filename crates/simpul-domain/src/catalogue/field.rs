//! Field descriptions and their validation.

use crate::validation::FieldError;
use serde_json::Value;

/// The type of a catalogue field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text, at most this many characters.
    Text(usize),
    /// Several lines, at most 4000 characters.
    LongText,
    /// One of these codes.
    Enum(&'static [&'static str]),
    /// Any number of these codes (a list; a comma-separated string is accepted too).
    Multi(&'static [&'static str]),
    Bool,
    /// `YYYY-MM-DD`.
    Date,
    /// `http://` or `https://` URL.
    Url,
    /// A DNS host name (`sikda.metrokota.go.id`).
    Host,
    /// A year, 2000..=2100.
    Year,
    /// A Perangkat Daerah id.
    Pd,
}

/// One field of a catalogue kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: FieldKind,
    pub required: bool,
}

pub const fn field(name: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        required: false,
    }
}

pub const fn req(name: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        required: true,
    }
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a DNS host name is syntactically valid (labels of a–z, 0–9 and `-`).
pub fn valid_host(h: &str) -> bool {
    h.len() <= 253
        && h.contains('.')
        && h.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

impl FieldSpec {
    /// Validates and normalises one value; `Ok(None)` for an empty optional field.
    pub fn validate(&self, raw: Option<&Value>) -> Result<Option<Value>, FieldError> {
        let name = self.name;
        let empty = match raw {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => s.trim().is_empty(),
            Some(Value::Array(a)) => a.is_empty(),
            _ => false,
        };
        if empty {
            return match (self.kind, self.required) {
                (FieldKind::Bool, _) => Ok(Some(Value::Bool(false))),
                (_, true) => Err(FieldError::new(name, "required")),
                (_, false) => Ok(None),
            };
        }
        let raw = raw.unwrap_or(&Value::Null);
        let text = || as_text(raw).ok_or_else(|| FieldError::new(name, "type_string"));
        let v = match self.kind {
            FieldKind::Text(max) => {
                Value::String(crate::text::required(name, &text()?, max, false)?)
            }
            FieldKind::LongText => {
                Value::String(crate::text::required(name, &text()?, 4000, true)?)
            }
            FieldKind::Enum(codes) => {
                let t = text()?;
                let code = codes
                    .iter()
                    .find(|c| **c == t.to_lowercase())
                    .ok_or_else(|| {
                        FieldError::with_param(name, "unknown_value", codes.join(", "))
                    })?;
                Value::String((*code).to_owned())
            }
            FieldKind::Multi(codes) => {
                let items: Vec<String> = match raw {
                    Value::Array(a) => a.iter().map(|v| as_text(v).unwrap_or_default()).collect(),
                    _ => text()?
                        .split([',', ';'])
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect(),
                };
                let mut out = Vec::new();
                for it in items {
                    let it = it.to_lowercase();
                    let code = codes.iter().find(|c| **c == it).ok_or_else(|| {
                        FieldError::with_param(name, "unknown_value", codes.join(", "))
                    })?;
                    if !out.contains(code) {
                        out.push(*code);
                    }
                }
                // Stored in the list's own order, so equal sets compare equal.
                out.sort_by_key(|c| codes.iter().position(|x| x == c));
                Value::Array(
                    out.into_iter()
                        .map(|c| Value::String(c.to_owned()))
                        .collect(),
                )
            }
            FieldKind::Bool => match raw {
                Value::Bool(b) => Value::Bool(*b),
                _ => match text()?.to_lowercase().as_str() {
                    "true" | "on" | "1" | "ya" | "yes" | "y" => Value::Bool(true),
                    "false" | "off" | "0" | "tidak" | "no" | "n" => Value::Bool(false),
                    _ => return Err(FieldError::new(name, "bool")),
                },
            },
            FieldKind::Date => {
                let t = text()?;
                let fmt = time::macros::format_description!("[year]-[month]-[day]");
                time::Date::parse(&t, fmt).map_err(|_| FieldError::new(name, "date"))?;
                Value::String(t)
            }
            FieldKind::Url => {
                let t = text()?;
                let ok = (t.starts_with("https://") || t.starts_with("http://"))
                    && t.len() <= 500
                    && !t.chars().any(|c| c.is_whitespace() || c.is_control());
                if !ok {
                    return Err(FieldError::new(name, "url"));
                }
                Value::String(t)
            }
            FieldKind::Host => {
                let t = text()?.to_lowercase();
                if !valid_host(&t) {
                    return Err(FieldError::new(name, "host"));
                }
                Value::String(t)
            }
            FieldKind::Year => {
                let y: i64 = text()?.parse().map_err(|_| FieldError::new(name, "year"))?;
                if !(2000..=2100).contains(&y) {
                    return Err(FieldError::new(name, "year"));
                }
                Value::from(y)
            }
            FieldKind::Pd => {
                let t = text()?;
                t.parse::<crate::ids::PdId>()
                    .map_err(|_| FieldError::new(name, "invalid"))?;
                Value::String(t)
            }
        };
        Ok(Some(v))
    }
}
