use super::*;
use serde_json::json;

fn app(data: serde_json::Value) -> RecordInput {
    RecordInput {
        pd_id: crate::ids::PdId::new().to_string(),
        name: "SIMPEG".into(),
        code: Some("simpeg".into()),
        status: "produksi".into(),
        ref_code: Some("raa.01.02".into()),
        description: None,
        data: data.as_object().cloned().unwrap_or_default(),
    }
}

fn valid_app_data() -> serde_json::Value {
    json!({"app_type": "khusus", "audience": "g2e, G2G", "developer": "dinas", "source_model": "terbuka", "platform": "web", "via_dinas": "on"})
}

#[test]
fn a_valid_application_is_normalised() {
    let v = app(valid_app_data())
        .validate(EntityKind::Application)
        .unwrap();
    assert_eq!(v.code.as_deref(), Some("SIMPEG"));
    assert_eq!(v.ref_code.as_deref(), Some("RAA.01.02"));
    assert_eq!(
        v.data["audience"],
        json!(["g2g", "g2e"]),
        "multi values in list order"
    );
    assert_eq!(v.data["via_dinas"], json!(true));
    assert!(
        !v.data.contains_key("url"),
        "absent optional fields are omitted"
    );
    assert!(v.search_text().contains("simpeg"));
}

#[test]
fn an_aplikasi_umum_needs_its_complexity() {
    let mut d = valid_app_data();
    d["app_type"] = json!("umum");
    let e = app(d).validate(EntityKind::Application).unwrap_err();
    assert_eq!(e.0[0].field, "complexity");
}

#[test]
fn every_bad_field_is_named() {
    let d = json!({"app_type": "x", "audience": "g2x", "developer": "dinas", "source_model": "terbuka", "platform": "web", "url": "ftp://x", "last_monev_date": "2024-13-01", "warna": "merah"});
    let mut input = app(d);
    input.status = "hidup".into();
    input.ref_code = Some("XYZ".into());
    let e = input.validate(EntityKind::Application).unwrap_err();
    let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
    for f in [
        "status",
        "ref_code",
        "warna",
        "app_type",
        "audience",
        "url",
        "last_monev_date",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
}

#[test]
fn required_fields_of_each_kind_are_enforced() {
    for kind in EntityKind::ALL {
        let input = RecordInput {
            pd_id: crate::ids::PdId::new().to_string(),
            name: "x".into(),
            status: kind.statuses()[0].into(),
            ..Default::default()
        };
        let required: Vec<&str> = kind
            .fields()
            .iter()
            .filter(|f| f.required && f.kind != FieldKind::Bool)
            .map(|f| f.name)
            .collect();
        match input.validate(kind) {
            Ok(_) => assert!(required.is_empty(), "{kind:?}"),
            Err(e) => assert_eq!(
                e.0.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
                required,
                "{kind:?}"
            ),
        }
    }
}

#[test]
fn hosts_are_lower_cased_and_checked() {
    let d = json!({"host": "SIKDA.MetroKota.go.id", "purpose": "aplikasi"});
    let input = RecordInput {
        pd_id: crate::ids::PdId::new().to_string(),
        name: "sikda".into(),
        status: "aktif".into(),
        data: d.as_object().cloned().unwrap(),
        ..Default::default()
    };
    assert_eq!(
        input.validate(EntityKind::Domain).unwrap().data["host"],
        json!("sikda.metrokota.go.id")
    );
    let bad = RecordInput {
        data: json!({"host": "bad host", "purpose": "aplikasi"})
            .as_object()
            .cloned()
            .unwrap(),
        ..input
    };
    assert_eq!(
        bad.validate(EntityKind::Domain).unwrap_err().0[0].code,
        "host"
    );
}

#[test]
fn relations_are_only_between_their_kinds() {
    assert_eq!(
        Relation::between(EntityKind::Service, EntityKind::Application)
            .unwrap()
            .code,
        "delivered_by"
    );
    assert!(Relation::between(EntityKind::Asset, EntityKind::Application).is_none());
    assert_eq!(
        EntityKind::from_code("business_process"),
        Some(EntityKind::BusinessProcess)
    );
}

#[test]
fn every_kind_has_its_own_url_slug_that_reads_back() {
    let mut seen = std::collections::HashSet::new();
    for kind in EntityKind::ALL {
        assert!(seen.insert(kind.slug()), "{kind:?} shares its slug");
        assert_eq!(EntityKind::from_slug(kind.slug()), Some(kind));
        assert!(
            kind.slug()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{kind:?}"
        );
    }
    assert_eq!(EntityKind::from_slug("application"), None);
}
