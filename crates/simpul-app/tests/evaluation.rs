//! SPBE evaluation on both backends, as the compliance engine and the import see it: a period
//! whose every indicator is validated is EVA-1's evidence (issue 9.12), and results of years
//! evaluated under PermenPANRB 5/2018 import into a period under that framework.

mod common;

use simpul_app::compliance::Scope;
use simpul_app::evaluation::{PeriodInput, Step};
use simpul_app::{Actor, App, AppError};
use simpul_domain::compliance::{
    evaluate, Citation, Params, Rule, RuleConfig, RuleOutcome, Severity,
};
use simpul_domain::ids::{EvaluationId, RegionId};
use simpul_store::testing;

async fn apps() -> Vec<App> {
    let mut out = Vec::new();
    for store in testing::fresh_stores().await {
        out.push(common::organisation_app(store).await);
    }
    out
}

async fn actor(app: &App, username: &str) -> Actor {
    Actor::from_user(&app.user_by_username(username).await.unwrap())
}

/// EVA-1's outcome for Kota Metro today, from the snapshot loaded out of the database.
async fn eva1(app: &App) -> RuleOutcome {
    let rule = RuleConfig {
        rule: Rule::Eva1,
        severity: Severity::Sedang,
        citation: Citation {
            instrument: "Perda Uji".into(),
            pasal: "45".into(),
            ayat: None,
            huruf: None,
            text: "Pemantauan dan evaluasi SPBE dilaksanakan paling sedikit sekali setahun.".into(),
        },
        params: Params::default(),
    };
    let needs = simpul_store::findings::Needs::of(std::slice::from_ref(&rule));
    let metro = RegionId::parse("metro").unwrap();
    let today = simpul_domain::now_utc().date();
    let snap = app
        .snapshot(&metro, Scope::Region, today, &needs)
        .await
        .unwrap();
    evaluate(&[rule], &snap).results.remove(0).outcome
}

/// The failure key of a checked EVA-1 (`None` when met).
fn failure(outcome: &RuleOutcome) -> Option<String> {
    let RuleOutcome::Checked(checks) = outcome else {
        panic!("EVA-1 was not checked: {outcome:?}");
    };
    assert_eq!(checks.len(), 1, "one region-wide check");
    checks[0].failure.as_ref().map(|d| d.key.clone())
}

/// Takes indicator `n` from claim to a signed final level.
async fn validate(app: &App, id: EvaluationId, n: u16, who: &[Actor; 3]) {
    let [op, koord, auditor] = who;
    let steps = [
        (
            op,
            Step::Claim {
                level: 3,
                explanation: "Perwal".into(),
            },
        ),
        (op, Step::Submit),
        (koord, Step::Accept { note: None }),
        (
            auditor,
            Step::Assess {
                document_level: 3,
                interview_note: None,
            },
        ),
        (auditor, Step::Validate { level: 3 }),
    ];
    for (who, step) in steps {
        app.evaluation_step(who, id, n, &step).await.unwrap();
    }
}

#[tokio::test]
async fn eva1_is_met_once_every_indicator_of_a_period_is_validated_instead_of_reporting_no_data() {
    for app in apps().await {
        assert_eq!(eva1(&app).await, RuleOutcome::NoData, "no period yet");
        let admin = actor(&app, "admin.kominfo").await;
        let year = simpul_domain::now_utc().year().into();
        let input = PeriodInput {
            year,
            ..Default::default()
        };
        let p = app.open_evaluation(&admin, &input).await.unwrap();
        let id: EvaluationId = p.id.parse().unwrap();
        let dinkes = app
            .all_pds(&admin)
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.code == "DINKES")
            .unwrap()
            .id;
        let pairs: Vec<_> = (1..=47).map(|n| (n, Some(dinkes))).collect();
        app.assign_indicators(&admin, id, &pairs).await.unwrap();
        let who = [
            actor(&app, "operator.dinkes").await,
            actor(&app, "koordinator").await,
            actor(&app, "auditor").await,
        ];
        validate(&app, id, 1, &who).await;
        assert_eq!(
            failure(&eva1(&app).await).as_deref(),
            Some("never_done"),
            "a period in progress is not yet an evaluation done"
        );
        for n in 2..=47 {
            validate(&app, id, n, &who).await;
        }
        assert_eq!(failure(&eva1(&app).await), None, "validated this year");
    }
}

/// A workbook in the layout of the national form (the export's columns), for a 2018 result.
fn result_2018(rows: impl IntoIterator<Item = (u16, u8)>) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "HASIL EVALUASI SPBE TAHUN 2018")
        .unwrap();
    for (c, h) in simpul_app::evaluation::HEADER.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for (r, (n, level)) in rows.into_iter().enumerate() {
        let r = r as u32 + 2;
        ws.write_number(r, 0, f64::from(n)).unwrap();
        ws.write_number(r, 5, f64::from(level)).unwrap();
        ws.write_string(r, 6, "Hasil evaluasi 2018").unwrap();
        ws.write_number(r, 7, f64::from(level)).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// The "Keterangan Tingkat" column of an exported workbook, one entry per indicator row.
fn level_notes(xlsx: &[u8]) -> Vec<String> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let head = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "Keterangan Tingkat"))
        .unwrap();
    let col = rows[head]
        .iter()
        .position(|c| c == "Keterangan Tingkat")
        .unwrap();
    rows[head + 1..]
        .iter()
        .map(|r| r.get(col).cloned().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn a_2018_result_imports_into_a_period_under_the_permenpanrb_5_2018_framework() {
    for app in apps().await {
        let admin = actor(&app, "admin.kominfo").await;
        let file = result_2018((1..=35).map(|n| (n, if n <= 17 { 2 } else { 3 })));
        let p = app
            .import_evaluation(&admin, 2018, None, &file)
            .await
            .unwrap();
        assert_eq!((p.framework.as_str(), p.imported), ("spbe-2018", true));
        let ov = app
            .evaluation_overview(&admin, p.id.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(ov.indicators.len(), 35);
        assert_eq!(ov.indicators[34].level_names[0], "Informasi");
        let v = ov.validated.expect("validated levels imported");
        // 17 × 1.00 × 2 + 7 × 4.00 × 3 + 11 × 5.00 × 3 = 34 + 84 + 165 = 283 → 2.83.
        assert!(v.complete);
        assert_eq!(
            (v.index.as_str(), v.predicate.as_deref()),
            ("2.83", Some("Baik"))
        );
        // The export names each level in its indicator's scale.
        let xlsx = app
            .export_evaluation(&admin, p.id.parse().unwrap())
            .await
            .unwrap();
        let notes = level_notes(&xlsx);
        assert_eq!(notes[0], "Mandiri: 2 Terkelola; Validasi: 2 Terkelola");
        assert_eq!(notes[34], "Mandiri: 3 Transaksi; Validasi: 3 Transaksi");
        // An indicator the 2018 model does not have is refused, with its row.
        let extra = result_2018((1..=36).map(|n| (n, 3)));
        let e = app
            .import_evaluation(&admin, 2019, None, &extra)
            .await
            .unwrap_err();
        let AppError::Invalid(inv) = e else {
            panic!("{e:?}")
        };
        assert_eq!(
            (inv.0[0].field.as_str(), inv.0[0].code),
            ("file", "eval_bad_row")
        );
        // The imported 2018 evaluation counts for EVA-1, and is long overdue.
        assert_eq!(failure(&eva1(&app).await).as_deref(), Some("overdue"));
    }
}
