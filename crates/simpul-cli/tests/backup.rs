//! `simpul backup`, `simpul backup verify` and `simpul restore` with the real binary, on
//! SQLite and, when `SIMPUL_TEST_POSTGRES_URL` is set, on PostgreSQL: a restored backup holds
//! every row of every table and every document file, the audit chain verifies, and restore
//! refuses a non-empty target, an altered part and a wrong passphrase.

mod common;

use common::{demo_token, free_port, fresh_dir, run, simpul_in, text, Served};
use simpul_store::testing;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

const PASSPHRASE: &str = "cadangan rahasia kominfo 2026";

/// A database and its data directory.
struct Site {
    url: String,
    data: PathBuf,
}

impl Site {
    fn new(url: &str) -> Site {
        Site {
            url: url.to_owned(),
            data: fresh_dir("simpul-backup", "data"),
        }
    }

    /// `simpul args…` on this site with `stdin` as standard input.
    fn simpul(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = simpul_in(&self.url, &self.data, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run simpul");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str], stdin: &str) -> String {
        let o = self.simpul(args, stdin);
        assert!(o.status.success(), "simpul {args:?}: {}", text(&o));
        text(&o)
    }
}

/// The demo, and (with `documents`) two files attached through the API, then a checkpoint.
async fn seeded(url: &str, documents: bool) -> Site {
    let site = Site::new(url);
    let token = demo_token(&site.url, &site.data, "admin.kominfo");
    if documents {
        let port = free_port();
        let served = Served::start(&site.url, &site.data, port, &[]).await;
        let base = format!("http://127.0.0.1:{port}/api/v1");
        let client = reqwest::Client::new();
        let list: serde_json::Value = client
            .get(format!("{base}/catalogue/application?per_page=1"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = list["items"][0]["id"]
            .as_str()
            .expect("an application")
            .to_owned();
        for (title, body) in [("SOP", "%PDF-1.7 SOP"), ("SLA", "%PDF-1.7 SLA layanan")] {
            let form = reqwest::multipart::Form::new()
                .text("doc_type", "sop")
                .text("title", title)
                .text("classification", "terbatas")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(body.as_bytes().to_vec())
                        .file_name(format!("{title}.pdf")),
                );
            let r = client
                .post(format!("{base}/catalogue/application/{id}/documents"))
                .bearer_auth(&token)
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert!(r.status().is_success(), "upload: {}", r.status());
        }
        served.kill_9();
    }
    run(&site.url, &site.data, &["audit", "checkpoint"]);
    site
}

fn passphrase_file() -> PathBuf {
    let f = fresh_dir("simpul-backup", "pass").join("passphrase");
    std::fs::write(&f, format!("{PASSPHRASE}\n")).unwrap();
    f
}

/// Backs `site` up into a new directory with the key sealed (`--key-passphrase-file`).
fn backup(site: &Site) -> PathBuf {
    let out = fresh_dir("simpul-backup", "out").join("b");
    let pass = passphrase_file();
    let said = site.ok(
        &[
            "backup",
            "--out",
            out.to_str().unwrap(),
            "--key-passphrase-file",
            pass.to_str().unwrap(),
        ],
        "",
    );
    assert!(said.contains("Cadangan ditulis"), "{said}");
    out
}

/// Every row of every table, each row as text, sorted per table.
async fn dump(url: &str) -> BTreeMap<String, Vec<String>> {
    use sqlx::{Column, Connection, Row};
    sqlx::any::install_default_drivers();
    let mut c = sqlx::AnyConnection::connect(url).await.unwrap();
    let tables_sql = if url.starts_with("sqlite") {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    } else {
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
    };
    let tables: Vec<String> = sqlx::query_scalar(tables_sql)
        .fetch_all(&mut c)
        .await
        .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let rows = sqlx::query(&format!("SELECT * FROM {t}"))
            .fetch_all(&mut c)
            .await
            .unwrap();
        let mut lines: Vec<String> = rows
            .iter()
            .map(|r| {
                (0..r.columns().len())
                    .map(|i| {
                        let name = r.columns()[i].name().to_owned();
                        let v = if let Ok(v) = r.try_get::<Option<String>, _>(i) {
                            format!("{v:?}")
                        } else if let Ok(v) = r.try_get::<Option<i64>, _>(i) {
                            format!("{v:?}")
                        } else if let Ok(v) = r.try_get::<Option<f64>, _>(i) {
                            format!("{v:?}")
                        } else if let Ok(v) = r.try_get::<Option<bool>, _>(i) {
                            format!("{v:?}")
                        } else {
                            format!("{:?}", r.try_get::<Option<Vec<u8>>, _>(i).unwrap())
                        };
                        format!("{name}={v}")
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        lines.sort();
        out.insert(t, lines);
    }
    c.close().await.unwrap();
    out
}

/// Every document file under a data directory: its name and content.
fn blob_files(data: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![data.join("blobs")];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.map(Result::unwrap) {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(data).unwrap().display().to_string();
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

#[tokio::test]
async fn a_restored_backup_holds_every_row_and_document_file_and_its_audit_chain_verifies() {
    let sources = testing::fresh_urls().await;
    let targets = testing::fresh_urls().await;
    for (src, dst) in sources.iter().zip(&targets) {
        let source = seeded(src, true).await;
        let out = backup(&source);
        let said = source.ok(&["backup", "verify", out.to_str().unwrap()], "");
        assert!(said.contains("OK: cadangan"), "{said}");

        let target = Site::new(dst);
        let said = target.ok(
            &["restore", out.to_str().unwrap()],
            &format!("{PASSPHRASE}\n"),
        );
        assert!(
            said.contains("utuh: 3 bagian dan 2 berkas dokumen")
                && said.contains("OK: rantai audit utuh")
                && said.contains("titik periksa bertanda tangan")
                && !said.contains("PERHATIAN"),
            "{said}"
        );
        let (before, after) = (dump(&source.url).await, dump(&target.url).await);
        assert_eq!(before["documents"].len(), 2);
        assert!(
            before["audit_log"].len() > 100,
            "{}",
            before["audit_log"].len()
        );
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>()
        );
        for (table, rows) in &before {
            assert_eq!(
                rows, &after[table],
                "table {table} differs after the restore"
            );
        }
        let files = blob_files(&source.data);
        assert_eq!(files.len(), 2);
        assert_eq!(files, blob_files(&target.data));
        assert_eq!(
            std::fs::read(source.data.join("signing.key")).unwrap(),
            std::fs::read(target.data.join("signing.key")).unwrap()
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(target.data.join("signing.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "the restored key is private");
        }
        let said = target.ok(
            &["audit", "verify", "--checkpoint", "audit-checkpoints.jsonl"],
            "",
        );
        assert!(said.contains("OK: rantai audit utuh"), "{said}");
    }
}

#[tokio::test]
async fn restore_refuses_a_database_or_data_directory_that_is_not_empty() {
    let sources = testing::fresh_urls().await;
    let empties = testing::fresh_urls().await;
    for (src, empty) in sources.iter().zip(&empties) {
        let source = seeded(src, false).await;
        let out = backup(&source);
        // Into the source itself: its database has tables.
        let o = source.simpul(
            &["restore", out.to_str().unwrap()],
            &format!("{PASSPHRASE}\n"),
        );
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("refusing to restore: the database")
                && text(&o).contains("is not empty"),
            "{}",
            text(&o)
        );
        // An empty database but a data directory that holds a file.
        let target = Site::new(empty);
        std::fs::write(target.data.join("catatan.txt"), "milik orang lain").unwrap();
        let o = target.simpul(
            &["restore", out.to_str().unwrap()],
            &format!("{PASSPHRASE}\n"),
        );
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("the data directory") && text(&o).contains("catatan.txt"),
            "{}",
            text(&o)
        );
        assert!(!target.data.join("signing.key").exists());
    }
}

#[tokio::test]
async fn a_backup_with_one_part_altered_is_refused_naming_that_part() {
    let sources = testing::fresh_urls().await;
    let targets = testing::fresh_urls().await;
    for (src, dst) in sources.iter().zip(&targets) {
        let source = seeded(src, false).await;
        let out = backup(&source);
        let part = if src.starts_with("sqlite") {
            "database.sqlite"
        } else {
            "database.pgdump"
        };
        let mut bytes = std::fs::read(out.join(part)).unwrap();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x01;
        std::fs::write(out.join(part), bytes).unwrap();

        let o = source.simpul(&["backup", "verify", out.to_str().unwrap()], "");
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(text(&o).contains(&format!("part `{part}`")), "{}", text(&o));

        let target = Site::new(dst);
        let o = target.simpul(
            &["restore", out.to_str().unwrap()],
            &format!("{PASSPHRASE}\n"),
        );
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains(&format!("part `{part}` of the backup has been altered")),
            "{}",
            text(&o)
        );
        assert!(
            std::fs::read_dir(&target.data).unwrap().next().is_none(),
            "nothing was written"
        );
    }
}

#[tokio::test]
async fn a_backup_without_the_signing_key_restores_and_says_the_key_must_be_supplied() {
    let sources = testing::fresh_urls().await;
    let targets = testing::fresh_urls().await;
    for (src, dst) in sources.iter().zip(&targets) {
        let source = seeded(src, false).await;
        let out = fresh_dir("simpul-backup", "out").join("b");
        let said = source.ok(
            &[
                "backup",
                "--out",
                out.to_str().unwrap(),
                "--without-signing-key",
            ],
            "",
        );
        assert!(
            said.contains("kunci penandatangan tidak disertakan"),
            "{said}"
        );
        assert!(!out.join("signing.key.sealed").exists());

        let target = Site::new(dst);
        let said = target.ok(&["restore", out.to_str().unwrap()], "");
        assert!(
            said.contains("OK: rantai audit utuh")
                && said.contains("tidak memuat kunci penandatangan")
                && said.contains("signing.key"),
            "{said}"
        );
        assert!(
            !target.data.join("signing.key").exists(),
            "restore does not make up a new key"
        );
    }
}

#[tokio::test]
async fn a_wrong_passphrase_is_refused_with_a_clear_message_and_nothing_is_restored() {
    let sources = testing::fresh_urls().await;
    let targets = testing::fresh_urls().await;
    for (src, dst) in sources.iter().zip(&targets) {
        let source = seeded(src, false).await;
        let out = backup(&source);
        let target = Site::new(dst);
        let o = target.simpul(&["restore", out.to_str().unwrap()], "bukan kata sandinya\n");
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("wrong passphrase for the signing key"),
            "{}",
            text(&o)
        );
        assert!(std::fs::read_dir(&target.data).unwrap().next().is_none());
        // Nothing was restored: the same target then takes the backup with the right one.
        target.ok(
            &["restore", out.to_str().unwrap()],
            &format!("{PASSPHRASE}\n"),
        );
        // And a backup refuses a passphrase too short to protect the key.
        let o = source.simpul(
            &[
                "backup",
                "--out",
                fresh_dir("simpul-backup", "short")
                    .join("b")
                    .to_str()
                    .unwrap(),
            ],
            "pendek\n",
        );
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(text(&o).contains("at least 12 characters"), "{}", text(&o));
    }
}

#[tokio::test]
async fn serve_takes_the_scheduled_backup_when_due_and_keeps_the_newest() {
    for url in testing::fresh_urls().await {
        let site = seeded(&url, false).await;
        let dir = fresh_dir("simpul-backup", "scheduled");
        // Two finished backups of two days ago: the newest is older than every_hours.
        let two_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(172_800);
        for name in ["simpul-20261201T000000Z", "simpul-20261202T000000Z"] {
            std::fs::create_dir_all(dir.join(name)).unwrap();
            let m = dir.join(name).join("manifest.json");
            std::fs::write(&m, "{}").unwrap();
            std::fs::File::options()
                .write(true)
                .open(&m)
                .unwrap()
                .set_modified(two_days_ago)
                .unwrap();
        }
        let pass = passphrase_file();
        let port = free_port();
        let served = Served::start(
            &site.url,
            &site.data,
            port,
            &[
                ("SIMPUL_BACKUP__DIR", dir.display().to_string()),
                ("SIMPUL_BACKUP__KEEP", "2".to_owned()),
                (
                    "SIMPUL_BACKUP__KEY_PASSPHRASE_FILE",
                    pass.display().to_string(),
                ),
            ],
        )
        .await;
        let mut names = Vec::new();
        for _ in 0..300 {
            names = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            if !names.contains(&"simpul-20261201T000000Z".to_owned()) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        drop(served);
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(names[0], "simpul-20261202T000000Z", "{names:?}");
        let new = dir.join(&names[1]);
        let said = site.ok(&["backup", "verify", new.to_str().unwrap()], "");
        assert!(said.contains("OK: cadangan"), "{said}");
        assert!(new.join("signing.key.sealed").exists());
    }
}
