//! Turns audit entries into a record's change history for people: which fields changed from
//! what to what, with the fields' labels, the values' labels (statuses, options, yes/no),
//! Perangkat Daerah names instead of ids, and the action's label (issue 9.14).

use crate::i18n::{self, Lang};
use serde::Serialize;
use serde_json::Value;
use simpul_domain::catalogue::{EntityKind, FieldKind};
use simpul_store::audit::AuditRow;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Serialize)]
pub struct HistoryRow {
    pub at: String,
    pub actor_name: String,
    pub role: String,
    pub action: String,
    /// The action for people ("Diubah"), the code kept as `action`.
    pub action_label: String,
    pub changes: Vec<Change>,
}

/// Fields that are bookkeeping, not content.
const HIDDEN: &[&str] = &[
    "updated_at",
    "created_at",
    "id",
    "region",
    "kind",
    "region_id",
];

/// How an entity's fields and values are labelled.
struct Labels<'a> {
    lang: Lang,
    /// Message prefixes tried for a field's label, in order.
    prefixes: &'static [&'static str],
    kind: Option<EntityKind>,
    names: &'a BTreeMap<String, String>,
}

impl Labels<'_> {
    fn field(&self, name: &str) -> String {
        self.prefixes
            .iter()
            .chain(["field", "common"].iter())
            .find_map(|p| i18n::lookup(self.lang, &format!("{p}.{name}")))
            .unwrap_or_else(|| name.replace('_', " "))
    }

    fn one(&self, field: &str, v: &str) -> String {
        if let Some(name) = self.names.get(v) {
            return name.clone();
        }
        let enumerated = self.kind.is_some_and(|k| {
            k.fields().iter().any(|f| {
                f.name == field && matches!(f.kind, FieldKind::Enum(_) | FieldKind::Multi(_))
            })
        });
        let key = match field {
            "status" => format!("status.{v}"),
            _ if enumerated => format!("opt.{v}"),
            _ => return v.to_owned(),
        };
        i18n::lookup(self.lang, &key).unwrap_or_else(|| v.to_owned())
    }

    fn value(&self, field: &str, v: Option<&Value>) -> String {
        match v {
            None | Some(Value::Null) => "—".to_owned(),
            Some(Value::String(s)) if s.is_empty() => "—".to_owned(),
            Some(Value::String(s)) => self.one(field, s),
            Some(Value::Bool(b)) => i18n::t(self.lang, if *b { "common.yes" } else { "common.no" }),
            Some(Value::Array(a)) if a.is_empty() => "—".to_owned(),
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| match x {
                    Value::String(s) => self.one(field, s),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", "),
            Some(other) => other.to_string(),
        }
    }
}

fn prefixes(entity_type: &str) -> &'static [&'static str] {
    match entity_type {
        "pd" => &["pd"],
        "user" => &["users"],
        "region" => &["region"],
        "tim_member" => &["tim"],
        "sanction" => &["sanction"],
        _ => &[],
    }
}

/// A snapshot's fields, with a record's `data` fields lifted to the top level.
fn flat(v: Option<Value>) -> serde_json::Map<String, Value> {
    let mut out = match v {
        Some(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    if let Some(Value::Object(data)) = out.remove("data") {
        for (k, v) in data {
            out.entry(k).or_insert(v);
        }
    }
    out
}

/// The action's label: `history.{verb}` for `kind.verb`, else the code.
fn action_label(lang: Lang, action: &str) -> String {
    let verb = action.rsplit('.').next().unwrap_or(action);
    i18n::lookup(lang, &format!("history.{verb}")).unwrap_or_else(|| action.to_owned())
}

/// Field-level differences between the before and after snapshots of each entry; `names`
/// maps ids (Perangkat Daerah) to names.
pub fn rows(
    lang: Lang,
    names: &BTreeMap<String, String>,
    entries: Vec<AuditRow>,
) -> Vec<HistoryRow> {
    rows_without(lang, names, entries, &[])
}

/// [`rows`] leaving out the fields in `omit` (a concept the region's regulation does not
/// have, such as the PD Mandiri TIK status outside Manggarai: issue 9.11).
pub fn rows_without(
    lang: Lang,
    names: &BTreeMap<String, String>,
    entries: Vec<AuditRow>,
    omit: &[&str],
) -> Vec<HistoryRow> {
    entries
        .into_iter()
        .map(|e| {
            let parse = |s: &Option<String>| {
                s.as_deref()
                    .and_then(|s| serde_json::from_str::<Value>(s).ok())
            };
            let labels = Labels {
                lang,
                prefixes: prefixes(&e.entity_type),
                kind: EntityKind::from_code(&e.entity_type),
                names,
            };
            let (before, after) = (flat(parse(&e.before_json)), flat(parse(&e.after_json)));
            let mut changes = Vec::new();
            for (k, v) in &after {
                if HIDDEN.contains(&k.as_str()) || omit.contains(&k.as_str()) {
                    continue;
                }
                let old = before.get(k);
                if old != Some(v) && !(old.is_none() && (v.is_null() || v == &Value::Array(vec![])))
                {
                    changes.push(Change {
                        field: labels.field(k),
                        before: labels.value(k, old),
                        after: labels.value(k, Some(v)),
                    });
                }
            }
            HistoryRow {
                at: e.at,
                actor_name: e.actor_name,
                role: e.role,
                action_label: action_label(lang, &e.action),
                action: e.action,
                changes,
            }
        })
        .collect()
}
