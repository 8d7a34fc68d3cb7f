//! The compliance report for the Sekretaris Daerah and the head of region as a workbook:
//! summary, compliance per PD, per article (rule) and every active finding with its citation.

use crate::{Actor, App, AppError, Result};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use simpul_domain::compliance::Detail;
use simpul_store::findings::FindingFilter;
use simpul_store::Paging;

fn table(ws: &mut Worksheet, header: &[&str], rows: &[Vec<String>]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, 18)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

impl App {
    /// The report workbook; `describe` words a finding's detail and `rule_name` names a rule
    /// in the reader's language (the web layer owns the messages).
    pub async fn compliance_report_xlsx(
        &self,
        actor: &Actor,
        describe: &(dyn Fn(&Detail) -> String + Sync),
        rule_name: &(dyn Fn(&str) -> String + Sync),
    ) -> Result<Vec<u8>> {
        let o = self.compliance_overview(actor).await?;
        let region = self.region(actor.region()).await?;
        let active = self
            .findings(
                actor,
                FindingFilter {
                    status: simpul_store::findings::StatusFilter::Active,
                    ..Default::default()
                },
                Paging::new(Some(1), Some(100_000)),
            )
            .await?;
        let c = &o.rule_counts;
        let build = || -> Result<Vec<u8>, XlsxError> {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            ws.set_name("Ringkasan")?;
            let summary = vec![
                vec!["Wilayah".into(), region.name.clone()],
                vec![
                    "Paket aturan".into(),
                    o.pack_instrument.clone().unwrap_or_default(),
                ],
                vec![
                    "Tanggal evaluasi".into(),
                    o.evaluated_on.clone().unwrap_or_default(),
                ],
                vec!["Aturan dalam paket".into(), c.enabled.to_string()],
                vec!["Aturan yang ada datanya".into(), c.with_data.to_string()],
                vec!["Aturan terpenuhi".into(), c.met.to_string()],
                vec![
                    "Aturan tanpa data (tidak dihitung)".into(),
                    format!("{} ({})", c.no_data, c.no_data_rules.join(", ")),
                ],
                vec![
                    "Pemeriksaan yang berlaku (aturan yang ada datanya)".into(),
                    o.applicable.to_string(),
                ],
                vec!["Pemeriksaan terpenuhi".into(), o.met.to_string()],
                vec![
                    "Tingkat kepatuhan (%), atas aturan yang ada datanya".into(),
                    o.percent.to_string(),
                ],
                vec!["Temuan aktif".into(), active.total.to_string()],
            ];
            table(ws, &["Keterangan", "Nilai"], &summary)?;
            ws.set_column_width(1, 50)?;

            let ws = wb.add_worksheet();
            ws.set_name("Per PD")?;
            let rows: Vec<Vec<String>> = o
                .pds
                .iter()
                .map(|p| {
                    vec![
                        p.pd_name.clone(),
                        p.applicable.to_string(),
                        p.met.to_string(),
                        p.percent.to_string(),
                    ]
                })
                .collect();
            table(
                ws,
                &["Perangkat Daerah", "Berlaku", "Terpenuhi", "Kepatuhan (%)"],
                &rows,
            )?;
            ws.set_column_width(0, 50)?;

            let ws = wb.add_worksheet();
            ws.set_name("Per Pasal")?;
            let rows: Vec<Vec<String>> = o
                .rules
                .iter()
                .map(|r| {
                    vec![
                        r.config.rule.code().into(),
                        rule_name(r.config.rule.code()),
                        r.config.citation.full(),
                        r.state.clone(),
                        r.applicable.to_string(),
                        r.met.to_string(),
                        r.active.to_string(),
                    ]
                })
                .collect();
            table(
                ws,
                &[
                    "Kewajiban",
                    "Aturan",
                    "Dasar hukum",
                    "Status data",
                    "Berlaku",
                    "Terpenuhi",
                    "Temuan aktif",
                ],
                &rows,
            )?;
            ws.set_column_width(1, 45)?;
            ws.set_column_width(2, 45)?;

            let ws = wb.add_worksheet();
            ws.set_name("Temuan")?;
            let cite = |rule: &str| {
                o.rules
                    .iter()
                    .find(|r| r.config.rule.code() == rule)
                    .map(|r| r.config.citation.full())
                    .unwrap_or_default()
            };
            let rows: Vec<Vec<String>> = active
                .items
                .iter()
                .map(|f| {
                    vec![
                        f.rule.clone(),
                        cite(&f.rule),
                        f.pd_name.clone().unwrap_or_default(),
                        f.subject_name.clone(),
                        describe(&f.detail),
                        f.severity.clone(),
                        f.status.to_string(),
                        f.first_seen.chars().take(10).collect(),
                        f.grace_until.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            table(
                ws,
                &[
                    "Kewajiban",
                    "Dasar hukum",
                    "Perangkat Daerah",
                    "Objek",
                    "Temuan",
                    "Tingkat",
                    "Status",
                    "Pertama terlihat",
                    "Masa transisi sampai",
                ],
                &rows,
            )?;
            ws.set_column_width(4, 70)?;
            wb.save_to_buffer()
        };
        build().map_err(|e| AppError::Internal(e.to_string()))
    }
}
