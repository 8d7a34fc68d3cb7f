//! HTTP test harness: the real router on a loopback port over a fresh database (SQLite, and
//! PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set), seeded with the Kota Metro demo, plus
//! typed helpers: a browser that keeps cookies and CSRF tokens, and an API client with a
//! bearer token.
#![allow(dead_code)]

pub mod evaluation;
pub mod findings;
pub mod workflow;

use reqwest::header::{HeaderMap, COOKIE, SET_COOKIE};
use reqwest::{Method, StatusCode};
use simpul_app::{Actor, App, AppConfig};
use simpul_store::{testing, Store};
use std::collections::BTreeMap;

pub struct Server {
    pub base: String,
    pub app: App,
    pub backend: simpul_store::Backend,
    task: tokio::task::JoinHandle<()>,
}

/// A test that starts many servers (the authorization matrix starts one per role and backend)
/// must not keep their pools open: PostgreSQL allows 100 connections in all, and a pool that
/// cannot connect waits until it times out.
impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
        // Blobs and the signing key of this server only: CI would otherwise keep thousands.
        let _ = std::fs::remove_dir_all(&self.app.config.data_dir);
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let store = self.app.store.clone();
            rt.spawn(async move { store.close().await });
        }
    }
}

impl Server {
    /// Starts one server per backend under test, each with the demo seeded.
    pub async fn all() -> Vec<Server> {
        let mut out = Vec::new();
        for store in testing::fresh_stores().await {
            out.push(Server::start(store).await);
        }
        out
    }

    /// Starts one server per backend under test, each with the whole demo seeded: the
    /// organisation and the demo catalogue with its findings (slower; for the crawler).
    pub async fn all_with_demo_catalogue() -> Vec<Server> {
        let mut out = Vec::new();
        for store in testing::fresh_stores().await {
            out.push(Server::start_seeded(store, true).await);
        }
        out
    }

    pub async fn start(store: Store) -> Server {
        Server::start_full(store, false, simpul_web::WebConfig::default()).await
    }

    /// One server per backend with these web settings (e.g. trusted proxies).
    pub async fn all_with(web: simpul_web::WebConfig) -> Vec<Server> {
        let mut out = Vec::new();
        for store in testing::fresh_stores().await {
            out.push(Server::start_with(store, web.clone()).await);
        }
        out
    }

    pub async fn start_with(store: Store, web: simpul_web::WebConfig) -> Server {
        Server::start_full(store, false, web).await
    }

    /// Starts a server over `store` with the demo organisation and, when `catalogue` is
    /// set, the demo catalogue.
    pub async fn start_seeded(store: Store, catalogue: bool) -> Server {
        Server::start_full(store, catalogue, simpul_web::WebConfig::default()).await
    }

    async fn start_full(store: Store, catalogue: bool, web: simpul_web::WebConfig) -> Server {
        let backend = store.backend();
        let data_dir = std::env::temp_dir()
            .join("simpul-tests")
            .join(format!("data-{}", uuid::Uuid::now_v7().simple()));
        let app = App::new(
            store,
            AppConfig {
                data_dir,
                ..AppConfig::default()
            },
        );
        // Most tests seed the organisation part of the demo only and build the catalogue
        // they need.
        if catalogue {
            simpul_demo::seed(&app).await.expect("seed demo");
        } else {
            simpul_demo::seed_organisation(&app)
                .await
                .expect("seed demo");
        }
        let router = simpul_web::router(app.clone(), web);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let _ = simpul_web::serve::serve(listener, router).await;
        });
        Server {
            base: format!("http://{addr}"),
            app,
            backend,
            task,
        }
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// A browser signed in as a demo account.
    pub async fn login(&self, username: &str) -> Browser {
        let mut b = self.browser();
        let r = b.login(username, simpul_demo::password()).await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "login {username}: {}",
            r.body
        );
        b.refresh_csrf().await;
        b
    }

    /// An API client with a fresh token of a demo account.
    pub async fn api(&self, username: &str) -> Api {
        let u = self.app.user_by_username(username).await.unwrap();
        let t = self
            .app
            .create_token(&Actor::from_user(&u), "test")
            .await
            .unwrap();
        Api {
            base: self.base.clone(),
            token: Some(t.secret),
            client: client(),
        }
    }

    pub fn anonymous_api(&self) -> Api {
        Api {
            base: self.base.clone(),
            token: None,
            client: client(),
        }
    }

    /// Number of audit entries: every write adds at least one, so "unchanged" means "nothing written".
    pub async fn audit_len(&self) -> i64 {
        testing::count(&self.app.store, "SELECT seq FROM audit_head WHERE id = 1")
            .await
            .unwrap()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        testing::count(&self.app.store, sql).await.unwrap()
    }

    pub async fn pd_id(&self, code: &str) -> String {
        let sys = Actor::system(
            simpul_domain::ids::RegionId::parse("metro").unwrap(),
            "test",
        );
        self.app
            .all_pds(&sys)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.code == code)
            .unwrap()
            .id
            .to_string()
    }

    pub async fn user_id(&self, username: &str) -> String {
        self.app
            .user_by_username(username)
            .await
            .unwrap()
            .id
            .to_string()
    }
}

/// Every demo account that can sign in, the operator of a second PD included.
pub const SIGNED_IN: &[&str] = &[
    "admin.kominfo",
    "operator.dinkes",
    "operator.disdukcapil",
    "koordinator",
    "pimpinan",
    "walidata",
    "auditor",
];

