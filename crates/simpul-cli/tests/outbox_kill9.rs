//! kill -9 and the outbox: `simpul serve` with delivery paused takes a workflow step that
//! notifies someone with an e-mail address, is killed with SIGKILL, and restarted with
//! delivery on: the e-mail arrives exactly once; after another restart still once. On
//! SQLite, and on PostgreSQL when `SIMPUL_TEST_POSTGRES_URL` is set.

mod common;

use common::{demo_token, free_port, fresh_dir, Served};
use simpul_store::testing;
use simpul_testkit::smtp::{fake_smtp, Inbox};
use std::path::Path;
use std::time::Duration;

/// Starts `simpul serve` with the trial workflow and mail to `smtp`, delivery on or paused.
async fn serve(url: &str, data: &Path, port: u16, smtp: u16, deliver: bool) -> Served {
    let env = [
        ("SIMPUL_OUTBOX__DELIVER", deliver.to_string()),
        ("SIMPUL_KERNEL__TRIAL_WORKFLOW", "true".to_owned()),
        ("SIMPUL_MAIL__SMTP_URL", format!("smtp://127.0.0.1:{smtp}")),
        ("SIMPUL_MAIL__FROM", "simpul@metrokota.go.id".to_owned()),
    ];
    Served::start(url, data, port, &env).await
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

fn kill(c: Served) {
    drop(c);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_mail_queued_before_kill_9_arrives_exactly_once_after_restarts() {
    for url in testing::fresh_urls().await {
        let data = fresh_dir("simpul-tests", "outbox");
        let token = demo_token(&url, &data, "operator.dinkes");
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
