//! Harness for the tests of the `simpul` binary: the command with a database URL (and a data
//! directory), runs that must succeed, fresh data directories, and a real `simpul serve`
//! process on a free port, killed with SIGKILL when dropped.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

/// `simpul` against `url`, quiet logs, run from the temporary directory.
pub fn command(url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_simpul"));
    c.env("SIMPUL_DATABASE_URL", url)
        .env("SIMPUL_LOG__LEVEL", "warn")
        .current_dir(std::env::temp_dir());
    c
}

/// Runs `simpul args…` against `url` (no input) and returns what it printed.
pub fn simpul(url: &str, args: &[&str]) -> Output {
    command(url)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run simpul")
}

/// `simpul args…` against `url` with its own data directory, run from that directory.
pub fn simpul_in(url: &str, data: &Path, args: &[&str]) -> Command {
    let mut c = command(url);
    c.args(args).env("SIMPUL_DATA__DIR", data).current_dir(data);
    c
}

/// Stdout then stderr, as one text.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Runs `simpul args…` with the data directory `data` and asserts it succeeded.
pub fn run(url: &str, data: &Path, args: &[&str]) -> Output {
    let o = simpul_in(url, data, args)
        .stdin(Stdio::null())
        .output()
        .expect("run simpul");
    assert!(o.status.success(), "simpul {args:?}: {}", text(&o));
    o
}

/// Migrates and seeds the demo, then prints a fresh API token of a demo account.
pub fn demo_token(url: &str, data: &Path, username: &str) -> String {
    run(url, data, &["migrate"]);
    run(url, data, &["demo"]);
    String::from_utf8(run(url, data, &["user", "token", username]).stdout)
        .unwrap()
        .trim()
        .to_owned()
}

/// A name unique to this process and moment.
pub fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{nanos}-{}", std::process::id())
}

/// A fresh, created directory `<tmp>/<parent>/<what>-<unique>`.
pub fn fresh_dir(parent: &str, what: &str) -> PathBuf {
    let d = std::env::temp_dir()
        .join(parent)
        .join(format!("{what}-{}", unique()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `simpul serve`, killed with SIGKILL when dropped (also when an assertion fails).
pub struct Served(Child);

impl Served {
    /// Starts `simpul serve` on `port` with the extra environment `env`, and waits until
    /// `/readyz` answers.
    pub async fn start(url: &str, data: &Path, port: u16, env: &[(&str, String)]) -> Served {
        let mut cmd = simpul_in(
            url,
            data,
            &["serve", "--bind", &format!("127.0.0.1:{port}")],
        );
        cmd.envs(env.iter().map(|(k, v)| (k, v)));
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start simpul serve");
        let served = Served(child);
        let client = reqwest::Client::new();
        for _ in 0..600 {
            if let Ok(r) = client
                .get(format!("http://127.0.0.1:{port}/readyz"))
                .send()
                .await
            {
                if r.status().is_success() {
                    return served;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        drop(served);
        panic!("simpul serve did not become ready on port {port}");
    }

    /// SIGKILL, and wait for the process to be gone.
    pub fn kill_9(mut self) {
        self.0.kill().expect("kill -9 simpul serve");
        self.0.wait().unwrap();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
