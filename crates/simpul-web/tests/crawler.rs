//! The crawler (issue 9): with the whole demo seeded (organisation and catalogue), every demo
//! role and an anonymous visitor follow every same-origin link and every GET form that needs
//! no input, breadth-first and bounded, and no page may answer 5xx or be HTML that does not
//! parse cleanly (parse errors, double-escaped attributes, duplicate ids). Downloads are
//! checked for their status only.

mod common;

use common::{Browser, Server};
use reqwest::Url;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, HashSet, VecDeque};

/// Pages fetched per role at most.
const MAX_PAGES: usize = 300;
/// URLs of one shape (the path with ids replaced, plus the query's parameter names) fetched
/// per role at most, so that hundreds of records of one kind do not crowd out other pages.
const PER_SHAPE: usize = 3;

/// Every role, the operator of a second PD included.
const ROLES: &[&str] = common::SIGNED_IN;

/// What one role's crawl saw.
#[derive(Debug, Default)]
struct Report {
    pages: usize,
    html: usize,
    failures: Vec<String>,
}

/// The path with id-like segments replaced, plus the sorted query parameter names.
fn shape(u: &Url) -> String {
    let path: Vec<String> = u
        .path_segments()
        .map(|s| {
            s.map(|seg| {
                if seg.len() >= 8 && seg.chars().any(|c| c.is_ascii_digit()) {
                    "*".to_owned()
                } else {
                    seg.to_owned()
                }
            })
            .collect()
        })
        .unwrap_or_default();
    let mut keys: Vec<String> = u.query_pairs().map(|(k, _)| k.into_owned()).collect();
    keys.sort();
    keys.dedup();
    format!("/{}?{}", path.join("/"), keys.join("&"))
}

/// What is wrong with an HTML page, if anything.
fn html_problems(doc: &Html) -> Vec<String> {
    let mut out: Vec<String> = doc.errors.iter().map(|e| format!("parse: {e}")).collect();
    let all = Selector::parse("*").unwrap();
    let mut ids = HashSet::new();
    for el in doc.select(&all) {
        for (name, value) in el.value().attrs() {
            // `name="&quot;x&quot;"` rendered through an escaped string arrives as a quote.
            if value.contains('"') {
                out.push(format!(
                    "<{}> attribute {name} is double-escaped: {value}",
                    el.value().name()
                ));
            }
        }
        if let Some(id) = el.value().id() {
            if !ids.insert(id.to_owned()) {
                out.push(format!("duplicate id {id}"));
            }
        }
    }
    let html = Selector::parse("html > body").unwrap();
    if doc.select(&html).next().is_none() {
        out.push("no <body>".into());
    }
    out
}

/// Same-origin links and input-free GET form targets of a page, resolved against `at`.
fn links(doc: &Html, at: &Url) -> Vec<Url> {
    let mut out = Vec::new();
    let a = Selector::parse("a[href]").unwrap();
    for el in doc.select(&a) {
        if let Some(u) = el.value().attr("href").and_then(|h| at.join(h).ok()) {
            out.push(u);
        }
    }
    let forms = Selector::parse("form").unwrap();
    let fields = Selector::parse("input[name], select[name]").unwrap();
    let required = Selector::parse("[required]").unwrap();
    let option = Selector::parse("option").unwrap();
    for f in doc.select(&forms) {
        let method = f.value().attr("method").unwrap_or("get");
        if !method.eq_ignore_ascii_case("get") || f.select(&required).next().is_some() {
            continue;
        }
        let Some(mut u) = at.join(f.value().attr("action").unwrap_or("")).ok() else {
            continue;
        };
        let mut pairs = Vec::new();
        for input in f.select(&fields) {
            let e = input.value();
            let name = e.attr("name").unwrap_or_default();
            let value = match e.name() {
                "select" => input
                    .select(&option)
                    .find(|o| o.value().attr("selected").is_some())
                    .or_else(|| input.select(&option).next())
                    .and_then(|o| o.value().attr("value").map(str::to_owned))
                    .unwrap_or_default(),
                _ => match e.attr("type").unwrap_or("text") {
                    "checkbox" | "radio" if e.attr("checked").is_none() => continue,
                    "submit" | "button" | "file" => continue,
                    _ => e.attr("value").unwrap_or_default().to_owned(),
                },
            };
            pairs.push((name.to_owned(), value));
        }
        u.set_query(None);
        if !pairs.is_empty() {
            u.query_pairs_mut().extend_pairs(pairs);
        }
        out.push(u);
    }
    out
}