/// The step codes of a case's timeline (the `timeline` of a case's JSON), oldest first.
pub fn timeline_steps(case: &serde_json::Value) -> Vec<&str> {
    case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["step"].as_str().unwrap())
        .collect()
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// Asserts the status (showing the body when it differs) and returns the response.
    #[track_caller]
    pub fn expect(&self, status: StatusCode) -> &Resp {
        assert_eq!(self.status, status, "{}", self.body);
        self
    }

    /// The `id` of the JSON body (of a created resource).
    pub fn id(&self) -> String {
        self.json()["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no id: {}", self.body))
            .to_owned()
    }

    /// The fields named by a problem's `errors` (none when it has none).
    pub fn field_errors(&self) -> Vec<String> {
        self.json()["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["field"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }
}

async fn read(r: reqwest::Response) -> Resp {
    let status = r.status();
    let headers = r.headers().clone();
    let body = r.text().await.unwrap_or_default();
    Resp {
        status,
        headers,
        body,
    }
}

/// Extracts the value of the first `name="_csrf"` hidden input.
pub fn csrf_in(html: &str) -> Option<String> {
    let i = html.find("name=\"_csrf\" value=\"")?;
    let rest = &html[i + 20..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// A cookie-keeping browser that adds the page's CSRF token to every form it posts.
pub struct Browser {
    base: String,
    client: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
    pub csrf: String,
    /// Sent as `X-Forwarded-For` when set (proxy tests).
    pub forwarded_for: Option<String>,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            client: client(),
            cookies: BTreeMap::new(),
            csrf: String::new(),
            forwarded_for: None,
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn absorb(&mut self, r: &Resp) {
        for c in r.set_cookies() {
            let first = c.split(';').next().unwrap_or("");
            if let Some((k, v)) = first.split_once('=') {
                if v.is_empty() || c.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_owned(), v.to_owned());
                }
            }
        }
    }

    fn forwarded(&self, rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.forwarded_for {
            Some(v) => rb.header("x-forwarded-for", v),
            None => rb,
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        let r = read(
            self.forwarded(self.client.get(format!("{}{path}", self.base)))
                .header(COOKIE, self.cookie_header())
                .send()
                .await
                .unwrap(),
        )
        .await;
        self.absorb(&r);
        r
    }

    /// Posts raw bytes as a form body (for malformed-input tests).
    pub async fn post_raw(&mut self, path: &str, body: Vec<u8>) -> Resp {
        let r = read(
            self.forwarded(self.client.post(format!("{}{path}", self.base)))
                .header(COOKIE, self.cookie_header())
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        self.absorb(&r);
        r
    }

    /// Posts a multipart form with a file (and the current CSRF token unless `csrf` is false).
    pub async fn upload(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        filename: &str,
        content: Vec<u8>,
        csrf: bool,
    ) -> Resp {
        let mut form = reqwest::multipart::Form::new();
        if csrf {
            form = form.text("_csrf", self.csrf.clone());
        }
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(content).file_name(filename.to_owned()),
        );
        let r = read(
            self.client
                .post(format!("{}{path}", self.base))
                .header(COOKIE, self.cookie_header())
                .multipart(form)
                .send()
                .await
                .unwrap(),
        )
        .await;
        self.absorb(&r);
        r
    }

    /// Posts a form with the current CSRF token added.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let mut all: Vec<(&str, &str)> = vec![("_csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        let token = self.csrf.clone();
        let r = self.post_raw(path, body.into_bytes()).await;
        self.csrf = token;
        r
    }

    pub async fn post_without_csrf(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.post_raw(path, body.into_bytes()).await
    }

    pub async fn login(&mut self, username: &str, password: &str) -> Resp {
        let page = self.get("/masuk").await;
        let token = csrf_in(&page.body).expect("login form has a CSRF token");
        let body = serde_urlencoded::to_string([
            ("_csrf", token.as_str()),
            ("username", username),
            ("password", password),
            ("next", "/"),
        ])
        .unwrap();
        self.post_raw("/masuk", body.into_bytes()).await
    }

    /// Loads a page to pick up the session's CSRF token.
    pub async fn refresh_csrf(&mut self) {
        let page = self.get("/akun").await;
        self.csrf = csrf_in(&page.body).unwrap_or_default();
    }
}

/// A JSON API client.
pub struct Api {
    base: String,
    pub token: Option<String>,
    client: reqwest::Client,
}

impl Api {
    pub async fn call(&self, method: Method, path: &str, body: Option<serde_json::Value>) -> Resp {
        let mut req = self
            .client
            .request(method, format!("{}/api/v1{path}", self.base));
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.unwrap()).await
    }

    pub async fn raw(&self, method: Method, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        let mut req = self
            .client
            .request(method, format!("{}/api/v1{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        read(req.send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: serde_json::Value) -> Resp {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: serde_json::Value) -> Resp {
        self.call(Method::PUT, path, Some(body)).await
    }

    /// Attaches an open (`terbuka`) SOP document to the application `app`.
    pub async fn attach_sop(&self, app: &str, filename: &str, content: Vec<u8>) -> Resp {
        let fields = [("doc_type", "sop"), ("classification", "terbuka")];
        let path = format!("/catalogue/application/{app}/documents");
        self.upload(&path, &fields, filename, content).await
    }

    /// Uploads a document with a multipart body.
    pub async fn upload(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        filename: &str,
        content: Vec<u8>,
    ) -> Resp {
        let mut form = reqwest::multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(content).file_name(filename.to_owned()),
        );
        let mut req = self
            .client
            .post(format!("{}/api/v1{path}", self.base))
            .multipart(form);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        read(req.send().await.unwrap()).await
    }
}
