//! `simpul`: the one binary of the platform. Reads the configuration, wires the store, the
//! use cases and the web layer, and runs the subcommand.

mod backup_cmd;
mod check_cmd;
mod compliance_cmd;
mod config;
mod metrics_serve;
mod transfer_cmd;
mod verify_cmd;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand};
use config::{redact_url, Config};
use simpul_app::platform::metrics::{self, Job};
use simpul_app::{Actor, App, AppConfig, AppError};
use simpul_domain::ids::RegionId;
use simpul_domain::user::UserInput;
use simpul_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "simpul",
    version,
    about = "Simpul: platform SPBE pemerintah daerah"
)]
struct Cli {
    /// Configuration file (default: ./simpul.toml if present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, then serve the web UI and the JSON API.
    Serve {
        /// Address to listen on (overrides server.bind).
        #[arg(long)]
        bind: Option<String>,
        /// Seed the Kota Metro demo first if the database has no demo data, and print the demo accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate {
        /// List the migrations that would run, without running them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a consistent backup (database, documents, sealed signing key, audit
    /// checkpoints, manifest with SHA-256 of every part) while `serve` keeps serving;
    /// `backup verify DIR` checks one.
    Backup(backup_cmd::BackupArgs),
    /// Restore a backup into an empty database and data directory, then verify the audit chain.
    Restore(backup_cmd::RestoreArgs),
    /// Seed demo data.
    Demo {
        /// Region to seed (only `metro` has demo data so far).
        #[arg(long, default_value = "metro")]
        region: String,
        /// Also build a synthetic province of N regions (1–99: `sintetis01`…, each with ~2,000
        /// applications and ~20,000 assets, admin account `admin.sintetisNN`) for benchmarks.
        #[arg(long)]
        scale: Option<u32>,
    },
    /// Audit trail commands.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Account administration from the shell.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Send the deadline reminders once (what `serve` does daily): notifications for due
    /// and overdue obligations, and their e-mail copies when `[mail]` is configured.
    Remind {
        /// Only this region (default: every region).
        #[arg(long)]
        region: Option<String>,
    },
    /// Print the OpenAPI document of the JSON API.
    Openapi,
    /// Export a whole region (profile, PDs, Tim Koordinasi, accounts without passwords,
    /// catalogue, links, stored documents with their files) as a JSON bundle.
    Export(transfer_cmd::ExportArgs),
    /// Import a region bundle into a database where that region has no data yet.
    Import(transfer_cmd::ImportArgs),
    /// Evaluate the compliance rules of the region's regulation and print the findings.
    Check(check_cmd::CheckArgs),
    /// Compliance settings: which region's rule pack applies.
    Compliance {
        #[command(subcommand)]
        command: compliance_cmd::ComplianceCommand,
    },
    /// Spreadsheet (XLSX/CSV) export, import and templates of catalogue records.
    Catalogue {
        #[command(subcommand)]
        command: transfer_cmd::CatalogueCommand,
    },
    /// Verify a signed decision file offline (exit 0 valid, 1 not).
    Verify(verify_cmd::VerifyArgs),
    /// Document file store commands.
    Blobs {
        #[command(subcommand)]
        command: BlobsCommand,
    },
}

#[derive(Subcommand)]
enum BlobsCommand {
    /// Remove stored files that no document or evidence row references and that are older
    /// than the grace period (what `serve` does daily).
    Gc {
        /// Keep unreferenced files younger than this many minutes (an upload may be in flight).
        #[arg(long, default_value_t = 60)]
        grace_minutes: u64,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the audit hash chain; exits 1 naming the first bad entry.
    Verify {
        /// Signed checkpoints (JSON lines: the data directory's audit-checkpoints.jsonl, or
        /// a witness's copies of GET /api/v1/audit/checkpoint). Every one must be signed by
        /// the platform key and its entry must still exist with its hash.
        #[arg(long)]
        checkpoint: Option<PathBuf>,
    },
    /// Sign the current chain head and append it to <data.dir>/audit-checkpoints.jsonl
    /// (what `serve` does hourly); prints the checkpoint for an external witness.
    Checkpoint,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account. The password is read from standard input (one line).
    Add {
        username: String,
        #[arg(long)]
        full_name: String,
        /// admin_kominfo, operator_pd, koordinator, pimpinan, walidata or auditor.
        #[arg(long)]
        role: String,
        /// Region slug.
        #[arg(long, default_value = "metro")]
        region: String,
        /// PD code for operator_pd accounts, e.g. DINKES.
        #[arg(long)]
        pd: Option<String>,
        #[arg(long)]
        email: Option<String>,
    },
    /// Set a new password, read from standard input (one line); ends the account's sessions.
    ResetPassword { username: String },
    /// Create an API token for an account and print it once.
    Token {
        username: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

fn init_logging(cfg: &Config) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(&cfg.log.level).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if cfg.log.format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

async fn open(cfg: &Config) -> Result<App> {
    let store = Store::connect(&cfg.database.url, false)
        .await
        .with_context(|| format!("opening database {}", redact_url(&cfg.database.url)))?;
    let applied = store.migrate().await.context("applying migrations")?;
    for m in applied {
        tracing::info!(migration = m, "applied migration");
    }
    let app_cfg = AppConfig {
        session_ttl: Duration::from_secs(cfg.session.ttl_hours.max(1) * 3600),
        data_dir: PathBuf::from(&cfg.data.dir),
        mail: cfg.mail.clone(),
        throttle_store: cfg.session.throttle_store()?,
        node_id: node_id(cfg),
        jobs: cfg.jobs.config(),
        ..AppConfig::default()
    };
    // A wrong mail setting is a startup error, not a failure at the first reminder.
    simpul_app::platform::mail::Mailer::from_config(&cfg.mail)
        .context("invalid [mail] configuration")?;
    let app = App::new(store, app_cfg);
    app.ensure_regions().await.map_err(app_err)?;
    app.ensure_ref_codes().await.map_err(app_err)?;
    Ok(app)
}

/// This node's name: `server.node_id`, else `hostname:pid`.
fn node_id(cfg: &Config) -> String {
    match cfg.server.node_id.trim() {
        "" => simpul_app::kernel::jobs::default_node_id(),
        id => id.to_owned(),
    }
}

fn app_err(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid(inv) => {
            let msgs: Vec<String> = inv
                .0
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}{}",
                        f.field,
                        f.code,
                        f.param
                            .as_ref()
                            .map(|p| format!(" ({p})"))
                            .unwrap_or_default()
                    )
                })
                .collect();
            anyhow!("invalid input: {}", msgs.join("; "))
        }
        other => anyhow!(other.to_string()),
    }
}

