//! kill -9 durability: concurrent API writers against the real `simpul serve` process, the
//! process killed with SIGKILL mid-traffic, restarted on the same database, and then every
//! write the server acknowledged (201) is there and `simpul audit verify` passes. On SQLite,
//! and on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

use simpul_store::testing;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const WRITERS: usize = 6;
/// Acknowledged writes to wait for before the kill (bounded by `MAX_WAIT`).
const ACKED_BEFORE_KILL: usize = 60;
const MAX_WAIT: Duration = Duration::from_secs(60);

fn simpul(url: &str, data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_simpul"));
    c.args(args)
        .env("SIMPUL_DATABASE_URL", url)
        .env("SIMPUL_DATA__DIR", data)
        .env("SIMPUL_LOG__LEVEL", "warn")
        .current_dir(data);
    c
}

fn run(url: &str, data: &Path, args: &[&str]) -> Output {
    let o = simpul(url, data, args)
        .stdin(Stdio::null())
        .output()
        .expect("run simpul");
    assert!(
        o.status.success(),
        "simpul {args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `simpul serve` and waits until `/readyz` answers.
async fn serve(url: &str, data: &Path, port: u16) -> Child {
    let mut child = simpul(
        url,
        data,
        &["serve", "--bind", &format!("127.0.0.1:{port}")],
    )
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::inherit())
    .spawn()
    .expect("start simpul serve");
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .send()
            .await
        {
            if r.status().is_success() {
                return child;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("simpul serve did not become ready on port {port}");
}

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

fn data_dir() -> PathBuf {
    let d = std::env::temp_dir()
        .join("simpul-tests")
        .join(format!("kill9-{}", uuid_like()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn uuid_like() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    format!("{}-{}", t.as_nanos(), std::process::id())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_survives_kill_9_and_the_audit_chain_verifies() {
    for url in testing::fresh_urls().await {
        let data = data_dir();
        run(&url, &data, &["migrate"]);
        run(&url, &data, &["demo"]);
        let token = String::from_utf8(run(&url, &data, &["user", "token", "admin.kominfo"]).stdout)
            .unwrap()
            .trim()
            .to_owned();
        assert!(token.starts_with("spl_"), "token printed: {token}");

        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let mut server = serve(&url, &data, port).await;
        let acked: Acked = Arc::default();
        let tasks: Vec<_> = (0..WRITERS)
            .map(|w| tokio::spawn(writer(base.clone(), token.clone(), w, acked.clone())))
            .collect();
        let started = std::time::Instant::now();
        while acked.lock().unwrap().len() < ACKED_BEFORE_KILL && started.elapsed() < MAX_WAIT {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // SIGKILL while the writers are still sending.
        server.kill().expect("kill -9 simpul serve");
        server.wait().unwrap();
        for t in tasks {
            t.await.unwrap();
        }
        let acked = acked.lock().unwrap().clone();
        assert!(
            acked.len() >= ACKED_BEFORE_KILL,
            "only {} writes acknowledged before the kill",
            acked.len()
        );

        let mut server = serve(&url, &data, port).await;
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
        server.kill().unwrap();
        server.wait().unwrap();

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
