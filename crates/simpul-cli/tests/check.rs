//! `simpul check --json` on the Kota Metro demo matches the shape documented in docs/CHECK.md,
//! on SQLite and (when `SIMPUL_TEST_POSTGRES_URL` is set) PostgreSQL.

use serde_json::Value;
use simpul_store::testing;
use std::process::{Command, Output};

fn simpul(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_simpul"))
        .args(args)
        .env("SIMPUL_DATABASE_URL", url)
        .env("SIMPUL_LOG__LEVEL", "warn")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run simpul")
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

#[tokio::test]
async fn check_json_has_the_documented_shape_and_finds_the_demo_gaps() {
    for url in testing::fresh_urls().await {
        assert!(simpul(&url, &["migrate"]).status.success());
        let o = simpul(&url, &["demo"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let o = simpul(&url, &["check", "--region", "metro", "--json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(keys(&doc), ["generated_at", "regions", "version"]);
        assert_eq!(doc["version"], 1);
        let r = &doc["regions"][0];
        assert_eq!(
            keys(r),
            [
                "active_findings",
                "applicable",
                "findings",
                "instrument",
                "met",
                "pack",
                "region"
            ]
        );
        assert_eq!(r["region"], "metro");
        assert_eq!(r["instrument"], "Perda 8/2019");
        let findings = r["findings"].as_array().unwrap();
        assert_eq!(
            findings.len() as u64,
            r["active_findings"].as_u64().unwrap()
        );
        for f in findings {
            assert_eq!(
                keys(f),
                [
                    "citation",
                    "detail",
                    "first_seen",
                    "grace_until",
                    "id",
                    "last_seen",
                    "message",
                    "obligation",
                    "pd",
                    "record_id",
                    "record_name",
                    "record_type",
                    "rule",
                    "severity",
                    "status"
                ]
            );
            assert_eq!(f["rule"], f["obligation"]);
            assert_eq!(
                keys(&f["citation"]),
                ["article", "ayat", "huruf", "instrument", "pasal", "text"]
            );
            assert_eq!(keys(&f["detail"]), ["args", "key"]);
            assert!(["tinggi", "sedang", "rendah"].contains(&f["severity"].as_str().unwrap()));
            assert!(["terbuka", "diakui"].contains(&f["status"].as_str().unwrap()));
        }
        let ebphtb = findings
            .iter()
            .find(|f| f["rule"] == "APP-2" && f["record_name"].as_str().unwrap().contains("BPHTB"))
            .expect("APP-2 finding of e-BPHTB");
        assert_eq!(ebphtb["citation"]["article"], "Pasal 17 ayat (1)");
        assert_eq!(ebphtb["record_type"], "application");
        assert_eq!(keys(&ebphtb["pd"]), ["id", "name"]);

        // Text output and --strict.
        let o = simpul(&url, &["check", "--region", "metro", "--strict"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&o.stdout).contains("APP-2"));
        let o = simpul(&url, &["check", "--region", "nowhere"]);
        assert!(!o.status.success());
    }
}
