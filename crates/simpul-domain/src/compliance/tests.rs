//! For every rule: a subject that violates it and one that complies (issue 4 acceptance), on
//! the pure engine. The store-level suite runs the data-backed rules on both backends.

use super::*;
use crate::catalogue::{DocType, EntityKind, Record};
use crate::ids::{PdId, RecordId, RegionId};
use crate::org::{PdKind, PerangkatDaerah};
use serde_json::{json, Value};
use time::macros::date;

const TODAY: time::Date = date!(2026 - 12 - 02);

fn pd(code: &str, mandiri: bool) -> PerangkatDaerah {
    PerangkatDaerah {
        id: PdId::new(),
        region: RegionId::parse("metro").unwrap(),
        code: code.into(),
        name: code.into(),
        short_name: code.into(),
        kind: PdKind::Dinas,
        head_name: None,
        head_title: None,
        tasks: None,
        is_kominfo: false,
        is_planning: false,
        is_inspectorate: false,
        mandiri_tik: mandiri,
        retired_reason: None,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

fn record(kind: EntityKind, pd: &PerangkatDaerah, name: &str, status: &str, data: Value) -> Record {
    let Value::Object(data) = data else {
        unreachable!()
    };
    Record {
        id: RecordId::new(),
        region: RegionId::parse("metro").unwrap(),
        kind,
        pd_id: pd.id,
        name: name.into(),
        code: None,
        status: status.into(),
        ref_code: None,
        description: None,
        data,
        retired_reason: None,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

/// A compliant Aplikasi Khusus in production, built by Dinas, with every document.
fn good_app(pd: &PerangkatDaerah, name: &str) -> Record {
    record(
        EntityKind::Application,
        pd,
        name,
        "produksi",
        json!({"app_type": "khusus", "developer": "dinas", "via_dinas": true,
               "source_model": "terbuka", "platform": "web", "funding": "apbd",
               "function_label": name, "sla_ref": "SLA-1", "last_monev_date": "2026-06-01",
               "panrb_consideration_ref": "B/1/2020", "operating_since": "2021-01-01"}),
    )
}

fn with(mut r: Record, changes: Value) -> Record {
    let Value::Object(m) = changes else {
        unreachable!()
    };
    for (k, v) in m {
        if v.is_null() {
            r.data.remove(&k);
        } else {
            r.data.insert(k, v);
        }
    }
    r
}

fn cfg(rule: Rule) -> RuleConfig {
    RuleConfig {
        rule,
        severity: Severity::Sedang,
        citation: Citation {
            instrument: "Perda Uji Nomor 1 Tahun 2019".into(),
            pasal: "1".into(),
            ayat: None,
            huruf: None,
            text: "Teks pasal untuk pengujian mesin kepatuhan.".into(),
        },
        params: Params::default(),
    }
}

struct World {
    snap: Snapshot,
    pd: PerangkatDaerah,
}

fn world() -> World {
    let pd = pd("DINKES", false);
    let mut snap = Snapshot::empty(RegionId::parse("metro").unwrap(), TODAY, "metrokota.go.id");
    snap.pds = vec![pd.clone()];
    World { snap, pd }
}

fn docs(snap: &mut Snapshot, r: &Record, types: &[DocType]) {
    snap.documents
        .entry(r.id)
        .or_default()
        .extend(types.iter().copied());
}

/// Evaluates one rule and returns the failure keys per subject name.
fn failures(rule: Rule, snap: &Snapshot) -> Vec<(String, String)> {
    failures_with(cfg(rule), snap)
}

fn failures_with(c: RuleConfig, snap: &Snapshot) -> Vec<(String, String)> {
    let ev = evaluate(&[c], snap);
    ev.failures()
        .map(|(_, c)| (c.subject.name.clone(), c.failure.clone().unwrap().key))
        .collect()
}

fn checked(rule: Rule, snap: &Snapshot) -> usize {
    match &evaluate(&[cfg(rule)], snap).results[0].outcome {
        RuleOutcome::Checked(c) => c.len(),
        other => panic!("{rule}: {other:?}"),
    }
}

fn fails(rule: Rule, snap: &Snapshot, name: &str, key: &str) {
    let f = failures(rule, snap);
    assert!(f.contains(&(name.into(), key.into())), "{rule}: {f:?}");
}

fn passes(rule: Rule, snap: &Snapshot) {
    assert!(checked(rule, snap) > 0, "{rule} checked nothing");
    assert_eq!(failures(rule, snap), vec![], "{rule}");
}

mod apps;
mod deadlines;
mod gov;
mod org;