fn print_demo_accounts() {
    println!(
        "Akun demo Kota Metro (kata sandi untuk semua akun: {})",
        simpul_demo::password()
    );
    for a in simpul_demo::accounts() {
        println!(
            "  {:<22} {:<14} {}{}",
            a.username,
            a.role,
            a.full_name,
            a.pd.as_ref().map(|p| format!(" [{p}]")).unwrap_or_default()
        );
    }
}

fn read_password_line() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading password from standard input")?;
    let pw = line.trim_end_matches(['\r', '\n']).to_owned();
    if pw.is_empty() {
        bail!("no password on standard input (pipe it in: echo 'new password' | simpul user …)");
    }
    Ok(pw)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

async fn serve(cfg: Config, bind: Option<String>, demo: bool) -> Result<()> {
    // The region packs are compiled in; a broken one stops the start with its file and reason.
    simpul_app::compliance::packs().map_err(app_err)?;
    let app = open(&cfg).await?;
    // Generated on first start, loaded after: fail now rather than at the first decision.
    let key = app.public_key_hex().map_err(app_err)?;
    tracing::info!(public_key = %key, "platform signing key loaded");
    if demo {
        let r = simpul_demo::seed(&app).await.map_err(app_err)?;
        if r.demo_seeded {
            println!("Data demo Kota Metro (Perda 8/2019) dibuat.");
        }
        print_demo_accounts();
    }
    let bind = bind.unwrap_or(cfg.server.bind.clone());
    let addr: SocketAddr = bind
        .parse()
        .with_context(|| format!("invalid bind address `{bind}`"))?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let web = simpul_web::WebConfig {
        secure_cookies: cfg.server.secure_cookies,
        max_body: cfg.server.max_body_bytes,
        trusted_proxies: cfg.web.trusted_proxies()?,
    };
    let metrics_at = metrics_serve::start(&cfg.metrics, &app).await?;
    let purge = app.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = metrics::timed(Job::SessionPurge, purge.purge_sessions()).await {
                tracing::warn!(error = %e, "purging expired sessions failed");
            }
        }
    });
    app.store
        .spawn_wal_checkpoints(Duration::from_millis(500), |took, ok| {
            metrics::job_finished(Job::WalCheckpoint, took, ok)
        });
    // Daily compliance evaluation and reminders per region, blob sweep, planner statistics,
    // hourly audit checkpoints: each slot runs once across the nodes sharing the database.
    simpul_app::kernel::jobs::spawn_scheduler(app.clone(), simpul_app::kernel::jobs::standard());
    backup_cmd::schedule::spawn(app.clone(), cfg.database.url.clone(), cfg.backup.clone());
    if cfg.kernel.trial_workflow {
        tracing::warn!("the kernel's test workflow `trial` is registered (kernel.trial_workflow)");
        app.register_workflow(simpul_app::kernel::testing::trial());
    }
    if cfg.outbox.deliver {
        simpul_app::kernel::outbox::spawn_worker(app.clone());
    } else {
        tracing::warn!("outbox delivery is paused (outbox.deliver = false)");
    }
    let router = simpul_web::router(app.clone(), web);
    println!(
        "Simpul berjalan di http://{local}  (node {}, database: {})",
        app.config.node_id,
        redact_url(&cfg.database.url)
    );
    if let Some(at) = metrics_at {
        println!("Metrik Prometheus di http://{at}/metrics");
    }
    tracing::info!(%local, node = %app.config.node_id, "listening");
    simpul_web::serve::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server error")?;
    app.store.close().await;
    Ok(())
}

