//! `simpul verify FILE [--public-key HEX | --key-file FILE]`: checks a signed decision file
//! offline. Exit 0 only when the signature is valid AND made by the platform's key: the key
//! given, or else the key of the configured data directory (`<data.dir>/signing.key`). The
//! key embedded in the file alone proves nothing (anyone can re-sign with their own key), so
//! without an expected key the exit code is 1 (issue 9.10).

use simpul_domain::signing::verify_file;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The signed decision file (e.g. keputusan-sanksi-….json).
    pub file: PathBuf,
    /// The platform's published public key (64 hex digits, from
    /// /.well-known/simpul-signing-key).
    #[arg(long, conflicts_with = "key_file")]
    pub public_key: Option<String>,
    /// A file holding the published public key (what /.well-known/simpul-signing-key serves).
    #[arg(long)]
    pub key_file: Option<PathBuf>,
}

/// Where the expected key came from, for the message.
enum Expected {
    Given(String),
    DataDir(String, PathBuf),
}

impl Expected {
    fn hex(&self) -> &str {
        match self {
            Expected::Given(k) | Expected::DataDir(k, _) => k,
        }
    }
}

fn expected_key(args: &VerifyArgs, data_dir: Option<&Path>) -> Result<Option<Expected>, String> {
    if let Some(k) = &args.public_key {
        return Ok(Some(Expected::Given(k.clone())));
    }
    if let Some(path) = &args.key_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("tidak dapat membaca --key-file {}: {e}", path.display()))?;
        return Ok(Some(Expected::Given(text.trim().to_owned())));
    }
    let Some(dir) = data_dir else { return Ok(None) };
    let path = dir.join(simpul_app::platform::signing::KEY_FILE);
    match simpul_app::platform::signing::load_existing(&path) {
        Ok(Some(k)) => Ok(Some(Expected::DataDir(k.public_hex(), path))),
        Ok(None) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Runs the check and returns the exit code. `data_dir` is the configured data directory,
/// when a configuration could be read.
pub fn run(args: &VerifyArgs, data_dir: Option<&Path>) -> i32 {
    let text = match std::fs::read(&args.file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                eprintln!(
                    "GAGAL: {} bukan teks UTF-8; berkas rusak atau bukan berkas keputusan.",
                    args.file.display()
                );
                return 1;
            }
        },
        Err(e) => {
            eprintln!("GAGAL: tidak dapat membaca {}: {e}", args.file.display());
            return 1;
        }
    };
    let expected = match expected_key(args, data_dir) {
        Ok(e) => e,
        Err(msg) => {
            eprintln!("GAGAL: {msg}");
            return 1;
        }
    };
    let env = match verify_file(&text, expected.as_ref().map(Expected::hex)) {
        Ok(env) => env,
        Err(e) => {
            eprintln!("GAGAL: {e}");
            return 1;
        }
    };
    let Some(expected) = expected else {
        eprintln!(
            "GAGAL: tanda tangan cocok dengan kunci yang tertanam di berkas ({}), tetapi tanpa kunci \
             platform hal itu tidak membuktikan siapa penandatangannya. Berikan --public-key HEX atau \
             --key-file BERKAS (kunci dari /.well-known/simpul-signing-key), atau jalankan di server \
             dengan konfigurasi yang menunjuk direktori data platform.",
            env.public_key
        );
        return 1;
    };
    if let Expected::DataDir(_, path) = &expected {
        eprintln!("Kunci platform dibaca dari {}.", path.display());
    }
    let d = &env.decision;
    let field = |path: &[&str]| {
        path.iter()
            .try_fold(d, |v, k| v.get(k))
            .and_then(|v| v.as_str())
            .unwrap_or("?")
            .to_owned()
    };
    println!(
        "OK: tanda tangan Ed25519 sah (kunci {}). Keputusan {} atas sanksi {} ({}) untuk {} di wilayah {}, oleh {} pada {}.",
        env.public_key,
        field(&["decision"]),
        field(&["kind"]),
        field(&["sanction_id"]),
        field(&["pd", "name"]),
        field(&["region"]),
        field(&["decided_by", "name"]),
        field(&["decided_at"]),
    );
    0
}
