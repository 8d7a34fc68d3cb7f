//! Memory ceiling of spreadsheet imports (issue 9.5): four XLSX bombs imported at once (a
//! small file whose shared strings inflate to 240 MiB, honest and lying about its size) and
//! a CSV of ten million empty fields raise the peak RSS of the process by at most
//! `CEILING_MIB`. One test in its own binary, so the peak (VmHWM, reset through
//! /proc/self/clear_refs) is this test's alone. Linux only; elsewhere it only runs the imports.

mod common;

use simpul_app::catalogue::transfer::{Format, ImportMode};
use simpul_domain::catalogue::EntityKind;

/// What the imports may add to the peak resident memory.
const CEILING_MIB: u64 = 64;

fn status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets VmHWM to the current RSS; false when the kernel does not allow it.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_xlsx_bombs_at_once_cost_the_import_at_most_tens_of_mb() {
    let e = common::envs().await.remove(0);
    let bombs = [
        common::bomb::xlsx_bomb(240, false),
        common::bomb::xlsx_bomb(240, true),
        common::bomb::xlsx_bomb(240, false),
        common::bomb::xlsx_bomb(240, true),
    ];
    let csv = vec![b','; 10_000_000];
    let measured = reset_peak();
    let before = status_kib("VmHWM:").unwrap_or(0);
    let import = |bytes: &[u8], format: Format| {
        let (app, admin, bytes) = (e.app.clone(), e.admin.clone(), bytes.to_vec());
        tokio::spawn(async move {
            app.import_catalogue(
                &admin,
                EntityKind::Application,
                format,
                &bytes,
                ImportMode::AllOrNothing,
            )
            .await
        })
    };
    let runs: Vec<_> = bombs
        .iter()
        .map(|b| import(b, Format::Xlsx))
        .chain([import(&csv, Format::Csv)])
        .collect();
    for run in runs {
        // Refused with a report, or Busy while the other imports hold the slots: never a
        // grid of hundreds of MiB.
        match run.await.unwrap() {
            Ok(r) => assert!(!r.written && !r.problems.is_empty()),
            Err(simpul_app::AppError::Busy { .. }) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    let after = status_kib("VmHWM:").unwrap_or(0);
    let grown = after.saturating_sub(before) / 1024;
    eprintln!(
        "peak RSS {} MiB -> {} MiB (+{grown} MiB)",
        before / 1024,
        after / 1024
    );
    if measured {
        assert!(
            grown <= CEILING_MIB,
            "the imports raised the peak RSS by {grown} MiB (ceiling {CEILING_MIB} MiB)"
        );
    }
}