async fn remind(cfg: &Config, region: Option<String>) -> Result<()> {
    let app = open(cfg).await?;
    let regions: Vec<RegionId> = match region {
        Some(r) => vec![RegionId::parse(&r).map_err(|e| anyhow!("--region: {e}"))?],
        None => app
            .regions()
            .await
            .map_err(app_err)?
            .into_iter()
            .map(|r| r.id)
            .collect(),
    };
    for r in regions {
        let today = simpul_app::deadlines::region_today(&r);
        let rep = app.run_reminders(&r, today).await.map_err(app_err)?;
        println!(
            "{r}: {} tenggat jatuh tempo/terlewat, {} notifikasi baru, {} surel terkirim, {} surel gagal",
            rep.due, rep.notified, rep.emailed, rep.email_failures
        );
    }
    Ok(())
}

async fn run(cli: Cli) -> Result<i32> {
    if let Command::Verify(args) = &cli.command {
        // Offline: no database. The configuration, if readable, names the data directory
        // whose signing key is the expected one.
        let data_dir = Config::load(cli.config.as_deref(), std::env::vars())
            .ok()
            .map(|c| PathBuf::from(c.data.dir));
        return Ok(verify_cmd::run(args, data_dir.as_deref()));
    }
    let cfg = Config::load(cli.config.as_deref(), std::env::vars())?;
    init_logging(&cfg);
    match cli.command {
        Command::Serve { bind, demo } => serve(cfg, bind, demo).await?,
        Command::Migrate { dry_run: true } => return migrate_dry_run(&cfg.database.url).await,
        Command::Migrate { dry_run: false } => {
            let store = Store::connect(&cfg.database.url, true)
                .await
                .with_context(|| format!("opening {}", redact_url(&cfg.database.url)))?;
            let applied = store.migrate().await?;
            println!("{} migrasi diterapkan.", applied.len());
        }
        Command::Backup(args) => return backup_cmd::backup(&cfg, args).await,
        Command::Restore(args) => return backup_cmd::restore(&cfg, args).await,
        Command::Demo { region, scale } => {
            if let Some(n) = scale {
                return demo_scale(&cfg, n).await;
            }
            if region != "metro" {
                bail!("only the `metro` region has demo data so far");
            }
            let app = open(&cfg).await?;
            let r = simpul_demo::seed(&app).await.map_err(app_err)?;
            println!(
                "{}",
                if r.demo_seeded {
                    "Data demo dibuat."
                } else {
                    "Data demo sudah ada; tidak ada yang diubah."
                }
            );
            print_demo_accounts();
        }
        Command::Audit {
            command: AuditCommand::Verify { checkpoint },
        } => return audit_verify(&cfg, checkpoint).await,
        Command::Audit {
            command: AuditCommand::Checkpoint,
        } => {
            let app = open(&cfg).await?;
            let cp = app.write_audit_checkpoint().await.map_err(app_err)?;
            eprintln!(
                "Titik periksa audit ditandatangani (entri {}); disimpan di {}.",
                cp.seq,
                app.config
                    .data_dir
                    .join(simpul_app::platform::audit::CHECKPOINT_FILE)
                    .display()
            );
            println!("{}", serde_json::to_string(&cp)?);
        }
        Command::User { command } => user_command(&cfg, command).await?,
        Command::Blobs {
            command: BlobsCommand::Gc { grace_minutes },
        } => {
            let app = open(&cfg).await?;
            let r = app
                .sweep_blobs(Duration::from_secs(grace_minutes.saturating_mul(60)))
                .await
                .map_err(app_err)?;
            println!(
                "{} berkas tanpa rujukan dihapus ({} bita); {} dirujuk, {} tanpa rujukan tetapi lebih muda dari {grace_minutes} menit dibiarkan.",
                r.removed, r.removed_bytes, r.referenced, r.kept_young
            );
        }
        Command::Remind { region } => remind(&cfg, region).await?,
        Command::Openapi => print!("{}", simpul_web::api::openapi_document()),
        Command::Export(args) => return transfer_cmd::export(&cfg, args).await,
        Command::Import(args) => return transfer_cmd::import(&cfg, args).await,
        Command::Catalogue { command } => return transfer_cmd::catalogue(&cfg, command).await,
        Command::Check(args) => {
            let app = open(&cfg).await?;
            return check_cmd::check(&app, args).await;
        }
        Command::Compliance { command } => {
            let app = open(&cfg).await?;
            return compliance_cmd::run(&app, command).await;
        }
        Command::Verify(args) => {
            return Ok(verify_cmd::run(
                &args,
                Some(std::path::Path::new(&cfg.data.dir)),
            ))
        }
    }
    Ok(0)
}

