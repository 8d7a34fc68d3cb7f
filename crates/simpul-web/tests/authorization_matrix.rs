//! Every role against every write path, as HTML form and as API call, on every backend.
//! A denied write answers 403/404 (401 or a login redirect when anonymous) and writes nothing:
//! the audit chain, which every write extends in the same transaction, does not grow, and the
//! target record is unchanged. The write routes come from the router's page table and from
//! the OpenAPI document: a write route without a row here fails
//! `every_write_route_has_a_row_in_the_matrix`.

mod common;

use common::{Resp, Server};
use reqwest::{Method, StatusCode};
use serde_json::json;
use simpul_app::demo::DEMO_PASSWORD;

const ROLES: [Option<&str>; 8] = [
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
struct Targets {
    dinkes: String,
    other: String,
    victim: String,
    member: String,
    walidata_token: String,
    own_app: String,
    other_app: String,
    other_dataset: String,
    finding: String,
    sanction: String,
    period: String,
    /// A retired BPKAD app, linked to `other_dataset` by `relation`.
    retired_app: String,
    relation: String,
    /// A document on `other_app`.
    other_doc: String,
    /// An unread notification of the walidata.
    walidata_note: String,
    /// A submitted DINKES indicator the koordinator may return.
    returnable: String,
    /// A catalogue import (CSV) with one DINKES application.
    csv: Vec<u8>,
    /// An evaluation export to import as an earlier year.
    xlsx: Vec<u8>,
}

fn app_json(pd: &str, name: &str) -> serde_json::Value {
    json!({"pd_id": pd, "name": name, "status": "produksi", "data": {"app_type": "khusus", "audience": ["g2e"], "developer": "dinas", "source_model": "terbuka", "platform": "web"}})
}

fn dataset_json(pd: &str, name: &str) -> serde_json::Value {
    json!({"pd_id": pd, "name": name, "status": "aktif", "data": {"walidata": "Walidata", "classification": "terbuka", "format": "csv", "update_frequency": "tahunan", "nature": "master"}})
}

async fn record(
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
async fn finding(s: &Server, rule: &str, subject: &str) -> String {
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
        .find(|f| f.rule == rule && f.status == "terbuka")
        .unwrap_or_else(|| panic!("no open {rule} finding"))
        .id
}

/// An unread notification for `username`; returns its id.
async fn notify(s: &Server, username: &str) -> String {
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
async fn submitted_indicator(s: &Server, period: &str, dinkes: &str) -> String {
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
fn import_csv(_dinkes: &str) -> Vec<u8> {
    use simpul_app::transfer::{template, Format};
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

async fn export_xlsx(s: &Server, period: &str) -> Vec<u8> {
    let admin = s.app.user_by_username("admin.kominfo").await.unwrap();
    s.app
        .export_evaluation(
            &simpul_app::Actor::from_user(&admin),
            period.parse().unwrap(),
        )
        .await
        .unwrap()
}

async fn targets(s: &Server) -> Targets {
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
    let sanction = s.app.propose_sanction(&sys, &proposed).await.unwrap();
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
    let doc = simpul_app::documents::Upload {
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

fn fill(path: &str, t: &Targets) -> String {
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
type File = Option<(&'static str, fn(&Targets) -> Vec<u8>)>;

fn pdf(_: &Targets) -> Vec<u8> {
    b"%PDF-1.7 matriks".to_vec()
}

/// One write path: name, path, form fields (and file: a multipart form), who may use it,
/// and whether an allowed use is audited (reading a notification or a what-if is not).
#[derive(Default)]
struct Case {
    name: &'static str,
    path: &'static str,
    fields: Vec<(&'static str, String)>,
    file: File,
    allowed: &'static [&'static str],
    unaudited: bool,
    /// An import checks each row: an operator of another PD gets the report (422) naming
    /// this refusal, not a 403.
    refused_per_row: Option<&'static str>,
}

const ADMIN: &[&str] = &["admin.kominfo"];
const SIGNED_IN: &[&str] = &[
    "admin.kominfo",
    "operator.dinkes",
    "operator.disdukcapil",
    "koordinator",
    "pimpinan",
    "walidata",
    "auditor",
];

fn pd_fields(code: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("code", code.into()),
        ("name", name.into()),
        ("short_name", code.into()),
        ("kind", "dinas".into()),
        ("head_name", "Kepala Baru".into()),
    ]
}

fn app_form(pd: &str, name: &str) -> Vec<(&'static str, String)> {
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

fn dataset_form(pd: &str) -> Vec<(&'static str, String)> {
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

fn html_cases(role: &str) -> Vec<Case> {
    let tag = role.replace('.', "").to_uppercase();
    vec![
        Case {
            name: "create PD",
            path: "/pd",
            fields: pd_fields(&format!("NEW-{}", &tag[..tag.len().min(10)]), "PD Baru"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "edit own PD",
            path: "/pd/{dinkes}",
            fields: pd_fields("DINKES", "Dinas Kesehatan Kota Metro"),
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "edit another PD",
            path: "/pd/{other}",
            fields: pd_fields("BPKAD", "BPKAD diubah"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "retire PD",
            path: "/pd/{other}/retire",
            fields: vec![("reason", "Reorganisasi".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "reactivate PD",
            path: "/pd/{other}/reactivate",
            fields: vec![],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "create user",
            path: "/users",
            fields: vec![
                ("username", format!("baru.{}", tag.to_lowercase())),
                ("full_name", "Baru".into()),
                ("role", "walidata".into()),
                ("password", "kata-sandi-baru-1".into()),
                ("active", "on".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "edit user",
            path: "/users/{victim}",
            fields: vec![
                ("username", "operator.disdukcapil".into()),
                ("full_name", "Nama Diubah".into()),
                ("role", "operator_pd".into()),
                ("pd_id", "{other}".into()),
                ("active", "on".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "reset password",
            path: "/users/{victim}/password",
            fields: vec![("password", "sandi-baru-12345".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "edit region",
            path: "/region",
            fields: vec![
                ("official_domain", "metrokota.go.id".into()),
                ("address", "Alamat baru".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "add Tim member",
            path: "/tim",
            fields: vec![
                ("person_name", "Anggota Baru".into()),
                ("position", "anggota".into()),
                ("office", "Kepala Dinas".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "remove Tim member",
            path: "/tim/{member}/remove",
            fields: vec![("reason", "Mutasi".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "create own API token",
            path: "/account/tokens",
            fields: vec![("name", "skrip".into())],
            allowed: SIGNED_IN,
            ..Case::default()
        },
        Case {
            name: "revoke walidata's token",
            path: "/account/tokens/{walidata_token}/revoke",
            fields: vec![],
            allowed: &["admin.kominfo", "walidata"],
            ..Case::default()
        },
        Case {
            name: "register an app for the own PD",
            path: "/catalogue/application",
            fields: app_form("{dinkes}", "Aplikasi Baru"),
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "register an app for another PD",
            path: "/catalogue/application",
            fields: app_form("{other}", "Aplikasi Lain"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "import applications for the own PD",
            path: "/catalogue/application/import",
            fields: vec![("mode", "all_or_nothing".into())],
            file: Some(("aplikasi.csv", |t| t.csv.clone())),
            allowed: &["admin.kominfo", "operator.dinkes"],
            refused_per_row: Some(
                "Anda hanya dapat mengimpor entri milik Perangkat Daerah Anda sendiri",
            ),
            ..Case::default()
        },
        Case {
            name: "edit the own PD's app",
            path: "/catalogue/application/{own_app}",
            fields: app_form("{dinkes}", "SIKDA Diubah"),
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "attach a document to the own PD's app",
            path: "/catalogue/application/{own_app}/documents",
            fields: vec![
                ("doc_type", "sop".into()),
                ("title", "SOP Matriks".into()),
                ("classification", "terbuka".into()),
            ],
            file: Some(("sop.pdf", pdf)),
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "edit another PD's app",
            path: "/catalogue/application/{other_app}",
            fields: app_form("{other}", "SIMDA Diubah"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "hand the own app to another PD",
            path: "/catalogue/application/{own_app}",
            fields: app_form("{other}", "SIKDA Dipindah"),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "link the own app to a dataset",
            path: "/catalogue/application/{own_app}/links",
            fields: vec![("to", "{other_dataset}".into())],
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "unlink another PD's app from a dataset",
            path: "/catalogue/application/{other_app}/unlink",
            fields: vec![
                ("to", "{other_dataset}".into()),
                ("relation", "{relation}".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "link another PD's app",
            path: "/catalogue/application/{other_app}/links",
            fields: vec![("to", "{other_dataset}".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "retire a document of another PD's app",
            path: "/documents/{other_doc}/retire",
            fields: vec![("reason", "Kedaluwarsa".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "retire another PD's app",
            path: "/catalogue/application/{other_app}/retire",
            fields: vec![("reason", "Diganti".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "reactivate another PD's app",
            path: "/catalogue/application/{retired_app}/reactivate",
            fields: vec![],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "edit another PD's dataset",
            path: "/catalogue/dataset/{other_dataset}",
            fields: dataset_form("{other}"),
            allowed: &["admin.kominfo", "walidata"],
            ..Case::default()
        },
        Case {
            name: "propose a sanction",
            path: "/sanksi",
            fields: vec![
                ("pd_id", "{dinkes}".into()),
                ("finding_ids", "{finding}".into()),
                ("kind", "teguran_tertulis".into()),
                ("reason", "Aplikasi di luar Dinas".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "decide a sanction",
            path: "/sanksi/{sanction}/keputusan",
            fields: vec![("decision", "ditetapkan".into())],
            allowed: &["pimpinan"],
            ..Case::default()
        },
        Case {
            name: "acknowledge a DINKES finding",
            path: "/temuan/{finding}/akui",
            fields: vec![("note", "Akan diperbaiki bulan depan".into())],
            allowed: &["admin.kominfo", "operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "except a finding",
            path: "/temuan/{finding}/kecualikan",
            fields: vec![("reason", "Aplikasi pusat, di luar kewenangan daerah".into())],
            allowed: &["admin.kominfo", "koordinator"],
            ..Case::default()
        },
        Case {
            name: "lift an exception",
            path: "/temuan/{finding}/buka",
            fields: vec![],
            allowed: &["admin.kominfo", "koordinator"],
            ..Case::default()
        },
        Case {
            name: "run the compliance evaluation",
            path: "/kepatuhan/evaluasi",
            fields: vec![],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "mark walidata's notification read",
            path: "/notifikasi/{walidata_note}/baca",
            fields: vec![],
            allowed: &["walidata"],
            unaudited: true,
            ..Case::default()
        },
        Case {
            name: "mark all own notifications read",
            path: "/notifikasi/baca-semua",
            fields: vec![],
            allowed: SIGNED_IN,
            unaudited: true,
            ..Case::default()
        },
        Case {
            name: "choose the rule pack",
            path: "/kepatuhan/paket",
            fields: vec![("pack", "manggarai".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "open an evaluation period",
            path: "/evaluasi",
            fields: vec![("year", "2031".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "import an earlier evaluation year",
            path: "/evaluasi/impor",
            fields: vec![("year", "2021".into())],
            file: Some(("evaluasi.xlsx", |t| t.xlsx.clone())),
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "assign an evaluation indicator",
            path: "/evaluasi/{period}/penugasan",
            fields: vec![("pd_6", "{dinkes}".into())],
            allowed: ADMIN,
            ..Case::default()
        },
        Case {
            name: "claim a level for the own PD's indicator",
            path: "/evaluasi/{period}/indikator/1/klaim",
            fields: vec![("level", "3".into()), ("explanation", "Perwal".into())],
            allowed: &["operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "attach evidence to the own PD's indicator",
            path: "/evaluasi/{period}/indikator/1/bukti",
            fields: vec![("title", "Perwal".into())],
            file: Some(("perwal.pdf", pdf)),
            allowed: &["operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "submit the own PD's claim",
            path: "/evaluasi/{period}/indikator/1/ajukan",
            fields: vec![],
            allowed: &["operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "claim a level for another PD's indicator",
            path: "/evaluasi/{period}/indikator/2/klaim",
            fields: vec![("level", "5".into()), ("explanation", "x".into())],
            allowed: &[],
            ..Case::default()
        },
        Case {
            name: "accept a submitted answer",
            path: "/evaluasi/{period}/indikator/3/terima",
            fields: vec![],
            allowed: &["koordinator"],
            ..Case::default()
        },
        Case {
            name: "return a submitted answer",
            path: "/evaluasi/{period}/indikator/{returnable}/kembalikan",
            fields: vec![("note", "Lengkapi bukti".into())],
            allowed: &["koordinator"],
            ..Case::default()
        },
        Case {
            name: "record a document assessment",
            path: "/evaluasi/{period}/indikator/4/nilai-dokumen",
            fields: vec![("document_level", "2".into())],
            allowed: &["auditor"],
            ..Case::default()
        },
        Case {
            name: "file a sanggah",
            path: "/evaluasi/{period}/indikator/5/sanggah",
            fields: vec![("text", "Dokumen sudah lengkap".into())],
            allowed: &["operator.dinkes"],
            ..Case::default()
        },
        Case {
            name: "set a final validated level",
            path: "/evaluasi/{period}/indikator/5/validasi",
            fields: vec![("level", "3".into())],
            allowed: &["auditor"],
            ..Case::default()
        },
        Case {
            name: "add a reference code",
            path: "/refs",
            fields: vec![
                ("code", "RAL.02.11".into()),
                ("name", "Layanan Baru".into()),
            ],
            allowed: ADMIN,
            ..Case::default()
        },
        // Last: a changed password ends the session.
        Case {
            name: "change the own password",
            path: "/account/password",
            fields: vec![
                ("current_password", DEMO_PASSWORD.into()),
                ("new_password", "sandi-matriks-baru-1".into()),
                ("confirm_password", "sandi-matriks-baru-1".into()),
            ],
            allowed: SIGNED_IN,
            ..Case::default()
        },
    ]
}

/// What a denied write must leave as it was: the audit chain, two PDs, read notifications.
async fn state(s: &Server, t: &Targets) -> (i64, String, String, i64) {
    (
        s.audit_len().await,
        pd_row(s, &t.other).await,
        pd_row(s, &t.dinkes).await,
        s.count("SELECT COUNT(*) FROM notifications WHERE read_at IS NOT NULL")
            .await,
    )
}

async fn pd_row(s: &Server, id: &str) -> String {
    let sys = simpul_app::Actor::system(
        simpul_domain::ids::RegionId::parse("metro").unwrap(),
        "test",
    );
    format!(
        "{:?}",
        s.app.get_pd(&sys, id.parse().unwrap()).await.unwrap()
    )
}

fn assert_denied(r: &Resp, role: Option<&str>, what: &str) {
    match role {
        None => assert!(
            r.status == StatusCode::SEE_OTHER && r.location().starts_with("/login")
                || r.status == StatusCode::UNAUTHORIZED,
            "anonymous {what}: expected login redirect or 401, got {} {}",
            r.status,
            r.location()
        ),
        Some(u) => assert!(
            matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{u} {what}: expected 403/404, got {} {}",
            r.status,
            r.body
        ),
    }
}

#[tokio::test]
async fn every_role_against_every_html_write_path() {
    // A fresh server per role: an administrator's allowed writes must not change what the
    // next role is bound to.
    for role in ROLES {
        for s in Server::all().await {
            let t = targets(&s).await;
            let mut b = match role {
                Some(u) => s.login(u).await,
                None => {
                    let mut b = s.browser();
                    // Anonymous visitors have no session token; give them a plausible one.
                    b.csrf = "x".repeat(43);
                    b
                }
            };
            for case in html_cases(role.unwrap_or("anon")) {
                let path = fill(case.path, &t);
                let fields: Vec<(&str, String)> =
                    case.fields.iter().map(|(k, v)| (*k, fill(v, &t))).collect();
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let before = state(&s, &t).await;
                let r = match case.file {
                    Some((name, bytes)) => b.upload(&path, &fields, name, bytes(&t), true).await,
                    None => b.post(&path, &fields).await,
                };
                let after = state(&s, &t).await;
                let what = format!("{} ({:?})", case.name, s.backend);
                if role.is_some_and(|u| case.allowed.contains(&u)) {
                    assert!(
                        // 200: an import answers with its report (the audit check below
                        // tells it from a re-rendered form).
                        matches!(
                            r.status,
                            StatusCode::SEE_OTHER | StatusCode::CREATED | StatusCode::OK
                        ),
                        "{role:?} {what}: expected success, got {} {}",
                        r.status,
                        r.body
                    );
                    assert!(
                        case.unaudited || after.0 > before.0,
                        "{role:?} {what}: allowed write left no audit entry"
                    );
                } else {
                    let per_row = case
                        .refused_per_row
                        .filter(|_| r.status == StatusCode::UNPROCESSABLE_ENTITY && role.is_some());
                    match per_row {
                        Some(refusal) => assert!(r.body.contains(refusal), "{role:?} {what}"),
                        None => assert_denied(&r, role, &what),
                    }
                    assert_eq!(
                        before, after,
                        "{role:?} {what}: a denied write changed something"
                    );
                }
            }
        }
    }
}

/// One API write: name, method, path, JSON body (the text fields of a multipart form when
/// `file` is set), who may use it, and whether an allowed call is audited.
#[derive(Default)]
struct ApiCase {
    name: &'static str,
    method: Method,
    path: &'static str,
    body: serde_json::Value,
    file: File,
    allowed: &'static [&'static str],
    unaudited: bool,
}

type Row = (
    &'static str,
    Method,
    &'static str,
    serde_json::Value,
    &'static [&'static str],
);

impl From<Row> for ApiCase {
    fn from((name, method, path, body, allowed): Row) -> Self {
        ApiCase {
            name,
            method,
            path,
            body,
            allowed,
            ..ApiCase::default()
        }
    }
}

fn api_cases(role: &str) -> Vec<ApiCase> {
    let mut cases: Vec<ApiCase> = api_rows(role).into_iter().map(ApiCase::from).collect();
    let at = |cases: &Vec<ApiCase>, name: &str| {
        1 + cases
            .iter()
            .position(|c| c.name == name)
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    let own: &'static [&'static str] = &["admin.kominfo", "operator.dinkes"];
    let i = at(&cases, "edit the own PD's app");
    cases.insert(
        i,
        ApiCase {
            name: "attach a document to the own PD's app",
            method: Method::POST,
            path: "/catalogue/application/{own_app}/documents",
            body: json!({"doc_type": "sop", "title": "SOP API", "classification": "terbuka"}),
            file: Some(("sop.pdf", pdf)),
            allowed: own,
            ..ApiCase::default()
        },
    );
    let i = at(&cases, "link the own app to a dataset");
    cases.insert(
        i,
        ApiCase {
            name: "unlink another PD's app from a dataset",
            method: Method::POST,
            path: "/catalogue/application/{other_app}/unlink",
            body: json!({"to": "{other_dataset}", "relation": "{relation}"}),
            allowed: ADMIN,
            ..ApiCase::default()
        },
    );
    let i = at(&cases, "run the compliance evaluation");
    cases.insert(
        i,
        ApiCase {
            name: "mark walidata's notification read",
            method: Method::POST,
            path: "/notifications/{walidata_note}/read",
            allowed: &["walidata"],
            unaudited: true,
            ..ApiCase::default()
        },
    );
    cases.insert(
        i + 1,
        ApiCase {
            name: "mark all own notifications read",
            method: Method::POST,
            path: "/notifications/read-all",
            allowed: SIGNED_IN,
            unaudited: true,
            ..ApiCase::default()
        },
    );
    let i = at(&cases, "open an evaluation period");
    cases.insert(
        i,
        ApiCase {
            name: "import an earlier evaluation year",
            method: Method::POST,
            path: "/evaluations/import",
            body: json!({"year": "2021"}),
            file: Some(("evaluasi.xlsx", |t| t.xlsx.clone())),
            allowed: ADMIN,
            ..ApiCase::default()
        },
    );
    let i = at(&cases, "claim a level for the own PD's indicator");
    cases.insert(
        i,
        ApiCase {
            name: "attach evidence to the own PD's indicator",
            method: Method::POST,
            path: "/evaluations/{period}/indicators/1/evidence",
            body: json!({"title": "Perwal"}),
            file: Some(("perwal.pdf", pdf)),
            allowed: &["operator.dinkes"],
            ..ApiCase::default()
        },
    );
    cases.insert(
        i + 1,
        ApiCase {
            name: "submit the own PD's claim",
            method: Method::POST,
            path: "/evaluations/{period}/indicators/1/steps",
            body: json!({"step": "submit"}),
            allowed: &["operator.dinkes"],
            ..ApiCase::default()
        },
    );
    cases.push(ApiCase {
        name: "simulate other levels (nothing is stored)",
        method: Method::POST,
        path: "/evaluations/{period}/simulation",
        body: json!({"levels": {"1": 5, "2": 4}}),
        allowed: SIGNED_IN,
        unaudited: true,
        ..ApiCase::default()
    });
    cases
}

fn api_rows(role: &str) -> Vec<Row> {
    let tag = role.replace('.', "").to_uppercase();
    let code = format!("API-{}", &tag[..tag.len().min(10)]);
    vec![
        (
            "create PD",
            Method::POST,
            "/pd",
            json!({"code": code, "name": "PD API", "short_name": "PD API", "kind": "badan"}),
            ADMIN,
        ),
        (
            "edit own PD",
            Method::PUT,
            "/pd/{dinkes}",
            json!({"code": "DINKES", "name": "Dinas Kesehatan", "short_name": "Dinkes", "kind": "dinas", "head_name": "Kepala API"}),
            &["admin.kominfo", "operator.dinkes"],
        ),
        (
            "edit another PD",
            Method::PUT,
            "/pd/{other}",
            json!({"code": "BPKAD", "name": "BPKAD API", "short_name": "BPKAD", "kind": "badan"}),
            ADMIN,
        ),
        (
            "retire PD",
            Method::POST,
            "/pd/{other}/retire",
            json!({"reason": "Digabung"}),
            ADMIN,
        ),
        (
            "reactivate PD",
            Method::POST,
            "/pd/{other}/retire",
            json!({"reason": null}),
            ADMIN,
        ),
        (
            "create user",
            Method::POST,
            "/users",
            json!({"username": format!("api.{}", tag.to_lowercase()), "full_name": "API", "role": "auditor", "password": "kata-sandi-api-1"}),
            ADMIN,
        ),
        (
            "edit user",
            Method::PUT,
            "/users/{victim}",
            json!({"username": "operator.disdukcapil", "full_name": "Diubah API", "role": "operator_pd", "pd_id": "{other}"}),
            ADMIN,
        ),
        (
            "reset password",
            Method::POST,
            "/users/{victim}/password",
            json!({"password": "sandi-api-12345"}),
            ADMIN,
        ),
        (
            "edit region",
            Method::PUT,
            "/region",
            json!({"official_domain": "metrokota.go.id", "address": "Alamat API"}),
            ADMIN,
        ),
        (
            "add Tim member",
            Method::POST,
            "/tim",
            json!({"person_name": "Anggota API", "position": "anggota", "office": "Kepala Badan"}),
            ADMIN,
        ),
        (
            "remove Tim member",
            Method::POST,
            "/tim/{member}/remove",
            json!({"reason": "Mutasi"}),
            ADMIN,
        ),
        (
            "create own token",
            Method::POST,
            "/tokens",
            json!({"name": "skrip"}),
            SIGNED_IN,
        ),
        (
            "revoke walidata's token",
            Method::DELETE,
            "/tokens/{walidata_token}",
            serde_json::Value::Null,
            &["admin.kominfo", "walidata"],
        ),
        (
            "register an app for the own PD",
            Method::POST,
            "/catalogue/application",
            app_json("{dinkes}", "Aplikasi API"),
            &["admin.kominfo", "operator.dinkes"],
        ),
        (
            "register an app for another PD",
            Method::POST,
            "/catalogue/application",
            app_json("{other}", "Aplikasi API Lain"),
            ADMIN,
        ),
        (
            "edit the own PD's app",
            Method::PUT,
            "/catalogue/application/{own_app}",
            app_json("{dinkes}", "SIKDA API"),
            &["admin.kominfo", "operator.dinkes"],
        ),
        (
            "edit another PD's app",
            Method::PUT,
            "/catalogue/application/{other_app}",
            app_json("{other}", "SIMDA API"),
            ADMIN,
        ),
        (
            "link the own app to a dataset",
            Method::POST,
            "/catalogue/application/{own_app}/links",
            json!({"to": "{other_dataset}"}),
            &["admin.kominfo", "operator.dinkes"],
        ),
        (
            "retire another PD's app",
            Method::POST,
            "/catalogue/application/{other_app}/retire",
            json!({"reason": "Diganti"}),
            ADMIN,
        ),
        (
            "edit another PD's dataset",
            Method::PUT,
            "/catalogue/dataset/{other_dataset}",
            dataset_json("{other}", "Data API"),
            &["admin.kominfo", "walidata"],
        ),
        (
            "register a dataset for another PD",
            Method::POST,
            "/catalogue/dataset",
            dataset_json("{other}", "Data Baru"),
            &["admin.kominfo", "walidata"],
        ),
        (
            "propose a sanction",
            Method::POST,
            "/sanctions",
            json!({"pd_id": "{dinkes}", "kind": "teguran_tertulis", "finding_ids": ["{finding}"], "reason": "Aplikasi di luar Dinas"}),
            ADMIN,
        ),
        (
            "decide a sanction",
            Method::POST,
            "/sanctions/{sanction}/decision",
            json!({"decision": "ditetapkan", "note": "Ditetapkan"}),
            &["pimpinan"],
        ),
        (
            "acknowledge a DINKES finding",
            Method::POST,
            "/findings/{finding}/acknowledge",
            json!({"note": "Ditindaklanjuti"}),
            &["admin.kominfo", "operator.dinkes"],
        ),
        (
            "except a finding",
            Method::POST,
            "/findings/{finding}/except",
            json!({"note": "Aplikasi pusat"}),
            &["admin.kominfo", "koordinator"],
        ),
        (
            "lift an exception",
            Method::POST,
            "/findings/{finding}/lift",
            json!({}),
            &["admin.kominfo", "koordinator"],
        ),
        (
            "run the compliance evaluation",
            Method::POST,
            "/compliance/evaluate",
            json!({}),
            ADMIN,
        ),
        // issue 9 (compliance): the rule pack choice over the API.
        (
            "choose the rule pack",
            Method::PUT,
            "/compliance/pack",
            json!({"pack": "manggarai"}),
            ADMIN,
        ),
        (
            "open an evaluation period",
            Method::POST,
            "/evaluations",
            json!({"year": 2032}),
            ADMIN,
        ),
        (
            "assign an evaluation indicator",
            Method::PUT,
            "/evaluations/{period}/assignments",
            json!({"assignments": [{"indicator": 6, "pd_id": "{other}"}]}),
            ADMIN,
        ),
        (
            "claim a level for the own PD's indicator",
            Method::POST,
            "/evaluations/{period}/indicators/1/steps",
            json!({"step": "claim", "level": 2, "explanation": "Draf"}),
            &["operator.dinkes"],
        ),
        (
            "claim a level for another PD's indicator",
            Method::POST,
            "/evaluations/{period}/indicators/2/steps",
            json!({"step": "claim", "level": 5, "explanation": "x"}),
            &[],
        ),
        (
            "return a submitted answer",
            Method::POST,
            "/evaluations/{period}/indicators/3/steps",
            json!({"step": "return", "note": "Lengkapi"}),
            &["koordinator"],
        ),
        (
            "record a document assessment",
            Method::POST,
            "/evaluations/{period}/indicators/4/steps",
            json!({"step": "assess", "document_level": 2}),
            &["auditor"],
        ),
        (
            "file a sanggah",
            Method::POST,
            "/evaluations/{period}/indicators/5/steps",
            json!({"step": "sanggah", "text": "Keberatan"}),
            &["operator.dinkes"],
        ),
        (
            "set a final validated level",
            Method::POST,
            "/evaluations/{period}/indicators/5/steps",
            json!({"step": "validate", "level": 3}),
            &["auditor"],
        ),
        (
            "rename a reference code",
            Method::PUT,
            "/ref-codes/RAL.02.06",
            json!({"name": "Manajemen ASN"}),
            ADMIN,
        ),
    ]
}

#[tokio::test]
async fn every_role_against_every_api_write_path() {
    for role in ROLES {
        for s in Server::all().await {
            let api = match role {
                Some(u) => s.api(u).await,
                None => s.anonymous_api(),
            };
            let t = targets(&s).await;
            for case in api_cases(role.unwrap_or("anon")) {
                let (name, allowed) = (case.name, case.allowed);
                let path = fill(case.path, &t);
                let body = if case.body.is_null() {
                    None
                } else {
                    Some(serde_json::from_str(&fill(&case.body.to_string(), &t)).unwrap())
                };
                let before = state(&s, &t).await;
                let r = match case.file {
                    Some((file, bytes)) => {
                        let fields: Vec<(String, String)> = body
                            .as_ref()
                            .and_then(serde_json::Value::as_object)
                            .into_iter()
                            .flatten()
                            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_owned()))
                            .collect();
                        let fields: Vec<(&str, &str)> = fields
                            .iter()
                            .map(|(k, v)| (k.as_str(), v.as_str()))
                            .collect();
                        api.upload(&path, &fields, file, bytes(&t)).await
                    }
                    None => api.call(case.method.clone(), &path, body).await,
                };
                let after = state(&s, &t).await;
                let what = format!("API {name} ({:?})", s.backend);
                if role.is_some_and(|u| allowed.contains(&u)) {
                    assert!(
                        r.status.is_success(),
                        "{role:?} {what}: expected success, got {} {}",
                        r.status,
                        r.body
                    );
                    assert!(
                        case.unaudited || after.0 > before.0,
                        "{role:?} {what}: allowed write left no audit entry"
                    );
                } else {
                    assert_denied(&r, role, &what);
                    assert_eq!(
                        before.0, after.0,
                        "{role:?} {what}: a denied write was audited"
                    );
                    assert_eq!(
                        before, after,
                        "{role:?} {what}: a denied write changed something"
                    );
                    assert!(
                        r.json()["errors"][0]["detail"]
                            .as_str()
                            .is_some_and(|d| !d.is_empty()),
                        "{what}: error body {}",
                        r.body
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn every_role_can_read_the_register_but_only_admins_and_auditors_see_accounts() {
    for s in Server::all().await {
        for role in ROLES.into_iter().flatten() {
            let api = s.api(role).await;
            assert_eq!(api.get("/pd").await.status, StatusCode::OK, "{role}");
            assert_eq!(api.get("/tim").await.status, StatusCode::OK, "{role}");
            let users = api.get("/users").await.status;
            let expected = if matches!(role, "admin.kominfo" | "auditor") {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(users, expected, "{role} /users");
            let audit = api.get("/audit").await.status;
            let expected = if matches!(
                role,
                "admin.kominfo" | "auditor" | "koordinator" | "pimpinan"
            ) {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(audit, expected, "{role} /audit");
            let sanctions = api.get("/sanctions").await.status;
            let expected = if role == "walidata" {
                StatusCode::FORBIDDEN
            } else {
                StatusCode::OK
            };
            assert_eq!(sanctions, expected, "{role} /sanctions");
        }
        for path in [
            "/pd",
            "/users",
            "/audit",
            "/region",
            "/tim",
            "/me",
            "/tokens",
            "/sanctions",
        ] {
            assert_eq!(
                s.anonymous_api().get(path).await.status,
                StatusCode::UNAUTHORIZED,
                "anonymous {path}"
            );
        }
        let mut anon = s.browser();
        for path in [
            "/pd", "/users", "/audit", "/region", "/tim", "/account", "/pd/new", "/sanksi",
        ] {
            let r = anon.get(path).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "anonymous GET {path}");
            assert!(
                r.location().starts_with("/login?next="),
                "anonymous GET {path} → {}",
                r.location()
            );
        }
    }
}

/// Page writes that are not about a role's rights: signing in and out (see auth_sessions).
const NOT_ROLE_WRITES: [&str; 2] = ["/login", "/logout"];

/// Whether `path` (a row's path, placeholders filled or not) is an instance of `route`.
fn instance_of(route: &str, path: &str) -> bool {
    let (r, p): (Vec<&str>, Vec<&str>) = (route.split('/').collect(), path.split('/').collect());
    r.len() == p.len() && r.iter().zip(&p).all(|(a, b)| a.starts_with('{') || a == b)
}

/// The routes of `routes` that have no row: a row covers the most specific route it is an
/// instance of (`/catalogue/{kind}/import` rather than `/catalogue/{kind}/{id}`).
fn uncovered(routes: &[(String, String)], rows: &[(String, &str)]) -> Vec<String> {
    let literal = |r: &str| r.split('/').filter(|s| !s.starts_with('{')).count();
    let mut covered = std::collections::BTreeSet::new();
    for (method, path) in rows {
        if let Some(best) = routes
            .iter()
            .filter(|(m, r)| m == method && instance_of(r, path))
            .max_by_key(|(_, r)| literal(r))
        {
            covered.insert(best.clone());
        }
    }
    routes
        .iter()
        .filter(|r| !covered.contains(*r))
        .map(|(m, r)| format!("{m} {r}"))
        .collect()
}

#[test]
fn every_write_route_has_a_row_in_the_matrix() {
    // Pages: the router's own table; the step route once per step it accepts.
    let mut pages = Vec::new();
    for (method, route) in simpul_web::pages::table().routes() {
        if method != Method::POST || NOT_ROLE_WRITES.contains(route) {
            continue;
        }
        if route.contains("{step}") {
            for step in simpul_web::pages::EVALUATION_STEPS {
                pages.push((method.to_string(), route.replace("{step}", step)));
            }
        } else {
            pages.push((method.to_string(), route.to_string()));
        }
    }
    let rows: Vec<(String, &str)> = html_cases("x")
        .iter()
        .map(|c| ("POST".to_owned(), c.path))
        .collect();
    let mut missing = uncovered(&pages, &rows);
    // API: the OpenAPI document (which the router is checked against in the crate's tests).
    use utoipa::OpenApi;
    let doc = simpul_web::api::ApiDoc::openapi();
    let mut api = Vec::new();
    for (path, item) in &doc.paths.paths {
        let path = path.strip_prefix("/api/v1").unwrap_or(path);
        let ops = [
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (m, op) in ops {
            if op.is_some() {
                api.push((m.to_owned(), path.to_owned()));
            }
        }
    }
    let rows: Vec<(String, &str)> = api_cases("x")
        .iter()
        .map(|c| (c.method.to_string(), c.path))
        .collect();
    missing.extend(
        uncovered(&api, &rows)
            .into_iter()
            .map(|r| format!("API {r}")),
    );
    assert!(
        pages.len() > 30 && api.len() > 30,
        "{} page and {} API write routes found",
        pages.len(),
        api.len()
    );
    assert!(
        missing.is_empty(),
        "write routes without a row in the matrix (add one: every role and anonymous):\n{}",
        missing.join("\n")
    );
}
