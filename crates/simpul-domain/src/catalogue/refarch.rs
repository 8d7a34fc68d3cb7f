//! Reference architecture trees (FRAMEWORKS.md section 3): hierarchical codes such as
//! `RAL.02.06` that catalogue records point into. Shipped as data in
//! `frameworks/reference-architecture.toml`, editable afterwards.

use serde::{Deserialize, Serialize};

/// The six trees.
pub const TREES: [(&str, &str); 6] = [
    ("RAB", "Proses Bisnis"),
    ("RAL", "Layanan"),
    ("RAD", "Data dan Informasi"),
    ("RAA", "Aplikasi"),
    ("RAI", "Infrastruktur"),
    ("RAK", "Keamanan"),
];

/// One node of a tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefCode {
    pub code: String,
    pub name: String,
}

impl RefCode {
    /// `RAL` for `RAL.02.06`.
    pub fn tree(&self) -> &str {
        self.code.split('.').next().unwrap_or("")
    }

    /// `RAL.02` for `RAL.02.06`; `None` for a top-level code.
    pub fn parent(&self) -> Option<String> {
        let (p, _) = self.code.rsplit_once('.')?;
        p.contains('.').then(|| p.to_owned())
    }
}

#[derive(Deserialize)]
struct File {
    code: Vec<RefCode>,
}

/// The shipped trees.
pub const BUILTIN: &str = include_str!("../../../../frameworks/reference-architecture.toml");

/// Parses and validates a tree file: known tree prefixes, two-digit levels, unique codes,
/// every parent present before its children.
pub fn parse(text: &str) -> Result<Vec<RefCode>, String> {
    let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut seen = std::collections::HashSet::new();
    for c in &f.code {
        let parts: Vec<&str> = c.code.split('.').collect();
        if !TREES.iter().any(|(t, _)| *t == parts[0])
            || parts.len() < 2
            || parts[1..]
                .iter()
                .any(|p| p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!("invalid code `{}`", c.code));
        }
        if c.name.trim().is_empty() {
            return Err(format!("code `{}` has no name", c.code));
        }
        if let Some(p) = c.parent() {
            if !seen.contains(&p) {
                return Err(format!("code `{}` appears before its parent `{p}`", c.code));
            }
        }
        if !seen.insert(c.code.clone()) {
            return Err(format!("duplicate code `{}`", c.code));
        }
    }
    Ok(f.code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_trees_are_valid_and_cover_every_tree() {
        let codes = super::parse(super::BUILTIN).unwrap();
        for (t, _) in super::TREES {
            assert!(codes.iter().any(|c| c.tree() == t), "{t}");
        }
        let c = codes.iter().find(|c| c.code == "RAL.02.06").unwrap();
        assert_eq!(c.parent().as_deref(), Some("RAL.02"));
    }

    #[test]
    fn an_orphan_or_malformed_code_is_rejected() {
        assert!(super::parse("[[code]]\ncode = \"RAL.01.01\"\nname = \"x\"")
            .unwrap_err()
            .contains("parent"));
        assert!(super::parse("[[code]]\ncode = \"XYZ.01\"\nname = \"x\"").is_err());
    }
}
