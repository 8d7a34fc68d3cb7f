//! Horizontal bar charts as plain data for the SVG templates (no JavaScript): each row has a
//! label and one bar per series, scaled so that index 5.00 spans `WIDTH` pixels.

use serde::Serialize;
use simpul_app::evaluation::{IndicatorView, PartScore, ScoreView, YearSummary};

const WIDTH: u64 = 300;
const BAR: u64 = 14;

#[derive(Serialize)]
pub struct Bar {
    pub series: usize,
    pub y: u64,
    pub w: u64,
    pub value: String,
}

#[derive(Serialize)]
pub struct Row {
    pub label: String,
    /// The label cut to fit the chart's left column.
    pub short: String,
    pub y: u64,
    pub bars: Vec<Bar>,
}

#[derive(Serialize)]
pub struct Chart {
    pub rows: Vec<Row>,
    pub height: u64,
}

/// A chart of `labels` with one value per series (hundredths of an index, or a level × 100).
fn build(labels: Vec<String>, series: &[Vec<Option<(u64, String)>>]) -> Chart {
    let per_row = BAR * series.len().max(1) as u64 + 10;
    let rows: Vec<Row> = labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let y = i as u64 * per_row;
            let bars = series
                .iter()
                .enumerate()
                .filter_map(|(k, s)| {
                    let (h, value) = s.get(i).cloned().flatten()?;
                    Some(Bar {
                        series: k,
                        y: y + k as u64 * BAR,
                        w: h.min(500) * WIDTH / 500,
                        value,
                    })
                })
                .collect();
            let short = if label.chars().count() > 52 {
                label.chars().take(50).collect::<String>() + "…"
            } else {
                label.clone()
            };
            Row {
                label,
                short,
                y,
                bars,
            }
        })
        .collect();
    let height = rows.len() as u64 * per_row + 4;
    Chart { rows, height }
}

fn values(
    s: &Option<ScoreView>,
    pick: fn(&ScoreView) -> &Vec<PartScore>,
    n: usize,
) -> Vec<Option<(u64, String)>> {
    match s {
        Some(s) => pick(s)
            .iter()
            .map(|p| p.hundredths.zip(p.index.clone()))
            .collect(),
        None => vec![None; n],
    }
}

/// Domains or aspects: claimed (series 0) against validated (series 1).
pub fn parts(
    claimed: &Option<ScoreView>,
    validated: &Option<ScoreView>,
    pick: fn(&ScoreView) -> &Vec<PartScore>,
) -> minijinja::Value {
    let Some(any) = claimed.as_ref().or(validated.as_ref()) else {
        return minijinja::Value::from(());
    };
    let labels: Vec<String> = pick(any)
        .iter()
        .map(|p| format!("{} {}", p.code, p.name))
        .collect();
    let n = labels.len();
    let chart = build(
        labels,
        &[values(claimed, pick, n), values(validated, pick, n)],
    );
    minijinja::Value::from_serialize(&chart)
}

/// Every indicator's claimed (series 0) and validated (series 1) level.
pub fn indicators(list: &[IndicatorView]) -> minijinja::Value {
    let level = |l: Option<i64>| l.map(|l| (l as u64 * 100, l.to_string()));
    let labels = list
        .iter()
        .map(|i| format!("{}. {}", i.number, i.name))
        .collect();
    let claimed = list.iter().map(|i| level(i.claimed_level)).collect();
    let validated = list.iter().map(|i| level(i.validated_level)).collect();
    minijinja::Value::from_serialize(build(labels, &[claimed, validated]))
}

/// The index of every year (final levels where validated), then each domain per year. A
/// partial index is labelled with its coverage (`2.00 (1/47)`) instead of a predicate.
pub fn years(list: &[YearSummary]) -> minijinja::Value {
    let labels = list.iter().map(|y| y.year.to_string()).collect();
    let index = list
        .iter()
        .map(|y| {
            y.score.as_ref().map(|s| {
                let label = match &s.predicate {
                    Some(p) => format!("{} {p}", s.index),
                    None => format!("{} ({}/{})", s.index, s.scored, s.total),
                };
                (s.hundredths, label)
            })
        })
        .collect();
    minijinja::Value::from_serialize(build(labels, &[index]))
}

/// Each domain's index in the latest three years (one series per year, oldest first).
pub fn domains_by_year(list: &[YearSummary]) -> minijinja::Value {
    let recent: Vec<&YearSummary> = list.iter().rev().take(3).rev().collect();
    let Some(first) = recent.iter().find_map(|y| y.score.as_ref()) else {
        return minijinja::Value::from(());
    };
    let labels: Vec<String> = first
        .domains
        .iter()
        .map(|d| format!("{} {}", d.code, d.name))
        .collect();
    let n = labels.len();
    let series: Vec<_> = recent
        .iter()
        .map(|y| values(&y.score, |s| &s.domains, n))
        .collect();
    minijinja::Value::from_serialize(build(labels, &series))
}
