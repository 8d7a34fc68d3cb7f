//! The authorization matrix of the workflows: who may take each step of each workflow,
//! written down per workflow in `tests/workflow_matrix/<code>.toml` (one table per step, one
//! line per role: allow | own_pd | deny). Every (workflow, step, role) of
//! `simpul_domain::workflow::registry::definitions()` (and of the kernel's test workflow)
//! must have its line, and each line is checked against the kernel (`allowed_steps` on a
//! case in each from-state, for a person of the role bound to the case's PD and to another
//! PD) and over HTTP through the generic case API wherever a case in the needed state can be
//! opened and moved there through the API. On SQLite and PostgreSQL.

mod common;

use common::workflow::ACCOUNTS;
use common::Server;
use reqwest::StatusCode;
use serde_json::{json, Value};
use simpul_domain::ids::{PdId, RegionId, UserId};
use simpul_domain::user::Role;
use simpul_domain::workflow::{Definition, Taker};
use std::collections::BTreeMap;

/// A PD operator of another PD than the case's.
const OTHER_PD_OPERATOR: &str = "operator.disdukcapil";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Allow,
    OwnPd,
    Deny,
}

type Matrix = BTreeMap<String, BTreeMap<String, Expect>>;

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/workflow_matrix")
}

/// Every workflow under test: the platform's and the kernel's test workflow.
fn workflows() -> Vec<Definition> {
    let mut all = simpul_domain::workflow::definitions();
    all.push(simpul_app::kernel::testing::trial().definition());
    all
}

/// Reads `<code>.toml`; lists every problem (missing file, step, role; unknown step, role or
/// value) in `problems`.
fn matrix(def: &Definition, problems: &mut Vec<String>) -> Matrix {
    let path = dir().join(format!("{}.toml", def.code));
    let Ok(text) = std::fs::read_to_string(&path) else {
        problems.push(format!("{}: no file {}", def.code, path.display()));
        return Matrix::new();
    };
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            problems.push(format!("{}: {e}", path.display()));
            return Matrix::new();
        }
    };
    let mut out = Matrix::new();
    for (step, roles) in &table {
        if def.step(step).is_none() {
            problems.push(format!(
                "{}: [{step}] is not a step of the workflow",
                def.code
            ));
            continue;
        }
        let Some(roles) = roles.as_table() else {
            problems.push(format!("{}: [{step}] is not a table", def.code));
            continue;
        };
        let mut row = BTreeMap::new();
        for (role, v) in roles {
            if role == "system" {
                continue;
            }
            let e = match v.as_str() {
                Some("allow") => Expect::Allow,
                Some("own_pd") => Expect::OwnPd,
                Some("deny") => Expect::Deny,
                _ => {
                    problems.push(format!(
                        "{}: [{step}] {role} = {v:?}: allow | own_pd | deny",
                        def.code
                    ));
                    continue;
                }
            };
            if Role::from_code(role).is_none() {
                problems.push(format!("{}: [{step}] unknown role {role}", def.code));
                continue;
            }
            row.insert(role.clone(), e);
        }
        out.insert(step.clone(), row);
    }
    for s in &def.steps {
        for r in Role::ALL {
            let has = out
                .get(s.code)
                .is_some_and(|row| row.contains_key(r.code()));
            if !has {
                problems.push(format!(
                    "{}: [{}] has no line for role {}",
                    def.code,
                    s.code,
                    r.code()
                ));
            }
        }
    }
    out
}

#[test]
fn every_step_of_every_workflow_has_an_expectation_for_every_role() {
    let mut problems = Vec::new();
    for def in workflows() {
        matrix(&def, &mut problems);
    }
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let code = name.trim_end_matches(".toml");
        if !workflows().iter().any(|d| d.code == code) {
            problems.push(format!("{name}: no workflow `{code}`"));
        }
    }
    assert!(
        problems.is_empty(),
        "workflow matrix:\n{}",
        problems.join("\n")
    );
}

fn pd(n: u8) -> PdId {
    format!("0190b5a0-0000-7000-8000-0000000000{n:02}")
        .parse()
        .unwrap()
}

#[tokio::test]
async fn every_expectation_holds_in_the_kernel() {
    for s in Server::all().await {
        let metro = RegionId::parse("metro").unwrap();
        for flow in registered(&s) {
            let def = flow.definition();
            let m = matrix(&def, &mut Vec::new());
            let cfg = flow.config(&s.app, &metro).await.unwrap();
            for step in &def.steps {
                let froms: Vec<Option<&str>> = if step.from.is_empty() {
                    vec![None]
                } else {
                    step.from.iter().map(|f| Some(*f)).collect()
                };
                for r in Role::ALL {
                    let e = m[step.code][r.code()];
                    for from in &froms {
                        let may = |own: bool| {
                            let who = Taker {
                                user: Some(UserId::new()),
                                role: r,
                                pd: Some(if own { pd(1) } else { pd(2) }),
                                system: false,
                            };
                            flow.allowed(*from, Some(pd(1)), None, &who, &cfg)
                                .unwrap()
                                .contains(&step.code)
                        };
                        let got = match (may(true), may(false)) {
                            (true, true) => Expect::Allow,
                            (true, false) => Expect::OwnPd,
                            _ => Expect::Deny,
                        };
                        assert_eq!(
                            got,
                            e,
                            "{} {} from {from:?} for {}: kernel says {got:?}",
                            def.code,
                            step.code,
                            r.code()
                        );
                    }
                }
            }
        }
    }
}

