//! Reading an uploaded file's rows: where each column is, and every check of one row.

use super::{columns, Problem};
use crate::catalogue::policy;
use crate::{Actor, AppError, Result};
use serde_json::{Map, Value};
use simpul_domain::catalogue::{EntityKind, FieldKind, Record, RecordInput, ValidRecord};
use simpul_domain::ids::PdId;
use simpul_store::{records, restore, Conn};
use std::collections::{HashMap, HashSet};

/// Where each expected column is in the file.
pub(super) struct Layout {
    /// Physical column of each of [`columns`]`(kind)`.
    pub(super) pos: Vec<usize>,
    pub(super) names: Vec<&'static str>,
}

impl Layout {
    pub(super) fn from_header(
        kind: EntityKind,
        header_row: u32,
        header: &[String],
        data: &[(u32, Vec<String>)],
    ) -> Result<Layout, Vec<Problem>> {
        let names = columns(kind);
        let mut pos: Vec<Option<usize>> = vec![None; names.len()];
        let mut problems = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let name = h.trim().to_ascii_lowercase();
            if name.is_empty() {
                if data
                    .iter()
                    .any(|(_, cells)| cells.get(i).is_some_and(|c| !c.trim().is_empty()))
                {
                    problems.push(Problem {
                        row: Some(header_row),
                        column: Some(format!("#{}", i + 1)),
                        code: "unnamed_column",
                        param: None,
                    });
                }
                continue;
            }
            match names.iter().position(|n| *n == name) {
                Some(j) if pos[j].is_some() => problems.push(Problem::cell(
                    header_row,
                    names[j],
                    "duplicate_column",
                    None,
                )),
                Some(j) => pos[j] = Some(i),
                None => problems.push(Problem::cell(header_row, h.trim(), "unknown_column", None)),
            }
        }
        for (j, p) in pos.iter().enumerate() {
            if p.is_none() {
                problems.push(Problem::cell(header_row, names[j], "missing_column", None));
            }
        }
        if problems.is_empty() {
            Ok(Layout {
                pos: pos.into_iter().flatten().collect(),
                names,
            })
        } else {
            Err(problems)
        }
    }

    pub(super) fn column_name(&self, physical: usize) -> Option<&'static str> {
        self.pos
            .iter()
            .position(|p| *p == physical)
            .map(|j| self.names[j])
    }
}

/// What a row is checked against, read in the import's transaction.
pub(super) struct Context {
    /// PD code (upper case) → id, retired PDs included (as for single records).
    pd_by_code: HashMap<String, PdId>,
    pd_code_of: HashMap<PdId, String>,
    refs: HashSet<String>,
    /// Existing records of the kind by code.
    existing: HashMap<String, Record>,
}

impl Context {
    pub(super) async fn load(conn: &mut Conn, actor: &Actor, kind: EntityKind) -> Result<Context> {
        let pds = restore::all_pds(conn, actor.region()).await?;
        let refs = records::refs(conn, Some(kind.ref_tree().unwrap_or(""))).await?;
        let existing = records::all_of_kind(conn, actor.region(), kind).await?;
        Ok(Context {
            pd_by_code: pds
                .iter()
                .map(|p| (p.code.to_ascii_uppercase(), p.id))
                .collect(),
            pd_code_of: pds.iter().map(|p| (p.id, p.code.clone())).collect(),
            refs: refs.into_iter().map(|r| r.code).collect(),
            existing: existing
                .into_iter()
                .filter_map(|r| r.code.clone().map(|c| (c, r)))
                .collect(),
        })
    }
}

/// A row that passed every check, with the record it updates.
pub(super) struct GoodRow {
    pub(super) valid: ValidRecord,
    pub(super) existing: Option<Record>,
}

