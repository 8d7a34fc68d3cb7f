//! Compliance engine benchmark (issue 4 item 9), run by `scripts/bench-compliance.sh` against a
//! database filled with `simpul demo --scale N`:
//!
//! 1. full evaluation of every region (`App::evaluate_all`), `RUNS` times; the first run after
//!    seeding writes the findings, later runs find them unchanged (the daily run);
//! 2. re-evaluation after one record changes: an administrator edits an application of the
//!    first synthetic region (toggling its SLA reference, which opens or resolves an APP-15
//!    finding where the pack has it, and always changes the record), `EDITS` times; the time
//!    of the edit use case with its re-evaluation, and of the PD re-evaluation alone.
//!
//! Prints a Markdown table of medians and p95 (milliseconds). Usage:
//! `bench_compliance DATABASE_URL [RUNS] [EDITS]`.

use simpul_app::compliance::Scope;
use simpul_app::identity::actor::TestActor;
use simpul_app::{App, AppConfig};
use simpul_domain::catalogue::EntityKind;
use simpul_domain::ids::RegionId;
use simpul_domain::user::Role;
use simpul_store::records::{self, RecordFilter};
use simpul_store::{Paging, Store};
use std::time::Instant;

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .expect("usage: bench_compliance DATABASE_URL [RUNS] [EDITS]");
    let runs: usize = args.next().map_or(5, |s| s.parse().unwrap());
    let edits: usize = args.next().map_or(30, |s| s.parse().unwrap());
    let store = Store::connect(&url, false).await.expect("connect");
    let app = App::new(store, AppConfig::default());

    let mut full = Vec::new();
    let mut first = None;
    for i in 0..runs {
        let t = Instant::now();
        let done = app.evaluate_all().await.expect("evaluate");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let checks: u32 = done.iter().map(|s| s.checks).sum();
        let failed: u32 = done.iter().map(|s| s.failed).sum();
        let opened: u32 = done.iter().map(|s| s.opened).sum();
        let (l, e, w): (u128, u128, u128) = done.iter().fold((0, 0, 0), |a, s| {
            (a.0 + s.load_ms, a.1 + s.eval_ms, a.2 + s.write_ms)
        });
        eprintln!("full run {i}: {ms:.0} ms, {} regions, {checks} checks, {failed} failed, {opened} opened; summed per region: load {l} ms, evaluate {e} ms, write {w} ms", done.len());
        if i == 0 {
            first = Some((ms, done.len(), checks, failed, opened));
        } else {
            full.push(ms);
        }
    }

    let region = RegionId::parse("sintetis01").unwrap();
    let admin = TestActor::new(Role::AdminKominfo, region.clone())
        .username("bench")
        .build();
    let filter = RecordFilter {
        kind: Some(EntityKind::Application),
        ..Default::default()
    };
    let page = {
        let mut c = app.store.read().await.unwrap();
        records::list(
            &mut c,
            &region,
            &filter,
            Paging::new(Some(1), Some(edits as i64)),
        )
        .await
        .expect("list")
    };
    let mut edit_ms = Vec::new();
    let mut pd_ms = Vec::new();
    for r in page
        .items
        .iter()
        .filter(|r| r.text("app_type") != Some("umum"))
    {
        let mut input = r.to_input();
        if input.data.remove("sla_ref").is_none() {
            input
                .data
                .insert("sla_ref".into(), serde_json::json!("SLA/BENCH/2026"));
        }
        let t = Instant::now();
        app.update_record(&admin, r.id, &input)
            .await
            .expect("update");
        edit_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        app.evaluate_region(&region, Scope::Pd(r.pd_id))
            .await
            .expect("pd");
        pd_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (first_ms, regions, checks, failed, opened) = first.unwrap();
    println!("| measurement | runs | median ms | p95 ms |");
    println!("|---|---:|---:|---:|");
    println!("| first full evaluation after seeding ({regions} regions, {checks} checks, {failed} failing, {opened} findings written) | 1 | {first_ms:.0} | |");
    if !full.is_empty() {
        let n = full.len();
        println!(
            "| full evaluation, findings up to date (daily run) | {n} | {:.0} | {:.0} |",
            pct(&mut full, 0.5),
            pct(&mut full, 0.95)
        );
    }
    let n = edit_ms.len();
    println!(
        "| edit one application + re-evaluation of its PD | {n} | {:.1} | {:.1} |",
        pct(&mut edit_ms, 0.5),
        pct(&mut edit_ms, 0.95)
    );
    println!(
        "| re-evaluation of one PD alone | {n} | {:.1} | {:.1} |",
        pct(&mut pd_ms, 0.5),
        pct(&mut pd_ms, 0.95)
    );
}
