//! `simpul verify FILE [--public-key HEX]`: checks a signed decision file offline.
//! Exit 0 when the signature is valid, 1 naming the problem otherwise.

use simpul_domain::signing::verify_file;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The signed decision file (e.g. keputusan-sanksi-….json).
    pub file: PathBuf,
    /// The platform's published public key (64 hex digits, from
    /// /.well-known/simpul-signing-key). Without it, the key in the file is used.
    #[arg(long)]
    pub public_key: Option<String>,
}

/// Runs the check and returns the exit code.
pub fn run(args: &VerifyArgs) -> i32 {
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
    let env = match verify_file(&text, args.public_key.as_deref()) {
        Ok(env) => env,
        Err(e) => {
            eprintln!("GAGAL: {e}");
            return 1;
        }
    };
    if args.public_key.is_none() {
        eprintln!(
            "PERINGATAN: tanpa --public-key, berkas diverifikasi dengan kunci yang tertanam di dalamnya \
             ({}). Ini hanya membuktikan bahwa berkas utuh, bukan siapa penandatangannya: bandingkan kunci \
             ini dengan kunci yang diterbitkan platform di /.well-known/simpul-signing-key.",
            env.public_key
        );
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
