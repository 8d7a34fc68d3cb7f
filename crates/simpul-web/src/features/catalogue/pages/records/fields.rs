//! A kind's fields: shown for display or editing, and read back from a submitted form.

use crate::i18n::{self, Lang};
use serde::Serialize;
use simpul_domain::catalogue::{EntityKind, FieldKind, RecordInput};
use simpul_domain::compliance::Concepts;
use std::collections::BTreeMap;

/// One field of a record for display or editing.
#[derive(Serialize)]
pub(super) struct FieldView {
    name: &'static str,
    label: String,
    widget: &'static str,
    required: bool,
    options: Vec<(String, String)>,
    value: String,
    values: Vec<String>,
    checked: bool,
    display: String,
}

fn value_text(v: Option<&serde_json::Value>) -> String {
    match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The label of an option code. Where the region's regulation has no PD Mandiri TIK, the
/// builder `pd_mandiri_tik` is the PD building its own system and is named so (issue 9.11).
fn opt_label(lang: Lang, concepts: Concepts, code: &str) -> String {
    if code == "pd_mandiri_tik" && !concepts.pd_mandiri_tik {
        return i18n::t(lang, "opt.pd_sendiri");
    }
    i18n::t(lang, &format!("opt.{code}"))
}

pub(super) fn field_views(
    lang: Lang,
    concepts: Concepts,
    kind: EntityKind,
    data: &serde_json::Map<String, serde_json::Value>,
    pds: &BTreeMap<String, String>,
) -> Vec<FieldView> {
    let opt = |codes: &[&str]| {
        codes
            .iter()
            .map(|c| (c.to_string(), opt_label(lang, concepts, c)))
            .collect::<Vec<_>>()
    };
    kind.fields()
        .iter()
        .map(|f| {
            let raw = data.get(f.name);
            let value = value_text(raw);
            let values: Vec<String> = raw
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let checked = raw.and_then(|v| v.as_bool()).unwrap_or(false);
            let (widget, options) = match f.kind {
                FieldKind::Text(_) | FieldKind::Host => ("text", vec![]),
                FieldKind::LongText => ("textarea", vec![]),
                FieldKind::Enum(c) => ("select", opt(c)),
                FieldKind::Multi(c) => ("multi", opt(c)),
                FieldKind::Bool => ("checkbox", vec![]),
                FieldKind::Date => ("date", vec![]),
                FieldKind::Url => ("url", vec![]),
                FieldKind::Year => ("number", vec![]),
                FieldKind::Pd => (
                    "select",
                    pds.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                ),
            };
            let display = match f.kind {
                FieldKind::Enum(_) if !value.is_empty() => opt_label(lang, concepts, &value),
                FieldKind::Multi(_) => values
                    .iter()
                    .map(|v| opt_label(lang, concepts, v))
                    .collect::<Vec<_>>()
                    .join(", "),
                FieldKind::Bool => i18n::t(lang, if checked { "common.yes" } else { "common.no" }),
                FieldKind::Pd => pds.get(&value).cloned().unwrap_or_default(),
                _ => value.clone(),
            };
            FieldView {
                name: f.name,
                label: i18n::t(lang, &format!("field.{}", f.name)),
                widget,
                required: f.required,
                options,
                value,
                values,
                checked,
                display,
            }
        })
        .collect()
}

pub(super) fn input_from_raw(kind: EntityKind, raw: &[(String, String)]) -> RecordInput {
    let get = |k: &str| {
        raw.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    let mut data = serde_json::Map::new();
    for f in kind.fields() {
        let v = match f.kind {
            FieldKind::Multi(_) => serde_json::Value::Array(
                raw.iter()
                    .filter(|(n, _)| n == f.name)
                    .map(|(_, v)| serde_json::Value::String(v.clone()))
                    .collect(),
            ),
            FieldKind::Bool => serde_json::Value::Bool(get(f.name).is_some()),
            _ => match get(f.name) {
                Some(v) => serde_json::Value::String(v),
                None => continue,
            },
        };
        data.insert(f.name.to_owned(), v);
    }
    RecordInput {
        pd_id: get("pd_id").unwrap_or_default(),
        name: get("name").unwrap_or_default(),
        code: get("code"),
        status: get("status").unwrap_or_default(),
        ref_code: get("ref_code"),
        description: get("description"),
        data,
    }
}
