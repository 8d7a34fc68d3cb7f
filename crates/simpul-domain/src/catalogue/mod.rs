//! The SPBE catalogue (OBLIGATIONS.md sections 3–7): applications, services, business
//! processes, datasets, infrastructure assets, domains, LAN diagrams and changes, backup
//! reports. Every kind is described by a field list ([`FieldSpec`]); records of every kind share
//! one validated shape ([`ValidRecord`]) so the store, the pages, the API and the spreadsheet
//! import treat them alike, and the compliance engine reads the typed fields by name.

mod codes;
pub mod document;
mod field;
mod kind;
mod links;
pub mod refarch;

pub use codes::*;
pub use field::{FieldKind, FieldSpec};
pub use kind::EntityKind;
pub use links::{Relation, RELATIONS};

use crate::ids::PdId;
use crate::text::{optional, required};
use crate::validation::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A catalogue record as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub id: crate::ids::RecordId,
    pub region: crate::ids::RegionId,
    pub kind: EntityKind,
    pub pd_id: PdId,
    pub name: String,
    pub code: Option<String>,
    pub status: String,
    pub ref_code: Option<String>,
    pub description: Option<String>,
    pub data: Map<String, Value>,
    pub retired_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl Record {
    /// A text field of `data`.
    pub fn text(&self, field: &str) -> Option<&str> {
        self.data.get(field).and_then(Value::as_str)
    }

    /// A boolean field of `data` (absent is false).
    pub fn flag(&self, field: &str) -> bool {
        self.data
            .get(field)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The input that would recreate this record (for edit forms and round trips).
    pub fn to_input(&self) -> RecordInput {
        RecordInput {
            pd_id: self.pd_id.to_string(),
            name: self.name.clone(),
            code: self.code.clone(),
            status: self.status.clone(),
            ref_code: self.ref_code.clone(),
            description: self.description.clone(),
            data: self.data.clone(),
        }
    }
}

/// Untrusted input for a catalogue record of any kind: the common columns plus the kind's
/// own fields in `data` (each a string, a bool, or for multi-choice fields a list).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RecordInput {
    /// Owning Perangkat Daerah (id).
    pub pd_id: String,
    pub name: String,
    /// Optional short identifier, unique per region and kind (e.g. `SIMPEG`).
    #[serde(default)]
    pub code: Option<String>,
    /// Lifecycle status code of the kind.
    pub status: String,
    /// Reference architecture code (RAA, RAL, RAB, RAD, RAI), e.g. `RAA.01.02`.
    #[serde(default)]
    pub ref_code: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// The kind's own fields by name.
    #[serde(default)]
    pub data: Map<String, Value>,
}

/// A validated record input.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRecord {
    pub pd_id: PdId,
    pub name: String,
    pub code: Option<String>,
    pub status: String,
    pub ref_code: Option<String>,
    pub description: Option<String>,
    /// Normalised fields of the kind, in field order; absent optional fields are omitted.
    pub data: Map<String, Value>,
}

impl ValidRecord {
    /// Text indexed for full-text search: name, code, description and every text field.
    pub fn search_text(&self) -> String {
        let mut s = format!(
            "{} {} {}",
            self.name,
            self.code.as_deref().unwrap_or(""),
            self.ref_code.as_deref().unwrap_or("")
        );
        if let Some(d) = &self.description {
            s.push(' ');
            s.push_str(d);
        }
        for v in self.data.values() {
            if let Value::String(t) = v {
                s.push(' ');
                s.push_str(t);
            }
        }
        s.to_lowercase()
    }
}

fn parse_code(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = raw.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let v = v.to_ascii_uppercase();
    let ok = (2..=40).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"-_.".contains(&b));
    if ok {
        Ok(Some(v))
    } else {
        Err(FieldError::new("code", "record_code"))
    }
}

fn parse_ref_code(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = raw.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let v = v.to_ascii_uppercase();
    let mut parts = v.split('.');
    let head_ok = parts.next().is_some_and(|h| {
        (3..=4).contains(&h.len())
            && h.starts_with("RA")
            && h.bytes().all(|b| b.is_ascii_uppercase())
    });
    let rest: Vec<&str> = parts.collect();
    let ok = head_ok
        && !rest.is_empty()
        && rest.len() <= 4
        && rest
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(Some(v))
    } else {
        Err(FieldError::new("ref_code", "ref_code"))
    }
}

impl RecordInput {
    /// Validates the common columns and every field of `kind`, collecting all problems.
    pub fn validate(&self, kind: EntityKind) -> Result<ValidRecord, Invalid> {
        let mut inv = Invalid::default();
        let pd_id = match self.pd_id.trim() {
            "" => {
                inv.push(FieldError::new("pd_id", "required"));
                None
            }
            s => inv.take(
                s.parse::<PdId>()
                    .map_err(|_| FieldError::new("pd_id", "invalid")),
            ),
        };
        let name = inv.take(required("name", &self.name, 200, false));
        let code = inv.take(parse_code(self.code.as_deref()));
        let status = inv.take(crate::text::parse_enum(
            "status",
            &self.status,
            kind.statuses(),
            |s| s,
        ));
        let ref_code = inv.take(parse_ref_code(self.ref_code.as_deref()));
        let description = inv.take(optional(
            "description",
            self.description.as_deref(),
            4000,
            true,
        ));
        if let Some(unknown) = self
            .data
            .keys()
            .find(|k| !kind.fields().iter().any(|f| f.name == k.as_str()))
        {
            inv.push(FieldError::with_param(
                unknown,
                "unknown_field",
                kind.fields()
                    .iter()
                    .map(|f| f.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        let mut data = Map::new();
        for f in kind.fields() {
            match f.validate(self.data.get(f.name)) {
                Ok(Some(v)) => {
                    data.insert(f.name.to_owned(), v);
                }
                Ok(None) => {}
                Err(e) => inv.push(e),
            }
        }
        for e in kind.cross_checks(&data) {
            inv.push(e);
        }
        match (pd_id, name, code, status, ref_code, description) {
            (
                Some(pd_id),
                Some(name),
                Some(code),
                Some(status),
                Some(ref_code),
                Some(description),
            ) if inv.is_empty() => Ok(ValidRecord {
                pd_id,
                name,
                code,
                status: status.to_owned(),
                ref_code,
                description,
                data,
            }),
            _ => Err(inv),
        }
    }
}

#[cfg(test)]
mod tests;