/// Crawls as one browser from `/`, breadth-first.
async fn crawl(mut b: Browser, base: String, lang: &'static str) -> Report {
    let origin = Url::parse(&base).unwrap();
    b.cookies.insert("lang".into(), lang.into());
    let mut report = Report::default();
    let mut seen = HashSet::new();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([origin.join("/").unwrap()]);
    seen.insert("/".to_owned());
    while let Some(url) = queue.pop_front() {
        if report.pages >= MAX_PAGES {
            break;
        }
        let target = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        let r = b.get(&target).await;
        // A language switch only redirects; the crawl keeps its own language.
        b.cookies.insert("lang".into(), lang.into());
        report.pages += 1;
        if r.status.is_server_error() {
            report
                .failures
                .push(format!("{target}: {} {}", r.status, snippet(&r.body)));
            continue;
        }
        let mut found = Vec::new();
        if r.status.is_redirection() {
            if let Ok(u) = url.join(&r.location()) {
                found.push(u);
            }
        }
        let content_type = r
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if content_type.starts_with("text/html") && !r.status.is_redirection() {
            report.html += 1;
            let doc = Html::parse_document(&r.body);
            for p in html_problems(&doc) {
                report.failures.push(format!("{target}: {p}"));
            }
            found.extend(links(&doc, &url));
        }
        for mut u in found {
            u.set_fragment(None);
            if u.origin() != origin.origin() || u.path() == "/keluar" {
                continue;
            }
            let key = match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_owned(),
            };
            if !seen.insert(key) {
                continue;
            }
            let n = shapes.entry(shape(&u)).or_default();
            if *n >= PER_SHAPE {
                continue;
            }
            *n += 1;
            queue.push_back(u);
        }
    }
    report
}

/// The start of the page's main content, for a failure message.
fn snippet(body: &str) -> String {
    let from = body.find("<main").unwrap_or(0);
    body[from..]
        .chars()
        .take(300)
        .collect::<String>()
        .replace('\n', " ")
}

#[test]
fn the_html_check_finds_parse_errors_double_escaped_attributes_and_duplicate_ids() {
    let page = |body: &str| {
        html_problems(&Html::parse_document(&format!(
            "<!doctype html><html lang=id><head><title>x</title></head><body>{body}</body></html>"
        )))
    };
    assert!(
        page("<p id=a>ok</p>").is_empty(),
        "{:?}",
        page("<p id=a>ok</p>")
    );
    assert!(!page("<input autocomplete=&quot;username&quot;>").is_empty());
    assert!(!page("<p id=a></p><p id=a></p>").is_empty());
    assert!(!page("<div></span></div>").is_empty());
    assert!(!page("<p>a</p></body></html><p>").is_empty());
}

#[tokio::test]
async fn every_role_can_crawl_every_page_without_a_server_error_or_broken_html() {
    for s in Server::all_with_demo_catalogue().await {
        let mut tasks = Vec::new();
        let anonymous = s.browser();
        tasks.push((
            "anonymous",
            tokio::spawn(crawl(anonymous, s.base.clone(), "id")),
        ));
        for (i, role) in ROLES.iter().enumerate() {
            let b = s.login(role).await;
            // Half the roles crawl in English, so both catalogues of texts are rendered.
            let lang = if i % 2 == 0 { "id" } else { "en" };
            tasks.push((role, tokio::spawn(crawl(b, s.base.clone(), lang))));
        }
        let mut failures = Vec::new();
        for (role, task) in tasks {
            let r = task.await.expect("crawler task");
            println!(
                "crawler {:?} {role}: {} pages, {} HTML",
                s.backend, r.pages, r.html
            );
            assert!(r.pages > 1, "{role} reached no page beyond /");
            failures.extend(r.failures.into_iter().map(|f| format!("{role}: {f}")));
        }
        assert!(
            failures.is_empty(),
            "{:?}: {} problems:\n{}",
            s.backend,
            failures.len(),
            failures.join("\n")
        );
    }
}
