//! Turns audit entries into a record's change history: which fields changed from what to what.

use serde::Serialize;
use serde_json::Value;
use simpul_store::audit::AuditRow;

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
    pub changes: Vec<Change>,
}

fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Field-level differences between the before and after snapshots of each entry.
pub fn rows(entries: Vec<AuditRow>) -> Vec<HistoryRow> {
    entries
        .into_iter()
        .map(|e| {
            let parse = |s: &Option<String>| {
                s.as_deref()
                    .and_then(|s| serde_json::from_str::<Value>(s).ok())
            };
            let (before, after) = (parse(&e.before_json), parse(&e.after_json));
            let mut changes = Vec::new();
            if let Some(Value::Object(a)) = &after {
                for (k, v) in a {
                    if matches!(k.as_str(), "updated_at" | "created_at" | "id" | "region") {
                        continue;
                    }
                    let old = match &before {
                        Some(Value::Object(b)) => b.get(k),
                        _ => None,
                    };
                    if old != Some(v) && !(old.is_none() && v.is_null()) {
                        changes.push(Change {
                            field: k.clone(),
                            before: show(old),
                            after: show(Some(v)),
                        });
                    }
                }
            }
            HistoryRow {
                at: e.at,
                actor_name: e.actor_name,
                role: e.role,
                action: e.action,
                changes,
            }
        })
        .collect()
}
