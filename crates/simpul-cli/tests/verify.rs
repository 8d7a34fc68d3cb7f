//! `simpul verify`: exit 0 for a valid signed decision file, 1 naming the problem otherwise.
//! Offline: no database or configuration is needed.

use simpul_domain::signing::PlatformKey;
use std::process::{Command, Output};

fn verify(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_simpul"))
        .arg("verify")
        .args(args)
        .env("SIMPUL_LOG__LEVEL", "warn")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run simpul")
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
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("simpul-verify-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
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

    let o = verify(&[good]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("PERINGATAN") && text(&o).contains(&key.public_hex()));

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