/// Checks one data row completely; every problem is collected.
pub(super) fn check_row(
    actor: &Actor,
    kind: EntityKind,
    ctx: &Context,
    layout: &Layout,
    row: u32,
    cells: &[String],
    bad_cells: &HashSet<&'static str>,
) -> (Option<GoodRow>, Vec<Problem>) {
    let cell = |name: &str| -> &str {
        let j = layout
            .names
            .iter()
            .position(|n| *n == name)
            .unwrap_or(usize::MAX);
        layout
            .pos
            .get(j)
            .and_then(|p| cells.get(*p))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    let mut problems: Vec<Problem> = Vec::new();
    // Columns that already have a problem in this row (also bad cells found while reading).
    let mut flagged: HashSet<&str> = bad_cells.clone();
    let flag = |problems: &mut Vec<Problem>,
                flagged: &mut HashSet<&str>,
                column: &'static str,
                code: &'static str,
                param: Option<String>| {
        flagged.insert(column);
        problems.push(Problem::cell(row, column, code, param));
    };
    let resolve = |code: &str| ctx.pd_by_code.get(&code.to_ascii_uppercase()).copied();

    let pd_code = cell("pd_code");
    let pd_id = match (pd_code, resolve(pd_code)) {
        (_, _) if bad_cells.contains("pd_code") => None,
        ("", _) => {
            flag(&mut problems, &mut flagged, "pd_code", "required", None);
            None
        }
        (c, None) => {
            flag(
                &mut problems,
                &mut flagged,
                "pd_code",
                "pd_unknown",
                Some(c.to_ascii_uppercase()),
            );
            None
        }
        (_, Some(id)) => Some(id),
    };
    if let Some(pd) = pd_id {
        if policy::write_record_of(actor, kind, pd).is_err() {
            flag(&mut problems, &mut flagged, "pd_code", "pd_forbidden", None);
        }
    }
    let mut data = Map::new();
    for f in kind.fields() {
        let raw = cell(f.name);
        if raw.is_empty() || bad_cells.contains(f.name) {
            continue;
        }
        if f.kind == FieldKind::Pd {
            match resolve(raw) {
                Some(id) => data.insert(f.name.to_owned(), Value::String(id.to_string())),
                None => {
                    flag(
                        &mut problems,
                        &mut flagged,
                        f.name,
                        "pd_unknown",
                        Some(raw.to_ascii_uppercase()),
                    );
                    continue;
                }
            };
        } else {
            data.insert(f.name.to_owned(), Value::String(raw.to_owned()));
        }
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let input = RecordInput {
        pd_id: pd_id.map(|p| p.to_string()).unwrap_or_default(),
        name: cell("name").to_owned(),
        code: opt(cell("code")),
        // Status codes are lower case; "Produksi" typed in a spreadsheet means `produksi`.
        status: cell("status").to_lowercase(),
        ref_code: opt(cell("ref_code")),
        description: opt(cell("description")),
        data,
    };
    let valid = match input.validate(kind) {
        Ok(v) => Some(v),
        Err(inv) => {
            for e in inv.0 {
                let column = if e.field == "pd_id" {
                    "pd_code"
                } else {
                    layout
                        .names
                        .iter()
                        .copied()
                        .find(|n| *n == e.field)
                        .unwrap_or("name")
                };
                // One problem per cell: the first found is the one to fix.
                if !flagged.contains(column) {
                    flag(&mut problems, &mut flagged, column, e.code, e.param);
                }
            }
            None
        }
    };
    let ref_code = cell("ref_code").to_ascii_uppercase();
    if !ref_code.is_empty() && !flagged.contains("ref_code") && !ctx.refs.contains(&ref_code) {
        flag(
            &mut problems,
            &mut flagged,
            "ref_code",
            "ref_code_unknown",
            Some(kind.ref_tree().unwrap_or("").to_owned()),
        );
    }
    let code = cell("code").to_ascii_uppercase();
    let existing = ctx
        .existing
        .get(&code)
        .filter(|_| !code.is_empty() && !flagged.contains("code"));
    if let Some(e) = existing {
        // Updating a record also needs the right to edit it where it is now.
        if policy::write_record_of(actor, kind, e.pd_id).is_err() && !flagged.contains("pd_code") {
            flag(
                &mut problems,
                &mut flagged,
                "code",
                "pd_forbidden",
                ctx.pd_code_of.get(&e.pd_id).cloned(),
            );
        }
    }
    // A reviewed field (a LAN diagram's status, a dataset's classification) the importer
    // may not set or change (issue 9.15).
    if let Some(Err(AppError::Invalid(inv))) = valid
        .as_ref()
        .map(|v| policy::check_reviewed_fields(actor, kind, existing, v))
    {
        for e in inv.0 {
            let column = if e.field == "status" {
                "status"
            } else {
                "classification"
            };
            if !flagged.contains(column) {
                flag(&mut problems, &mut flagged, column, e.code, e.param);
            }
        }
    }
    match valid {
        Some(valid) if problems.is_empty() => (
            Some(GoodRow {
                valid,
                existing: existing.cloned(),
            }),
            problems,
        ),
        _ => (None, problems),
    }
}

pub(super) fn unchanged(before: &Record, v: &ValidRecord) -> bool {
    before.pd_id == v.pd_id
        && before.name == v.name
        && before.code == v.code
        && before.status == v.status
        && before.ref_code == v.ref_code
        && before.description == v.description
        && before.data == v.data
}
