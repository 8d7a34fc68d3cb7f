//! The `simpul` binary end to end: migrate, demo, audit verify against a tampered database,
//! account commands, configuration errors. On SQLite, and on PostgreSQL when
//! `SIMPUL_TEST_POSTGRES_URL` is set.

use simpul_store::{testing, Store};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn simpul(url: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_simpul"))
        .args(args)
        .env("SIMPUL_DATABASE_URL", url)
        .env("SIMPUL_LOG__LEVEL", "warn")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run simpul");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A fresh demo database per backend under test.
async fn demo_urls() -> Vec<String> {
    let mut out = Vec::new();
    for url in testing::fresh_urls().await {
        assert!(simpul(&url, &["migrate"], None).status.success());
        let o = simpul(&url, &["demo"], None);
        assert!(o.status.success(), "{}", text(&o));
        assert!(
            text(&o).contains("admin.kominfo"),
            "demo prints the accounts"
        );
        out.push(url);
    }
    out
}

async fn tamper(url: &str, sql: &str) {
    let store = Store::connect(url, false).await.unwrap();
    assert_eq!(testing::execute_raw(&store, sql).await.unwrap(), 1);
    store.close().await;
}

#[tokio::test]
async fn an_untouched_database_verifies() {
    for url in demo_urls().await {
        let o = simpul(&url, &["audit", "verify"], None);
        assert!(o.status.success(), "{}", text(&o));
        assert!(
            text(&o).starts_with("OK: rantai audit utuh"),
            "{}",
            text(&o)
        );
        // Seeding twice changes nothing (idempotent demo).
        let o = simpul(&url, &["demo"], None);
        assert!(text(&o).contains("sudah ada"));
    }
}

#[tokio::test]
async fn an_edited_audit_row_fails_verification_naming_it() {
    for url in demo_urls().await {
        tamper(
            &url,
            "UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 7",
        )
        .await;
        let o = simpul(&url, &["audit", "verify"], None);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(
            text(&o).contains("entry 7: content or hash was edited"),
            "{}",
            text(&o)
        );
    }
}

#[tokio::test]
async fn an_edited_snapshot_fails_verification_naming_it() {
    for url in demo_urls().await {
        tamper(
            &url,
            "UPDATE audit_log SET after_json = '{\"name\":\"forged\"}' WHERE seq = 3",
        )
        .await;
        let o = simpul(&url, &["audit", "verify"], None);
        assert_eq!(o.status.code(), Some(1));
        assert!(text(&o).contains("entry 3"), "{}", text(&o));
    }
}

#[tokio::test]
async fn a_deleted_audit_row_fails_verification_naming_it() {
    for url in demo_urls().await {
        tamper(&url, "DELETE FROM audit_log WHERE seq = 12").await;
        let o = simpul(&url, &["audit", "verify"], None);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            text(&o).contains("entry 12: missing (deleted)"),
            "{}",
            text(&o)
        );
    }
}

#[tokio::test]
async fn deleting_the_newest_audit_row_is_caught_by_the_chain_head() {
    for url in demo_urls().await {
        tamper(
            &url,
            "DELETE FROM audit_log WHERE seq = (SELECT seq FROM audit_head WHERE id = 1)",
        )
        .await;
        let o = simpul(&url, &["audit", "verify"], None);
        assert_eq!(o.status.code(), Some(1));
        assert!(text(&o).contains("were deleted"), "{}", text(&o));
    }
}

#[tokio::test]
async fn user_commands_create_accounts_reset_passwords_and_print_tokens_once() {
    for url in demo_urls().await {
        let o = simpul(
            &url,
            &[
                "user",
                "add",
                "op.bappeda",
                "--full-name",
                "Operator Bappeda",
                "--role",
                "operator_pd",
                "--pd",
                "BAPPELITBANGDA",
            ],
            Some("sandi-operator-baru\n"),
        );
        assert!(o.status.success(), "{}", text(&o));
        let o = simpul(
            &url,
            &[
                "user",
                "add",
                "op.x",
                "--full-name",
                "X",
                "--role",
                "operator_pd",
            ],
            Some("sandi-operator-baru\n"),
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).contains("pd_id"), "{}", text(&o));
        let o = simpul(
            &url,
            &["user", "reset-password", "op.bappeda"],
            Some("pendek\n"),
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).contains("password_short"));
        let o = simpul(
            &url,
            &["user", "token", "op.bappeda", "--name", "etl"],
            None,
        );
        assert!(o.status.success());
        let token = String::from_utf8_lossy(&o.stdout).trim().to_owned();
        assert!(token.starts_with("spl_") && token.len() > 40);
        let o = simpul(&url, &["audit", "verify"], None);
        assert!(o.status.success(), "{}", text(&o));
    }
}

#[test]
fn an_unknown_scheme_is_a_startup_error_naming_the_accepted_ones() {
    let o = simpul("mysql://localhost/simpul", &["migrate"], None);
    assert_eq!(o.status.code(), Some(2));
    let t = text(&o);
    assert!(
        t.contains("mysql") && t.contains("sqlite://") && t.contains("postgres://"),
        "{t}"
    );
}

#[test]
fn a_mistyped_sqlite_path_is_not_created() {
    let path = std::env::temp_dir().join("simpul-typo-does-not-exist.db");
    let url = format!("sqlite://{}", path.display());
    let o = simpul(&url, &["serve", "--bind", "127.0.0.1:0"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("does not exist"), "{}", text(&o));
    assert!(!path.exists());
}

#[test]
fn database_passwords_never_appear_in_output() {
    let o = simpul(
        "postgres://simpul:sangat-rahasia@127.0.0.1:1/none",
        &["migrate"],
        None,
    );
    assert!(!o.status.success());
    assert!(!text(&o).contains("sangat-rahasia"), "{}", text(&o));
}