/// `simpul migrate --dry-run`: the pending migrations, and the check of the applied ones'
/// checksums, without changing the database.
async fn migrate_dry_run(url: &str) -> Result<i32> {
    let missing = simpul_store::backup::sqlite_path(url).is_some_and(|p| !p.exists());
    let plan = if missing {
        // A database not created yet would get every migration; it is not created here.
        simpul_store::migrate::Plan {
            pending: simpul_store::migrate::MIGRATIONS
                .iter()
                .map(|m| m.name)
                .collect(),
            ..Default::default()
        }
    } else {
        let store = Store::connect(url, false)
            .await
            .with_context(|| format!("opening {}", redact_url(url)))?;
        let plan = simpul_store::migrate::plan(&store).await;
        store.close().await;
        plan?
    };
    if plan.pending.is_empty() {
        println!(
            "Tidak ada migrasi yang akan dijalankan ({} sudah diterapkan).",
            plan.applied
        );
    } else {
        println!(
            "{} migrasi akan dijalankan ({} sudah diterapkan):",
            plan.pending.len(),
            plan.applied
        );
        for name in &plan.pending {
            println!("  {name}");
        }
    }
    if !plan.unrecorded_checksums.is_empty() {
        println!(
            "{} migrasi lama akan dicatat checksum-nya.",
            plan.unrecorded_checksums.len()
        );
    }
    for name in &plan.pending_data {
        println!("  migrasi data tertunda: {name}");
    }
    Ok(0)
}

/// `simpul audit verify [--checkpoint FILE]`: exit 0 when intact, 1 on any tampering verdict.
async fn audit_verify(cfg: &Config, checkpoint: Option<PathBuf>) -> Result<i32> {
    let checkpoints = match &checkpoint {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let cps = simpul_app::platform::audit::parse_checkpoints(&text)
                .map_err(|e| anyhow!("{}: {e}", path.display()))?;
            if cps.is_empty() {
                bail!("{} holds no checkpoint", path.display());
            }
            cps
        }
        None => Vec::new(),
    };
    let app = open(cfg).await?;
    match app
        .verify_audit_chain_against(&checkpoints)
        .await
        .map_err(app_err)?
    {
        Ok(n) => {
            let anchored = checkpoints.iter().map(|c| c.seq).max();
            match anchored {
                Some(seq) => println!(
                    "OK: rantai audit utuh, {n} entri diverifikasi; cocok dengan {} titik periksa bertanda tangan (sampai entri {seq}).",
                    checkpoints.len()
                ),
                None => println!("OK: rantai audit utuh, {n} entri diverifikasi."),
            }
            Ok(0)
        }
        Err(brk) => {
            eprintln!("GAGAL: rantai audit dirusak: {brk}");
            Ok(1)
        }
    }
}

