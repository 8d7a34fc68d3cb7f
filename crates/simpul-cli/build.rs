//! Build-time facts for the `simpul_build_info` metric: the git commit the binary is built
//! from, as `SIMPUL_GIT_COMMIT`: the variable of that name when the build sets it (e.g. a
//! packaging script outside a checkout), else `git rev-parse` when git and a checkout are
//! there, else `unknown`. Runs git if present; no dependency.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// Reruns this script when HEAD moves: HEAD itself, the branch it names, the packed refs.
fn watch_head() {
    let mut files = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        files.push(branch);
    }
    for f in files {
        if let Some(path) = git(&["rev-parse", "--git-path", &f]) {
            if Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SIMPUL_GIT_COMMIT");
    let commit = match std::env::var("SIMPUL_GIT_COMMIT") {
        Ok(c) if !c.trim().is_empty() => c.trim().to_owned(),
        _ => {
            watch_head();
            git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".to_owned())
        }
    };
    println!("cargo:rustc-env=SIMPUL_GIT_COMMIT={commit}");
}
