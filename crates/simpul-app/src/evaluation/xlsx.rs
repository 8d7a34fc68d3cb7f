//! XLSX in the layout of the national self-assessment form: one row per indicator with its
//! level, explanation and evidence list; and import of earlier years' results from it.

use super::frameworks;
use crate::catalogue::transfer::sheet;
use crate::catalogue::transfer::Format;
use crate::evaluation::policy;
use crate::{Actor, App, AppError, Result};
use simpul_domain::evaluation::{AnswerState, Level};
use simpul_domain::ids::EvaluationId;
use simpul_domain::{now_str, FieldError, Invalid};
use simpul_store::evaluation::{self as store, AnswerRow, PeriodRow};
use simpul_store::{audit, commit};

/// Column titles of the form, in order. The last, the names of the levels given, is for
/// readers; the import does not need it.
pub const HEADER: [&str; 10] = [
    "No",
    "Domain",
    "Aspek",
    "Indikator",
    "Bobot (%)",
    "Tingkat Penilaian Mandiri",
    "Penjelasan",
    "Tingkat Validasi",
    "Bukti Dukung",
    "Keterangan Tingkat",
];

/// `Mandiri: 3 Transaksi; Validasi: 4 Kolaborasi` for an indicator of Layanan SPBE: the
/// levels given, named in the indicator's own scale.
fn level_note(i: &super::IndicatorView) -> String {
    let named = |label: &str, l: Option<i64>| {
        let l = l?;
        let name = usize::try_from(l - 1)
            .ok()
            .and_then(|k| i.level_names.get(k))?;
        Some(format!("{label}: {l} {name}"))
    };
    [
        named("Mandiri", i.claimed_level),
        named("Validasi", i.validated_level),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("; ")
}

fn invalid_framework(known: &[&str]) -> AppError {
    Invalid(vec![FieldError::with_param(
        "framework",
        "unknown_value",
        known.join(", "),
    )])
    .into()
}

fn file_error(code: &'static str, param: impl ToString) -> AppError {
    Invalid(vec![FieldError::with_param("file", code, param)]).into()
}

/// Parses a level cell: empty, or 1..5 (also `3.0` as spreadsheets may store numbers).
fn level_cell(row: u32, v: &str) -> Result<Option<i64>> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let n = v.strip_suffix(".0").unwrap_or(v);
    n.parse::<u8>()
        .ok()
        .and_then(|n| Level::new(n).ok())
        .map(|l| Some(i64::from(l.get())))
        .ok_or_else(|| file_error("eval_bad_level", row))
}

