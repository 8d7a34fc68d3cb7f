//! Message catalogues: Bahasa Indonesia (default) and English, one TOML file each, compiled
//! into the binary. Keys are dotted (`pd.title`); `{name}` placeholders are filled by callers.

use simpul_domain::FieldError;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A supported language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks a language from an `Accept-Language` header: English only when preferred.
    pub fn from_accept(header: &str) -> Lang {
        let first = header
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if first.starts_with("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }
}

type Catalog = HashMap<String, String>;

fn flatten(prefix: &str, v: &toml::Value, out: &mut Catalog) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        toml::Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
        }
        other => {
            out.insert(prefix.to_owned(), format!("{other:?}"));
        }
    }
}

fn load_into(text: &str, out: &mut Catalog) {
    // The catalogues are compiled in and checked by tests, so a parse failure is a build bug.
    if let Ok(v) = text.parse::<toml::Value>() {
        flatten("", &v, out);
    }
}

/// The sources of a language's catalogue: the shared file, then every feature's.
pub fn sources(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    let shared = match lang {
        Lang::Id => include_str!("../i18n/id.toml"),
        Lang::En => include_str!("../i18n/en.toml"),
    };
    std::iter::once(("shared", shared)).chain(crate::features::FEATURES.iter().map(move |f| {
        let text = match lang {
            Lang::Id => f.messages.id,
            Lang::En => f.messages.en,
        };
        (f.name, text)
    }))
}

/// The keys one catalogue source defines.
pub fn keys_of(text: &str) -> Vec<String> {
    let mut out = Catalog::new();
    load_into(text, &mut out);
    out.into_keys().collect()
}

fn load(lang: Lang) -> Catalog {
    let mut out = Catalog::new();
    for (_, text) in sources(lang) {
        load_into(text, &mut out);
    }
    out
}

fn catalog(lang: Lang) -> &'static Catalog {
    static ID: OnceLock<Catalog> = OnceLock::new();
    static EN: OnceLock<Catalog> = OnceLock::new();
    match lang {
        Lang::Id => ID.get_or_init(|| load(Lang::Id)),
        Lang::En => EN.get_or_init(|| load(Lang::En)),
    }
}

/// The message for `key`, or the key itself when missing (visible, never a crash).
pub fn t(lang: Lang, key: &str) -> String {
    catalog(lang)
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

/// The message for `key`, if the catalogue has it.
pub fn lookup(lang: Lang, key: &str) -> Option<String> {
    catalog(lang).get(key).cloned()
}

/// A workflow's label (`part` = `label`) or the label of one of its steps, states or fields
/// (`part` = `step`, `state`, `field`): `workflow_<code>.<part>.<name>`, else the code.
pub fn workflow_label(lang: Lang, code: &str, part: &str, name: Option<&str>) -> String {
    let key = match name {
        Some(n) => format!("workflow_{code}.{part}.{n}"),
        None => format!("workflow_{code}.{part}"),
    };
    lookup(lang, &key)
        .or_else(|| {
            // A workflow whose labels a feature already has elsewhere names their prefix:
            // `workflow_<code>.<part>_prefix = "finding_status."`.
            let prefix = lookup(lang, &format!("workflow_{code}.{part}_prefix"))?;
            lookup(lang, &format!("{prefix}{}", name?))
        })
        .unwrap_or_else(|| name.unwrap_or(code).replace('_', " "))
}

/// The message for `key` with `{name}` placeholders replaced.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key);
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// The message for a field error.
pub fn field_error(lang: Lang, e: &FieldError) -> String {
    tf(
        lang,
        &format!("err.{}", e.code),
        &[("param", e.param.as_deref().unwrap_or(""))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys() {
        let id: std::collections::BTreeSet<_> = catalog(Lang::Id).keys().collect();
        let en: std::collections::BTreeSet<_> = catalog(Lang::En).keys().collect();
        assert!(id.len() > 100);
        assert_eq!(
            id.difference(&en).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "missing in en.toml"
        );
        assert_eq!(
            en.difference(&id).collect::<Vec<_>>(),
            Vec::<&&String>::new(),
            "missing in id.toml"
        );
    }

    #[test]
    fn every_key_used_in_templates_exists() {
        for (_, src) in crate::templates::all() {
            for (i, _) in src.match_indices("t(\"") {
                // Only the `t(` function, not `select(` and friends.
                if src[..i]
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    continue;
                }
                let key = src[i + 3..].split('"').next().unwrap_or("");
                if key.contains('{') || key.is_empty() || key.ends_with('.') || key.ends_with('_') {
                    continue;
                }
                assert!(
                    catalog(Lang::Id).contains_key(key),
                    "missing message key {key}"
                );
            }
        }
    }

    #[test]
    fn every_field_error_code_has_a_message() {
        for code in [
            "required",
            "too_long",
            "control_chars",
            "unknown_value",
            "invalid",
            "pd_code",
            "username",
            "email",
            "pd_required_for_operator",
            "password_short",
            "password_weak",
            "password_mismatch",
            "password_wrong",
            "conflict",
            "tim_chair_exists",
            "cannot_demote_self",
            "go_id_domain",
            "date",
            "type",
            "sanction_kind_not_allowed",
            "sanction_no_findings",
            "too_many",
            "sanction_note_required",
            "sanction_no_article",
            "sanction_finding_other_pd",
            "sanction_finding_inactive",
            "sanction_rule_not_covered",
            "sanction_finding_taken",
            // issue 9 (evaluation): JSON value errors and levels, in both languages.
            "type_integer",
            "type_number",
            "type_string",
            "type_bool",
            "type_list",
            "type_object",
            "out_of_range",
            "level_range",
        ] {
            assert!(
                catalog(Lang::Id).contains_key(&format!("err.{code}")),
                "{code}"
            );
        }
    }

    #[test]
    fn every_import_problem_has_a_message_in_both_languages() {
        for code in simpul_app::catalogue::transfer::PROBLEM_CODES {
            for lang in [Lang::Id, Lang::En] {
                assert!(
                    catalog(lang).contains_key(&format!("err.{code}")),
                    "{code} {lang:?}"
                );
            }
        }
    }

    #[test]
    fn english_is_chosen_only_when_preferred() {
        assert_eq!(Lang::from_accept("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept("id-ID,en;q=0.5"), Lang::Id);
        assert_eq!(Lang::from_accept(""), Lang::Id);
    }
}
