//! The matrix's fixtures: the roles, the records every case refers to, form builders.

use super::*;

pub(crate) const ROLES: [Option<&str>; 8] = [
    None,
    Some("admin.kominfo"),
    Some("operator.dinkes"),
    Some("operator.disdukcapil"),
    Some("koordinator"),
    Some("pimpinan"),
    Some("walidata"),
    Some("auditor"),
];

/// Ids the cases refer to.
pub(crate) struct Targets {
    pub(crate) dinkes: String,
    pub(crate) other: String,
    pub(crate) victim: String,
    pub(crate) member: String,
    pub(crate) walidata_token: String,
    pub(crate) own_app: String,
    pub(crate) other_app: String,
    pub(crate) other_dataset: String,
    pub(crate) finding: String,
    pub(crate) sanction: String,
    pub(crate) period: String,
    /// A retired BPKAD app, linked to `other_dataset` by `relation`.
    pub(crate) retired_app: String,
    pub(crate) relation: String,
    /// A document on `other_app`.
    pub(crate) other_doc: String,
    /// An unread notification of the walidata.
    pub(crate) walidata_note: String,
    /// A submitted DINKES indicator the koordinator may return.
    pub(crate) returnable: String,
    /// A catalogue import (CSV) with one DINKES application.
    pub(crate) csv: Vec<u8>,
    /// An evaluation export to import as an earlier year.
    pub(crate) xlsx: Vec<u8>,
}

pub(crate) fn app_json(pd: &str, name: &str) -> serde_json::Value {
    json!({"pd_id": pd, "name": name, "status": "produksi", "data": {"app_type": "khusus", "audience": ["g2e"], "developer": "dinas", "source_model": "terbuka", "platform": "web"}})
}

pub(crate) fn dataset_json(pd: &str, name: &str) -> serde_json::Value {
    json!({"pd_id": pd, "name": name, "status": "aktif", "data": {"walidata": "Walidata", "classification": "terbuka", "format": "csv", "update_frequency": "tahunan", "nature": "master"}})
}

pub(crate) async fn record(
    s: &Server,
    sys: &simpul_app::Actor,
    kind: simpul_domain::catalogue::EntityKind,
    body: serde_json::Value,
) -> String {
    let input: simpul_domain::catalogue::RecordInput = serde_json::from_value(body).unwrap();
    s.app
        .create_record(sys, kind, &input)
        .await
        .unwrap()
        .id
        .to_string()
}

/// The open finding of `rule` about `subject` (a record or PD id), after a region evaluation.
pub(crate) async fn finding(s: &Server, rule: &str, subject: &str) -> String {
    let region = simpul_domain::ids::RegionId::parse("metro").unwrap();
    s.app
        .evaluate_region(&region, simpul_app::compliance::Scope::Region)
        .await
        .unwrap();
    let mut c = s.app.store.read().await.unwrap();
    simpul_store::findings::of_subject(&mut c, &region, subject)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.rule == rule && f.status == simpul_domain::compliance::FindingStatus::Terbuka)
        .unwrap_or_else(|| panic!("no open {rule} finding"))
        .id
}

