//! What the workflow tests share: the demo account of each role and the expectation files
//! under `tests/workflow_matrix/` (step → role → expectation).

use std::collections::BTreeMap;

/// The demo account of each role; the operator is DINKES's, the PD the seeded cases
/// belong to.
pub const ACCOUNTS: [(&str, &str); 6] = [
    ("admin_kominfo", "admin.kominfo"),
    ("operator_pd", "operator.dinkes"),
    ("koordinator", "koordinator"),
    ("pimpinan", "pimpinan"),
    ("walidata", "walidata"),
    ("auditor", "auditor"),
];

/// The demo account of a role.
pub fn user_of(role: &str) -> &'static str {
    ACCOUNTS
        .iter()
        .find(|(r, _)| *r == role)
        .map(|(_, u)| *u)
        .unwrap_or_else(|| panic!("unknown role {role}"))
}

/// step → role → expectation, from `tests/workflow_matrix/<file>`.
pub fn matrix(file: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/workflow_matrix")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}
