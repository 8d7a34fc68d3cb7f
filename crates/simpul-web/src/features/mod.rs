//! The features of the web layer, one folder each: its pages and their route table, its API
//! handlers with their route table and OpenAPI document, its templates and its messages.
//! [`FEATURES`] is the one list of them: the router, the OpenAPI document, the template
//! environment and the message catalogues are built by iterating it.

pub mod account;
pub mod audit;
pub mod cases;
pub mod catalogue;
pub mod compliance;
pub mod deadlines;
pub mod evaluation;
pub mod home;
pub mod org;
pub mod sanctions;
pub mod users;

use crate::router::AppState;
use crate::routes::Table;
use axum::Router;

/// A feature's [`Feature`] from its parts, in its folder's `mod.rs`: `pages: pages` (its
/// `pages::table`), `api: api` and `openapi: api` (its `api::table` and `api::Doc`), `templates:
/// ["x.html", …]` (from its `templates/`), `messages: i18n` (its `i18n/{id,en}.toml`), any
/// other field as `field: (value)`.
macro_rules! feature_of {
    ($name:literal $(, $key:ident: $value:tt)* $(,)?) => {
        $crate::features::Feature {
            name: $name,
            $($key: $crate::features::feature_of!(@ $key $value),)*
            ..$crate::features::Feature::EMPTY
        }
    };
    (@pages $m:ident) => { $m::table };
    (@api $m:ident) => { $m::table };
    (@openapi $m:ident) => { <$m::Doc as utoipa::OpenApi>::openapi };
    (@templates [$($t:literal),* $(,)?]) => { &[$(($t, include_str!(concat!("templates/", $t)))),*] };
    (@messages i18n) => {
        $crate::features::Messages {
            id: include_str!("i18n/id.toml"),
            en: include_str!("i18n/en.toml"),
        }
    };
    (@$key:ident ($value:expr)) => { $value };
}
pub(crate) use feature_of;

/// A feature's part of the OpenAPI document, `Doc` (its operations and its tag), and its API
/// route table, `table()`, built from the same list: each handler is routed where its
/// `#[utoipa::path]` says; `handler(limit)` accepts bodies up to `limit` bytes (uploads).
macro_rules! api_doc {
    ($tag:tt, $description:tt, [$($path:ident $(($limit:expr))?),* $(,)?]) => {
        #[derive(utoipa::OpenApi)]
        #[openapi(paths($($path),*), tags((name = $tag, description = $description)))]
        pub struct Doc;

        /// The API routes of this feature (under `/api/v1`).
        pub fn table() -> $crate::routes::Table {
            let doc = <Doc as utoipa::OpenApi>::openapi();
            $crate::routes::Table::new()
                $(.documented(&doc, stringify!($path), |m| axum::routing::on(m, $path), None $(.or(Some($limit)))?))*
        }
    };
}
pub(crate) use api_doc;

/// A feature's message catalogues (TOML, dotted keys), one per language.
#[derive(Clone, Copy)]
pub struct Messages {
    pub id: &'static str,
    pub en: &'static str,
}

/// One capability of the web layer.
pub struct Feature {
    pub name: &'static str,
    /// Its pages.
    pub pages: fn() -> Table,
    /// Its API routes, under `/api/v1`.
    pub api: fn() -> Table,
    /// Its part of the OpenAPI document (paths, schemas, tag).
    pub openapi: fn() -> utoipa::openapi::OpenApi,
    /// Its templates, by name (names are global: templates include each other by name).
    pub templates: &'static [(&'static str, &'static str)],
    /// Its messages; keys used by several features stay in the shared `i18n/*.toml`.
    pub messages: Messages,
    /// Routes outside the route tables (redirects from where pages used to be).
    pub redirects: fn() -> Router<AppState>,
    /// The page of a case of one of its workflows (`workflow`, case id), for task lists.
    pub case_link: fn(&str, &str) -> Option<String>,
}

fn no_doc() -> utoipa::openapi::OpenApi {
    utoipa::openapi::OpenApiBuilder::new().build()
}

fn no_link(_: &str, _: &str) -> Option<String> {
    None
}