/// `simpul demo --scale N`: the Metro demo, then synthetic regions 1..=N (existing ones are
/// kept), with progress per region.
async fn demo_scale(cfg: &Config, n: u32) -> Result<i32> {
    if !(1..=99).contains(&n) {
        bail!("--scale must be between 1 and 99");
    }
    let started = std::time::Instant::now();
    let app = open(cfg).await?;
    if simpul_demo::seed(&app).await.map_err(app_err)?.demo_seeded {
        println!("Data demo Kota Metro dibuat.");
    }
    let spec = simpul_demo::scale::ScaleSpec::REGION;
    println!(
        "Membuat {n} wilayah sintetis ({} aplikasi, {} aset per wilayah)…",
        spec.applications, spec.assets
    );
    let loads = simpul_demo::scale::seed_scale(&app, n, spec, |l| {
        if l.created {
            println!(
                "  {}: {} catatan, {} tautan (bangkitkan {:.1} s, tulis {:.1} s)",
                l.region,
                l.records,
                l.links,
                l.generate.as_secs_f64(),
                l.write.as_secs_f64()
            );
        } else {
            println!("  {}: sudah ada, dilewati", l.region);
        }
    })
    .await
    .map_err(app_err)?;
    let records: usize = loads.iter().map(|l| l.records).sum();
    let links: usize = loads.iter().map(|l| l.links).sum();
    println!(
        "Selesai dalam {:.1} s: {records} catatan dan {links} tautan baru. Akun admin tiap wilayah: admin.sintetisNN (kata sandi {}).",
        started.elapsed().as_secs_f64(),
        simpul_demo::password()
    );
    Ok(0)
}

async fn user_command(cfg: &Config, command: UserCommand) -> Result<()> {
    let app = open(cfg).await?;
    match command {
        UserCommand::Add {
            username,
            full_name,
            role,
            region,
            pd,
            email,
        } => {
            let region = RegionId::parse(&region).map_err(|e| anyhow!(e))?;
            app.region(&region)
                .await
                .map_err(|_| anyhow!("unknown region `{region}`"))?;
            let sys = Actor::system(region, "cli");
            let pd_id = match pd {
                Some(code) => {
                    let all = app.all_pds(&sys).await.map_err(app_err)?;
                    let found = all
                        .into_iter()
                        .find(|p| p.code.eq_ignore_ascii_case(&code))
                        .ok_or_else(|| anyhow!("no PD with code `{code}`"))?;
                    Some(found.id.to_string())
                }
                None => None,
            };
            let password = read_password_line()?;
            let input = UserInput {
                username,
                full_name,
                email,
                role,
                pd_id,
                active: true,
            };
            let u = app
                .create_user(&sys, &input, &password)
                .await
                .map_err(app_err)?;
            println!("Akun {} dibuat ({}).", u.username, u.role.code());
        }
        UserCommand::ResetPassword { username } => {
            let u = app
                .user_by_username(&username)
                .await
                .map_err(|_| anyhow!("no account `{username}`"))?;
            let password = read_password_line()?;
            app.reset_password(&Actor::system(u.region.clone(), "cli"), u.id, &password)
                .await
                .map_err(app_err)?;
            println!(
                "Kata sandi {} diganti; semua sesinya diakhiri dan token API-nya dicabut (buat token baru).",
                u.username
            );
        }
        UserCommand::Token { username, name } => {
            let u = app
                .user_by_username(&username)
                .await
                .map_err(|_| anyhow!("no account `{username}`"))?;
            let t = app
                .create_token(&Actor::from_user(&u), &name)
                .await
                .map_err(app_err)?;
            eprintln!("Token API untuk {} (hanya ditampilkan sekali):", u.username);
            println!("{}", t.secret);
        }
    }
    Ok(())
}

fn main() {
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("simpul: cannot start runtime: {e}");
            std::process::exit(2);
        }
    };
    match rt.block_on(run(cli)) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("simpul: {e:#}");
            std::process::exit(2);
        }
    }
}
