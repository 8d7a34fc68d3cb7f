//! Every API write with the roles that may use it.

use super::*;

/// One API write: name, method, path, JSON body (the text fields of a multipart form when
/// `file` is set), who may use it, and whether an allowed call is audited.
#[derive(Default)]
pub(crate) struct ApiCase {
    pub(crate) name: &'static str,
    pub(crate) method: Method,
    pub(crate) path: &'static str,
    pub(crate) body: serde_json::Value,
    pub(crate) file: File,
    pub(crate) allowed: &'static [&'static str],
    pub(crate) unaudited: bool,
}

pub(crate) type Row = (
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

pub(crate) fn api_cases(role: &str) -> Vec<ApiCase> {
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
    // The generic case API: who may take which step of which workflow is the workflow
    // matrix (tests/workflow_matrix.rs, one file per workflow under tests/workflow_matrix/);
    // here only that a workflow the platform does not know is refused to everyone.
    cases.push(ApiCase {
        name: "open a case of an unknown workflow",
        method: Method::POST,
        path: "/cases/no_such_workflow",
        body: json!({"fields": {"title": "x"}}),
        ..ApiCase::default()
    });
    cases.push(ApiCase {
        name: "take a step of an unknown workflow",
        method: Method::POST,
        path: "/cases/no_such_workflow/x/steps/y",
        body: json!({}),
        ..ApiCase::default()
    });
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

pub(crate) fn api_rows(role: &str) -> Vec<Row> {
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
