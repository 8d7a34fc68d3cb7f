//! The use cases: export a kind's records, import a file of them.

use super::check::{check_row, unchanged, Context, GoodRow, Layout};
use super::export::{record_row, write};
use super::{sheet, Format, ImportMode, ImportReport, Problem};
use crate::catalogue::policy;
use crate::{Actor, App, AppError, Result};
use simpul_domain::catalogue::EntityKind;
use simpul_domain::ids::RecordId;
use simpul_store::{records, restore};
use std::collections::{BTreeMap, HashMap, HashSet};

impl App {
    /// Every record of `kind` in the actor's region (retired ones too), by name, as a
    /// spreadsheet. Everyone who can read the catalogue can export it.
    pub async fn export_catalogue(
        &self,
        actor: &Actor,
        kind: EntityKind,
        format: Format,
    ) -> Result<Vec<u8>> {
        let mut c = self.store.read().await?;
        let pds = restore::all_pds(&mut c, actor.region()).await?;
        let pd_code: HashMap<String, String> = pds
            .into_iter()
            .map(|p| (p.id.to_string(), p.code))
            .collect();
        let recs = records::all_of_kind(&mut c, actor.region(), kind).await?;
        drop(c);
        let rows: Vec<Vec<String>> = recs.iter().map(|r| record_row(r, &pd_code)).collect();
        write(kind, format, &rows, None)
    }

    /// Imports a spreadsheet of `kind` records. Every row is checked first; the report names
    /// each problem by row and column. With [`ImportMode::AllOrNothing`] nothing is written if
    /// any row fails; with [`ImportMode::OnlyValidRows`] the valid rows are. A role that cannot
    /// register records of `kind` at all gets [`AppError::Forbidden`]; everything about the file
    /// itself is in the report.
    pub async fn import_catalogue(
        &self,
        actor: &Actor,
        kind: EntityKind,
        format: Format,
        bytes: &[u8],
        mode: ImportMode,
    ) -> Result<ImportReport> {
        policy::write_catalogue(actor, kind)?;
        let report = ImportReport::new(kind, format, mode);
        let _slot = self.import_slot().await?;
        let grid = match sheet::read_upload(format, bytes).await {
            Ok(g) => g,
            Err(p) => return Ok(report.fail(p)),
        };
        let mut rows = grid.rows.into_iter();
        let Some((header_row, header)) = rows.next() else {
            return Ok(report.fail(Problem::file("no_header", None)));
        };
        let data: Vec<(u32, Vec<String>)> = rows.collect();
        let layout = match Layout::from_header(kind, header_row, &header, &data) {
            Ok(l) => l,
            Err(problems) => {
                let mut report = report;
                report.rows = data.len();
                report.problems = problems;
                return Ok(report);
            }
        };
        if data.is_empty() {
            return Ok(report.fail(Problem::file("no_rows", None)));
        }
        self.check_and_write(actor, kind, report, layout, data, grid.cell_problems)
            .await
    }

    async fn check_and_write(
        &self,
        actor: &Actor,
        kind: EntityKind,
        mut report: ImportReport,
        layout: Layout,
        data: Vec<(u32, Vec<String>)>,
        cell_problems: Vec<sheet::CellProblem>,
    ) -> Result<ImportReport> {
        report.rows = data.len();
        let mut bad_cells: HashMap<u32, Vec<(&'static str, Problem)>> = HashMap::new();
        for cp in cell_problems {
            if let Some(col) = layout.column_name(cp.col) {
                bad_cells
                    .entry(cp.row)
                    .or_default()
                    .push((col, Problem::cell(cp.row, col, cp.code, cp.param)));
            }
        }
        // Checks run in the write transaction, so no other write slips in between.
        let mut tx = self.write(actor).await?;
        let now = tx.now().to_owned();
        let ctx = Context::load(&mut tx, actor, kind).await?;
        let mut checked: Vec<(u32, Option<GoodRow>, Vec<Problem>)> = Vec::with_capacity(data.len());
        for (row, cells) in &data {
            let cell_probs = bad_cells.remove(row).unwrap_or_default();
            let bad: HashSet<&'static str> = cell_probs.iter().map(|(c, _)| *c).collect();
            let (good, mut problems) = check_row(actor, kind, &ctx, &layout, *row, cells, &bad);
            problems.extend(cell_probs.into_iter().map(|(_, p)| p));
            let good = if problems.is_empty() { good } else { None };
            checked.push((*row, good, problems));
        }
        // A code may appear once per file: which row would win is not the user's intent.
        let mut by_code: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let j = layout.names.iter().position(|n| *n == "code").unwrap_or(0);
        for (row, cells) in &data {
            let code = cells
                .get(layout.pos[j])
                .map(|c| c.trim().to_ascii_uppercase())
                .unwrap_or_default();
            if !code.is_empty() {
                by_code.entry(code).or_default().push(*row);
            }
        }
        let dup_rows: HashMap<u32, String> = by_code
            .values()
            .filter(|rows| rows.len() > 1)
            .flat_map(|rows| {
                rows.iter().map(move |r| {
                    (
                        *r,
                        rows.iter()
                            .filter(|o| *o != r)
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                })
            })
            .collect();
        for (row, good, problems) in &mut checked {
            if let Some(others) = dup_rows.get(row) {
                problems.push(Problem::cell(
                    *row,
                    "code",
                    "duplicate_code",
                    Some(others.clone()),
                ));
                *good = None;
            }
        }
        let order = |c: &Option<String>| {
            c.as_deref()
                .and_then(|c| layout.names.iter().position(|n| *n == c))
                .unwrap_or(usize::MAX)
        };
        let mut good_rows = Vec::new();
        for (_, good, mut problems) in checked {
            problems.sort_by_key(|p| order(&p.column));
            report.problems.extend(problems);
            match good {
                Some(g) => good_rows.push(g),
                None => report.rejected_rows += 1,
            }
        }
        report.valid_rows = good_rows.len();
        if report.rejected_rows > 0 && report.mode == ImportMode::AllOrNothing {
            return Ok(report);
        }
        let kc = kind.code();
        for g in good_rows {
            match g.existing {
                Some(before) if unchanged(&before, &g.valid) => report.unchanged += 1,
                Some(before) => {
                    records::update(
                        &mut tx,
                        actor.region(),
                        before.id,
                        before.kind,
                        &g.valid,
                        &now,
                    )
                    .await?;
                    let after = records::get(&mut tx, actor.region(), before.id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    tx.audit(
                        &format!("{kc}.update"),
                        kc,
                        &before.id.to_string(),
                        Some(&before),
                        Some(&after),
                    )
                    .await?;
                    report.updated += 1;
                }
                None => {
                    let id = RecordId::new();
                    records::insert(&mut tx, actor.region(), id, kind, &g.valid, &now, &now)
                        .await?;
                    let after = records::get(&mut tx, actor.region(), id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    tx.audit(
                        &format!("{kc}.create"),
                        kc,
                        &id.to_string(),
                        None,
                        Some(&after),
                    )
                    .await?;
                    report.created += 1;
                }
            }
        }
        if report.created + report.updated == 0 {
            return Ok(report);
        }
        let summary = serde_json::json!({
            "format": report.format,
            "mode": report.mode,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected_rows,
        });
        let batch = uuid::Uuid::now_v7().to_string();
        tx.audit(&format!("{kc}.import"), kc, &batch, None, Some(&summary))
            .await?;
        tx.commit(self).await?;
        report.written = true;
        if crate::compliance::read_by_rules(kind) {
            self.evaluate_after_bulk(actor.region()).await;
        }
        Ok(report)
    }
}