/// The workflows the server reaches by code, with the test workflow registered.
fn registered(s: &Server) -> Vec<std::sync::Arc<dyn simpul_app::kernel::CaseFlow>> {
    s.app
        .register_workflow(simpul_app::kernel::testing::trial());
    s.app.workflows()
}

/// The input of a step: its guard's fields filled, a title, and the case's PD.
fn input(def: &Definition, step: &str, pd: &str) -> Value {
    let mut fields = serde_json::Map::new();
    fields.insert("title".into(), json!("Kasus uji matriks"));
    fields.insert("pd".into(), json!(pd));
    for f in def.step(step).map(|s| s.guard.fields).unwrap_or(&[]) {
        fields.insert((*f).into(), json!("uji"));
    }
    json!({"comment": "uji", "fields": fields})
}

/// Steps and who takes them (a demo account).
type Path = Vec<(&'static str, String)>;

/// A path of steps from opening to `state` (breadth first), each with a role that may take it.
fn path_to(def: &Definition, m: &Matrix, state: &str) -> Option<Path> {
    let taker = |step: &str| {
        ACCOUNTS.iter().find_map(|(role, user)| {
            (m.get(step)?.get(*role)? != &Expect::Deny).then(|| (*user).to_owned())
        })
    };
    let mut paths: Vec<(Option<&str>, Path)> = vec![(None, Vec::new())];
    let mut seen: Vec<Option<&str>> = vec![None];
    while !paths.is_empty() {
        let mut next = Vec::new();
        for (at, path) in paths {
            if at == Some(state) {
                return Some(path);
            }
            for s in &def.steps {
                let leaves = match at {
                    None => s.from.is_empty(),
                    Some(a) => s.from.contains(&a),
                };
                if !leaves || !s.guard.documents.is_empty() || seen.contains(&Some(s.to)) {
                    continue;
                }
                let Some(user) = taker(s.code) else { continue };
                seen.push(Some(s.to));
                let mut p = path.clone();
                p.push((s.code, user));
                next.push((Some(s.to), p));
            }
        }
        paths = next;
    }
    None
}

#[tokio::test]
async fn every_expectation_holds_through_the_case_api() {
    for s in Server::all().await {
        let dinkes = s.pd_id("DINKES").await;
        let mut tested = 0;
        for flow in registered(&s) {
            let def = flow.definition();
            let m = matrix(&def, &mut Vec::new());
            let code = def.code;
            let openings = def.steps.iter().filter(|st| st.from.is_empty()).count();
            for step in &def.steps {
                if step.from.is_empty() && openings > 1 {
                    continue; // the API opens with the first opening step the caller may take
                }
                let froms: Vec<Option<&str>> = if step.from.is_empty() {
                    vec![None]
                } else {
                    step.from.iter().map(|f| Some(*f)).collect()
                };
                for from in froms {
                    let path = match from {
                        None => Some(Vec::new()),
                        Some(f) => path_to(&def, &m, f),
                    };
                    let Some(path) = path else {
                        eprintln!("{code}: no API path to state {from:?}; kernel check only");
                        continue;
                    };
                    let mut people: Vec<(&str, String, Expect)> = ACCOUNTS
                        .iter()
                        .map(|(r, u)| (*r, (*u).to_owned(), m[step.code][*r]))
                        .collect();
                    let own_only = m[step.code]["operator_pd"] == Expect::OwnPd;
                    let other = if own_only {
                        Expect::Deny
                    } else {
                        m[step.code]["operator_pd"]
                    };
                    people.push(("operator_pd (other PD)", OTHER_PD_OPERATOR.into(), other));
                    for (role, user, e) in people {
                        if e == Expect::OwnPd && role != "operator_pd" {
                            continue; // only PD operators are bound to a PD in the demo
                        }
                        // A fresh case in the from-state for every attempt.
                        let mut id = None;
                        let mut reached = true;
                        for (st, by) in &path {
                            let api = s.api(by).await;
                            let body = input(&def, st, &dinkes);
                            let r = match &id {
                                None => api.post(&format!("/cases/{code}"), body).await,
                                Some(i) => {
                                    api.post(&format!("/cases/{code}/{i}/steps/{st}"), body)
                                        .await
                                }
                            };
                            if !r.status.is_success() {
                                eprintln!(
                                    "{code}: {st} by {by} answered {}; kernel check only",
                                    r.status
                                );
                                reached = false;
                                break;
                            }
                            id = r.json()["id"].as_str().map(str::to_owned);
                        }
                        if !reached {
                            break;
                        }
                        let api = s.api(&user).await;
                        let body = input(&def, step.code, &dinkes);
                        let r = match &id {
                            None => api.post(&format!("/cases/{code}"), body).await,
                            Some(i) => {
                                api.post(&format!("/cases/{code}/{i}/steps/{}", step.code), body)
                                    .await
                            }
                        };
                        let what = format!(
                            "{code} {} from {from:?} by {role} ({:?})",
                            step.code, s.backend
                        );
                        match e {
                            // The guard and the workflow's own validation come after
                            // authorization: 422 means the caller was let through.
                            Expect::Allow | Expect::OwnPd => assert!(
                                r.status.is_success()
                                    || r.status == StatusCode::UNPROCESSABLE_ENTITY,
                                "{what}: expected to be let through, got {} {}",
                                r.status,
                                r.body
                            ),
                            Expect::Deny => {
                                assert_eq!(r.status, StatusCode::FORBIDDEN, "{what}: {}", r.body)
                            }
                        }
                        tested += 1;
                    }
                }
            }
        }
        assert!(tested >= 4 * 7, "only {tested} API attempts");
    }
}
