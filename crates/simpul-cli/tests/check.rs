//! `simpul check --json` on the Kota Metro demo matches the shape documented in docs/CHECK.md,
//! on SQLite and (when `SIMPUL_TEST_POSTGRES_URL` is set) PostgreSQL.

mod common;

use common::simpul;
use serde_json::Value;
use simpul_store::testing;

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
                "region",
                "rules",
                "rules_without_data"
            ]
        );
        // Rules without data are reported, never silently left out of "met" (issue 9.11).
        assert_eq!(
            keys(&r["rules"]),
            [
                "enabled",
                "met",
                "no_data",
                "not_evaluated",
                "transition",
                "with_data"
            ]
        );
        let rules = &r["rules"];
        let n = |k: &str| rules[k].as_u64().unwrap();
        assert_eq!(
            n("enabled"),
            n("with_data") + n("no_data") + n("transition") + n("not_evaluated")
        );
        assert!(n("met") < n("with_data"));
        let no_data = r["rules_without_data"].as_array().unwrap();
        assert_eq!(no_data.len() as u64, n("no_data"));
        assert!(no_data.iter().any(|x| x["rule"] == "EVA-2"), "{no_data:?}");
        for x in no_data {
            assert_eq!(keys(x), ["citation", "obligation", "rule"]);
            assert_eq!(x["rule"], x["obligation"]);
        }
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
                    "sanction",
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
        // Sanctionable under Pasal 48 ayat (1), quoted as written, obligation beside it.
        let sanction = &ebphtb["sanction"];
        assert_eq!(
            sanction["citation"],
            "Pasal 48 ayat (1) Perda Kota Metro Nomor 8 Tahun 2019"
        );
        assert_eq!(sanction["obligation"], "Pasal 17 ayat (1)");
        assert_eq!(sanction["cited_as"], "Pasal 18");
        assert_eq!(ebphtb["record_type"], "application");
        assert_eq!(keys(&ebphtb["pd"]), ["id", "name"]);

        // Text output and --strict.
        let o = simpul(&url, &["check", "--region", "metro", "--strict"]);
        assert_eq!(o.status.code(), Some(1));
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("APP-2"));
        let headline = format!(
            "{} dari {} aturan terpenuhi; {} aturan tanpa data",
            n("met"),
            n("with_data"),
            n("no_data")
        );
        assert!(text.contains(&headline), "{text}");
        assert!(text.contains("[tanpa data] EVA-2"), "{text}");
        let o = simpul(&url, &["check", "--region", "nowhere"]);
        assert!(!o.status.success());
    }
}

#[tokio::test]
async fn compliance_pack_shows_and_switches_the_rule_pack_of_a_region() {
    for url in testing::fresh_urls().await {
        assert!(simpul(&url, &["migrate"]).status.success());
        assert!(simpul(&url, &["demo"]).status.success());
        let o = simpul(&url, &["compliance", "pack", "--region", "metro"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("paket aturan metro (Perda 8/2019"));
        let o = simpul(
            &url,
            &["compliance", "pack", "--region", "metro", "manggarai"],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("manggarai (Perbup 52/2021"));
        let o = simpul(&url, &["check", "--region", "metro", "--json"]);
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(doc["regions"][0]["pack"], "manggarai");
        let o = simpul(
            &url,
            &["compliance", "pack", "--region", "metro", "atlantis"],
        );
        assert!(!o.status.success());
        let o = simpul(&url, &["compliance", "pack", "--region", "metro", "metro"]);
        assert!(String::from_utf8_lossy(&o.stdout).contains("paket wilayah sendiri"));
    }
}
