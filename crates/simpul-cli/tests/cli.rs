//! The `simpul` binary end to end: migrate, demo, audit verify against a tampered database,
//! account commands, configuration errors. On SQLite, and on PostgreSQL when
//! `SIMPUL_TEST_POSTGRES_URL` is set.

mod common;

use common::text;
use simpul_store::{testing, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

fn simpul(url: &str, args: &[&str], stdin: Option<&str>) -> Output {
    simpul_in(url, &std::env::temp_dir().join("data"), args, stdin)
}

/// Runs `simpul` with its own data directory (signing key, checkpoints, blobs).
fn simpul_in(url: &str, data_dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = common::command(url)
        .args(args)
        .env("SIMPUL_DATA__DIR", data_dir)
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

/// Changes one row with `sql`, then runs `simpul audit verify`, which must fail (exit 1);
/// returns what it printed.
async fn verify_after_tampering(url: &str, sql: &str) -> String {
    assert_eq!(raw(url, sql).await, 1);
    let o = simpul(url, &["audit", "verify"], None);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    text(&o)
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
        let t = verify_after_tampering(
            &url,
            "UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 7",
        )
        .await;
        assert!(t.contains("entry 7: content or hash was edited"), "{t}");
    }
}

#[tokio::test]
async fn an_edited_snapshot_fails_verification_naming_it() {
    for url in demo_urls().await {
        let t = verify_after_tampering(
            &url,
            "UPDATE audit_log SET after_json = '{\"name\":\"forged\"}' WHERE seq = 3",
        )
        .await;
        assert!(t.contains("entry 3"), "{t}");
    }
}

#[tokio::test]
async fn a_deleted_audit_row_fails_verification_naming_it() {
    for url in demo_urls().await {
        let t = verify_after_tampering(&url, "DELETE FROM audit_log WHERE seq = 12").await;
        assert!(t.contains("entry 12: missing (deleted)"), "{t}");
    }
}

#[tokio::test]
async fn deleting_the_newest_audit_row_is_caught_by_the_chain_head() {
    for url in demo_urls().await {
        let t = verify_after_tampering(
            &url,
            "DELETE FROM audit_log WHERE seq = (SELECT seq FROM audit_head WHERE id = 1)",
        )
        .await;
        assert!(t.contains("were deleted"), "{t}");
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
        // A reset from the shell revokes the account's tokens too (issue 9.8).
        let o = simpul(
            &url,
            &["user", "reset-password", "op.bappeda"],
            Some("sandi-setel-ulang-panjang\n"),
        );
        assert!(o.status.success(), "{}", text(&o));
        assert!(text(&o).contains("token API-nya dicabut"), "{}", text(&o));
        let store = Store::connect(&url, false).await.unwrap();
        let live = testing::count(
            &store,
            "SELECT COUNT(*) FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE u.username = 'op.bappeda' AND t.revoked_at IS NULL",
        )
        .await
        .unwrap();
        store.close().await;
        assert_eq!(live, 0, "the token made before the reset is revoked");
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

/// A fresh data directory for one test.
fn data_dir(what: &str) -> PathBuf {
    common::fresh_dir("simpul-cli-tests", what)
}

/// Takes a checkpoint with `simpul audit checkpoint` and returns a witness's copy of it.
fn checkpoint(url: &str, data: &Path) -> PathBuf {
    let o = simpul_in(url, data, &["audit", "checkpoint"], None);
    assert!(o.status.success(), "{}", text(&o));
    let local = std::fs::read_to_string(data.join("audit-checkpoints.jsonl")).unwrap();
    assert_eq!(local.lines().count(), 1);
    assert_eq!(local.trim(), String::from_utf8_lossy(&o.stdout).trim());
    let witness = data.join("witness.jsonl");
    std::fs::write(&witness, &o.stdout).unwrap();
    witness
}

fn verify_against(url: &str, data: &Path, witness: &Path) -> Output {
    simpul_in(
        url,
        data,
        &["audit", "verify", "--checkpoint", witness.to_str().unwrap()],
        None,
    )
}

/// After tampering no plain `audit verify` can see: it passes, and only the verification
/// against the witness's checkpoint fails (exit 1); returns what that one printed.
fn caught_by_the_checkpoint_only(url: &str, data: &Path, witness: &Path) -> String {
    let o = simpul_in(url, data, &["audit", "verify"], None);
    assert!(
        o.status.success(),
        "without an anchor this is undetectable: {}",
        text(&o)
    );
    let o = verify_against(url, data, witness);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    text(&o)
}

async fn raw(url: &str, sql: &str) -> u64 {
    let store = Store::connect(url, false).await.unwrap();
    let n = testing::execute_raw(&store, sql).await.unwrap();
    store.close().await;
    n
}

#[tokio::test]
async fn a_clean_chain_verifies_against_its_signed_checkpoint() {
    for url in demo_urls().await {
        let data = data_dir("clean");
        let witness = checkpoint(&url, &data);
        // More entries after the checkpoint are fine.
        let o = simpul_in(&url, &data, &["user", "token", "auditor"], None);
        assert!(o.status.success(), "{}", text(&o));
        let o = verify_against(&url, &data, &witness);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        assert!(text(&o).contains("titik periksa"), "{}", text(&o));
        // A checkpoint signed by another key proves nothing.
        let other = data_dir("other-key");
        let foreign = checkpoint(&url, &other);
        let o = verify_against(&url, &data, &foreign);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(
            text(&o).contains("not with the expected key"),
            "{}",
            text(&o)
        );
    }
}

#[tokio::test]
async fn truncating_the_last_ten_entries_and_the_head_fails_against_a_checkpoint() {
    for url in demo_urls().await {
        let data = data_dir("truncate");
        let witness = checkpoint(&url, &data);
        assert_eq!(
            raw(
                &url,
                "UPDATE audit_head SET hash = (SELECT l.hash FROM audit_log l WHERE l.seq = audit_head.seq - 10), \
                 seq = seq - 10 WHERE id = 1"
            )
            .await,
            1
        );
        assert_eq!(
            raw(
                &url,
                "DELETE FROM audit_log WHERE seq > (SELECT seq FROM audit_head WHERE id = 1)"
            )
            .await,
            10
        );
        let t = caught_by_the_checkpoint_only(&url, &data, &witness);
        assert!(t.contains("entries were removed"), "{t}");
    }
}

#[tokio::test]
async fn an_edited_row_with_the_chain_recomputed_fails_against_a_checkpoint() {
    for url in demo_urls().await {
        let data = data_dir("recompute");
        let witness = checkpoint(&url, &data);
        let store = Store::connect(&url, false).await.unwrap();
        let mut c = store.read().await.unwrap();
        let (head, _) = simpul_store::audit::head(&mut c).await.unwrap().unwrap();
        let from = head - 5;
        let mut tail = simpul_store::audit::chain_batch(&mut c, from - 1, 100)
            .await
            .unwrap();
        drop(c);
        // Forge entry `from` and recompute every hash after it, and the head.
        let mut prev = tail[0].prev_hash.clone();
        tail[0].content.actor_name = "mallory".into();
        for e in &mut tail {
            e.hash = e.content.chain_hash(&prev);
            let sql = format!(
                "UPDATE audit_log SET actor_name = '{}', prev_hash = '{prev}', hash = '{}' WHERE seq = {}",
                e.content.actor_name, e.hash, e.content.seq
            );
            assert_eq!(testing::execute_raw(&store, &sql).await.unwrap(), 1);
            prev = e.hash.clone();
        }
        let sql = format!("UPDATE audit_head SET hash = '{prev}' WHERE id = 1");
        assert_eq!(testing::execute_raw(&store, &sql).await.unwrap(), 1);
        store.close().await;
        let t = caught_by_the_checkpoint_only(&url, &data, &witness);
        assert!(
            t.contains(&format!(
                "entry {head}: its hash differs from the signed checkpoint"
            )),
            "{t}"
        );
    }
}

#[tokio::test]
async fn a_deleted_chain_head_is_a_tampering_verdict() {
    for url in demo_urls().await {
        let t = verify_after_tampering(&url, "DELETE FROM audit_head").await;
        assert!(
            t.contains("GAGAL") && t.contains("audit_head) is missing"),
            "{t}"
        );
    }
}

#[tokio::test]
async fn blobs_gc_removes_old_unreferenced_files_only() {
    for url in demo_urls().await {
        let data = data_dir("gc");
        let orphan = data.join("blobs/ab/cd").join("abcd".repeat(16));
        let young = data.join("blobs/ef/01").join("ef01".repeat(16));
        for f in [&orphan, &young] {
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, b"tanpa rujukan").unwrap();
        }
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
        std::fs::File::options()
            .write(true)
            .open(&orphan)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let o = simpul_in(&url, &data, &["blobs", "gc"], None);
        assert!(o.status.success(), "{}", text(&o));
        assert!(
            text(&o).starts_with("1 berkas tanpa rujukan dihapus"),
            "{}",
            text(&o)
        );
        assert!(!orphan.exists());
        assert!(young.exists(), "younger than the grace period");
    }
}
