//! kill -9 durability: concurrent API writers against the real `simpul serve` process, the
//! process killed with SIGKILL mid-traffic, restarted on the same database, and then every
//! write the server acknowledged (201) is there and `simpul audit verify` passes. On SQLite,
//! and on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

mod common;

use common::{demo_token, free_port, fresh_dir, run, Served};
use simpul_store::testing;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const WRITERS: usize = 6;
/// Acknowledged writes to wait for before the kill (bounded by `MAX_WAIT`).
const ACKED_BEFORE_KILL: usize = 60;
const MAX_WAIT: Duration = Duration::from_secs(60);

/// One acknowledged write: the PD's code and the id the server answered with.
type Acked = Arc<Mutex<Vec<(String, String)>>>;

/// Creates PDs until the server stops answering; records every 201.
async fn writer(base: String, token: String, w: usize, acked: Acked) {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    for i in 0.. {
        let code = format!("KT-{w}-{i}");
        let body = serde_json::json!({
            "code": code, "name": format!("Badan Uji Ketahanan {w} {i}"),
            "short_name": format!("BUK{w}{i}"), "kind": "badan",
        });
        let Ok(r) = client
            .post(format!("{base}/api/v1/pd"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
        else {
            return; // the server is gone
        };
        if r.status() != reqwest::StatusCode::CREATED {
            return;
        }
        let Ok(v) = r.json::<serde_json::Value>().await else {
            return; // cut mid-body: not acknowledged
        };
        let id = v["id"].as_str().expect("created PD has an id").to_owned();
        acked.lock().unwrap().push((code.to_ascii_uppercase(), id));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_survives_kill_9_and_the_audit_chain_verifies() {
    for url in testing::fresh_urls().await {
        let data = fresh_dir("simpul-tests", "kill9");
        let token = demo_token(&url, &data, "admin.kominfo");
        assert!(token.starts_with("spl_"), "token printed: {token}");

        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let server = Served::start(&url, &data, port, &[]).await;
        let acked: Acked = Arc::default();
        let tasks: Vec<_> = (0..WRITERS)
            .map(|w| tokio::spawn(writer(base.clone(), token.clone(), w, acked.clone())))
            .collect();
        let started = std::time::Instant::now();
        while acked.lock().unwrap().len() < ACKED_BEFORE_KILL && started.elapsed() < MAX_WAIT {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // SIGKILL while the writers are still sending.
        server.kill_9();
        for t in tasks {
            t.await.unwrap();
        }
        let acked = acked.lock().unwrap().clone();
        assert!(
            acked.len() >= ACKED_BEFORE_KILL,
            "only {} writes acknowledged before the kill",
            acked.len()
        );

        let server = Served::start(&url, &data, port, &[]).await;
        let client = reqwest::Client::new();
        for (code, id) in &acked {
            let r = client
                .get(format!("{base}/api/v1/pd/{id}"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(
                r.status(),
                reqwest::StatusCode::OK,
                "acknowledged PD {code} ({id}) lost after kill -9 on {url}"
            );
            let v: serde_json::Value = r.json().await.unwrap();
            assert_eq!(v["code"], code.as_str());
        }
        server.kill_9();

        let o = run(&url, &data, &["audit", "verify"]);
        assert!(
            String::from_utf8_lossy(&o.stdout).starts_with("OK"),
            "audit verify after kill -9: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        eprintln!(
            "{url}: {} acknowledged writes survived kill -9",
            acked.len()
        );
        let _ = std::fs::remove_dir_all(&data);
    }
}
