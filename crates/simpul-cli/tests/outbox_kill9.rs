//! kill -9 and the outbox: `simpul serve` with delivery paused takes a workflow step that
//! notifies someone with an e-mail address, is killed with SIGKILL, and restarted with
//! delivery on: the e-mail arrives exactly once; after another restart still once. On
//! SQLite, and on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

use simpul_store::testing;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

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
        "simpul {args:?}: {}",
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

/// Starts `simpul serve` with the trial workflow and mail to `smtp`, delivery on or paused.
async fn serve(url: &str, data: &Path, port: u16, smtp: u16, deliver: bool) -> Killed {
    let mut child = simpul(
        url,
        data,
        &["serve", "--bind", &format!("127.0.0.1:{port}")],
    )
    .env(
        "SIMPUL_OUTBOX__DELIVER",
        if deliver { "true" } else { "false" },
    )
    .env("SIMPUL_KERNEL__TRIAL_WORKFLOW", "true")
    .env("SIMPUL_MAIL__SMTP_URL", format!("smtp://127.0.0.1:{smtp}"))
    .env("SIMPUL_MAIL__FROM", "simpul@metrokota.go.id")
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
                return Killed(child);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("simpul serve did not become ready on port {port}");
}

/// What the fake SMTP server received: recipients and the DATA of each message.
type Inbox = Arc<Mutex<Vec<(Vec<String>, String)>>>;

/// A minimal SMTP server: 220, EHLO/HELO 250, MAIL/RCPT 250, DATA 354 … "." 250, QUIT 221.
async fn fake_smtp() -> (u16, Inbox) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox: Inbox = Arc::default();
    let store = inbox.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                let _ = w.write_all(b"220 fake ESMTP\r\n").await;
                let (mut rcpt, mut data, mut in_data) = (Vec::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            let msg = (std::mem::take(&mut rcpt), std::mem::take(&mut data));
                            store.lock().unwrap().push(msg);
                            let _ = w.write_all(b"250 queued\r\n").await;
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 fake\r\n",
                        "RCPT" => {
                            rcpt.push(line.split(['<', '>']).nth(1).unwrap_or("").to_owned());
                            b"250 OK\r\n"
                        }
                        "DATA" => {
                            in_data = true;
                            b"354 end with .\r\n"
                        }
                        "QUIT" => {
                            let _ = w.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    let _ = w.write_all(reply).await;
                }
            });
        }
    });
    (port, inbox)
}

fn data_dir() -> PathBuf {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let d = std::env::temp_dir().join("simpul-tests").join(format!(
        "outbox-{}-{}",
        t.as_nanos(),
        std::process::id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The task mails to the administrator (not the deadline reminders `serve` also sends).
fn to_admin(inbox: &Inbox) -> usize {
    inbox
        .lock()
        .unwrap()
        .iter()
        .filter(|(to, data)| {
            to.iter().any(|t| t == "admin.kominfo@metrokota.go.id") && data.contains(TITLE)
        })
        .count()
}

const TITLE: &str = "Uji ketahanan outbox";

/// A running server, killed with SIGKILL when dropped (also when an assertion fails).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn kill(c: Killed) {
    drop(c);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_mail_queued_before_kill_9_arrives_exactly_once_after_restarts() {
    for url in testing::fresh_urls().await {
        let data = data_dir();
        run(&url, &data, &["migrate"]);
        run(&url, &data, &["demo"]);
        let token =
            String::from_utf8(run(&url, &data, &["user", "token", "operator.dinkes"]).stdout)
                .unwrap()
                .trim()
                .to_owned();
        let (smtp, inbox) = fake_smtp().await;
        let port = free_port();
        let server = serve(&url, &data, port, smtp, false).await;
        let r = reqwest::Client::new()
            .post(format!("http://127.0.0.1:{port}/api/v1/cases/trial"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"fields": {"title": TITLE}}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            reqwest::StatusCode::CREATED,
            "{}",
            r.text().await.unwrap()
        );
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(to_admin(&inbox), 0, "delivery is paused");
        kill(server);

        let server = serve(&url, &data, port, smtp, true).await;
        let started = std::time::Instant::now();
        while to_admin(&inbox) == 0 && started.elapsed() < Duration::from_secs(30) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(to_admin(&inbox), 1, "the task mail arrives once on {url}");
        kill(server);

        let server = serve(&url, &data, port, smtp, true).await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(
            to_admin(&inbox),
            1,
            "still once after another restart on {url}"
        );
        kill(server);
        let _ = std::fs::remove_dir_all(&data);
    }
}
