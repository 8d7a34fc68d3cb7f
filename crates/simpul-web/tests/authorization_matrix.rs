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

#[path = "authorization_matrix/api_cases.rs"]
mod api_cases;
#[path = "authorization_matrix/html_cases.rs"]
mod html_cases;
#[path = "authorization_matrix/setup.rs"]
mod setup;
use api_cases::*;
use html_cases::*;
use setup::*;

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
            r.status == StatusCode::SEE_OTHER && r.location().starts_with("/masuk")
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
            "/pd",
            "/pengguna",
            "/audit",
            "/profil-daerah",
            "/tim",
            "/akun",
            "/pd/baru",
            "/sanksi",
        ] {
            let r = anon.get(path).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "anonymous GET {path}");
            assert!(
                r.location().starts_with("/masuk?next="),
                "anonymous GET {path} → {}",
                r.location()
            );
        }
    }
}

/// Page writes that are not about a role's rights: signing in and out (see auth_sessions).
const NOT_ROLE_WRITES: [&str; 2] = ["/masuk", "/keluar"];

/// Whether `path` (a row's path, placeholders filled or not) is an instance of `route`.
fn instance_of(route: &str, path: &str) -> bool {
    let (r, p): (Vec<&str>, Vec<&str>) = (route.split('/').collect(), path.split('/').collect());
    r.len() == p.len() && r.iter().zip(&p).all(|(a, b)| a.starts_with('{') || a == b)
}

/// The routes of `routes` that have no row: a row covers the most specific route it is an
/// instance of (`/katalog/{kind}/impor` rather than `/katalog/{kind}/{id}`).
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
            for step in simpul_web::features::evaluation::pages::STEPS {
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
