//! Every role against every write path, as HTML form and as API call, on every backend.
//! A denied write answers 403/404 (401 or a login redirect when anonymous) and writes nothing:
//! the audit chain, which every write extends in the same transaction, does not grow, and the
//! target record is unchanged.

mod common;

use common::{Resp, Server};
use reqwest::{Method, StatusCode};
use serde_json::json;

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
    Targets {
        finding: finding(s, "APP-2", &vendor_app).await,
        sanction: sanction.id.to_string(),
        period: common::evaluation::seed(s).await,
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
}

/// One write path: name, path, form fields, and who may use it.
struct Case {
    name: &'static str,
    path: &'static str,
    fields: Vec<(&'static str, String)>,
    allowed: &'static [&'static str],
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
        },
        Case {
            name: "edit own PD",
            path: "/pd/{dinkes}",
            fields: pd_fields("DINKES", "Dinas Kesehatan Kota Metro"),
            allowed: &["admin.kominfo", "operator.dinkes"],
        },
        Case {
            name: "edit another PD",
            path: "/pd/{other}",
            fields: pd_fields("BPKAD", "BPKAD diubah"),
            allowed: ADMIN,
        },
        Case {
            name: "retire PD",
            path: "/pd/{other}/retire",
            fields: vec![("reason", "Reorganisasi".into())],
            allowed: ADMIN,
        },
        Case {
            name: "reactivate PD",
            path: "/pd/{other}/reactivate",
            fields: vec![],
            allowed: ADMIN,
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
        },
        Case {
            name: "reset password",
            path: "/users/{victim}/password",
            fields: vec![("password", "sandi-baru-12345".into())],
            allowed: ADMIN,
        },
        Case {
            name: "edit region",
            path: "/region",
            fields: vec![
                ("official_domain", "metrokota.go.id".into()),
                ("address", "Alamat baru".into()),
            ],
            allowed: ADMIN,
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
        },
        Case {
            name: "remove Tim member",
            path: "/tim/{member}/remove",
            fields: vec![("reason", "Mutasi".into())],
            allowed: ADMIN,
        },
        Case {
            name: "create own API token",
            path: "/account/tokens",
            fields: vec![("name", "skrip".into())],
            allowed: SIGNED_IN,
        },
        Case {
            name: "revoke walidata's token",
            path: "/account/tokens/{walidata_token}/revoke",
            fields: vec![],
            allowed: &["admin.kominfo", "walidata"],
        },
        Case {
            name: "register an app for the own PD",
            path: "/catalogue/application",
            fields: app_form("{dinkes}", "Aplikasi Baru"),
            allowed: &["admin.kominfo", "operator.dinkes"],
        },
        Case {
            name: "register an app for another PD",
            path: "/catalogue/application",
            fields: app_form("{other}", "Aplikasi Lain"),
            allowed: ADMIN,
        },
        Case {
            name: "edit the own PD's app",
            path: "/catalogue/application/{own_app}",
            fields: app_form("{dinkes}", "SIKDA Diubah"),
            allowed: &["admin.kominfo", "operator.dinkes"],
        },
        Case {
            name: "edit another PD's app",
            path: "/catalogue/application/{other_app}",
            fields: app_form("{other}", "SIMDA Diubah"),
            allowed: ADMIN,
        },
        Case {
            name: "hand the own app to another PD",
            path: "/catalogue/application/{own_app}",
            fields: app_form("{other}", "SIKDA Dipindah"),
            allowed: ADMIN,
        },
        Case {
            name: "link the own app to a dataset",
            path: "/catalogue/application/{own_app}/links",
            fields: vec![("to", "{other_dataset}".into())],
            allowed: &["admin.kominfo", "operator.dinkes"],
        },
        Case {
            name: "link another PD's app",
            path: "/catalogue/application/{other_app}/links",
            fields: vec![("to", "{other_dataset}".into())],
            allowed: ADMIN,
        },
        Case {
            name: "retire another PD's app",
            path: "/catalogue/application/{other_app}/retire",
            fields: vec![("reason", "Diganti".into())],
            allowed: ADMIN,
        },
        Case {
            name: "edit another PD's dataset",
            path: "/catalogue/dataset/{other_dataset}",
            fields: dataset_form("{other}"),
            allowed: &["admin.kominfo", "walidata"],
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
        },
        Case {
            name: "decide a sanction",
            path: "/sanksi/{sanction}/keputusan",
            fields: vec![("decision", "ditetapkan".into())],
            allowed: &["pimpinan"],
        },
        Case {
            name: "acknowledge a DINKES finding",
            path: "/temuan/{finding}/akui",
            fields: vec![("note", "Akan diperbaiki bulan depan".into())],
            allowed: &["admin.kominfo", "operator.dinkes"],
        },
        Case {
            name: "except a finding",
            path: "/temuan/{finding}/kecualikan",
            fields: vec![("reason", "Aplikasi pusat, di luar kewenangan daerah".into())],
            allowed: &["admin.kominfo", "koordinator"],
        },
        Case {
            name: "lift an exception",
            path: "/temuan/{finding}/buka",
            fields: vec![],
            allowed: &["admin.kominfo", "koordinator"],
        },
        Case {
            name: "run the compliance evaluation",
            path: "/kepatuhan/evaluasi",
            fields: vec![],
            allowed: ADMIN,
        },
        Case {
            name: "choose the rule pack",
            path: "/kepatuhan/paket",
            fields: vec![("pack", "manggarai".into())],
            allowed: ADMIN,
        },
        Case {
            name: "open an evaluation period",
            path: "/evaluasi",
            fields: vec![("year", "2031".into())],
            allowed: ADMIN,
        },
        Case {
            name: "assign an evaluation indicator",
            path: "/evaluasi/{period}/penugasan",
            fields: vec![("pd_6", "{dinkes}".into())],
            allowed: ADMIN,
        },
        Case {
            name: "claim a level for the own PD's indicator",
            path: "/evaluasi/{period}/indikator/1/klaim",
            fields: vec![("level", "3".into()), ("explanation", "Perwal".into())],
            allowed: &["operator.dinkes"],
        },
        Case {
            name: "claim a level for another PD's indicator",
            path: "/evaluasi/{period}/indikator/2/klaim",
            fields: vec![("level", "5".into()), ("explanation", "x".into())],
            allowed: &[],
        },
        Case {
            name: "accept a submitted answer",
            path: "/evaluasi/{period}/indikator/3/terima",
            fields: vec![],
            allowed: &["koordinator"],
        },
        Case {
            name: "record a document assessment",
            path: "/evaluasi/{period}/indikator/4/nilai-dokumen",
            fields: vec![("document_level", "2".into())],
            allowed: &["auditor"],
        },
        Case {
            name: "set a final validated level",
            path: "/evaluasi/{period}/indikator/5/validasi",
            fields: vec![("level", "3".into())],
            allowed: &["auditor"],
        },
        Case {
            name: "add a reference code",
            path: "/refs",
            fields: vec![
                ("code", "RAL.02.11".into()),
                ("name", "Layanan Baru".into()),
            ],
            allowed: ADMIN,
        },
    ]
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
                let before = (
                    s.audit_len().await,
                    pd_row(&s, &t.other).await,
                    pd_row(&s, &t.dinkes).await,
                );
                let r = b.post(&path, &fields).await;
                let after = (
                    s.audit_len().await,
                    pd_row(&s, &t.other).await,
                    pd_row(&s, &t.dinkes).await,
                );
                let what = format!("{} ({:?})", case.name, s.backend);
                if role.is_some_and(|u| case.allowed.contains(&u)) {
                    assert!(
                        matches!(r.status, StatusCode::SEE_OTHER | StatusCode::CREATED),
                        "{role:?} {what}: expected success, got {} {}",
                        r.status,
                        r.body
                    );
                    assert!(
                        after.0 > before.0,
                        "{role:?} {what}: allowed write left no audit entry"
                    );
                } else {
                    assert_denied(&r, role, &what);
                    assert_eq!(
                        before, after,
                        "{role:?} {what}: a denied write changed something"
                    );
                }
            }
        }
    }
}

fn api_cases(
    role: &str,
) -> Vec<(
    &'static str,
    Method,
    &'static str,
    serde_json::Value,
    &'static [&'static str],
)> {
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
            for (name, method, path, body, allowed) in api_cases(role.unwrap_or("anon")) {
                let path = fill(path, &t);
                let body = if body.is_null() {
                    None
                } else {
                    Some(serde_json::from_str(&fill(&body.to_string(), &t)).unwrap())
                };
                let before = (
                    s.audit_len().await,
                    pd_row(&s, &t.other).await,
                    pd_row(&s, &t.dinkes).await,
                );
                let r = api.call(method.clone(), &path, body).await;
                let after = (
                    s.audit_len().await,
                    pd_row(&s, &t.other).await,
                    pd_row(&s, &t.dinkes).await,
                );
                let what = format!("API {name} ({:?})", s.backend);
                if role.is_some_and(|u| allowed.contains(&u)) {
                    assert!(
                        r.status.is_success(),
                        "{role:?} {what}: expected success, got {} {}",
                        r.status,
                        r.body
                    );
                    assert!(
                        after.0 > before.0,
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
