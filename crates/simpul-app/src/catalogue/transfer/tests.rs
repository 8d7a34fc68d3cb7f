use super::check::*;
use super::export::*;
use super::*;
use serde_json::{Map, Value};
use simpul_domain::catalogue::{EntityKind, FieldKind, RecordInput};
use simpul_domain::ids::PdId;

#[test]
fn every_column_has_a_label_and_every_option_a_label() {
    for kind in EntityKind::ALL {
        assert!(!text::kind_label(kind).is_empty() && text::kind_label(kind).len() <= 31);
        for c in columns(kind) {
            assert!(!text::column_label(c).is_empty(), "{c}");
        }
        for s in kind.statuses() {
            assert!(!text::option_label(s).is_empty(), "{s}");
        }
        for f in kind.fields() {
            if let FieldKind::Enum(codes) | FieldKind::Multi(codes) = f.kind {
                for c in codes {
                    assert!(!text::option_label(c).is_empty(), "{c}");
                }
            }
        }
    }
}

#[test]
fn every_problem_code_has_a_plain_text() {
    for code in PROBLEM_CODES {
        assert_ne!(
            text::message(code, Some("x")),
            format!("{code} (x)"),
            "{code}"
        );
    }
}

#[test]
fn the_template_example_row_is_valid_for_every_kind() {
    for kind in EntityKind::ALL {
        let row = example_row(kind);
        let cols = columns(kind);
        assert_eq!(row.len(), cols.len());
        let mut data = Map::new();
        for (f, v) in kind.fields().iter().zip(&row[6..]) {
            let v = if f.kind == FieldKind::Pd {
                PdId::new().to_string()
            } else {
                v.clone()
            };
            if !v.is_empty() {
                data.insert(f.name.to_owned(), Value::String(v));
            }
        }
        let input = RecordInput {
            pd_id: PdId::new().to_string(),
            name: row[2].clone(),
            code: Some(row[1].clone()),
            status: row[3].clone(),
            ref_code: Some(row[4].clone()).filter(|s| !s.is_empty()),
            description: Some(row[5].clone()),
            data,
        };
        input
            .validate(kind)
            .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        for format in [Format::Csv, Format::Xlsx] {
            let bytes = template(kind, format).unwrap();
            let grid = sheet::read(format, &bytes).unwrap();
            assert_eq!(grid.rows[0].1, cols, "{kind:?} {format:?}");
            assert_eq!(
                grid.rows[1]
                    .1
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>(),
                row.iter().map(|s| s.as_str()).collect::<Vec<_>>()[..grid.rows[1].1.len()]
            );
        }
    }
}

#[test]
fn the_header_check_names_unknown_missing_and_duplicate_columns() {
    let mut header: Vec<String> = columns(EntityKind::Domain)
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.retain(|c| c != "host");
    header.push(" NAME ".into());
    header.push("hosts".into());
    let err = Layout::from_header(EntityKind::Domain, 1, &header, &[])
        .err()
        .unwrap();
    let got: Vec<(&str, &str)> = err
        .iter()
        .map(|p| (p.column.as_deref().unwrap(), p.code))
        .collect();
    assert_eq!(
        got,
        [
            ("name", "duplicate_column"),
            ("hosts", "unknown_column"),
            ("host", "missing_column")
        ]
    );
    assert!(err.iter().all(|p| p.row == Some(1)));
}
