//! Several frameworks side by side (a region may be evaluated under the 2020 model while an
//! older or newer one is still referenced), keyed by framework code. The shipped frameworks are
//! embedded in the binary.

use super::framework::{Framework, FrameworkError};
use std::collections::BTreeMap;

/// Code of the PermenPANRB 59/2020 model.
pub const SPBE_2020: &str = "spbe-2020";

/// Code of the PermenPANRB 5/2018 model (evaluations of 2018 and 2019).
pub const SPBE_2018: &str = "spbe-2018";

/// The framework files shipped with Simpul: (path in the repository, contents).
pub const BUILTIN: [(&str, &str); 2] = [
    (
        "frameworks/spbe-2020.toml",
        include_str!("../../../../frameworks/spbe-2020.toml"),
    ),
    (
        "frameworks/spbe-2018.toml",
        include_str!("../../../../frameworks/spbe-2018.toml"),
    ),
];

/// Frameworks by code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameworkSet {
    by_code: BTreeMap<String, Framework>,
}

impl FrameworkSet {
    /// An empty set.
    pub fn new() -> FrameworkSet {
        FrameworkSet::default()
    }

    /// The shipped frameworks; an error names the file.
    pub fn builtin() -> Result<FrameworkSet, FrameworkError> {
        let mut set = FrameworkSet::new();
        for (file, text) in BUILTIN {
            let in_file = |e| FrameworkError::InFile {
                file: file.to_owned(),
                source: Box::new(e),
            };
            set.insert(Framework::from_toml(text).map_err(in_file)?)
                .map_err(in_file)?;
        }
        Ok(set)
    }

    /// Adds a framework; a second framework with the same code is rejected.
    pub fn insert(&mut self, framework: Framework) -> Result<(), FrameworkError> {
        if self.by_code.contains_key(framework.code()) {
            return Err(FrameworkError::DuplicateFramework(
                framework.code().to_owned(),
            ));
        }
        self.by_code.insert(framework.code().to_owned(), framework);
        Ok(())
    }

    /// The framework with `code`.
    pub fn get(&self, code: &str) -> Option<&Framework> {
        self.by_code.get(code)
    }

    /// The framework a period of `year` is evaluated under: the newest whose year is not
    /// after it (2018-2019: `spbe-2018`; from 2020: `spbe-2020`), the oldest for earlier years.
    pub fn for_year(&self, year: i64) -> Option<&Framework> {
        self.iter()
            .filter(|f| i64::from(f.year()) <= year)
            .max_by_key(|f| f.year())
            .or_else(|| self.iter().min_by_key(|f| f.year()))
    }

    /// All frameworks in code order.
    pub fn iter(&self) -> impl Iterator<Item = &Framework> {
        self.by_code.values()
    }

    /// Number of frameworks.
    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    /// True when the set holds no framework.
    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}

impl Framework {
    /// The shipped PermenPANRB 59/2020 model (`frameworks/spbe-2020.toml`, embedded).
    pub fn spbe_2020() -> Result<Framework, FrameworkError> {
        Framework::from_toml(BUILTIN[0].1)
    }

    /// The shipped PermenPANRB 5/2018 model (`frameworks/spbe-2018.toml`, embedded).
    pub fn spbe_2018() -> Result<Framework, FrameworkError> {
        Framework::from_toml(BUILTIN[1].1)
    }
}