impl Feature {
    /// A feature with nothing: the base of each feature's `FEATURE` (`..Feature::EMPTY`).
    pub const EMPTY: Feature = Feature {
        name: "",
        pages: Table::new,
        api: Table::new,
        openapi: no_doc,
        templates: &[],
        messages: Messages { id: "", en: "" },
        redirects: Router::new,
        case_link: no_link,
    };
}

/// Every feature.
pub const FEATURES: &[Feature] = &[
    org::FEATURE,
    users::FEATURE,
    account::FEATURE,
    audit::FEATURE,
    catalogue::FEATURE,
    compliance::FEATURE,
    cases::FEATURE,
    deadlines::FEATURE,
    sanctions::FEATURE,
    evaluation::FEATURE,
    home::FEATURE,
];

/// The page of a case, from the feature that owns its workflow.
pub fn case_link(workflow: &str, case: &str) -> Option<String> {
    FEATURES.iter().find_map(|f| (f.case_link)(workflow, case))
}

#[cfg(test)]
mod tests {
    use super::FEATURES;
    use crate::i18n::{keys_of, sources, Lang};
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn every_template_file_of_a_feature_is_registered_by_it() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src/features");
        let mut seen = 0;
        for dir in std::fs::read_dir(root).unwrap() {
            let dir = dir.unwrap().path();
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let Ok(files) = std::fs::read_dir(dir.join("templates")) else {
                continue;
            };
            let feature = FEATURES
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("features/{name} has templates but is not in FEATURES"));
            for file in files {
                let path = file.unwrap().path();
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                if !file.ends_with(".html") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    feature
                        .templates
                        .iter()
                        .any(|(n, src)| *n == file && *src == text),
                    "features/{name}/templates/{file} is not in {name}::FEATURE.templates"
                );
                seen += 1;
            }
        }
        let registered: usize = FEATURES.iter().map(|f| f.templates.len()).sum();
        assert_eq!(seen, registered, "a registered template has no file");
    }

    #[test]
    fn template_names_and_feature_names_are_unique() {
        let mut names = BTreeSet::new();
        for (name, _) in crate::templates::all() {
            assert!(names.insert(*name), "template {name} registered twice");
        }
        let mut features = BTreeSet::new();
        for f in FEATURES {
            assert!(features.insert(f.name), "feature {} listed twice", f.name);
        }
    }

    #[test]
    fn every_message_source_has_the_same_keys_in_both_languages() {
        let id: Vec<_> = sources(Lang::Id).collect();
        let en: Vec<_> = sources(Lang::En).collect();
        assert_eq!(id.len(), en.len());
        for ((name, id), (_, en)) in id.iter().zip(&en) {
            let (id, en) = (keys_of(id), keys_of(en));
            let only_id: Vec<_> = id.iter().filter(|k| !en.contains(k)).collect();
            let only_en: Vec<_> = en.iter().filter(|k| !id.contains(k)).collect();
            assert!(
                only_id.is_empty(),
                "{name}: missing in en.toml: {only_id:?}"
            );
            assert!(
                only_en.is_empty(),
                "{name}: missing in id.toml: {only_en:?}"
            );
        }
    }

    #[test]
    fn no_message_key_is_defined_by_two_sources() {
        for lang in [Lang::Id, Lang::En] {
            let mut owner: BTreeMap<String, &str> = BTreeMap::new();
            for (name, text) in sources(lang) {
                for key in keys_of(text) {
                    if let Some(first) = owner.insert(key.clone(), name) {
                        panic!("{key} is defined by {first} and by {name} ({lang:?})");
                    }
                }
            }
        }
    }

    #[test]
    fn tasks_link_to_the_page_of_their_case() {
        use super::case_link;
        assert_eq!(case_link("finding", "f1").as_deref(), Some("/temuan/f1"));
        assert_eq!(case_link("sanction", "s1").as_deref(), Some("/sanksi/s1"));
        assert_eq!(
            case_link("evaluation_answer", "p1/12").as_deref(),
            Some("/evaluasi/p1/indikator/12")
        );
        assert_eq!(case_link("evaluation_answer", "p1"), None);
        assert_eq!(case_link("trial", "x"), None);
    }

    #[test]
    fn every_feature_with_messages_parses() {
        for f in FEATURES {
            for text in [f.messages.id, f.messages.en] {
                assert!(
                    text.parse::<toml::Value>().is_ok(),
                    "{}: i18n does not parse",
                    f.name
                );
            }
        }
    }
}