/// An unread notification for `username`; returns its id.
pub(crate) async fn notify(s: &Server, username: &str) -> String {
    let user = s.user_id(username).await.parse().unwrap();
    let region = simpul_domain::ids::RegionId::parse("metro").unwrap();
    let note = simpul_store::notifications::NewNotification {
        region: &region,
        user,
        kind: "tenggat",
        title: "Tenggat".into(),
        body: "Tenggat matriks".into(),
        link: None,
        dedup_key: "matrix".into(),
        message_json: None,
    };
    let mut tx = s.app.store.begin().await.unwrap();
    let id = simpul_store::notifications::insert_once(&mut tx, &note, "2026-01-01T00:00:00Z")
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Indicator 7 assigned to DINKES, claimed and submitted; returns its number.
pub(crate) async fn submitted_indicator(s: &Server, period: &str, dinkes: &str) -> String {
    use simpul_app::evaluation::Step;
    let actor = |u: simpul_domain::user::User| simpul_app::Actor::from_user(&u);
    let admin = actor(s.app.user_by_username("admin.kominfo").await.unwrap());
    let op = actor(s.app.user_by_username("operator.dinkes").await.unwrap());
    let id = period.parse().unwrap();
    s.app
        .assign_indicators(&admin, id, &[(7, dinkes.parse().ok())])
        .await
        .unwrap();
    let claim = Step::Claim {
        level: 2,
        explanation: "Draf".into(),
    };
    for step in [claim, Step::Submit] {
        s.app.evaluation_step(&op, id, 7, &step).await.unwrap();
    }
    "7".into()
}

/// A CSV import of one DINKES application, in the template's columns.
pub(crate) fn import_csv(_dinkes: &str) -> Vec<u8> {
    use simpul_app::catalogue::transfer::{template, Format};
    let t = template(
        simpul_domain::catalogue::EntityKind::Application,
        Format::Csv,
    )
    .unwrap();
    let text = String::from_utf8(t).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    let row: Vec<&str> = header
        .split(',')
        .map(|c| match c {
            "pd_code" => "DINKES",
            "code" => "IMPMTX",
            "name" => "Aplikasi Impor Matriks",
            "status" => "produksi",
            "app_type" => "khusus",
            "audience" => "g2c",
            "developer" => "dinas",
            "source_model" => "terbuka",
            "platform" => "web",
            _ => "",
        })
        .collect();
    format!("{header}\n{}\n", row.join(",")).into_bytes()
}

pub(crate) async fn export_xlsx(s: &Server, period: &str) -> Vec<u8> {
    let admin = s.app.user_by_username("admin.kominfo").await.unwrap();
    s.app
        .export_evaluation(
            &simpul_app::Actor::from_user(&admin),
            period.parse().unwrap(),
        )
        .await
        .unwrap()
}

pub(crate) async fn targets(s: &Server) -> Targets {
    let sys = simpul_app::Actor::system(
        simpul_domain::ids::RegionId::parse("metro").unwrap(),
        "test",
    );
    let member = s
        .app
        .tim_members(&sys)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.position == simpul_domain::org::TimPosition::Anggota)
        .unwrap();
    let w = s.app.user_by_username("walidata").await.unwrap();
    let token = s
        .app
        .create_token(&simpul_app::Actor::from_user(&w), "matrix")
        .await
        .unwrap();
    let (dinkes, other) = (s.pd_id("DINKES").await, s.pd_id("BPKAD").await);
    use simpul_domain::catalogue::EntityKind::{Application, Dataset};
    let own_app = record(s, &sys, Application, app_json(&dinkes, "SIKDA Matriks")).await;
    let other_app = record(s, &sys, Application, app_json(&other, "SIMDA Matriks")).await;
    let other_dataset = record(s, &sys, Dataset, dataset_json(&other, "Data Aset Matriks")).await;
    // Real gaps the Metro rules find: an app built by a third party outside Dinas (APP-2)
    // and a DINKES domain outside metrokota.go.id (DOM-2).
    let outside = json!({"pd_id": dinkes, "name": "Aplikasi Vendor Matriks", "status": "produksi", "data": {"app_type": "khusus", "audience": ["g2e"], "developer": "pihak_ketiga", "via_dinas": false, "source_model": "terbuka", "platform": "web"}});
    let vendor_app = record(s, &sys, Application, outside).await;
    let domain = json!({"pd_id": dinkes, "name": "dinkes-matriks.example.id", "status": "aktif", "data": {"host": "dinkes-matriks.example.id", "purpose": "website"}});
    record(
        s,
        &sys,
        simpul_domain::catalogue::EntityKind::Domain,
        domain,
    )
    .await;
    let proposed = simpul_domain::sanction::ProposalInput {
        pd_id: dinkes.clone(),
        kind: "teguran_lisan".into(),
        finding_ids: vec![finding(s, "DOM-2", &dinkes).await],
        reason: "Subdomain tidak terintegrasi".into(),
    };
    // Only the Dinas Kominfo proposes (the sanction workflow's `propose`), never the platform.
    let admin = s.app.user_by_username("admin.kominfo").await.unwrap();
    let sanction = s
        .app
        .propose_sanction(&simpul_app::Actor::from_user(&admin), &proposed)
        .await
        .unwrap();
    let retired_app = record(s, &sys, Application, app_json(&other, "SIMDA Lama")).await;
    s.app
        .retire_record(&sys, retired_app.parse().unwrap(), Some("Diganti"))
        .await
        .unwrap();
    let relation = s
        .app
        .link_records(
            &sys,
            other_app.parse().unwrap(),
            other_dataset.parse().unwrap(),
        )
        .await
        .unwrap();
    let doc = simpul_app::catalogue::documents::Upload {
        doc_type: "sop",
        title: "SOP SIMDA",
        filename: "sop.pdf",
        classification: "terbuka",
        content: b"%PDF-1.7 SOP SIMDA",
    };
    let other_doc = s
        .app
        .upload_document(&sys, other_app.parse().unwrap(), doc)
        .await
        .unwrap()
        .id
        .to_string();
    let period = common::evaluation::seed(s).await;
    Targets {
        retired_app,
        relation,
        other_doc,
        walidata_note: notify(s, "walidata").await,
        returnable: submitted_indicator(s, &period, &dinkes).await,
        csv: import_csv(&dinkes),
        xlsx: export_xlsx(s, &period).await,
        finding: finding(s, "APP-2", &vendor_app).await,
        sanction: sanction.id.to_string(),
        period,
        own_app,
        other_app,
        other_dataset,
        dinkes,
        other,
        victim: s.user_id("operator.disdukcapil").await,
        member: member.id.to_string(),
        walidata_token: token.token.id.to_string(),
    }
}

