//! The one list of workflows: a new workflow adds its line here.

use super::Definition;

/// Every workflow Simpul knows, by definition.
pub fn definitions() -> Vec<Definition> {
    vec![Definition::of::<crate::compliance::FindingWorkflow>()]
}

/// The definition of workflow `code`.
pub fn definition(code: &str) -> Option<Definition> {
    definitions().into_iter().find(|d| d.code == code)
}
