//! Generates the list of schema migrations from the files in `migrations/`: a name with a file
//! in both `sqlite/` and `postgres/` runs its own SQL per backend (`each`), a name in `shared/`
//! one file both backends run (`shared`). Sorted by name; `src/migrate.rs` includes the output
//! as `MIGRATIONS`. A name in only one of `sqlite/` and `postgres/`, or in `shared/` and a
//! backend directory, stops the build.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const DIRS: [&str; 3] = ["sqlite", "postgres", "shared"];

/// The migration names (file names without `.sql`) in one directory.
fn names(dir: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("migrations: cannot list {}: {e}", dir.display()));
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("migrations: {}: {e}", dir.display()));
        let file = entry.file_name().to_string_lossy().into_owned();
        match file.strip_suffix(".sql") {
            Some(name) if !name.is_empty() => out.push(name.to_owned()),
            _ => panic!(
                "migrations: {} holds {file:?}, which is not a NAME.sql migration",
                dir.display()
            ),
        }
    }
    out
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("migrations");
    println!("cargo:rerun-if-changed=build.rs");
    // Where each name has a file: one flag per directory of `DIRS`.
    let mut found: BTreeMap<String, [bool; 3]> = BTreeMap::new();
    for (i, dir) in DIRS.iter().enumerate() {
        let path = root.join(dir);
        println!("cargo:rerun-if-changed={}", path.display());
        for name in names(&path) {
            found.entry(name).or_default()[i] = true;
        }
    }
    let mut errors = Vec::new();
    let mut list = String::from("&[\n");
    for (name, [sqlite, postgres, shared]) in &found {
        let file = |dir: &str| root.join(dir).join(format!("{name}.sql"));
        let (lite, pg) = match (sqlite, postgres, shared) {
            (true, true, false) => (file("sqlite"), file("postgres")),
            (false, false, true) => (file("shared"), file("shared")),
            (_, _, true) => {
                errors.push(format!(
                    "{name}: in shared/ and in a backend directory; a migration is either one \
                     shared file or one file per backend"
                ));
                continue;
            }
            (true, false, _) => {
                errors.push(format!("{name}: in sqlite/ but not in postgres/"));
                continue;
            }
            _ => {
                errors.push(format!("{name}: in postgres/ but not in sqlite/"));
                continue;
            }
        };
        writeln!(
            list,
            "    Migration {{ name: {name:?}, sqlite: include_str!({:?}), postgres: include_str!({:?}) }},",
            lite.display().to_string(),
            pg.display().to_string()
        )
        .unwrap();
    }
    list.push_str("]\n");
    if !errors.is_empty() {
        panic!(
            "migrations in {}:\n  {}",
            root.display(),
            errors.join("\n  ")
        );
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("migrations.rs");
    std::fs::write(&out, list).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
