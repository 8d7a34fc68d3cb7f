//! `/metrics` of a real `simpul serve` (issue 14.2): the separate metrics listener answers
//! Prometheus text that a full parser of the format accepts; the request counter of a route
//! template moves by exactly the requests made (labelled by the template, never the raw
//! path); every background job has its counters and the ones `serve` runs at start have
//! run; pool, outbox and build info gauges are there. On SQLite, and on PostgreSQL when
//! `SIMPUL_TEST_POSTGRES_URL` is set.

mod common;

use common::{demo_token, free_port, fresh_dir, Served};
use openmetrics_parser::prometheus::parse_prometheus;
use openmetrics_parser::{MetricsExposition, PrometheusType, PrometheusValue};
use simpul_app::platform::metrics::{names, Job};
use simpul_store::testing;
use std::time::{Duration, Instant};

type Exposition = MetricsExposition<PrometheusType, PrometheusValue>;

/// The scraped text and its parse (a parse failure fails the test, showing the text).
async fn scrape(port: u16) -> (String, Exposition) {
    let r = reqwest::get(format!("http://127.0.0.1:{port}/metrics"))
        .await
        .unwrap();
    assert!(r.status().is_success(), "GET /metrics: {}", r.status());
    let content_type = r.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    let text = r.text().await.unwrap();
    let parsed =
        parse_prometheus(&text).unwrap_or_else(|e| panic!("not Prometheus text: {e:?}\n{text}"));
    (text, parsed)
}

/// The value of the series of `family` whose labels include `labels`: a counter's or
/// gauge's value, a histogram's count.
fn value(exp: &Exposition, family: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let fam = exp.families.get(family)?;
    fam.iter_samples().find_map(|s| {
        let set = s.get_labelset().ok()?;
        labels
            .iter()
            .all(|(k, v)| set.get_label_value(k) == Some(*v))
            .then(|| match &s.value {
                PrometheusValue::Counter(c) => c.value.as_f64(),
                PrometheusValue::Gauge(n) | PrometheusValue::Unknown(n) => n.as_f64(),
                PrometheusValue::Histogram(h) => h.count.unwrap_or(0) as f64,
                PrometheusValue::Summary(s) => s.count.unwrap_or(0) as f64,
            })
    })
}

fn job_runs(exp: &Exposition, job: Job) -> Option<f64> {
    value(exp, names::JOB_RUNS, &[("job", job.as_str())])
}

const ROUTE: &str = "/api/v1/pd/{id}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_per_route_template_and_show_every_background_job() {
    for url in testing::fresh_urls().await {
        let sqlite = url.starts_with("sqlite:");
        let data = fresh_dir("simpul-tests", "metrics");
        let token = demo_token(&url, &data, "admin.kominfo");
        let (port, metrics_port) = (free_port(), free_port());
        let env = [("SIMPUL_METRICS__BIND", format!("127.0.0.1:{metrics_port}"))];
        let _server = Served::start(&url, &data, port, &env).await;
        let web = |path: &str| format!("http://127.0.0.1:{port}{path}");
        let client = reqwest::Client::new();

        let list: serde_json::Value = client
            .get(web("/api/v1/pd?per_page=3"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let ids: Vec<String> = list["items"]
            .as_array()
            .expect("a PD list")
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids.len(), 3, "{list}");

        let labels = [("route", ROUTE), ("method", "GET"), ("status", "2xx")];
        let (_, before) = scrape(metrics_port).await;
        let counted = value(&before, names::HTTP_REQUESTS, &labels).unwrap_or(0.0);
        let timed = value(&before, names::HTTP_DURATION, &labels).unwrap_or(0.0);
        let made = 2 * ids.len();
        for id in ids.iter().chain(&ids) {
            let r = client
                .get(web(&format!("/api/v1/pd/{id}")))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), reqwest::StatusCode::OK);
        }
        let missing = client
            .get(web("/tidak-ada-sama-sekali"))
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), reqwest::StatusCode::NOT_FOUND);
        // The main server does not serve the metrics.
        let main = client.get(web("/metrics")).send().await.unwrap();
        assert_eq!(main.status(), reqwest::StatusCode::NOT_FOUND);

        let (text, after) = scrape(metrics_port).await;
        assert_eq!(
            value(&after, names::HTTP_REQUESTS, &labels).unwrap() - counted,
            made as f64,
            "the request counter of {ROUTE} moved by the requests made on {url}"
        );
        assert_eq!(
            value(&after, names::HTTP_DURATION, &labels).unwrap() - timed,
            made as f64,
            "the latency histogram of {ROUTE} counted each request on {url}"
        );
        let unmatched = [("route", "unmatched"), ("status", "4xx")];
        assert!(value(&after, names::HTTP_REQUESTS, &unmatched).unwrap() >= 2.0);
        for raw in ids.iter().map(String::as_str).chain(["tidak-ada"]) {
            assert!(!text.contains(raw), "a raw path reached a label: {raw}");
        }

        // Jobs: every one is there from the start; those `serve` runs at start have run.
        for job in Job::ALL {
            assert!(job_runs(&after, job).is_some(), "{} runs", job.as_str());
            let failures = value(&after, names::JOB_FAILURES, &[("job", job.as_str())]);
            assert_eq!(failures, Some(0.0), "{} failures on {url}", job.as_str());
        }
        let mut started = vec![Job::ComplianceDaily, Job::AuditCheckpoint, Job::Outbox];
        if sqlite {
            started.push(Job::WalCheckpoint);
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        let exp = loop {
            let (_, exp) = scrape(metrics_port).await;
            let ran = started.iter().all(|j| job_runs(&exp, *j) >= Some(1.0));
            if ran || Instant::now() > deadline {
                break exp;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        for job in &started {
            assert!(
                job_runs(&exp, *job) >= Some(1.0),
                "{} ran at start on {url}",
                job.as_str()
            );
            let took = value(&exp, names::JOB_DURATION, &[("job", job.as_str())]);
            assert!(took >= Some(1.0), "{} timed", job.as_str());
        }
        let evaluated = value(&exp, names::COMPLIANCE_DURATION, &[("scope", "region")]);
        assert!(evaluated >= Some(1.0), "compliance evaluation timed");

        let backend = if sqlite { "sqlite" } else { "postgres" };
        assert_eq!(
            value(&exp, names::BUILD_INFO, &[("backend", backend)]),
            Some(1.0)
        );
        let pool = if sqlite { "read" } else { "shared" };
        assert!(value(&exp, names::DB_POOL_MAX, &[("pool", pool)]) >= Some(1.0));
        assert!(value(
            &exp,
            names::DB_POOL_CONNECTIONS,
            &[("pool", pool), ("state", "idle")]
        )
        .is_some());
        assert!(value(&exp, names::OUTBOX_BACKLOG, &[]).is_some());
        assert!(value(&exp, names::MAIL_FAILURES, &[]).is_some());
    }
}