pub(crate) fn fill(path: &str, t: &Targets) -> String {
    path.replace("{dinkes}", &t.dinkes)
        .replace("{other}", &t.other)
        .replace("{victim}", &t.victim)
        .replace("{member}", &t.member)
        .replace("{walidata_token}", &t.walidata_token)
        .replace("{own_app}", &t.own_app)
        .replace("{other_app}", &t.other_app)
        .replace("{other_dataset}", &t.other_dataset)
        .replace("{finding}", &t.finding)
        .replace("{sanction}", &t.sanction)
        .replace("{period}", &t.period)
        .replace("{retired_app}", &t.retired_app)
        .replace("{relation}", &t.relation)
        .replace("{other_doc}", &t.other_doc)
        .replace("{walidata_note}", &t.walidata_note)
        .replace("{returnable}", &t.returnable)
}

/// A file part of a multipart write: its name and its bytes from the targets.
pub(crate) type File = Option<(&'static str, fn(&Targets) -> Vec<u8>)>;

pub(crate) fn pdf(_: &Targets) -> Vec<u8> {
    b"%PDF-1.7 matriks".to_vec()
}

/// One write path: name, path, form fields (and file: a multipart form), who may use it,
/// and whether an allowed use is audited (reading a notification or a what-if is not).
#[derive(Default)]
pub(crate) struct Case {
    pub(crate) name: &'static str,
    pub(crate) path: &'static str,
    pub(crate) fields: Vec<(&'static str, String)>,
    pub(crate) file: File,
    pub(crate) allowed: &'static [&'static str],
    pub(crate) unaudited: bool,
    /// An import checks each row: an operator of another PD gets the report (422) naming
    /// this refusal, not a 403.
    pub(crate) refused_per_row: Option<&'static str>,
}

pub(crate) const ADMIN: &[&str] = &["admin.kominfo"];
pub(crate) use common::SIGNED_IN;

pub(crate) fn pd_fields(code: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("code", code.into()),
        ("name", name.into()),
        ("short_name", code.into()),
        ("kind", "dinas".into()),
        ("head_name", "Kepala Baru".into()),
    ]
}

pub(crate) fn app_form(pd: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("pd_id", pd.into()),
        ("name", name.into()),
        ("status", "produksi".into()),
        ("app_type", "khusus".into()),
        ("audience", "g2e".into()),
        ("developer", "dinas".into()),
        ("source_model", "terbuka".into()),
        ("platform", "web".into()),
    ]
}

pub(crate) fn dataset_form(pd: &str) -> Vec<(&'static str, String)> {
    vec![
        ("pd_id", pd.into()),
        ("name", "Data Aset Diubah".into()),
        ("status", "aktif".into()),
        ("walidata", "Walidata".into()),
        ("classification", "terbatas".into()),
        ("format", "csv".into()),
        ("update_frequency", "tahunan".into()),
        ("nature", "master".into()),
    ]
}
