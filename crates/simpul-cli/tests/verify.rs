//! `simpul verify`: exit 0 for a valid signed decision file, 1 naming the problem otherwise.
//! Offline: no database or configuration is needed.

use simpul_domain::signing::PlatformKey;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `simpul verify` with a data directory that has no signing key, unless `data_dir`.
fn verify_in(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_simpul"))
        .arg("verify")
        .args(args)
        .env("SIMPUL_LOG__LEVEL", "warn")
        .env("SIMPUL_DATA__DIR", data_dir)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run simpul")
}

fn verify(args: &[&str]) -> Output {
    verify_in(&scratch("nokey"), args)
}

fn scratch(what: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "simpul-verify-{what}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn verify_exit_codes_name_the_problem() {
    let dir = scratch("codes");
    let key = PlatformKey::from_seed(&[3u8; 32]);
    let doc = serde_json::json!({"region": "metro", "decision": "ditetapkan", "kind": "teguran_lisan", "pd": {"name": "Dinas Kesehatan"}});
    let good = dir.join("good.json");
    let file = key.sign(&doc).to_file();
    std::fs::write(&good, &file).unwrap();
    let good = good.to_str().unwrap();

    let o = verify(&[good, "--public-key", &key.public_hex()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).starts_with("OK"), "{}", text(&o));
    assert!(!text(&o).contains("PERINGATAN"));

    let pubfile = dir.join("simpul-signing-key");
    std::fs::write(&pubfile, format!("{}\n", key.public_hex())).unwrap();
    let o = verify(&[good, "--key-file", pubfile.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));

    let other = PlatformKey::from_seed(&[4u8; 32]).public_hex();
    let o = verify(&[good, "--public-key", &other]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("not with the expected key"),
        "{}",
        text(&o)
    );

    let mut bytes = file.into_bytes();
    let i = bytes.iter().position(|b| *b == b'D').unwrap();
    bytes[i] ^= 0x01;
    let bad = dir.join("bad.json");
    std::fs::write(&bad, bytes).unwrap();
    let o = verify(&[bad.to_str().unwrap(), "--public-key", &key.public_hex()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("GAGAL"), "{}", text(&o));

    let o = verify(&[dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_decision_re_signed_with_another_key_fails_without_public_key() {
    let dir = scratch("resigned");
    let platform = PlatformKey::from_seed(&[5u8; 32]);
    let forger = PlatformKey::from_seed(&[6u8; 32]);
    let doc = serde_json::json!({"region": "metro", "decision": "ditetapkan", "kind": "teguran_tertulis"});
    let forged = dir.join("forged.json");
    std::fs::write(&forged, forger.sign(&doc).to_file()).unwrap();
    let forged = forged.to_str().unwrap();

    // No key anywhere: the embedded key proves nothing, so this is not a pass.
    let o = verify(&[forged]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("--public-key"), "{}", text(&o));

    // The platform's data directory holds its key: the forgery is named as such.
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("signing.key"),
        platform
            .seed()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
    )
    .unwrap();
    let o = verify_in(&data, &[forged]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("not with the expected key"),
        "{}",
        text(&o)
    );

    // A genuine decision verifies against the data directory's key.
    let genuine = dir.join("genuine.json");
    std::fs::write(&genuine, platform.sign(&doc).to_file()).unwrap();
    let o = verify_in(&data, &[genuine.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let _ = std::fs::remove_dir_all(dir);
}
