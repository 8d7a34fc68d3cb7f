//! The files written: a kind's template (header, example row, guide) and its export.

use super::{columns, sheet, text, Format, COMMON_COLUMNS, MAX_BYTES, MAX_ROWS};
use crate::{AppError, Result};
use serde_json::Value;
use simpul_domain::catalogue::{EntityKind, FieldKind, Record};
use std::collections::HashMap;

pub(super) fn write(
    kind: EntityKind,
    format: Format,
    rows: &[Vec<String>],
    guide: Option<&sheet::Guide>,
) -> Result<Vec<u8>> {
    let header = columns(kind);
    match format {
        Format::Csv => sheet::write_csv(&header, rows).map_err(AppError::Internal),
        Format::Xlsx => sheet::write_xlsx(text::kind_label(kind), &header, rows, guide)
            .map_err(|e| AppError::Internal(e.to_string())),
    }
}

/// An example value for a field of this type (template row).
pub(super) fn example(kind: FieldKind) -> String {
    match kind {
        FieldKind::Text(_) | FieldKind::LongText => String::new(),
        FieldKind::Enum(codes) | FieldKind::Multi(codes) => {
            codes.first().map(|c| (*c).to_owned()).unwrap_or_default()
        }
        FieldKind::Bool => "tidak".into(),
        FieldKind::Date => "2025-01-31".into(),
        FieldKind::Url => "https://aplikasi.metrokota.go.id".into(),
        FieldKind::Host => "aplikasi.metrokota.go.id".into(),
        FieldKind::Year => "2025".into(),
        FieldKind::Pd => "DISKOMINFO".into(),
    }
}

pub(super) fn example_row(kind: EntityKind) -> Vec<String> {
    let mut row = vec![
        "DINKES".to_owned(),
        "CONTOH-01".to_owned(),
        format!("Contoh {}", text::kind_label(kind).to_lowercase()),
        kind.statuses()
            .first()
            .map(|s| (*s).to_owned())
            .unwrap_or_default(),
        kind.ref_tree()
            .map(|t| format!("{t}.01"))
            .unwrap_or_default(),
        "Baris contoh; hapus atau ganti dengan data sebenarnya.".to_owned(),
    ];
    for f in kind.fields() {
        let v = match f.kind {
            FieldKind::Text(_) | FieldKind::LongText if f.required => {
                format!("Contoh {}", text::column_label(f.name).to_lowercase())
            }
            k => example(k),
        };
        row.push(v);
    }
    row
}

pub(super) fn guide(kind: EntityKind) -> sheet::Guide {
    let yn = |b: bool| if b { "ya" } else { "tidak" }.to_owned();
    let mut lines = Vec::new();
    for c in COMMON_COLUMNS {
        lines.push([
            c.to_owned(),
            text::column_label(c).to_owned(),
            yn(matches!(c, "pd_code" | "name" | "status")),
            text::common_help(kind, c),
        ]);
    }
    for f in kind.fields() {
        let mut help = text::field_kind_help(f.kind);
        if let Some(n) = text::field_note(kind, f.name) {
            help.push(' ');
            help.push_str(n);
        }
        lines.push([
            f.name.to_owned(),
            text::column_label(f.name).to_owned(),
            yn(f.required),
            help,
        ]);
    }
    sheet::Guide {
        title: format!("Petunjuk pengisian: {}", text::kind_label(kind)),
        notes: vec![
            format!("Isi satu entri per baris di lembar \"{}\", mulai baris 2. Baris 1 berisi nama kolom: jangan diubah, dihapus atau diterjemahkan.", text::kind_label(kind)),
            "Baris 2 templat adalah contoh; hapus atau ganti sebelum mengimpor.".into(),
            "Baris dengan kode yang sudah terdaftar memperbarui entri itu (seluruh kolomnya); baris lain menambah entri baru.".into(),
            "Perangkat Daerah ditulis dengan kodenya (misalnya DINKES), bukan namanya. Pilihan ganda dipisahkan koma; ya/tidak ditulis ya atau tidak; tanggal ditulis TTTT-BB-HH.".into(),
            "Semua baris diperiksa lebih dulu; laporan impor menyebut nomor baris, kolom dan masalahnya. Dalam mode \"semua atau tidak sama sekali\" tidak ada yang disimpan bila satu baris saja bermasalah.".into(),
            "Operator PD hanya dapat mengimpor entri milik Perangkat Daerahnya sendiri.".into(),
            format!("Paling banyak {}.{:03} baris data dan {} MiB per berkas.", MAX_ROWS / 1000, MAX_ROWS % 1000, MAX_BYTES / 1024 / 1024),
        ],
        table_header: ["Kolom", "Nama isian", "Wajib", "Keterangan dan nilai yang diizinkan"],
        columns: lines,
    }
}

/// An empty spreadsheet for `kind`: the header, one example row and, in XLSX, a second sheet
/// "Petunjuk" describing every column and its allowed values.
pub fn template(kind: EntityKind, format: Format) -> Result<Vec<u8>> {
    let g = guide(kind);
    write(kind, format, &[example_row(kind)], Some(&g))
}

/// The cell text of a stored value.
pub(super) fn cell_text(
    kind: FieldKind,
    v: Option<&Value>,
    pd_code: &HashMap<String, String>,
) -> String {
    match (kind, v) {
        (_, None | Some(Value::Null)) if kind == FieldKind::Bool => "tidak".into(),
        (_, None | Some(Value::Null)) => String::new(),
        (FieldKind::Bool, Some(v)) => if v.as_bool().unwrap_or(false) {
            "ya"
        } else {
            "tidak"
        }
        .into(),
        (FieldKind::Pd, Some(Value::String(id))) => {
            pd_code.get(id).cloned().unwrap_or_else(|| id.clone())
        }
        (_, Some(Value::Array(items))) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| i.to_string())
            })
            .collect::<Vec<_>>()
            .join(", "),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(other)) => other.to_string(),
    }
}

pub(super) fn record_row(r: &Record, pd_code: &HashMap<String, String>) -> Vec<String> {
    let pd = r.pd_id.to_string();
    let mut row = vec![
        pd_code.get(&pd).cloned().unwrap_or(pd),
        r.code.clone().unwrap_or_default(),
        r.name.clone(),
        r.status.clone(),
        r.ref_code.clone().unwrap_or_default(),
        r.description.clone().unwrap_or_default(),
    ];
    for f in r.kind.fields() {
        row.push(cell_text(f.kind, r.data.get(f.name), pd_code));
    }
    row
}