impl App {
    /// The period as an XLSX workbook in the national form's layout.
    pub async fn export_evaluation(&self, actor: &Actor, id: EvaluationId) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format as Fmt, Workbook};
        let ov = self.evaluation_overview(actor, id).await?;
        let mut c = self.store.read().await?;
        let answers = store::answers(&mut c, &ov.period.id).await?;
        let evidence = store::evidence(&mut c, &ov.period.id).await?;
        let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
        let mut wb = Workbook::new();
        let bold = Fmt::new().set_bold();
        let wrap = Fmt::new().set_text_wrap().set_num_format("@");
        let ws = wb.add_worksheet();
        ws.set_name("Penilaian Mandiri").map_err(x)?;
        let title = format!(
            "LEMBAR KERJA EVALUASI SPBE — {} — TAHUN {}",
            actor.region(),
            ov.period.year
        );
        ws.write_string_with_format(0, 0, &title, &bold)
            .map_err(x)?;
        ws.write_string(
            1,
            0,
            format!("Kerangka: {} ({})", ov.framework_name, ov.period.framework),
        )
        .map_err(x)?;
        for (col, h) in HEADER.iter().enumerate() {
            ws.write_string_with_format(2, col as u16, *h, &bold)
                .map_err(x)?;
        }
        for (col, w) in [5.0, 24.0, 28.0, 50.0, 9.0, 12.0, 60.0, 12.0, 40.0, 36.0]
            .iter()
            .enumerate()
        {
            ws.set_column_width(col as u16, *w).map_err(x)?;
        }
        for (r, i) in ov.indicators.iter().enumerate() {
            let a = answers.iter().find(|a| a.indicator == i64::from(i.number));
            let files: Vec<String> = evidence
                .iter()
                .filter(|e| e.indicator == i64::from(i.number))
                .map(|e| format!("{} ({})", e.title, e.filename))
                .collect();
            let cells = [
                i.number.to_string(),
                format!("{} {}", i.domain, i.domain_name),
                format!("{} {}", i.aspect, i.aspect_name),
                i.name.clone(),
                i.weight.clone(),
                i.claimed_level.map(|l| l.to_string()).unwrap_or_default(),
                a.and_then(|a| a.explanation.clone()).unwrap_or_default(),
                i.validated_level.map(|l| l.to_string()).unwrap_or_default(),
                files.join("\n"),
                level_note(i),
            ];
            for (col, v) in cells.iter().enumerate() {
                ws.write_string_with_format(r as u32 + 3, col as u16, v, &wrap)
                    .map_err(x)?;
            }
        }
        wb.save_to_buffer().map_err(x)
    }

    /// Imports an earlier year's results (a workbook in the form's layout) as a new, archived
    /// period of `year`: every level and explanation is kept; evidence files are not in the
    /// workbook and are not imported.
    pub async fn import_evaluation(
        &self,
        actor: &Actor,
        year: i64,
        framework: Option<&str>,
        bytes: &[u8],
    ) -> Result<PeriodRow> {
        policy::manage_evaluation(actor)?;
        let fw = match framework.map(str::trim).filter(|f| !f.is_empty()) {
            Some(code) => frameworks()?.get(code).ok_or_else(|| {
                let known: Vec<&str> = frameworks()
                    .map(|s| s.iter().map(|f| f.code()).collect())
                    .unwrap_or_default();
                invalid_framework(&known)
            })?,
            None => super::framework_for_year(year)?,
        };
        let code = fw.code();
        // Every limit of the catalogue import applies (issue 9.5), and the same import slots.
        let _slot = self.import_slot().await?;
        let grid = sheet::read_upload(Format::Xlsx, bytes)
            .await
            .map_err(|p| file_error(p.code, p.param.unwrap_or_default()))?;
        let head = grid
            .rows
            .iter()
            .position(|(_, cells)| cells.iter().any(|c| c.trim() == HEADER[5]))
            .ok_or_else(|| file_error("missing_column", HEADER[5]))?;
        let cols = &grid.rows[head].1;
        let col = |name: &str| {
            cols.iter()
                .position(|c| c.trim() == name)
                .ok_or_else(|| file_error("missing_column", name))
        };
        let (c_no, c_claim, c_expl, c_val) = (
            col(HEADER[0])?,
            col(HEADER[5])?,
            col(HEADER[6])?,
            col(HEADER[7])?,
        );
        let now = now_str();
        let mut p = super::PeriodInput {
            year,
            framework: Some(code.to_owned()),
            ..Default::default()
        }
        .validate()?;
        (p.region, p.status, p.imported) = (actor.region().to_string(), "arsip".into(), true);
        let mut answers = Vec::new();
        for (row, cells) in &grid.rows[head + 1..] {
            let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
            let n: u16 = cell(c_no)
                .trim()
                .parse()
                .ok()
                .filter(|n| fw.indicator(*n).is_some())
                .ok_or_else(|| file_error("eval_bad_row", row))?;
            let claimed = level_cell(*row, cell(c_claim))?;
            let validated = level_cell(*row, cell(c_val))?;
            let explanation = Some(cell(c_expl).to_owned()).filter(|e| !e.trim().is_empty());
            if claimed.is_none() && validated.is_none() && explanation.is_none() {
                continue;
            }
            answers.push(AnswerRow {
                period_id: p.id.clone(),
                indicator: i64::from(n),
                claimed_level: claimed,
                explanation,
                review_status: if validated.is_some() {
                    AnswerState::Divalidasi
                } else {
                    AnswerState::Diterima
                },
                validated_level: validated,
                updated_at: now.clone(),
                ..AnswerRow::default()
            });
        }
        let mut tx = self.store.begin().await?;
        store::insert_period(&mut tx, &p).await?;
        for a in &answers {
            store::put_answer(&mut tx, a).await?;
        }
        let summary = serde_json::json!({ "period": &p, "answers": answers.len() });
        audit::append(
            &mut tx,
            actor.audit(
                "evaluation.import",
                "evaluation",
                &p.id,
                None,
                Some(&summary),
            ),
            &now,
        )
        .await?;
        commit(tx).await?;
        Ok(p)
    }
}
